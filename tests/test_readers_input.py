"""Readers: encodings, text artifacts, and hostile or unusable input (always InputError, never a hang)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.readers import read_report, read_report_bytes, read_report_text
from tests import layouts as L


def _report_text() -> str:
    return L.render_text("D1", L.base_figures())


# ---------------------------------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("gb18030", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-8", b""),
    ],
)
def test_encodings_read_identically(encoding: str, bom: bytes) -> None:
    text = _report_text()
    reference = read_report_bytes(text.encode("utf-8"), "r.txt")
    r = read_report_bytes(bom + text.encode(encoding), "r.txt")
    assert r.figures == reference.figures
    assert r.sections == reference.sections
    assert r.meta == reference.meta


def test_crlf_and_markdown_suffix() -> None:
    text = _report_text().replace("\n", "\r\n")
    r = read_report_bytes(text.encode("utf-8"), "r.md")
    assert L.mismatches(r, L.base_figures()) == []
    assert "\r" not in r.text_of(1)


# ---------------------------------------------------------------------------------------------------
# Text artifacts
# ---------------------------------------------------------------------------------------------------
def test_full_width_digits_nbsp_and_zero_width() -> None:
    text = _report_text()
    text = text.replace("行政许可 | 45 |", "行政许可 | \u00a0４５\u00a0 |")
    text = text.replace("行政处罚 | 7 |", "行政\u200b处罚 |  7  |")
    text = text.replace("本年收费金额", "本年收费金额")
    r = read_report_text(text)
    assert r.figures.value("table2", "licensing", "decisions") == 45
    assert r.figures.value("table2", "penalty", "decisions") == 7


def test_thousands_separator() -> None:
    text = _report_text().replace("行政许可 | 45 |", "行政许可 | 1,234 |")
    r = read_report_text(text)
    assert r.figures.value("table2", "licensing", "decisions") == 1234


def test_traditional_characters_and_converter_artifacts() -> None:
    text = _report_text()
    text = text.replace("行政规范性文件", "行政規範性文件")
    text = text.replace("本机关不掌握相关政府信息", "本機關不掌握相關政府信息")
    text = text.replace("二、主动公开政府信息情况", "二、主動公開政府信息情況")
    text = text.replace(L.PREAMBLE, "本報告根據(jù)《條例》編制(zhì)，統計期限为2023年1月1日至2023年12月31日。")
    r = read_report_text(text)
    assert L.mismatches(r, L.base_figures()) == []
    assert r.section(2).heading == "二、主动公开政府信息情况"  # type: ignore[union-attr]
    assert "根据《条例》编制，统计期限" in r.text_of(0)


def test_leaked_tags_and_bookmarks_are_removed() -> None:
    text = _report_text().replace(L.NARRATIVE[6][0], "[bookmark: _GoBack]本年度未收取</font>信息处理费。")
    r = read_report_text(text)
    assert r.text_of(6) == "本年度未收取信息处理费。"


def test_spaced_labels_and_type_typo() -> None:
    text = _report_text().replace("规章 |", "规 章 |").replace("行政事业性收费", "行政事业型收费")
    r = read_report_text(text)
    assert L.mismatches(r, L.base_figures()) == []


def test_normative_docs_without_prefix() -> None:
    text = _report_text().replace("行政规范性文件 |", "规范性文件 |")
    r = read_report_text(text)
    assert r.figures.value("table2", "normative_docs", "in_force") == 12


def test_tab_indented_paragraphs_are_narrative() -> None:
    text = _report_text().replace(L.NARRATIVE[6][0], "\t" + L.NARRATIVE[6][0])
    text = text.replace(L.HEADINGS[5], "\t" + L.HEADINGS[5])
    r = read_report_text(text)
    assert r.text_of(6) == L.NARRATIVE[6][0]
    assert [s.number for s in r.sections] == [0, 1, 2, 3, 4, 5, 6]


# ---------------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------------
def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_report(tmp_path / "nope.txt")
    assert (info.value.message, info.value.path) == ("文件不存在。", str(tmp_path / "nope.txt"))


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件夹"):
        read_report(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="文件是空的"):
        read_report(path)
    with pytest.raises(InputError, match="文本是空的"):
        read_report_text("   \n")


def test_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.pages"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match=r"不支持的文件类型“\.pages”.*\.docx"):  # says what is accepted
        read_report(path)
    with pytest.raises(InputError, match="不支持的文件类型“（无扩展名）”"):
        read_report_bytes(b"x", "noext")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("random.txt", "不是可读的文本"),
        ("random.docx", "不是有效的 .docx 文件"),
        ("random.html", "不是可读的文本"),
        ("random.json", "JSON 文件格式错误"),
        ("random.md", "不是可读的文本"),
    ],
)
def test_random_bytes(name: str, says: str) -> None:
    data = os.urandom(64 * 1024)
    with pytest.raises(InputError, match=says):
        read_report_bytes(data, name)


def test_text_without_a_report() -> None:
    with pytest.raises(InputError, match="没有找到政府信息公开工作年度报告的内容"):
        read_report_text("Lorem ipsum dolor sit amet.\n今天天气很好，我们去公园散步。\n")


def test_corrupt_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", b"\x00garbage<<<not xml")
        zf.writestr("[Content_Types].xml", b"garbage")
    with pytest.raises(InputError):
        read_report_bytes(buf.getvalue(), "broken.docx")


def test_zip_without_word_body() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError):
        read_report_bytes(buf.getvalue(), "not-word.docx")


def test_truncated_docx() -> None:
    data = L.render_docx(L.base_figures())
    with pytest.raises(InputError):
        read_report_bytes(data[: len(data) // 2], "cut.docx")


def test_zip_bomb_docx(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(400):  # 400 MB of zeros; a few hundred KB on disk
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(InputError) as info:
        read_report(path)
    assert "压缩炸弹" in info.value.message


def test_oversized_text(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write("一、总体情况\n".encode())
        fh.write(b"a" * (30 * 1024 * 1024))
    with pytest.raises(InputError):
        read_report(path)
    with pytest.raises(InputError):
        read_report_bytes(b"a" * (30 * 1024 * 1024), "huge.txt")


# Reading the line below takes a few seconds; only a hang or a super-linear blow-up comes near this bound.
# A generous hard limit that turns a hang into a failure, not a speed benchmark.
HANG_LIMIT_S = 120
_LARGE_LINE_CHILD = """
import json
from assistant.readers import read_report_text

