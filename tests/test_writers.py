"""Writers: a report written as .md, .txt or .docx reads back with the same figures, sections and flags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant import standard as std
from assistant.checks import check
from assistant.model import Cell, CellKind, Meta, Report, Section
from assistant.numfmt import CN_DIGITS
from assistant.readers import read_report, read_report_bytes
from assistant.writers.docx import write_docx
from assistant.writers.markdown import render_markdown, render_text
from tests.conftest import FIXTURES
from tests.writerkit import cells, sections

FIXTURE_FILES = sorted(p.name for p in FIXTURES.glob("*") if p.suffix in (".txt", ".md") and p.stem != "README")


def _write(report: Report, fmt: str, folder: Path) -> Path:
    out = folder / f"out{fmt}"
    if fmt == ".md":
        out.write_text(render_markdown(report), encoding="utf-8")
    elif fmt == ".txt":
        out.write_text(render_text(report), encoding="utf-8")
    else:
        write_docx(report, out)
    return out


def _assert_same(original: Report, back: Report) -> None:
    assert cells(back.figures) == cells(original.figures)
    assert sections(back) == sections(original)
    assert (back.meta.unit, back.meta.year, back.meta.title) == (
        original.meta.unit,
        original.meta.year,
        original.meta.title,
    )
    assert [f.code for f in check(back)] == [f.code for f in check(original)]


@pytest.mark.parametrize("fmt", [".md", ".txt", ".docx"])
@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_round_trip(name: str, fmt: str, tmp_path: Path) -> None:
    original = read_report(FIXTURES / name)
    for table, row, col, cell in original.figures.iter_cells():
        if cell.kind is CellKind.MISSING:  # a writer can only print a cell it never read as an empty one
            original.figures.set(table, row, col, Cell.parse(""))
        elif cell.raw in CN_DIGITS:  # a cell of "五" is printed as its number: its T-VALUE is written away
            original.figures.set(table, row, col, Cell.parse(cell.value))
    _assert_same(original, read_report(_write(original, fmt, tmp_path)))


@pytest.mark.parametrize("fmt", [".md", ".txt", ".docx"])
def test_seed_round_trip_keeps_its_flags(seed_path: Path, fmt: str, tmp_path: Path) -> None:
    original = read_report(seed_path)
    back = read_report(_write(original, fmt, tmp_path))
    _assert_same(original, back)
    # the seed's own defects survive: its "3、" heading and its one-word section 六
    assert {"S-NUMBERING", "C-FEES-MISSING"} <= {f.code for f in check(back)}


@pytest.mark.parametrize("fmt", [".md", ".txt", ".docx"])
def test_cross_year_flags_survive(fmt: str, tmp_path: Path) -> None:
    last = read_report(FIXTURES / "qingshiling-2023.txt")
    this = read_report(FIXTURES / "qingshiling-2024.txt")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    last_back = read_report(_write(last, fmt, tmp_path / "a"))
    this_back = read_report(_write(this, fmt, tmp_path / "b"))
    assert [f.code for f in check(this_back, last_back)] == [f.code for f in check(this, last)]


@pytest.mark.parametrize("fmt", [".md", ".txt", ".docx"])
def test_placeholders_and_blanks_keep_their_cells(fmt: str, tmp_path: Path) -> None:
    report = read_report(FIXTURES / "songhe-2024.md")
    f = report.figures
    f.set("table2", "rules", "issued", Cell.parse("/"))
    f.set("table2", "licensing", "decisions", Cell.parse("不适用"))
    f.set("table2", "enforcement", "decisions", Cell.parse(""))
    f.set("table2", "fees", "amount", Cell.parse("1.50"))
    f.set("table3", "received", "natural_person", Cell.parse(""))  # a blank right after a spanning label
    f.set("table3", "handled_total", "commercial", Cell.parse(""))
    f.set("table3", "other_other", "legal_service", Cell.parse("—"))
    f.set("table4", "review", "upheld", Cell.parse(""))
    back = read_report(_write(report, fmt, tmp_path))
    assert cells(back.figures) == cells(report.figures)
    assert back.figures.cell("table3", "received", "natural_person").kind == "blank"
    assert back.figures.value("table2", "fees", "amount") == 1.5


def test_markdown_shape() -> None:
    report = read_report(FIXTURES / "yunxiu-edu-2024.txt")
    md = render_markdown(report)
    lines = md.splitlines()
    assert lines[0] == "# 云岫县教育局2024年政府信息公开工作年度报告"
    assert "## 一、总体情况" in lines and "## 六、其他需要报告的事项" in lines
    assert "**（一）主动公开**" in lines  # subheadings stay paragraphs of their own
    assert "| 行政事业性收费 | 1.25 |  |  |" in lines  # 收费 as written
    assert "| 行政规范性文件 | 3 | 1 | 12 |" in lines
    caption = next(line for line in lines if "勾稽关系" in line)
    assert caption.count("|") == 11  # ten columns: 3 label columns + 7 applicant columns


def test_text_uses_the_seed_layout() -> None:
    txt = render_text(read_report(FIXTURES / "songhe-2024.md"))
    assert "\t行政处罚\n\t37\n\n" in txt
    assert "\t申请人情况\n" in txt


def test_a_draft_gets_the_standard_title_and_headings() -> None:
    draft = Report(
        meta=Meta(unit="青禾镇", year=2024),
        sections=[
            Section(number=0, text="本报告依据《条例》编制。"),
            Section(number=1, text="（一）主动公开\n全年公开信息86条。"),
        ],
    )
    draft.figures = read_report(FIXTURES / "baiyun-2024.md").figures
    md = render_markdown(draft)
    assert md.startswith("# 青禾镇2024年政府信息公开工作年度报告\n")
    assert "## 一、总体情况" in md
    # the tables of sections the draft does not have yet are printed under the standard headings
    for number in (2, 3, 4):
        assert f"## {std.SECTIONS_BY_NUMBER[number].heading}" in md
    back = read_report_bytes(md.encode("utf-8"), "draft.md")
    assert cells(back.figures) == cells(draft.figures)
    assert (back.meta.unit, back.meta.year) == ("青禾镇", 2024)


def test_a_missing_table_is_not_invented() -> None:
    report = read_report(FIXTURES / "songhe-2024.md")
    report.figures.table4 = None
    md = render_markdown(report)
    assert "| 行政复议 |" not in md
    assert "未经复议直接起诉 |" not in md
    assert "申请人情况" in md


@pytest.mark.parametrize("render", [render_markdown, render_text])
def test_signature_lines_stay_at_the_end(render: Callable[[Report], str]) -> None:
    out = render(read_report(FIXTURES / "songhe-2024.md")).rstrip().splitlines()
    assert out[-1] == "2025年1月17日"
    assert "云岫县松禾街道办事处" in out[-3:]
