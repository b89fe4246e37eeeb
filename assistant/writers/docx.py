"""A report as a .docx in the 公文 layout (GB/T 9704 conventions), tables with real merged cells.

A4, margins 3.7/3.5/2.8/2.6 cm; title 方正小标宋简体 二号 centred; body 仿宋_GB2312 三号, first line indented two
characters, exact 28 pt lines; level-1 headings 黑体, level-2 楷体_GB2312; tables 10.5 pt, centred, bordered.

Word picks Chinese glyphs from the *eastAsia* font slot, which python-docx's ``font.name`` does not set, so
every style and every run gets it explicitly. Fonts a clerk's PC may lack get a substitute (w:altName) in
the font table: 方正小标宋简体 → 黑体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体.
"""

from __future__ import annotations

import functools
import io
import re
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from assistant.model import Report
from assistant.writers.layout import Grid, GridCell
from assistant.writers.plan import Block, plan

TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "黑体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
TABLE_FONT = "仿宋_GB2312"
FALLBACKS = {TITLE_FONT: TITLE_FALLBACK, BODY_FONT: "仿宋", HEADING2_FONT: "楷体"}

TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
TABLE_PT = 10.5  # 五号
LINE_PT = 28  # exact line height of the body: 22 lines on an A4 page with these margins
INDENT_CHARS = 2

PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
TEXT_WIDTH_CM = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
# Widths of the label columns on the left of each table; the value columns share the rest equally.
LABEL_WIDTHS_CM: dict[str, tuple[float, ...]] = {"table2": (4.2,), "table3": (1.2, 2.0, 4.4), "table4": ()}

STYLE_TITLE = "年报标题"
STYLE_H1 = "年报一级标题"
STYLE_H2 = "年报二级标题"
STYLE_SIGNATURE = "年报落款"
STYLE_TABLE = "年报表格"
# ASCII style ids: the names show in Word, the ids are what the XML refers to
STYLE_IDS = {
    STYLE_TITLE: "NianbaoTitle",
    STYLE_H1: "NianbaoHeading1",
    STYLE_H2: "NianbaoHeading2",
    STYLE_SIGNATURE: "NianbaoSignature",
    STYLE_TABLE: "NianbaoTable",
}

FontSpec = tuple[str, float, bool]  # (font, size in pt, bold)
_RUN_FONTS: dict[str, FontSpec] = {
    "title": (TITLE_FONT, TITLE_PT, False),
    "heading": (HEADING1_FONT, BODY_PT, False),
    "subheading": (HEADING2_FONT, BODY_PT, False),
    "paragraph": (BODY_FONT, BODY_PT, False),
    "signature": (BODY_FONT, BODY_PT, False),
}
_STYLES = {
    "title": STYLE_TITLE,
    "heading": STYLE_H1,
    "subheading": STYLE_H2,
    "paragraph": "Normal",
    "signature": STYLE_SIGNATURE,
}
# The id each kind's style is written with (None: the default style, written as no w:pStyle at all), and
# python-docx's id for its built-in "Table Grid": fixed, so never looked up (python-docx scans every style).
_KIND_STYLE_IDS = {kind: STYLE_IDS.get(name) for kind, name in _STYLES.items()}
TABLE_GRID_ID = "TableGrid"


@dataclass
class Anchors:
    """Where :func:`build_document` put things, for writers that add to the document afterwards (comments).

    Values are python-docx ``Paragraph`` objects; a section printed twice keeps its first heading.
    """

    title: Any | None = None
    headings: dict[int, Any] = field(default_factory=dict)  # section number → its heading paragraph
    texts: list[tuple[Block, Any]] = field(default_factory=list)  # each text block with its paragraph
    cells: dict[tuple[str, str, str], Any] = field(default_factory=dict)  # value cell (table, row, col) → paragraph


def write_docx(report: Report, target: str | Path | IO[bytes]) -> None:
    """Write ``report`` as a .docx to a path or a binary stream."""
    document = build_document(report)
    document.save(target if not isinstance(target, Path) else str(target))


