"""Claims built from one figure and its label: 表二 (documents, decisions, fees), 表三 (applications and
outcomes) and 表四 (复议/诉讼)."""

from __future__ import annotations

import itertools
from typing import Literal

from assistant.checks import claim_patterns as cp
from assistant.checks.claim_reading import Claim, Reading, keys_named, resolve
from assistant.checks.claim_topics import appeal_kinds
from assistant.checks.numerals import Relation, Token

_Vetoed = Literal["vetoed"]


def _emit(
    r: Reading,
    tok: Token,
    span: tuple[int, int],
    rule_ref: str,
    name: str,
    alternatives: tuple[cp.Alternative, ...],
    relation: Relation | None = None,
) -> Claim:
    start, end = span
    claim = r.claim(
        start,
        end,
        ref=rule_ref,
        name=name,
        alternatives=alternatives,
        relation=relation or tok.relation,
        value=tok.value,
        decimals=tok.decimals,
        kind="count",
        unit=tok.unit,
    )
    r.claims.append(claim)
    return claim


def _columns(label: str) -> tuple[str, ...]:
    return tuple(keys_named(label, cp.COLUMN_WORDS))


# -- 表三 ------------------------------------------------------------------------------------------------
def table3(r: Reading, tok: Token, label: str, span: tuple[int, int], topic: cp.Topic | None) -> bool:
    """A 表三 claim for the figure when its label names a row. True when the figure is dealt with."""
    cols = _columns(label) or ("total",)
    first = _count_rule(label, topic, cols != ("total",))
    if first is None:
        return False
    if first == "vetoed":
        return True  # the best reading is vetoed: the figure is deliberately left alone
    rules: list[cp.CountRule] = []
    if first.outcome and cp.LIST_CONNECTOR.search(label):
        matches = [(m.start(), m.end(), rule) for rule in cp.OUTCOME_RULES if (m := rule.label.search(label))]
        rules = _outcome_list(label, matches)
    after = r.text[tok.end : tok.end + 24]
    relation = tok.relation
    if first.subset_if and first.subset_if.search(label) and relation == "eq":
        relation = "ge"
    if len(rules) > 1:
        _emit_list(r, tok, span, rules, label, cols, relation)
    else:
        _emit_t3(r, tok, span, first, _alternatives(first, after), cols, relation)
    return True


def _count_rule(label: str, topic: cp.Topic | None, has_columns: bool) -> cp.CountRule | _Vetoed | None:
    """The first catalogue rule the label matches (the applicant rule for a bare column word), or why not."""
    for rule in cp.COUNT_RULES:
        if rule.scope == "apply" and topic != "apply":
            continue
        if not rule.label.search(label) or (rule.requires and not rule.requires.search(label)):
            continue
        if rule.veto and rule.veto.search(label):
            return "vetoed"
        return rule
    if not has_columns or topic != "apply":
        return None
    if cp.APPLICANT_RULE.veto and cp.APPLICANT_RULE.veto.search(label):
        return "vetoed"
    return cp.APPLICANT_RULE


def _alternatives(rule: cp.CountRule, after: str) -> tuple[cp.Alternative, ...]:
    """The rule's readings, with or without 上年度结转 by what follows the figure."""
    if cp.WITH_CARRIED.match(after) and rule.with_carried:
        return rule.with_carried
    if rule.with_carried and cp.MAYBE_CARRIED.match(after):
        # "收到申请1466件（上年度结转16件…）": the 16 may or may not be inside (format.md N-1).
        return tuple(dict.fromkeys(rule.alternatives + rule.with_carried))
    return rule.alternatives


def _emit_list(
    r: Reading,
    tok: Token,
    span: tuple[int, int],
    rules: list[cp.CountRule],
    label: str,
    cols: tuple[str, ...],
    relation: Relation,
) -> None:
    """Outcomes listed together: one claim each ("各N件"), else one claim on their sum."""
    if cp.EACH.search(label):
        for rule in rules:
            _emit_t3(r, tok, span, rule, rule.alternatives[:1], cols, relation)
    else:
        summed = tuple(c for rule in rules for c in rule.alternatives[0])
        name = "＋".join(rule.name for rule in rules)
        _emit_t3(r, tok, span, rules[0], (summed,), cols, relation, name=name)


def _emit_t3(
    r: Reading,
    tok: Token,
    span: tuple[int, int],
    rule: cp.CountRule,
    alternatives: tuple[cp.Alternative, ...],
    cols: tuple[str, ...],
    relation: Relation,
    name: str | None = None,
) -> None:
    resolved = tuple(resolve(a, cols) for a in alternatives)
    claim = _emit(r, tok, span, rule.ref, name or rule.name, resolved, relation)
    r.by_token[tok.start] = claim


