"""The embedded default drafter: a complete report from figures, last year's digest and notes, no model.

Deterministic: the same request gives the same text (no clock, no randomness; a signature date is passed
in). Every number in the text comes from the figures, or from a staff note the checker found consistent
with them; every sentence comes from ``prompts/offline/*.toml``. The draft is checked before it is
returned: a note sentence the checker objects to is dropped and the draft rebuilt.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant import standard as std
from assistant.checks import check
from assistant.drafting.lastyear import LastYearDigest, digest_last_year
from assistant.drafting.offline_notes import Note, notes_as_facts
from assistant.drafting.offline_templates import Templates
from assistant.drafting.request import DraftRequest
from assistant.model import Figures, Flag, Meta, Report, Section

_MAX_REBUILDS = 6
_TURNS = 3
_DEPARTMENT_END = re.compile(r"(?:局|委员会|委|办公室|办|中心|院|所|队|站|馆|处)$")
_GOVERNMENT_END = re.compile(r"(?:县|区|市|旗|州|盟|省)(?:人民政府)?$")


# ---------------------------------------------------------------------------------------------------
# The unit: what it calls itself and what it usually publishes about
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Unit:
    name: str
    full_name: str
    kind: str  # township / street / department / government
    subject: str  # 本镇 / 本街道 / 本局 / 本县 …
    makes_rules: bool  # 立法法: only 设区的市 governments and above make 规章


def _unit(req: DraftRequest, digest: LastYearDigest | None) -> Unit:
    name = req.unit.strip()
    full = req.full_name or (digest.full_name if digest else None) or name
    level = req.level
    if _DEPARTMENT_END.search(name) or level == "department":
        kind = "department"
        subject = {"局": "本局", "委": "本委", "办": "本办"}.get(name[-1], "本单位")
    elif level == "street" or name.endswith(("街道", "街道办事处", "办事处")):
        kind, subject = "street", "本街道"
    elif level == "township" or name.endswith(("镇", "乡", "苏木")):
        kind = "township"
        subject = "本" + ("苏木" if name.endswith("苏木") else name[-1])
    else:
        kind = "government"
        m = _GOVERNMENT_END.search(name)
        subject = f"本{m.group(0)[0]}" if m else "本级政府"
    makes_rules = level in ("city", "province")
    return Unit(name, full, kind, subject, makes_rules)


# ---------------------------------------------------------------------------------------------------
# Text assembly with the spans of note sentences, so a flag can be traced back to a note
# ---------------------------------------------------------------------------------------------------
@dataclass
class _Text:
    parts: list[tuple[str, int | None]] = field(default_factory=list)  # (text, note index or None)

    def add(self, text: str, note: int | None = None) -> None:
        if text:
            self.parts.append((text, note))

    def line(self, text: str = "") -> None:
        if self.parts and not self.parts[-1][0].endswith("\n"):
            self.parts.append(("\n", None))
        self.add(text)

    def notes(self, notes: Iterable[Note]) -> None:
        for note in notes:
            self.add(note.text, note.index)

    def build(self) -> tuple[str, list[tuple[int, int, int]]]:
        text = ""
        spans: list[tuple[int, int, int]] = []
        for piece, note in self.parts:
            if note is not None:
                spans.append((len(text), len(text) + len(piece), note))
            text += piece
        return text.rstrip("\n"), spans


_GRAM = 8  # as the copying check: a shared 8-character run is what makes passages read alike
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def _grams(text: str) -> frozenset[str]:
    norm = re.sub(r"\s+", "", _YEAR.sub("YYYY", text))
    return frozenset(norm[i : i + _GRAM] for i in range(len(norm) - _GRAM + 1))


def _clauses(*clauses: str | None) -> str:
    """Clauses joined by "，" into one sentence ending in "。" (empty when there are none)."""
    kept = [c for c in clauses if c]
    return "，".join(kept) + "。" if kept else ""


def _num(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(int(value))


# ---------------------------------------------------------------------------------------------------
class _Drafter:
    def __init__(
        self, req: DraftRequest, t: Templates, dropped: frozenset[int], date: dt.date | None, turn: int = 0
    ) -> None:
        self.req = req
        self.turn = turn  # shifts every variant: the way out when a draft reads like last year's
        self.t = t
        self.fig: Figures = req.figures
        self.digest = digest_last_year(req.last) if req.last is not None else None
        self.unit = _unit(req, self.digest)
        self.date = date
        self.avoid: frozenset[str] = frozenset()
        if req.last is not None:
            self.avoid = frozenset().union(*(_grams(req.last.text_of(n)) for n in (1, 5)))
        self.notes = [n for n in notes_as_facts(req.notes, req.year) if n.index not in dropped]
        self.column = (self.digest.column if self.digest else None) or self.w("preamble.generic_place", unit=req.unit)

    # -- helpers -------------------------------------------------------------------------------------
    def w(self, name: str, k: int = 0, **values: object) -> str:
        """Render a template; the variant turns with the year so next year's draft reads differently."""
        options = self.t.render_all(name, (self.req.unit,), self.req.year + self.turn + k, **values)
        if not self.avoid or len(options) == 1:
            return options[0]
        # With last year's report at hand, take the variant that shares least wording with it (first in
        # turn on a tie), so a unit whose last report was also drafted here does not repeat itself.
        return min(options, key=lambda text: len(_grams(text) & self.avoid))

    def v(self, table: str, row: str, column: str = "total") -> int | float | None:
        return self.fig.value(table, row, column)

    def group_sum(self, rows: Iterable[str], column: str = "total") -> int | float | None:
        values = [self.v("table3", r, column) for r in rows]
        return None if any(x is None for x in values) else sum(x for x in values if x is not None)

    def appeal(self, rows: tuple[str, ...], column: str) -> int | float | None:
        values = [self.v("table4", r, column) for r in rows]
        return None if any(x is None for x in values) else sum(x for x in values if x is not None)

    def bucket(self, *names: str) -> list[Note]:
        return [n for n in self.notes if n.bucket in names]

    def focus(self) -> str:
        return self.w(f"phrases.focus_{self.unit.kind}")

    # -- the report ----------------------------------------------------------------------------------
    def report(self) -> tuple[Report, dict[int, list[tuple[int, int, int]]]]:
        texts = {
            0: self.preamble(),
            1: self.overview(),
            2: self.lead_in("proactive"),
            3: self.lead_in("requests"),
            4: self.lead_in("appeals"),
            5: self.problems(),
            6: self.other(),
        }
        sections: list[Section] = []
        spans: dict[int, list[tuple[int, int, int]]] = {}
        for number, body in texts.items():
            text, note_spans = body.build()
            spans[number] = note_spans
            if number == 0:
                sections.append(Section(number=0, text=text))
                continue
            spec = std.SECTIONS_BY_NUMBER[number]
            sections.append(
                Section(number=number, heading=spec.heading, numbering=f"{std.CN_NUMERALS[number]}、", text=text)
            )
        year = self.req.year
        meta = Meta(
            title=f"{self.unit.name}{year}年政府信息公开工作年度报告",
            unit=self.unit.name,
            year=year,
            level=self.req.level,
            period=f"{year}年1月1日至{year}年12月31日",
            format="draft",
        )
        report = Report(meta=meta, sections=sections, figures=self.fig.model_copy(deep=True))
        return report, spans

    def preamble(self) -> _Text:
        out = _Text()
        year = self.req.year
        out.add(self.w("preamble.basis", full_name=self.unit.full_name, year=year))
        out.add(self.w("preamble.parts"))
        out.add(self.w("preamble.period", year=year))
        url = self.digest.website if self.digest else None
        if url:
            out.add(self.w("preamble.place_url", place=self.column, url=url))
        else:
            out.add(self.w("preamble.place", place=self.column))
        out.add(self.contact())
        return out

    def contact(self) -> str:
        c = self.digest.contact if self.digest else None
        if c is None or not (c.address or c.phone):
            return self.w("preamble.contact_blank", unit=self.unit.full_name)
        details = [
            self.w("preamble.contact_address", address=c.address) if c.address else "",
            self.w("preamble.contact_postcode", postcode=c.postcode) if c.postcode else "",
            self.w("preamble.contact_phone", phone=c.phone) if c.phone else "",
        ]
        office = c.office or self.unit.full_name
        return self.w("preamble.contact", office=office, details="；".join(d for d in details if d))

    def lead_in(self, key: str) -> _Text:
        out = _Text()
        out.add(self.w(f"tables.{key}", year=self.req.year))
        return out

    # -- 一、总体情况 ----------------------------------------------------------------------------------
    def overview(self) -> _Text:
        out = _Text()
        out.add(self.w("overview.lead", year=self.req.year, subject=self.unit.subject, focus=self.focus()))
        out.notes(self.bucket("general"))
        out.line("（一）主动公开")
        out.line(self.w("overview.proactive_general", column=self.column))
        out.add(self.documents())
        out.add(self.decisions())
        out.notes(self.bucket("proactive"))
        out.line("（二）依申请公开")
        out.line()
        for sentence in self.requests():
            out.add(sentence)
        out.add(self.appeals())
        out.notes(self.bucket("requests"))
        out.line("（三）政府信息管理")
        out.line(self.w("overview.management_review"))
        out.add(self.w("overview.management_privacy"))
        out.add(self.w("overview.management_attributes"))
        issued = self.v("table2", "normative_docs", "issued")
        if issued:
            out.add(self.w("overview.management_docs"))
        out.notes(self.bucket("management"))
        out.line("（四）政府信息公开平台建设")
        out.line(self.w("overview.platform_site", column=self.column, subject=self.unit.subject))
        out.add(self.w("overview.platform_boards", boards=self.w(f"phrases.boards_{self.unit.kind}")))
        out.notes(self.bucket("platforms"))
        out.line("（五）监督保障")
        out.line(self.w("overview.oversight_lead", subject=self.unit.subject))
        out.add(self.w("overview.oversight_training"))
        # Governments report 考核、社会评议、责任追究 (条例第五十条第四项); a department its internal checks.
        internal = self.unit.kind == "department"
        out.add(self.w("overview.oversight_internal" if internal else "overview.oversight_assessment"))
        out.notes(self.bucket("oversight"))
        return out

    def documents(self) -> str:
        clauses: list[str] = []
        rules = {c: self.v("table2", "rules", c) for c in ("issued", "repealed", "in_force")}
        if self.unit.makes_rules or any(rules.values()):
            if rules["issued"]:
                clauses.append(self.w("overview.rules_issued", n=_num(rules["issued"])))
            if rules["repealed"]:
                clauses.append(self.w("overview.rules_repealed", n=_num(rules["repealed"])))
            if rules["in_force"]:
                clauses.append(self.w("overview.rules_in_force", n=_num(rules["in_force"])))
        docs = {c: self.v("table2", "normative_docs", c) for c in ("issued", "repealed", "in_force")}
        if docs["issued"] == 0 and docs["repealed"] == 0:
            clauses.append(self.w("overview.docs_none"))
        else:
            if docs["issued"]:
                clauses.append(self.w("overview.docs_issued", n=_num(docs["issued"])))
            if docs["repealed"]:
                clauses.append(self.w("overview.docs_repealed", n=_num(docs["repealed"])))
        if docs["in_force"]:
            clauses.append(self.w("overview.docs_in_force", n=_num(docs["in_force"])))
        return _clauses(*clauses)

    def decisions(self) -> str:
        values = {r: self.v("table2", r, "decisions") for r in ("licensing", "penalty", "enforcement")}
        clauses: list[str] = []
        if all(x == 0 for x in values.values()):
            clauses.append(self.w("overview.decisions_none"))
        else:
            for row, value in values.items():
                if value is None:
                    continue
                if value:
                    clauses.append(self.w(f"overview.{row}_some", n=_num(value)))
                else:
                    clauses.append(self.w(f"overview.{row}_none"))
        fees = self.v("table2", "fees", "amount")
        if fees is not None:
            clauses.append(self.w("overview.fees_some", amount=_num(fees)) if fees else self.w("overview.fees_none"))
        return _clauses(*clauses)

    def requests(self) -> list[str]:
        received = self.v("table3", "received")
        carried_in = self.v("table3", "carried_in")
        handled = self.v("table3", "handled_total")
        carried_out = self.v("table3", "carried_out")
        if received is None or carried_in is None:
            return [self.w("overview.requests_channel", column=self.column, subject=self.unit.subject)]
        if received == 0 and carried_in == 0:
            return [
                self.w("overview.requests_none"),
                self.w("overview.requests_channel", column=self.column, subject=self.unit.subject),
            ]
        out: list[str] = []
        if received == 0:
            out.append(
                _clauses(self.w("overview.requests_none_new"), self.w("overview.carried_in_some", n=_num(carried_in)))
            )
        else:
            out.append(_clauses(self.w("overview.received", n=_num(received)), self.applicants(received)))
            if carried_in:
                out.append(_clauses(self.w("overview.carried_in_some", n=_num(carried_in))))
            else:
                out.append(_clauses(self.w("overview.carried_in_none")))
        if handled is not None:
            if handled:
                outcomes = self.outcomes()
                out.append(
                    _clauses(
                        self.w("overview.handled", n=_num(handled)),
                        self.w("overview.outcomes", list="，".join(outcomes)) if outcomes else None,
                    )
                )
            else:
                out.append(_clauses(self.w("overview.handled_none")))
        if carried_out is not None:
            if carried_out:
                out.append(_clauses(self.w("overview.carried_out_some", n=_num(carried_out))))
            else:
                out.append(_clauses(self.w("overview.carried_out_none")))
        return out

    def applicants(self, received: int | float) -> str | None:
        natural = self.v("table3", "received", "natural_person")
        cols = {c: self.v("table3", "received", c) for c in std.LEGAL_PERSON_COLUMNS}
        if natural is None or any(x is None for x in cols.values()):
            return None
        legal_sum = sum(x for x in cols.values() if x is not None)
        if natural == received and legal_sum == 0:
            return self.w("overview.all_natural")
        parts = [
            self.w("phrases.applicant_part", label=col.label, n=_num(cols[col.key]))
            for col in std.APPLICANT_COLUMNS
            if cols.get(col.key)
        ]
        kinds = [col.label for col in std.APPLICANT_COLUMNS if cols.get(col.key)]
        if len(parts) > 1:
            detail = self.w("overview.split_detail", parts="、".join(parts))
        else:
            detail = self.w("overview.split_detail_one", label=kinds[0]) if kinds else ""
        if natural == 0:
            return self.w("overview.split_legal_only", legal=_num(legal_sum), detail=detail)
        return self.w("overview.split", natural=_num(natural), legal=_num(legal_sum), detail=detail)

    def outcomes(self) -> list[str]:
        phrases: list[str] = []
        other_rows = std.RESULT_GROUPS[std.GROUP_OTHER]
        for row in std.RESULT_ROWS:
            if row in other_rows:
                continue
            value = self.v("table3", row)
            if value:
                phrases.append(self.w(f"phrases.out_{row}", n=_num(value)))
        others = {r: self.v("table3", r) for r in other_rows}
        named = [r for r in ("other_no_correction", "other_unpaid_fee") if others.get(r)]
        total = sum(x for x in others.values() if x)
        if total and not others.get("other_other"):
            phrases.extend(self.w(f"phrases.out_{r}", n=_num(others[r])) for r in named)
        elif total:
            detail = ""
            if named:
                listed = "、".join(self.w(f"phrases.out_{r}", n=_num(others[r])) for r in named)
                detail = self.w("phrases.out_other_detail", list=listed)
            phrases.append(self.w("phrases.out_other_group", n=_num(total)) + detail)
        return phrases

    def appeals(self) -> str:
        if self.fig.table4 is None:
            return ""
        review = self.appeal(("review",), "total")
        suits = self.appeal(std.SUIT_ROWS, "total")
        if review is None or suits is None:
            return ""
        if review == 0 and suits == 0:
            return self.w("overview.appeals_none")
        clauses: list[str] = []
        for rows, some, none in (
            (("review",), "overview.review_some", "overview.review_none"),
            (std.SUIT_ROWS, "overview.suit_some", "overview.suit_none"),
        ):
            total = self.appeal(rows, "total")
            if not total:
                clauses.append(self.w(none))
                continue
            clauses.append(self.w(some, n=_num(total)) + "，" + self.appeal_state(rows, total))
        return "；".join(clauses) + "。"

    def appeal_state(self, rows: tuple[str, ...], total: int | float) -> str:
        values = {c: self.appeal(rows, c) for c in std.APPEAL_SUM_COLUMNS}
        nonzero = [c for c, x in values.items() if x]
        if len(nonzero) == 1 and values[nonzero[0]] == total:
            return self.w(f"overview.appeal_all_{nonzero[0]}")
        listed = "，".join(self.w(f"phrases.appeal_{c}", n=_num(values[c])) for c in nonzero)
        return self.w("overview.appeal_parts", list=listed)

    # -- 五、存在的主要问题及改进情况 -----------------------------------------------------------------------
    def ordinal(self, i: int) -> str:
        style = self.digest.problems_numbering if self.digest else "一是"
        if style == "1.":
            return f"{i + 1}."
        return f"{std.CN_NUMERALS[i + 1] if i < 10 else i + 1}是"

    def items(self, out: _Text, items: list[tuple[str, int | None]]) -> None:
        """A list of items in last year's house style: "1." items on their own lines, else 一是… inline."""
        on_lines = self.digest is not None and self.digest.problems_numbering == "1."
        for text, note in items:
            if on_lines:
                out.line()
            out.add(text, note)

    def problems(self) -> _Text:
        out = _Text()
        out.add(self.w("problems.head_last"))
        out.line()
        if self.digest is None:
            out.add(self.w("problems.last_missing"))
        elif not self.digest.problems:
            out.add(self.w("problems.last_none"))
        else:
            out.add(self.w("problems.last_intro"))
            seen: dict[str, int] = {}
            rectified: list[tuple[str, int | None]] = []
            for i, problem in enumerate(self.digest.problems):
                theme = _theme(problem)
                k = seen.get(theme, 0)
                seen[theme] = k + 1
                fix = self.w(f"problems.fix_{theme}", k)
                rectified.append(
                    (self.w("problems.last_item", i, ordinal=self.ordinal(i), label=_label(problem), fix=fix), None)
                )
            self.items(out, rectified)
        out.line(self.w("problems.head_now"))
        out.line(self.w("problems.now_intro"))
        chosen = self.current_problems()
        noted = self.bucket("problem")
        now: list[tuple[str, int | None]] = []
        for i, (key, values) in enumerate(chosen):
            now.append((self.ordinal(i) + self.w(f"problems.now_{key}", **values), None))
        for j, note in enumerate(noted):
            now.append((self.ordinal(len(chosen) + j) + note.text, note.index))
        self.items(out, now)
        out.line(self.w("problems.head_steps"))
        out.line(self.w("problems.steps_intro"))
        steps: list[tuple[str, int | None]] = []
        for i, (key, _values) in enumerate(chosen):
            steps.append((self.ordinal(i) + self.w(f"problems.step_{key}"), None))
        if noted:
            steps.append((self.ordinal(len(chosen)) + self.w("problems.step_notes"), None))
        self.items(out, steps)
        return out

    def current_problems(self) -> list[tuple[str, dict[str, str]]]:
        """This year's problems, chosen from the figures in priority order, three at most."""
        received = self.v("table3", "received")
        carried_in = self.v("table3", "carried_in")
        handled = self.v("table3", "handled_total") or 0
        not_held = self.v("table3", "unavailable_not_held") or 0
        review = self.appeal(("review",), "total") or 0
        suits = self.appeal(std.SUIT_ROWS, "total") or 0
        pending = (self.appeal(("review",), "pending") or 0) + (self.appeal(std.SUIT_ROWS, "pending") or 0)
        withheld = self.group_sum((*std.RESULT_GROUPS[std.GROUP_WITHHELD], "partly_disclosed")) or 0
        rejected = self.group_sum(std.RESULT_GROUPS[std.GROUP_NOT_PROCESSED]) or 0
        enforcement = sum(self.v("table2", r, "decisions") or 0 for r in ("penalty", "enforcement"))
        found: list[tuple[str, dict[str, str]]] = []
        if review or suits:
            found.append(("appeals_pending" if pending else "appeals", {}))
        if not_held and (not_held >= 2 or not_held * 4 >= handled):
            found.append(("not_held", {"n": _num(not_held)}))
        if received == 0 and carried_in == 0:
            found.append(("zero_requests", {}))
        if self.v("table3", "carried_out"):
            found.append(("carried_out", {}))
        if withheld:
            found.append(("withheld", {}))
        if rejected:
            found.append(("rejected", {}))
        if self.v("table2", "normative_docs", "issued"):
            found.append(("docs", {}))
        if enforcement >= 10:
            found.append(("enforcement", {}))
        found = found[:2]
        found.append(("depth", {}))
        if len(found) < 3:
            found.append(("staff", {}))
        return found[:3]

    # -- 六、其他需要报告的事项 -------------------------------------------------------------------------
    def other(self) -> _Text:
        out = _Text()
        unpaid = self.v("table3", "other_unpaid_fee")
        fee_notes = self.bucket("fees")
        if unpaid:
            out.add(self.w("other.fees_notices", n=_num(unpaid)))
            out.notes(fee_notes)
        elif fee_notes:
            out.add(self.w("other.fees_notes", text=""))
            out.notes(fee_notes)
        else:
            out.add(self.w("other.fees_none"))
        proposals = self.bucket("proposals")
        if proposals:
            out.line(self.w("other.proposals_notes", text=""))
            out.notes(proposals)
        else:
            out.line(self.w("other.proposals_none"))
        points = self.bucket("key_points")
        if points:
            out.line(self.w("other.key_points_notes", text=""))
            out.notes(points)
        else:
            out.line(self.w("other.key_points", subject=self.unit.subject, focus=self.focus()))
        innovation = self.bucket("innovation")
        ordinal = "四"
        if innovation:
            out.line(self.w("other.innovation_notes", text=""))
            out.notes(innovation)
            ordinal = "五"
        out.line(self.w("other.other_none", ordinal=ordinal))
        if self.date is not None:
            out.line()
            out.line(
                self.w(
                    "other.signature",
                    full_name=self.unit.full_name,
                    date=f"{self.date.year}年{self.date.month}月{self.date.day}日",
                )
            )
        return out


