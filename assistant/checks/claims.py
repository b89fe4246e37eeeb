"""N-MISMATCH: a figure the narrative states that contradicts the table cell(s) it speaks of.

Reading the text is :mod:`assistant.checks.claim_extract` (with the catalogue in
:mod:`assistant.checks.claim_patterns`); this module judges each claim against the figures and words
the flag. A claim is flagged only when *every* reading of it is known (all its cells hold numbers) and
none of them agrees; a blank, a word or a missing table keeps it silent, because a false flag on a clean
report is as bad as a missed one.
"""

from __future__ import annotations

from assistant import standard as std
from assistant.checks import claim_patterns as cp
from assistant.checks.claim_extract import Claim, extract
from assistant.checks.codes import make_flag
from assistant.model import Figures, Flag, Report
from assistant.numfmt import plain_number, raw_decimals

_EPS = 1e-9
_APPROX_SHARE = 0.10  # 约/左右: within ±10 %
_FEE_DECIMALS = 2  # the 万元 column's usual precision
REPEATED = "（同一句在本部分共出现{n}次，此处为第一次）"


def run(report: Report) -> list[Flag]:
    """N-MISMATCH for each figure the narrative states that no reading squares with the tables; a sentence
    repeated word for word in a part is one flag, at its first place, saying how often it occurs."""
    flags: list[Flag] = []
    done: set[tuple[int, str]] = set()
    for section in report.sections:
        # A part printed again word for word (a pasted-together file) gives the same flags as the first time.
        if not section.text or (section.number, section.text) in done:
            continue
        done.add((section.number, section.text))
        repeats: dict[tuple[object, ...], list[Claim]] = {}
        for claim in extract(section.number, section.text, report.meta.year):
            repeats.setdefault(_wherever(claim), []).append(claim)
        for same in repeats.values():
            flag = judge(report.figures, same[0])
            if flag is not None and len(same) > 1:
                flag = flag.model_copy(update={"message": flag.message + REPEATED.format(n=len(same))})
            if flag is not None:
                flags.append(flag)
    return flags


def _wherever(claim: Claim) -> tuple[object, ...]:
    """The claim without its place: equal for the same sentence saying the same thing anywhere in a part."""
    return tuple(v for k, v in vars(claim).items() if k not in ("start", "end"))


# ---------------------------------------------------------------------------------------------------
# Judging
# ---------------------------------------------------------------------------------------------------
def _sum(figures: Figures, cells: cp.Alternative) -> float | None:
    total = 0.0
    for cell in cells:
        value = figures.value(*cell)
        if value is None:
            return None
        total += value
    return total


def _decimals(figures: Figures, cell: cp.CellRef) -> int:
    return raw_decimals(figures.cell(*cell).raw)


def _holds(claim: Claim, stated: float, actual: float, tolerance: float) -> bool:
    if claim.relation == "ge":
        return actual >= stated - tolerance
    if claim.relation == "le":
        return actual <= stated + tolerance
    if claim.relation == "approx":
        return abs(actual - stated) <= max(_APPROX_SHARE * stated, tolerance, 0.5 * 10**-claim.decimals)
    return abs(actual - stated) <= tolerance


def _agrees(figures: Figures, claim: Claim, index: int) -> bool | None:
    """Whether reading ``index`` agrees with the table; None when a cell holds no number."""
    cells = claim.alternatives[index]
    actual = _sum(figures, cells)
    if actual is None:
        return None
    if claim.equals:
        other = _sum(figures, claim.equals[index])
        return None if other is None else abs(actual - other) <= _EPS
    if claim.kind == "rate":
        if actual <= 0 or claim.count is None:
            return None
        share = 100 * claim.count / actual
        unit = 10.0**-claim.decimals
        # Rounded or truncated to the stated decimals: [X − ½unit, X + unit).
        return claim.value - unit / 2 - _EPS <= share < claim.value + unit + _EPS
    if claim.kind == "amount":
        # Compare at the coarser of the two precisions: "4.043万元" agrees with a cell of 4.04. A stated
        # zero is exact ("收费为0" against 0.05), and a zero cell rounds no more than the column's 0.00
        # ("收费3000元" against 0 is 0.3万元, not a rounding).
        cell_decimals = _decimals(figures, cells[0])
        precision = min(claim.decimals, cell_decimals)
        if claim.value == 0:
            precision = cell_decimals
        elif actual == 0:
            precision = max(precision, _FEE_DECIMALS)
        return _holds(claim, claim.value, actual, 0.5 * 10**-precision + _EPS)
    return _holds(claim, claim.value, actual, _EPS)


def judge(figures: Figures, claim: Claim) -> Flag | None:
    """N-MISMATCH when every reading of ``claim`` is known and none agrees with ``figures``, else None."""
    verdicts = [_agrees(figures, claim, i) for i in range(len(claim.alternatives))]
    if not verdicts or any(v is None or v for v in verdicts):
        return None
    return make_flag(
        "N-MISMATCH",
        _message(figures, claim),
        section=claim.section,
        span=(claim.start, claim.end),
        cell=claim.alternatives[0][0],
        evidence=claim.text,
    )


# ---------------------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------------------
def _num(value: float, decimals: int = 0) -> str:
    if decimals > 0:
        return f"{value:.{decimals}f}"
    return plain_number(value)


