"""The Streamlit pages through streamlit.testing.v1.AppTest: wiring only (the logic is tested in test_appkit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.store import DraftKey, Store

ROOT = Path(__file__).resolve().parents[1]
EDITED = {"added_rows": [], "deleted_rows": []}


def _texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def test_demo_unit_is_there_on_first_start(at: AppTest, db: Path) -> None:
    assert _texts(at, "title") == ["年报助手 · 起草"]
    unit_picker = at.sidebar.selectbox(key="unit_id")
    assert unit_picker.format_func(unit_picker.value) == "青石岭镇"
    assert at.sidebar.number_input(key="year").value == 2024
    assert any("qingshiling-2023.txt" in m and "读到" in m for m in _texts(at, "markdown"))
    assert any("离线模式" in c for c in _texts(at.sidebar, "caption"))
    assert [u.name for u in Store(db).units()] == ["青石岭镇"]


def test_entering_figures_updates_table_flags(at: AppTest, db: Path) -> None:
    assert not any("T-ROW-TOTAL" in e for e in _texts(at, "error"))
    at.session_state["ed-1-2024-0-table3"] = {"edited_rows": {0: {"total": 99}}, **EDITED}
    at.run()
    assert not at.exception
    errors = _texts(at, "error")
    assert any("T-ROW-TOTAL" in e for e in errors) and any("T-BALANCE" in e for e in errors)
    saved = Store(db).figures(1, 2024)
    assert saved is not None and saved.value("table3", "received", "total") == 99
    # clearing the cell leaves it empty (not 0) and says so
    at.session_state["ed-1-2024-0-table3"] = {"edited_rows": {0: {"total": None}}, **EDITED}
    at.run()
    saved = Store(db).figures(1, 2024)
    assert saved is not None and saved.cell("table3", "received", "total").kind == "blank"
    assert any("还有 1 个格子未填" in c for c in _texts(at, "caption"))


def test_drafting_offline_fills_sections_and_rechecks_edits(at: AppTest, db: Path) -> None:
    at.button(key="draft-1-2024").click().run()
    assert not at.exception
    areas = [a for a in at.text_area if a.key and a.key.startswith("sec-1-2024-1-")]
    assert len(areas) == 7
    assert all(a.value for a in areas)
    assert "青石岭镇" in areas[0].value
    assert [v for v, _, _ in Store(db).draft_versions(1, 2024)] == [1]
    assert any("0 个错误" in m for m in _texts(at, "markdown"))
    six = at.text_area(key="sec-1-2024-1-6")
    six.set_value(six.value + "联系人手机13912345678。").run()
    assert not at.exception
    assert [v for v, _, _ in Store(db).draft_versions(1, 2024)] == [2, 1]
    assert any("P-MOBILE" in e for e in _texts(at, "error"))
    assert at.selectbox(key="version-1-2024").value == 2


def _latest_kind(db: Path) -> str:
    return Store(db).draft_versions(1, 2024)[0][1]


def test_redrafting_asks_before_overwriting_hand_edits(at: AppTest, db: Path) -> None:
    at.button(key="draft-1-2024").click().run()
    one = at.text_area(key="sec-1-2024-1-1")
    one.set_value(one.value + "（经办人补充）").run()
    assert [k for _, k, _ in Store(db).draft_versions(1, 2024)] == ["修改一、", "模板起草"]
    at.button(key="draft-1-2024").click().run()  # 重新起草, all sections
    assert not at.exception
    assert any("第一部分已手工修改，重新起草将覆盖这些修改" in w for w in _texts(at, "warning"))
    assert len(Store(db).draft_versions(1, 2024)) == 2  # nothing overwritten yet
    at.button(key="cancel-1-2024").click().run()
    assert not any("重新起草将覆盖" in w for w in _texts(at, "warning"))
    # re-drafting 五 alone overwrites nothing: no question asked
    at.selectbox(key="scope-1-2024").set_value(5).run()
    at.button(key="draft-1-2024").click().run()
    assert _latest_kind(db) == "重新起草五、"
    assert at.text_area(key="sec-1-2024-3-1").value.endswith("（经办人补充）")
    at.selectbox(key="scope-1-2024").set_value(None).run()
    at.button(key="draft-1-2024").click().run()
    at.button(key="confirm-1-2024").click().run()
    assert not at.exception
    assert _latest_kind(db) == "模板起草"
    assert not at.text_area(key="sec-1-2024-4-1").value.endswith("（经办人补充）")


def test_update_figures_only_and_table_errors_first(at: AppTest, db: Path) -> None:
    at.button(key="draft-1-2024").click().run()
    at.session_state["ed-1-2024-0-table2-1"] = {"edited_rows": {0: {"decisions": 25}}, **EDITED}
    at.run()
    assert any("请重新起草，或按「只更新数字」" in w for w in _texts(at, "warning"))
    at.button(key="refill-1-2024").click().run()
    assert not at.exception
    assert _latest_kind(db) == "只更新数字"
    assert "办理行政许可25件" in at.text_area(key="sec-1-2024-2-1").value
    assert any("更新正文中的 1 处数字" in c for c in _texts(at, "caption"))
    # tables with errors: listed before drafting, and drafting waits for the clerk's 继续
    at.session_state["ed-1-2024-0-table3"] = {"edited_rows": {0: {"total": 99}}, **EDITED}
    at.run()
    assert any(w.startswith("本年数字有") for w in _texts(at, "warning"))
    at.button(key="draft-1-2024").click().run()
    assert len(Store(db).draft_versions(1, 2024)) == 2
    at.button(key="confirm-1-2024").click().run()
    assert not at.exception
    assert len(Store(db).draft_versions(1, 2024)) == 3


def test_new_unit_and_last_year_upload_prefill_carry_over(at: AppTest, db: Path, fixtures_dir: Path) -> None:
    at.sidebar.text_input(key="new_unit_name").set_value("松禾街道")
    at.sidebar.selectbox(key="new_unit_level").set_value("street")
    at.sidebar.button[0].click().run()
    assert not at.exception
    unit_picker = at.sidebar.selectbox(key="unit_id")
    assert unit_picker.format_func(unit_picker.value) == "松禾街道"
    unit_id = unit_picker.value
    year = at.sidebar.number_input(key="year").value
    data = (fixtures_dir / "qingshiling-2023.txt").read_bytes()
    at.file_uploader(key=f"last-upload-{unit_id}-{year}").set_value(("2023年报.txt", data, "text/plain")).run()
    assert not at.exception
    assert any("已按上年" in s for s in _texts(at, "success"))
    figures = Store(db).figures(unit_id, year)
    assert figures is not None and figures.value("table3", "carried_in", "total") == 1
    assert figures.cell("table3", "received", "total").kind == "missing"  # nothing else invented


def test_review_upload_and_dismiss_is_stored(at: AppTest, db: Path, seed_path: Path) -> None:
    at.switch_page("ui/review_page.py").run()
    assert _texts(at, "title") == ["年报助手 · 审核"]
    at.file_uploader[0].set_value((seed_path.name, seed_path.read_bytes(), "text/plain")).run()
    assert not at.exception
    shown = " ".join(_texts(at, "markdown"))
    for code in ("S-NUMBERING", "C-FEES-MISSING", "S-TITLE"):
        assert f"`{code}`" in shown
    dismiss = [b for b in at.button if b.label == "忽略"]
    assert dismiss and all(b.disabled for b in dismiss)  # no reviewer name yet
    at.sidebar.text_input(key="reviewer").set_value("王审核").run()
    first = next(b for b in at.button if b.label == "忽略")
    first.click().run()
    assert not at.exception
    key = at.session_state["review_key"]
    (decision,) = Store(db).decisions(key).values()
    assert (decision.decision, decision.reviewer) == ("dismiss", "王审核")
    assert any(e.label.startswith("已处理（1）") for e in at.expander)


def test_with_a_model_the_draft_streams_and_the_key_never_shows(
    db: Path, monkeypatch: pytest.MonkeyPatch, fake_server: object
) -> None:
    from fake_openai import text

    secret = "sk-app-test-secret-0042"
    monkeypatch.setenv("OPENAI_BASE_URL", fake_server.base_url)  # type: ignore[attr-defined]
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    monkeypatch.setenv("NIANBAO_MODEL", "fake-model")
    reply = "本年度，本镇认真贯彻落实《条例》，扎实推进政务公开工作。"
    fake_server.default = text(reply, chunk_size=4)  # type: ignore[attr-defined]
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert any("模型：fake-model" in c for c in _texts(app.sidebar, "caption"))
    app.button(key="draft-1-2024").click().run()
    assert not app.exception
    ((version, kind, _),) = Store(db).draft_versions(1, 2024)
    assert (version, kind) == (1, "模型起草")
    requests = fake_server.chat_requests  # type: ignore[attr-defined]
    assert requests and all(r.stream for r in requests)
    kinds = ("markdown", "caption", "text", "error", "warning", "info", "success")
    shown = " ".join([str(a.value) for a in app.text_area] + [v for k in kinds for v in _texts(app, k)])
    # One generic sentence per section is below the template's floor: each section gives way to it, named.
    assert "第一部分采用模板稿：模型稿缺少（一）主动公开" in shown and secret not in shown


def test_figures_workbook_upload_and_notes_are_saved(at: AppTest, db: Path, fixtures_dir: Path) -> None:
    import io

    from assistant.readers import read_report
    from assistant.writers.workbook import write_figures_template

    figures = read_report(fixtures_dir / "songhe-2024.md").figures
    buffer = io.BytesIO()
    write_figures_template(buffer, figures, unit="青石岭镇", year=2024)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader(key="fig-upload-1-2024").set_value(("数字表.xlsx", buffer.getvalue(), xlsx)).run()
    assert not at.exception
    assert any("已从数字表读入" in s for s in _texts(at, "success"))
    saved = Store(db).figures(1, 2024)
    assert saved is not None and saved.value("table2", "penalty", "decisions") == 37
    at.text_area(key="notes-1-2024").set_value("本年度开展政务公开培训2次。").run()
    assert Store(db).notes(1, 2024) == "本年度开展政务公开培训2次。"


def test_upload_widgets_accept_what_the_readers_read(at: AppTest) -> None:
    """One definition: the readers' suffixes are what both pages offer and name, each for its own use."""
    from assistant.readers import FIGURES_SUFFIXES, REPORT_SUFFIXES

    def accepted(app: AppTest) -> list[tuple[str, set[str]]]:
        return [(u.label, set(u.proto.type)) for u in app.file_uploader]

    (last, last_types), (figs, fig_types) = accepted(at)
    assert (last_types, fig_types) == (set(REPORT_SUFFIXES), set(FIGURES_SUFFIXES))
    assert all(s in last for s in REPORT_SUFFIXES) and all(s in figs for s in FIGURES_SUFFIXES)
    at.switch_page("ui/review_page.py").run()
    (report, report_types), (_, last_year_types) = accepted(at)
    assert report_types == last_year_types == set(REPORT_SUFFIXES)
    assert all(s in report for s in REPORT_SUFFIXES)


def test_an_unusable_database_is_said_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NIANBAO_DB", str(tmp_path / "file" / "nianbao.db"))  # its folder is a file
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    assert any("无法打开数据库文件" in e and "NIANBAO_DB" in e for e in _texts(app, "error"))


def test_review_opens_a_draft_from_its_url_key(at: AppTest) -> None:
    at.button(key="draft-1-2024").click().run()
    assert not at.exception
    at.switch_page("ui/review_page.py")
    at.query_params["report"] = "draft:1:2024"
    at.run()
    assert not at.exception
    assert at.session_state["review_key"] == DraftKey(1, 2024)
    assert at.query_params["report"] == "draft:1:2024"  # the first choice would be the demo upload
