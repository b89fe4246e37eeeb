"""The real seed report through the real reader: exactly its three real defects from our families."""

from __future__ import annotations

from pathlib import Path

from reportkit import run_mine

from assistant import readers


def test_seed_gives_exactly_its_real_defects(seed_path: Path) -> None:
    report = readers.read_report(seed_path)
    flags = run_mine(report)
    assert {f.code for f in flags} == {"S-NUMBERING", "C-FEES-MISSING", "S-TITLE"}
    numbering = sorted((f.section, f.evidence) for f in flags if f.code == "S-NUMBERING")
    assert numbering == [(1, "（1）"), (3, "3、"), (4, "4、")]
    one = report.text_of(1)
    mixed = next(f for f in flags if f.code == "S-NUMBERING" and f.section == 1)
    assert mixed.span is not None and one[mixed.span[0] : mixed.span[1]] == "（1）"
    fees = next(f for f in flags if f.code == "C-FEES-MISSING")
    assert fees.section == 6 and fees.evidence == "无"


def test_seed_against_itself_as_last_year_is_not_compared(seed_path: Path) -> None:
    # Same year on both sides: no cross-year or copying flag, whatever the text shares.
    report = readers.read_report(seed_path)
    codes = {f.code for f in run_mine(report, report)}
    assert codes == {"S-NUMBERING", "C-FEES-MISSING", "S-TITLE"}
