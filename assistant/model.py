"""Pydantic models: a cell that never turns unknown into 0, the three tables, sections, a report, a flag.

The table models are generated from :mod:`assistant.standard`, so the JSON schema (``nianbao schema``)
carries the standard's Chinese labels as titles while keys stay English.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache
from typing import Any, Literal, TypeVar

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    computed_field,
    create_model,
    field_validator,
    model_validator,
)

from assistant import standard as std
from assistant.numfmt import CN_DIGITS
from assistant.numfmt import plain_number as _fmt_number

_M = TypeVar("_M", bound=BaseModel)
_set_attr = object.__setattr__
_new = object.__new__  # BaseModel has no __new__ of its own


def _assembled(cls: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    """An instance from values already of the fields' types, every field given in declaration order.

    No validation: for the readers' hot path, where each value was made by a validated parse. Pydantic's own
    ``model_construct`` loops over aliases and defaults and is slower than validating; this sets what it sets.
    """
    obj = _new(cls)
    _set_attr(obj, "__dict__", values)
    _set_attr(obj, "__pydantic_fields_set__", fields_set)
    _set_attr(obj, "__pydantic_extra__", None)
    _set_attr(obj, "__pydantic_private__", None)
    return obj


class CellKind(StrEnum):
    """What a cell holds: a number, or which kind of non-number stood where a number belongs."""

    NUMBER = "number"
    BLANK = "blank"  # the cell exists and is empty
    SLASH = "slash"  # "/"
    DASH = "dash"  # "—", "-", "--"
    NA = "na"  # 不适用
    WORDS = "words"  # anything else where a number belongs, e.g. "减4", "无"
    MISSING = "missing"  # the reader found no such cell at all (table absent or row not found)


_NAMED = frozenset({"file", "table", "row", "column"})  # the fields a table cell's source always sets
_BY_LINE, _BY_GRID = _NAMED | {"line"}, _NAMED | {"docx_table", "docx_row", "docx_col"}


class Source(BaseModel):
    """Where a figure or a passage came from, so a flag can point at it."""

    model_config = ConfigDict(extra="forbid")

    file: str | None = None
    table: str | None = None  # 表二 / 表三 / 表四
    row: str | None = None  # the row label as printed in the source
    column: str | None = None
    line: int | None = None  # 1-based line in a text file, paragraph index in .docx
    docx_table: int | None = None  # 0-based index of the table in a .docx
    docx_row: int | None = None
    docx_col: int | None = None

    @classmethod
    def of_cell(
        cls, file: str | None, table: str, row: str, column: str, line: int | None, grid: tuple[int, int, int] | None
    ) -> Source:
        """A table cell's place: its text line, or its grid position in a .docx (trusted values, not validated)."""
        # One dict literal, filled in place for a grid: this runs for every cell a reader finds.
        values = {
            "file": file,
            "table": table,
            "row": row,
            "column": column,
            "line": line if grid is None else None,
            "docx_table": None,
            "docx_row": None,
            "docx_col": None,
        }
        if grid is not None:
            values["docx_table"], values["docx_row"], values["docx_col"] = grid
        # _assembled inline, a call less a cell
        source = _new(cls)
        _set_attr(source, "__dict__", values)
        _set_attr(
            source, "__pydantic_fields_set__", set(_BY_GRID if grid else _BY_LINE if line is not None else _NAMED)
        )
        _set_attr(source, "__pydantic_extra__", None)
        _set_attr(source, "__pydantic_private__", None)
        return source


_PLACEHOLDERS: dict[str, CellKind] = {
    "": CellKind.BLANK,
    "/": CellKind.SLASH,
    "／": CellKind.SLASH,
    "\\": CellKind.SLASH,
    "不适用": CellKind.NA,
    "—": CellKind.DASH,
    "——": CellKind.DASH,
    "-": CellKind.DASH,
    "--": CellKind.DASH,
    "－": CellKind.DASH,
    "–": CellKind.DASH,
    "―": CellKind.DASH,
    "一": CellKind.DASH,  # a dash typed as the numeral 一 in some Word tables
}
MAX_CELL_VALUE = 10**12  # far above any count or 万元 sum in a report; beyond it a float loses whole units
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


