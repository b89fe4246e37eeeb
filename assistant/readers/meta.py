"""Title, unit, year, level and statistics period from the first paragraphs and the preamble."""

from __future__ import annotations

import re
from collections import Counter

from assistant import standard as std
from assistant.readers.chrome import is_chrome
from assistant.unitname import unit_from_title

MAX_TITLE_CHARS = 64
# The second line of a title split after the unit's name starts like this.
_TITLE_CONTINUATIONS = ("政府信息公开", "信息公开", "20", "年度", "工作年度", "关于")
_YEAR = re.compile(r"(20\d{2})\s{0,2}年")
# "某街道2025年度政府信息公开工作报告": a title without 年度报告 / 年报.
_WORK_REPORT = re.compile(rf"{std.TITLE_SUBJECT}[\u4e00-\u9fff]{{0,6}}报告")
_PERIOD = std.STATISTICS_PERIOD
_COMPILED = re.compile(r"编制[了完成]{0,2}.{0,40}?(20\d{2})\s{0,2}年")
_GOVERNMENT_CHARS = (
    ("县", "county"),
    ("区", "county"),
    ("旗", "county"),
    ("市", "city"),
    ("州", "city"),
    ("省", "province"),
)


def _names_report(text: str) -> bool:
    return any(w in text for w in std.TITLE_WORDS) or _WORK_REPORT.search(text) is not None


def find_title(paras: list[str], limit: int) -> tuple[str | None, tuple[int, ...]]:
    """The title among the first paragraphs before section 一 (joined when split over two lines).

    A page header that repeats only the title's tail ("2022年政府信息公开工作年度报告") above the unit's real
    title gives way to the next title that names the unit.
    """
    title, where = _title_from(paras, 0, limit)
    if title is not None and unit_from_title(title) is None:
        better, better_where = _title_from(paras, where[-1] + 1, limit)
        if better is not None and unit_from_title(better) is not None:
            return better, better_where
    return title, where


def _title_from(paras: list[str], start: int, limit: int) -> tuple[str | None, tuple[int, ...]]:
    """The first title-like paragraph from ``start`` on, joined with its other half when split."""
    for i in range(start, min(limit, 15)):
        text = paras[i].strip()
        if not text or len(text) > MAX_TITLE_CHARS or "。" in text:
            continue
        if not _names_report(text) or is_chrome(text):
            continue  # a breadcrumb "当前位置：首页 > … > 年度报告" names the report too
        if i > start and ("信息公开" not in text or text.startswith(_TITLE_CONTINUATIONS)):
            prev = paras[i - 1].strip()
            if prev and len(prev) <= 40 and "。" not in prev and not _names_report(prev) and not is_chrome(prev):
                return prev + text, (i - 1, i)
        if not text.endswith(("报告", "年报")) and i + 1 < limit:
            nxt = paras[i + 1].strip()
            if nxt and len(nxt) <= 8 and "报" in nxt:
                return text + nxt, (i, i + 1)
        return text, (i,)
    return None, ()


def level_of(unit: str | None) -> str | None:
    """The unit's level from its name's ending; a department takes that of the government named before it."""
    if not unit:
        return None
    for suffix, level in std.UNIT_LEVEL_SUFFIXES:
        if unit.endswith(suffix):
            return level
    if std.DEPARTMENT_ENDING.search(unit):
        # a department takes the level of the nearest government named before it:
        # "XX县教育局" → county, "XX市XX区司法局" → county, "XX市统计局" → city
        body = unit[:-1]
        best, best_pos = None, -1
        for ch, lvl in _GOVERNMENT_CHARS:
            pos = body.rfind(ch)
            if pos > best_pos:
                best, best_pos = lvl, pos
        return best
    return None


def find_year(title: str | None, preamble: str, full_text: str) -> tuple[int | None, str | None]:
    """(year, period as written)."""
    period_match = _PERIOD.search(full_text[:200_000])
    period = period_match.group(0).strip() if period_match else None
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1)), period
    if period_match:
        return int(period_match.group(2) or period_match.group(1)), period
    m = _COMPILED.search(preamble)
    if m:
        return int(m.group(1)), period
    years = Counter(int(y) for y in _YEAR.findall(full_text[:200_000]))
    if years:
        return years.most_common(1)[0][0], period
    return None, period
