"""The literal numbers in a piece of prose that state a quantity, and nothing that only looks like one.

Arabic and full-width digits, decimals, percents, 万/亿 and Chinese numerals with a measure word
(十二件, 三万元, 百分之三十) are numbers. Left alone, because they state no quantity: dates (2024年1月1日,
12月31日, 9:00), ordinals and list marks (第一, 第3条, （三）, 1. at a line start, 一是), document numbers
(国办公开办函〔2021〕30号), whatever stands in a 《…》 title, and numbers inside set words (一站式, 十四五,
12345热线; :data:`WORDS`). Years (2024年) are numbers of their own kind, marked ``year``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.checks.numerals import FULLWIDTH, parse_number

# Set words with a numeral inside that is no count; hotlines count as words unless a measure word follows.
WORDS: tuple[str, ...] = (
    *("一站式", "一网通办", "一网统管", "一件事", "一次办", "一次性", "最多跑一次", "一窗受理", "一门式"),
    *("一张网", "一体化", "一把手", "一对一", "一事一议", "一村一", "两个确保", "两个维护", "两个毫不动摇"),
    *("三安全一稳定", "三类内部事务", "四类过程性", "十四五", "十五五", "五个方面", "六部分", "六个部分"),
    *("五公开", "三重一大", "两微一端", "一号通", "一条龙", "5G", "20个工作日", "二十个工作日", "15个工作日"),
    "十五个工作日",
)
HOTLINES: tuple[str, ...] = ("12345", "12315", "12366", "12333", "12348", "12388", "12319", "12320", "12369")

# Measure words after which a Chinese numeral is a number; 一 needs one of CLAIM_UNITS (一个/一项 is prose).
CLAIM_UNITS: tuple[str, ...] = ("件次", "条次", "人次", "万元", "亿元", "件", "条", "起", "例", "份", "宗", "元", "%")
_MEASURES: tuple[str, ...] = (
    *CLAIM_UNITS,
    *("个", "项", "次", "名", "人", "位", "场", "期", "篇", "家", "所", "批", "轮", "天", "周", "年", "小时"),
    *("处", "台", "套", "本", "册", "张", "部", "支", "户", "组", "节", "讲", "课", "倍", "成", "万", "亿"),
)
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN = f"{_CN_DIGITS}十百千万亿"
_CN_DIGIT_VALUES = str.maketrans(_CN_DIGITS, "001223456789")
_ARABIC = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CHINESE = re.compile(rf"(?<![{_CN}])[{_CN_DIGITS}十百千][{_CN}]*")
_CN_PERCENT = re.compile(rf"百分之([{_CN}点]+)")
_AFTER = re.compile(rf"\s*(?P<post>余|多)?(?P<scale>万|亿)?\s*(?P<unit>{'|'.join(_MEASURES)})?")
_NOT_BEFORE_CN = frozenset("第每逐同任唯单哪某")

_OPEN = "〔\\[［【(（"
_CLOSE = "〕\\]］】)）"
_LEFT_ALONE = re.compile(
    "|".join(
        (
            r"《[^《》\n]*》",  # a title
            rf"[{_OPEN}]\s*(?:19|20)\d\d\s*[{_CLOSE}]\s*(?:第\s*)?\d+\s*号",  # 〔2021〕30号
            r"(?:19|20)\d\d\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}(?!\d)",  # 2024-01-01
            r"(?<!\d)\d{1,2}\s*[:：]\s*\d\d(?!\d)",  # 9:00
            rf"第\s*(?:\d+|[{_CN}]+)",  # 第一, 第3条, 第五十条
            rf"[（(]\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*[）)]",  # （三）, (1)
            rf"(?:^|(?<=[\n。；：:，]))\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*[.．、](?!\d)",  # 1. / 一、 opening an item
            rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(?:份|(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号])?",  # 1月1日, 十二月
            rf"(?<=月)\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号]",  # 每月15日
            r"\d+\s*月\s*\d{1,2}\s*[日号]",  # a date mistyped (20241月1日): the date checks' business
            r"(?:https?://|www\.)[A-Za-z0-9./\-_?=&%#~:]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # addresses: see Literal.url
            "|".join(re.escape(w) for w in WORDS),
            rf"(?<!\d)(?:{'|'.join(HOTLINES)})(?![\d.]|\s*(?:{'|'.join(_MEASURES)}))",
        )
    ),
    re.MULTILINE,
)
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9./\-_?=&%#~:]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_YEAR_AFTER = re.compile(r"\s*(?:年|[-—–~～至到]\s*(?:19|20)\d\d)")
_YEAR_BEFORE = re.compile(r"(?:19|20)\d\d\s*[-—–~～至到]\s*$")


@dataclass(frozen=True)
class Literal:
    """One number as written (with its 万/亿 and measure word), where it is, and what must match to ground it."""

    start: int
    end: int
    text: str
    key: str  # the value with 万/亿 applied; the digits for 0873; the address itself for a URL
    numeral_end: int  # where the numeral itself ends (before 万/亿 and the measure word)
    year: bool = False  # 2024年: grounded by the report year, not only by what was given


def value_key(value: float) -> str:
    """The key a number's value matches on (rounded, so 0.8万 and 8000 agree)."""
    return f"v:{round(float(value), 6)!r}"


