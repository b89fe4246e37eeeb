"""The clerk's working state around the core: last year's report summarised, the carry-over row filled,
the draft request built, sections edited, the demo unit seeded."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from assistant import standard as std
from assistant.appkit.figuresave import SAVE_ROUNDS
from assistant.appkit.plain import md
from assistant.checks import check
from assistant.drafting.lastyear import digest_last_year
from assistant.drafting.request import DraftRequest, build_request
from assistant.errors import AssistantError
from assistant.model import Cell, Figures, Flag, Meta, Report
from assistant.store import DraftKey, Store, Unit, UploadKey

DEMO_UNIT = "青石岭镇"
DEMO_YEAR = 2024
DEMO_FILES = {
    "last": "qingshiling-2023.txt",  # last year's published report
    "figures": "qingshiling-2024-clean.txt",  # this year's tables come from the clean 2024 report
    "review": "qingshiling-2024.txt",  # the 2024 report with five defects, for the review page
}
DEMO_REVIEW_NAME = "示例：青石岭镇2024年度报告（含5处问题）.txt"
LEVEL_CN = {
    "township": "乡镇",
    "street": "街道",
    "county": "县级政府",
    "department": "县级部门",
    "city": "设区的市",
    "province": "省级",
}


@dataclass
class LastYearSummary:
    """What was read from last year's report, in the terms a clerk checks it by."""

    unit: str | None
    year: int | None
    tables: list[str]  # 表二 / 表三 / 表四 found
    numbers: int  # cells read as numbers
    problems: list[str] = field(default_factory=list)  # what its 五 named
    carried_out: dict[str, int | float] = field(default_factory=dict)  # 表三 四、结转下年度 by column label
    notices: list[str] = field(default_factory=list)

    def headline(self, filename: str) -> str:
        """One markdown line: the file, and what was recognised in it."""
        unit = md(self.unit or "（未识别）")
        return (
            f"**已读取：** {md(filename)}　·　单位：{unit}　·　年度：{self.year or '（未识别）'}"
            f"　·　表格：{'、'.join(self.tables) or '未读到'}　·　读到 {self.numbers} 个数字"
        )

    def mismatches(self, unit: str, year: int) -> list[str]:
        """Warnings when the file is not last year's report of this unit."""
        out: list[str] = []
        if self.year and self.year != year - 1:
            out.append(f"这份报告是 {self.year} 年度的，本次起草的是 {year} 年度，请确认上传的是上一年的报告。")
        if self.unit and self.unit != unit:
            out.append(f"这份报告的单位是“{md(self.unit)}”，与当前单位“{md(unit)}”不同。")
        return out

    def carried_line(self) -> str | None:
        """Last year's 结转下年度继续办理 by column, or None when it had none."""
        if not self.carried_out:
            return None
        return "上年“结转下年度继续办理”：" + "，".join(f"{k} {v:g}" for k, v in self.carried_out.items())


def summarize_last_year(report: Report) -> LastYearSummary:
    """What the draft page shows about an uploaded last-year report."""
    figures = report.figures
    tables = [t.name for t in std.TABLES if figures.table(t.key) is not None]
    numbers = sum(1 for *_, cell in figures.iter_cells() if cell.is_number)
    carried = {
        c.label: v for c in std.APPLICANT_COLUMNS if (v := figures.value("table3", "carried_out", c.key)) is not None
    }
    return LastYearSummary(
        unit=report.meta.unit,
        year=report.meta.year,
        tables=tables,
        numbers=numbers,
        problems=digest_last_year(report).problems,
        carried_out=carried,
        notices=list(report.notices),
    )


def prefill_carry_over(figures: Figures, last: Report) -> tuple[Figures, list[str]]:
    """This year's 二、上年结转 from last year's 四、结转下年度, column by column.

    Only cells that hold no number yet are filled: a figure the clerk typed is never overwritten (if it
    differs, Y-CARRY-OVER says so). Returns the new figures and the labels of the columns filled.
    """
    out = figures.model_copy(deep=True)
    filled: list[str] = []
    for c in std.APPLICANT_COLUMNS:
        value = last.figures.value("table3", "carried_out", c.key)
        if value is None or out.cell("table3", "carried_in", c.key).is_number:
            continue
        out.set("table3", "carried_in", c.key, Cell.parse(value))
        filled.append(c.label)
    return out, filled


