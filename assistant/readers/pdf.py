""".pdf with a text layer: ruled tables as grid cells, the rest as paragraphs re-joined from wrapped lines.

pdfplumber finds the tables by their ruling lines (benchmarks/pdf_readers.py measured it against pypdfium2:
only it gets every cell of a wrapped 表三 right). Each table cell goes to the label-anchored parser exactly
as a .docx cell does; the lines around the tables are joined back into paragraphs, so a sentence or a
heading wrapped by the page layout reads as one. A PDF without any text (a scan) is refused, never guessed.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from assistant.errors import InputError
from assistant.model import Report
from assistant.readers.build import Builder
from assistant.readers.normalize import clean_text, strip_numbering
from assistant.readers.sections import match_heading
from assistant.readers.sniff import MAX_TEXT_BYTES, check_pdf

MAX_PDF_PAGES = 100  # a report runs to 5–20 pages
MAX_PDF_CHARS = MAX_TEXT_BYTES // 3  # the same character cap as a text report
MARGIN_BAND = 0.08  # top and bottom share of a page where running headers and page numbers sit
# Page furniture: "第 1 页 共 5 页", "- 3 -", "3 / 12", a bare page number.
_PAGE_NUMBER = re.compile(
    r"^(?:第\s*\d{1,3}\s*页\s*[,，/、]?\s*(?:共\s*\d{1,3}\s*页)?|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页"
    r"|[-—–－]\s*\d{1,3}\s*[-—–－]|\d{1,3}\s*/\s*\d{1,3}|\d{1,3}|page\s*\d{1,3}(?:\s*of\s*\d{1,3})?)$",
    re.I,
)
_ENDS_PARAGRAPH = tuple("。：:；;！？!?")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass
class Line:
    """One text line of a page, in PDF points from the page's top left."""

    text: str
    x0: float
    x1: float
    top: float
    size: float  # the line's height: a change of font size starts a new paragraph


@dataclass
class Grid:
    """One ruled table of a page: rows of cells, None where a merged cell continues."""

    top: float
    rows: list[list[str | None]]


def read_pdf(data: bytes, source: str) -> Report:
    """Read a PDF's text layer into a :class:`Report`; a PDF without text raises :class:`InputError`."""
    check_pdf(data, source)
    pages = _extract(data, source)
    if not any(lines or grids for lines, grids, _ in pages):
        raise InputError(
            "PDF 中没有可读取的文字（可能是扫描件），无法核对；请提供带文字层的 PDF 或 .docx。",
            hint_en="the PDF has no text layer (a scan?); provide a text PDF or a .docx",
            path=source,
        )
    builder = Builder()
    _emit(pages, builder)
    return builder.report(source, "pdf")


def _extract(data: bytes, source: str) -> list[tuple[list[Line], list[Grid], float]]:
    """Each page's text lines outside its tables, its tables, and its width."""
    import pdfplumber  # imported lazily: the checker never needs it
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise InputError(
                    f"PDF 共 {len(pdf.pages)} 页，超过 {MAX_PDF_PAGES} 页上限，不像一份年度报告。",
                    hint_en=f"{len(pdf.pages)} pages; the limit is {MAX_PDF_PAGES}",
                    path=source,
                )
            pages = []
            chars = 0
            for page in pdf.pages:
                chars += len(page.chars)
                if chars > MAX_PDF_CHARS:
                    raise InputError(
                        "PDF 文字量过大，不像一份年度报告。", hint_en="too much text in the PDF", path=source
                    )
                pages.append(_read_page(page))
            return _drop_furniture(pages)
    except InputError:
        raise
    except PDFPasswordIncorrect as exc:
        raise InputError(
            "PDF 已加密，无法读取；请提供未加密的 PDF 或 .docx。", hint_en="encrypted PDF", path=source
        ) from exc
    except Exception as exc:  # pdfminer raises many types (PSEOF, PDFSyntaxError, KeyError …) for broken files
        raise InputError(
            "PDF 文件已损坏或格式异常，无法读取。",
            hint_en=f"corrupt or unreadable PDF: {type(exc).__name__}",
            path=source,
        ) from exc


def _read_page(page: Any) -> tuple[list[Line], list[Grid], float]:
    tables = page.find_tables() if page.rects or page.lines else []
    rest = page
    for table in tables:
        rest = rest.outside_bbox(table.bbox)
    lines = [
        Line(clean_text(_line_text(row["chars"])).strip(), row["x0"], row["x1"], row["top"], row["bottom"] - row["top"])
        for row in rest.extract_text_lines(return_chars=True)
    ]
    grids = [Grid(table.bbox[1], table.extract()) for table in tables]
    return [line for line in lines if line.text], grids, float(page.height)


