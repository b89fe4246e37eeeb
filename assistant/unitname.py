"""Who the report is by: the unit's name read from the page, its short forms, and its level.

One place for unit identity, shared by the readers (meta.unit), the checks (C-OTHER-UNIT, S-TITLE, T-LEVEL)
and the drafter (last year's office → the unit's full name). Pure: strings in, strings out.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant import standard as std

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Administrative prefixes a unit name may carry before its own name: 蛟河市白石山镇 → 白石山镇.
_SUPERIOR = re.compile(r"^.+?(?:省|自治区|自治州|地区|盟|市|县|旗|区)(?=.)")
# 街道办事处 loses only 办事处: the street's own name is 松禾街道, as its title writes it.
_GOVERNMENT_SUFFIXES = ("人民政府", "办事处", "政府")
_BASE_SUFFIX = re.compile(rf"{std.LOCAL_UNIT_ENDING}$")
# A superior government written in full before the unit: 杭州市滨江区人民政府长河街道办事处.
_INNER_GOVERNMENT = re.compile(rf"^(.+?)人民政府(?=.+?{std.LOCAL_UNIT_ENDING}(?:人民政府|办事处|政府)?$)")
# 鲊埠回族乡 is also written 鲊埠乡.
_ETHNIC = re.compile(
    r"(?:回|满|蒙古|苗|彝|土家|瑶|壮|侗|布依|白|哈尼|傣|黎|畲|锡伯|朝鲜|藏|羌|仡佬|水|纳西|达斡尔|鄂伦春|鄂温克)族"
)
# Words that sit in front of a name in a sentence, or a year's 年 glued on, never part of the name.
_LEADING_NOISE = re.compile(
    r"^(?:年度|年|请与|请联系|联系单位|联系|由|现将|现就|现公布|现发布|特向社会公开|特编制|编制|发布机构|信息来源|来源)+"
)
# Page furniture that shares a line with the title on saved web pages and PDF viewers.
_FURNITURE = re.compile(
    r"【[^】]{0,12}】|\[[^\]]{0,12}\]|点击朗读|朗读全文|听全文|朗读|登录|注册|打印本页|打印|关闭窗口|关闭|分享到|"
    r"字号[:：]?\s*[大中小\s]*|无障碍浏览|无障碍|关怀版|当前位置[:：]?|首页|第\s*\d+\s*页|共\s*\d+\s*页|\S+\.pdf"
)
# What a unit's name may end with (a government, a street office, a department).
_UNIT_ENDING = re.compile(rf"(?:{std.LOCAL_UNIT_ENDING}|县|区|旗|市|州|省|盟)$|{std.DEPARTMENT_ENDING.pattern}")
# Words a name never contains: they show a sentence fragment was taken for a name.
_NOT_IN_NAME = re.compile(
    r"负责|联系|编制|报告|关于|根据|按照|通过|社会公开|认真|我们|以下|如下|本年|全年|进一步|工作|相关|"
    r"[我本](?:镇|乡|街道|县|区|市|局|单位|机关)"
)
# 我镇, 本街道, 全县, 该局 speak of a unit without naming it (本溪市, 全椒县 are names, so only these).
_NOT_A_NAME = re.compile(r"^(?:[我该各每此其请]|[本全](?:镇|乡|街道|县|区|市|局|委|单位|机关))")


def clean_unit(name: str) -> str:
    """A unit name as read, without page furniture, sentence lead-ins or a glued-on year: 永和镇."""
    name = _FURNITURE.sub("", name)
    name = "".join(_CJK.findall(name))  # drops digits, spaces and stray marks such as a markdown "#"
    return _LEADING_NOISE.sub("", name)


def plausible_unit(name: str) -> bool:
    """True when ``name`` reads as a unit's name, not a fragment of a sentence."""
    if not 2 <= len(name) <= 40 or _NOT_A_NAME.match(name) or _NOT_IN_NAME.search(name):
        return False
    return bool(_UNIT_ENDING.search(strip_government(name)))


def strip_government(name: str) -> str:
    """松禾街道办事处 → 松禾街道, 青禾镇人民政府 → 青禾镇 (a superior government inside is dropped too)."""
    for suffix in _GOVERNMENT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    m = _INNER_GOVERNMENT.match(name)
    return m.group(1) + name[m.end() :] if m else name


def unit_core(unit: str) -> str:
    """The reporting unit's own name without superior bodies or government suffixes: 白石山镇."""
    name = clean_unit(unit)
    name = name[: -len("人民政府办公室")] if name.endswith("人民政府办公室") and len(name) > 7 else name
    name = strip_government(name)
    # Strip 省/市/县 prefixes only when something named remains after them.
    while True:
        m = _SUPERIOR.match(name)
        rest = name[m.end() :] if m else ""
        if not m or len(_BASE_SUFFIX.sub("", rest)) < 2:
            break
        name = rest
    return name