class Cell(BaseModel):
    """One table cell: a number, or exactly what stood there instead."""

    model_config = ConfigDict(extra="forbid")

    kind: CellKind
    value: int | float | None = None  # set only when kind is number
    raw: str = ""  # the text as found (after whitespace normalisation)
    source: Source | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, value: int | float | None) -> int | float | None:
        # NaN, infinities and absurd magnitudes are no count: they would print as invalid JSON or overflow sums.
        if value is not None and not (math.isfinite(value) and abs(value) <= MAX_CELL_VALUE):
            raise ValueError(f"not a count a report can hold: {value!r}")
        return value

    @classmethod
    def parse(cls, raw: str | int | float | None, source: Source | None = None) -> Cell:
        """Read a cell from what the source holds: numbers, placeholders and words stay distinct."""
        if raw is None:
            return cls(kind=CellKind.BLANK, raw="", source=source)
        if isinstance(raw, bool):
            return cls(kind=CellKind.WORDS, raw=str(raw), source=source)
        if isinstance(raw, int | float):
            return cls(kind=CellKind.NUMBER, value=raw, raw=_fmt_number(raw), source=source)
        text = unicodedata.normalize("NFKC", raw).replace("\u00a0", " ").strip()
        text = re.sub(r"\s+", "", text)
        if text in _PLACEHOLDERS:
            return cls(kind=_PLACEHOLDERS[text], raw=text, source=source)
        if _NUMBER.match(text):
            plain = text.replace(",", "")
            number: int | float = float(plain) if "." in plain else int(plain)
            if abs(number) <= MAX_CELL_VALUE:  # digits beyond any real count stay words (T-VALUE), not a crash
                return cls(kind=CellKind.NUMBER, value=number, raw=text, source=source)
        if _CN_NUMERAL.match(text):  # "五": read as 5, raw kept so the checker says how it was read
            value = cn_numeral_value(text)
            if value is not None:
                return cls(kind=CellKind.NUMBER, value=value, raw=text, source=source)
        return cls(kind=CellKind.WORDS, raw=text, source=source)

    @classmethod
    def missing(cls) -> Cell:
        """A cell the reader did not find (its table or row is absent)."""
        # Assembled, not validated: every table a reader finds starts as a couple of hundred of these.
        return _assembled(cls, {"kind": CellKind.MISSING, "value": None, "raw": "", "source": None}, {"kind"})

    @classmethod
    def parsed(cls, raw: str, source: Source) -> Cell:
        """``Cell.parse(raw, source)``, parsing each distinct text once (cell texts repeat across reports)."""
        (kind, value, text), fields_set = _parsed_fields(raw)
        return _assembled(cls, {"kind": kind, "value": value, "raw": text, "source": source}, set(fields_set))

    @property
    def is_number(self) -> bool:
        """Whether the cell holds a number; a blank, a dash or words never count as 0."""
        return self.kind is CellKind.NUMBER and self.value is not None

    def __str__(self) -> str:
        if self.is_number:
            return _fmt_number(self.value)
        return {
            CellKind.BLANK: "（空白）",
            CellKind.MISSING: "（未读到）",
        }.get(self.kind, f"“{self.raw}”")


_source_of_cell = Source.of_cell


def found_cell(
    raw: str, file: str | None, table: str, row: str, column: str, line: int | None, grid: tuple[int, int, int] | None
) -> Cell:
    """``Cell.parsed(raw, Source.of_cell(file, table, row, column, line, grid))``, assembled inline."""
    # Not a classmethod and no _assembled call: this runs for every cell a reader finds (≈0.5 µs less each).
    (kind, value, text), fields_set = _parsed_fields(raw)
    cell = _new(Cell)
    source = _source_of_cell(file, table, row, column, line, grid)
    _set_attr(cell, "__dict__", {"kind": kind, "value": value, "raw": text, "source": source})
    _set_attr(cell, "__pydantic_fields_set__", set(fields_set))
    _set_attr(cell, "__pydantic_extra__", None)
    _set_attr(cell, "__pydantic_private__", None)
    return cell


# A count written as one Chinese numeral ("五", "十二"); with a unit ("五件") it stays words.
_CN_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百]{1,4}$")


# cn2an's strict mode (what a table cell gets) refuses these as a whole numeral: they stay words.
_NOT_STRICT = frozenset("〇两")