line = ("政府信息公开工作稳步推进，" * 2000 + "。一、总体情况 ") + ("规章 0 0 0 " * 200_000)
assert len(line.encode()) > 2_000_000
report = read_report_text(line)
print(json.dumps([[s.number, s.heading, len(s.text), s.text[:8]] for s in report.sections], ensure_ascii=False))
"""


def test_large_single_line_text_finishes() -> None:
    """A 5 MB single-line file: linear-time parsing, a result, never a hang (run in a child we can stop)."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _LARGE_LINE_CHILD], capture_output=True, text=True, timeout=HANG_LIMIT_S
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading a 5 MB single-line report did not finish in {HANG_LIMIT_S} s", pytrace=False)
    assert proc.returncode == 0, proc.stderr
    (preamble, one) = json.loads(proc.stdout)
    assert preamble == [0, "", 26001, "政府信息公开工作"]
    assert one[:2] == [1, "一、总体情况"] and one[3] == "规章 0 0 0"
    assert one[2] > 1_790_000  # the whole run of table-ish words stays in 一's text, nothing dropped


def test_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        read_report(path)
    path.write_text('{"table3": {"received": {"total": {"kind": "bogus"}}}}', encoding="utf-8")
    with pytest.raises(InputError):
        read_report(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError):
        read_report(path)
