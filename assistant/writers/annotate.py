"""A report as a .docx in the standard layout with every open flag as a Word comment (批注) at its text.

Reviewers work in Word or WPS: they should see each finding where it is, not in a separate list. The
document is the one :func:`assistant.writers.docx.write_docx` writes; the comments are added afterwards
through python-docx's comments API, anchored in this order of preference:

* a flag with a span → exactly the flagged characters (runs are split at the span's ends, and a span over
  several paragraphs runs from the first character to the last);
* a flag with a cell → the paragraph of that value cell in its table;
* a flag with a section only → that section's heading;
* a flag for the whole report (or the preamble, which has no heading) → the title.

A flag whose span or cell is not in the document (a span over whitespace only, a cell of a table that was
not printed) falls back down the list, so every flag gets exactly one comment. Comments live in
word/comments.xml and only range markers go into the body, so reading the file back gives the same text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from assistant import standard as std
from assistant.codes import SEVERITY_CN
from assistant.errors import InputError
from assistant.model import Flag, Report, flag_key
from assistant.writers.docx import BODY_FONT, Anchors, build_document, set_east_asia
from assistant.writers.plan import Block

AUTHOR = "年报助手"
INITIALS = "NB"
# Decisions that take a flag out of the annotated file. "accepted" (the reviewer agrees it must be fixed)
# stays in: the annotated file is where the clerk fixes it.
LEFT_OUT = frozenset({"dismissed"})

COMMENT_PT = 10.5
# Word's built-in comment styles, by the ids python-docx writes (CommentText on the comment paragraphs,
# CommentReference on the mark in the body). The default template lacks them, and without them a
# comment would take the body's 三号 font, two-character indent and exact 28 pt lines.
COMMENT_STYLES = (("annotation text", "CommentText", "paragraph"), ("annotation reference", "CommentReference", "run"))

# The annotated document is a full lxml tree (≈2.3 KB a paragraph): 100,000 paragraphs take ≈5.5 s and
# ≈380 MB (benchmarks/hostile_inputs.py), so a longer report is refused rather than let past 500 MB.
MAX_PARAGRAPHS = 100_000

AnchorKind = Literal["span", "cell", "heading", "title"]


@dataclass
class AnnotateStats:
    """How many comments were written and where each was anchored; how many dismissed flags were left out."""

    comments: int = 0
    span: int = 0  # anchored at the flagged characters
    cell: int = 0  # at a table value cell
    heading: int = 0  # at a section heading
    title: int = 0  # at the title (or the first paragraph of a report without one)
    left_out: int = 0  # flags not written because a reviewer dismissed them


def comment_text(flag: Flag) -> str:
    """ "【N-MISMATCH】错误：…" — the code first, so a reviewer can look it up in the checks list."""
    return f"【{flag.code}】{SEVERITY_CN.get(flag.severity, flag.severity)}：{flag.message}"


def annotate_docx(
    report: Report,
    flags: Sequence[Flag],
    target: str | Path | IO[bytes],
    decisions: Mapping[str, str] | None = None,
    author: str = AUTHOR,
) -> AnnotateStats:
    """Write ``report`` as a .docx with one comment per open flag; ``decisions`` maps :func:`flag_key`
    to "dismissed" / "accepted" (dismissed flags are left out); ``author`` is the comments' author in Word."""
    refuse_if_too_long(report)
    anchors = Anchors()
    document = build_document(report, anchors)
    stats = AnnotateStats()
    decisions = decisions or {}
    open_flags = [f for f in flags if decisions.get(flag_key(f)) not in LEFT_OUT]
    stats.left_out = len(flags) - len(open_flags)
    if open_flags:
        _comment_styles(document)
    places = _Places(document, anchors)
    comments = _Comments(document, author or AUTHOR)
    for flag in open_flags:
        kind, runs = places.anchor(flag)
        comments.add(runs, comment_text(flag))
        stats.comments += 1
        setattr(stats, kind, getattr(stats, kind) + 1)
    document.save(target if not isinstance(target, Path) else str(target))
    return stats


def refuse_if_too_long(report: Report) -> None:
    """Raise :class:`InputError` when ``report`` has more paragraphs than an annotated copy can hold."""
    paragraphs = sum(section.text.count("\n") + 1 for section in report.sections)
    if paragraphs > MAX_PARAGRAPHS:
        raise InputError(
            f"报告有 {paragraphs:,} 段，超过批注版的上限 {MAX_PARAGRAPHS:,} 段，无法生成批注版：请按检查结果逐条修改。",
            hint_en=f"report too long to annotate ({paragraphs:,} paragraphs, at most {MAX_PARAGRAPHS:,})",
        )


