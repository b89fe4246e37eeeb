"""PDF, .doc and .wps as offices publish them, made at test time from our fixtures by the .docx writer and
LibreOffice: every cell read back with its source, the same flags as the .docx, scans and missing tools
refused with a one-line message. Without LibreOffice these skip on a developer's machine and fail in CI.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.model import CellKind, Report
from assistant.readers import REPORT_SUFFIXES, read_report, read_report_bytes
from assistant.readers.office import convert
from assistant.readers.pdf import Line, _continues, _drop_furniture
from assistant.writers.docx import write_docx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIANBAO = Path(sys.executable).parent / "nianbao"
NAMES = ("qingshiling-2024.txt", "songhe-2024.md")  # one with planted defects, one clean


def require_soffice() -> None:
    """LibreOffice is there; else skip on a developer's machine, fail in CI (.ci/run installs it)."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but LibreOffice (soffice) is not installed", pytrace=False)
    pytest.skip("LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Report, Path, Path]]:
    """Per fixture: its report, its .docx and the PDF LibreOffice makes of that .docx."""
    require_soffice()
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for name in NAMES:
        report = read_report(FIXTURES / name)
        buffer = io.BytesIO()
        write_docx(report, buffer)
        stem = Path(name).stem
        docx = folder / f"{stem}.docx"
        docx.write_bytes(buffer.getvalue())
        pdf = folder / f"{stem}.pdf"
        pdf.write_bytes(convert(buffer.getvalue(), ".docx", name, to="pdf"))
        out[name] = (report, docx, pdf)
    return out


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(NIANBAO), *args], capture_output=True, text=True, timeout=180)


