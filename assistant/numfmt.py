"""How a figure is printed, defined once for every writer, message and face.

Counts print as integers (12, never 12.0); other values as plain decimals without float noise or an
exponent (1.25, never 1.2500000000000002 or 1e-05); an amount keeps the precision the clerk wrote.
"""

from __future__ import annotations


def plain_number(value: int | float | None) -> str:
    """12.0 → "12", 1.2500000000000002 → "1.25", None → ""."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def raw_decimals(raw: str) -> int:
    """Digits after the point as the cell was written: "1.50" → 2, "3" → 0."""
    return len(raw.partition(".")[2])


def whole(value: int | float) -> int | float:
    """12.0 → 12: a whole number as an int, so a spreadsheet or JSON shows no ".0"."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


# A Chinese numeral of one character is that digit (what cn2an gives it; tests hold them to it): most numerals in
# reports and table cells are these ("三件", "五"), and they need not pay cn2an's 0.2 s import.
CN_DIGITS: dict[str, int] = dict(
    zip("零〇一二两三四五六七八九十", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True)
)