# ---- where a flag goes ------------------------------------------------------------------------------
class _Places:
    """Finds each flag's anchor; the text blocks are indexed once by section and offset, so a span is found
    by bisection rather than by a pass over the whole document per flag."""

    def __init__(self, document: Any, anchors: Anchors) -> None:
        self._document = document
        self._anchors = anchors
        self._texts: dict[int, list[tuple[int, Block, Any]]] = {}
        for block, paragraph in anchors.texts:
            if block.section is not None and block.start is not None:
                self._texts.setdefault(block.section, []).append((block.start, block, paragraph))
        for entries in self._texts.values():
            entries.sort(key=lambda e: e[0])
        self._starts = {section: [e[0] for e in entries] for section, entries in self._texts.items()}
        self._top: Any | None = None

    def anchor(self, flag: Flag) -> tuple[AnchorKind, list[Any]]:
        """Where ``flag``'s comment goes (see the module's list) and the runs it covers."""
        anchors = self._anchors
        if flag.span is not None and flag.section is not None:
            runs = self._span_runs(flag.section, flag.span)
            if runs:
                return "span", runs
        section = flag.section
        if flag.cell_ref is not None:
            paragraph = anchors.cells.get(flag.cell_ref.cell) if flag.cell_ref.cell else None
            if paragraph is not None:
                return "cell", _whole(paragraph)
            if section is None:  # no such cell printed: the table's section heading is the next best place
                section = std.TABLES_BY_KEY[flag.cell_ref.table].section
        if section is not None and section in anchors.headings:
            return "heading", _whole(anchors.headings[section])
        if anchors.title is not None:
            return "title", _whole(anchors.title)
        # No title (a draft without unit or year): the top of the document stands for the whole report.
        if self._top is None:
            paragraphs = self._document.paragraphs
            self._top = paragraphs[0] if paragraphs else self._document.add_paragraph()
        return "title", _whole(self._top)

    def _span_runs(self, section: int, span: tuple[int, int]) -> list[Any]:
        """The runs at the ends of ``span`` of the section's text, split out of their paragraphs' runs.

        A comment is marked at its first and last character, so of a span over many paragraphs (a whole part,
        say) only the first and last printed pieces are split; the paragraphs between are left as they are.
        """
        start, end = span
        entries = self._texts.get(section, [])
        starts = self._starts.get(section, [])
        # from the last block starting at or before the span (it may hold its start) to the last one before its end
        inside = range(max(bisect_right(starts, start) - 1, 0), bisect_left(starts, end))
        first = next((piece for i in inside if (piece := _piece(entries[i], start, end))), None)
        if first is None:
            return []  # the span is over blank lines or stripped whitespace only: never printed
        last = next(piece for i in reversed(inside) if (piece := _piece(entries[i], start, end)))
        if last[0] is first[0]:  # one paragraph
            return _isolate(*first)
        return _isolate(*first)[:1] + _isolate(*last)[-1:]


def _piece(entry: tuple[int, Block, Any], start: int, end: int) -> tuple[Any, int, int] | None:
    """The part of ``[start, end)`` printed in one text block: its paragraph and offsets in it, if any."""
    at, block, paragraph = entry
    lo, hi = max(start, at), min(end, at + len(block.text))
    return (paragraph, lo - at, hi - at) if lo < hi else None


class _Comments:
    """Adds the comments, numbering them here: python-docx's ``add_comment`` reads every comment's id to find
    the next free one, which made annotating quadratic in the number of flags. The first comment is made by
    python-docx; later one-paragraph comments are copies of it with their own id and text."""

    def __init__(self, document: Any, author: str = AUTHOR) -> None:
        self._document = document
        self._author = author  # copies of the first comment keep its author
        self._template: Any | None = None
        self._next = 0

    def add(self, runs: list[Any], text: str) -> None:
        """One comment holding ``text``, over ``runs`` (first to last)."""
        from docx.oxml.ns import qn

        if self._template is None or "\n" in text:  # a text of several paragraphs: python-docx lays it out
            comment = self._document.add_comment(runs, text=text, author=self._author, initials=INITIALS)
            self._next = comment.comment_id + 1
            if "\n" not in text:
                self._template = comment._comment_elm
            return
        element = deepcopy(self._template)
        element.set(qn("w:id"), str(self._next))
        paragraph = element[0]
        paragraph[-1].text = text  # the text run (a CT_R: tabs as python-docx writes them), after annotationRef
        self._template.getparent().append(element)
        runs[0].mark_comment_range(runs[-1], self._next)
        self._next += 1


def _whole(paragraph: Any) -> list[Any]:
    runs = [r for r in paragraph.runs if r.text]
    # An empty cell has no run to hold a comment: an empty one marks the place (Word shows a point comment).
    return runs or [paragraph.add_run()]


def _isolate(paragraph: Any, a: int, b: int) -> list[Any]:
    """Split runs at offsets ``a`` and ``b`` of the paragraph's text; the runs now covering [a, b)."""
    _split_at(paragraph, a)
    _split_at(paragraph, b)
    out: list[Any] = []
    pos = 0
    for run in paragraph.runs:
        n = len(run.text)
        if n and a <= pos and pos + n <= b:
            out.append(run)
        pos += n
    return out


def _split_at(paragraph: Any, k: int) -> None:
    """Cut the run that has offset ``k`` strictly inside it into two runs with the same formatting."""
    from docx.text.run import Run

    pos = 0
    for run in paragraph.runs:
        text = run.text
        if pos < k < pos + len(text):
            twin = deepcopy(run._r)  # keeps rPr: fonts (eastAsia included) and size stay the same
            run._r.addnext(twin)
            run.text = text[: k - pos]
            Run(twin, paragraph).text = text[k - pos :]
            return
        pos += len(text)


# ---- comment styles ---------------------------------------------------------------------------------
def _comment_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    styles = document.styles
    existing = {s.style_id for s in styles}
    for name, style_id, kind in COMMENT_STYLES:
        if style_id in existing:
            continue
        if kind == "paragraph":
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            pf = style.paragraph_format
            pf.first_line_indent = Pt(0)
            pf.line_spacing = 1.0
            pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        else:
            style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.style_id = style_id
        style.font.size = Pt(COMMENT_PT)
        set_east_asia(style.element, BODY_FONT)
