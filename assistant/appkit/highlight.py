"""Flagged spans and table cells as HTML. Report text is untrusted: every character of it is escaped.

Spans may overlap (a figure can be both N-MISMATCH and inside a D-YEAR sentence): the text is cut at every
span boundary and each piece takes the strongest severity over it, so the markup always nests.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable

from assistant import standard as std
from assistant.model import Flag
from assistant.writers.layout import Grid

SEVERITY_CLASS = {"error": "nb-err", "warning": "nb-warn"}
_RANK = {"warning": 1, "error": 2}

STYLE = """
<style>
.nb-text { white-space: pre-wrap; line-height: 1.9; font-size: 1rem; }
.nb-text mark, .nb-grid td.nb-err, .nb-grid td.nb-warn { border-radius: 3px; }
.nb-err { background: #fdd8d6; border-bottom: 2px solid #c62828; color: inherit; }
.nb-warn { background: #ffeab0; border-bottom: 2px solid #e0a100; color: inherit; }
.nb-focus { outline: 3px solid #1565c0; outline-offset: 1px; }
.nb-grid { border-collapse: collapse; font-size: 0.82rem; margin: 0.3rem 0 1rem 0; }
.nb-grid td, .nb-grid th { border: 1px solid #bbb; padding: 2px 6px; text-align: center; }
.nb-grid th { background: #f3f4f6; font-weight: normal; }
.nb-grid td.nb-label { text-align: left; background: #fafafa; }
.nb-grid td.nb-blank { background: #eeeeee; color: #888; }
.nb-grid td.nb-err { background: #fdd8d6; font-weight: bold; }
.nb-grid td.nb-warn { background: #ffeab0; font-weight: bold; }
</style>
"""


def _stronger(a: str | None, b: str) -> str:
    return b if a is None or _RANK[b] > _RANK[a] else a


def section_html(text: str, flags: Iterable[Flag], focus: Flag | None = None) -> str:
    """The section's text, escaped, with each flagged span in a <mark> coloured by severity.

    ``focus`` (a flag of this section) gets an outline and the anchor id ``nb-focus`` to scroll to.
    """
    spans: list[tuple[int, int, Flag]] = []
    for f in flags:
        if f.span is None:
            continue
        start, end = max(0, f.span[0]), min(len(text), f.span[1])
        if end > start:
            spans.append((start, end, f))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b])
        over = [f for s, e, f in spans if s <= a and b <= e]
        if not over:
            parts.append(piece)
            continue
        severity: str | None = None
        for f in over:
            severity = _stronger(severity, f.severity)
        classes = [SEVERITY_CLASS[severity or "warning"]]
        attrs = ""
        if focus is not None and any(f == focus for f in over):
            classes.append("nb-focus")
            attrs = ' id="nb-focus"'
        codes = " ".join(sorted({f.code for f in over}))
        parts.append(f'<mark class="{" ".join(classes)}" title="{html.escape(codes)}"{attrs}>{piece}</mark>')
    return f'<div class="nb-text">{"".join(parts)}</div>'


def title_html(title: str, flags: Iterable[Flag]) -> str:
    """The report title, escaped; marked when a flag is about the title (section 0 with no span in the text)."""
    severity: str | None = None
    codes: set[str] = set()
    for f in flags:
        if f.section == 0 and f.span is None and f.cell_ref is None:
            severity = _stronger(severity, f.severity)
            codes.add(f.code)
    text = html.escape(title)
    if severity is not None:
        text = f'<mark class="{SEVERITY_CLASS[severity]}" title="{html.escape(" ".join(sorted(codes)))}">{text}</mark>'
    return f'<div class="nb-text"><b>标题：</b>{text}</div>'


def cell_marks(flags: Iterable[Flag]) -> dict[tuple[str, str, str], str]:
    """Severity per table cell (table, row, column) the flags name; errors win."""
    marks: dict[tuple[str, str, str], str] = {}
    for f in flags:
        ref = f.cell_ref.cell if f.cell_ref else None
        if ref is not None:
            marks[ref] = _stronger(marks.get(ref), f.severity)
    return marks


def grid_html(grid: Grid, marks: dict[tuple[str, str, str], str], focus: tuple[str, str, str] | None = None) -> str:
    """A table grid (merged cells kept) as an HTML table; flagged cells coloured, empty cells grey."""
    rows = grid.rows()
    out = [f'<table class="nb-grid" aria-label="{html.escape(grid.table.name)}">']
    for row in rows:
        out.append("<tr>")
        for c in row:
            span = ""
            if c.rowspan > 1:
                span += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                span += f' colspan="{c.colspan}"'
            text = html.escape(c.text)
            if c.role == "header":
                out.append(f"<th{span}>{text}</th>")
                continue
            classes: list[str] = []
            attrs = ""
            if c.role == "label":
                classes.append("nb-label")
            elif c.ref is not None:
                path = std.cell_path(*c.ref)
                attrs = f' title="{html.escape(path)}"'
                if c.ref in marks:
                    classes.append(SEVERITY_CLASS[marks[c.ref]])
                elif not c.text:
                    classes.append("nb-blank")
                if focus is not None and c.ref == focus:
                    classes.append("nb-focus")
                    attrs += ' id="nb-focus"'
                if not c.text:
                    text = "空"
            cls = f' class="{" ".join(classes)}"' if classes else ""
            out.append(f"<td{span}{cls}{attrs}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)