def unit_stem(core: str) -> str:
    """白石山镇 → 白石山: the part that names the place, for matching inside other names."""
    stem = _BASE_SUFFIX.sub("", core)
    return stem if len(stem) >= 2 else core


def unit_stems(unit: str) -> list[str]:
    """Every stem the unit may go by: 鲊埠回族乡 → 鲊埠回族, 鲊埠."""
    stem = unit_stem(unit_core(unit))
    short = _ETHNIC.sub("", stem)
    return [s for s in dict.fromkeys((stem, short)) if len(s) >= 2]


# Contact office → the unit's full name: 云岫县松禾街道办事处党政办公室 → 云岫县松禾街道办事处.
_OFFICE_UNIT = re.compile(
    rf"^(.+(?:人民政府|街道办事处|办事处|委员会|局|委|中心|政府|{std.LOCAL_UNIT_ENDING}(?=党政|综合|办公室)))"
)


def unit_of_office(office: str) -> str:
    """The unit an office belongs to, written in full as the text writes it."""
    m = _OFFICE_UNIT.match(office)
    return m.group(1) if m else office


# ---------------------------------------------------------------------------------------------------
# Reading the unit from a page
# ---------------------------------------------------------------------------------------------------
# Greedy: the longest run that still ends like a unit (杭州市滨江区人民政府长河街道办事处, not 杭州市滨江区).
_NAME = r"[\u3400-\u4dbf\u4e00-\u9fff]{2,40}"
_OWN_GOVERNMENT = rf"(?:{std.LOCAL_UNIT_ENDING}(?:人民政府|街道办事处|办事处|政府)?|人民政府|局|委员会)"
# Where the text names the unit that wrote it: the contact line, "由…编制", metadata, the report naming itself.
_CONTACTS = (
    re.compile(rf"请与\s*({_NAME}{_OWN_GOVERNMENT})"),
    re.compile(rf"(?:请联系|联系单位)[:：]?\s*({_NAME}{_OWN_GOVERNMENT})"),
    re.compile(rf"由\s*({_NAME}{_OWN_GOVERNMENT})(?:[\u4e00-\u9fff]{{0,12}}?)编制"),
    re.compile(rf"(?:编制|公布|发布|公开)了?《?\s*({_NAME}{_OWN_GOVERNMENT})\s*20\d{{2}}\s*年"),
)
# A signature line: the unit alone on a line, usually followed by the date.
_SIGNATURE = re.compile(rf"(?m)^[ \t\u3000]*({_NAME}(?:人民政府|街道办事处|办事处|局|委员会))[ \t\u3000]*$")
# Page metadata: weaker, as a site may name the office that posted the page.
_METADATA = re.compile(rf"(?m)(?:发布机构|信息来源)[:：]?\s*({_NAME}{_OWN_GOVERNMENT})(?=\s|$|\|)")
# Anywhere: "XX镇人民政府", "XX街道办事处", as a name on its own (after punctuation or a line start).
_NAMED_GOVERNMENT = re.compile(
    rf"(?:^|(?<=[\s，。；：:,;、（(“\"》]))({_NAME}{std.LOCAL_UNIT_ENDING})(?:人民政府|办事处)", re.M
)


_YEAR = re.compile(r"(20\d{2})\s{0,2}年度?")
_TITLE_TAIL = re.compile(rf"(?:关于)?(?:20\d{{2}}\s{{0,2}}年度?)?\s{{0,2}}{std.TITLE_SUBJECT}")


def unit_from_title(title: str) -> str | None:
    """The unit at the head of the title: 青禾镇人民政府2023年… → 青禾镇."""
    m = _TITLE_TAIL.search(title)
    head = title[: m.start()] if m else _YEAR.split(title)[0]
    head = strip_government(clean_unit(_YEAR.sub("", head)))
    return head if head and plausible_unit(head) else None


def unit_from_text(text: str) -> str | None:
    """The unit named by the contact line, "由…编制", metadata, a signature or a "XX镇人民政府"."""
    for pattern in (*_CONTACTS, _SIGNATURE, _METADATA, _NAMED_GOVERNMENT):
        for m in pattern.finditer(text):
            name = strip_government(clean_unit(unit_of_office(m.group(1))))
            if plausible_unit(name):
                return name
    return None


# ---------------------------------------------------------------------------------------------------
# The level the text speaks at
# ---------------------------------------------------------------------------------------------------
# How a report names itself: 我镇, 本街道, 我县. 我区 is left out (an autonomous region says it too).
_SELF_NAME = re.compile(r"(?:我|本)(街道|镇|乡|县|市)(?![区村镇场民级])")
_SELF_LEVELS = {"街道": "street", "镇": "township", "乡": "township", "县": "county", "市": "city"}


def level_from_self_names(text: str) -> str | None:
    """The level when the text names itself one way only (我镇 … 本镇 → township), else None."""
    counts = Counter(_SELF_LEVELS[m.group(1)] for m in _SELF_NAME.finditer(text))
    if len(counts) != 1:
        return None
    level, n = counts.most_common(1)[0]
    return level if n >= 2 else None
