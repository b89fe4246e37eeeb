"""Outlier hints (pure): a figure far from the batch's median, and a table copied cell for cell."""

from __future__ import annotations

from assistant.batch.outliers import copied_tables, far_from_peers, hints
from assistant.model import Cell, Figures

COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org")


def _figures(received: int, seed: int) -> Figures:
    f = Figures.zeros()
    f.set("table3", "received", "total", Cell.parse(received))
    for i, column in enumerate(COLUMNS):
        f.set("table3", "carried_in", column, Cell.parse(seed + i))
    return f


def test_a_figure_far_above_its_peers_is_named_with_the_median() -> None:
    batch = {f"单位{i}": _figures(10 + i, i) for i in range(6)}
    batch["单位9"] = _figures(900, 3)
    found = far_from_peers(batch)
    assert list(found) == ["单位9"]
    assert "900" in found["单位9"][0] and "偏高" in found["单位9"][0] and "中位数13" in found["单位9"][0]


def test_fewer_than_five_units_give_no_figure_hints() -> None:
    batch = {f"单位{i}": _figures(10 + i, i) for i in range(3)}
    batch["单位9"] = _figures(900, 3)
    assert far_from_peers(batch) == {}


def test_a_copied_table_names_the_unit_it_equals() -> None:
    batch = {"甲镇": _figures(12, 5), "乙镇": _figures(12, 5), "丙镇": _figures(13, 5)}
    assert set(copied_tables(batch)) == {"甲镇", "乙镇"}
    assert "甲镇" in hints(batch)["乙镇"][0] and "乙镇" in hints(batch)["甲镇"][0]


def test_tables_of_mostly_zeros_are_no_copy() -> None:
    assert copied_tables({"甲镇": Figures.zeros(), "乙镇": Figures.zeros()}) == {}
