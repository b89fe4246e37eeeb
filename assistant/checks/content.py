"""Content family: the fee statement (C-FEES-MISSING), the five sub-parts of 一 (C-SUBPARTS), last
year's problems (C-LAST-PROBLEMS) and another unit's name left in a copied template (C-OTHER-UNIT).

All four lean towards silence: a false content warning on a clean report costs the clerk more trust
than a missed one.
"""

from __future__ import annotations

import re

from assistant import standard as std
from assistant.checks.codes import make_flag
from assistant.checks.last_problems import last_problems
from assistant.checks.personal import mask_personal
from assistant.checks.textutil import is_local_unit, own_unit_stems, sentence_bounds, snippet
from assistant.model import Flag, Report

# Any statement about fees for handling requests: 信息处理费, 收取…费用, 收费 (but not 行政事业性收费,
# which is the 表二 row, not the 信息处理费 position).
_FEES = re.compile(r"处理费|收取[^。；;\n]{0,15}?费|(?<!事业性)(?<!事业型)收费(?!金额)")

# Extra topic words, beyond standard.OVERVIEW_SUBPARTS, that show a sub-part is covered.
_EXTRA_TOPICS: dict[str, tuple[str, ...]] = {
    "proactive": ("公开信息", "发布信息", "主动发布", "主动公示", "公示信息"),
    "on_request": ("申请公开", "依申请"),
    "management": ("保密", "公开目录", "信息发布审核", "三审三校", "发布审核", "政策文件"),
    "platforms": ("门户", "微信", "公告栏", "政务公开栏", "载体", "渠道"),
    "oversight": ("保障", "督查", "考评", "问责", "领导小组", "督促"),
}