def _row_label(table: str, row: str) -> str:
    r = std.TABLES_BY_KEY[table].row(row)
    return r.label.split("（区分处理")[0] if table == "table3" else r.label


def _columns_label(table: str, row: str, cols: list[str]) -> str:
    r = std.TABLES_BY_KEY[table].row(row)
    if set(cols) == set(std.LEGAL_PERSON_COLUMNS):
        return "法人或其他组织（五类之和）"
    labels = {c.key: c.label for c in r.columns}
    return "、".join(labels[c] for c in cols) + ("之和" if len(cols) > 1 else "")


def describe(cells: cp.Alternative) -> str:
    """A reading in words: 表三“一、本年新收政府信息公开申请数量”总计."""
    table = cells[0][0]
    name = std.TABLES_BY_KEY[table].name
    rows: list[str] = []
    cols: list[str] = []
    for _, row, col in cells:
        if row not in rows:
            rows.append(row)
        if col not in cols:
            cols.append(col)
    if any(c[0] != table for c in cells) or len(cells) != len(rows) * len(cols):
        return "＋".join(describe((c,)) for c in cells)
    if table == "table3":
        for header, members in std.RESULT_GROUPS.items():
            if tuple(rows) == members:
                return f"{name}“{header}”各项（{_columns_label(table, rows[0], cols)}）之和"
    if table == "table4" and tuple(rows) == std.SUIT_ROWS:
        row_text = "行政诉讼（未经复议直接起诉＋复议后起诉）"
    else:
        row_text = "”＋“".join(_row_label(table, r) for r in rows)
    return f"{name}“{row_text}”{_columns_label(table, rows[0], cols)}"


def _stated(claim: Claim) -> str:
    if claim.kind == "amount":
        return f"{claim.value:.{claim.decimals}f}".rstrip("0").rstrip(".") + "万元"
    if claim.kind == "rate":
        return f"{_num(claim.value, claim.decimals)}%"
    return _num(claim.value)


_BOUNDS = {"ge": "（即不少于{}）", "le": "（即不超过{}）", "approx": "（即约{}，允许相差10%）"}


def _message(figures: Figures, claim: Claim) -> str:
    where = _where(claim)
    main = claim.alternatives[0]
    actual = _sum(figures, main)
    assert actual is not None
    table_sec = std.section_name(std.TABLES_BY_KEY[main[0][0]].section)
    if claim.equals:
        other = _sum(figures, claim.equals[0])
        return (
            f"{where}，但“{table_sec}”表格中{describe(claim.equals[0])}为{_num(other or 0)}，"
            f"{describe(main)}为{_num(actual)}，两者不等，请核对。"
        )
    if claim.kind == "rate":
        return _rate_message(figures, claim, where)
    if claim.kind == "amount":
        return _amount_message(figures, claim, where, actual, table_sec)
    if claim.name == "申请渠道之和":
        return (
            f"{where}，各渠道合计{_num(claim.value)}件，但“{table_sec}”表格中{describe(main)}只有{_num(actual)}件，"
            "请核对各渠道数字或表格。"
        )
    text = f"“{table_sec}”表格中{describe(main)}为{_num(actual)}，但{where}"
    others = [f"{describe(alt)}为{_num(_sum(figures, alt) or 0)}" for alt in claim.alternatives[1:]]
    if others:
        text += f"；按其他口径（{'；'.join(others)}）也不相符"
    return text + "，请核对后修改正文或表格。"


def _where(claim: Claim) -> str:
    """Where the text says it, with the figure the check read when the wording does not show it plainly."""
    where = f"正文“{std.section_name(claim.section)}”称“{claim.text}”"
    bound = _BOUNDS.get(claim.relation)
    if claim.kind in ("count", "amount") and bound:
        where += bound.format(_stated(claim) if claim.kind == "amount" else _num(claim.value))
    elif claim.kind == "count" and claim.unit and _num(claim.value) not in claim.text:
        where += f"（即{_num(claim.value)}）"  # a Chinese numeral: show the figure the check read
    elif claim.kind == "count" and not claim.unit and not claim.equals:
        where += "（即为0）"  # a negation: "未收到…申请"
    elif claim.kind == "amount" and claim.unit == "元":
        where += f"（即{_stated(claim)}）"
    return where


def _rate_message(figures: Figures, claim: Claim, where: str) -> str:
    """A stated percentage that fits no plausible base: the shares each base would give."""
    assert claim.count is not None
    by_base: dict[float, list[str]] = {}
    for alt in claim.alternatives:
        base = _sum(figures, alt)
        if base:
            by_base.setdefault(base, []).append(describe(alt))
    shares = [
        f"以{'或'.join(names)}{_num(base)}为基数应为{100 * claim.count / base:.2f}%" for base, names in by_base.items()
    ]
    return f"{where}，但{_num(claim.count)}件{'；'.join(shares)}，请核对比例。"


def _amount_message(figures: Figures, claim: Claim, where: str, actual: float, table_sec: str) -> str:
    """A fee amount that differs from the table, with a hint when the table seems filled in 元."""
    main = claim.alternatives[0]
    shown = _num(actual, _decimals(figures, main[0]))
    text = f"“{table_sec}”表格中{describe(main)}为{shown}万元，但{where}"
    if claim.unit == "元" and abs(actual - claim.value * 10000) < 0.5:
        text += "；表中数值疑似按“元”填写，该栏单位为万元"
    return text + "，请核对金额与单位。"
