"""The catalogue of narrative phrasings that state table figures (shared/spec/real-world.md §3), as data.

Two kinds of row:

* :class:`CountRule` — a figure with a counting word ("予以公开3件") whose *label* (the words just
  before it in its clause, or just after it when nothing stands before: "3件予以公开") matches
  ``label``. Each rule lists its acceptable interpretations; a claim is flagged only when none matches.
* :class:`StatementRule` — a figure-less statement ("未收到政府信息公开申请", "无下年度结转") that
  pins cells to 0 (or one cell to another: "均为自然人").

A cell is written ``(table, row, column)`` as in :mod:`assistant.standard`; in 表三 rules the column is
``"*"``: the applicant column(s) the label names (自然人, 法人或其他组织 …), 总计 when it names none.
表四 (复议/诉讼) is data too (:data:`APPEAL_KINDS`, :data:`APPEAL_COLUMNS`), combined in code because
its row often comes from an earlier clause ("被申请行政复议2件，其中维持1件").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant import standard as std

CellRef = tuple[str, str, str]
Alternative = tuple[CellRef, ...]  # cells summed
# "decisions" (表二's rows) is never set by TOPIC_WORDS: a clause naming a 表二 row gets it (OWN_TOPIC).
Topic = Literal["apply", "appeal", "proactive", "other", "decisions"]
ANY = "*"  # the applicant column(s) named in the label, else 总计


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def t3(*rows: str) -> Alternative:
    """表三 rows summed, in the applicant column(s) the label names."""
    return tuple(("table3", r, ANY) for r in rows)


def _group(header: str) -> Alternative:
    """Every 表三 row of one result group (（三）不予公开 …), summed."""
    return t3(*std.RESULT_GROUPS[header])


# ---------------------------------------------------------------------------------------------------
# Topics: what a clause speaks about. A figure is read as an application figure only under "apply"
# (or, for the unmistakable outcome words, an unknown topic). Later in the tuple wins when a clause
# mixes topics, except that an explicit 政府信息公开申请/依申请公开 keeps "apply" against "other".
# ---------------------------------------------------------------------------------------------------
TOPIC_WORDS: tuple[tuple[Topic, tuple[str, ...]], ...] = (
    ("proactive", ("主动公开", "发布信息")),
    ("apply", ("申请",)),
    # 12345, petitions, deputies' proposals, complaints: their counts share 件/条 and 办结 with ours.
    (
        "other",
        (
            "12345",
            "热线",
            "信访",
            "人大",
            "政协",
            "建议",
            "提案",
            "投诉",
            "举报",
            "工单",
            "来信",
            "来电",
            "信箱",
            "留言",
            "咨询",
            "来访",
            "接待",
            "诉求",
            "网民",
            "舆情",
            "政务服务",
            "便民",
            "市民",
            "征集",
        ),
    ),
    ("appeal", ("复议", "诉讼", "起诉", "败诉", "应诉")),
)
TOPIC_PRIORITY: tuple[Topic, ...] = tuple(t for t, _ in TOPIC_WORDS)
TOPIC_OF_WORD: dict[str, Topic] = {w: t for t, words in TOPIC_WORDS for w in words}
# All topic words in one plain alternation (no groups, so the engine can skip ahead by first character).
TOPIC_ANY = _c("|".join(re.escape(w) for w in sorted(TOPIC_OF_WORD, key=len, reverse=True)))
STRONG_APPLY = _c(r"政府信息公开申请|依申请公开|公开申请")
# Cheap gates: a clause without any of these words cannot hold a figure-less statement or a 表二 label.
STATEMENT_QUICK = _c(
    r"申请|结转|转结|自然人|公民|个人|收费|规章|规范性文件|行政许可|行政处罚|行政强制|复议|诉讼|纠错|纠正|败诉|维持"
)
TABLE2_QUICK = _c(r"收费|规章|规范性文件|行政许可|行政处罚|行政强制")
# A clause without topic words still names its own topic when it names a 表二 row or an outcome only
# applications have: "作出行政处罚决定12件" or "部分公开3件" after a 复议 clause is not about 复议.
# 撤回/撤销/驳回/终止 are left out: 复议 and 诉讼 end that way too.
OWN_TOPIC: tuple[tuple[re.Pattern[str], Topic], ...] = (
    (TABLE2_QUICK, "decisions"),
    (
        _c(
            r"予以公开|部分公开|不予(?:以)?公开|不掌握|无法提供|不能提供|不予处理|其[他它]处理|国家秘密|过程性"
            r"|内部事务|行政查询|执法案卷|三安全一稳定|第三方合法权益|重复申请|结转|转结|转(?:入|至|到)?下一?年"
        ),
        "apply",
    ),
)
# Row names of 表三 that contain "other" words ("1.信访举报投诉类申请") are application words.
TOPIC_MASK = _c(r"信访举报投诉类?")
# A line that starts like a heading resets the running topic: "（二）依申请公开情况".
HEADING_START = _c(r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")

# ---------------------------------------------------------------------------------------------------
# Words that make a figure something other than this year's table figure, for every rule:
# comparisons, cumulative or multi-year counts, parts of a year, area-wide totals.
# ---------------------------------------------------------------------------------------------------
GLOBAL_VETO = _c(
    r"较|同比|环比|比上年|比去年|增加|减少|增长|下降|上升|持平|翻番|累计|(?<!今年)(?<!本年)(?<!年初)以来|历年|近[一二三两四五十\d]+年"
    r"|去年|前年|\d+月份|\d+月(?!\d+日)|[一二三四五六七八九十]+月份|季度|上半年|下半年"
    r"|全市|全县|全区|全省|全州|全盟|全旗|各(?:部门|单位|乡镇|街道|区县|县区|县市区|级|地)"
)
YEAR = _c(r"(\d{4})年")
DATE = _c(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
# Counting words real reports use for applications and cases (real-world.md §1.4); 个/项/篇 count
# windows, templates and items, not applications.
APPLICATION_UNITS = frozenset({"件", "条", "例", "次", "份", "起", "件次", "条次", ""})
# What may stand before a figure whose label comes after it: "其中3件予以公开", "另有1件结转下年度".
CONNECTIVE_ONLY = _c(
    r"^(?:其中|共计?|共有|有|另有|另|剩余|余下|还有|此外|以上|的|中|本年度?|全年|今年|年内|[，,、\s])*$"
)
# Subsets of the year's applications (channels, subjects): "其中通过网络平台收到3件".
SUBSET_VETO = _c(
    r"其中|通过|经由|网络|网上|在线|信函|当面|现场|传真|邮件|邮寄|电话|平台|渠道|方式|涉及|关于|有关"
    r"|类|上年|上一年|延期|延长|逾期|超期|率"
)

# ---------------------------------------------------------------------------------------------------
# Applicant columns (表三) named in a label (§3 #16–#18; 法人或其他组织 = the five columns).
# ---------------------------------------------------------------------------------------------------
COLUMN_WORDS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_c(r"法人或其他组织|法人和其他组织|法人及其他组织|法人或者其他组织|法人"), std.LEGAL_PERSON_COLUMNS),
    (_c(r"自然人|公民"), ("natural_person",)),
    (_c(r"商业企业|企业"), ("commercial",)),
    (_c(r"科研机构"), ("research",)),
    (_c(r"社会公益组织|公益组织"), ("public_interest",)),
    (_c(r"法律服务机构|律师事务所|律师"), ("legal_service",)),
)


@dataclass(frozen=True)
class CountRule:
    """A counted figure whose label matches ``label``, and the cells it may stand for."""

    ref: str  # the real-world.md §3 row(s) it implements
    name: str
    label: re.Pattern[str]
    alternatives: tuple[Alternative, ...]  # acceptable interpretations, the first is the main one
    # "specific": unmistakable outcome words, read unless the topic is another one; "apply": generic
    # verbs (收到/办结/处理), read only when the clause is known to speak of applications.
    scope: Literal["specific", "apply"] = "specific"
    veto: re.Pattern[str] | None = None
    outcome: str | None = None  # 表三 result group, for "予以公开和部分公开共4件" sums
    # "(含上年结转K件)" after the count makes it new + carried (§3 #35, format.md N-1).
    with_carried: tuple[Alternative, ...] = ()
    # The label must also hold this (a reason that may end in disclosure after consultation).
    requires: re.Pattern[str] | None = None
    # "按时办结N件" may leave late ones out: the cell is at least the count.
    subset_if: re.Pattern[str] | None = None


_RECEIVED = t3("received")
_RECEIVED_CARRIED = t3("received", "carried_in")
_HANDLED = t3("handled_total")


def _reason_rules() -> tuple[CountRule, ...]:
    """One rule per named sub-reason of （三）（四）（五）（六）, from the standard's own match words."""
    extra: dict[str, tuple[str, ...]] = {
        "withheld_process": ("过程性",),
        "withheld_enforcement": ("执法案卷",),
        "unavailable_unclear": ("补正后",),
        "rejected_petition": ("信访", "投诉举报", "举报投诉"),
        "rejected_repeat": ("重复",),
        "other_no_correction": ("逾期未补正", "未补正", "不补正"),
        "other_unpaid_fee": ("未缴纳", "未缴费", "逾期未缴"),
    }
    skip = {"unavailable_not_held", "other_other"}  # own rules below, with their own alternatives
    # 第三方 consultation or a law may end in disclosure: only "…不予公开" reads as the withheld row.
    withheld_only = _c(r"不予(?:以)?公开|不公开")
    requires = {"withheld_third_party": withheld_only, "withheld_law": withheld_only}
    rules: list[CountRule] = []
    for header, rows in std.RESULT_GROUPS.items():
        for key in rows:
            if key in skip:
                continue
            row = std.TABLE3.row(key)
            words = row.match + extra.get(key, ())
            rules.append(
                CountRule(
                    "§3 #23–#25, #30",
                    f"{header}{row.label}",
                    _c("|".join(re.escape(w) for w in words)),
                    (t3(key),),
                    outcome=header,
                    requires=requires.get(key),
                )
            )
    return tuple(rules)