def cn_numeral_value(text: str) -> int | None:
    """The value of a whole Chinese numeral ("十二" → 12), or None when it is not one."""
    if text in CN_DIGITS and text not in _NOT_STRICT:
        return CN_DIGITS[text]
    import cn2an  # deferred: ~0.2 s to import

    try:
        return int(cn2an.cn2an(text, "strict"))
    except (ValueError, KeyError, IndexError):
        return None


def is_cn_numeral_cell(cell: Cell) -> bool:
    """Whether a number cell was read from a Chinese numeral rather than digits."""
    return cell.kind is CellKind.NUMBER and _CN_NUMERAL.match(cell.raw) is not None


@lru_cache(maxsize=16384)
def _parsed_fields(raw: str) -> tuple[tuple[CellKind, int | float | None, str], frozenset[str]]:
    """What :meth:`Cell.parse` makes of a text: (kind, value, raw), and which fields it sets (a source too)."""
    cell = Cell.parse(raw)
    return (cell.kind, cell.value, cell.raw), frozenset(cell.model_fields_set | {"source"})


def _coerce_cell(value: Any) -> Any:
    """Accept shorthand in figures JSON: 3, "3", "/", null — as well as the full cell object."""
    if isinstance(value, Cell | dict):
        return value
    if not isinstance(value, str | int | float | None):  # a list or the like: pydantic names the cell
        raise ValueError(f"a cell holds a number or text, not {type(value).__name__}")
    return Cell.parse(value)


# The row and table models, Figures and Report build their validators on first validation, not at import:
# ``nianbao check`` assembles them from validated cells and never validates one (≈25 ms of every start).
class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: _coerce_cell(v) for k, v in data.items()}
        return data

    def cells(self) -> dict[str, Cell]:
        return {name: getattr(self, name) for name in type(self).model_fields}


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    def rows(self) -> dict[str, _Row]:
        return {name: getattr(self, name) for name in type(self).model_fields}


def _row_model(table: std.Table, row: std.Row) -> type[_Row]:
    fields: dict[str, Any] = {
        col.key: (
            Cell,
            Field(
                default_factory=Cell.missing,
                title=col.label,
                validation_alias=AliasChoices(col.key, col.label),
            ),
        )
        for col in row.columns
    }
    name = f"{table.key.title()}{''.join(p.title() for p in row.key.split('_'))}"
    return create_model(name, __base__=_Row, __doc__=row.label, **fields)


_ROW_MODELS: dict[tuple[str, str], type[_Row]] = {}  # (table key, row key) → its row model


def _table_model(table: std.Table) -> type[_Table]:
    fields: dict[str, Any] = {}
    for row in table.rows:
        row_model = _ROW_MODELS[table.key, row.key] = _row_model(table, row)
        label = f"{row.group}·{row.label}" if row.group and table.key == "table4" else row.label
        fields[row.key] = (
            row_model,
            Field(
                default_factory=row_model,
                title=label,
                validation_alias=AliasChoices(row.key, row.label),
            ),
        )
    return create_model(f"{table.key.title()}", __base__=_Table, __doc__=f"{table.name} {table.title}", **fields)


Table2 = _table_model(std.TABLE2)
Table3 = _table_model(std.TABLE3)
Table4 = _table_model(std.TABLE4)
_TABLE_MODELS: dict[str, type[_Table]] = {"table2": Table2, "table3": Table3, "table4": Table4}
# Per table, its rows as (key, model, column keys) in the standard's order: what Figures.assembled walks.
_ROW_LAYOUT: dict[str, list[tuple[str, type[_Row], tuple[str, ...]]]] = {
    t.key: [(r.key, _ROW_MODELS[t.key, r.key], tuple(c.key for c in r.columns)) for r in t.rows] for t in std.TABLES
}