# ---------------------------------------------------------------------------------------------------
# Last year's problems: a theme (which rectification to report) and a short label to name it by
# ---------------------------------------------------------------------------------------------------
_THEMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("interpretation", re.compile(r"解读")),
    ("archive", re.compile(r"档案|数字化|检索")),
    ("coordination", re.compile(r"衔接|共享|协同|会商|跨部门")),
    ("requests", re.compile(r"依申请|答复|说理|申请")),
    ("staff", re.compile(r"人员|力量|兼职|能力|业务水平|专业")),
    ("review", re.compile(r"审核|保密|错别字|隐私|个人信息|数据错误|把关")),
    ("grassroots", re.compile(r"村|社区|学校|校务|居务|基层|不均衡")),
    ("timeliness", re.compile(r"更新|及时|滞后|时效|时限|机制")),
    ("channels", re.compile(r"渠道|新媒体|平台|网站|公众号|整合|同步|公告栏|公开栏")),
    ("awareness", re.compile(r"意识|重视|认识")),
    ("content", re.compile(r"内容|重点|全面|单一|零散|不突出|分散|深度")),
)


def _theme(problem: str) -> str:
    head = _label(problem)
    for text in (head, problem):
        for theme, pattern in _THEMES:
            if pattern.search(text):
                return theme
    return "general"


