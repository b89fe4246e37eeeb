"""A report as an ordered list of blocks (title, headings, paragraphs, tables) — what every writer prints.

Sections come in report order with their headings as found (a draft carries the standard wording; a
report read from a file keeps its own, so checking the written file flags what the original did). Each
table follows the narrative of the section that holds it; a table whose section is absent is printed at
the end under the standard heading, so no figure is ever dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant import standard as std
from assistant.model import Report
from assistant.writers.layout import Grid, grids

Kind = Literal["title", "heading", "subheading", "paragraph", "signature", "table"]

# "（一）主动公开", "(二)依申请公开": a short numbered line of its own, not a sentence.
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)][^。]{1,30}$")
# The closing lines: a date ("2025年1月17日") and the unit's name right above it.
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
MAX_SIGNATURE_CHARS = 30


@dataclass(frozen=True)
class Block:
    """One thing a writer prints, in order, and where in the report it came from."""

    kind: Kind
    text: str = ""
    grid: Grid | None = None
    # Where the block came from, so a flag's span (offsets into Section.text) can be found in the output:
    # the section's number (headings and text blocks), and for text blocks the offset of ``text`` in it.
    section: int | None = None
    start: int | None = None


def report_title(report: Report) -> str | None:
    """The title as found, or the standard title built from unit and year (a draft has no title yet)."""
    meta = report.meta
    if meta.title:
        return meta.title
    if meta.unit and meta.year:
        return std.standard_title(meta.unit, meta.year)
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    """The non-blank lines, stripped, each with its offset in ``text`` (``text[at:at + len(line)] == line``)."""
    out: list[tuple[int, str]] = []
    at = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            out.append((at + len(raw) - len(raw.lstrip()), line))
        at += len(raw) + 1
    return out


def _text_blocks(section: int, lines: list[tuple[int, str]], signature_from: int) -> list[Block]:
    out: list[Block] = []
    for i, (at, line) in enumerate(lines):
        if i >= signature_from:
            kind: Kind = "signature"
        elif _SUBHEADING.match(line):
            kind = "subheading"
        else:
            kind = "paragraph"
        out.append(Block(kind, line, section=section, start=at))
    return out


def _signature_start(lines: list[tuple[int, str]]) -> int:
    """Index of the first closing line (unit, date) at the end of the report's last section."""
    if not lines or not _DATE_LINE.match(lines[-1][1]):
        return len(lines)
    start = len(lines) - 1
    prev = lines[start - 1][1] if start > 0 else ""
    if prev and len(prev) <= MAX_SIGNATURE_CHARS and not prev.endswith(("。", "：", ":", "；")):
        start -= 1
    return start


def plan(report: Report) -> list[Block]:
    """The blocks of the whole document, in print order."""
    tables = grids(report.figures)
    pending = [t for t in std.TABLES if report.figures.table(t.key) is not None]
    blocks: list[Block] = []
    title = report_title(report)
    if title:
        blocks.append(Block("title", title))
    last = len(report.sections) - 1
    for k, section in enumerate(report.sections):
        lines = _lines(section.text)
        if section.number != std.PREAMBLE:
            heading = section.heading or std.SECTIONS_BY_NUMBER[section.number].heading
            blocks.append(Block("heading", heading, section=section.number))
        blocks += _text_blocks(section.number, lines, _signature_start(lines) if k == last else len(lines))
        for t in [t for t in pending if t.section == section.number]:
            blocks.append(Block("table", grid=tables[t.key]))
            pending.remove(t)
    for t in pending:
        blocks.append(Block("heading", std.SECTIONS_BY_NUMBER[t.section].heading, section=t.section))
        blocks.append(Block("table", grid=tables[t.key]))
    return blocks
