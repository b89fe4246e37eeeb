"""The annotated .docx: one Word comment per open flag, anchored at exactly the flagged words.

What a reviewer sees in Word must be what the checker found: each comment names its code and covers the
span's characters (or the cell's value, the heading, the title), and the comments change nothing the
checker reads when the file is read back.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from annotatekit import W, anchored_text, assert_one_comment_per_flag_at_its_words, comments, in_table_cell
from lxml import etree
from pydantic import ValidationError

from assistant.checks import check
from assistant.model import Cell, Flag, Report, TableRef, flag_key
from assistant.readers import read_report, read_report_bytes
from assistant.writers.annotate import AUTHOR, AnnotateStats, annotate_docx
from assistant.writers.docx import write_docx
from tests.conftest import FIXTURES
from tests.writerkit import cells

NIANBAO = Path(sys.executable).parent / "nianbao"
DEMO = FIXTURES / "qingshiling-2024.txt"
DEMO_LAST = FIXTURES / "qingshiling-2023.txt"


# ---- helpers ----------------------------------------------------------------------------------------
def annotate(report: Report, flags: list[Flag], **kwargs: Any) -> tuple[bytes, AnnotateStats]:
    buffer = io.BytesIO()
    stats = annotate_docx(report, flags, buffer, **kwargs)
    return buffer.getvalue(), stats


# ---- the demo and the real seed ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo() -> tuple[Report, Report, list[Flag], bytes, AnnotateStats]:
    report, last = read_report(DEMO), read_report(DEMO_LAST)
    flags = check(report, last)
    data, stats = annotate(report, flags)
    return report, last, flags, data, stats


def test_demo_has_its_five_defects_each_as_a_comment_at_its_words(demo: Any) -> None:
    report, _, flags, data, stats = demo
    assert sorted(f.code for f in flags) == ["C-FEES-MISSING", "D-MALFORMED", "N-MISMATCH", "P-MOBILE", "S-NUMBERING"]
    assert_one_comment_per_flag_at_its_words(report, flags, data)
    assert stats == AnnotateStats(comments=5, span=4, cell=0, heading=1, title=0, left_out=0)
    by_code = {f.code: anchored_text(data)[c[0]] for f, c in zip(flags, comments(data), strict=True)}
    assert by_code["D-MALFORMED"] == "20241月1日"  # just the date, split out of its paragraph's run
    assert by_code["P-MOBILE"] == "13912345678"
    assert by_code["N-MISMATCH"] == "本年度共收到政府信息公开申请5件"
    assert by_code["S-NUMBERING"] == "3、收到和处理政府信息公开申请情况"  # the heading
    assert by_code["C-FEES-MISSING"] == "无。青石岭镇人民政府2025年1月16日"  # a span over three paragraphs


def test_split_runs_keep_their_fonts(demo: Any) -> None:
    data = demo[3]
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        texts = [r for r in paragraph.runs if r.text]
        fonts = {(r.font.name, r.font.size, r._element.rPr.rFonts.get(f"{W}eastAsia")) for r in texts}
        assert len(fonts) <= 1, paragraph.text  # the pieces of a split run look like the run did


def test_reading_the_annotated_file_back_gives_the_same_figures_and_flags(demo: Any) -> None:
    report, last, flags, data, _ = demo
    back = read_report_bytes(data, "annotated.docx")
    assert cells(back.figures) == cells(report.figures)
    assert sorted(f.code for f in check(back, last)) == sorted(f.code for f in flags)
    # and exactly what the same file without comments gives: the comments add nothing the reader sees
    plain = io.BytesIO()
    write_docx(report, plain)
    bare = read_report_bytes(plain.getvalue(), "annotated.docx")
    assert [s.text for s in back.sections] == [s.text for s in bare.sections]
    assert check(back, last) == check(bare, last)


def test_the_real_seed(seed_path: Path) -> None:
    report = read_report(seed_path)
    flags = check(report, None)
    assert flags
    data, stats = annotate(report, flags)
    assert_one_comment_per_flag_at_its_words(report, flags, data)
    assert stats.comments == len(flags) == stats.span + stats.cell + stats.heading + stats.title
    assert stats.title == sum(1 for f in flags if f.code == "S-TITLE")  # the title flag sits on the title
    back = read_report_bytes(data, "seed.docx")
    assert cells(back.figures) == cells(report.figures)
    assert sorted(f.code for f in check(back, None)) == sorted(f.code for f in flags)


# ---- cells, headings, the title, decisions ----------------------------------------------------------
def test_cell_flags_are_anchored_at_the_cell_value() -> None:
    report = read_report(FIXTURES / "qingshiling-2024-clean.txt")
    report.figures.set("table3", "received", "commercial", Cell.parse(2))  # 总计 6 no longer adds up
    report.figures.set("table2", "licensing", "decisions", Cell.parse(""))  # a blank cell
    flags = check(report, read_report(DEMO_LAST))
    cell_only = [f for f in flags if f.cell and f.span is None]
    assert {f.code for f in cell_only} >= {"T-ROW-TOTAL", "T-BLANK"}
    data, stats = annotate(report, flags)
    assert_one_comment_per_flag_at_its_words(report, flags, data)
    assert stats.cell == len(cell_only)
    anchors = anchored_text(data)
    by_code = {f.code: anchors[c[0]] for f, c in zip(flags, comments(data), strict=True)}
    assert by_code["T-ROW-TOTAL"] == "6"  # the 总计 cell as printed
    assert by_code["T-BLANK"] == ""  # an empty cell: a point comment in that cell
    # and they sit in table cells, not on some narrative text that happens to read "6"
    assert {c[0] for f, c in zip(flags, comments(data), strict=True) if f in cell_only} <= in_table_cell(data)


def test_whole_report_and_section_only_flags() -> None:
    report = read_report(FIXTURES / "qingshiling-2024-clean.txt")
    flags = [
        Flag(code="X-WHOLE", severity="warning", message="整篇报告"),
        Flag(code="X-PREAMBLE", severity="warning", message="前言", section=0),
        Flag(code="X-SECTION", severity="error", message="第五部分", section=5),
        Flag(code="X-BLANK-SPAN", severity="warning", message="空白处", section=1, span=(0, 0)),
        Flag(code="X-WHOLE-TABLE", severity="warning", message="整表", cell_ref=TableRef.of("table3")),
    ]
    data, stats = annotate(report, flags)
    anchors = anchored_text(data)
    got = [anchors[c[0]] for c in comments(data)]
    title = report.meta.title or ""
    heading5 = report.section(5).heading  # type: ignore[union-attr]
    heading1 = report.section(1).heading  # type: ignore[union-attr]
    heading3 = report.section(3).heading  # type: ignore[union-attr]
    assert got == [title, title, heading5, heading1, heading3]  # each falls back to the next best place
    assert stats == AnnotateStats(comments=5, span=0, cell=0, heading=3, title=2, left_out=0)
    assert comments(data)[2][1] == "【X-SECTION】错误：第五部分"


def test_a_report_without_a_title_anchors_whole_report_flags_at_the_top() -> None:
    report = read_report(FIXTURES / "qingshiling-2024-clean.txt")
    report.meta.title = report.meta.unit = None
    data, stats = annotate(report, [Flag(code="X-WHOLE", severity="warning", message="整篇")])
    assert stats.title == 1
    first = docx.Document(io.BytesIO(data)).paragraphs[0].text
    assert anchored_text(data)[comments(data)[0][0]] == first


def test_dismissed_flags_are_left_out(demo: Any) -> None:
    report, _, flags, _, _ = demo
    mobile = next(f for f in flags if f.code == "P-MOBILE")
    heading = next(f for f in flags if f.code == "S-NUMBERING")
    decisions = {flag_key(mobile): "dismissed", flag_key(heading): "accepted"}
    data, stats = annotate(report, flags, decisions=decisions)
    codes = [text.split("】")[0][1:] for _, text, _, _ in comments(data)]
    assert "P-MOBILE" not in codes and "S-NUMBERING" in codes  # accepted still needs fixing: it stays
    assert stats.comments == len(flags) - 1 and stats.left_out == 1
    assert_one_comment_per_flag_at_its_words(report, [f for f in flags if f is not mobile], data)


def test_flag_key_is_stable_and_ignores_wording() -> None:
    ref = TableRef.of("table3", "received", "total")
    a = Flag(code="N-MISMATCH", severity="error", message="甲", section=1, span=(3, 9), cell_ref=ref)
    b = a.model_copy(update={"message": "乙", "severity": "warning", "evidence": "5"})
    assert flag_key(a) == flag_key(b) == "N-MISMATCH|1|3-9|table3/received/total"
    assert flag_key(Flag(code="S-TITLE", severity="warning", message="")) == "S-TITLE|||"
    assert flag_key(a) != flag_key(a.model_copy(update={"span": (3, 10)}))


def test_no_flags_no_comments_part() -> None:
    report = read_report(FIXTURES / "baiyun-2024.md")
    data, stats = annotate(report, [])
    assert stats == AnnotateStats()
    assert "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    plain = io.BytesIO()
    write_docx(report, plain)
    back, bare = read_report_bytes(data, "a.docx"), read_report_bytes(plain.getvalue(), "b.docx")
    assert cells(back.figures) == cells(bare.figures)


# ---- the command line -------------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(NIANBAO), *args], capture_output=True, text=True, timeout=120)


def test_cli_annotate_writes_the_file_and_keeps_output_and_exit_code(tmp_path: Path) -> None:
    out = tmp_path / "批注版.docx"
    plain = run("check", str(DEMO), "--last-year", str(DEMO_LAST))
    proc = run("check", str(DEMO), "--last-year", str(DEMO_LAST), "--annotate", str(out))
    assert proc.returncode == plain.returncode == 1  # errors found
    assert proc.stdout == plain.stdout
    assert f"已写入批注版 {out}（5 条批注）" in proc.stderr
    data = out.read_bytes()
    report = read_report(DEMO)
    assert_one_comment_per_flag_at_its_words(report, check(report, read_report(DEMO_LAST)), data)
    as_json = run("check", str(DEMO), "--format", "json", "--annotate", str(tmp_path / "j.docx"))
    assert as_json.returncode == 1 and as_json.stdout.lstrip().startswith("{")
    clean = run("check", str(FIXTURES / "baiyun-2024.md"), "--annotate", str(tmp_path / "clean.docx"))
    assert clean.returncode == 0 and comments((tmp_path / "clean.docx").read_bytes()) == []


@pytest.mark.parametrize(
    "args",
    [
        [str(DEMO), str(FIXTURES / "baiyun-2024.md"), "--annotate", "OUT/x.docx"],  # two reports
        [str(FIXTURES), "--annotate", "OUT/x.docx"],  # a folder
        [str(DEMO), "--annotate", "OUT/x.md"],  # not .docx
        [str(DEMO), "--annotate", "OUT/nowhere/x.docx"],  # no such folder
    ],
)
def test_cli_annotate_misuse_is_one_line_exit_2(tmp_path: Path, args: list[str]) -> None:
    proc = run("check", *[a.replace("OUT", str(tmp_path)) for a in args])
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith("nianbao: ")
    assert list(tmp_path.iterdir()) == []


def test_cli_annotate_never_overwrites_the_report(tmp_path: Path) -> None:
    report = tmp_path / "r.docx"
    write_docx(read_report(DEMO), report)
    before = report.read_bytes()
    proc = run("check", str(report), "--annotate", str(report))
    assert proc.returncode == 2 and report.read_bytes() == before


# ---- other readers ----------------------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_every_comment_at_its_words(demo: Any, tmp_path: Path) -> None:
    _, _, flags, data, _ = demo
    (tmp_path / "a.docx").write_bytes(data)
    profile = (tmp_path / "profile").as_uri()  # a private profile: never touches (or waits for) the user's
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "a.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    content = etree.fromstring(zipfile.ZipFile(tmp_path / "a.odt").read("content.xml"))
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    notes = content.findall(f".//{office}annotation")
    assert len(notes) == len(flags)
    assert len(content.findall(f".//{office}annotation-end")) == len(flags)  # ranges, not point notes
    texts = ["".join(n.itertext()) for n in notes]
    for flag, text in zip(flags, texts, strict=True):
        assert f"【{flag.code}】" in text and AUTHOR in text


def test_flag_json_carries_the_path_and_the_keys_and_reads_back() -> None:
    a = Flag(
        code="T-ROW-TOTAL", severity="error", message="甲", section=3, cell_ref=TableRef.of("table4", "suit_direct")
    )
    data = a.model_dump(mode="json")
    assert data["cell"] == "表四/行政诉讼·未经复议直接起诉"  # a row: no column in the path
    assert data["cell_ref"] == {"table": "table4", "row": "suit_direct", "column": None}
    assert Flag.model_validate(data) == a
    with pytest.raises(ValidationError, match="cell_ref only"):
        Flag.model_validate({**data, "cell": "表三/一、本年新收政府信息公开申请数量/总计"})
    with pytest.raises(ValidationError):
        TableRef.of("table3", "no_such_row")
    with pytest.raises(ValidationError):
        TableRef(table="table3", column="total")  # a column only within its row