def _label(problem: str) -> str:
    """A short name for last year's problem: its heading (without 问题) and first clause, in ≤ 24 chars."""
    head, colon, rest = problem.partition("：")
    if colon and len(head) <= 12:
        first = re.split(r"[，,。；;：:]", rest, maxsplit=1)[0]
        label = head.removesuffix("问题") + ("：" if first else "") + first
    else:
        label = re.split(r"[，,。；;]", problem, maxsplit=1)[0]
    label = label.strip("“”\"' ")
    return label if len(label) <= 24 else label[:24]


# ---------------------------------------------------------------------------------------------------
def _note_flags(flags: list[Flag], spans: dict[int, list[tuple[int, int, int]]]) -> set[int]:
    """Notes whose sentences the checker flags (a number against the tables, a year, a mobile…)."""
    bad: set[int] = set()
    for flag in flags:
        if flag.section is None or flag.span is None:
            continue
        a, b = flag.span
        for start, end, note in spans.get(flag.section, []):
            if a < end and start < b:
                bad.add(note)
    return bad


def draft_offline(req: DraftRequest, *, date: dt.date | None = None, templates: Templates | None = None) -> Report:
    """The whole report for ``req``, written from templates. ``date`` (optional) signs it off.

    ``templates`` defaults to the packaged ones (callers with a prompts folder in settings load their own).

    Note sentences the checker objects to are dropped; if the draft still reads like last year's report
    (C-COPIED — e.g. last year's report was itself an offline draft), the variants are turned and the
    draft written again. Both loops are bounded and deterministic.
    """
    t = templates or Templates.load()
    dropped: set[int] = set()
    first: Report | None = None
    for turn in range(_TURNS):
        for _ in range(_MAX_REBUILDS):
            report, spans = _Drafter(req, t, frozenset(dropped), date, turn).report()
            flags = check(report, req.last)
            bad = _note_flags(flags, spans) - dropped
            if not bad:
                break
            dropped |= bad
        first = first or report
        if not any(f.code == "C-COPIED" for f in flags):
            return report
    return first if first is not None else _Drafter(req, t, frozenset(dropped), date).report()[0]
