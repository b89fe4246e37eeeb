"""Review decisions joined to flags: which flag a decision is about, what is open, what is settled; which
stored report is open and how its flags read on the page."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant import standard as std
from assistant.appkit.plain import md
from assistant.codes import short_name
from assistant.model import Flag, Report, flag_key
from assistant.store import Decision, DraftKey, ReportKey, Store, UploadKey, parse_report_key

DECISION_CN = {"accept": "需修改", "dismiss": "忽略", "open": "待处理"}
SEVERITY_ORDER = ("error", "warning")


@dataclass(frozen=True)
class Item:
    """A flag on the review page with its id (:func:`flag_key`) and the reviewer's decision on it, if any."""

    flag: Flag
    id: str
    decision: Decision | None
    slot: int = 0  # the how-manieth item with this id: widget keys stay unique when two flags share one id

    @property
    def settled(self) -> bool:
        """Decided: accepted or dismissed (a flag reopened or never decided is not)."""
        return self.decision is not None and self.decision.decision in ("accept", "dismiss")

    @property
    def open(self) -> bool:
        """Still to be put to the clerk: undecided, reopened, or accepted as needing a change."""
        return self.decision is None or self.decision.decision in ("accept", "open")


def items(flags: Iterable[Flag], decisions: Mapping[str, Decision]) -> list[Item]:
    """Each flag with its decision. Two flags may share one id (same place, other words): both are kept."""
    out: list[Item] = []
    seen: Counter[str] = Counter()
    for f in flags:
        key = flag_key(f)
        out.append(Item(f, key, decisions.get(key), seen[key]))
        seen[key] += 1
    return out


def by_severity(entries: Iterable[Item]) -> dict[str, list[Item]]:
    """The entries grouped by severity, errors before warnings; both groups are present even when empty."""
    out: dict[str, list[Item]] = {s: [] for s in SEVERITY_ORDER}
    for e in entries:
        out.setdefault(e.flag.severity, []).append(e)
    return out


def flags_for_comments(entries: Iterable[Item]) -> list[Flag]:
    """The flags a clerk should see as Word comments: all but the dismissed; the reviewer's words appended."""
    out: list[Flag] = []
    for e in entries:
        if e.decision is not None and e.decision.decision == "dismiss":
            continue
        flag = e.flag
        if e.decision is not None and e.decision.decision == "accept" and e.decision.comment.strip():
            flag = flag.model_copy(update={"message": f"{flag.message}（审核意见：{e.decision.comment.strip()}）"})
        out.append(flag)
    return out


# ---------------------------------------------------------------------------------------------------
def report_choices(store: Store) -> dict[ReportKey, str]:
    """Every report a reviewer can open, uploads first (newest first), then each unit-year's latest draft."""
    choices: dict[ReportKey, str] = {key: f"上传：{name}（{when}）" for key, name, when in store.uploads()}
    for unit, year, version, when in store.latest_drafts():
        choices[DraftKey(unit.id, year)] = f"草稿：{unit.name} {year}年度（第 {version} 版，{when}）"
    return choices


def chosen_key(choices: Mapping[ReportKey, str], *wanted: ReportKey | str | None) -> ReportKey:
    """The first wanted key that can be opened (a URL's text form is parsed), else the first choice."""
    for want in wanted:
        key = parse_report_key(want) if isinstance(want, str) else want
        if key is not None and key in choices:
            return key
    return next(iter(choices))


def open_report(store: Store, key: ReportKey) -> tuple[Report, Report | None] | None:
    """The report behind a key and the last-year report kept with it; None when it is gone."""
    if isinstance(key, UploadKey):
        upload = store.upload(key)
        return (upload.report, upload.last) if upload else None
    draft = store.draft(key.unit_id, key.year)
    last = store.last_year(key.unit_id, key.year)
    return (draft.report, last[1] if last else None) if draft else None


def widget_key(prefix: str, report: ReportKey, item: Item) -> str:
    """A short widget key unique per report and flag (flag ids are long and hold any character)."""
    return f"{prefix}-{hashlib.sha1(f'{report.text}|{item.id}|{item.slot}'.encode()).hexdigest()[:12]}"


def flag_line(f: Flag) -> str:
    """One flag as a line of Streamlit markdown: severity icon, code, short name, message."""
    icon = ":red[:material/error:]" if f.severity == "error" else ":orange[:material/warning:]"
    return f"{icon} `{f.code}` {short_name(f.code)}：{md(f.message)}"


def flag_title(f: Flag) -> str:
    """A flag card's first line: code, short name and where in the report."""
    where = std.section_name(f.section) if f.section is not None else "全文"
    return f"`{f.code}` **{short_name(f.code)}** · {where}"


def section_tab(number: int, open_flags: int) -> str:
    """The label of a section's tab: its short name and how many flags are still open there."""
    name = "标题与前言" if number == 0 else std.section_name(number)[:2].rstrip("、")
    return name + (f"（{open_flags}）" if open_flags else "")


def tally(entries: Iterable[Item]) -> tuple[int, int, int]:
    """(errors, warnings, settled) among the entries."""
    listed = list(entries)
    errors = sum(1 for e in listed if e.flag.severity == "error")
    return errors, len(listed) - errors, sum(1 for e in listed if e.settled)
