"""Reading an annotated .docx as a reviewer sees it in Word: the comments and the words each covers."""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree
from writerkit import squeeze

from assistant.model import Flag, Report
from assistant.writers.annotate import AUTHOR, INITIALS, comment_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored_text(data: bytes) -> dict[int, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd in word/document.xml."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    open_ids: set[int] = set()
    out: dict[int, str] = {}
    for el in root.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(int(el.get(f"{W}id")))
            out.setdefault(int(el.get(f"{W}id")), "")
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(int(el.get(f"{W}id")))
        elif el.tag == f"{W}t":
            for i in open_ids:
                out[i] += el.text or ""
    assert not open_ids, f"comment ranges never closed: {open_ids}"
    return out


def comments(data: bytes) -> list[tuple[int, str, str, str | None]]:
    """(id, text, author, initials) of every comment, opened with python-docx: the package is well formed."""
    document = docx.Document(io.BytesIO(data))
    return [(c.comment_id, c.text, c.author, c.initials) for c in document.comments]


def in_table_cell(data: bytes) -> set[int]:
    """The ids of the comments whose range starts inside a table cell."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return {
        int(el.get(f"{W}id"))
        for el in root.iter(f"{W}commentRangeStart")
        if any(a.tag == f"{W}tc" for a in el.iterancestors())
    }


def expected_anchor(report: Report, flag: Flag) -> str:
    """The words a flag should be anchored at, as a reviewer sees them (whitespace and line breaks aside)."""
    section = report.section(flag.section) if flag.section is not None else None
    if flag.span is not None and section is not None:
        return squeeze(section.text[flag.span[0] : flag.span[1]])
    if flag.cell_ref is not None:
        from assistant.writers.layout import cell_text

        ref = flag.cell_ref.cell
        assert ref is not None
        return cell_text(report.figures.cell(*ref))
    if section is not None and section.heading:
        return squeeze(section.heading)
    return squeeze(report.meta.title or "")


def assert_one_comment_per_flag_at_its_words(report: Report, flags: list[Flag], data: bytes) -> None:
    """Each flag, in order, is one comment by the assistant naming its code, over exactly the flagged words."""
    found = comments(data)
    assert len(found) == len(flags)
    anchors = anchored_text(data)
    assert sorted(anchors) == sorted(c[0] for c in found)
    # comments are added in flag order, so the n-th comment belongs to the n-th flag
    for flag, (cid, text, author, initials) in zip(flags, found, strict=True):
        assert text == comment_text(flag)
        assert text.startswith(f"【{flag.code}】")
        assert (author, initials) == (AUTHOR, INITIALS)
        assert squeeze(anchors[cid]) == expected_anchor(report, flag), flag.code