class Figures(BaseModel):
    """The three tables. A table the reader could not find stays None (never zeros)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    # Table2..4 are models built from the standard at import time; mypy cannot take a variable as a type.
    table2: Table2 | None = Field(default=None, title="表二 主动公开政府信息情况")  # type: ignore[valid-type]
    table3: Table3 | None = Field(default=None, title="表三 收到和处理政府信息公开申请情况")  # type: ignore[valid-type]
    table4: Table4 | None = Field(default=None, title="表四 政府信息公开行政复议、行政诉讼情况")  # type: ignore[valid-type]

    @classmethod
    def empty(cls) -> Figures:
        """All three tables present with every cell missing: a form to be filled in."""
        return cls(table2=Table2(), table3=Table3(), table4=Table4())

    @classmethod
    def zeros(cls) -> Figures:
        """All three tables with every cell 0 — for tests and the blank template."""
        data = {t.key: {r.key: {c.key: 0 for c in r.columns} for r in t.rows} for t in std.TABLES}
        return cls.model_validate(data)

    @classmethod
    def assembled(cls, found: dict[str, dict[str, dict[str, Cell]]]) -> Figures:
        """The tables ``found`` (cells by table, row and column key; a cell not listed is missing), others absent.

        Assembled from the cells without validating them again: a reader's way to hand over what it parsed.
        """
        tables: dict[str, Any] = {}
        for t in std.TABLES:
            rows = found.get(t.key)
            if rows is None:
                tables[t.key] = None
                continue
            values: dict[str, Any] = {}
            for row_key, row_model, columns in _ROW_LAYOUT[t.key]:
                cells = rows.get(row_key, {})
                missing = Cell.missing
                row_values = {k: cells[k] if k in cells else missing() for k in columns}
                values[row_key] = _assembled(row_model, row_values, set(cells))
            tables[t.key] = _assembled(_TABLE_MODELS[t.key], values, set())
        return _assembled(cls, tables, set(found))

    def table(self, key: str) -> _Table | None:
        """One table by key (table2 / table3 / table4); None when the report has no such table."""
        return getattr(self, key)

    def cell(self, table: str, row: str, column: str) -> Cell:
        """One cell by the standard's keys; a missing cell when its table is absent."""
        t = self.table(table)
        if t is None:
            return Cell.missing()
        return getattr(getattr(t, row), column)

    def value(self, table: str, row: str, column: str) -> int | float | None:
        """The number in a cell, or None when the cell holds anything but a number."""
        c = self.cell(table, row, column)
        return c.value if c.is_number else None

    def set(self, table: str, row: str, column: str, cell: Cell) -> None:
        """Put one cell, adding its table (every other cell missing) when the figures lack it."""
        t = self.table(table)
        if t is None:
            t = _TABLE_MODELS[table]()
            setattr(self, table, t)
        setattr(getattr(t, row), column, cell)

    def iter_cells(self) -> Iterator[tuple[str, str, str, Cell]]:
        """Every cell of the tables present as (table, row, column, cell), in the standard's order."""
        for t in std.TABLES:
            table = self.table(t.key)
            if table is None:
                continue
            for r in t.rows:
                row = getattr(table, r.key)
                for c in r.columns:
                    yield t.key, r.key, c.key, getattr(row, c.key)


class Section(BaseModel):
    """One of the six standard sections (or the preamble, number 0) with its narrative text.

    Tables are not in ``text``: their figures are in :class:`Figures`. ``text`` is what spans refer to.
    """

    model_config = ConfigDict(extra="forbid")

    number: int = Field(ge=0, le=6)
    heading: str = ""  # the heading line exactly as found (empty for the preamble)
    numbering: str = ""  # the numbering as found, e.g. "3、" or "一、"
    text: str = ""
    line: int | None = None  # where the heading stood in the source


UnitLevel = Literal["province", "city", "county", "township", "street", "department"]


class Meta(BaseModel):
    """What a report says about itself (title, unit, year, level, period) and where it was read from."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    unit: str | None = None
    year: int | None = None
    level: UnitLevel | None = None
    period: str | None = None  # the statistics period as written
    source: str | None = None  # the file it was read from
    format: str | None = None  # docx / html / text / json / draft


class Report(BaseModel):
    """One annual report: meta, sections in document order, figures, and what the reader noticed."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    meta: Meta = Field(default_factory=Meta)
    sections: list[Section] = Field(default_factory=list)
    figures: Figures = Field(default_factory=Figures)
    notices: list[str] = Field(default_factory=list)  # reader remarks, e.g. tables seem to be images
    # Labels of the 2019 trial format (standard.OLD_FORMAT_MARKERS, or "（六）其他处理（单行）") found in
    # the source's tables; table text never reaches Section.text, so the reader records them here.
    old_format_markers: list[str] = Field(default_factory=list)

    @classmethod
    def assembled(
        cls, meta: Meta, sections: list[Section], figures: Figures, notices: list[str], markers: list[str]
    ) -> Report:
        """``Report(meta=…, sections=…, …)`` from parts a reader made and validated, without validating again."""
        # A validated Report needs its schema, with all the tables' row models: ≈20 ms of every start.
        values = {
            "meta": meta,
            "sections": list(sections),
            "figures": figures,
            "notices": list(notices),
            "old_format_markers": list(markers),
        }
        return _assembled(cls, values, set(_REPORT_FIELDS))

    def section(self, number: int) -> Section | None:
        """The section with this number (0: the preamble); None when the report lacks it."""
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def text_of(self, number: int) -> str:
        """That section's text; empty when the report lacks the section."""
        s = self.section(number)
        return s.text if s else ""


