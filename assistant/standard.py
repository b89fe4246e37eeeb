"""The 2021 annual-report format (国办公开办函〔2021〕30号) as data, defined once.

Readers use the labels and match keys to recognise rows, the checker uses the identities, writers and
the app lay tables out from the same rows and columns. Chinese labels live here and nowhere else.

Table naming follows the section that holds the table: 表二 (主动公开), 表三 (依申请公开), 表四 (复议诉讼).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

CellValueType = Literal["count", "amount"]


@dataclass(frozen=True)
class Column:
    """A column of the standard's tables: key, printed label, spanning group, and whether it counts or holds 万元."""

    key: str
    label: str
    group: str | None = None  # a spanning header above this column, e.g. 法人或其他组织
    value_type: CellValueType = "count"
    match: tuple[str, ...] = ()  # normalised fragments that identify the header in real reports


@dataclass(frozen=True)
class Row:
    """A row of a standard table: key, exact label, its columns, and what recognises it in real reports."""

    key: str
    label: str  # the standard's exact row label, numbering included
    columns: tuple[Column, ...]
    # Normalised fragments (no numbering, no spaces) that identify the row label in real reports.
    match: tuple[str, ...]
    group: str | None = None  # the spanning header this row sits under, e.g. （三）不予公开
    block: str | None = None  # 表二 only: 第二十条第（一）项 …
    exact: bool = False  # the label is so short (其他, 总计) that only an exact match counts


