"""The county's overview: every unit with this year's state, open flags and last change; filters and sorting;
units created from a CSV of names and profiles; re-check and offline redraft of many units with progress."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from assistant.appkit import reviewloop, workspace
from assistant.appkit.review import items
from assistant.checks import check
from assistant.errors import InputError
from assistant.model import Flag
from assistant.profile import LABELS, UnitProfile, parse_profile
from assistant.readers.sniff import decode_text
from assistant.store import Approval, Decision, Revision, Store, Unit, UnitYear

NOT_STARTED, FIGURES, DRAFTED, IN_REVIEW, NEEDS_CHANGE, PASSED = STATES = (
    "未开始",
    "已填数字",
    "已起草",
    "审核中",
    "需修改",
    "已通过",
)
CLERK = "起草人"  # who made a clerk's change: the app has no clerk's name without accounts
SORTS = ("按状态", "按错误数", "按最近修改", "按名称")
BATCH_KIND = "批量起草"
MAX_CSV_BYTES = 2_000_000

# Progress of a many-unit run: (units done, units in all, the unit being worked on).
Progress = Callable[[int, int, str], None]


def state_of(
    facts: UnitYear,
    decisions: Mapping[str, Decision],
    revisions: Mapping[str, Revision],
    raised: Collection[str],
    approval: Approval | None,
) -> str:
    """This year's state of a unit from what the store knows: figures, drafts, decisions, revisions, 通过.

    A 需修改 is still owed while its flag is raised by the latest draft and the clerk has not revised it.
    """
    if facts.draft_version is None:
        return FIGURES if facts.figures_at else NOT_STARTED
    if approval is not None and approval.version == facts.draft_version:
        return PASSED
    if any(reviewloop.owed(d, revisions, raised) for d in decisions.values()):
        return NEEDS_CHANGE
    return IN_REVIEW if decisions else DRAFTED


@dataclass(frozen=True)
class UnitRow:
    """One line of the overview."""

    unit: Unit
    level: str  # in Chinese
    state: str
    errors: int  # open flags: not dismissed
    warnings: int
    changed_at: str  # empty when nothing is saved for the year
    changed_by: str
    change: str  # what the last change was


def last_change(facts: UnitYear, approval: Approval | None) -> tuple[str, str, str]:
    """(when, who, what) of the latest thing saved for the unit-year; empty strings when nothing is."""
    events = [
        (facts.figures_at, CLERK, "填写数字"),
        (facts.draft_at, CLERK, facts.draft_kind or "起草"),
        (facts.decided_at, facts.decided_by or "", "审核"),
        (approval.approved_at if approval else None, approval.reviewer if approval else "", "通过"),
    ]
    known = [(when, who, what) for when, who, what in events if when]
    # Times are to the second: on a tie the later step of the work (a review after its draft) is the last.
    return max(reversed(known), key=lambda e: e[0]) if known else ("", "", "")


def _flags(store: Store, facts: UnitYear, year: int) -> list[Flag]:
    """The flags of the unit's latest draft, or of its figures alone when it has none yet."""
    unit = facts.unit
    saved_last = store.last_year(unit.id, year)
    last = saved_last[1] if saved_last else None
    if facts.draft_version is not None:
        draft = store.draft(unit.id, year)
        return check(draft.report, last) if draft else []
    figures = store.figures(unit.id, year)
    return workspace.table_flags(unit.name, year, unit.level, figures, last) if figures else []


def unit_row(store: Store, facts: UnitYear, year: int) -> UnitRow:
    """One unit's overview line: state, open errors and warnings (checked now), last change."""
    key = workspace.draft_key(facts.unit.id, year)
    flags = _flags(store, facts, year)
    decisions = store.decisions(key) if facts.draft_version is not None else {}
    entries = [e for e in items(flags, decisions) if e.open]  # a 需修改 is still an error in the report
    errors = sum(1 for e in entries if e.flag.severity == "error")
    approval = store.approval(facts.unit.id, year)
    raised = {e.id for e in items(flags, {})}
    state = state_of(facts, decisions, store.revisions(key), raised, approval)
    when, who, what = last_change(facts, approval)
    level = workspace.LEVEL_CN.get(facts.unit.level or "", "")
    return UnitRow(facts.unit, level, state, errors, len(entries) - errors, when, who, what)


def rows(store: Store, year: int, progress: Progress | None = None) -> list[UnitRow]:
    """Every unit's line for ``year``, each re-checked; ``progress`` hears of each unit as it is done."""
    facts = store.unit_years(year)
    out: list[UnitRow] = []
    for i, f in enumerate(facts, 1):
        out.append(unit_row(store, f, year))
        if progress is not None:
            progress(i, len(facts), f.unit.name)
    return out


def filter_rows(
    lines: Iterable[UnitRow], states: Collection[str] = (), levels: Collection[str] = (), text: str = ""
) -> list[UnitRow]:
    """The lines in any of ``states`` and ``levels`` (none given: all) whose name holds ``text``."""
    text = text.strip()
    return [
        r
        for r in lines
        if (not states or r.state in states)
        and (not levels or r.level in levels)
        and (not text or text in r.unit.name or text in (r.unit.full_name or ""))
    ]


def sort_rows(lines: Iterable[UnitRow], how: str) -> list[UnitRow]:
    """The lines in one of :data:`SORTS`' orders (the state order is the work's: 需修改 before 已通过)."""
    listed = list(lines)
    if how == "按错误数":
        return sorted(listed, key=lambda r: (-r.errors, -r.warnings, r.unit.id))
    if how == "按最近修改":
        return sorted(listed, key=lambda r: r.changed_at, reverse=True)
    if how == "按名称":
        return sorted(listed, key=lambda r: r.unit.name)
    urgency = (NEEDS_CHANGE, IN_REVIEW, DRAFTED, FIGURES, NOT_STARTED, PASSED)
    return sorted(listed, key=lambda r: (urgency.index(r.state), r.unit.id))