def keep_last_year(store: Store, unit_id: int, year: int, filename: str, last: Report) -> list[str]:
    """Save an uploaded last-year report and prefill this year's carry-over from it; the columns filled."""
    store.save_last_year(unit_id, year, filename, last)
    for _ in range(SAVE_ROUNDS):  # saved over the figures it was made from: a colleague's save in between is kept
        current, version = store.figures_at(unit_id, year)
        prefilled, filled = prefill_carry_over(current or Figures.empty(), last)
        if not filled or store.save_figures_over(unit_id, year, prefilled, version) is not None:
            return filled
    raise RuntimeError(f"figures {unit_id}/{year}: could not prefill the carry-over in {SAVE_ROUNDS} rounds")


def keep_figures(store: Store, unit_id: int, year: int, figures: Figures, last: Report | None) -> Figures:
    """Save figures read from an uploaded table (carry-over prefilled from last year); the figures saved."""
    if last is not None:
        figures, _ = prefill_carry_over(figures, last)
    store.save_figures(unit_id, year, figures)
    return figures


def figures_report(unit: str, year: int, level: str | None, figures: Figures) -> Report:
    """A report with only tables: what the table checks run on while the clerk types figures."""
    return Report(meta=Meta(unit=unit, year=year, level=level, format="draft"), figures=figures)


def table_flags(unit: str, year: int, level: str | None, figures: Figures, last: Report | None) -> list[Flag]:
    """The flags about the figures alone, shown under the grids while the clerk types them."""
    from assistant.appkit.editor import is_table_flag

    return [f for f in check(figures_report(unit, year, level, figures), last) if is_table_flag(f)]


def draft_request(unit: Unit, year: int, figures: Figures, last: Report | None, notes: str) -> DraftRequest:
    """The app's draft request: the unit's own names and level first, last year's report for the rest."""
    return build_request(
        figures, year=year, unit=unit.name, last=last, notes=notes, full_name=unit.full_name, level=unit.level
    )


def check_line(flags: list[Flag]) -> str:
    """The draft's check result in one markdown line."""
    errors = sum(1 for f in flags if f.severity == "error")
    return f"**检查结果：** {errors} 个错误，{len(flags) - errors} 个警告"


def version_labels(versions: list[tuple[int, str, str]]) -> dict[int, str]:
    """(version, kind, when) rows as the version picker shows them."""
    return {v: f"第 {v} 版 · {kind} · {when}" for v, kind, when in versions}


def box_height(text: str) -> int:
    """Pixels for a section's text box: tall enough for its text, never a wall."""
    return max(90, min(420, 28 * (text.count("\n") + len(text) // 48 + 1)))


def with_section_text(report: Report, number: int, text: str) -> Report:
    """A copy of the report with one section's text replaced (a clerk's edit)."""
    out = report.model_copy(deep=True)
    section = out.section(number)
    if section is not None:
        section.text = text
    return out


def draft_key(unit_id: int, year: int) -> DraftKey:
    """Review decisions on a draft are kept per unit-year, so they outlive re-drafting."""
    return DraftKey(unit_id, year)


def upload_key(data: bytes) -> UploadKey:
    """The same file uploaded twice is the same report, with the same decisions."""
    return UploadKey(hashlib.sha256(data).hexdigest()[:20])


def seed_demo(store: Store, fixtures: Path) -> bool:
    """Create the demo unit once per database (first start), so a newcomer can press 起草 and 检查 at once.

    Returns True when this call seeded it. Missing fixture files (an installed package) skip it quietly.
    """
    paths = {k: fixtures / v for k, v in DEMO_FILES.items()}
    if not all(p.is_file() for p in paths.values()):
        return False
    if not store.claim_once("demo_seeded"):
        return False
    from assistant.readers import read_report

    try:
        last = read_report(paths["last"])
        this = read_report(paths["figures"])
        review = read_report(paths["review"])
    except AssistantError:
        return False
    unit = store.add_unit(DEMO_UNIT, full_name=digest_last_year(last).full_name, level="township")
    store.save_last_year(unit.id, DEMO_YEAR, paths["last"].name, last)
    store.save_figures(unit.id, DEMO_YEAR, this.figures)
    data = paths["review"].read_bytes()
    review.meta.source = DEMO_REVIEW_NAME
    store.save_upload(upload_key(data), DEMO_REVIEW_NAME, review, last)
    return True