def _left_alone(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LEFT_ALONE.finditer(text) if m.end() > m.start()]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _read(text: str, m: re.Match[str], value: float, *, year: bool = False) -> Literal:
    """The literal at ``m`` with what follows it (余/多, 万/亿, a measure word) and its key."""
    after = _AFTER.match(text, m.end())
    end = after.end() if after and after.end() > m.end() else m.end()
    scale = after["scale"] if after else None
    value *= {"万": 1e4, "亿": 1e8}.get(scale or "", 1.0)
    digits = m[0]
    leading_zero = len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()
    key = "d:" + digits if leading_zero else value_key(value)  # 0873 (an area code) matches as written
    return Literal(m.start(), end, text[m.start() : end].rstrip(), key, m.end(), year)


def _arabic(text: str, m: re.Match[str]) -> Literal:
    value = float(m[0].replace(",", ""))
    is_year = (
        len(m[0]) == 4
        and 1900 <= value <= 2100
        and (_YEAR_AFTER.match(text, m.end()) is not None or _YEAR_BEFORE.search(text, 0, m.start()) is not None)
    )
    return _read(text, m, value, year=is_year)


def _chinese(text: str, m: re.Match[str]) -> Literal | None:
    if m.start() and text[m.start() - 1] in _NOT_BEFORE_CN:
        return None
    after = _AFTER.match(text, m.end())
    unit = after["unit"] if after else None
    if unit is None or (m[0] == "一" and (unit not in CLAIM_UNITS or unit == "起")):  # 一项, 一起: prose
        return None
    numeral = m[0]
    if len(numeral) == 4 and all(c in _CN_DIGITS for c in numeral) and unit == "年":  # 二〇二四年
        return _read(text, m, float(numeral.translate(_CN_DIGIT_VALUES)), year=True)
    parsed = parse_number(numeral)
    return None if parsed is None else _read(text, m, parsed[0])


def find_literals(text: str) -> list[Literal]:
    """Every number in ``text`` that states a quantity or a year, in order (see the module docstring)."""
    local = text.translate(FULLWIDTH)
    found: list[Literal] = []
    for m in _URL.finditer(local):
        if any(c.isdigit() for c in m[0]):
            found.append(Literal(m.start(), m.end(), m[0], "u:" + m[0].lower(), m.end()))
    for m in _CN_PERCENT.finditer(local):
        parsed = parse_number(m[1])
        if parsed is not None:
            found.append(Literal(m.start(), m.end(), m[0], value_key(parsed[0]), m.end()))
    alone = _left_alone(local) + [(lit.start, lit.end) for lit in found]
    for m in _ARABIC.finditer(local):
        if not _inside(alone, m.start(), m.end()):
            found.append(_arabic(local, m))
    for m in _CHINESE.finditer(local):
        lit = None if _inside(alone, m.start(), m.end()) else _chinese(local, m)
        if lit is not None:
            found.append(lit)
    # Quote as written (full-width digits too): offsets are the same in both.
    return sorted(
        (Literal(lit.start, lit.end, text[lit.start : lit.end], lit.key, lit.numeral_end, lit.year) for lit in found),
        key=lambda lit: lit.start,
    )
