"""Every bundled fixture gives exactly the flags its manifest (fixtures/expected.json) names.

The manifest was written with the fixtures, defect by defect: clean reports must stay clean (a false
flag is a bug), the demo report must show each of its planted defects.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.checks import check
from assistant.model import CellKind
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MANIFEST = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def name_units() -> dict[str, str]:
    return {
        "qingshiling": "青石岭镇",
        "baiyun": "白云乡",
        "songhe": "松禾街道办事处",
        "yunxiu": "云岫县教育局",
        "structure": "云岫县雾溪街道办事处",
        "claims": "青石岭镇 云岫县教育局",  # claims-<unit>-…: the claims-in-context variants of both
    }


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_fixture_gives_exactly_its_expected_codes(name: str) -> None:
    entry = MANIFEST[name]
    report = read_report(FIXTURES / name)
    last = read_report(FIXTURES / entry["last_year"]) if entry["last_year"] else None
    flags = check(report, last)
    got = sorted({f.code for f in flags})
    detail = "\n".join(f"{f.code} §{f.section} {f.message}" for f in flags)
    assert got == sorted(entry["codes"]), detail


# Fixtures of real layouts (named after their part: unit-…) may be deliberately incomplete.
@pytest.mark.parametrize("name", sorted(n for n in MANIFEST if n.split("-")[0] in name_units()))
def test_fixture_reads_completely(name: str) -> None:
    entry = MANIFEST[name]
    report = read_report(FIXTURES / name)
    assert [s.number for s in report.sections] == [0, 1, 2, 3, 4, 5, 6]
    assert report.meta.year == 2024 if "2024" in name else report.meta.year == 2023
    assert report.meta.unit and report.meta.unit in (entry.get("unit") or name_units()[name.split("-")[0]])
    unread = [[t, r, c] for t, r, c, cell in report.figures.iter_cells() if cell.kind is not CellKind.NUMBER]
    assert unread == entry.get("unread", [])  # cells a fixture leaves unread or in words on purpose
    assert report.figures.table2 and report.figures.table3 and report.figures.table4