def test_pdf_doc_wps_are_report_suffixes() -> None:
    assert {".pdf", ".doc", ".wps"} <= set(REPORT_SUFFIXES)


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_round_trips_through_pdf(made: dict[str, tuple[Report, Path, Path]], name: str) -> None:
    report, _, pdf = made[name]
    got = read_report(pdf)
    want = {(t, r, c): (cell.kind, cell.raw) for t, r, c, cell in report.figures.iter_cells()}
    have = {(t, r, c): (cell.kind, cell.raw) for t, r, c, cell in got.figures.iter_cells()}
    assert len(want) == 200 and have == want
    for *_, cell in got.figures.iter_cells():  # every cell says where it stood: table, row, column
        assert cell.source is not None and cell.source.file == str(pdf) and cell.source.docx_table is not None
    assert got.meta.format == "pdf"
    assert (got.meta.title, got.meta.unit, got.meta.year) == (report.meta.title, report.meta.unit, report.meta.year)
    assert [s.number for s in got.sections] == [0, 1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("name", NAMES)
def test_check_pdf_gives_the_flags_of_the_docx(made: dict[str, tuple[Report, Path, Path]], name: str) -> None:
    _, docx, pdf = made[name]
    flags = []
    for path in (docx, pdf):
        proc = run("check", str(path), "--format", "json")
        assert proc.returncode in (0, 1), proc.stderr
        flags.append(sorted((f["code"], f["section"]) for f in json.loads(proc.stdout)["flags"]))
    assert flags[0] == flags[1]
    if name.startswith("qingshiling-2024"):  # the planted defects survive the PDF
        assert {code for code, _ in flags[1]} == {
            "C-FEES-MISSING",
            "D-MALFORMED",
            "N-MISMATCH",
            "P-MOBILE",
            "S-NUMBERING",
        }


def _image_pdf() -> bytes:
    """A one-page PDF holding only a picture of text: what a scanner produces."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((40, 40), "2024 report (scanned)", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF")
    return buffer.getvalue()


def test_scanned_pdf_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_pdf())
    with pytest.raises(InputError, match="PDF 中没有可读取的文字（可能是扫描件）"):
        read_report(path)
    proc = run("check", str(path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "可能是扫描件" in lines[0] and "no text layer" in lines[0]


def test_pdf_with_text_but_image_tables_reads_tables_as_missing(tmp_path: Path) -> None:
    """Text is there, the tables are pictures: tables None, a notice, S-TABLE-MISSING; nothing guessed."""
    require_soffice()
    import docx
    from PIL import Image

    report = read_report(FIXTURES / "songhe-2024.md")
    document = docx.Document()
    document.add_paragraph(report.meta.title or "")
    picture = tmp_path / "table.png"
    Image.new("RGB", (300, 120), "white").save(picture)
    for section in report.sections:
        if section.heading:
            document.add_paragraph(section.heading)
        for line in section.text.split("\n"):
            document.add_paragraph(line)
        if section.number in (2, 3, 4):
            document.add_picture(str(picture))
    buffer = io.BytesIO()
    document.save(buffer)
    pdf = tmp_path / "image-tables.pdf"
    pdf.write_bytes(convert(buffer.getvalue(), ".docx", "image-tables.docx", to="pdf"))
    got = read_report(pdf)
    assert (got.figures.table2, got.figures.table3, got.figures.table4) == (None, None, None)
    assert any("未读到表格" in n for n in got.notices)
    proc = run("check", str(pdf), "--format", "json")
    codes = [f["code"] for f in json.loads(proc.stdout)["flags"]]
    assert codes.count("S-TABLE-MISSING") == 3


def test_not_a_pdf_is_refused() -> None:
    with pytest.raises(InputError, match="不是有效的 PDF"):
        read_report_bytes(b"<html>report</html>", "report.pdf")
    with pytest.raises(InputError, match="PDF 文件已损坏"):
        read_report_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage", "report.pdf")


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_convert_and_read(made: dict[str, tuple[Report, Path, Path]], suffix: str) -> None:
    report, docx, _ = made["songhe-2024.md"]
    old = convert(docx.read_bytes(), ".docx", "songhe.docx", to="doc")  # WPS saves this same binary format
    assert old[:4] == b"\xd0\xcf\x11\xe0"
    got = read_report_bytes(old, f"songhe{suffix}")
    assert [(t, r, c, cell.raw) for t, r, c, cell in got.figures.iter_cells()] == [
        (t, r, c, cell.raw) for t, r, c, cell in report.figures.iter_cells()
    ]
    assert got.meta.unit == report.meta.unit and got.meta.format == "docx"


def test_renamed_docx_as_doc_reads_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    buffer = io.BytesIO()
    write_docx(read_report(FIXTURES / "songhe-2024.md"), buffer)
    got = read_report_bytes(buffer.getvalue(), "report.doc")
    assert all(cell.kind is CellKind.NUMBER for *_, cell in got.figures.iter_cells())


def test_doc_without_libreoffice_asks_to_save_as_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice reachable
    with pytest.raises(InputError, match=r"请另存为 \.docx 后再上传") as caught:
        read_report(path)
    assert "save as .docx and upload again" in caught.value.one_line()
    proc = subprocess.run(
        [str(NIANBAO), "check", str(path)], capture_output=True, text=True, timeout=60, env={**os.environ}
    )
    assert proc.returncode == 2 and "请另存为 .docx 后再上传" in proc.stderr
    with pytest.raises(InputError, match="不是 Word/WPS 文档"):
        read_report_bytes(b"plain text, not a document", "x.wps")


def _line(text: str, x0: float = 80, x1: float = 521, top: float = 100, size: float = 16) -> Line:
    return Line(text, x0, x1, top, size)


def test_wrapped_preamble_line_is_no_heading() -> None:
    """A line that reads like a part title but continues a full line is the wrapped preamble (issue 8, kind 2)."""
    full = _line("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、")
    assert _continues(full, _line("政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况"), 80, 521)
    assert not _continues(full, _line("四、政府信息公开行政复议、行政诉讼情况", x1=300), 80, 521)  # numbered: a part
    assert not _continues(_line("办结。", x1=300), _line("下一段"), 80, 521)  # a short line ends its paragraph
    assert not _continues(full, _line("新的一段", x0=112), 80, 521)  # an indented line starts one
    title = _line("松禾街道办事处2024年政府信息公开工作年", x0=85, x1=516, size=22)
    assert _continues(title, _line("度报告", x0=268, x1=334, size=22), 80, 521)  # a centred title's rest


def test_page_numbers_and_running_headers_are_dropped() -> None:
    pages = [
        (
            [
                _line("云岫县某镇人民政府文件", top=20),
                _line(f"正文第{n}页的内容", top=300),
                _line(f"第 {n} 页 共 3 页", top=800),
                _line(f"- {n} -", top=810),
            ],
            [],
            842.0,
        )
        for n in (1, 2, 3)
    ]
    kept = [[ln.text for ln in lines] for lines, _, _ in _drop_furniture(pages)]
    assert kept == [["正文第1页的内容"], ["正文第2页的内容"], ["正文第3页的内容"]]


def test_office_file_under_another_office_suffix_is_read_as_its_content(
    made: dict[str, tuple[Report, Path, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report, _, pdf = made["songhe-2024.md"]
    got = read_report_bytes(pdf.read_bytes(), "songhe.docx")  # a PDF saved with a .docx name
    assert got.meta.format == "pdf" and got.meta.unit == report.meta.unit
    monkeypatch.setenv("PATH", str(tmp_path))  # an old .doc named .docx, and no LibreOffice
    with pytest.raises(InputError, match=r"请另存为 \.docx 后再上传"):
        read_report_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.docx")