def build_document(report: Report, anchors: Anchors | None = None) -> Any:
    """The python-docx ``Document`` of ``report`` in the standard layout, not yet saved.

    When ``anchors`` is given it is filled with the paragraphs written for the title, each heading, each
    text block and each table value cell.
    """
    import docx  # imported lazily: only writing a .docx needs it

    document = docx.Document(io.BytesIO(_prepared()))
    blocks = plan(report)
    title = next((b.text for b in blocks if b.kind == "title"), None)
    document.core_properties.title = title or ""
    document.core_properties.comments = f"标题字体为{TITLE_FONT}，未安装时以{TITLE_FALLBACK}代替。"
    writer = _Writer(document)
    printed: dict[int, int] = {}  # headings printed per section number
    for block in blocks:
        if block.kind == "table" and block.grid is not None:
            cells = _table(document, block.grid, writer)
            if anchors is not None:
                anchors.cells.update(cells)
            continue
        paragraph = writer.paragraph(block)
        if anchors is None:
            continue
        if block.kind == "title":
            anchors.title = anchors.title or paragraph
        elif block.kind == "heading" and block.section is not None:
            anchors.headings.setdefault(block.section, paragraph)
            printed[block.section] = printed.get(block.section, 0) + 1
        elif block.start is not None and block.section is not None and printed.get(block.section, 0) <= 1:
            # spans count in the first section of a number (Report.section): a repeat's text is not theirs
            anchors.texts.append((block, paragraph))
    return document


@functools.cache
def _prepared() -> bytes:
    """The empty document with page, styles and font table, built once per process and reopened per report.

    Setting the styles up and looking them up by name (python-docx scans every style each time) cost more
    than writing a whole report.
    """
    import docx

    document = docx.Document()
    _page(document)
    _styles(document)
    _font_fallbacks(document)
    body = document.element.body
    if len(body) and body[0].tag.endswith("}p"):
        body.remove(body[0])  # the template's empty first paragraph would sit above the title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- page and styles ------------------------------------------------------------------------------
def _page(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    section.top_margin = Cm(MARGINS_CM["top"])
    section.bottom_margin = Cm(MARGINS_CM["bottom"])
    section.left_margin = Cm(MARGINS_CM["left"])
    section.right_margin = Cm(MARGINS_CM["right"])


def set_east_asia(element: Any, font: str) -> None:
    """Name ``font`` in every slot of an rPr owner's rFonts, dropping theme fonts that would win over it."""
    from docx.oxml.ns import qn

    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), font)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{theme}"), None)


def _style_font(style: Any, spec: FontSpec) -> None:
    from docx.shared import Pt

    name, size, bold = spec
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    set_east_asia(style.element, name)