def table(lines: Iterable[UnitRow]) -> dict[str, list[object]]:
    """The lines as columns for the page's grid (Chinese headers)."""
    listed = list(lines)
    return {
        "单位": [r.unit.name for r in listed],
        "层级": [r.level for r in listed],
        "状态": [r.state for r in listed],
        "错误": [r.errors for r in listed],
        "警告": [r.warnings for r in listed],
        "最近修改": [r.changed_at for r in listed],
        "修改人": [r.changed_by for r in listed],
        "修改内容": [r.change for r in listed],
    }


def counts(lines: Iterable[UnitRow]) -> dict[str, int]:
    """How many units are in each state, in :data:`STATES` order."""
    listed = list(lines)
    return {s: sum(1 for r in listed if r.state == s) for s in STATES}


# -- units from a CSV --------------------------------------------------------------------------------
NAME_COLUMN, LEVEL_COLUMN = "单位简称", "层级"
CSV_COLUMNS = (NAME_COLUMN, LEVEL_COLUMN, *(label for key, label in LABELS.items() if key != "short_name"))
_LEVEL_OF = {**{cn: key for key, cn in workspace.LEVEL_CN.items()}, **{k: k for k in workspace.LEVEL_CN}}


@dataclass(frozen=True)
class NewUnit:
    """A unit to create, read from one CSV line: its names, level and (when given) its profile."""

    name: str
    full_name: str | None
    level: str | None
    profile: UnitProfile | None


@dataclass
class UnitsCsv:
    """What a CSV of units held: the units to create and a Chinese line for each line that was refused."""

    units: list[NewUnit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def units_template() -> bytes:
    """An empty CSV of units with its header and one example line, UTF-8 with BOM for Excel and WPS."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    example = {
        "单位简称": "青石岭镇",
        "层级": "乡镇",
        "单位全称": "云岫县青石岭镇人民政府",
        "地址": "云岫县青石岭镇中心街1号",
        "办公电话": "0871-1234567",
    }
    writer.writerow([example.get(c, "") for c in CSV_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _new_unit(line: Mapping[str, str]) -> NewUnit:
    name = line.get(NAME_COLUMN, "").strip()
    if not name:
        raise InputError("缺少单位简称。", hint_en="no unit name")
    level_text = line.get(LEVEL_COLUMN, "").strip()
    level = _LEVEL_OF.get(level_text) if level_text else None
    if level_text and level is None:
        raise InputError(
            f"层级“{level_text[:10]}”应为{'、'.join(workspace.LEVEL_CN.values())}之一。", hint_en="bad level"
        )
    given = {k: line.get(label, "").strip() for k, label in LABELS.items() if k != "short_name"}
    profile = None
    if given["address"] or given["phone"]:  # names alone make a unit; contact lines make its profile too
        profile = parse_profile({**given, "short_name": name})
    return NewUnit(name, given["full_name"] or None, level, profile)


def read_units_csv(data: bytes, source: str = "单位清单.csv") -> UnitsCsv:
    """Units from a CSV with the :data:`CSV_COLUMNS` header (UTF-8 or GBK, as Excel saves); bad lines named."""
    if len(data) > MAX_CSV_BYTES:
        raise InputError("单位清单过大（上限 2 MB）。", hint_en="units CSV too large", path=source)
    reader = csv.DictReader(io.StringIO(decode_text(data, source).lstrip("\ufeff")))
    if NAME_COLUMN not in (reader.fieldnames or []):
        raise InputError(f"单位清单第一行须为表头，并含“{NAME_COLUMN}”一列。", hint_en="no name column", path=source)
    out = UnitsCsv()
    seen: set[str] = set()
    for number, line in enumerate(reader, 2):  # line 1 is the header
        values = {k: v or "" for k, v in line.items() if isinstance(k, str)}
        if not any(v.strip() for v in values.values()):
            continue
        try:
            unit = _new_unit(values)
        except InputError as exc:
            out.errors.append(f"第 {number} 行：{exc.message}")
            continue
        if unit.name in seen:
            out.errors.append(f"第 {number} 行：单位“{unit.name}”重复，已跳过。")
            continue
        seen.add(unit.name)
        out.units.append(unit)
    return out


def create_units(store: Store, units: Iterable[NewUnit]) -> list[Unit]:
    """Create the units (an existing name is kept, not duplicated) and save the profiles given."""
    created: list[Unit] = []
    for new in units:
        unit = store.add_unit(new.name, new.full_name, new.level)
        if new.profile is not None:
            store.save_profile(unit.id, new.profile)
        created.append(unit)
    return created


# -- many units at once ------------------------------------------------------------------------------
def redraft_offline(store: Store, year: int, units: Iterable[Unit], progress: Progress | None = None) -> list[str]:
    """Draft each unit with saved figures from the offline templates, as a new version; the names skipped.

    A unit without figures is skipped (named), never drafted from nothing; earlier versions stay.
    """
    from assistant.drafting.pipeline import draft
    from assistant.drafting.request import with_profile

    listed = list(units)
    skipped: list[str] = []
    for i, unit in enumerate(listed, 1):
        figures = store.figures(unit.id, year)
        if figures is None:
            skipped.append(unit.name)
        else:
            saved_last = store.last_year(unit.id, year)
            last = saved_last[1] if saved_last else None
            req = workspace.draft_request(unit, year, figures, last, store.notes(unit.id, year))
            result = draft(with_profile(req, store.profile(unit.id)))
            store.save_draft(unit.id, year, result.report, BATCH_KIND)
        if progress is not None:
            progress(i, len(listed), unit.name)
    return skipped
