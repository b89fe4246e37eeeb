"""Figures by name: the legend the model is given, and the code that fills its ``{{key}}`` placeholders.

The model never writes a figure from the tables: it writes ``{{received.total}}`` and code puts the
table's value there. Keys come from the standard's row and column keys, plus a few sums a narrative
states (法人或其他组织, 行政诉讼, the outcome groups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant import standard as std
from assistant.model import Figures
from assistant.numfmt import plain_number, raw_decimals

CellRef = tuple[str, str, str]


@dataclass(frozen=True)
class Named:
    """A figure the model may name as ``{{key}}``: its meaning in Chinese and the cells summed for it."""

    key: str
    meaning: str  # Chinese, for the legend
    cells: tuple[CellRef, ...]  # summed
    amount: bool = False  # 万元, printed with its decimals


def _row_text(row: std.Row) -> str:
    return row.label.split("（区分处理")[0]


def _catalogue() -> tuple[Named, ...]:
    out: list[Named] = []
    for r in std.TABLE2.rows:
        for c in r.columns:
            key = f"{r.key}.{c.key}"
            amount = c.value_type == "amount"
            out.append(Named(key, f"表二 {r.label}：{c.label}", (("table2", r.key, c.key),), amount))
    t3 = std.TABLE3
    for r in t3.rows:
        out.append(Named(f"{r.key}.total", f"表三 {_row_text(r)}（总计）", (("table3", r.key, "total"),)))
    for c in std.APPLICANT_COLUMNS[:-1]:
        out.append(Named(f"received.{c.key}", f"表三 本年新收申请中{c.label}", (("table3", "received", c.key),)))
    out.append(
        Named(
            "received.legal_persons",
            "表三 本年新收申请中法人或其他组织（五类之和）",
            tuple(("table3", "received", c) for c in std.LEGAL_PERSON_COLUMNS),
        )
    )
    for header, rows in std.RESULT_GROUPS.items():
        key = {
            std.GROUP_WITHHELD: "withheld",
            std.GROUP_UNAVAILABLE: "unavailable",
            std.GROUP_NOT_PROCESSED: "rejected",
            std.GROUP_OTHER: "other_handling",
        }[header]
        out.append(Named(f"{key}.total", f"表三 {header}（各项之和）", tuple(("table3", r, "total") for r in rows)))
    for r in std.TABLE4.rows:
        for c in r.columns:
            meaning = f"表四 {r.group or ''}{r.label}：{c.label}"
            out.append(Named(f"{r.key}.{c.key}", meaning, (("table4", r.key, c.key),)))
    for c in std.APPEAL_COLUMNS:
        out.append(
            Named(
                f"suits.{c.key}",
                f"表四 行政诉讼合计（两类之和）：{c.label}",
                tuple(("table4", r, c.key) for r in std.SUIT_ROWS),
            )
        )
    return tuple(out)


CATALOGUE: tuple[Named, ...] = _catalogue()
BY_KEY: dict[str, Named] = {n.key: n for n in CATALOGUE}
# {{key}}, tolerating spaces and a model that drops one brace: {key}} / {{key}.
PLACEHOLDER = re.compile(r"\{\{?\s*([a-z_]+\.[a-z_]+)\s*\}?\}")
# Private-use characters around a filled value (model text has them stripped before filling).
MARKS = ("\ue000", "\ue001")
_MARKED = re.compile("(\ue000[^\ue000\ue001]*\ue001)")
_NO_MARKS = str.maketrans("", "", "".join(MARKS))


def _value_of(figures: Figures, named: Named) -> float | None:
    total = 0.0
    for cell in named.cells:
        v = figures.value(*cell)
        if v is None:
            return None
        total += v
    return total


def _format_value(figures: Figures, named: Named) -> str | None:
    v = _value_of(figures, named)
    if v is None:
        return None
    if named.amount:
        return f"{v:.{raw_decimals(figures.cell(*named.cells[0]).raw)}f}"
    return plain_number(v)


def _shown(figures: Figures, key: str) -> str | None:
    """The value a placeholder's key stands for, as printed; None for an unknown key or an empty cell."""
    named = BY_KEY.get(key)
    return _format_value(figures, named) if named else None


def unfilled(text: str, figures: Figures) -> list[re.Match[str]]:
    """The placeholders in ``text`` the tables cannot fill: an unknown key, or a cell left empty."""
    return [m for m in PLACEHOLDER.finditer(text) if _shown(figures, m.group(1)) is None]


def table_values(figures: Figures) -> set[float]:
    """Every value a placeholder can take for these figures (cells and the named sums)."""
    return {v for named in CATALOGUE if (v := _value_of(figures, named)) is not None}


def legend(figures: Figures) -> str:
    """One line a figure the table holds: ``{{received.total}} = 6  表三 本年新收…（总计）``."""
    lines = []
    for named in CATALOGUE:
        shown = _format_value(figures, named)
        if shown is not None:
            lines.append(f"{{{{{named.key}}}}} = {shown}　{named.meaning}")
    return "\n".join(lines)


def fill(text: str, figures: Figures, *, marked: bool = False) -> tuple[str, list[str]]:
    """Put the table's values in place of placeholders; returns the text and the keys it could not fill.

    ``marked`` wraps each value in :data:`MARKS` so that :func:`unmark` can tell later where code wrote a figure.
    """
    unknown: list[str] = []
    open_mark, close_mark = MARKS if marked else ("", "")

    def sub(m: re.Match[str]) -> str:
        shown = _shown(figures, m.group(1))
        if shown is None:
            unknown.append(m.group(1))
            return m.group(0)
        return open_mark + shown + close_mark

    return PLACEHOLDER.sub(sub, text), unknown


def unmark(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text without :data:`MARKS`, and where each marked value now stands."""
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    length = 0
    for piece in _MARKED.split(text):
        if piece.startswith(MARKS[0]):
            value = piece[1:-1]
            spans.append((length, length + len(value)))
            piece = value
        else:
            piece = piece.translate(_NO_MARKS)  # a stray mark never reaches the page
        out.append(piece)
        length += len(piece)
    return "".join(out), tuple(spans)
