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
    check_zip(data, source)  # before python-docx unpacks anything: zip bombs and non-zips stop here
    import docx  # imported lazily: the checker never needs it
    from docx.oxml.ns import qn
    from docx.table import Table, _Cell
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
    p_tag, tbl_tag, sdt_tag = qn("w:p"), qn("w:tbl"), qn("w:sdt")
    paragraph_no = 0
    table_no = 0

    def blocks(parent: Any) -> Iterator[Any]:
        for child in parent.iterchildren():
            if child.tag == sdt_tag:  # content controls wrap ordinary paragraphs and tables
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from blocks(content)
            elif child.tag in (p_tag, tbl_tag):
                yield child

    try:
        for element in blocks(body):
            if element.tag == p_tag:
                paragraph_no += 1
                text = clean_text(Paragraph(element, document).text)
                for line in text.split("\n"):
                    if line.strip():
                        builder.add_paragraph(line.strip(), paragraph_no)
                continue
            table = Table(element, document)
            for r, tr in enumerate(element.tr_lst):
                col = _grid_before(tr)
                for tc in tr.tc_lst:
                    span = tc.grid_span
                    # a vertically merged cell is read where it starts; its continuations hold nothing
                    if tc.vMerge is None or tc.vMerge == "restart":
                        builder.add_cell(_Cell(tc, table).text, paragraph_no, (table_no, r, col))
                    col += span
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
