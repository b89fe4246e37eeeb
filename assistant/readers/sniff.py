"""Input limits and text decoding: the first line of defence against files that are not reports.

Everything here fails with :class:`InputError` (Chinese message, English hint) and never reads more than
the caps allow, so a hostile upload costs at most one bounded read.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib

from assistant.errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a real report, even a .docx with photos, is far below this
MAX_TEXT_BYTES = 8 * 1024 * 1024  # text, html, json: a report's text is ~50 KB, a portal page < 2 MB
MAX_UNZIPPED_BYTES = 120 * 1024 * 1024  # all members of a .docx together, from the zip directory
MAX_ZIP_MEMBERS = 5000
# The XML an Office reader parses into memory (python-docx and openpyxl build whole trees): bounded by its
# unpacked bytes and by its markup (each element costs ~200 bytes once parsed, whatever its size on disk).
# A real report's parts hold < 5 MB and < 200,000 tags; 100,000 plain paragraphs take ~600,000.
MAX_XML_BYTES = 40 * 1024 * 1024
MAX_XML_TAGS: dict[str, int] = {"docx": 1_500_000, "xlsx": 600_000}  # openpyxl's cells cost more than lxml's
MAX_CONTROL_RATIO = 0.01  # text with more C0 control characters than this is binary

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def check_size(size: int, path: str, limit: int = MAX_INPUT_BYTES) -> None:
    """InputError for an empty file or one over ``limit`` bytes, before any of it is read."""
    if size > limit:
        raise InputError(
            f"文件过大（{size / 1024 / 1024:.1f} MB），超过 {limit // 1024 // 1024} MB 上限，不像一份年度报告。",
            hint_en=f"file too large ({size} bytes); the limit is {limit} bytes",
            path=path,
        )
    if size == 0:
        raise InputError("文件是空的。", hint_en="the file is empty", path=path)


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Chinese text in UTF-16 has NULs in one byte position for ASCII."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half // 4 and even < half // 20:
        return "utf-16-le"
    if even > half // 4 and odd < half // 20:
        return "utf-16-be"
    return None


def decode_text(data: bytes, path: str) -> str:
    """Bytes → str: BOM, strict UTF-8, strict GB18030, then charset-normalizer; binary is refused."""
    body, encoding = _strip_bom(data)
    text: str | None = None
    candidates = [encoding] if encoding else [_guess_utf16(body), "utf-8", "gb18030"]
    for enc in candidates:
        if enc is None:
            continue
        try:
            text = body.decode(enc)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is not None and enc == "gb18030":
        text = _big5_instead(body, text)
    if text is None:
        text = _fallback_decode(body)
    if text is None or _looks_binary(text):
        raise InputError(
            "文件内容不是可读的文本（可能是二进制文件或编码无法识别）。",
            hint_en="not readable text (binary data or an unknown encoding)",
            path=path,
        )
    return text


# Characters every report is full of, simplified and traditional: Big5 bytes read as GB18030 decode without
# error but into other characters, so the decoding that yields more of these is the right one.
_REPORT_CHARS = frozenset("的年政府信息公开開申请請工作情况況本度")


def _big5_instead(body: bytes, gb_text: str) -> str:
    """``gb_text``, or the Big5 reading of ``body`` when that one reads as a report and the GB18030 one does not."""
    # Scored on the first 20,000 characters (at most 40,000 bytes in Big5); the whole body is decoded only
    # when Big5 wins, so a GB18030 text is not decoded a second time.
    score_gb = sum(c in _REPORT_CHARS for c in gb_text[:20_000])
    score_big5 = sum(c in _REPORT_CHARS for c in body[:40_000].decode("big5", errors="ignore")[:20_000])
    if score_big5 <= 2 * score_gb:
        return gb_text
    try:
        return body.decode("big5")
    except UnicodeDecodeError:
        return gb_text


def _fallback_decode(body: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported lazily: only odd encodings get here

    best = from_bytes(body).best()
    return None if best is None else str(best)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:200_000]
    controls = len(_CONTROL.findall(sample))
    return controls > max(2, len(sample) * MAX_CONTROL_RATIO)


# Office formats by suffix: (the member that proves the type, the document's name, the program to re-save with)
ZIP_KINDS: dict[str, tuple[str, str, str]] = {
    "docx": ("word/document.xml", "Word 文档", "Word"),
    "xlsx": ("xl/workbook.xml", "Excel 工作簿", "Excel"),
}


def check_zip(data: bytes, path: str, kind: str = "docx") -> None:
    """Refuse an Office file (.docx, .xlsx) that is not a zip, lacks its main part, or would unpack past
    the cap (zip bomb).

    Sizes come from the zip directory; zipfile never returns more bytes than a member's declared size,
    so checking the directory bounds what python-docx or openpyxl can unpack.
    """
    member, what, program = ZIP_KINDS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if not any(i.filename == member for i in infos):
                raise InputError(
                    f"该文件不是 {what}（缺少{'正文部分 ' if kind == 'docx' else ' '}{member}）。",
                    hint_en=f"zip file without {member}: not a .{kind}",
                    path=path,
                )
            if _too_big(zf, infos, kind):
                raise InputError(
                    f"该 .{kind} 解压后体积或元素数量异常（可能是压缩炸弹），已拒绝读取。",
                    hint_en=f"the .{kind} would unpack beyond the size or element limit (zip bomb?)",
                    path=path,
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise InputError(
            f"不是有效的 .{kind} 文件（无法作为 {what}打开），请用 {program} 另存为 .{kind} 后重试。",
            hint_en=f"not a valid .{kind} (zip) file: {exc}",
            path=path,
        ) from exc


def _too_big(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], kind: str) -> bool:
    """Whether the zip would unpack past the caps: members, all bytes, XML bytes, or XML tags (streamed)."""
    if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        return True
    xml = [i for i in infos if i.filename.lower().endswith((".xml", ".rels"))]
    if sum(i.file_size for i in xml) > MAX_XML_BYTES:
        return True
    # Every element has one or two "<": counting them while unpacking bounds the parse without parsing.
    tags, limit = 0, MAX_XML_TAGS[kind]
    if sum(i.file_size for i in xml) <= limit:
        return False  # fewer bytes than the tag cap (zipfile stops at the declared size): no need to unpack twice
    for info in xml:
        with zf.open(info) as f:
            while block := f.read(1 << 20):
                tags += block.count(b"<")
                if tags > limit:
                    return True
    return False


PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word (.doc) and WPS (.wps) compound files
RTF_MAGIC = b"{\\rtf"  # Word also saves .doc as RTF


def check_pdf(data: bytes, path: str) -> None:
    """Refuse a .pdf whose first kilobyte has no PDF header."""
    if PDF_MAGIC not in data[:1024]:
        raise InputError("不是有效的 PDF 文件（缺少 PDF 文件头）。", hint_en="not a PDF (no %PDF- header)", path=path)


def word_kind(data: bytes) -> str | None:
    """What an old-Word upload (.doc, .wps) really holds: "docx" (a renamed .docx), "ole2", "rtf", or None."""
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    if data.lstrip()[:5] == RTF_MAGIC:
        return "rtf"
    return None