def _outcome_list(label: str, matches: list[tuple[int, int, cp.CountRule]]) -> list[cp.CountRule]:
    """Outcome rules joined by 、/和/及 in one label ("予以公开和部分公开共4件"), else []."""
    if len(matches) < 2:
        return []
    # A named sub-reason is the reading of its group's word ("因属于国家秘密不予公开" is one figure).
    named = [m for m in matches if len(m[2].alternatives[0]) == 1]
    covered = {m[2].outcome for m in named}
    kept = sorted(named + [m for m in matches if len(m[2].alternatives[0]) > 1 and m[2].outcome not in covered])
    if len(kept) < 2:
        return []
    for a, b in itertools.pairwise(kept):
        if b[0] < a[1] or not cp.LIST_CONNECTOR.search(label[a[1] : b[0]]):
            return []
    return [m[2] for m in kept]


# -- 表二 ------------------------------------------------------------------------------------------------
def table2(r: Reading, tok: Token, prefix: str, p_start: int) -> bool:
    """表二: 规章/规范性文件, 许可/处罚/强制 decisions, 行政事业性收费. True when the label is theirs."""
    if not cp.TABLE2_QUICK.search(prefix):
        return False
    span = (p_start, tok.end)
    if cp.FEES.search(prefix):
        _fees(r, tok, prefix, span)
        return True
    if tok.kind != "count":
        return False
    docs = [row for pattern, row in cp.DOC_ROWS if pattern.search(prefix)]
    if docs:
        _documents(r, tok, prefix, span, docs)
        return True
    rows = [row for pattern, row in cp.DECISION_ROWS if pattern.search(prefix)]
    if rows:
        _decisions(r, tok, prefix, span, rows)
        return True
    return False


def _fees(r: Reading, tok: Token, prefix: str, span: tuple[int, int]) -> None:
    """The 行政事业性收费 amount, in 万元."""
    if tok.kind == "percent" or cp.FEES_VETO.search(prefix):
        return
    if tok.kind == "count" and tok.unit:
        return  # "收费项目3项": not an amount
    value, decimals = tok.value, tok.decimals
    if tok.unit == "元":
        value, decimals = value / 10000, decimals + 4
    start, end = span
    r.claims.append(
        r.claim(
            start,
            end,
            ref="§3 #10–#11",
            name="行政事业性收费",
            alternatives=((("table2", "fees", "amount"),),),
            relation=tok.relation,
            value=value,
            decimals=decimals,
            kind="amount",
            unit=tok.unit or "万元",
        )
    )


def _documents(r: Reading, tok: Token, prefix: str, span: tuple[int, int], docs: list[str]) -> None:
    """规章/规范性文件 issued, repealed or in force."""
    if cp.DOC_VETO.search(prefix):
        return
    columns: tuple[tuple[str, ...], ...] | None = None
    for pattern, cols in cp.DOC_COLUMNS:
        if pattern.search(prefix):
            columns = cols
            break
    if columns is None:
        return
    alternatives = tuple(tuple(("table2", row, c) for row in docs for c in cols) for cols in columns)
    _emit(r, tok, span, "§3 #1–#3", "规章/行政规范性文件", alternatives)


def _decisions(r: Reading, tok: Token, prefix: str, span: tuple[int, int], rows: list[str]) -> None:
    """许可/处罚/强制 decisions (one claim each for "各N件", else one on their sum)."""
    if cp.DECISION_VETO.search(prefix):
        return
    if cp.DECISION_ITEMS.search(prefix) and not cp.DECISION_VERB.search(prefix):
        return  # "行政许可事项N项" is the list of item types, not decisions
    cells = tuple(("table2", row, "decisions") for row in rows)
    if len(cells) > 1 and cp.EACH.search(prefix):
        for cell in cells:
            _emit(r, tok, span, "§3 #5, #7, #9", "行政许可/处罚/强制", ((cell,),))
    else:
        _emit(r, tok, span, "§3 #5, #7, #9", "行政许可/处罚/强制", (cells,))


# -- 表四 ------------------------------------------------------------------------------------------------
def appeal(r: Reading, tok: Token, prefix: str, suffix: str, p_start: int, s_end: int) -> None:
    """A 复议/诉讼 count, on the rows the label (or the running text) names."""
    if tok.kind != "count":
        return
    use_suffix = bool(cp.CONNECTIVE_ONLY.match(prefix))
    label = suffix if use_suffix else prefix
    span = (p_start if prefix.strip() else tok.start, s_end) if use_suffix else (p_start, tok.end)
    both = prefix + suffix if use_suffix else prefix
    rows = appeal_kinds(both) or r.appeal_rows
    if not rows:
        return
    columns: tuple[str, ...] = ("total",)
    for pattern, cols in cp.APPEAL_COLUMNS:
        if pattern.search(both):
            columns = cols
            break
    groups: list[tuple[str, ...]]
    if cp.EACH.search(label) and "review" in rows and len(rows) > 1:
        groups = [("review",), tuple(row for row in rows if row != "review")]
    else:
        groups = [rows]
    for g in groups:
        cells = tuple(("table4", row, c) for row in g for c in columns)
        _emit(r, tok, span, "§3 #36–#41", "行政复议/行政诉讼", (cells,))
