"""assistant.appkit: what the app shows and saves, tested without a browser."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from annotatekit import anchored_text, assert_one_comment_per_flag_at_its_words, comments, in_table_cell

from assistant import standard as std
from assistant.appkit import editor, export, highlight, redraft, review, workspace
from assistant.checks import check
from assistant.model import Cell, CellKind, Figures, Flag, Meta, Report, TableRef, flag_key
from assistant.readers import read_report
from assistant.store import Decision, DraftKey, Store, Unit, UploadKey, parse_report_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _flag(code: str = "N-MISMATCH", severity: str = "error", **kw: object) -> Flag:
    return Flag(code=code, severity=severity, message="消息", **kw)  # type: ignore[arg-type]


# -- editor -------------------------------------------------------------------------------------------
def test_blocks_follow_the_standard() -> None:
    keys = [b.key for b in editor.BLOCKS]
    assert keys == ["table2-0", "table2-1", "table2-2", "table2-3", "table3", "table4"]
    t3 = next(b for b in editor.BLOCKS if b.key == "table3")
    frame = editor.frame(t3, Figures.empty())
    labels = list(frame[editor.LABEL])
    assert labels[0] == std.TABLE3.rows[0].label
    assert labels[4] == "（三）不予公开 · 1.属于国家秘密"
    assert len(frame) == len(std.TABLE3.rows)
    assert list(frame.columns)[1:] == [c.key for c in std.APPLICANT_COLUMNS]
    assert editor.column_label(std.APPLICANT_COLUMNS[5]) == "法人或其他组织 · 其他"
    every = {ref for b in editor.BLOCKS for ref in b.refs()}
    assert len(every) == sum(len(r.columns) for t in std.TABLES for r in t.rows)


def test_empty_is_nan_never_zero() -> None:
    figures = Figures.empty()
    figures.set("table3", "received", "total", Cell.parse(0))
    t3 = next(b for b in editor.BLOCKS if b.key == "table3")
    frame = editor.frame(t3, figures)
    assert frame.loc[0, "total"] == 0
    assert math.isnan(frame.loc[0, "natural_person"])
    assert len(editor.unfilled(t3, figures)) == 25 * 7 - 1


def test_apply_frame_writes_numbers_and_keeps_placeholders() -> None:
    figures = Figures.empty()
    figures.set("table3", "received", "natural_person", Cell.parse("/"))
    figures.set("table3", "received", "commercial", Cell.parse(2))
    t3 = next(b for b in editor.BLOCKS if b.key == "table3")
    frame = editor.frame(t3, figures)
    frame.loc[0, "total"] = 5.0
    frame.loc[0, "commercial"] = math.nan  # cleared by the clerk
    out, changed = editor.apply_frame(t3, frame, figures)
    assert out.value("table3", "received", "total") == 5
    assert isinstance(out.value("table3", "received", "total"), int)
    assert out.cell("table3", "received", "commercial").kind is CellKind.BLANK
    assert out.cell("table3", "received", "natural_person").raw == "/"  # untouched: still named by T-BLANK
    assert set(changed) == {
        std.cell_path("table3", "received", "total"),
        std.cell_path("table3", "received", "commercial"),
    }
    assert editor.odd_cells(t3, out) == [(std.cell_path("table3", "received", "natural_person"), "/")]
    same, none = editor.apply_frame(t3, editor.frame(t3, out), out)
    assert none == [] and same == out


def test_amounts_keep_decimals() -> None:
    fees = next(b for b in editor.BLOCKS if b.amount)
    frame = editor.frame(fees, Figures.empty())
    frame.loc[0, "amount"] = 1.25
    out, _ = editor.apply_frame(fees, frame, Figures.empty())
    assert out.value("table2", "fees", "amount") == 1.25


def test_fill_zero_only_fills_empty() -> None:
    figures = Figures()
    figures.set("table3", "received", "total", Cell.parse(3))
    figures.set("table3", "received", "research", Cell.parse("/"))
    out, n = editor.fill_empty_with_zero(figures)
    assert out.value("table3", "received", "total") == 3
    assert out.cell("table3", "received", "research").raw == "/"
    assert out.value("table4", "review", "total") == 0
    assert n == sum(len(r.columns) for t in std.TABLES for r in t.rows) - 2


def test_block_flags_route_to_their_table(fixtures_dir: Path) -> None:
    clean = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    figures = clean.figures.model_copy(deep=True)
    figures.set("table3", "received", "total", Cell.parse(99))
    flags = workspace.table_flags("青石岭镇", 2024, "township", figures, None)
    codes = {f.code for f in flags}
    assert "T-ROW-TOTAL" in codes and "T-BALANCE" in codes
    t3 = next(b for b in editor.BLOCKS if b.key == "table3")
    t4 = next(b for b in editor.BLOCKS if b.key == "table4")
    assert editor.block_flags(t3, flags) and not editor.block_flags(t4, flags)
    # a message naming a table routes nothing: only the reference does
    named = _flag("T-BLANK", "warning").model_copy(update={"message": "表四（…）整表未填写数字。"})
    assert editor.block_flags(t4, [named]) == []
    table4 = _flag("T-BLANK", "warning", cell_ref=TableRef.of("table4"))
    table2 = _flag("T-BLANK", "warning", cell_ref=TableRef.of("table2"))
    fees_row = _flag("T-BLANK", "warning", cell_ref=TableRef.of("table2", "fees"))
    fees, rules = (next(b for b in editor.BLOCKS if any(r.key == k for r in b.rows)) for k in ("fees", "rules"))
    assert editor.block_flags(t4, [table4, fees_row]) == [table4]
    assert editor.block_flags(t3, [table4, table2]) == []
    assert editor.block_flags(fees, [table4, fees_row]) == [fees_row]
    assert editor.block_flags(rules, [table4, fees_row]) == []
    # a whole 表二 flag shows once, under its first block, not under all four
    assert [b.key for b in editor.BLOCKS if editor.block_flags(b, [table2])] == ["table2-0"]


# -- workspace ----------------------------------------------------------------------------------------
def test_last_year_summary_and_carry_over(fixtures_dir: Path) -> None:
    last = read_report(fixtures_dir / "qingshiling-2023.txt")
    summary = workspace.summarize_last_year(last)
    assert (summary.unit, summary.year) == ("青石岭镇", 2023)
    assert summary.tables == ["表二", "表三", "表四"]
    assert summary.numbers > 100
    assert len(summary.problems) == 3
    assert summary.carried_out["总计"] == 1
    figures = Figures.empty()
    figures.set("table3", "carried_in", "commercial", Cell.parse(4))  # typed by the clerk: kept
    out, filled = workspace.prefill_carry_over(figures, last)
    assert out.value("table3", "carried_in", "total") == 1
    assert out.value("table3", "carried_in", "natural_person") == 1
    assert out.value("table3", "carried_in", "commercial") == 4
    assert "商业企业" not in filled and "总计" in filled
    flags = workspace.table_flags("青石岭镇", 2024, "township", out, last)
    assert any(f.code == "Y-CARRY-OVER" for f in flags)


def test_seed_demo_once(tmp_path: Path, fixtures_dir: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    assert workspace.seed_demo(store, fixtures_dir) is True
    assert workspace.seed_demo(store, fixtures_dir) is False
    (unit,) = store.units()
    assert unit.name == workspace.DEMO_UNIT
    figures = store.figures(unit.id, workspace.DEMO_YEAR)
    assert figures is not None and figures.value("table3", "received", "total") == 6
    last = store.last_year(unit.id, workspace.DEMO_YEAR)
    assert last is not None and last[1].meta.year == 2023
    ((key, name, _),) = store.uploads()
    assert name == workspace.DEMO_REVIEW_NAME
    upload = store.upload(key)
    assert upload is not None and upload.last is not None
    codes = {f.code for f in check(upload.report, upload.last)}
    assert {"N-MISMATCH", "D-MALFORMED", "P-MOBILE", "C-FEES-MISSING", "S-NUMBERING"} <= codes
    assert workspace.seed_demo(Store(tmp_path / "other.db"), tmp_path / "nowhere") is False


def test_demo_drafts_clean_offline(tmp_path: Path, fixtures_dir: Path) -> None:
    from assistant.drafting.pipeline import draft

    store = Store(tmp_path / "db.sqlite")
    workspace.seed_demo(store, fixtures_dir)
    (unit,) = store.units()
    figures = store.figures(unit.id, 2024)
    last = store.last_year(unit.id, 2024)
    assert figures is not None and last is not None
    result = draft(workspace.draft_request(unit, 2024, figures, last[1], ""))
    assert [f.code for f in result.flags if f.severity == "error"] == []
    text = result.report.text_of(6) + "联系人手机13912345678。"
    edited = workspace.with_section_text(result.report, 6, text)
    assert edited.text_of(6) == text and result.report.text_of(6) != text
    assert "P-MOBILE" in {f.code for f in check(edited, last[1])}


def _drafted_demo(tmp_path: Path, fixtures_dir: Path) -> tuple[Store, Unit, Report, Report]:
    from assistant.drafting.pipeline import draft

    store = Store(tmp_path / "db.sqlite")
    workspace.seed_demo(store, fixtures_dir)
    (unit,) = store.units()
    figures, last = store.figures(unit.id, 2024), store.last_year(unit.id, 2024)
    assert figures is not None and last is not None
    result = draft(workspace.draft_request(unit, 2024, figures, last[1], ""))
    store.save_draft(unit.id, 2024, result.report, redraft.draft_kind(result.used_model))
    return store, unit, result.report, last[1]


def _latest(store: Store, unit: Unit):  # type: ignore[no-untyped-def]
    current = store.draft(unit.id, 2024)
    assert current is not None
    return current


def test_redrafting_names_the_sections_edited_by_hand(tmp_path: Path, fixtures_dir: Path) -> None:
    store, unit, drafted, _ = _drafted_demo(tmp_path, fixtures_dir)
    assert redraft.hand_edited(store, _latest(store, unit)) == []
    report = drafted
    for number in (5, 1):  # edited out of order: the confirmation still names them in the report's order
        report = workspace.with_section_text(report, number, report.text_of(number) + "（经办人补充）")
        store.save_draft(unit.id, 2024, report, redraft.edit_kind(number))
    edited = redraft.hand_edited(store, _latest(store, unit))
    assert edited == [1, 5]
    ask = redraft.confirmation(None, edited, [])
    assert ask.needed and ask.overwrite_line() == "第一部分、第五部分已手工修改，重新起草将覆盖这些修改。"
    assert redraft.confirmation(5, edited, []).overwrite_line() == "第五部分已手工修改，重新起草将覆盖这些修改。"
    assert not redraft.confirmation(6, edited, []).needed
    # re-drafting 一 alone takes the fresh 一 and keeps the clerk's 五
    merged = redraft.with_section_from(report, drafted, 1)
    assert merged.text_of(1) == drafted.text_of(1) and merged.text_of(5).endswith("（经办人补充）")
    store.save_draft(unit.id, 2024, merged, redraft.redraft_kind(1))
    assert redraft.hand_edited(store, _latest(store, unit)) == [5]
    # an older version is judged against what the drafter had written by then
    assert redraft.hand_edited(store, store.draft(unit.id, 2024, 2)) == [5]  # type: ignore[arg-type]


def test_table_errors_are_confirmed_before_drafting(fixtures_dir: Path) -> None:
    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    figures = report.figures.model_copy(deep=True)
    figures.set("table3", "received", "total", Cell.parse(99))
    flags = workspace.table_flags("青石岭镇", 2024, "township", figures, None)
    errors = redraft.table_errors(flags)
    assert errors and {f.code for f in errors} >= {"T-ROW-TOTAL"} and all(f.code.startswith("T-") for f in errors)
    ask = redraft.confirmation(None, [], flags)
    assert ask.needed and ask.overwrite_line() is None
    assert ask.errors_line() is not None and ask.errors_line().startswith(f"本年数字有 {len(errors)} 个错误")  # type: ignore[union-attr]
    assert not redraft.confirmation(None, [], [f for f in flags if f not in errors]).needed


def test_update_figures_only_keeps_the_prose(tmp_path: Path, fixtures_dir: Path) -> None:
    store, unit, drafted, _ = _drafted_demo(tmp_path, fixtures_dir)
    assert "办理行政许可21件" in drafted.text_of(1)
    report = workspace.with_section_text(drafted, 5, drafted.text_of(5) + "（经办人补充）")
    store.save_draft(unit.id, 2024, report, redraft.edit_kind(5))
    figures = report.figures.model_copy(deep=True)
    figures.set("table2", "licensing", "decisions", Cell.parse(25))
    refilled, corrections = redraft.refill(report, figures, 2024)
    assert refilled.figures == figures and report.figures != figures
    assert "办理行政许可25件" in refilled.text_of(1) and "21件" not in refilled.text_of(1)
    assert refilled.text_of(1).replace("25件", "21件") == drafted.text_of(1)  # nothing but the figure changed
    assert refilled.text_of(5) == report.text_of(5)
    assert [(c.before, c.after) for c in corrections] == [("办理行政许可21件", "办理行政许可25件")]
    store.save_draft(unit.id, 2024, refilled, redraft.KIND_REFILL)
    assert redraft.hand_edited(store, _latest(store, unit)) == [5]  # a re-filled figure is not a hand edit


def test_fallbacks_go_beside_the_section_they_name() -> None:
    lines = [
        "第一部分采用模板稿：模型稿缺少（三）政府信息管理、（五）监督保障",
        "六、其他需要报告的事项：模型未能作答（超时），保留模板稿",
        "标题及前言：修改请求未成功，保留模型初稿",
        "模型调用失败",
    ]
    by = redraft.fallbacks_by_section(lines)
    assert by == {1: [lines[0]], 6: [lines[1]], 0: [lines[2]], None: [lines[3]]}


def test_grid_marks_flagged_cells_and_keeps_blanks_empty(fixtures_dir: Path) -> None:
    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    figures = report.figures.model_copy(deep=True)
    figures.set("table3", "received", "total", Cell.parse(99))
    figures.set("table3", "received", "natural_person", Cell(kind=CellKind.BLANK))
    t3 = next(b for b in editor.BLOCKS if b.key == "table3")
    flags = workspace.table_flags("青石岭镇", 2024, "township", figures, None)
    grid = editor.grid_frame(t3, figures, flags)
    assert list(grid.columns) == [*editor.frame(t3, figures).columns, editor.MARK]
    assert grid[editor.LABEL][0] == "【错】" + std.TABLE3.rows[0].label
    assert grid[editor.MARK][0].startswith("错 ") and "总计" in grid[editor.MARK][0]
    assert grid[editor.MARK][2] == "" and grid[editor.LABEL][2] == editor.frame(t3, figures)[editor.LABEL][2]
    assert math.isnan(grid["natural_person"][0])  # blank stays empty, never 0 or "None"
    clean = editor.grid_frame(t3, report.figures, [])
    assert set(clean[editor.MARK]) == {""}
    # the edited frame goes back without the mark column getting in the way
    out, changed = editor.apply_frame(t3, grid, figures)
    assert changed == [] and out == figures
    # short headers fit the narrow columns; the full label is in the tooltip
    assert [editor.short_label(c) for c in t3.columns] == ["自然人", "企业", "科研", "公益", "法律", "其他", "总计"]
    assert editor.column_help(std.APPLICANT_COLUMNS[3]).startswith("社会公益组织（件数")


def test_keys_are_typed_and_read_back_from_their_stored_form() -> None:
    assert workspace.draft_key(3, 2024) == DraftKey(3, 2024)
    assert workspace.draft_key(3, 2024).text == "draft:3:2024"  # the form existing databases hold
    assert workspace.upload_key(b"a") == workspace.upload_key(b"a") != workspace.upload_key(b"b")
    for key in (DraftKey(3, 2024), workspace.upload_key(b"a")):
        assert parse_report_key(key.text) == key
    for text in ("draft:3", "draft:x:2024", "upload:", "other:1", ""):
        assert parse_report_key(text) is None


def test_open_report_by_key_and_choices(tmp_path: Path, fixtures_dir: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    workspace.seed_demo(store, fixtures_dir)
    (unit,) = store.units()
    ((upload, _, _),) = store.uploads()
    assert review.report_choices(store) == {upload: review.report_choices(store)[upload]}  # no draft yet
    store.save_draft(unit.id, 2024, read_report(fixtures_dir / "qingshiling-2024-clean.txt"), "模板起草")
    choices = review.report_choices(store)
    draft = DraftKey(unit.id, 2024)
    assert list(choices) == [upload, draft] and choices[draft].startswith("草稿：青石岭镇 2024年度（第 1 版")
    opened = review.open_report(store, draft)
    assert opened is not None and opened[0].meta.unit == "青石岭镇" and opened[1] is not None
    assert opened[1].meta.year == 2023
    up = review.open_report(store, upload)
    assert up is not None and up[0].meta.source == workspace.DEMO_REVIEW_NAME
    assert review.open_report(store, DraftKey(unit.id, 2023)) is None
    assert review.open_report(store, UploadKey("gone")) is None
    # The URL's text form is parsed; an unknown or stale key falls back to the first choice.
    assert review.chosen_key(choices, None, draft.text) == draft
    assert review.chosen_key(choices, UploadKey("gone"), "draft:9:2024") == upload


def test_draft_request_and_summary_shared_with_the_cli(fixtures_dir: Path) -> None:
    from assistant.drafting.pinning import Correction
    from assistant.drafting.pipeline import DraftResult
    from assistant.drafting.summary import draft_summary

    last = read_report(fixtures_dir / "qingshiling-2023.txt")
    unit = Unit(1, "青石岭镇", None, None)
    req = workspace.draft_request(unit, 2024, Figures.empty(), last, "备注")
    assert (req.full_name, req.level, req.notes) == ("青石岭镇人民政府", "township", "备注")
    named = workspace.draft_request(Unit(1, "青石岭镇", "某某镇人民政府", "street"), 2024, Figures.empty(), last, "")
    assert (named.full_name, named.level) == ("某某镇人民政府", "street")
    result = DraftResult(
        report=last,
        flags=[_flag("T-BLANK", "warning"), _flag("N-MISMATCH", "error"), _flag("N-MISMATCH", "error")],
        corrections=[Correction(section=1, before="5件", after="6件", cell="表三/总计")],
        scrubbed=2,
        fallbacks=["第一部分沿用模板（模型超时）"],
    )
    lines = draft_summary(req, result)
    assert lines == [
        "已按表格更正数字：“5件”→“6件”（表三/总计）",
        "已删除个人号码 2 处",
        "第一部分沿用模板（模型超时）",
        "提示 1 项：T-BLANK",
        "草稿仍有 2 个错误，请修改后再发布：N-MISMATCH",
    ]
    no_last = req.model_copy(update={"last": None})
    assert any(
        line.startswith("提示：未提供上年报告（见第①步）")
        for line in draft_summary(no_last, result, last_year_hint="（见第①步）")
    )


def test_display_lines() -> None:
    flag = _flag("T-BLANK", "warning")
    assert review.flag_line(flag).startswith(":orange[:material/warning:] `T-BLANK` ")
    assert review.flag_title(flag).startswith("`T-BLANK` **")
    assert review.section_tab(0, 0) == "标题与前言" and review.section_tab(3, 2) == "三（2）"
    assert workspace.check_line([flag, _flag("N-MISMATCH", "error")]) == "**检查结果：** 1 个错误，1 个警告"
    assert workspace.version_labels([(2, "修改一", "t")]) == {2: "第 2 版 · 修改一 · t"}
    assert workspace.box_height("") == 90 and workspace.box_height("字" * 10_000) == 420
    summary = workspace.summarize_last_year(read_report(FIXTURES / "qingshiling-2023.txt"))
    assert summary.headline("a.txt").startswith("**已读取：** a.txt　·　单位：青石岭镇")
    assert summary.mismatches("青石岭镇", 2024) == []
    assert len(summary.mismatches("松禾街道", 2026)) == 2
    assert summary.carried_line() == "上年“结转下年度继续办理”：" + "，".join(
        f"{k} {v:g}" for k, v in summary.carried_out.items()
    )


# -- highlight ----------------------------------------------------------------------------------------
def test_section_html_escapes_and_marks() -> None:
    text = "<script>alert(1)</script>收到申请5件&"
    err = _flag("N-MISMATCH", "error", section=1, span=(text.index("5"), text.index("5") + 2))
    warn = _flag("S-NUMBERING", "warning", section=1, span=(0, len(text)))
    out = highlight.section_html(text, [warn, err], focus=err)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert '<mark class="nb-err nb-focus" title="N-MISMATCH S-NUMBERING" id="nb-focus">5件</mark>' in out
    assert out.count('class="nb-warn"') == 2  # before and after the error piece
    assert highlight.section_html("abc", []) == '<div class="nb-text">abc</div>'
    # a span past the end (text edited since the check) is clipped, never an exception
    assert "nb-err" in highlight.section_html("abc", [_flag(span=(1, 99))])


def test_title_html_marks_title_flags() -> None:
    out = highlight.title_html("<b>镇</b>年报", [_flag("S-TITLE", "warning", section=0)])
    assert '<mark class="nb-warn" title="S-TITLE">&lt;b&gt;镇&lt;/b&gt;年报</mark>' in out
    assert "<mark" not in highlight.title_html("年报", [_flag("N-MISMATCH", section=0, span=(0, 1))])


def test_grid_html_marks_cells(fixtures_dir: Path) -> None:
    from assistant.writers.layout import grids

    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    path = std.cell_path("table3", "received", "total")
    ref = TableRef.of("table3", "received", "total")
    row = TableRef.of("table3", "received")  # a row, not a cell: no cell to mark
    marks = highlight.cell_marks(
        [_flag("T-ROW-TOTAL", cell_ref=ref), _flag("T-BLANK", "warning", cell_ref=ref), _flag(cell_ref=row)]
    )
    assert marks == {("table3", "received", "total"): "error"}
    out = highlight.grid_html(grids(report.figures)["table3"], marks, ("table3", "received", "total"))
    assert f'class="nb-err nb-focus" title="{path}" id="nb-focus">6</td>' in out
    assert 'colspan="5"' in out  # 法人或其他组织 spans its five columns
    empty = highlight.grid_html(grids(Figures.empty())["table4"], {})
    assert 'class="nb-blank"' in empty and ">空<" in empty


# -- review and export ---------------------------------------------------------------------------------
def test_flag_identity_and_items() -> None:
    a = _flag(section=1, span=(3, 5), cell_ref=None)
    b = a.model_copy(update={"message": "改写过的消息"})
    assert flag_key(a) == flag_key(b) == "N-MISMATCH|1|3-5|"
    whole = _flag("S-TITLE", "warning")
    d = Decision(flag_key(whole), "S-TITLE", "dismiss", "可以", "王审核", "2025-01-10 09:00:00")
    entries = review.items([a, whole], {d.flag_id: d})
    assert [e.settled for e in entries] == [False, True]
    groups = review.by_severity(entries)
    assert [e.flag.code for e in groups["error"]] == ["N-MISMATCH"]
    accepted = Decision(flag_key(a), "N-MISMATCH", "accept", "请改为6件", "王审核", "t")
    out = review.flags_for_comments(review.items([a, whole], {d.flag_id: d, accepted.flag_id: accepted}))
    assert [f.code for f in out] == ["N-MISMATCH"] and out[0].message.endswith("（审核意见：请改为6件）")


def test_csv_has_bom_chinese_and_no_formulas() -> None:
    ref = TableRef.of("table3", "received", "total")
    f = _flag("N-MISMATCH", section=1, span=(0, 2), cell_ref=ref, evidence='=HYPERLINK("x")')
    d = Decision(flag_key(f), f.code, "accept", "+改", "王审核", "2025-01-10 09:00:00")
    data = export.flags_csv(review.items([f, _flag("S-TITLE", "warning")], {d.flag_id: d}))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(export.CSV_HEADER)
    assert rows[1][:4] == ["N-MISMATCH", "错误", "正文与表格不符", "一、总体情况"]
    assert rows[1][5] == "表三/一、本年新收政府信息公开申请数量/总计"  # the path people read, not the keys
    assert rows[1][7].startswith("'=") and rows[1][9] == "'+改"
    assert rows[1][8] == "需修改" and rows[2][8] == "待处理"


def test_exports(fixtures_dir: Path) -> None:
    import docx

    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    data = export.docx_bytes(report)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "青石岭镇" in text
    assert export.markdown_bytes(report).decode("utf-8").count("|") > 50
    assert export.file_stem(report) == "青石岭镇2024年政府信息公开工作年度报告"
    odd = Report(meta=Meta(title='a/b:c*"d"'))
    assert export.file_stem(odd) == "a_b_c_d"


def test_annotated_export_is_what_the_reviewer_decided(fixtures_dir: Path) -> None:
    report = read_report(fixtures_dir / "qingshiling-2024.txt")
    report.figures.set("table3", "received", "commercial", Cell.parse(2))  # 总计 6 no longer adds up: cell flags
    flags = check(report)
    by_code = {f.code: f for f in flags}
    dismissed = Decision(flag_key(by_code["P-MOBILE"]), "P-MOBILE", "dismiss", "办公电话", "王审核", "t")
    noted = Decision(flag_key(by_code["N-MISMATCH"]), "N-MISMATCH", "accept", "请改为6件", "王审核", "t")
    entries = review.items(flags, {d.flag_id: d for d in (dismissed, noted)})
    shown = review.flags_for_comments(entries)
    data = export.annotated_docx_bytes(report, shown)
    # the file the reviewer downloads, opened as Word would: one comment per open flag, at the flagged words
    assert_one_comment_per_flag_at_its_words(report, shown, data)
    found = comments(data)
    anchors = anchored_text(data)
    seen = {text[1 : text.index("】")]: (text, anchors[cid]) for cid, text, _, _ in found}
    assert sorted(seen) == sorted(
        ["D-MALFORMED", "N-MISMATCH", "S-NUMBERING", "T-BALANCE", "T-ROW-TOTAL", "C-FEES-MISSING"]
    )  # P-MOBILE was dismissed
    assert seen["N-MISMATCH"][1] == "本年度共收到政府信息公开申请5件"
    assert seen["N-MISMATCH"][0].endswith("（审核意见：请改为6件）")
    assert seen["D-MALFORMED"][1] == "20241月1日"
    assert seen["S-NUMBERING"][1] == "3、收到和处理政府信息公开申请情况"
    assert (seen["T-ROW-TOTAL"][1], seen["T-BALANCE"][1]) == ("6", "2")  # 总计 and 商业企业 as printed
    table_codes = {text[1 : text.index("】")] for cid, text, _, _ in found if cid in in_table_cell(data)}
    assert table_codes == {"T-ROW-TOTAL", "T-BALANCE"}  # in the table, not on narrative words reading "6"


def test_uploads_on_the_draft_page_are_kept_with_carry_over(tmp_path: Path, fixtures_dir: Path) -> None:
    store = Store(tmp_path / "db.sqlite")
    unit = store.add_unit("青石岭镇")
    last = read_report(fixtures_dir / "qingshiling-2023.txt")
    assert "总计" in workspace.keep_last_year(store, unit.id, 2024, "2023.txt", last)
    saved = store.figures(unit.id, 2024)
    assert saved is not None and saved.value("table3", "carried_in", "total") == 1
    assert store.last_year(unit.id, 2024) is not None
    assert workspace.keep_last_year(store, unit.id, 2024, "2023.txt", last) == []  # nothing left to fill
    figures = workspace.keep_figures(store, unit.id, 2024, Figures.empty(), last)
    assert figures.value("table3", "carried_in", "total") == 1 and store.figures(unit.id, 2024) == figures
