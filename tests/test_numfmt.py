"""Number printing is defined once (assistant.numfmt); writers, messages and the drafter all rely on it."""

from __future__ import annotations

import pytest

from assistant.model import Cell
from assistant.numfmt import plain_number, raw_decimals, whole
from assistant.writers.layout import cell_text


@pytest.mark.parametrize(
    "value,shown",
    [
        (12, "12"),
        (12.0, "12"),
        (0.1 + 0.2, "0.3"),  # no float noise
        (1234567.5, "1234567.5"),  # no rounding to six significant digits, no exponent
        (0.00001, "0.00001"),
        (None, ""),
    ],
)
def test_plain_number(value: float | None, shown: str) -> None:
    assert plain_number(value) == shown


def test_raw_decimals_and_whole() -> None:
    assert [raw_decimals(r) for r in ("1.50", "3", "", "0.125")] == [2, 0, 0, 3]
    assert whole(3.0) == 3 and isinstance(whole(3.0), int) and whole(2.5) == 2.5


def test_every_user_prints_alike() -> None:
    cell = Cell.parse(1234567.5)
    assert cell.raw == str(cell) == cell_text(cell) == plain_number(1234567.5)
    assert cell_text(Cell.parse("1.50"), amount=True) == "1.50"  # an amount keeps the clerk's precision
