"""Structure family: the six sections, their order and numbering, the announced part count, the old
2019 table format, and the title.
"""

from __future__ import annotations

import re

from assistant import standard as std
from assistant.checks.codes import make_flag
from assistant.checks.textutil import cn_to_int, int_to_cn
from assistant.model import Flag, Report, Section
from assistant.unitname import unit_core, unit_stem

# Accepted top-level numbering: 一、 (standard), 一. / 一． (ASCII or full-width period), 一 、 (space).
_TOP_OK = re.compile(r"^\s*([一二三四五六七八九十]+)\s*[、.．]\s*$")
# Second level at the start of a line: （一） / (一) and the Arabic （1） / (1) that sometimes replaces it.
_SECOND = re.compile(r"(?m)^[ \t\u3000]*[（(]\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)]")
# "…等六部分组成", "分为七个部分", "共五部分", "由6个部分组成", "…其他需要报告的事项7个部分组成", "六部分内容组成".
_PARTS = re.compile(
    r"(?:(?:等|分为|分成|共|共计|包括|包含|由)\s*([一二两三四五六七八九十]{1,2}|\d{1,2})\s*(?:个|大)?\s*部分"
    r"|([一二两三四五六七八九十]{1,2}|\d{1,2})\s*(?:个|大)?\s*部分\s*(?:内容\s*)?(?:组成|构成))"
)
# Where the list of parts starts ("本报告由总体情况、…", "全文包括…"), and what separates its items.
_LIST_START = re.compile(r"(?:由|包括|包含|分为|涵盖)")
# "…改进情况和其他需要报告的事项": the last part is often joined by 和/及 rather than 、.
_LIST_SEPARATOR = re.compile(r"[、，,；;]|以及|(?:和|及|与)(?=其[他它])")
MIN_LISTED = 3  # fewer items than this are no list of the parts
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def run(report: Report) -> list[Flag]:
    """The structure flags of a report with text (a figures-only report has no structure to check)."""
    if report.meta.format == "json":  # figures only: there is no text to have a structure
        return []
    flags: list[Flag] = []
    flags.extend(_sections(report))
    for s in report.sections:
        if s.number >= 1:
            flags.extend(_top_numbering(s))
            flags.extend(_second_level(s))
    flags.extend(_bare_headings(report))
    flags.extend(_parts_count(report))
    flags.extend(_old_format(report))
    flags.extend(_title(report))
    return flags


# ---------------------------------------------------------------------------------------------------
def _sections(report: Report) -> list[Flag]:
    flags: list[Flag] = []
    found = {s.number for s in report.sections if s.number >= 1}
    for spec in std.SECTIONS:
        if spec.number not in found:
            flags.append(
                make_flag(
                    "S-SECTION-MISSING",
                    f"缺少第{int_to_cn(spec.number)}部分“{spec.heading}”。年报须按国办公开办函〔2021〕30号格式"
                    f"包含全部六个部分，没有内容的也应列出并写明“无”或相应情况。",
                    section=spec.number,
                    evidence=spec.heading,
                )
            )
    highest = 0
    for s in report.sections:
        if s.number < 1:
            continue
        if s.number < highest:
            flags.append(
                make_flag(
                    "S-SECTION-ORDER",
                    f"“{s.heading or std.SECTIONS_BY_NUMBER[s.number].heading}”出现在"
                    f"第{int_to_cn(highest)}部分之后，顺序应为一至六。",
                    section=s.number,
                    evidence=s.heading or None,
                )
            )
        highest = max(highest, s.number)
    return flags


def _top_numbering(s: Section) -> list[Flag]:
    numbering = s.numbering.strip()
    if not numbering:
        return []  # a heading without a numeral is an accepted variant (real-world §1.6)
    want = f"{int_to_cn(s.number)}、"
    m = _TOP_OK.match(numbering)
    if m and cn_to_int(m.group(1)) == s.number:
        return []
    heading = s.heading.strip() or numbering
    return [
        make_flag(
            "S-NUMBERING",
            f"标题“{heading}”的序号“{numbering}”有误，第{int_to_cn(s.number)}部分应写作“{want}”。",
            section=s.number,
            evidence=numbering,
        )
    ]


