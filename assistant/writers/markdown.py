"""Markdown and plain text: a report printed so that a person can read it and the readers can read it back."""

from __future__ import annotations

from assistant.model import Report
from assistant.writers.layout import Grid, flat_rows
from assistant.writers.plan import plan


def _pipe_cell(text: str) -> str:
    return text.replace("|", "｜")  # a pipe inside a cell would split it


def pipe_table(grid: Grid) -> list[str]:
    """A pipe table, full width, merged cells as empty cells; the first grid row is the header row."""
    rows = flat_rows(grid)
    lines = ["| " + " | ".join(_pipe_cell(c) for c in row) + " |" for row in rows]
    rule = "|" + "---|" * grid.n_cols
    return [lines[0], rule, *lines[1:]]


def tab_table(grid: Grid) -> list[str]:
    """The seed's layout (a .docx exported to text): one tab-led line per cell, a blank line after each row.

    A merged cell is printed once, where it starts; an empty cell is a line holding only the tab.
    """
    out: list[str] = []
    for row in grid.rows():
        out += ["\t" + c.text.replace("\n", " ") for c in row]
        out.append("")
    return out


def render_markdown(report: Report) -> str:
    """The report as markdown: "# 标题", "## 一、总体情况", paragraphs, the tables as pipe tables."""
    out: list[str] = []
    for block in plan(report):
        if block.kind == "title":
            out += [f"# {block.text}", ""]
        elif block.kind == "heading":
            out += [f"## {block.text}", ""]
        elif block.kind == "subheading":
            out += [f"**{block.text}**", ""]
        elif block.kind == "table" and block.grid is not None:
            out += [*pipe_table(block.grid), ""]
        else:
            out += [block.text, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_text(report: Report) -> str:
    """The report as plain text: title, headings and paragraphs as lines, tables in the seed's tab layout."""
    out: list[str] = []
    for block in plan(report):
        if block.kind == "table" and block.grid is not None:
            out += tab_table(block.grid)
        else:
            out += [block.text, ""]
    return "\n".join(out).rstrip("\n") + "\n"
