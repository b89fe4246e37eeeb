"""Privacy family: personal mobile numbers (P-MOBILE) and resident ID numbers (P-ID) in the text.

Evidence is always masked: a flag must not spread the number it warns about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from assistant.checks.codes import make_flag
from assistant.model import Flag, Report

_NOT_BEFORE = r"(?<![0-9A-Za-z０-９])(?<![0-9][-－])"
# 11-digit mobiles 1[3-9]x, written together or grouped 3-4-4 with a space or hyphen.
_MOBILE = re.compile(_NOT_BEFORE + r"(1[3-9][0-9])([ \-－]?)([0-9]{4})\2([0-9]{4})(?![0-9A-Za-z])")
_ID = re.compile(_NOT_BEFORE + r"([1-8][0-9]{16}[0-9Xx])(?![0-9A-Za-z])")
_URL = re.compile(r"(?:https?://|www\.)[^\s，。；、）)】》\"“”]+", re.IGNORECASE)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def run(report: Report) -> list[Flag]:
    """P-MOBILE and P-ID for personal numbers in the title and every section, with masked evidence."""
    flags: list[Flag] = []
    title = (report.meta.title or "").strip()
    preamble = report.section(0)
    if title and (preamble is None or title not in preamble.text):
        # The title is only scanned here when the reader kept it out of the preamble text.
        flags.extend(_scan(title, 0, with_span=False, latest_year=report.meta.year))
    for s in report.sections:
        if s.text:
            flags.extend(_scan(s.text, s.number, with_span=True, latest_year=report.meta.year))
    return flags


class PersonalNumber(NamedTuple):
    """A personal number found in a text: its kind, where it stands, and a masked form safe to show."""

    kind: str  # "mobile" or "id"
    start: int
    end: int
    masked: str


def personal_numbers(text: str, latest_year: int | None = None) -> list[PersonalNumber]:
    """Every personal mobile and valid resident ID number in ``text``: the one definition of both,
    used by the checker to flag them and by the drafter to remove them."""
    urls = [m.span() for m in _URL.finditer(text)]

    def in_url(pos: int) -> bool:
        return any(a <= pos < b for a, b in urls)

    found: list[PersonalNumber] = []
    for m in _MOBILE.finditer(text):
        if not in_url(m.start()):
            digits = m.group(1) + m.group(3) + m.group(4)
            found.append(PersonalNumber("mobile", m.start(), m.end(), f"{digits[:3]}****{digits[7:]}"))
    for m in _ID.finditer(text):
        number = m.group(1).upper()
        if not in_url(m.start()) and _valid_id(number, latest_year):
            found.append(PersonalNumber("id", m.start(), m.end(), f"{number[:6]}********{number[14:]}"))
    return found


def _scan(text: str, section: int, *, with_span: bool, latest_year: int | None) -> Iterator[Flag]:
    for hit in personal_numbers(text, latest_year):
        span = (hit.start, hit.end) if with_span else None
        if hit.kind == "mobile":
            message = f"正文中出现个人手机号码（{hit.masked}）。公开的年报不应包含个人手机号，请改为办公电话。"
            yield make_flag("P-MOBILE", message, section=section, span=span, evidence=hit.masked)
        else:
            message = f"正文中出现居民身份证号码（{hit.masked}）。公开的年报不得包含身份证号，请删除。"
            yield make_flag("P-ID", message, section=section, span=span, evidence=hit.masked)


def _valid_id(number: str, latest_year: int | None) -> bool:
    """GB 11643 check digit and a plausible birth date."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != number[17]:
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not 1900 <= year <= (latest_year or 2100) or not 1 <= month <= 12:
        return False
    limit = _DAYS[month - 1]
    if month == 2 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        limit = 28
    return 1 <= day <= limit