def _bare_headings(report: Report) -> list[Flag]:
    """Part headings left without numbering in a report whose other part headings carry it.

    A report whose parts are all (or mostly) unnumbered is an accepted variant, flagged nowhere; a bare
    heading among numbered ones ("一、总体情况" / "主动公开政府信息情况" / "三、…") lost its "二、".
    """
    parts = [s for s in report.sections if s.number >= 1]
    numbered = {s.number for s in parts if s.numbering.strip()}
    # a bare repeat of a numbered part's words is no heading of its own to renumber
    bare = [s for s in parts if not s.numbering.strip() and s.number not in numbered]
    if not numbered or len(bare) > len(numbered):
        return []
    flags: list[Flag] = []
    for s in bare:
        heading = s.heading.strip() or std.SECTIONS_BY_NUMBER[s.number].heading
        want = f"{int_to_cn(s.number)}、"
        flags.append(
            make_flag(
                "S-NUMBERING",
                f"标题“{heading}”缺少序号，而其他部分的标题有序号；第{int_to_cn(s.number)}部分应写作"
                f"“{want}{heading}”。",
                section=s.number,
                evidence=heading,
            )
        )
    return flags


def _second_level(s: Section) -> list[Flag]:
    """Check the （一）（二）… sequence at the start of lines in one section.

    A restart at （一） is a new list and fine; a gap, a repeat, or an Arabic （1） standing where the
    Chinese sequence expects its next number is flagged. An Arabic （1）（2） list nested under （一）
    does not fill a slot of the Chinese sequence and is left alone.
    """
    marks: list[tuple[int, int, str, bool, int]] = []  # start, end, text, is_chinese, value
    for m in _SECOND.finditer(s.text):
        raw = m.group(1)
        value = cn_to_int(raw)
        if value is None or value == 0:
            continue
        marks.append((m.start(), m.end(), m.group(0).strip(), not raw.isdigit(), value))
    chinese = [mk for mk in marks if mk[3]]
    if len(chinese) < 2:
        return []
    flags: list[Flag] = []
    expected = 1
    for i, (start, end, text, is_cn, value) in enumerate(marks):
        lead = len(s.text[start:end]) - len(s.text[start:end].lstrip())
        span = (start + lead, end)
        if is_cn:
            if value == expected or value == 1:
                expected = value + 1
                continue
            next_cn = next((mk[4] for mk in marks[i + 1 :] if mk[3]), None)
            if next_cn == expected + 1:
                # The sequence carries on as if this one were right: a typo for the expected number.
                problem = "序号重复" if value < expected else "序号错误"
                value = expected
            else:
                problem = f"缺少（{int_to_cn(expected)}）" if value > expected else "序号重复"
            flags.append(
                make_flag(
                    "S-NUMBERING",
                    f"{std.section_name(s.number)}中的二级标题“{text}”{problem}，此处应为“（{int_to_cn(expected)}）”。",
                    section=s.number,
                    span=span,
                    evidence=text,
                )
            )
            expected = value + 1
            continue
        prev_cn = next((mk[4] for mk in reversed(marks[:i]) if mk[3]), 0)
        next_cn = next((mk[4] for mk in marks[i + 1 :] if mk[3]), None)
        fills_slot = value == expected and prev_cn == value - 1 and next_cn == value + 1
        if fills_slot:
            flags.append(
                make_flag(
                    "S-NUMBERING",
                    f"{std.section_name(s.number)}中的二级标题“{text}”与其他“（{int_to_cn(value + 1)}）”等"
                    f"中文序号混用，应为“（{int_to_cn(value)}）”。",
                    section=s.number,
                    span=span,
                    evidence=text,
                )
            )
            expected = value + 1
    return flags