def _outline(style: Any, level: int) -> None:
    """Headings get an outline level so Word's navigation pane and PDF bookmarks list them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = style.element.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level))
    p_pr.append(lvl)


def _styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles = document.styles
    # the template's defaults name theme fonts (Calibri/Cambria): drop them so nothing falls back to Latin
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for rfonts in defaults.iter(qn("w:rFonts")):
            for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                rfonts.attrib.pop(qn(f"w:{theme}"), None)
    normal = styles["Normal"]
    _style_font(normal, _RUN_FONTS["paragraph"])
    lang = OxmlElement("w:lang")  # python-docx has no API for it; it goes last in rPr
    normal.element.get_or_add_rPr().append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")  # Chinese punctuation and line breaking rules
    pf = normal.paragraph_format
    pf.first_line_indent = Pt(BODY_PT * INDENT_CHARS)
    pf.line_spacing = Pt(LINE_PT)  # a Length makes the rule "exact"
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def add(name: str, spec: FontSpec) -> Any:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = STYLE_IDS[name]
        style.base_style = normal
        _style_font(style, spec)
        return style

    title = add(STYLE_TITLE, _RUN_FONTS["title"])
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(LINE_PT)
    _outline(title, 0)
    h1 = add(STYLE_H1, _RUN_FONTS["heading"])
    h1.paragraph_format.keep_with_next = True
    _outline(h1, 1)
    h2 = add(STYLE_H2, _RUN_FONTS["subheading"])
    h2.paragraph_format.keep_with_next = True
    _outline(h2, 2)
    signature = add(STYLE_SIGNATURE, _RUN_FONTS["signature"])
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.right_indent = Pt(BODY_PT * 4)  # 公文 落款: four characters from the right
    table = add(STYLE_TABLE, (TABLE_FONT, TABLE_PT, False))
    tf = table.paragraph_format
    tf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tf.first_line_indent = Pt(0)
    tf.line_spacing = 1.0
    tf.space_before = tf.space_after = Pt(0)


def _font_fallbacks(document: Any) -> None:
    """Add the 公文 fonts to word/fontTable.xml with a substitute (w:altName) each.

    python-docx has no font-table API and keeps that part as raw bytes, so the XML is edited directly.
    """
    from lxml import etree

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    part = next((p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": name})
        etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": alt})
        etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{ns}}}family", {f"{{{ns}}}val": "auto"})
        etree.SubElement(font, f"{{{ns}}}pitch", {f"{{{ns}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---- content --------------------------------------------------------------------------------------
# Text python-docx would write as one plain w:t: no tab or break, no outer whitespace (xml:space).
_PLAIN = re.compile(r"(?!\s)[^\t\r\n]+(?<!\s)")


# Built once per process and only ever copied: a run's properties by font, a styled paragraph by (kind, style id).
_RPR: dict[FontSpec, Any] = {}
_RPR_XML: dict[FontSpec, str] = {}
_PARAGRAPHS: dict[str, Any] = {}


class _Writer:
    """Appends body paragraphs and runs in constant time each.

    python-docx's ``add_paragraph`` searches the whole body for the closing w:sectPr and looks the style up
    by name on every call, which made a long report quadratic (1 MB of text: about a minute). Here the
    sectPr is found once, and each kind of paragraph (and each run's properties) is built once per process
    and copied.
    """

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self._document = document
        self._body = document.element.body
        self._end = self._body.find(qn("w:sectPr"))  # the body's last child: paragraphs go right before it

    def paragraph(self, block: Block) -> Any:
        """A new body paragraph holding ``block``'s text in one run, in its kind's style and font."""
        from docx.text.paragraph import Paragraph
        from docx.text.run import Run

        template = _PARAGRAPHS.get(block.kind)
        if template is None:
            template = _PARAGRAPHS[block.kind] = self._template(block.kind)
        p = deepcopy(template)
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._body.append(p)
        paragraph = Paragraph(p, self._document._body)
        r = p[-1]  # the template's one run: rPr, then one w:t
        if _PLAIN.fullmatch(block.text):
            r[-1].text = block.text
        else:  # tabs, breaks, outer spaces: python-docx's own rules
            Run(r, paragraph).text = block.text
        return paragraph

    def _template(self, kind: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        p: Any = OxmlElement("w:p")  # a CT_P (lxml's stubs only know _Element)
        p.style = _KIND_STYLE_IDS[kind]
        self.run(Paragraph(p, self._document._body), "-", _RUN_FONTS[kind])
        return p

    def run(self, paragraph: Any, text: str, spec: FontSpec) -> None:
        """Append a run of ``text`` in font ``spec`` (rPr built on first use, copied afterwards)."""
        from docx.text.run import Run

        cached = _RPR.get(spec)
        if cached is None:
            run = _run(paragraph, text, spec)
            _RPR[spec] = deepcopy(run._r.rPr)
            return
        r = paragraph._p.add_r()
        r.append(deepcopy(cached))
        Run(r, paragraph).text = text

    def rpr_xml(self, spec: FontSpec) -> str:
        """A run's properties in font ``spec`` as XML text, to write into a larger XML string."""
        xml = _RPR_XML.get(spec)
        if xml is None:
            from docx.oxml import OxmlElement
            from docx.text.paragraph import Paragraph
            from lxml import etree

            rpr = _RPR.get(spec)
            if rpr is None:
                p: Any = OxmlElement("w:p")  # a CT_P (lxml's stubs only know _Element)
                parent: Any = None  # a scratch paragraph: the run is only built to read its properties
                rpr = _RPR[spec] = deepcopy(_run(Paragraph(p, parent), "-", spec)._r.rPr)
            xml = _RPR_XML[spec] = etree.tostring(rpr, encoding="unicode").replace(f" {_NSDECL}", "")
        return xml


def _run(paragraph: Any, text: str, spec: FontSpec) -> Any:
    from docx.shared import Pt

    name, size, bold = spec
    run = paragraph.add_run(text)
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold or None  # not bold: inherit, rather than a w:b w:val="0" on every run
    set_east_asia(run._element, name)
    return run


def _table(document: Any, grid: Grid, writer: _Writer) -> dict[tuple[str, str, str], Any]:
    """Lay ``grid`` out as a Word table; returns the paragraph of each value cell by its ref.

    python-docx reaches a cell and merges cells by rescanning the table's rows (a merge per span, a lookup per
    cell: about 0.6 s for the three tables), so the rows are written here as one XML string and parsed once,
    in exactly the form python-docx gives merged cells (gridSpan on the first cell, vMerge restart/continue).
    """
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.parser import parse_xml
    from docx.shared import Cm
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    table = document.add_table(rows=0, cols=grid.n_cols)
    table._tbl.tblPr.style = TABLE_GRID_ID  # what ``table.style =`` writes, without its scan of every style
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    labels = LABEL_WIDTHS_CM[grid.table.key]
    rest = (TEXT_WIDTH_CM - sum(labels)) / (grid.n_cols - len(labels))
    widths = [Cm(w) for w in labels] + [Cm(rest)] * (grid.n_cols - len(labels))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header_rows = min(g.row for g in grid.cells if g.role == "value")
    rows, written = _rows_xml(grid, [w.twips for w in widths], header_rows, writer)
    tbl = table._tbl
    tbl.extend(parse_xml(f"<w:tbl {_NSDECL}>{rows}</w:tbl>"))
    refs: dict[tuple[str, str, str], Any] = {}
    for tc, g in zip(tbl.iter(_TC), written, strict=True):
        if g is None:
            continue
        paragraph = Paragraph(tc[-1], _Cell(tc, table))
        if g.text and not _PLAIN.fullmatch(g.text):  # tabs, breaks, outer spaces: python-docx's own rules
            writer.run(paragraph, g.text, _cell_font(g))
        if g.ref is not None:
            refs[g.ref] = paragraph
    return refs


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NSDECL = f'xmlns:w="{_W}"'
_TC = f"{{{_W}}}tc"


def _cell_font(cell: GridCell) -> FontSpec:
    return (TABLE_FONT, TABLE_PT, cell.role == "header")


def _rows_xml(grid: Grid, twips: list[int], header_rows: int, writer: _Writer) -> tuple[str, list[GridCell | None]]:
    """The table's w:tr elements as XML, and the grid cell each w:tc shows (None: a merge's continuation).

    A place no cell covers gets an empty w:tc, as python-docx's table has there.

    Rows never break across a page; the header rows repeat on each page (and so never stand alone).
    """
    owner: dict[tuple[int, int], GridCell] = {}
    for g in grid.cells:
        for r in range(g.row, g.row + g.rowspan):
            for c in range(g.col, g.col + g.colspan):
                owner[r, c] = g
    style = f'<w:pPr><w:pStyle w:val="{STYLE_IDS[STYLE_TABLE]}"/></w:pPr>'
    parts: list[str] = []
    written: list[GridCell | None] = []
    for r in range(grid.n_rows):
        parts.append(
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if r < header_rows
            else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        )
        c = 0
        while c < grid.n_cols:
            cell = owner.get((r, c))
            span = cell.colspan if cell is not None else 1
            pr = f'<w:tcW w:type="dxa" w:w="{sum(twips[c : c + span])}"/>'
            if span > 1:
                pr += f'<w:gridSpan w:val="{span}"/>'
            parts.append(_tc_xml(cell, r, pr, style, writer))
            written.append(cell if cell is not None and cell.row == r else None)
            c += span
        parts.append("</w:tr>")
    return "".join(parts), written


def _tc_xml(cell: GridCell | None, row: int, pr: str, style: str, writer: _Writer) -> str:
    """One w:tc in row ``row``: ``cell``'s first row, a vertical merge's continuation, or an empty cell."""
    if cell is None:
        return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p/></w:tc>"
    if cell.row < row:
        return f"<w:tc><w:tcPr>{pr}<w:vMerge/></w:tcPr><w:p/></w:tc>"
    if cell.rowspan > 1:
        pr += '<w:vMerge w:val="restart"/>'
    run = ""
    if cell.text and _PLAIN.fullmatch(cell.text):
        run = f"<w:r>{writer.rpr_xml(_cell_font(cell))}<w:t>{escape(cell.text)}</w:t></w:r>"
    return f'<w:tc><w:tcPr>{pr}<w:vAlign w:val="center"/></w:tcPr><w:p>{style}{run}</w:p></w:tc>'