def _line_text(chars: list[dict[str, Any]]) -> str:
    """A line's text from its glyphs: a space only between Latin words or numbers, or at a column gap.

    Word processors widen the gap between Chinese and digits ("2024 年"); that gap is no space in the text.
    """
    out: list[str] = []
    prev: dict[str, Any] | None = None
    pending = False
    for ch in chars:
        text = ch["text"]
        if not text.strip():
            pending = True
            continue
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            size = max(ch["size"], 1.0)
            latin = _ASCII_WORD.match(prev["text"][-1:]) and _ASCII_WORD.match(text[:1])
            if gap > 0.9 * size or (latin and (pending or gap > 0.15 * size)):
                out.append(" ")
        out.append(text)
        prev, pending = ch, False
    return "".join(out)


def _drop_furniture(pages: list[tuple[list[Line], list[Grid], float]]) -> list[tuple[list[Line], list[Grid], float]]:
    """Without page numbers, and without running headers or footers repeated on most pages."""
    in_band: Counter[str] = Counter()
    for lines, _, height in pages:
        in_band.update({ln.text for ln in lines if _in_band(ln, height)})
    repeated = {text for text, n in in_band.items() if n >= 2 and n * 2 >= len(pages)}
    return [
        (
            [ln for ln in lines if not (_in_band(ln, height) and (_PAGE_NUMBER.match(ln.text) or ln.text in repeated))],
            grids,
            height,
        )
        for lines, grids, height in pages
    ]


def _in_band(line: Line, height: float) -> bool:
    return line.top < height * MARGIN_BAND or line.top > height * (1 - MARGIN_BAND)


def _emit(pages: list[tuple[list[Line], list[Grid], float]], builder: Builder) -> None:
    """Paragraphs and table cells in reading order; a paragraph may run on over a page break."""
    left, right = _margins([ln for lines, _, _ in pages for ln in lines])
    para: list[Line] = []
    number = 0
    table_no = 0

    def flush() -> None:
        nonlocal number
        if para:
            number += 1
            builder.add_paragraph(_join([ln.text for ln in para]), number)
            para.clear()

    for lines, grids, _ in pages:
        items: list[tuple[float, Line | Grid]] = [(ln.top, ln) for ln in lines] + [(g.top, g) for g in grids]
        for _, item in sorted(items, key=lambda pair: pair[0]):
            if isinstance(item, Grid):
                flush()
                _emit_grid(item, builder, number, table_no)
                table_no += 1
            elif para and _continues(para[-1], item, left, right):
                para.append(item)
            else:
                flush()
                para.append(item)
    flush()


def _margins(body: list[Line]) -> tuple[float, float]:
    """The text block's left and right edges: where most lines start, where most full lines end."""
    if not body:
        return 0.0, 0.0
    starts = sorted(ln.x0 for ln in body)
    ends = sorted(ln.x1 for ln in body)
    return starts[len(starts) // 10], ends[len(ends) * 3 // 4]


def _continues(prev: Line, line: Line, left: float, right: float) -> bool:
    """Whether ``line`` is the wrapped rest of the paragraph ``prev`` ends.

    The previous line ran to the right margin without closing its sentence, and this one starts at the
    left margin (or is centred, as a title's second line is) in the same type size. A line that starts
    with a part's numbering ("二、") is a heading, never a continuation; an unnumbered line that merely
    reads like a part title ("…政府信息公开行政复议…情况、") is the wrapped preamble.
    """
    size = max(prev.size, line.size, 1.0)
    centred = line.x1 < right - size and abs((line.x0 + line.x1) / 2 - (left + right) / 2) <= size
    return (
        prev.x1 >= right - 1.5 * size
        and (line.x0 <= left + size / 2 or centred)
        and abs(prev.size - line.size) <= size * 0.15
        and not prev.text.endswith(_ENDS_PARAGRAPH)
        and not (strip_numbering(line.text) != line.text and match_heading(line.text) is not None)
    )


def _join(parts: list[str]) -> str:
    """Wrapped pieces joined as written: a layout's line break is never a space ("4600" / "0 人")."""
    return "".join(parts)


def _emit_grid(grid: Grid, builder: Builder, paragraph_no: int, table_no: int) -> None:
    """One table's cells with their grid positions; a merged cell's continuations (None) hold nothing."""
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if cell is not None:
                builder.add_cell(_join([p.strip() for p in cell.split("\n")]), paragraph_no, (table_no, r, c))