@dataclass(frozen=True)
class Table:
    """One of the standard's tables (表二, 表三, 表四): its rows and the section that holds it."""

    key: str  # table2 / table3 / table4
    name: str  # 表二 …
    section: int  # the section (1–6) that holds it
    title: str
    rows: tuple[Row, ...]

    def row(self, key: str) -> Row:
        """The row with this key; KeyError when the table has none (a typo in code, not in a report)."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(f"{self.key} has no row {key!r}")

    @property
    def columns(self) -> tuple[Column, ...]:
        """Every distinct column, in order of first appearance."""
        seen: dict[str, Column] = {}
        for row in self.rows:
            for col in row.columns:
                seen.setdefault(col.key, col)
        return tuple(seen.values())


# ---------------------------------------------------------------------------------------------------
# 表二 主动公开政府信息情况
# ---------------------------------------------------------------------------------------------------
_ISSUED = Column("issued", "本年制发件数", match=("本年制发", "制发件数", "制发数量"))
_REPEALED = Column("repealed", "本年废止件数", match=("本年废止", "废止件数", "废止数量"))
_IN_FORCE = Column("in_force", "现行有效件数", match=("现行有效",))
_DECISIONS = Column("decisions", "本年处理决定数量", match=("处理决定",))
_AMOUNT = Column("amount", "本年收费金额（单位：万元）", value_type="amount", match=("收费金额",))

BLOCK_RULES = "第二十条第（一）项"
BLOCK_LICENSING = "第二十条第（五）项"
BLOCK_PENALTY = "第二十条第（六）项"
BLOCK_FEES = "第二十条第（八）项"

TABLE2 = Table(
    key="table2",
    name="表二",
    section=2,
    title="主动公开政府信息情况",
    rows=(
        Row("rules", "规章", (_ISSUED, _REPEALED, _IN_FORCE), match=("规章",), block=BLOCK_RULES, exact=True),
        Row(
            "normative_docs",
            "行政规范性文件",
            (_ISSUED, _REPEALED, _IN_FORCE),
            match=("行政规范性文件", "规范性文件"),
            block=BLOCK_RULES,
        ),
        Row("licensing", "行政许可", (_DECISIONS,), match=("行政许可",), block=BLOCK_LICENSING),
        Row("penalty", "行政处罚", (_DECISIONS,), match=("行政处罚",), block=BLOCK_PENALTY),
        Row("enforcement", "行政强制", (_DECISIONS,), match=("行政强制",), block=BLOCK_PENALTY),
        Row(
            "fees",
            "行政事业性收费",
            (_AMOUNT,),
            match=("行政事业性收费", "行政事业型收费", "事业性收费"),
            block=BLOCK_FEES,
        ),
    ),
)

# ---------------------------------------------------------------------------------------------------
# 表三 收到和处理政府信息公开申请情况
# ---------------------------------------------------------------------------------------------------
LEGAL_PERSONS = "法人或其他组织"
APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人", match=("自然人",)),
    Column("commercial", "商业企业", group=LEGAL_PERSONS, match=("商业企业",)),
    Column("research", "科研机构", group=LEGAL_PERSONS, match=("科研机构",)),
    Column("public_interest", "社会公益组织", group=LEGAL_PERSONS, match=("社会公益组织", "公益组织")),
    Column("legal_service", "法律服务机构", group=LEGAL_PERSONS, match=("法律服务机构",)),
    Column("other_org", "其他", group=LEGAL_PERSONS, match=("其他",)),
    Column("total", "总计", match=("总计",)),
)
APPLICANT_SUM_COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS if c.key != "total")
LEGAL_PERSON_COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS if c.group == LEGAL_PERSONS)

RESULTS_HEADER = "三、本年度办理结果"
GROUP_WITHHELD = "（三）不予公开"
GROUP_UNAVAILABLE = "（四）无法提供"
GROUP_NOT_PROCESSED = "（五）不予处理"
GROUP_OTHER = "（六）其他处理"
TABLE3_CAPTION = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _r3(key: str, label: str, match: tuple[str, ...], group: str | None = None, exact: bool = False) -> Row:
    return Row(key, label, APPLICANT_COLUMNS, match=match, group=group, exact=exact)


TABLE3 = Table(
    key="table3",
    name="表三",
    section=3,
    title="收到和处理政府信息公开申请情况",
    rows=(
        _r3("received", "一、本年新收政府信息公开申请数量", ("本年新收",)),
        _r3("carried_in", "二、上年结转政府信息公开申请数量", ("上年结转",)),
        _r3("disclosed", "（一）予以公开", ("予以公开",), group=RESULTS_HEADER),
        _r3(
            "partly_disclosed",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ("部分公开",),
            group=RESULTS_HEADER,
        ),
        _r3("withheld_state_secret", "1.属于国家秘密", ("国家秘密",), group=GROUP_WITHHELD),
        _r3("withheld_law", "2.其他法律行政法规禁止公开", ("法律行政法规禁止", "法规禁止公开"), group=GROUP_WITHHELD),
        _r3("withheld_security", "3.危及“三安全一稳定”", ("三安全一稳定", "危及"), group=GROUP_WITHHELD),
        _r3("withheld_third_party", "4.保护第三方合法权益", ("第三方合法权益",), group=GROUP_WITHHELD),
        _r3("withheld_internal", "5.属于三类内部事务信息", ("三类内部事务", "内部事务"), group=GROUP_WITHHELD),
        _r3("withheld_process", "6.属于四类过程性信息", ("四类过程性", "过程性信息"), group=GROUP_WITHHELD),
        _r3("withheld_enforcement", "7.属于行政执法案卷", ("行政执法案卷", "执法案卷"), group=GROUP_WITHHELD),
        _r3("withheld_inquiry", "8.属于行政查询事项", ("行政查询事项", "查询事项"), group=GROUP_WITHHELD),
        _r3("unavailable_not_held", "1.本机关不掌握相关政府信息", ("不掌握",), group=GROUP_UNAVAILABLE),
        _r3(
            "unavailable_needs_creation",
            "2.没有现成信息需要另行制作",
            ("另行制作", "没有现成"),
            group=GROUP_UNAVAILABLE,
        ),
        _r3("unavailable_unclear", "3.补正后申请内容仍不明确", ("补正后", "仍不明确"), group=GROUP_UNAVAILABLE),
        _r3("rejected_petition", "1.信访举报投诉类申请", ("信访举报投诉",), group=GROUP_NOT_PROCESSED),
        _r3("rejected_repeat", "2.重复申请", ("重复申请",), group=GROUP_NOT_PROCESSED),
        _r3("rejected_publication", "3.要求提供公开出版物", ("公开出版物",), group=GROUP_NOT_PROCESSED),
        _r3("rejected_mass", "4.无正当理由大量反复申请", ("大量反复",), group=GROUP_NOT_PROCESSED),
        _r3(
            "rejected_confirm",
            "5.要求行政机关确认或重新出具已获取信息",
            ("确认或重新出具", "重新出具"),
            group=GROUP_NOT_PROCESSED,
        ),
        _r3(
            "other_no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ("逾期不补正",),
            group=GROUP_OTHER,
        ),
        _r3(
            "other_unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ("收费通知", "缴纳费用"),
            group=GROUP_OTHER,
        ),
        _r3("other_other", "3.其他", ("其他",), group=GROUP_OTHER, exact=True),
        _r3("handled_total", "（七）总计", ("总计",), group=RESULTS_HEADER, exact=True),
        _r3("carried_out", "四、结转下年度继续办理", ("结转下年度",)),
    ),
)

# The result rows whose sum is （七）总计 (identity I-2): every row between 二 and （七）.
RESULT_ROWS: tuple[str, ...] = tuple(
    r.key for r in TABLE3.rows if r.key not in ("received", "carried_in", "handled_total", "carried_out")
)
# Result groups with sub-rows, by their header; （一）and（二）have none.
RESULT_GROUPS: dict[str, tuple[str, ...]] = {
    g: tuple(r.key for r in TABLE3.rows if r.group == g)
    for g in (GROUP_WITHHELD, GROUP_UNAVAILABLE, GROUP_NOT_PROCESSED, GROUP_OTHER)
}

# ---------------------------------------------------------------------------------------------------
# 表四 政府信息公开行政复议、行政诉讼情况 (one data row of 15 cells; modelled as 3 rows × 5)
# ---------------------------------------------------------------------------------------------------
APPEAL_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持", match=("结果维持", "维持")),
    Column("corrected", "结果纠正", match=("结果纠正", "纠正")),
    Column("other", "其他结果", match=("其他结果",)),
    Column("pending", "尚未审结", match=("尚未审结", "审结")),
    Column("total", "总计", match=("总计",)),
)
APPEAL_SUM_COLUMNS = ("upheld", "corrected", "other", "pending")
LITIGATION = "行政诉讼"

TABLE4 = Table(
    key="table4",
    name="表四",
    section=4,
    title="政府信息公开行政复议、行政诉讼情况",
    rows=(
        Row("review", "行政复议", APPEAL_COLUMNS, match=("行政复议",)),
        Row("suit_direct", "未经复议直接起诉", APPEAL_COLUMNS, match=("未经复议",), group=LITIGATION),
        Row("suit_after_review", "复议后起诉", APPEAL_COLUMNS, match=("复议后起诉",), group=LITIGATION),
    ),
)
SUIT_ROWS = ("suit_direct", "suit_after_review")

TABLES: tuple[Table, ...] = (TABLE2, TABLE3, TABLE4)
TABLES_BY_KEY: dict[str, Table] = {t.key: t for t in TABLES}


def cell_path(table: str, row: str | None = None, column: str | None = None) -> str:
    """The human path of a table, row or cell, e.g. 表三/一、本年新收政府信息公开申请数量/总计.

    Raises KeyError for a key the standard does not have.
    """
    t = TABLES_BY_KEY[table]
    parts = [t.name]
    if row is not None:
        r = t.row(row)
        parts.append(f"{r.group}·{r.label}" if t.key == "table4" and r.group else r.label)
        if column is not None:
            col = next((c for c in r.columns if c.key == column), None)
            if col is None:
                raise KeyError(f"{table}/{row} has no column {column!r}")
            parts.append(col.label)
    return "/".join(parts)


# ---------------------------------------------------------------------------------------------------
# Identities (勾稽关系) — each says: sum(left) == sum(right), cell by cell.
# ---------------------------------------------------------------------------------------------------
CellRef = tuple[str, str, str]  # (table, row, column)


@dataclass(frozen=True)
class Identity:
    """A 勾稽关系: the cells of ``left`` must sum to the cells of ``right``, else ``code`` is flagged."""

    code: str  # the flag raised when it fails
    name: str  # Chinese, for messages
    left: tuple[CellRef, ...]  # usually the one total cell
    right: tuple[CellRef, ...]


def _identities() -> tuple[Identity, ...]:
    out: list[Identity] = []
    # I-3 T-ROW-TOTAL: every 表三 row, 总计 = Σ six applicant columns.
    for r in TABLE3.rows:
        out.append(
            Identity(
                "T-ROW-TOTAL",
                f"“{r.label}”的总计应等于六类申请人之和",
                (("table3", r.key, "total"),),
                tuple(("table3", r.key, c) for c in APPLICANT_SUM_COLUMNS),
            )
        )
    # I-2 T-RESULT-TOTAL and I-1 T-BALANCE: every 表三 column.
    for c in APPLICANT_COLUMNS:
        out.append(
            Identity(
                "T-RESULT-TOTAL",
                f"“（七）总计”（{c.label}）应等于各办理结果之和",
                (("table3", "handled_total", c.key),),
                tuple(("table3", r, c.key) for r in RESULT_ROWS),
            )
        )
    for c in APPLICANT_COLUMNS:
        out.append(
            Identity(
                "T-BALANCE",
                f"（{c.label}）本年新收＋上年结转应等于办理结果总计＋结转下年度",
                (("table3", "received", c.key), ("table3", "carried_in", c.key)),
                (("table3", "handled_total", c.key), ("table3", "carried_out", c.key)),
            )
        )
    # I-4 T-APPEAL-TOTAL: each 表四 group.
    for r in TABLE4.rows:
        out.append(
            Identity(
                "T-APPEAL-TOTAL",
                f"“{r.label}”的总计应等于维持、纠正、其他、尚未审结之和",
                (("table4", r.key, "total"),),
                tuple(("table4", r.key, c) for c in APPEAL_SUM_COLUMNS),
            )
        )
    return tuple(out)


IDENTITIES: tuple[Identity, ...] = _identities()

# ---------------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------------
CN_NUMERALS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class SectionSpec:
    """One of the six standard sections: number, key, standard title, and what recognises its heading."""

    number: int  # 1–6
    key: str
    title: str  # the standard wording, without numbering
    # A heading is recognised when its text (numbering removed, spaces removed) contains all fragments
    # of any one alternative.
    patterns: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    @property
    def heading(self) -> str:
        """The heading as the standard prints it, numbering included: 一、总体情况."""
        return f"{CN_NUMERALS[self.number]}、{self.title}"


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        1,
        "overview",
        "总体情况",
        (("总体情况",), ("总体概述",), ("工作基本情况",), ("总体推进情况",), ("概述",)),
    ),
    SectionSpec(2, "proactive", "主动公开政府信息情况", (("主动公开政府信息",), ("主动公开情况",))),
    SectionSpec(
        3,
        "requests",
        "收到和处理政府信息公开申请情况",
        (("收到和处理",), ("处理政府信息公开申请",), ("依申请公开政府信息情况",)),
    ),
    SectionSpec(
        4,
        "appeals",
        "政府信息公开行政复议、行政诉讼情况",
        (("行政复议", "行政诉讼"), ("复议", "诉讼情况")),
    ),
    SectionSpec(
        5,
        "problems",
        "存在的主要问题及改进情况",
        (("存在的", "问题"), ("主要问题",), ("问题及改进",), ("问题和改进",), ("不足",)),
    ),
    SectionSpec(
        6,
        "other",
        "其他需要报告的事项",
        (("其他需要报告",), ("其它需要报告",), ("其他需报告",), ("其他报告事项",), ("其他事项",)),
    ),
)
SECTIONS_BY_NUMBER: dict[int, SectionSpec] = {s.number: s for s in SECTIONS}
PREAMBLE = 0  # section number of the title and preamble before 一


def section_name(number: int | None) -> str:
    """How messages name a section: its standard heading; 标题及前言 for the preamble, 全文 for None."""
    if number is None:
        return "全文"
    if number == PREAMBLE:
        return "标题及前言"
    return SECTIONS_BY_NUMBER[number].heading


# ---------------------------------------------------------------------------------------------------
# The title
# ---------------------------------------------------------------------------------------------------
# What a title (and a report naming itself) says the report is about, after the unit and the year.
TITLE_SUBJECT = r"(?:政府信息公开|政务公开|信息公开)"
# Words that make a short opening paragraph the title.
TITLE_WORDS: tuple[str, ...] = ("年度报告", "年报", "年度报")


def standard_title(unit: str, year: int | str) -> str:
    """The title the standard asks for: 青石岭镇2024年政府信息公开工作年度报告."""
    return f"{unit}{year}年政府信息公开工作年度报告"


# The statistics period as preambles state it: "2024年1月1日(起)至(2024年)12月31日(止)"; groups 1 and 2 are
# the two years as written (the second may be absent). Readers take the report year from it, the checker
# compares it with the report year.
STATISTICS_PERIOD = re.compile(
    r"([0-9０-９]{4})\s{0,2}年\s{0,2}1\s{0,2}月\s{0,2}1\s{0,2}日\s{0,2}起?\s{0,2}(?:至|到|—{1,2}|－|-|~|～)"
    r"\s{0,2}(?:([0-9０-９]{4})\s{0,2}年\s{0,2})?12\s{0,2}月\s{0,2}31\s{0,2}日\s{0,2}止?"
)


# The five sub-parts of 一、总体情况: heading words, and topic words that show the part is covered even
# without its own subheading.
@dataclass(frozen=True)
class SubpartSpec:
    """One of the five sub-parts of 一: its heading words and the topic words that show it is covered."""

    key: str
    title: str
    topics: tuple[str, ...]


OVERVIEW_SUBPARTS: tuple[SubpartSpec, ...] = (
    SubpartSpec("proactive", "主动公开", ("主动公开",)),
    SubpartSpec("on_request", "依申请公开", ("依申请公开", "公开申请")),
    SubpartSpec(
        "management",
        "政府信息管理",
        ("信息管理", "公开属性", "保密审查", "审核", "审批制度", "规范性文件", "动态调整", "源头管理"),
    ),
    SubpartSpec("platforms", "政府信息公开平台建设", ("平台", "网站", "专栏", "公开栏", "新媒体", "公众号")),
    SubpartSpec("oversight", "监督保障", ("监督保障", "考核", "培训", "社会评议", "责任追究", "监督")),
)

# ---------------------------------------------------------------------------------------------------
# The obsolete 2019 trial format (国办公开办函〔2019〕60号) — markers that betray its tables.
# ---------------------------------------------------------------------------------------------------
OLD_FORMAT_MARKERS: tuple[str, ...] = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
    "采购项目数量",
    "采购总金额",
)

# How unit names end: a township or street (白石山镇, 松禾街道), or a department of a government (县教育局,
# 省教育厅, 市红十字会), which is no government of its own.
LOCAL_UNIT_ENDING = r"(?:镇|乡|街道|苏木)"
DEPARTMENT_ENDING = re.compile(r"(?:局|委员会|委|办公室|办|中心|院|所|站|队|处|厅|馆|会)$")

# Unit levels that make no 规章 (立法法: only 设区的市 governments and above).
NO_RULES_LEVELS = ("township", "street", "county")
UNIT_LEVEL_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("街道办事处", "street"),
    ("街道", "street"),
    ("镇人民政府", "township"),
    ("乡人民政府", "township"),
    ("镇", "township"),
    ("乡", "township"),
    ("苏木", "township"),
    ("县", "county"),
    ("区", "county"),
    ("旗", "county"),
)

# ---------------------------------------------------------------------------------------------------
# The figures workbook (writers/workbook.py writes it, readers/xlsx.py reads it back)
# ---------------------------------------------------------------------------------------------------
WORKBOOK_SHEETS: dict[str, str] = {"table2": "表二 主动公开", "table3": "表三 依申请公开", "table4": "表四 复议诉讼"}
WORKBOOK_NOTES_SHEET = "说明"  # the template's instructions: text about the tables, not a table
