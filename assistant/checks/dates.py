"""Date family: malformed dates (D-MALFORMED) and report-year references naming another year (D-YEAR).

D-YEAR looks only where a year must be the report's own: the title, the statistics period, "截至X年底",
paragraphs opening with "X年，" / "X年度，" / "X年以来", and the report naming itself "X年…年度报告".
Everything else (comparisons with last year, notices in 《》, plans for next year) is left alone: a false
D-YEAR on a clean report is a bug.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant import standard as std
from assistant.checks.codes import make_flag
from assistant.checks.textutil import inside_book_title, sentence_bounds, snippet
from assistant.model import Flag, Report

_D = r"[0-9０-９]"
# "19"/"20" opening a digit run, and a digit opening one. The test that no digit stands before comes after the
# first character, not before it: a pattern that opens with a lookbehind is tried at every position of the
# text, one that opens with a character only where that character occurs (the date patterns cost 4x less).
_CENTURY = rf"(?:1(?<!{_D}1)9|2(?<!{_D}2)0|１(?<!{_D}１)９|２(?<!{_D}２)０)"
_FIRST_DIGIT = rf"{_D}(?<!{_D}{_D})"
# A digit run of five or more that starts like a year and runs straight into 年/月/日: the 年 or 月 was
# lost ("20241月1日", "202311日", "20251231日", "2025111231日") or the year was doubled ("202020年").
_GLUED = re.compile(rf"{_CENTURY}{_D}{{3,}}(?:年|月(?:{_D}{{1,2}}日)?|日)")
# The same loss with the digits kept apart by spaces ("2023 1 1 日", "2023 12 月 31 日"): a text layer that
# dropped 年 and 月 but kept the gaps around them.
_SPACED = re.compile(rf"({_CENTURY}{_D}{{2}})\s+({_D}{{1,2}})\s*(?:月\s*({_D}{{1,2}})|\s({_D}{{1,2}}))\s*日")
# A document number that lost its 〕 ("国办公开办函〔202130 号", "〔2021 30 号"): 〔 year number 号 with nothing
# closing the year.
_DOC_NUMBER = re.compile(rf"〔\s*((?:19|20){_D}{{2}})\s*({_D}{{1,4}})\s*号")
_MONTH_DAY = re.compile(rf"({_FIRST_DIGIT}{_D}?)\s*月\s*({_D}{{1,2}})\s*日")
_YEAR_BEFORE = re.compile(rf"(?<!{_D})({_D}{{4}})\s*年\s*$")  # the year written just before a month
_YEAR_MONTH = re.compile(rf"({_FIRST_DIGIT}{_D}{{3}})\s*年\s*({_D}{{1,2}})\s*月")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Statistics period: "2024年1月1日(起)至(2024年)12月31日".
_PERIOD = std.STATISTICS_PERIOD
_AS_OF = re.compile(rf"截[至止]\s*({_D}{{4}})\s*年\s*(?:底|末|年底|年末|12\s*月\s*31\s*日|12\s*月底|12\s*月末)")
# A paragraph (line) opening with a year, optionally after a subheading marker and a short heading run
# into the text: "2023年，…", "（三）政府信息管理情况 2022年，本镇…".
_OPENING = re.compile(
    rf"(?m)^[ \t\u3000]*"
    rf"(?:(?:[（(][一二三四五六七八九十\d]{{1,3}}[）)]|[一二三四五六七八九十]+[、.．]|\d{{1,2}}[.．、])"
    rf"(?:\s*([\u4e00-\u9fff、]{{2,20}}?)(?:[。．.:：]|[ \t\u3000]))?)?"
    rf"\s*({_D}{{4}})\s*年(度)?(?:(以来)|\s*[，,])"
)
_OWN_REPORT = re.compile(rf"({_D}{{4}})\s*年度?\s*{std.TITLE_SUBJECT}?(?:工作)?年度报告")
_BOOK_TITLE = re.compile(r"《([^《》]{4,120})》")
_ABOUT_WRITING = re.compile(r"做好|编制|发布")  # a notice on writing the report, not a document of the year
# Words of a sentence (outside 《》) that writes or publishes this report.
_WRITES_REPORT = re.compile(r"编制|编写|本报告|本年度报告|年度报告|年报(?!告)|现将|现予|现公布|现发布|特发布")
_TITLE_YEAR = re.compile(rf"(?<!{_D})((?:19|20){_D}{{2}})(?!{_D})")
_FORWARD = re.compile(r"下一步|下一年|明年|来年|今后|将|计划|拟|力争|继续|持续|进一步|争取|预计|目标")
_SELF_NAMING = re.compile(r"编制|现将|现予|现公布|现发布|特发布|本年报|本报告")
_EARLIER = re.compile(r"上一?年|去年|以前|以往|此前|较|比|同比|对比|相比")


def run(report: Report) -> list[Flag]:
    """D-MALFORMED in every section; D-YEAR where the report must name its own year."""
    flags: list[Flag] = []
    for s in report.sections:
        if s.text:
            flags.extend(_malformed(s.text, s.number, report.meta.year))
    if report.meta.year is not None:
        flags.extend(_report_year(report, report.meta.year))
    return flags


def _int(text: str) -> int:
    return int(text)  # int() reads full-width digits too


# ---------------------------------------------------------------------------------------------------
def _malformed(text: str, section: int, report_year: int | None) -> Iterator[Flag]:
    seen: set[int] = set()
    for m in _GLUED.finditer(text):
        end = m.end()
        seen.add(m.start())
        token = text[m.start() : end]
        yield make_flag(
            "D-MALFORMED",
            f"日期“{token}”格式有误：年份与月、日连写（缺“年”或“月”字）或年份重复，{_suggest(token)}",
            section=section,
            span=(m.start(), end),
            evidence=token,
        )
    for m in _SPACED.finditer(text):
        seen.add(m.start())
        yield _lost_chars(section, m)
    for m in _DOC_NUMBER.finditer(text):
        yield _lost_bracket(section, m)
    for m in _YEAR_MONTH.finditer(text):
        month = _int(m.group(2))
        if 1 <= month <= 12 or m.start() in seen:
            continue
        seen.add(m.start())
        yield _bad_date(text, section, m.start(), m.end(), f"月份“{month}”不存在")
    for m in _MONTH_DAY.finditer(text):
        start = m.start()
        written = _YEAR_BEFORE.search(text, max(0, start - 8), start)
        if written:
            start = written.start(1)
        if start in seen:
            continue
        year = _int(written.group(1)) if written else report_year
        month, day = _int(m.group(1)), _int(m.group(2))
        if not 1 <= month <= 12:
            yield _bad_date(text, section, start, m.end(), f"月份“{month}”不存在")
            continue
        limit = _DAYS[month - 1]
        if month == 2 and year is not None and not _leap(year):
            limit = 28
        if not 1 <= day <= limit:
            yield _bad_date(text, section, start, m.end(), f"{month}月没有{day}日")


def _lost_chars(section: int, m: re.Match[str]) -> Flag:
    """ "2023 1 1 日": 年 and 月 lost, the digits left apart."""
    year, month, day = m.group(1), _int(m.group(2)), m.group(3) or m.group(4)
    fix = f"应为“{year}年{month}月{_int(day)}日”。" if 1 <= month <= 12 else "请补全为“XXXX年X月X日”的形式。"
    return _match_malformed(section, m, f"日期“{m.group(0)}”格式有误：缺“年”“月”字，只剩以空格隔开的数字，{fix}")


def _lost_bracket(section: int, m: re.Match[str]) -> Flag:
    """ "国办公开办函〔202130 号": the 〕 after the year was lost."""
    fixed = f"〔{m.group(1)}〕{_int(m.group(2))}号"
    return _match_malformed(
        section, m, f"文号“{m.group(0)}”格式有误：年份后缺“〕”，年份与序号连在一起，应为“{fixed}”。"
    )


def _match_malformed(section: int, m: re.Match[str], message: str) -> Flag:
    """A D-MALFORMED flag on the whole of ``m``."""
    return make_flag("D-MALFORMED", message, section=section, span=(m.start(), m.end()), evidence=m.group(0))


def _bad_date(text: str, section: int, start: int, end: int, why: str) -> Flag:
    token = text[start:end]
    return make_flag(
        "D-MALFORMED",
        f"日期“{token}”有误：{why}，请核对。",
        section=section,
        span=(start, end),
        evidence=token,
    )


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


_YEAR_THEN_MONTH = re.compile(r"^(\d{4})(\d{1,2})月(.*)$")


def _suggest(token: str) -> str:
    """Offer the corrected date where it is unambiguous ("20241月1日" → "2024年1月1日")."""
    m = _YEAR_THEN_MONTH.match(token)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"应为“{m.group(1)}年{int(m.group(2))}月{m.group(3)}”。"
    return "请补全为“XXXX年X月X日”的形式。"


# ---------------------------------------------------------------------------------------------------
def _report_year(report: Report, year: int) -> list[Flag]:
    flags: list[Flag] = []
    title = (report.meta.title or "").strip()
    preamble = report.section(0)
    title_at = preamble.text.find(title) if title and preamble is not None else -1
    if title:
        flags.extend(_title_year(title, title_at, year))
    notices: set[str] = set()
    for s in report.sections:
        if not s.text:
            continue
        flags.extend(_notice_years(s.number, s.text, year, notices))
        in_title = (title_at, title_at + len(title)) if s.number == 0 and title_at >= 0 else (-1, -1)
        flags.extend(_period_years(s.number, s.text, year))
        flags.extend(_as_of_years(s.number, s.text, year))
        flags.extend(_opening_years(s.number, s.text, year))
        flags.extend(_own_report_years(s.number, s.text, year, in_title))
    return flags


def _title_year(title: str, title_at: int, year: int) -> list[Flag]:
    """The first year in the title that is not the report year (a year inside 《》 names another text)."""
    for m in re.finditer(rf"(?<!{_D})({_D}{{4}})(?!{_D})", title):
        y = _int(m.group(1))
        if 1990 <= y <= 2100 and y != year and not inside_book_title(title, m.start()):
            span = (title_at + m.start(), title_at + m.end()) if title_at >= 0 else None
            return [_year_flag(0, span, f"标题中的年份 {y} 与报告年度 {year} 不符。", title)]
    return []


def _period_years(section: int, text: str, year: int) -> list[Flag]:
    """Statistics periods of another year."""
    flags: list[Flag] = []
    for m in _PERIOD.finditer(text):
        years = [_int(g) for g in m.groups() if g]
        wrong = [y for y in years if y != year]
        if wrong:
            flags.append(_match_flag(section, m, f"统计期限“{m.group(0)}”应为 {year}年1月1日至{year}年12月31日。"))
    return flags


def _as_of_years(section: int, text: str, year: int) -> list[Flag]:
    """Dates "截至…年" of another year."""
    flags: list[Flag] = []
    for m in _AS_OF.finditer(text):
        y = _int(m.group(1))
        if y != year and not _forward_ok(text, m.start(), y, year):
            flags.append(
                _match_flag(section, m, f"“{m.group(0)}”中的年份 {y} 与报告年度 {year} 不符，疑为沿用往年文稿。")
            )
    return flags


def _match_flag(section: int, m: re.Match[str], message: str) -> Flag:
    """A year flag on the whole of ``m``."""
    return _year_flag(section, (m.start(), m.end()), message, m.group(0))


def _opening_years(section: int, text: str, year: int) -> list[Flag]:
    """Paragraphs that open with another year ("2023年，我局…")."""
    flags: list[Flag] = []
    for m in _OPENING.finditer(text):
        heading, y = m.group(1) or "", _int(m.group(2))
        if y == year or _forward_ok(text, m.start(2), y, year):
            continue
        if m.group(4) and y < year - 1:
            continue  # "2019年以来" spans several years legitimately
        if _EARLIER.search(heading) or "整改" in heading:
            continue  # "（一）上年度问题整改情况 2022年，…" speaks of last year on purpose
        start = m.start(2)
        sent_start, sent_end = sentence_bounds(text, start)
        if re.search(rf"(?<!{_D}){year}\s*年", text[m.end() : sent_end]):
            continue  # "2022年，收到3件；2023年，收到5件" compares the two years
        flags.append(
            _year_flag(
                section,
                (start, m.end()),
                f"段落以“{text[start : m.end()]}”开头，年份与报告年度 {year} 不符，疑为沿用往年文稿："
                f"“{snippet(text, sent_start, sent_end)}”",
                text[start : m.end()],
            )
        )
    return flags


def _own_report_years(section: int, text: str, year: int, in_title: tuple[int, int]) -> list[Flag]:
    """The report naming itself with another year (outside the title, which is checked on its own)."""
    flags: list[Flag] = []
    for m in _OWN_REPORT.finditer(text):
        y = _int(m.group(1))
        if y == year or in_title[0] <= m.start() < in_title[1]:
            continue
        if inside_book_title(text, m.start()):
            if not _book_title_is_itself(text, m.start(), m.end()):
                continue
        elif not _names_itself(text, m.start(), m.end()):
            continue
        flags.append(_match_flag(section, m, f"本报告被称为“{m.group(0)}”，年份与报告年度 {year} 不符。"))
    return flags


def _notice_years(section: int, text: str, year: int, seen: set[str]) -> list[Flag]:
    """A notice on writing the annual report ("《关于做好2022年…年度报告…发布工作的通知》") of another year.

    The report is written under this year's notice; last year's one named as the basis of this report is
    a sign of last year's text copied. Other documents in 《》 name whatever year they were issued and are
    left alone. Each title is flagged once.
    """
    flags: list[Flag] = []
    for m in _BOOK_TITLE.finditer(text):
        title = re.sub(r"\s+", "", m.group(1))
        if "年度报告" not in title or not _ABOUT_WRITING.search(title) or title in seen:
            continue
        if not _is_basis(text, m.start()):
            continue  # "根据《…2023年…通知》要求开展自查": a task under that notice, not this report's basis
        years = [(y, _int(y.group(1))) for y in _TITLE_YEAR.finditer(m.group(1))]
        if not years or any(y == year for _, y in years):
            continue
        seen.add(title)
        at, y = years[0]
        flags.append(
            _year_flag(
                section,
                (m.start(1) + at.start(1), m.start(1) + at.end(1)),
                f"所依据的《{title}》是{y}年度报告的编制通知，与报告年度 {year} 不符，疑为沿用往年文稿；"
                f"请改为{year}年度报告的编制通知。",
                f"《{title}》",
            )
        )
    return flags


def _is_basis(text: str, pos: int) -> bool:
    """The sentence around ``pos`` says this report is written under it ("…要求，编制本报告")."""
    start, end = sentence_bounds(text, pos)
    return bool(_WRITES_REPORT.search(_BOOK_TITLE.sub("", text[start:end])))


def _names_itself(text: str, start: int, end: int) -> bool:
    """ "编制了…2023年…年度报告" names this report; "对照2023年度报告中提出的问题" names last year's."""
    before = text[max(0, start - 20) : start]
    after = text[end : end + 6]
    if _EARLIER.search(before[-8:]) or after.startswith(("中", "里", "提出", "指出", "所列")):
        return False
    return bool(_SELF_NAMING.search(before))


# "编制了《…》", "现发布《…》": the book title that follows is this report.
_SELF_NAMING_BOOK = re.compile(r"(?:编制|编写|现将|现予|现公布|现发布|特发布|公布|发布|形成)了?\s*$")


def _book_title_is_itself(text: str, start: int, end: int) -> bool:
    """ "编制了《某镇2020年政府信息公开工作年度报告》" names this report; "《关于做好…年度报告编制工作的通知》" not."""
    if not text[end:].lstrip().startswith("》"):
        return False  # the book title goes on: a notice about reports, not the report itself
    opened = text.rfind("《", 0, start)
    before = text[max(0, opened - 12) : opened]
    return bool(_SELF_NAMING_BOOK.search(before)) and not _EARLIER.search(before)


def _forward_ok(text: str, pos: int, y: int, year: int) -> bool:
    """The year after the report year is fine in a forward-looking sentence."""
    if y != year + 1:
        return False
    start, end = sentence_bounds(text, pos)
    return bool(_FORWARD.search(text[start:end]))


def _year_flag(section: int, span: tuple[int, int] | None, message: str, evidence: str) -> Flag:
    return make_flag("D-YEAR", message, section=section, span=span, evidence=evidence)
