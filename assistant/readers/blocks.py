"""A format-neutral document: paragraphs in order, each split into table-cell tokens.

Every reader (text, .docx, .html) produces a :class:`Document`; sections and tables are found on it
without knowing the source format. A paragraph from running text is one token unless it looks like a
table row (pipes, a label followed by space-separated numbers); a real table cell (.docx, .html) is a
paragraph of its own with exactly one token and its grid position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.readers.normalize import clean_cell


@dataclass(slots=True)
class Token:
    """One table-cell candidate: a piece of a paragraph, or a real table cell with its grid position."""

    text: str  # the cell's text, trimmed
    para: int  # index of the paragraph it came from
    line: int | None  # 1-based source line (text) or paragraph index (.docx / .html)
    grid: tuple[int, int, int] | None = None  # (.docx table, row, column) for a real table cell
    cell: bool = False  # a cell of a real table or of a tab-led text export, never a wrapped label's tail


@dataclass(slots=True)
class Para:
    """One paragraph of the source, and which of the document's tokens it was split into."""

    text: str
    line: int | None
    is_cell: bool = False  # a cell of a real table: never a heading, never narrative
    first_token: int = 0  # index of its first token in Document.tokens
    n_tokens: int = 0


@dataclass
class Document:
    """A source as paragraphs in order and their cell tokens: what every reader hands to the builder."""

    paras: list[Para] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)

    def add_para(self, text: str, line: int | None) -> None:
        """Running text: split into cell tokens when it looks like a table row."""
        index = len(self.paras)
        cells = split_cells(text)
        self.paras.append(Para(text, line, False, len(self.tokens), len(cells)))
        if len(cells) == 1:  # most paragraphs are one token: no list built for it
            self.tokens.append(Token(cells[0], index, line))
        else:
            self.tokens.extend([Token(cell, index, line) for cell in cells])

    def add_cell(self, text: str, line: int | None, grid: tuple[int, int, int] | None = None) -> None:
        """A cell of a real table (or a tab-led cell line of a text export)."""
        index = len(self.paras)
        cell = clean_cell(text)
        self.paras.append(Para(cell, line, True, len(self.tokens), 1))  # positional: a cell per line of the seed
        self.tokens.append(Token(cell, index, line, grid, True))


# A value as it appears in a table: digits (with , .), a placeholder, or nothing.
VALUE_RE = re.compile(r"^(?:[+-]?\d[\d,]{0,14}(?:\.\d{1,6})?|[/／\\]|[—–―－-]{1,2}|不适用)$")
_MD_RULE = re.compile(r"^:?-{3,}:?$")
MAX_SPLIT_LINE = 120  # a "label 0 0 0" row is short; long lines are narrative


def split_cells(text: str) -> list[str]:
    """The cells of one line of running text (see real-world.md §1.1 for the shapes)."""
    stripped = text.strip()
    if not stripped:
        return []
    if "|" in stripped:
        return _split_pipes(stripped)
    if "\t" in stripped:
        return [c.strip() for c in stripped.split("\t")]  # a genuinely tab-separated row
    parts = stripped.split()
    if len(parts) > 1 and (len(stripped) <= MAX_SPLIT_LINE or _mostly_values(parts)):
        return _split_spaced_row(parts, stripped)
    return [stripped]


def _split_pipes(line: str) -> list[str]:
    parts = line.split("|")
    # Edge pipes delimit; only pipes between cells make (possibly empty) cells.
    if line.startswith("|"):
        parts = parts[1:]
    if line.endswith("|"):
        parts = parts[:-1]
    cells = [p.strip() for p in parts]
    if cells and all(_MD_RULE.match(c) for c in cells if c) and any(cells):
        return []  # a markdown separator row
    return cells


def _mostly_values(parts: list[str]) -> bool:
    """A long whitespace-separated line that is really a flattened table (whole body on one line)."""
    values = sum(1 for p in parts if VALUE_RE.match(p))
    return values >= 5 and values * 4 >= len(parts)


def _split_spaced_row(parts: list[str], stripped: str) -> list[str]:
    """PDF text: "规 章 0 0 0" → ["规章", "0", "0", "0"]; a line of values → every value.

    Only trailing values are peeled off, so narrative such as "2021 年 1 月 1 日" stays whole.
    In a flattened one-line table every part is a cell of its own.
    """
    if len(stripped) > MAX_SPLIT_LINE:
        return parts
    n = len(parts)
    while n > 0 and VALUE_RE.match(parts[n - 1]):
        n -= 1
    if n == len(parts):
        return [stripped]  # no trailing values: keep the line whole
    label = "".join(parts[:n])
    return ([label] if label else []) + parts[n:]
