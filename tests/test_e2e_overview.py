"""The 总览 page and the review loop end to end in headless Chromium (tests/test_e2e_app.py's set-up): 30 units
in six states; filter to 需修改, open one, the clerk sees the reviewer's comment and fixes it, the reviewer
confirms and passes it, and the overview's counts follow each step."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from appserver import CHROMIUM, ROOT, AppServer

from assistant.appkit import overview, workspace
from assistant.checks import check
from assistant.drafting.pipeline import draft
from assistant.model import flag_key
from assistant.readers import read_report
from assistant.store import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]
pytest.importorskip("playwright.sync_api", reason="needs the playwright package (pip install playwright)")
# The browser, a page of it, and screenshots are test_e2e_app's (the same Chromium set-up).
from test_e2e_app import _shot  # noqa: E402

YEAR = 2024
MOBILE = "联系人手机13912345678。"
COMMENT = "请删去个人手机号，改为办公电话"
# Five units in each state, in this order of ids: 未开始, 已填数字, 已起草, 审核中, 需修改, 已通过.
PER_STATE = 5


def _county(db: Path) -> None:
    """30 units in six states, made through the store as the app would have made them."""
    s = Store(db)
    figures = read_report(ROOT / "fixtures" / "qingshiling-2024-clean.txt").figures
    for i in range(6 * PER_STATE):
        state = overview.STATES[i // PER_STATE]
        unit = s.add_unit(f"单位{i + 1:02d}", level="township")
        if state == overview.NOT_STARTED:
            continue
        s.save_figures(unit.id, YEAR, figures)
        if state == overview.FIGURES:
            continue
        report = draft(workspace.draft_request(unit, YEAR, figures, None, "")).report
        if state == overview.NEEDS_CHANGE:  # the clerk wrote a mobile number into 六; the reviewer wants it out
            report = workspace.with_section_text(report, 6, report.text_of(6) + MOBILE)
        saved = s.save_draft(unit.id, YEAR, report, "模板起草")
        key = workspace.draft_key(unit.id, YEAR)
        flags = check(report)
        if state == overview.IN_REVIEW:
            s.decide(key, "S-TITLE|0||", "S-TITLE", "dismiss", "", "王审核")
        elif state == overview.NEEDS_CHANGE:
            mobile = next(f for f in flags if f.code == "P-MOBILE")
            s.decide(key, flag_key(mobile), mobile.code, "accept", COMMENT, "王审核")
        elif state == overview.PASSED:
            s.approve(unit.id, YEAR, saved.version, "王审核")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    tmp = tmp_path_factory.mktemp("e2e-overview")
    _county(tmp / "nianbao.db")
    srv = AppServer(tmp / "nianbao.db", log=tmp / "streamlit.log")
    srv.start()
    yield srv
    srv.stop()


def _overview(p, url: str) -> None:  # type: ignore[no-untyped-def]
    p.goto(f"{url}/overview?year={YEAR}")
    p.get_by_role("heading", name="年报助手 · 总览").wait_for()
    p.wait_for_load_state("networkidle")


def _count(p, state: str) -> int:  # type: ignore[no-untyped-def]
    line = p.get_by_text(re.compile(rf"{YEAR}年度，共 \d+ 个单位")).inner_text()
    found = re.search(rf"{state} (\d+)", line)
    assert found, line
    return int(found.group(1))


def _open_unit(p, button: str) -> None:  # type: ignore[no-untyped-def]
    p.get_by_role("button", name=button).click()


def test_filter_open_fix_and_pass_one_unit(server: AppServer, page) -> None:  # type: ignore[no-untyped-def]
    _overview(page, server.url)
    reviewer = page.get_by_label("审核人")
    reviewer.fill("王审核")
    reviewer.press("Enter")
    page.wait_for_load_state("networkidle")
    for _ in range(50):  # the name is kept in the database once the page has taken it
        if Store(server.db).pref("reviewer") == "王审核":
            break
        page.wait_for_timeout(200)
    assert _count(page, "需修改") == PER_STATE and _count(page, "审核中") == PER_STATE
    assert _count(page, "已通过") == PER_STATE and _count(page, "未开始") == PER_STATE
    page.get_by_role("button", name="需修改").click()  # the 状态 filter
    page.get_by_text(f"显示 {PER_STATE} 个单位").wait_for()
    _shot(page, "e2e-overview-needs-change.png")
    first = 4 * PER_STATE + 1
    _open_unit(page, "去起草")

    # the clerk's page: the reviewer's comment at 六, and the fix
    page.get_by_role("heading", name="年报助手 · 起草").wait_for()
    page.get_by_text(COMMENT).first.wait_for()
    page.get_by_text(f"单位{first:02d} · {YEAR}年度").wait_for()  # the first unit of the filtered list
    index = page.evaluate(
        f"() => [...document.querySelectorAll('textarea')].findIndex(t => t.value.includes('{MOBILE}'))"
    )
    assert index >= 0
    box = page.locator("textarea").nth(index)
    box.fill(box.input_value().replace(MOBILE, ""))
    box.press("Control+Enter")
    page.get_by_text(re.compile("已修改，待复核.*已不再报出")).first.wait_for()
    _shot(page, "e2e-overview-clerk-fixed.png")

    # back on the overview (a new page load: the reviewer's name is kept) the unit is back with the reviewer
    _overview(page, server.url)
    assert page.get_by_label("审核人").input_value() == "王审核"
    assert _count(page, "需修改") == PER_STATE - 1 and _count(page, "审核中") == PER_STATE + 1
    page.get_by_role("button", name="审核中").click()
    page.get_by_text(f"显示 {PER_STATE + 1} 个单位").wait_for()
    page.wait_for_load_state("networkidle")
    page.get_by_label("打开单位").click()
    page.keyboard.type(f"单位{first:02d}")  # typed, not clicked: the list re-renders while the page settles
    page.get_by_role("option", name=f"单位{first:02d}（审核中）").wait_for()
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    _open_unit(page, "去审核")

    # the reviewer confirms the fix and passes the draft
    page.get_by_role("heading", name="年报助手 · 审核").wait_for()
    page.get_by_text("已修改，待复核（1）").wait_for()
    page.get_by_role("button", name="复核通过").click()
    page.get_by_text("已修改，待复核（1）").wait_for(state="detached")
    page.get_by_role("button", name=re.compile("审核通过（第 \\d+ 版）")).click()
    page.get_by_text("已通过：王审核").wait_for()
    _overview(page, server.url)
    assert _count(page, "已通过") == PER_STATE + 1 and _count(page, "审核中") == PER_STATE
    _shot(page, "e2e-overview-after.png")
