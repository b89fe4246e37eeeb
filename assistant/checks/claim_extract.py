"""Find the claims a section's narrative makes about table cells (the N-MISMATCH reading side).

The text is cut into sentences (。；！？ and line ends) and clauses (，：and brackets). Every figure
(:mod:`assistant.checks.numerals`) gets a *label*: the words between the clause start (or the previous
figure) and the figure — or, when those say nothing, the words after it up to the next figure, 、 or
clause end. Labels are matched against the catalogue (:mod:`assistant.checks.claim_patterns`).

A running *topic* (申请 / 复议诉讼 / 主动公开 / other business such as 12345 or 人大建议) follows the text
from clause to clause, so that "办结298件" after "受理12345工单300件" is not read as an application
figure. Headings reset it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.checks import claim_patterns as cp
from assistant.checks.numerals import FULLWIDTH, Relation, Token, find_tokens

ClaimKind = Literal["count", "amount", "rate"]


@dataclass(frozen=True)
class Claim:
    """One thing the text says about the tables, with every reading that would make it true."""

    section: int
    start: int
    end: int
    text: str  # the evidence, as written
    ref: str  # the catalogue row(s), real-world.md §3
    name: str
    alternatives: tuple[cp.Alternative, ...]  # concrete cells (no "*"), the first is the main reading
    relation: Relation = "eq"
    value: float = 0.0  # what the text states (万元 for amounts, percent for rates)
    decimals: int = 0  # the stated precision (in 万元 for amounts)
    kind: ClaimKind = "count"
    unit: str = ""  # the unit as written: 件, 元, 万元, %
    # Compare each alternative with the matching sum of these cells instead of with ``value``.
    equals: tuple[cp.Alternative, ...] = ()
    count: float | None = None  # rates: the count the percentage is of


_SENTENCE_CHARS = "。！？!?；;\n"
_SENTENCE_END = re.compile(f"[{_SENTENCE_CHARS}]")
_DELIMITER = re.compile(r"[。！？!?；;\n，,（()）]")  # not ：: "申请数量：5件" keeps its label
_SOFT = re.compile(r"[、]")
_FULLWIDTH_QUICK = re.compile(r"[０-９％．]")
_STRIP = "、，,：:；; \t　"
# Any statement rule or 复议/诉讼 negation needs one of these.
_NEGATION_QUICK = re.compile(r"未|没有|无|零|不存在|均|全部|都是|都来自|皆为|维持")


def _mask_row_name(m: re.Match[str]) -> str:
    return "申请".ljust(len(m[0]), "类")  # same length, so offsets into the masked text stay valid


def _pick_topic(present: set[str], masked: str) -> cp.Topic | None:
    """The clause's topic from the topic words it holds (see claim_patterns.TOPIC_WORDS)."""
    if "other" in present and "apply" in present and cp.STRONG_APPLY.search(masked):
        present = present - {"other"}
    for topic in reversed(cp.TOPIC_PRIORITY):
        if topic in present:
            return topic
    return None


def topic_of(text: str) -> cp.Topic | None:
    masked = cp.TOPIC_MASK.sub(_mask_row_name, text) if "投诉" in text or "信访" in text else text
    present = {cp.TOPIC_OF_WORD[m[0]] for m in cp.TOPIC_ANY.finditer(masked)}
    return _pick_topic(present, masked) if present else None


def _resolve(alt: cp.Alternative, columns: tuple[str, ...]) -> cp.Alternative:
    out: list[cp.CellRef] = []
    for table, row, col in alt:
        if col == cp.ANY:
            out.extend((table, row, c) for c in columns)
        else:
            out.append((table, row, col))
    return tuple(out)


def _columns(label: str) -> tuple[str, ...]:
    cols: list[str] = []
    for pattern, keys in cp.COLUMN_WORDS:
        m = pattern.search(label)
        if m:
            cols.extend(k for k in keys if k not in cols)
            label = label[: m.start()] + " " * (m.end() - m.start()) + label[m.end() :]
    return tuple(cols)


