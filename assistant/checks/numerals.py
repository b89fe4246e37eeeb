"""Numbers as report narratives write them: a figure, a counting word or unit, and a hedge.

"共收到申请12件", "十二条", "两起", "100余条", "近5000条", "约47.10万元", "12,500元", "占60%", "收费为0".
A token is only recognised with a counting word (件/条/起/例/份/次/宗/项/个/篇/件次/条次), a money unit
(元/万元) or a percent sign, so years, dates, phone numbers and "一是" never become figures. Bare "0/零"
is accepted only right after 为/是/计/： and before a clause end ("行政事业性收费为0").

Chinese numerals are converted with ``cn2an`` (imported on first use: it is slow to import, most reports
write Arabic digits, and a one-character numeral is read as its digit without it).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal, NamedTuple

from assistant.numfmt import CN_DIGITS

Relation = Literal["eq", "ge", "le", "approx"]
TokenKind = Literal["count", "amount", "percent"]

COUNT_UNITS: tuple[str, ...] = ("件次", "条次", "件", "条", "起", "例", "份", "次", "宗", "项", "个", "篇")
AMOUNT_UNITS: tuple[str, ...] = ("万元", "元")

_CN_START = "零〇一二两三四五六七八九十"
_CN_ALL = _CN_START + "百千万"
# Full-width digits, percent and comma map one-to-one onto ASCII, so offsets survive the translation.
FULLWIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")

_NUMBER = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CN_START}][{_CN_ALL}]*)"
_UNITS = "|".join(COUNT_UNITS + AMOUNT_UNITS)
# The regex starts at the numeral (a plain character class, which the engine scans for quickly); what
# stands before it — a hedge word, or 第/another digit that disqualifies it — is looked at by hand.
_TOKEN = re.compile(
    rf"{_NUMBER}"
    r"(?P<post>余|多)?"
    r"\s*"
    rf"(?P<unit>{_UNITS}|%)"
    r"(?P<post2>以上|左右|余)?"
    # 一次性, 一件事, 条例, 15个工作日, 3个月, 2个百分点, 一条龙: not counts of anything we hold.
    r"(?![性事例龙]|工作日|月|小时|星期|自然日|百分点)"
)
_NOT_BEFORE = frozenset("第0123456789." + _CN_ALL)  # 第二十条, 第3条, the middle of a longer numeral
# 每一件, 逐一, 同一, 任一, 唯一: "一" there is no count.
_NOT_BEFORE_CN = frozenset("每逐同任唯单哪某")
_PRE_WORDS = ("大约", "约为", "约", "将近", "接近", "近", "不足", "不到", "不超过", "少于", "超过", "逾", "多于")
_PRE_BY_LAST: dict[str, tuple[str, ...]] = {
    c: tuple(w for w in _PRE_WORDS if w[-1] == c) for c in {w[-1] for w in _PRE_WORDS}
}
_BARE_ZERO = re.compile(r"(?<=[为是计：:])\s*(?P<num>0|零)(?=\s*(?:[，,。；;、）)\n]|$))")
_QUICK = re.compile(rf"[\d{_CN_START}]")

_LE = frozenset({"将近", "接近", "近", "不足", "不到", "不超过", "少于"})
_GE = frozenset({"超过", "逾", "多于"})
_APPROX = frozenset({"大约", "约为", "约"})


class Token(NamedTuple):
    """One stated figure. ``start``/``end`` cover the hedge words and the unit too."""

    start: int
    end: int
    value: float
    decimals: int  # digits after the point as written (the stated precision)
    unit: str  # the counting word or money unit; "%" for a percentage; "" for a bare zero
    kind: TokenKind
    relation: Relation
    text: str


@cache
def _cn_value(text: str) -> float | None:
    if text in CN_DIGITS:
        return float(CN_DIGITS[text])
    import cn2an  # deferred: ~0.2 s to import, needed only for Chinese numerals

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return float(value)


def parse_number(text: str) -> tuple[float, int] | None:
    """'1,234.5' → (1234.5, 1); '一百零五' → (105.0, 0); None when it is no number."""
    if text[0].isdigit():
        plain = text.replace(",", "")
        decimals = len(plain.partition(".")[2])
        return float(plain), decimals
    value = _cn_value(text)
    return None if value is None else (value, 0)


def _relation(pre: str | None, post: str | None, post2: str | None) -> Relation:
    if pre in _APPROX or post2 == "左右":
        return "approx"
    if pre in _LE:
        return "le"
    if pre in _GE or post in ("余", "多") or post2 in ("以上", "余"):
        return "ge"
    return "eq"


def find_tokens(text: str) -> list[Token]:
    """Every figure in ``text`` (already translated with :data:`FULLWIDTH`), in order."""
    if not _QUICK.search(text):
        return []
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        start = m.start()
        if start and text[start - 1] in _NOT_BEFORE:
            continue
        chinese = not m["num"][0].isdigit()
        if chinese and start and text[start - 1] in _NOT_BEFORE_CN:
            continue
        pre = None
        for word in _PRE_BY_LAST.get(text[start - 1], ()) if start else ():
            if text.startswith(word, start - len(word)):
                pre = word
                break
        if pre:
            start -= len(pre)
        parsed = parse_number(m["num"])
        if parsed is None:
            continue
        value, decimals = parsed
        unit = m["unit"]
        kind: TokenKind = "percent" if unit == "%" else "amount" if unit in AMOUNT_UNITS else "count"
        # A Chinese numeral before 个/项/次 is mostly prose ("一个中心", "三项制度", "一次办好"); only
        # the counting words that reports use for applications and cases are trusted with them.
        if chinese and (unit in ("个", "项", "次", "篇", "%") or (m["num"] == "一" and unit == "起")):
            continue  # ... and "一起" is "together"
        if m["num"] == "一" and (text.endswith("无", 0, start) or text.endswith("没有", 0, start)):
            value = 0.0  # "无一例被纠错": not one
        tokens.append(
            Token(
                start=start,
                end=m.end(),
                value=value,
                decimals=decimals,
                unit=unit,
                kind=kind,
                relation=_relation(pre, m["post"], m["post2"]),
                text=text[start : m.end()],
            )
        )
    for m in _BARE_ZERO.finditer(text):
        tokens.append(Token(m.start("num"), m.end("num"), 0.0, 0, "", "count", "eq", m["num"]))
    tokens.sort(key=lambda t: t.start)
    return tokens