_REPORT_FIELDS = frozenset(Report.model_fields)

Severity = Literal["error", "warning"]


class TableRef(BaseModel):
    """A place in the standard's tables by key: a whole table, one row of it (no column) or one cell.

    Flags point with keys, not the Chinese labels: a label can be reworded without orphaning what was
    stored about the flag. The Chinese path is derived from it for display (:attr:`path`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    table: str
    row: str | None = None
    column: str | None = None

    @model_validator(mode="after")
    def _in_standard(self) -> TableRef:
        if self.row is None and self.column is not None:
            raise ValueError("a column is named only within its row")
        try:
            std.cell_path(self.table, self.row, self.column)
        except KeyError as exc:
            raise ValueError(f"not in the standard's tables: {self.key}") from exc
        return self

    @classmethod
    def of(cls, table: str, row: str | None = None, column: str | None = None) -> TableRef:
        """Positional shorthand: ``TableRef.of("table3", "received", "total")``."""
        return cls(table=table, row=row, column=column)

    @property
    def cell(self) -> std.CellRef | None:
        """(table, row, column) when this names one cell, else None."""
        if self.row is None or self.column is None:
            return None
        return self.table, self.row, self.column

    @property
    def key(self) -> str:
        """The stable text form, e.g. ``table3/received/total`` or ``table3`` for the whole table."""
        return "/".join(k for k in (self.table, self.row, self.column) if k is not None)

    @property
    def path(self) -> str:
        """The Chinese path people read, e.g. 表三/一、本年新收政府信息公开申请数量/总计."""
        return std.cell_path(self.table, self.row, self.column)


class Flag(BaseModel):
    """One finding. The code is the public contract (see shared/spec/checks.md)."""

    model_config = ConfigDict(extra="forbid")

    code: str
    severity: Severity
    message: str
    section: int | None = None  # 0 preamble/title, 1–6, None for the whole report
    span: tuple[int, int] | None = None  # character offsets in that section's text
    cell_ref: TableRef | None = None  # the table, row or cell the flag is about
    evidence: str | None = None  # the text or value that was found

    @model_validator(mode="before")
    @classmethod
    def _derived_cell(cls, data: Any) -> Any:
        # A flag read back from the JSON output carries the derived path too: it must agree with cell_ref.
        if not isinstance(data, dict) or "cell" not in data:
            return data
        data = dict(data)
        cell, ref = data.pop("cell"), data.get("cell_ref")
        expected = None if ref is None else TableRef.model_validate(ref).path
        if cell != expected:
            raise ValueError(f"cell {cell!r} is not the path of cell_ref ({expected!r}); set cell_ref only")
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cell(self) -> str | None:
        """``cell_ref`` as the Chinese path shown to people (and in the JSON output), or None."""
        return None if self.cell_ref is None else self.cell_ref.path


def flag_key(flag: Flag) -> str:
    """A flag's identity, ``code|section|start-end|table/row/column`` (empty for what the flag lacks).

    Reviewers' decisions (dismissed / accepted) are stored under this key, so it must come out the same
    when the same text is checked again: message, severity and evidence are left out on purpose, so that
    rewording a message does not bring a dismissed flag back, and the cell is named by its keys, so that
    rewording a label in the standard does not either.
    """
    section = "" if flag.section is None else str(flag.section)
    span = "" if flag.span is None else f"{flag.span[0]}-{flag.span[1]}"
    return "|".join((flag.code, section, span, flag.cell_ref.key if flag.cell_ref else ""))