def _dated(label: str) -> bool:
    """A label with a day in it ("1件于12月28日收到") speaks of part of the year, unless it is the
    period's end ("截至2024年12月31日共收到…")."""
    if "日" not in label:
        return False
    return any(not label[: m.start()].endswith(("截至", "截止", "至", "到")) for m in cp.DATE.finditer(label))


def _year_veto(label: str, year: int | None) -> bool:
    """A label naming another year speaks of that year ("2023年收到…"); 结转至次年 is still ours."""
    if year is None or "年" not in label:
        return False
    allowed = {year, year + 1} if "结转" in label or "转入" in label else {year}
    return any(int(y) not in allowed for y in cp.YEAR.findall(label))


@dataclass
class _State:
    topic: cp.Topic | None = None
    appeal_rows: tuple[str, ...] = ()
    claims: list[Claim] = field(default_factory=list)
    by_token: dict[int, Claim] = field(default_factory=dict)  # token start → its 表三 claim
    channels: list[tuple[Token, int]] = field(default_factory=list)  # this sentence's "网上申请3件" …


class _Reader:
    def __init__(self, section: int, text: str, year: int | None) -> None:
        self.section = section
        self.text = text.translate(FULLWIDTH) if _FULLWIDTH_QUICK.search(text) else text
        self.original = text
        self.year = year
        self.tokens = find_tokens(self.text)
        self.state = _State()
        self.masked = self.text
        self.sent_start = 0
        self.relevant: bool | None = None

    # -- driving -----------------------------------------------------------------------------------

    def _claim(self, start: int, end: int, **fields: Any) -> Claim:
        """A claim over ``original[start:end]`` in this section."""
        return Claim(section=self.section, start=start, end=end, text=self.original[start:end], **fields)

    def read(self) -> list[Claim]:
        text = self.text
        if not self.tokens and not _NEGATION_QUICK.search(text):
            return []
        # One pass over the whole text for topic words and negation words; clauses then pick theirs up
        # with pointers, and a clause with neither (nor a figure) is skipped without further work.
        masked = cp.TOPIC_MASK.sub(_mask_row_name, text) if "投诉" in text or "信访" in text else text
        self.masked = masked
        hits = [(m.start(), cp.TOPIC_OF_WORD[m[0]]) for m in cp.TOPIC_ANY.finditer(masked)]
        negs = [m.start() for m in _NEGATION_QUICK.finditer(text)]
        hi = ti = ni = 0
        tokens = self.tokens
        n_tokens, n_hits, n_negs = len(tokens), len(hits), len(negs)
        sent_tokens: list[Token] = []
        pos = 0
        for m in _DELIMITER.finditer(text + "\n"):
            c_start, c_end = pos, m.start()
            pos = m.end()
            at_line_start = c_start == self.sent_start and (c_start == 0 or text[c_start - 1] == "\n")
            if at_line_start and cp.HEADING_START.match(text, c_start):
                self.state.topic = None
                self.state.appeal_rows = ()
            clause_tokens: list[Token] = []
            while ti < n_tokens and tokens[ti].start < c_end:
                if tokens[ti].start >= c_start:
                    clause_tokens.append(tokens[ti])
                ti += 1
            present: set[str] = set()
            while hi < n_hits and hits[hi][0] < c_end:
                if hits[hi][0] >= c_start:
                    present.add(hits[hi][1])
                hi += 1
            negated = False
            while ni < n_negs and negs[ni] < c_end:
                negated = negated or negs[ni] >= c_start
                ni += 1
            if c_end > c_start and (clause_tokens or present or negated):
                ctopic = _pick_topic(present, masked[c_start:c_end]) if present else None
                self._clause(c_start, c_end, clause_tokens, ctopic, negated)
                sent_tokens.extend(clause_tokens)
            if m.group() in _SENTENCE_CHARS:
                if len(sent_tokens) > 1:
                    self._rates(sent_tokens)
                    self._channels(sent_tokens)
                self.state.channels = []
                sent_tokens = []
                self.sent_start = pos
                self.relevant = None
        return self.state.claims

    def _relevant(self, strict: bool = False) -> bool:
        """Whether this sentence's 复议/诉讼 are about disclosure.

        A figure needs the sentence to tie it to disclosure (or to stand in 四): a justice bureau also
        reports the reviews it decided. A "none happened" statement may also lean on the application
        paragraph it sits in.
        """
        if self.relevant is None:
            end = _SENTENCE_END.search(self.text, self.sent_start)
            sentence = self.text[self.sent_start : end.start() if end else len(self.text)]
            self.relevant = self.section == 4 or bool(cp.APPEAL_RELEVANT.search(sentence))
        return self.relevant or (not strict and self.state.topic == "apply")

    def _clause(self, start: int, end: int, tokens: list[Token], ctopic: cp.Topic | None, negated: bool) -> None:
        clause = self.text[start:end]
        running = ctopic or self.state.topic
        if negated and cp.STATEMENT_QUICK.search(clause) and not any(t.kind != "percent" for t in tokens):
            self._statements(start, clause, ctopic, running)
        prev_end = start
        for i, tok in enumerate(tokens):
            next_start = tokens[i + 1].start if i + 1 < len(tokens) else end
            if tok.kind != "percent":
                self._token(tok, prev_end, next_start, end, running)
            prev_end = tok.end
        kinds = self._appeal_kinds(clause)
        if kinds:
            self.state.appeal_rows = kinds
        if ctopic:
            self.state.topic = ctopic

    # -- figures -----------------------------------------------------------------------------------
    def _token(self, tok: Token, prev_end: int, next_start: int, clause_end: int, running: cp.Topic | None) -> None:
        text = self.text
        p_start = prev_end
        while p_start < tok.start and text[p_start] in _STRIP:
            p_start += 1
        prefix = text[p_start : tok.start]
        s_end = next_start
        soft = _SOFT.search(text, tok.end, s_end)
        if soft:
            s_end = soft.start()
        s_end = min(s_end, clause_end)
        suffix = text[tok.end : s_end]
        both = prefix + suffix
        if cp.GLOBAL_VETO.search(both) or _year_veto(both, self.year) or _dated(both):
            return
        topic = topic_of(both) or running
        if topic == "appeal":
            if self._relevant(strict=True):
                self._appeal(tok, prefix, suffix, p_start, s_end)
            return
        if topic == "other":
            return
        if self._table2(tok, prefix, p_start):
            return
        if topic == "proactive" or tok.kind != "count" or tok.unit not in cp.APPLICATION_UNITS:
            return
        if topic == "apply" and tok.relation == "eq" and cp.CHANNEL.search(prefix) and prefix.strip():
            self.state.channels.append((tok, p_start))
            return
        if prefix.strip() and self._table3(tok, prefix, (p_start, tok.end), topic):
            return
        # "3件予以公开": the words after the figure, only when nothing of substance stands before it.
        if suffix.strip() and cp.CONNECTIVE_ONLY.match(prefix):
            self._table3(tok, suffix, (tok.start, s_end), topic)

    def _emit(
        self,
        tok: Token,
        span: tuple[int, int],
        rule_ref: str,
        name: str,
        alternatives: tuple[cp.Alternative, ...],
        relation: Relation | None = None,
    ) -> Claim:
        start, end = span
        claim = self._claim(
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
        self.state.claims.append(claim)
        return claim

    def _table3(self, tok: Token, label: str, span: tuple[int, int], topic: cp.Topic | None) -> bool:
        cols = _columns(label) or ("total",)
        first: cp.CountRule | None = None
        for rule in cp.COUNT_RULES:
            if rule.scope == "apply" and topic != "apply":
                continue
            if not rule.label.search(label) or (rule.requires and not rule.requires.search(label)):
                continue
            if rule.veto and rule.veto.search(label):
                return True  # the best reading is vetoed: the figure is deliberately left alone
            first = rule
            break
        if first is None:
            if cols == ("total",) or topic != "apply":
                return False
            first = cp.APPLICANT_RULE
            if first.veto and first.veto.search(label):
                return True
        rules: list[cp.CountRule] = []
        if first.outcome and cp.LIST_CONNECTOR.search(label):
            matches = [(m.start(), m.end(), r) for r in cp.OUTCOME_RULES if (m := r.label.search(label))]
            rules = self._outcome_list(label, matches)
        after = self.text[tok.end : tok.end + 24]
        carried = bool(cp.WITH_CARRIED.match(after))
        relation = tok.relation
        if first.subset_if and first.subset_if.search(label) and relation == "eq":
            relation = "ge"
        if len(rules) > 1:
            if cp.EACH.search(label):
                for rule in rules:
                    self._emit_t3(tok, span, rule, rule.alternatives[:1], cols, relation)
            else:
                summed = tuple(c for rule in rules for c in rule.alternatives[0])
                name = "＋".join(r.name for r in rules)
                self._emit_t3(tok, span, rules[0], (summed,), cols, relation, name=name)
            return True
        alternatives = first.with_carried if carried and first.with_carried else first.alternatives
        if not carried and first.with_carried and cp.MAYBE_CARRIED.match(after):
            # "收到申请1466件（上年度结转16件…）": the 16 may or may not be inside (format.md N-1).
            alternatives = tuple(dict.fromkeys(first.alternatives + first.with_carried))
        self._emit_t3(tok, span, first, alternatives, cols, relation)
        return True

    def _emit_t3(
        self,
        tok: Token,
        span: tuple[int, int],
        rule: cp.CountRule,
        alternatives: tuple[cp.Alternative, ...],
        cols: tuple[str, ...],
        relation: Relation,
        name: str | None = None,
    ) -> None:
        resolved = tuple(_resolve(a, cols) for a in alternatives)
        claim = self._emit(tok, span, rule.ref, name or rule.name, resolved, relation)
        self.state.by_token[tok.start] = claim

    @staticmethod
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

    def _table2(self, tok: Token, prefix: str, p_start: int) -> bool:
        """表二: 规章/规范性文件, 许可/处罚/强制 decisions, 行政事业性收费. True when the label is theirs."""
        if not cp.TABLE2_QUICK.search(prefix):
            return False
        span = (p_start, tok.end)
        if cp.FEES.search(prefix):
            if tok.kind == "percent" or cp.FEES_VETO.search(prefix):
                return True
            if tok.kind == "count" and tok.unit:
                return True  # "收费项目3项": not an amount
            value, decimals = tok.value, tok.decimals
            if tok.unit == "元":
                value, decimals = value / 10000, decimals + 4
            start, end = span
            self.state.claims.append(
                self._claim(
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
            return True
        if tok.kind != "count":
            return False
        docs = [row for pattern, row in cp.DOC_ROWS if pattern.search(prefix)]
        if docs:
            if cp.DOC_VETO.search(prefix):
                return True
            columns: tuple[tuple[str, ...], ...] | None = None
            for pattern, cols in cp.DOC_COLUMNS:
                if pattern.search(prefix):
                    columns = cols
                    break
            if columns is None:
                return True
            alternatives = tuple(tuple(("table2", r, c) for r in docs for c in cols) for cols in columns)
            self._emit(tok, span, "§3 #1–#3", "规章/行政规范性文件", alternatives)
            return True
        rows = [row for pattern, row in cp.DECISION_ROWS if pattern.search(prefix)]
        if rows:
            if cp.DECISION_VETO.search(prefix):
                return True
            if cp.DECISION_ITEMS.search(prefix) and not cp.DECISION_VERB.search(prefix):
                return True  # "行政许可事项N项" is the list of item types, not decisions
            cells = tuple(("table2", r, "decisions") for r in rows)
            if len(cells) > 1 and cp.EACH.search(prefix):
                for cell in cells:
                    self._emit(tok, span, "§3 #5, #7, #9", "行政许可/处罚/强制", ((cell,),))
            else:
                self._emit(tok, span, "§3 #5, #7, #9", "行政许可/处罚/强制", (cells,))
            return True
        return False

    # -- 表四 --------------------------------------------------------------------------------------
    def _appeal_kinds(self, text: str) -> tuple[str, ...]:
        if "复议" not in text and "诉" not in text:
            return ()
        rows: list[str] = []
        for pattern, keys in cp.APPEAL_KINDS:
            m = pattern.search(text)
            while m:
                rows.extend(k for k in keys if k not in rows)
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
                m = pattern.search(text)
        order = ("review", *cp.SUITS)
        return tuple(r for r in order if r in rows)

    def _appeal(self, tok: Token, prefix: str, suffix: str, p_start: int, s_end: int) -> None:
        if tok.kind != "count":
            return
        use_suffix = bool(cp.CONNECTIVE_ONLY.match(prefix))
        label = suffix if use_suffix else prefix
        span = (p_start if prefix.strip() else tok.start, s_end) if use_suffix else (p_start, tok.end)
        both = prefix + suffix if use_suffix else prefix
        rows = self._appeal_kinds(both) or self.state.appeal_rows
        if not rows:
            return
        columns: tuple[str, ...] = ("total",)
        for pattern, cols in cp.APPEAL_COLUMNS:
            if pattern.search(both):
                columns = cols
                break
        groups: list[tuple[str, ...]]
        if cp.EACH.search(label) and "review" in rows and len(rows) > 1:
            groups = [("review",), tuple(r for r in rows if r != "review")]
        else:
            groups = [rows]
        for g in groups:
            cells = tuple(("table4", r, c) for r in g for c in columns)
            self._emit(tok, span, "§3 #36–#41", "行政复议/行政诉讼", (cells,))

    # -- statements without a figure ---------------------------------------------------------------
    def _statements(self, start: int, clause: str, ctopic: cp.Topic | None, running: cp.Topic | None) -> None:
        # "…，没有发生被纠错的情况" after a 复议 sentence still speaks of 复议 (§3 #44).
        if ctopic == "appeal" or (
            running == "appeal" and (cp.APPEAL_HEDGE.search(clause) or cp.APPEAL_ALL_UPHELD.search(clause))
        ):
            if self._relevant():
                self._appeal_negation(start, clause)
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
            self._statement(
                start + m.start(), start + m.end(), rule.ref, rule.name, rule.alternatives, equals=rule.equals
            )
        self._zero_table2(start, clause)

    def _statement(
        self,
        start: int,
        end: int,
        ref: str,
        name: str,
        alternatives: tuple[cp.Alternative, ...],
        equals: tuple[cp.Alternative, ...] = (),
    ) -> None:
        resolved = tuple(_resolve(a, ("total",)) for a in alternatives)
        self.state.claims.append(
            self._claim(
                start,
                end,
                ref=ref,
                name=name,
                alternatives=resolved,
                unit="",
                equals=equals,
            )
        )

    def _zero_table2(self, start: int, clause: str) -> None:
        m = cp.DOCS_ZERO.search(clause)
        if m and not cp.DOC_VETO.search(m[0]):
            verbs = m["verbs"]
            cols = []
            if re.search(r"制定|制发|出台|印发|发布", verbs):
                cols.append("issued")
            if "废止" in verbs:
                cols.append("repealed")
            docs = [row for pattern, row in cp.DOC_ROWS if pattern.search(m[0])]
            cells = tuple(("table2", r, c) for r in docs for c in cols)
            if cells:
                self._statement(start + m.start(), start + m.end(), "§3 #4", "未制定规章/规范性文件", (cells,))
        m = cp.DECISIONS_ZERO.search(clause)
        if m and not cp.DECISION_VETO.search(m[0]):
            rows = [row for pattern, row in cp.DECISION_ROWS if pattern.search(m[0])]
            cells = tuple(("table2", r, "decisions") for r in rows)
            self._statement(start + m.start(), start + m.end(), "§3 #6", "未办理行政许可/处罚/强制", (cells,))

    def _appeal_negation(self, start: int, clause: str) -> None:
        upheld = cp.APPEAL_ALL_UPHELD.search(clause)
        if upheld:
            # §3 #37 "均维持结果": every case of the kinds in view was upheld.
            rows = self._appeal_kinds(clause) or self.state.appeal_rows
            if rows:
                self._statement(
                    start + upheld.start(),
                    start + upheld.end(),
                    "§3 #37",
                    "均维持",
                    (tuple(("table4", r, "total") for r in rows),),
                    equals=(tuple(("table4", r, "upheld") for r in rows),),
                )
            return
        neg = cp.APPEAL_NEGATION.search(clause)
        if not neg:
            return
        hedge = cp.APPEAL_HEDGE.search(clause)
        rows = self._appeal_kinds(clause)
        if hedge:
            # 43 vs 44: a sentence about 纠错/败诉 says nothing about how many cases there were.
            hedge_rows: list[str] = []
            if "复议" in clause or re.search(r"纠错|纠正", clause):
                hedge_rows.append("review")
            if re.search(r"诉讼|起诉|败诉", clause):
                hedge_rows.extend(cp.SUITS)
            cells = tuple(("table4", r, "corrected") for r in hedge_rows or ("review", *cp.SUITS))
            name = "无被纠错/败诉"
        else:
            rows = rows or self.state.appeal_rows
            if not rows:
                return
            cells = tuple(("table4", r, "total") for r in rows)
            name = "未发生行政复议/行政诉讼"
        self._statement(start, start + len(clause.rstrip()), "§3 #43–#44", name, (cells,))

    # -- rates -------------------------------------------------------------------------------------
    def _channels(self, tokens: list[Token]) -> None:
        """ "收到申请5件，其中网上申请3件、信函1件、当面1件" (§3 #19): the channels have no cell, but
        together they cannot exceed the applications the table holds (a list may leave one out)."""
        channels = self.state.channels
        if len(channels) < 2:
            return
        received = [
            t
            for t in tokens
            if t.start < channels[0][0].start
            and (c := self.state.by_token.get(t.start))
            and c.name in ("收到申请", "受理申请", "依申请公开（数量）", "办理申请")
        ]
        if not received:
            return
        start, end = channels[0][1], channels[-1][0].end
        self.state.claims.append(
            self._claim(
                start,
                end,
                ref="§3 #19",
                name="申请渠道之和",
                alternatives=(_resolve(cp.t3("received", "carried_in"), ("total",)),),
                relation="ge",  # the table must hold at least what the channels add up to
                value=sum(t.value for t, _ in channels),
                unit="件",
            )
        )

    def _rates(self, tokens: list[Token]) -> None:
        """ "予以公开3件，占60%": the rate must be the count over a plausible base (§3, format.md N-2)."""
        last_count: Token | None = None
        for tok in tokens:
            if tok.kind != "percent":
                last_count = tok
                continue
            if last_count is None or last_count.relation != "eq" or tok.relation != "eq":
                continue
            claim = self.state.by_token.get(last_count.start)
            if claim is None or not cp.RATE_GAP.match(self.text[last_count.end : tok.start]):
                continue
            bases = (cp.t3("handled_total"), cp.t3("received"), cp.t3("received", "carried_in"))
            self.state.claims.append(
                self._claim(
                    claim.start,
                    tok.end,
                    ref="format.md N-2",
                    name="比例",
                    alternatives=tuple(_resolve(b, ("total",)) for b in bases),
                    relation="eq",
                    value=tok.value,
                    decimals=tok.decimals,
                    kind="rate",
                    unit="%",
                    count=last_count.value,
                )
            )


def extract(section: int, text: str, year: int | None = None) -> list[Claim]:
    """Every claim about table cells in one section's narrative text."""
    return _Reader(section, text, year).read()