# This year's 五 speaks of last year's problems ("针对上年度报告提出的…问题"), or reports something fixed.
_LAST_REF = r"(?:上年度|上一年度|上年|去年|前一年{year})[^。\n]{{0,40}}?(?:问题|不足|整改|提出|指出)"
_DONE = re.compile(r"整改|已改进|已解决|得到改善|得到解决|已完成|有所改善|明显提升")
# Bigrams too common in 五 to show that a particular problem is being spoken of.
_COMMON_BIGRAMS = frozenset(
    ("工作", "信息", "公开", "政府", "问题", "存在", "部分", "不够", "有待", "进一步", "加强", "提高", "提升", "不足")
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SPACE = re.compile(r"\s+")

# "XX镇人民政府", "XX镇高度重视…": a 镇/乡/街道 name used as the reporting subject. A bare "镇政府" is
# left out: "修订镇政府信息公开审核办法" uses it as a common noun.
_UNIT_SUBJECT = re.compile(
    r"(镇|乡|街道|苏木)"
    r"(?=人民政府|党委|办事处|党工委|高度重视|始终|一直|坚持|认真|积极|严格|紧紧|深入|扎实|切实)"
)
_NOT_A_NAME_START = "我本全该各每此其"
_GENERIC_BEFORE_TOWN = "乡城村集小"
# Words that end up in front of 镇 without naming a place ("报请镇人民政府", "近年镇党委").
_COMMON_WORDS = frozenset(
    (
        "修订",
        "制定",
        "印发",
        "报请",
        "提请",
        "经过",
        "近年",
        "全体",
        "各级",
        "本级",
        "上级",
        "召开",
        "组织",
        "通过",
        "按照",
        "根据",
        "依托",
        "落实",
        "推进",
        "开展",
        "加强",
        "做好",
        "贯彻",
        "参加",
        "报送",
        "上报",
        "提交",
        "指导",
        "协调",
        "配合",
        "督促",
        "要求",
        "审定",
        "审核",
        "研究",
        "同意",
        "批准",
        "授权",
        "以及",
        "包括",
        "其中",
        "今年",
        "全年",
        "当年",
        "往年",
        "历年",
        "每年",
        "乡村",
        "城乡",
        "所属",
        "辖区",
        "属地",
        "其他",
        "相关",
        "周边",
        "邻近",
        "各个",
        "联系",
        "请与",
        "报经",
        "呈报",
        "交由",
        "移交",
        "转交",
        "转送",
    )
)
# A name starts at a line or sentence start, after an opening quote or bracket, after a superior body
# (蛟河市…), or right after 联系/通过; after a comma or a verb we cannot tell where it begins, and stay
# silent.
_NAME_OPENERS = '。！？；：:!?;“"（(【《'
_LEAD_WORDS = ("请联系", "联系", "通过", "请与")
_SUPERIOR_END = "省市县旗州盟区"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def run(report: Report, last: Report | None) -> list[Flag]:
    """The content flags of a report with text; C-LAST-PROBLEMS only when ``last`` (last year's report) is given."""
    if report.meta.format == "json" or not report.sections:
        return []
    flags: list[Flag] = []
    flags.extend(_fees(report))
    flags.extend(_subparts(report))
    if last is not None:
        flags.extend(_last_problems(report, last))
    flags.extend(_other_unit(report))
    flags.extend(_unfilled(report))
    return flags


# Blanks a template leaves for the clerk: "＿＿＿＿" lines, "XX镇" / "XXX" stand-ins.
_BLANK_RUN = re.compile(r"[＿_]{3,}|(?<![A-Za-z0-9])[XＸ]{2,}(?![A-Za-z0-9])")


def _unfilled(report: Report) -> list[Flag]:
    """One flag per section that still holds a template blank (the first one is pointed at)."""
    flags: list[Flag] = []
    for section in report.sections:
        m = _BLANK_RUN.search(section.text)
        if m is None:
            continue
        flags.append(
            make_flag(
                "C-UNFILLED",
                f"{std.section_name(section.number)}中有尚未填写的内容（“{m.group(0)}”，"
                f"如“{snippet(section.text, max(0, m.start() - 8), m.end() + 4, 30)}”），发布前请补全。",
                section=section.number,
                span=m.span(),
                evidence=m.group(0),
            )
        )
    return flags


# ---------------------------------------------------------------------------------------------------
def _fees(report: Report) -> list[Flag]:
    # The notices want it in 六, but a statement anywhere in the report is accepted.
    if any(_FEES.search(s.text) for s in report.sections):
        return []
    six = report.section(6)
    text = six.text if six else ""
    stripped = text.strip()
    span = (text.index(stripped), text.index(stripped) + len(stripped)) if stripped else None
    first_line = stripped.split("\n", 1)[0].strip()
    said = f"只写了“{snippet(first_line, 0, len(first_line), 20)}”，" if stripped else ""
    return [
        make_flag(
            "C-FEES-MISSING",
            f"第六部分{said}未说明本年度是否收取信息处理费。请写明，如“本年度未收取信息处理费”"
            f"或“共收取信息处理费X元”。",
            section=6,
            span=span,
            evidence=mask_personal(first_line)[:60] if stripped else None,
        )
    ]


# ---------------------------------------------------------------------------------------------------
def _subparts(report: Report) -> list[Flag]:
    one = report.section(1)
    if one is None or not one.text.strip():
        return []  # a missing 一 is S-SECTION-MISSING's business
    # words wrapped over lines by a PDF or spaced out ("主动公\n开方面", "监 督 保 障") still count
    text = _SPACE.sub("", one.text)
    missing = [
        part.title
        for part in std.OVERVIEW_SUBPARTS
        if not any(w in text for w in (part.title, *part.topics, *_EXTRA_TOPICS.get(part.key, ())))
    ]
    if not missing:
        return []
    names = "、".join(f"“{m}”" for m in missing)
    return [
        make_flag(
            "C-SUBPARTS",
            f"“{std.SECTIONS_BY_NUMBER[1].heading}”未涉及{names}。30号格式要求总体情况写明"
            f"{'、'.join(p.title for p in std.OVERVIEW_SUBPARTS)}五个方面。",
            section=1,
            evidence="、".join(missing),
        )
    ]


# ---------------------------------------------------------------------------------------------------
def _mentions_any(problems: list[str], text: str) -> bool:
    """True when ``text`` shares a telling bigram with any of the problems (e.g. 栏目, 解读, 及时)."""
    for problem in problems:
        for run in _CJK_RUN.findall(problem):
            for i in range(len(run) - 1):
                gram = run[i : i + 2]
                if gram not in _COMMON_BIGRAMS and gram in text:
                    return True
    return False


def _last_problems(report: Report, last: Report) -> list[Flag]:
    if report.meta.year and last.meta.year and last.meta.year != report.meta.year - 1:
        return []
    # Masked before the problems are cut short: a cut must not leave part of a number to quote.
    problems = last_problems(mask_personal(last.text_of(5)))
    five = report.section(5)
    if not problems or five is None:
        return []
    year = f"|{last.meta.year}年度?" if last.meta.year else ""
    if re.search(_LAST_REF.format(year=year), five.text):
        return []
    if _DONE.search(five.text) and _mentions_any(problems, five.text):
        return []
    last_name = f"{last.meta.year}年" if last.meta.year else "上年"
    listed = "；".join(f"“{snippet(p, 0, len(p), 24)}”" for p in problems[:3])
    return [
        make_flag(
            "C-LAST-PROBLEMS",
            f"{last_name}报告第五部分提出了{listed}等问题，本年第五部分未说明这些问题的整改情况。"
            f"请逐条写明整改措施和效果。",
            section=5,
            evidence=problems[0][:60],
        )
    ]


# ---------------------------------------------------------------------------------------------------
def _other_unit(report: Report) -> list[Flag]:
    if not is_local_unit(report):
        return []  # county and city reports legitimately name their townships
    stems = own_unit_stems(report)
    if not stems:
        return []
    flags: list[Flag] = []
    named: set[str] = set()
    for s in report.sections:
        text = s.text
        for m in _UNIT_SUBJECT.finditer(text):
            name = _name_before(text, m.start(), m.group(1), stems)
            if name is None:
                continue
            full = name + m.group(1)
            if full in named:
                continue
            named.add(full)
            start = m.start() - len(name)
            flags.append(
                make_flag(
                    "C-OTHER-UNIT",
                    f"正文出现“{full}”，而本报告的单位是“{report.meta.unit or stems[0]}”，疑为套用其他单位的"
                    f"文稿：“{snippet(text, *sentence_bounds(text, start))}”。",
                    section=s.number,
                    span=(start, m.end()),
                    evidence=full,
                )
            )
    return flags


def _name_before(text: str, end: int, kind: str, stems: list[str]) -> str | None:
    """The place name ending at ``end`` (just before 镇/乡/街道), when it is another unit's."""
    before = text[max(0, end - 8) : end]
    if any(before.endswith(stem) for stem in stems):
        return None  # our own name, possibly with its superior bodies in front
    if kind == "镇" and before[-1:] in _GENERIC_BEFORE_TOWN:
        return None  # 乡镇, 城镇, 村镇, 集镇, 小镇
    for length in (2, 3, 4):
        start = end - length
        if start < 0:
            return None
        name = text[start:end]
        if not all(_CJK.match(ch) for ch in name):
            return None
        if _starts_name(text, start):
            if name[0] in _NOT_A_NAME_START or name[:2] in _COMMON_WORDS or name[-2:] in _COMMON_WORDS:
                return None
            return name
    return None


def _starts_name(text: str, pos: int) -> bool:
    if pos == 0 or text[pos - 1] in "\n\r" or text[pos - 1] in _NAME_OPENERS:
        return True
    if text[pos - 1] in _SUPERIOR_END:
        return True
    return text[:pos].endswith(_LEAD_WORDS)
