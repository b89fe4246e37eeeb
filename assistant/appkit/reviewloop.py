"""The loop between reviewer and clerk: a reviewer's 需修改 reaches the clerk at its section; the clerk's edit of
that section re-checks the flag and puts it back to the reviewer as 已修改，待复核."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from assistant.appkit.plain import md
from assistant.codes import short_name
from assistant.model import Flag, Report, flag_key
from assistant.store import Decision, ReportKey, Revision, Store

REVISED = "已修改，待复核"
CONFIRMED = "复核：已改正"
REVIEWER_PREF = "reviewer"  # the reviewer's name, kept across reloads (accounts will give it instead)


def section_of(flag_id: str) -> int | None:
    """The section a flag id names (``code|section|span|cell``); None for a flag on the whole report."""
    parts = flag_id.split("|")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def owed(decision: Decision, revisions: Mapping[str, Revision], raised: Collection[str]) -> bool:
    """A 需修改 the clerk still owes: its flag is raised by the latest draft and no edit has answered it."""
    return decision.decision == "accept" and decision.flag_id in raised and decision.flag_id not in revisions


@dataclass(frozen=True)
class Request:
    """A reviewer's 需修改 as the clerk sees it: the decision, its section, and the clerk's answer if any."""

    decision: Decision
    section: int | None
    revision: Revision | None

    def line(self) -> str:
        """One markdown line: who asked for what change, with the comment; and whether it is answered."""
        d = self.decision
        said = f"。意见：{md(d.comment.strip())}" if d.comment.strip() else ""
        head = f"**审核意见 · 需修改**（{md(d.reviewer or '审核人')}，{d.decided_at}）：`{d.code}` {short_name(d.code)}"
        if self.revision is None:
            return head + said
        after = "仍有此问题" if self.revision.still_flagged else "已不再报出"
        return f"{head}{said}　——　{REVISED}（第 {self.revision.version} 版，{after}）"


def requests(decisions: Mapping[str, Decision], revisions: Mapping[str, Revision]) -> list[Request]:
    """Every 需修改 in force, in the order decided, with the clerk's answer to it if any."""
    accepted = sorted((d for d in decisions.values() if d.decision == "accept"), key=lambda d: d.decided_at)
    return [Request(d, section_of(d.flag_id), revisions.get(d.flag_id)) for d in accepted]


def at_section(reqs: Iterable[Request], number: int | None) -> list[Request]:
    """The requests about one section (None: about the whole report)."""
    return [r for r in reqs if r.section == number]


def changed_sections(before: Report, after: Report) -> set[int | None]:
    """The sections whose text or table differs between two versions; None too when anything does."""
    numbers = {s.number for s in before.sections} | {s.number for s in after.sections}
    changed: set[int | None] = {n for n in numbers if before.section(n) != after.section(n)}
    changed |= {t for t in (2, 3, 4) if before.figures.table(f"table{t}") != after.figures.table(f"table{t}")}
    if changed or before.meta != after.meta:
        changed.add(None)
    return changed


def after_save(
    store: Store, key: ReportKey, before: Report, after: Report, version: int, flags_after: Iterable[Flag]
) -> int:
    """Answer each 需修改 whose section the new version changed, re-checked; how many were answered."""
    changed = changed_sections(before, after)
    if not changed:
        return 0
    raised = {flag_key(f) for f in flags_after}
    answered = 0
    for request in requests(store.decisions(key), {}):
        if request.section in changed:
            flag_id = request.decision.flag_id
            answered += store.revise(key, flag_id, version, still_flagged=flag_id in raised)
    return answered


def awaiting(decisions: Mapping[str, Decision], revisions: Mapping[str, Revision]) -> list[Request]:
    """What the reviewer has to look at again: the 需修改 the clerk has answered since."""
    return [r for r in requests(decisions, revisions) if r.revision is not None]
