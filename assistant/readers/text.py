"""Plain text and markdown: line-oriented exports of web pages, .docx and PDF."""

from __future__ import annotations

import re

from assistant.model import Report
from assistant.readers.build import Builder
from assistant.readers.chrome import ChromeFilter, sole_cell
from assistant.readers.normalize import clean_text, strip_numbering
from assistant.readers.sections import match_heading
from assistant.readers.unwrap import unwrap

MAX_CONTINUATION_CHARS = 30
_MARKDOWN = re.compile(r"^#{1,6}\s+|^\*\*(?=.*\*\*$)|\*\*$")  # "# 标题", "**一、总体情况**"


def _continues_cell(line: str) -> bool:
    """A line right after a tab-led cell that is the rest of that cell (a cell broken over lines)."""
    return (
        len(line) <= MAX_CONTINUATION_CHARS
        and "。" not in line
        and strip_numbering(line) == line
        and match_heading(line) is None
    )


def read_text(text: str, source: str) -> Report:
    """Build a report from decoded text.

    Tab-led lines are table cells of a .docx exported to text (one cell per line, the seed's layout); a
    tab-only line is an empty cell. Other lines are paragraphs, split into cells by :mod:`blocks` when
    they look like table rows. Text copied from a PDF is unwrapped first (:mod:`unwrap`); a web page saved as
    text loses its furniture (:mod:`chrome`).
    """
    builder = Builder()
    chrome = ChromeFilter()
    after_cell = False
    for number, raw in unwrap(clean_text(text)):
        stripped = raw.strip()
        if "#" in stripped or "*" in stripped:  # most lines have no markdown: no regex pass for them
            stripped = _MARKDOWN.sub("", stripped).strip()
        if not chrome.keep(stripped):
            continue
        if not chrome.in_body:
            stripped = sole_cell(stripped)
        if raw.startswith("\t"):
            if stripped and match_heading(stripped) is not None:
                builder.add_paragraph(stripped, number)  # a tab used as paragraph indentation
                after_cell = False
                continue
            builder.add_cell(stripped, number)
            after_cell = bool(stripped)
            continue
        if not stripped:
            after_cell = False
            continue
        if after_cell and _continues_cell(stripped):
            builder.extend_last_cell(stripped)
            continue
        after_cell = False
        builder.add_paragraph(stripped, number)
    return builder.report(source, "text")
