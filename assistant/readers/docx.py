""".docx: body paragraphs and tables in document order, each merged cell read once."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from assistant.errors import InputError
from assistant.model import Report
from assistant.readers.build import Builder
from assistant.readers.normalize import clean_text
from assistant.readers.sniff import check_zip


def read_docx(data: bytes, source: str) -> Report:
    """A report from a .docx file's bytes; InputError for a corrupt file or one that is no .docx."""
    check_zip(data, source)  # before python-docx unpacks anything: zip bombs and non-zips stop here
    import docx  # imported lazily: the checker never needs it
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors … for broken files
        raise InputError(
            "Word 文档已损坏或不是标准的 .docx 文件，无法读取。",
            hint_en=f"corrupt or non-standard .docx: {type(exc).__name__}",
            path=source,
        ) from exc

    builder = Builder()
    paragraph_no = 0
    table_no = 0
    try:
        for element in _blocks(body):
            if element.tag == qn("w:p"):
                paragraph_no += 1
                _add_paragraph(builder, Paragraph(element, document).text, paragraph_no)
            else:
                _add_table(builder, element, Table(element, document), paragraph_no, table_no)
                table_no += 1
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            "Word 文档结构异常，无法读取。",
            hint_en=f"malformed .docx body: {type(exc).__name__}",
            path=source,
        ) from exc
    return builder.report(source, "docx")


def _grid_before(tr: Any) -> int:
    """Columns skipped at the start of a row (w:trPr/w:gridBefore)."""
    value = getattr(tr, "grid_before", 0)
    return int(value or 0)


def _blocks(parent: Any) -> Iterator[Any]:
    """The body's paragraphs and tables in document order, content controls (w:sdt) unwrapped."""
    from docx.oxml.ns import qn

    for child in parent.iterchildren():
        if child.tag == qn("w:sdt"):  # content controls wrap ordinary paragraphs and tables
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif child.tag in (qn("w:p"), qn("w:tbl")):
            yield child


def _add_paragraph(builder: Builder, text: str, paragraph_no: int) -> None:
    """One paragraph's non-blank lines."""
    for line in clean_text(text).split("\n"):
        if line.strip():
            builder.add_paragraph(line.strip(), paragraph_no)


def _add_table(builder: Builder, element: Any, table: Any, paragraph_no: int, table_no: int) -> None:
    """One table's cells with their grid positions, each merged cell once."""
    from docx.table import _Cell

    for r, tr in enumerate(element.tr_lst):
        col = _grid_before(tr)
        for tc in tr.tc_lst:
            # a vertically merged cell is read where it starts; its continuations hold nothing
            if tc.vMerge is None or tc.vMerge == "restart":
                builder.add_cell(_Cell(tc, table).text, paragraph_no, (table_no, r, col))
            col += tc.grid_span
