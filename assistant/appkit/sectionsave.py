"""Saving a clerk's edit of one section when someone else may have saved the same draft meanwhile.

The edit is saved against the version the clerk started from. When another session saved a newer version
since, nothing is lost: the sections only the other side changed are kept, this section gets the clerk's
text, and when both changed this same section the other text stays in its own version, named.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.appkit.workspace import with_section_text
from assistant.store import DraftVersion, Store

# Each round loses only to a save that landed in between; more rounds than this means something is wrong.
_ROUNDS = 20


@dataclass(frozen=True)
class SectionSave:
    """What became of one section edit: the version saved, and the other session's version it met, if any."""

    saved: DraftVersion
    other: int | None = None  # the newer version saved by someone else since the clerk started
    both_changed: bool = False  # the other version changed this section too (its text is kept in it)

    def notice(self, part: str) -> str | None:
        """The Chinese line saying what happened when another session's version was met; None otherwise."""
        if self.other is None:
            return None
        if self.both_changed:
            return (
                f"您编辑期间，他人也修改了{part}并保存为第 {self.other} 版。您的文字已保存为第 {self.saved.version} 版"
                f"（其他部分保留了他人的修改）；他人的文字仍在第 {self.other} 版中，请对照两版后取舍。"
            )
        return (
            f"您编辑期间，他人保存了第 {self.other} 版（修改了其他部分）。您对{part}的修改已与之合并，"
            f"保存为第 {self.saved.version} 版，双方的修改都在。"
        )


def save_section(store: Store, base: DraftVersion, number: int, text: str, kind: str, merge: bool) -> SectionSave:
    """Save ``text`` as section ``number`` of ``base``, as a new version.

    ``merge``: the clerk was editing the newest version, so a version saved by someone else since is merged
    with (sections only they changed are kept). Without it (an old version opened on purpose) the edit is
    saved on top of that old version, as before.
    """
    if not merge:
        edited = with_section_text(base.report, number, text)
        return SectionSave(store.save_draft(base.unit_id, base.year, edited, kind))
    for _ in range(_ROUNDS):
        latest = store.draft(base.unit_id, base.year) or base
        report = with_section_text(latest.report, number, text)
        saved = store.save_draft_over(base.unit_id, base.year, report, kind, latest.version)
        if saved is None:
            continue  # yet another version landed in between: merge with that one
        if latest.version == base.version:
            return SectionSave(saved)
        both = latest.report.text_of(number) != base.report.text_of(number)
        return SectionSave(saved, other=latest.version, both_changed=both)
    raise RuntimeError(f"draft {base.unit_id}/{base.year}: could not save an edit in {_ROUNDS} rounds")