# Ordered: the first rule whose label matches wins (more specific before more general).
COUNT_RULES: tuple[CountRule, ...] = (
    # §3 #33 结转下年度继续办理 — before #20, "结转" alone is not enough.
    CountRule(
        "§3 #33",
        "结转下年度",
        _c(r"结转(?:至|到)?下一?(?:个)?年|结转(?:至|到)\d{4}年|转(?:入|至|到)?下一?年度|顺延至下一?年|结转下年"),
        (t3("carried_out"),),
    ),
    CountRule(
        "§3 #33",
        "正在办理（结转下年度）",
        _c(r"(?:正在|仍在|尚在)(?:办理|答复|处理)|(?:答复|办理)(?:期限|限期|时限)内|尚未(?:办结|答复)|未办结"),
        (t3("carried_out"),),
        scope="apply",
    ),
    # §3 #20 上年结转
    CountRule(
        "§3 #20",
        "上年结转",
        _c(r"上一?(?:个)?年度?(?:结转|转结|遗留|未办结)|结转(?:自)?上一?年|以前年度结转|往年结转"),
        (t3("carried_in"),),
    ),
    # §3 #27 不掌握 — also when prose files it under 不予公开 ("因本机关不掌握…而不予公开").
    CountRule(
        "§3 #27",
        "本机关不掌握",
        _c(r"不掌握"),
        (t3("unavailable_not_held"), _group(std.GROUP_UNAVAILABLE)),
        outcome=std.GROUP_UNAVAILABLE,
    ),
    # §3 #31 withdrawals: （六）3 其他, or the （六） subtotal.
    CountRule(
        "§3 #31",
        "撤回申请",
        _c(r"撤回|撤销(?:了)?(?:其|该)?(?:公开)?申请|自行撤|主动撤|撤申"),
        (t3("other_other"), _group(std.GROUP_OTHER)),
        outcome=std.GROUP_OTHER,
    ),
    # §3 #23–#25, #29–#30 named sub-reasons.
    *_reason_rules(),
    # §3 #22, #21, #26, #28, #29, #31 result groups.
    CountRule("§3 #22", "部分公开", _c(r"部分公开"), (t3("partly_disclosed"),), outcome="partly"),
    CountRule(
        "§3 #21",
        "予以公开",
        _c(r"予以公开|同意公开|全部公开|准予公开|予以全部公开|全部予以公开"),
        (t3("disclosed"),),
        outcome="disclosed",
    ),
    CountRule(
        "§3 #26",
        "不予公开",
        _c(r"不予公开|不予以公开|不公开"),
        (_group(std.GROUP_WITHHELD),),
        outcome=std.GROUP_WITHHELD,
    ),
    CountRule(
        "§3 #28",
        "无法提供",
        _c(r"无法提供|不能提供"),
        (_group(std.GROUP_UNAVAILABLE),),
        outcome=std.GROUP_UNAVAILABLE,
    ),
    CountRule(
        "§3 #29",
        "不予处理",
        _c(r"不予处理|不予受理"),
        (_group(std.GROUP_NOT_PROCESSED),),
        outcome=std.GROUP_NOT_PROCESSED,
    ),
    CountRule("§3 #31", "其他处理", _c(r"其他处理|其它处理"), (_group(std.GROUP_OTHER),), outcome=std.GROUP_OTHER),
    # §3 #32 办结 = （七）总计; "按时办结N件" only bounds it.
    CountRule(
        "§3 #32",
        "办结",
        _c(r"办结|已答复|作出答复|予以答复|答复|办理完毕|处理完毕|已办理|已处理"),
        (_HANDLED,),
        scope="apply",
        veto=_c(r"延期|延长|逾期|超期|率"),
        with_carried=(_HANDLED,),
        subset_if=_c(r"按时|按期|及时|法定期限|规定期限|期限内|时限内"),
    ),
    # §3 #12–#13 收到 = 一、本年新收.
    CountRule(
        "§3 #12–#13",
        "收到申请",
        _c(r"收到|接到|接收|收悉|新收|递交|提交|提出"),
        (_RECEIVED,),
        scope="apply",
        veto=SUBSET_VETO,
        with_carried=(_RECEIVED_CARRIED,),
    ),
    CountRule(
        "§3 #12",
        "受理申请",
        _c(r"受理(?!点|窗口|平台|渠道|场所)"),
        (_RECEIVED, _RECEIVED_CARRIED),
        scope="apply",
        veto=SUBSET_VETO,
        with_carried=(_RECEIVED_CARRIED,),
    ),
    # §3 #12 the bare noun right before the figure: "依申请公开请求N件", "依申请公开N次".
    CountRule(
        "§3 #12",
        "依申请公开（数量）",
        _c(
            r"(?:依申请公开|公开申请|信息公开申请)(?:请求|事项|申请件?|件|信息)?(?:的)?(?:数量|总数|总量)?"
            r"(?:共计?|合计|总计|为|达|是|有)*\s*$"
        ),
        (_RECEIVED, _RECEIVED_CARRIED, _HANDLED),
        veto=SUBSET_VETO,
        with_carried=(_RECEIVED_CARRIED, _HANDLED),
    ),
    # §3 #14 办理/处理 — ambiguous: new, handled, or new + carried.
    CountRule(
        "§3 #14",
        "办理申请",
        _c(r"办理|处理"),
        (_RECEIVED, _HANDLED, _RECEIVED_CARRIED),
        scope="apply",
        veto=SUBSET_VETO,
        with_carried=(_RECEIVED_CARRIED, _HANDLED),
    ),
)

