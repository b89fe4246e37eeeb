"""The 总览 page and the review loop through Streamlit's AppTest: wiring only (the logic is in test_overview)."""

from __future__ import annotations

from pathlib import Path

from annotatekit import comments
from streamlit.testing.v1 import AppTest

from assistant.appkit import export, review, reviewloop
from assistant.checks import check
from assistant.model import Report, flag_key
from assistant.readers import read_report
from assistant.store import DraftKey, Store

ROOT = Path(__file__).resolve().parents[1]


def _texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def _shown(at: AppTest) -> str:
    kinds = ("markdown", "caption", "error", "warning", "info", "success")
    return " ".join(v for k in kinds for v in _texts(at, k))


def _defective(fixtures_dir: Path) -> Report:
    return read_report(fixtures_dir / "qingshiling-2024.txt")


def _grid_units(at: AppTest) -> list[str]:
    (grid,) = at.dataframe
    return list(grid.value["单位"])


def test_overview_lists_states_filters_and_opens_a_unit(at: AppTest, db: Path, fixtures_dir: Path) -> None:
    s = Store(db)
    report = _defective(fixtures_dir)
    town = s.add_unit("松河镇", level="township")
    s.save_draft(town.id, 2024, report, "模板起草")
    flag = next(f for f in check(report) if f.section)
    s.decide(DraftKey(town.id, 2024), flag_key(flag), flag.code, "accept", "请改正", "王审核")
    s.add_unit("教育局", level="department")
    at.switch_page("ui/overview_page.py").run()
    assert not at.exception
    assert _texts(at, "title") == ["年报助手 · 总览"]
    assert _grid_units(at) == ["松河镇", "青石岭镇", "教育局"]  # 需修改 first, then 已填数字, then 未开始
    assert list(at.dataframe[0].value["状态"]) == ["需修改", "已填数字", "未开始"]
    at.session_state["ov-states"] = ["需修改"]
    at.run()
    assert _grid_units(at) == ["松河镇"]
    assert at.selectbox(key="ov-unit").value == town.id
    at.button(key="ov-review").click().run()
    assert not at.exception
    assert _texts(at, "title") == ["年报助手 · 审核"]
    assert at.session_state["review_key"] == DraftKey(town.id, 2024)


def test_recheck_and_redraft_many_units_from_the_overview(at: AppTest, db: Path, fixtures_dir: Path) -> None:
    s = Store(db)
    for name in ("甲镇", "乙镇"):
        unit = s.add_unit(name, level="township")
        s.save_figures(unit.id, 2024, _defective(fixtures_dir).figures)
    at.switch_page("ui/overview_page.py").run()
    at.button(key="ov-recheck").click().run()
    assert any("已重新检查 3 个单位" in m for m in _texts(at, "success"))
    at.session_state["ov-text"] = "镇"
    at.run()
    at.button(key="ov-redraft").click().run()
    assert not at.exception
    assert any("已用模板起草 3 个单位" in m for m in _texts(at, "success"))
    assert list(at.dataframe[0].value["状态"]) == ["已起草"] * 3
    assert all(s.draft_versions(u.id, 2024)[0][1] == "批量起草" for u in s.units())


def test_units_are_created_from_a_csv(at: AppTest, db: Path) -> None:
    at.switch_page("ui/overview_page.py").run()
    data = (
        "单位简称,层级,单位全称,地址,办公电话\n"
        "松河镇,乡镇,云岫县松河镇人民政府,云岫县松河镇政府路1号,0871-1234567\n"
        "石桥街道,街,,,\n"
    )
    at.file_uploader(key="ov-csv").set_value(("单位清单.csv", data.encode("utf-8-sig"), "text/csv")).run()
    assert any("第 3 行：层级“街”" in w for w in _texts(at, "warning"))
    at.button(key="ov-create").click().run()
    assert not at.exception
    assert [u.name for u in Store(db).units()] == ["青石岭镇", "松河镇"]
    assert "松河镇" in _grid_units(at)


def test_a_reviewers_request_reaches_the_clerk_and_comes_back(at: AppTest, db: Path) -> None:
    at.button(key="draft-1-2024").click().run()  # the demo unit, drafted offline
    six = at.text_area(key="sec-1-2024-1-6")
    six.set_value(six.value + "联系人手机13912345678。").run()  # a P-MOBILE in 六
    at.sidebar.text_input(key="reviewer").set_value("王审核").run()
    at.switch_page("ui/review_page.py").run()
    at.session_state["review_key"] = DraftKey(1, 2024)
    at.run()
    key = DraftKey(1, 2024)
    entries = review.items(check(Store(db).draft(1, 2024).report), {})  # type: ignore[union-attr]
    mobile = next(e for e in entries if e.flag.code == "P-MOBILE")
    at.text_input(key=review.widget_key("cmt", key, mobile)).set_value("请删去手机号").run()
    at.button(key=review.widget_key("acc", key, mobile)).click().run()
    assert Store(db).decisions(key)[mobile.id].decision == "accept"
    # the clerk's page shows it at 六, with the comment
    at.switch_page("ui/draft_page.py").run()
    assert any("请删去手机号" in e and "王审核" in e for e in _texts(at, "error"))
    version = Store(db).draft_versions(1, 2024)[0][0]
    six = at.text_area(key=f"sec-1-2024-{version}-6")
    six.set_value(six.value.replace("联系人手机13912345678。", "")).run()
    assert not at.exception
    assert any(reviewloop.REVISED in i and "已不再报出" in i for i in _texts(at, "info"))
    # the reviewer sees it back, confirms it, and may then pass the draft
    at.switch_page("ui/review_page.py").run()
    assert reviewloop.REVISED in _shown(at)
    at.button(key=f"re-ok-{key.text}-{mobile.id}").click().run()
    assert Store(db).decisions(key)[mobile.id].comment == reviewloop.CONFIRMED
    approve = at.button(key=f"approve-{key.text}")
    assert not approve.disabled
    approve.click().run()
    approval = Store(db).approval(1, 2024)
    assert approval is not None and approval.reviewer == "王审核"
    assert any("已通过：王审核" in m for m in _texts(at, "success"))


def test_the_reviewers_name_is_kept_across_reloads(at: AppTest) -> None:
    at.sidebar.text_input(key="reviewer").set_value("李审核").run()
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # a new browser session
    assert again.sidebar.text_input(key="reviewer").value == "李审核"


def test_the_comments_author_is_the_reviewer(fixtures_dir: Path) -> None:
    report = _defective(fixtures_dir)
    data = export.annotated_docx_bytes(report, check(report), author="王审核")
    assert {author for _, _, author, _ in comments(data)} == {"王审核"}
    default = export.annotated_docx_bytes(report, check(report))
    assert {author for _, _, author, _ in comments(default)} == {"年报助手"}


def test_last_years_own_report_is_offered_and_a_wrong_one_removed(at: AppTest, db: Path, fixtures_dir: Path) -> None:
    s = Store(db)
    s.save_draft(1, 2024, _defective(fixtures_dir), "模板起草")
    at.sidebar.number_input(key="year").set_value(2025).run()
    at.button(key="own-last-1-2025").click().run()
    assert not at.exception
    saved = s.last_year(1, 2025)
    assert saved is not None and saved[0] == "本系统2024年度报告（第1版）"
    assert any("本系统2024年度报告" in m for m in _texts(at, "markdown"))
    at.button(key="drop-last-1-2025").click().run()
    assert s.last_year(1, 2025) is None
    assert at.button(key="own-last-1-2025")  # offered again
