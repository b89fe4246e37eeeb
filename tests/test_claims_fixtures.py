"""The claims-in-context fixtures (issue 8) give exactly their N-MISMATCH flags: cell and evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.checks import check
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "claims-qingshiling-2024-draft.txt": [("表二/行政处罚/本年处理决定数量", "作出行政处罚决定7件")],
    "claims-qingshiling-2024-appeal-first.txt": [],
    "claims-qingshiling-2024-wrapped.txt": [],
    "claims-yunxiu-edu-2024-topics.txt": [
        ("表三/（二）部分公开（区分处理的，只计这一情形，不计其他情形）/总计", "部分公开2件")
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_exactly_its_claim_flags(name: str) -> None:
    flags = check(read_report(FIXTURES / name), None)
    assert [(f.cell, f.evidence) for f in flags if f.code == "N-MISMATCH"] == EXPECTED[name]
    assert [f.code for f in flags if f.code != "N-MISMATCH"] == []