OUTCOME_RULES: tuple[CountRule, ...] = tuple(r for r in COUNT_RULES if r.outcome)

# The rule for a label that names only an applicant column ("其中自然人申请3件", "2件属企业申请").
APPLICANT_RULE = CountRule(
    "§3 #17–#18",
    "申请人类别",
    _c(r"."),
    (_RECEIVED, _RECEIVED_CARRIED, _HANDLED),
    veto=_c(r"率"),
)

# A "(含上年结转K件)" right after a count.
WITH_CARRIED = _c(r"^\s*[（(]\s*(?:其中)?(?:含|包括|包含)(?:了)?(?:办理)?上一?(?:个)?年度?(?:结转|转结|遗留)")
MAYBE_CARRIED = _c(r"^\s*[（(][^）)]{0,4}?上一?(?:个)?年度?(?:结转|转结|遗留)")
# Channels of application (§3 #19): they have no cell of their own.
CHANNEL = _c(r"网络|网上|在线|平台|网站|信函|邮寄|当面|现场|传真|电子邮件|邮件|电话|政务服务网|小程序")
# Plain list connectors: "予以公开和部分公开共4件" is a sum.
LIST_CONNECTOR = _c(r"[、和及与或]|以及")
EACH = _c(r"各")

# ---------------------------------------------------------------------------------------------------
# 表二 (§3 #1–#11)
# ---------------------------------------------------------------------------------------------------
DOC_ROWS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_c(r"规章(?!制度)"), "rules"),
    (_c(r"规范性文件"), "normative_docs"),
)
# Verb → column(s). 发布/公开 may mean this year's or all valid documents (§3 #1, #3).
DOC_COLUMNS: tuple[tuple[re.Pattern[str], tuple[tuple[str, ...], ...]], ...] = (
    (_c(r"废止"), (("repealed",),)),
    (_c(r"现行有效|现行|有效"), (("in_force",),)),
    (_c(r"制定|制发|印发|出台|新制定|新出台|本年制发|发文"), (("issued",),)),
    (_c(r"发布"), (("issued",), ("in_force",))),  # "公开规范性文件N件" alone is a publication count
)
DOC_VETO = _c(r"清理|审核|审查|备案|修订|修改|评估|解读|征求|梳理|公平竞争|合法性|宣传|培训|失效|起草|报送|计划|拟")
DECISION_ROWS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_c(r"行政许可"), "licensing"),
    (_c(r"行政处罚"), "penalty"),
    (_c(r"行政强制"), "enforcement"),
)
# Publication counts ("公示行政处罚信息N条", §3 #8/#8b) and item lists are not decision counts.
DECISION_VETO = _c(
    r"公示|公开|发布|上网|上传|推送|信息|双公示|目录|清单|更新|归集|立案|检查|罚款|金额|听证|告知|文书|案卷评查"
)
DECISION_ITEMS = _c(r"事项|项目")
DECISION_VERB = _c(r"办理|办件|受理|审批|办结|决定|作出|做出|实施|查处|处理|共处理")
FEES = _c(r"行政事业性收费|事业性收费|行政事业型收费|收费金额")
FEES_VETO = _c(r"信息处理费|处理费|减免|检索|复印|邮寄|项目|标准")

