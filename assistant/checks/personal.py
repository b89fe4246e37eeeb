"""The one detector of personal numbers (mobiles, resident IDs), however they are spelled.

A number is read as a run of digit characters (ASCII, full-width, Chinese 一三九〇 / 幺 / 壹贰) with at
most one separator between two of them (a space, a hyphen, a middle dot…); the run as a whole must be the
number, with an optional +86 / 86 / 0086 in front of a mobile. A label glued on ("Tel13904321239",
"手机：") does not hide it, and a longer run (a document number, a table row) is not a mobile. Spans are
offsets into the text as given, so callers can flag, mask or cut exactly what stood there.
Used by the checker (P-MOBILE, P-ID, masking quotes in every flag) and by the drafter (scrubbing).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ZERO, _ONE = "0０〇零○", "1１一幺壹"
_DIGITS = (
    _ZERO,
    _ONE,
    "2２二贰",
    "3３三叁",
    "4４四肆",
    "5５五伍",
    "6６六陆",
    "7７七柒",
    "8８八捌",
    "9９九玖",
)
_TO_DIGIT = {ord(ch): str(value) for value, chars in enumerate(_DIGITS) for ch in chars}
_DIGIT_CLASS = "".join(_DIGITS)
_SPACES = " \u3000\u00a0\t"
_DASHES = "\\-－‐‑–—·・.．"
# Digits to ASCII and the separators between them dropped: a run's digits in one translate.
_DIGITS_ONLY = _TO_DIGIT | {ord(ch): None for ch in _SPACES + _DASHES}
_CHECK_X = "XxＸｘ"
_PLUS = "+＋"
# Every character a number in some spelling may hold, for a caller that must not cut one in two.
NUMBER_CHARS = frozenset(_DIGIT_CLASS + _SPACES + _DASHES.replace("\\", "") + _CHECK_X + _PLUS)
# One run: digit, then digits with at most "space dash space" between two of them, an ID's X at the end.
_RUN = re.compile(
    rf"[{_DIGIT_CLASS}](?:[{_SPACES}]?[{_DASHES}]?[{_SPACES}]?[{_DIGIT_CLASS}])*[{_CHECK_X}]?(?![{_DIGIT_CLASS}])"
)
_MOBILE = re.compile(r"(?:0{0,2}86)?(1[3-9][0-9]{9})")
_ID = re.compile(r"[1-8][0-9]{16}[0-9X]")
_URL = re.compile(r"(?:https?://|www\.)[^\s，。；、）)】》\"“”]+", re.IGNORECASE)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_REACH = 64  # characters around a slice that may hold the rest of a number it cuts into (separators included)
_SHORTEST = 11  # digits of a mobile: a shorter run is nothing personal


class PersonalNumber(NamedTuple):
    """A personal number found in a text: its kind, where it stands, and a masked form safe to show."""

    kind: str  # "mobile" or "id"
    start: int
    end: int
    masked: str


def personal_numbers(text: str, latest_year: int | None = None) -> list[PersonalNumber]:
    """Every personal mobile and valid resident ID number in ``text``, in order, in any spelling."""
    urls: list[tuple[int, int]] | None = None
    found: list[PersonalNumber] = []
    for run in _RUN.finditer(text):
        hit = _read(run, text, latest_year)
        if hit is None:
            continue
        if urls is None:
            urls = [m.span() for m in _URL.finditer(text)]
        if not any(a <= hit.start < b for a, b in urls):
            found.append(hit)
    return found


def mask_personal(text: str) -> str:
    """``text`` with every personal number replaced by its masked form (138****1237)."""
    for hit in reversed(personal_numbers(text)):
        text = text[: hit.start] + hit.masked + text[hit.end :]
    return text


def masked_slice(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with personal numbers masked, a number the slice cuts into included: no part of it shows."""
    lo = max(0, start - _REACH)
    out, pos = [], start
    for hit in personal_numbers(text[lo : end + _REACH]):
        a, b = hit.start + lo, hit.end + lo
        if b <= pos or a >= end:
            continue
        out += [text[pos:a], hit.masked]
        pos = b
    return "".join(out) + text[pos:end]


def _read(run: re.Match[str], text: str, latest_year: int | None) -> PersonalNumber | None:
    """The personal number a run of digits spells, or None."""
    if run.end() - run.start() < _SHORTEST:
        return None  # most runs ("2024", "12", "三"): too short to hold a number's digits, separators or not
    digits = run.group(0).translate(_DIGITS_ONLY)
    if len(digits) < _SHORTEST:
        return None
    digits = digits.upper().replace("Ｘ", "X")
    start, end = run.span()
    mobile = _MOBILE.fullmatch(digits)
    if mobile:
        if mobile.start(1) and start and text[start - 1] in _PLUS:
            start -= 1  # "+86…": the plus goes with the number
        m = mobile.group(1)
        return PersonalNumber("mobile", start, end, f"{m[:3]}****{m[7:]}")
    if _ID.fullmatch(digits) and _valid_id(digits, latest_year):
        return PersonalNumber("id", start, end, f"{digits[:6]}********{digits[14:]}")
    return None


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
