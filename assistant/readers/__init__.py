"""Readers: real published reports (.txt/.md, .docx, .doc/.wps, .pdf, .html, figures .json/.xlsx) → :class:`Report`.

Public API (others depend on exactly this): :func:`read_report`, :func:`read_report_bytes`,
:func:`read_report_text`, the accepted suffixes (:data:`SUPPORTED_SUFFIXES` = :data:`REPORT_SUFFIXES` +
:data:`FIGURES_SUFFIXES`; upload widgets take them as they are) and :func:`suffix_list` to name them
in a message. Anything unusable raises
:class:`assistant.errors.InputError`; no other exception type escapes for bad input.
"""

from __future__ import annotations

import os
from pathlib import Path

from assistant.errors import InputError
from assistant.model import Report
from assistant.readers.sniff import (
    MAX_INPUT_BYTES,
    MAX_TEXT_BYTES,
    OLE2_MAGIC,
    PDF_MAGIC,
    check_size,
    decode_text,
)

TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm")
WORD_SUFFIXES = (".doc", ".wps")  # old Word and WPS: converted by LibreOffice (assistant.readers.office)
# A report as published, with its text: what a folder given to `check` is searched for, and what the pages
# take as the report to review or as last year's report.
REPORT_SUFFIXES: tuple[str, ...] = (".docx", ".pdf", *WORD_SUFFIXES, *HTML_SUFFIXES, *TEXT_SUFFIXES)
# This year's figures alone (the filled-in template, figures JSON): read as a report without text.
FIGURES_SUFFIXES: tuple[str, ...] = (".xlsx", ".json")
SUPPORTED_SUFFIXES: tuple[str, ...] = (*REPORT_SUFFIXES, *FIGURES_SUFFIXES)

__all__ = [
    "FIGURES_SUFFIXES",
    "REPORT_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "read_report",
    "read_report_bytes",
    "read_report_text",
    "suffix_list",
]


def suffix_list(suffixes: tuple[str, ...], sep: str = " / ") -> str:
    """The suffixes for a message: ".docx / .html / …"."""
    return sep.join(suffixes)


def read_report(path: str | os.PathLike[str]) -> Report:
    """Read a report file; the suffix chooses the reader."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("文件不存在。", hint_en="no such file", path=name)
    if p.is_dir():
        raise InputError("这是一个文件夹，不是文件。", hint_en="a folder, not a file", path=name)
    _check_suffix(p.suffix, name)
    try:
        check_size(p.stat().st_size, name, _limit(p.suffix))
        data = p.read_bytes()
    except OSError as exc:
        raise InputError("文件无法读取。", hint_en=f"cannot read the file: {exc}", path=name) from exc
    return _dispatch(data, p.suffix.lower(), name)


def read_report_bytes(data: bytes, name: str) -> Report:
    """Read an uploaded file's bytes; ``name`` gives the suffix (and is recorded as the source)."""
    suffix = Path(name).suffix
    _check_suffix(suffix, name)
    check_size(len(data), name, _limit(suffix))
    return _dispatch(data, suffix.lower(), name)


def read_report_text(text: str, source: str = "<text>") -> Report:
    """Read a report from text already in memory."""
    from assistant.readers.text import read_text

    if not text.strip():
        raise InputError("文本是空的。", hint_en="the text is empty", path=source)
    if len(text) > MAX_TEXT_BYTES // 3:  # characters, not bytes: only measure when it could matter
        check_size(len(text.encode("utf-8", "replace")), source, MAX_TEXT_BYTES)
    return read_text(text, source)


def _limit(suffix: str) -> int:
    return MAX_INPUT_BYTES if suffix.lower() in (".docx", ".xlsx", ".pdf", *WORD_SUFFIXES) else MAX_TEXT_BYTES


def _office_kind(data: bytes, suffix: str) -> str:
    """An office document saved under another office suffix (a PDF or an old .doc named .docx) is read as
    what its content is."""
    if suffix not in (".docx", ".pdf", *WORD_SUFFIXES):
        return suffix
    if data.startswith(PDF_MAGIC):
        return ".pdf"
    if data.startswith(OLE2_MAGIC) and suffix not in WORD_SUFFIXES:
        return ".doc"
    return suffix


def _check_suffix(suffix: str, name: str) -> None:
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"不支持的文件类型“{suffix or '（无扩展名）'}”，请提供 {suffix_list(SUPPORTED_SUFFIXES, '、')} 文件。",
            hint_en=f"unsupported file type {suffix!r}; use one of {', '.join(SUPPORTED_SUFFIXES)}",
            path=name,
        )


def _dispatch(data: bytes, suffix: str, name: str) -> Report:
    suffix = _office_kind(data, suffix)
    if suffix in TEXT_SUFFIXES:
        return read_report_text(decode_text(data, name), name)
    if suffix == ".docx":
        from assistant.readers.docx import read_docx

        return read_docx(data, name)
    if suffix == ".pdf":
        from assistant.readers.pdf import read_pdf

        return read_pdf(data, name)
    if suffix in WORD_SUFFIXES:
        from assistant.readers.office import read_word

        return read_word(data, name, suffix)
    if suffix == ".xlsx":
        from assistant.readers.xlsx import read_xlsx_bytes

        return read_xlsx_bytes(data, name)
    if suffix in HTML_SUFFIXES:
        from assistant.readers.html import read_html

        return read_html(data, name)
    from assistant.readers.figures_json import read_figures_json

    return read_figures_json(data, name)