# ---------------------------------------------------------------------------------------------------
# 表四 (§3 #36–#45)
# ---------------------------------------------------------------------------------------------------
SUITS = std.SUIT_ROWS
APPEAL_KINDS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_c(r"复议后(?:再)?(?:提起)?(?:行政)?(?:起诉|诉讼)"), ("suit_after_review",)),
    (_c(r"未经复议|直接(?:提起)?(?:行政)?(?:起诉|诉讼)"), ("suit_direct",)),
    (_c(r"诉讼|起诉|败诉|应诉"), SUITS),
    (_c(r"复议"), ("review",)),
)
# Column words, first match wins; 审结 = everything decided (维持+纠正+其他).
APPEAL_COLUMNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_c(r"撤回|撤销(?:了)?(?:复议|诉讼)?申请|撤诉|驳回起诉|终止|其他结果|其他方式结案"), ("other",)),
    (_c(r"尚未审结|未审结|未结案|在审|审理中|正在(?:审理|办理)|未作出"), ("pending",)),
    (_c(r"维持"), ("upheld",)),
    (_c(r"纠正|纠错|撤销|确认违法|责令履行|败诉"), ("corrected",)),
    (_c(r"审结|结案|办结"), ("upheld", "corrected", "other")),
)
# A 复议/诉讼 figure is this report's only when the sentence ties it to disclosure (or sits in 四):
# a justice bureau also reports the reviews it decided as the reviewing body.
APPEAL_RELEVANT = _c(r"信息公开|政府信息|依申请|公开申请|答复|被申请|被提起|被诉|被起诉|引发|引起|涉及")
APPEAL_NEGATION = _c(
    r"未发生|没有发生|未出现|没有出现|未收到|没有收到|未有|未涉及|没有涉及|未产生|没有产生|未引发|没有引发"
    r"|未被|没有被|不存在|无(?!法|正当|论|须|需)|没有|均为0|均为零|为零|历年无"
)
APPEAL_ALL_UPHELD = _c(r"(?:均|全部|都)(?:为|予以|被|已)?(?:结果)?维持|维持结果|^\s*结果(?:均)?(?:为)?维持")
# 44: "没有因本单位自身原因引起的行政复议被纠错和行政败诉案件" — only 纠正 is 0, not the totals.
APPEAL_HEDGE = _c(r"纠错|纠正|败诉|被撤销|确认违法|责令履行")


