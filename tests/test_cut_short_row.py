"""A page copied short ends inside a 表三 row: the values it has are its first columns, not an unplaceable guess.

(A real report ended on "6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0": six of seven cells, 总计 cut off. The row
was flagged as seven cells 未读到 — "没有发生的事项应填 0" — over cells that hold 0.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.checks import check
from assistant.readers import read_report_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "baiyun-2024.md"
ROW = "6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0"


def _head_to_row() -> str:
    """The fixture up to (not including) its 表三 row 6 of （三）不予公开."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "6.属于四类过程性信息" in line)
    return "\n".join(lines[:at]) + "\n"


@pytest.mark.parametrize("ending", ["", "\n"])
def test_a_row_cut_at_the_end_of_the_text_keeps_its_first_columns(ending: str) -> None:
    report = read_report_text(_head_to_row() + ROW + ending, "cut.md")
    assert any("一行在全文末尾中断，只读到前 6 列" in n for n in report.notices)
    flags = [f for f in check(report, None) if f.cell is not None and "过程性" in str(f.cell)]
    assert [f.code for f in flags] == ["T-BLANK"]
    assert "1 个单元格未读到（总计）" in flags[0].message  # not "7 个": the six zeros were read


def test_the_same_short_row_inside_the_table_is_still_not_guessed() -> None:
    # Followed by more of the table, six values of seven could belong to any six columns: left unread, said.
    text = _head_to_row() + ROW + "\n| 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    report = read_report_text(text, "short.md")
    assert any("一行只读到部分数字" in n for n in report.notices)
    assert not any("全文末尾中断" in n for n in report.notices)
