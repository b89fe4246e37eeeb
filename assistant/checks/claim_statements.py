"""Claims made without a figure: "未发生行政复议", "没有制定规范性文件", "均维持" …"""

from __future__ import annotations

import re

from assistant.checks import claim_patterns as cp
from assistant.checks.claim_reading import Reading, resolve
from assistant.checks.claim_topics import appeal_kinds


def read_statements(r: Reading, start: int, clause: str, ctopic: cp.Topic | None, running: cp.Topic | None) -> None:
    """The statement claims of one negated clause starting at ``start``."""
    # "…，没有发生被纠错的情况" after a 复议 sentence still speaks of 复议 (§3 #44).
    if ctopic == "appeal" or (
        running == "appeal" and (cp.APPEAL_HEDGE.search(clause) or cp.APPEAL_ALL_UPHELD.search(clause))
    ):
        if r.relevant():
            _appeal_negation(r, start, clause)
        return
    if ctopic == "other":
        return
    for rule in cp.STATEMENT_RULES:
        if rule.quick not in clause:
            continue
        if rule.scope == "apply" and running != "apply":
            continue
        m = rule.pattern.search(clause)
        if not m or (rule.veto and rule.veto.search(clause)):
            continue
        _statement(r, start + m.start(), start + m.end(), rule.ref, rule.name, rule.alternatives, equals=rule.equals)
    _zero_table2(r, start, clause)


def _statement(
    r: Reading,
    start: int,
    end: int,
    ref: str,
    name: str,
    alternatives: tuple[cp.Alternative, ...],
    equals: tuple[cp.Alternative, ...] = (),
) -> None:
    resolved = tuple(resolve(a, ("total",)) for a in alternatives)
    r.claims.append(
        r.claim(
            start,
            end,
            ref=ref,
            name=name,
            alternatives=resolved,
            unit="",
            equals=equals,
        )
    )


def _zero_table2(r: Reading, start: int, clause: str) -> None:
    m = cp.DOCS_ZERO.search(clause)
    if m and not cp.DOC_VETO.search(m[0]):
        verbs = m["verbs"]
        cols = []
        if re.search(r"制定|制发|出台|印发|发布", verbs):
            cols.append("issued")
        if "废止" in verbs:
            cols.append("repealed")
        docs = [row for pattern, row in cp.DOC_ROWS if pattern.search(m[0])]
        cells = tuple(("table2", row, c) for row in docs for c in cols)
        if cells:
            _statement(r, start + m.start(), start + m.end(), "§3 #4", "未制定规章/规范性文件", (cells,))
    m = cp.DECISIONS_ZERO.search(clause)
    if m and not cp.DECISION_VETO.search(m[0]):
        rows = [row for pattern, row in cp.DECISION_ROWS if pattern.search(m[0])]
        cells = tuple(("table2", row, "decisions") for row in rows)
        _statement(r, start + m.start(), start + m.end(), "§3 #6", "未办理行政许可/处罚/强制", (cells,))


def _appeal_negation(r: Reading, start: int, clause: str) -> None:
    upheld = cp.APPEAL_ALL_UPHELD.search(clause)
    if upheld:
        # §3 #37 "均维持结果": every case of the kinds in view was upheld.
        rows = appeal_kinds(clause) or r.appeal_rows
        if rows:
            _statement(
                r,
                start + upheld.start(),
                start + upheld.end(),
                "§3 #37",
                "均维持",
                (tuple(("table4", row, "total") for row in rows),),
                equals=(tuple(("table4", row, "upheld") for row in rows),),
            )
        return
    neg = cp.APPEAL_NEGATION.search(clause)
    if not neg:
        return
    hedge = cp.APPEAL_HEDGE.search(clause)
    rows = appeal_kinds(clause)
    if hedge:
        # 43 vs 44: a sentence about 纠错/败诉 says nothing about how many cases there were.
        hedge_rows: list[str] = []
        if "复议" in clause or re.search(r"纠错|纠正", clause):
            hedge_rows.append("review")
        if re.search(r"诉讼|起诉|败诉", clause):
            hedge_rows.extend(cp.SUITS)
        cells = tuple(("table4", row, "corrected") for row in hedge_rows or ("review", *cp.SUITS))
        name = "无被纠错/败诉"
    else:
        rows = rows or r.appeal_rows
        if not rows:
            return
        cells = tuple(("table4", row, "total") for row in rows)
        name = "未发生行政复议/行政诉讼"
    _statement(r, start, start + len(clause.rstrip()), "§3 #43–#44", name, (cells,))
