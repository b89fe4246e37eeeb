"""Small text helpers shared by the checker families: numerals, sentences, unit names.

Everything here works on the text exactly as the reader left it, so offsets found with these helpers are
offsets into ``Section.text``.
"""

from __future__ import annotations

import re

from assistant import standard as std
from assistant.checks.personal import masked_slice
from assistant.model import Report
from assistant.unitname import unit_stems

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; Arabic digits too. None for anything else."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 and text in _CN_DIGITS else None
    head, _, tail = text.partition("十")
    if len(head) > 1 or len(tail) > 1:
        return None
    tens = 1 if head == "" else _CN_DIGITS.get(head)
    ones = 0 if tail == "" else _CN_DIGITS.get(tail)
    if tens is None or ones is None:
        return None
    return tens * 10 + ones


def int_to_cn(n: int) -> str:
    """1 → 一, 12 → 十二 (1–99), used to suggest the right numbering."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones])


_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the sentence around ``pos`` (ends at 。！？； or a line break)."""
    start = pos
    while start > 0 and not _SENTENCE_END.match(text[start - 1]):
        start -= 1
    m = _SENTENCE_END.search(text, pos)
    end = m.end() if m else len(text)
    return start, end


def inside_book_title(text: str, pos: int) -> bool:
    """True when ``pos`` sits inside 《…》 (a notice or document name, not the report's own words)."""
    opened = text.rfind("《", 0, pos)
    if opened < 0:
        return False
    closed = text.rfind("》", 0, pos)
    return closed < opened


def snippet(text: str, start: int, end: int, limit: int = 40) -> str:
    """``text[start:end]`` stripped, personal numbers masked, cut to ``limit`` characters with an ellipsis."""
    piece = masked_slice(text, start, end).strip()  # masked before the cut, which could split a number
    return piece if len(piece) <= limit else piece[:limit] + "…"


def own_unit_stems(report: Report) -> list[str]:
    """Names the report may use for itself: from meta.unit, else from a 镇/乡/街道 name in the title."""
    stems: list[str] = []
    if report.meta.unit:
        stems.extend(unit_stems(report.meta.unit))
    if report.meta.title:
        m = _TITLE_UNIT.search(report.meta.title)
        if m:
            stems.extend(unit_stems(m.group(1)))
    return [s for s in dict.fromkeys(stems) if len(s) >= 2]


_TITLE_UNIT = re.compile(rf"([\u4e00-\u9fff]{{1,12}}?{std.LOCAL_UNIT_ENDING})")
_LOCAL_LEVEL = re.compile(rf"(?:{std.LOCAL_UNIT_ENDING}|办事处)(?:人民政府|政府|党委)?$")


def is_local_unit(report: Report) -> bool:
    """A township or street reports for itself; other units legitimately name their townships."""
    if report.meta.level in ("township", "street"):
        return True
    if report.meta.level is not None:
        return False
    return bool(report.meta.unit and _LOCAL_LEVEL.search(report.meta.unit.strip()))