# ---------------------------------------------------------------------------------------------------
# Statements without a figure (§3 #4, #6, #10, #15, #16, #20, #34)
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StatementRule:
    """A statement without a figure (``pattern``) that pins its cells to 0, or to the sum of ``equals``."""

    ref: str
    name: str
    quick: str  # a substring the clause must hold before the regex runs
    pattern: re.Pattern[str]
    alternatives: tuple[Alternative, ...]
    # Compare each alternative with the sum of the matching cells here instead of with 0.
    equals: tuple[Alternative, ...] = ()
    scope: Literal["specific", "apply"] = "specific"
    veto: re.Pattern[str] | None = None


# Not a statement about this year's applications: other business, or a rule ("对于未收到…的").
_NOT_AN_APPLICATION = _c(
    r"复议|诉讼|起诉|投诉|举报|信访|费|建议|提案|许可|热线|12345|补正|撤回|材料|意见|咨询|工单"
    r"|^对|对于|如果|若|凡是|一旦|否则"
)
STATEMENT_RULES: tuple[StatementRule, ...] = (
    StatementRule(
        "§3 #15",
        "未收到申请",
        "",
        _c(
            r"(?:未|没有|无|未曾|尚未|并未)(?:有)?(?:新)?(?:收到|接到|接收到?|受理|收悉|涉及|发生|产生)"
            r"(?:过|到)?[^，,；;。]{0,30}?(?:申请(?!人)|依申请公开)"
            r"|无(?:任何)?(?:政府信息公开|依申请公开|信息公开)(?:的)?(?:申请|事项)"
            r"|申请[^，,；;。]{0,10}零报告"
        ),
        (_RECEIVED,),
        veto=_NOT_AN_APPLICATION,
    ),
    StatementRule(
        "§3 #34",
        "无结转下年度",
        "转",
        _c(
            r"(?:无|没有|未有|不存在)[^，,；;。]{0,6}?(?:结转|转结)(?:至|到)?下一?(?:个)?年"
            r"|(?:无|没有)下一?(?:个)?年度?(?:结转|转结)"
        ),
        (t3("carried_out"),),
    ),
    StatementRule(
        "§3 #20",
        "无上年结转",
        "转",
        _c(
            r"(?:无|没有|未有|不存在)上一?(?:个)?年度?(?:结转|转结)"
            r"|上一?(?:个)?年度?(?:未|无|没有)(?:结转|转结)"
        ),
        (t3("carried_in"),),
    ),
    StatementRule(
        "§3 #16",
        "均为自然人",
        "",
        _c(
            r"(?:均为|均系|均属|均是|均来自|全部为|全部来自|全部是|都是|都来自|皆为)(?:于)?(?:自然人|公民|个人)"
            r"|申请(?:主体|人)(?:均|全部|都)?(?:为|是)(?:自然人|公民个人)"
        ),
        (t3("received"), t3("received", "carried_in")),
        equals=(
            (("table3", "received", "natural_person"),),
            (("table3", "received", "natural_person"), ("table3", "carried_in", "natural_person")),
        ),
        scope="apply",
    ),
    StatementRule(
        "§3 #10",
        "无行政事业性收费",
        "收费",
        _c(r"(?:无|没有|未(?:收取|发生|产生|有)|不存在)[^，,；;。]{0,6}?行政事业性收费"),
        ((("table2", "fees", "amount"),),),
    ),
)
# §3 #4 and #6: "未制定规章、行政规范性文件", "全年未收到行政许可申请" — cells come from the words.
DOCS_ZERO = _c(
    r"(?:未|没有|无)(?:新)?(?P<verbs>(?:制定|制发|出台|印发|发布|废止)(?:[、和及或]?(?:制定|制发|出台|印发|发布|废止))*)"
    r"(?:过|任何)?[^，,；;。]{0,10}?(?:规章|规范性文件)(?:[、和及与或][^，,；;。]{0,6}?(?:规章|规范性文件))*"
)
DECISIONS_ZERO = _c(
    r"(?:未|没有|无)(?:收到|受理|办理|实施|作出|做出|发生|产生|开展|涉及)(?:过|任何)?[^，,；;。]{0,10}?"
    r"(?:行政许可|行政处罚|行政强制)(?:[、和及与或](?:行政许可|行政处罚|行政强制))*"
)

# 胜诉率/答复率/办结率 are derived figures the tables do not hold (§3 #42): never a rate claim.
RATE_GAP = _c(r"^[\s（(，,]*(?:(?:约|大约)?(?:占|占比|比例为?|比重为?)[^，。；;%\d率]{0,12}?(?:的|为|约)?)?\s*$")