# ---------------------------------------------------------------------------------------------------
def _parts_count(report: Report) -> list[Flag]:
    found = len({s.number for s in report.sections if s.number >= 1})
    if found == 0:
        return []
    for number in (0, 1):
        s = report.section(number)
        if s is None:
            continue
        # The part list sits in the preamble, or in the first paragraph of 一 when there is no preamble.
        text = s.text if number == 0 else s.text.split("\n", 1)[0]
        m = _PARTS.search(text)
        if not m:
            continue
        written = m.group(1) or m.group(2)
        said = cn_to_int(written.replace("两", "二"))
        if said is None:
            return []
        listed = _listed_parts(text, m.start())
        if listed is not None and listed != said:
            message = (
                f"前言称本报告由{written}部分组成，但所列的是 {listed} 个部分（正文有 {found} 个标准部分）。"
                f"请逐一列明30号格式的六个部分，并与正文一致。"
            )
        # "六部分" over five sections is the missing section's flag (S-SECTION-MISSING), not this one.
        elif said == found or (said == len(std.SECTIONS) and found < said):
            return []
        else:
            message = (
                f"前言称本报告由{written}部分组成，但正文有 {found} 个标准部分。"
                f"请按30号格式写明“六部分”，并与正文一致。"
            )
        return [make_flag("S-PARTS-COUNT", message, section=number, span=(m.start(), m.end()), evidence=m.group(0))]
    return []


def _listed_parts(text: str, count_at: int) -> int | None:
    """How many parts the sentence before the count lists ("由A、B、C、D、E等六部分组成" → 5), or None."""
    sentence_start = max(text.rfind(p, 0, count_at) for p in "。！？\n") + 1
    starts = list(_LIST_START.finditer(text, sentence_start, count_at))
    if not starts:
        return None
    body = text[starts[-1].end() : count_at].rstrip("等 ")
    items = [i.strip() for i in _LIST_SEPARATOR.split(body) if i.strip()]
    merged: list[str] = []
    for item in items:
        # "行政复议、行政诉讼情况" is one part written with 、 inside it
        if merged and merged[-1].endswith("复议") and item.startswith(("行政诉讼", "诉讼")):
            merged[-1] += item
        else:
            merged.append(item)
    if len(merged) < MIN_LISTED or any(len(i) > 30 for i in merged):
        return None
    return len(merged)


def _old_format(report: Report) -> list[Flag]:
    markers = report.old_format_markers
    year = report.meta.year
    if not markers or year is None or year < 2021:
        return []
    section = 3 if all("其他处理" in m for m in markers) else 2
    listed = "、".join(f"“{m}”" for m in markers)
    return [
        make_flag(
            "S-OLD-FORMAT",
            f"{year}年度报告仍使用2019年试行格式的表格（出现{listed}）。2021年度起应使用"
            f"国办公开办函〔2021〕30号规定的表格。",
            section=section,
            evidence="、".join(markers),
        )
    ]


def _title(report: Report) -> list[Flag]:
    title = (report.meta.title or "").strip()
    preamble = report.section(0)
    span: tuple[int, int] | None = None
    if title and preamble is not None:
        at = preamble.text.find(title)
        if at >= 0:
            span = (at, at + len(title))
    if not title:
        return [
            make_flag(
                "S-TITLE",
                f"未读到报告标题。标题应写明单位名称和年度，如“{std.standard_title('××镇', 2024)}”。",
                section=0,
            )
        ]
    missing: list[str] = []
    if not _YEAR.search(title):
        missing.append("年份")
    if not _has_unit(report, title):
        missing.append("单位名称")
    if not missing:
        return []
    unit = unit_core(report.meta.unit) if report.meta.unit else "××"
    year = report.meta.year or "××××"
    return [
        make_flag(
            "S-TITLE",
            f"标题“{title}”缺少{'和'.join(missing)}，建议写作“{std.standard_title(unit, year)}”。",
            section=0,
            span=span,
            evidence=title,
        )
    ]


_TITLE_TAIL = re.compile(rf"^(?:(?:19|20)\d{{2}}\s*年?度?)?\s*{std.TITLE_SUBJECT}")


def _has_unit(report: Report, title: str) -> bool:
    compact = re.sub(r"\s+", "", title)
    if report.meta.unit:
        core = unit_core(report.meta.unit)
        if core in compact or unit_stem(core) in compact:
            return True
    # Without a known unit (or with a differently worded one), a title that starts straight with the
    # year or 政府信息公开 names nobody; anything else before it is taken as the unit.
    return not _TITLE_TAIL.match(compact)
