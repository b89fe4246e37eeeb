"""Saving a clerk's grid edits when someone else may have saved the same unit-year's figures meanwhile.

The edit is saved against the figures (and their version) the clerk's grids show. When another session saved
figures since, nothing is lost silently: the cells only the other side changed are kept, the clerk's cells are
written over them, and a cell both changed is named with the other's value, so the clerk can compare.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant import standard as std
from assistant.model import Cell, Figures
from assistant.store import Store

# Each round loses only to a save that landed in between; more rounds than this means something is wrong.
SAVE_ROUNDS = 20


@dataclass(frozen=True)
class Clash:
    """A cell both sessions changed: its path and what the other session had put in it."""

    path: str
    theirs: str


@dataclass(frozen=True)
class FiguresSave:
    """What became of a grid edit: the figures and version saved, and whether another session's save was met."""

    figures: Figures
    version: int
    merged: bool = False  # another session saved figures since the clerk's grids were filled
    clashes: tuple[Clash, ...] = ()

    def notice(self) -> str | None:
        """The Chinese line saying what happened when another session's figures were met; None otherwise."""
        if not self.merged:
            return None
        line = "您编辑期间，他人也修改了本年数字并已保存。双方的修改已合并，表格已按合并后的数字刷新。"
        if self.clashes:
            both = "；".join(f"“{c.path}”他人填的是 {c.theirs or '空白'}" for c in self.clashes)
            line += f"以下格子双方都改了，已保存您填的数：{both}。请核对后取舍。"
        return line


def _cells() -> Iterator[tuple[str, str, str]]:
    for t in std.TABLES:
        for r in t.rows:
            for c in r.columns:
                yield t.key, r.key, c.key


def changed_cells(before: Figures, after: Figures) -> list[tuple[str, str, str]]:
    """The (table, row, column) keys of the cells that differ between two figures."""
    return [k for k in _cells() if before.cell(*k) != after.cell(*k)]


def merge(seen: Figures, mine: Figures, latest: Figures) -> tuple[Figures, tuple[Clash, ...]]:
    """``latest`` with the cells the clerk changed (``seen`` → ``mine``) written in; the cells both changed."""
    out = latest.model_copy(deep=True)
    clashes: list[Clash] = []
    for key in changed_cells(seen, mine):
        theirs: Cell = latest.cell(*key)
        if theirs != seen.cell(*key) and theirs.raw != mine.cell(*key).raw:
            clashes.append(Clash(std.cell_path(*key), theirs.raw))
        out.set(*key, mine.cell(*key))
    return out, tuple(clashes)


def save_figures_edit(store: Store, unit_id: int, year: int, seen: Figures, version: int, mine: Figures) -> FiguresSave:
    """Save ``mine`` (the clerk's grids, filled from ``seen`` at ``version``), merging any figures saved since."""
    figures, merged = mine, False
    clashes: tuple[Clash, ...] = ()
    for _ in range(SAVE_ROUNDS):
        saved = store.save_figures_over(unit_id, year, figures, version)
        if saved is not None:
            return FiguresSave(figures, saved, merged, clashes)
        latest, version = store.figures_at(unit_id, year)
        figures, clashes = merge(seen, mine, latest or Figures.empty())
        merged = True
    raise RuntimeError(f"figures {unit_id}/{year}: could not save an edit in {SAVE_ROUNDS} rounds")
