"""Accounts end to end in headless Chromium (NIANBAO_ACCOUNTS=1): nothing before sign-in, a clerk of one
township never reaches another's figures by URL or widget, a reviewer's decisions carry their name, lock-out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from appserver import CHROMIUM, AppServer

from assistant.accounts import ADMIN, CLERK, REVIEWER, Accounts
from assistant.readers import read_report
from assistant.store import DraftKey, Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")

YEAR = 2024
PASSWORD = "password-123"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path) -> Iterator[tuple[AppServer, Store, int, int]]:
    tmp = tmp_path_factory.mktemp("e2e-accounts")
    db = tmp / "nianbao.db"
    store = Store(db)
    report = read_report(fixtures_dir / "qingshiling-2024-clean.txt")
    flagged = read_report(fixtures_dir / "qingshiling-2024.txt")  # its flags give the review page buttons
    mine, other = store.add_unit("甲镇").id, store.add_unit("乙乡").id
    for unit_id in (mine, other):
        store.save_figures(unit_id, YEAR, report.figures)
        store.save_draft(unit_id, YEAR, flagged, "起草")
    store.save_notes(other, YEAR, "乙乡的机密备注")
    accounts = Accounts(store)
    accounts.add("张三", CLERK, PASSWORD, [mine])
    accounts.add("李四", REVIEWER, PASSWORD)
    accounts.add("王五", ADMIN, PASSWORD)
    srv = AppServer(db, log=tmp / "streamlit.log", env={"NIANBAO_ACCOUNTS": "1"})
    srv.start()
    yield srv, store, mine, other
    srv.stop()


def _sign_in(page, url: str, name: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_role("heading", name="年报助手 · 登录").wait_for()
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def _body(page) -> str:  # type: ignore[no-untyped-def]
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    return str(page.locator("body").inner_text())


def test_nothing_shows_before_sign_in(world, page) -> None:  # type: ignore[no-untyped-def]
    srv, _, _, other = world
    for path in (f"/?unit={other}&year={YEAR}", f"/review?report=draft:{other}:{YEAR}", "/accounts"):
        page.goto(srv.url + path)
        page.get_by_role("heading", name="年报助手 · 登录").wait_for()
        body = _body(page)
        assert "乙乡" not in body and "甲镇" not in body and "起草" not in body


def test_a_clerk_never_reaches_another_townships_figures(world, page) -> None:  # type: ignore[no-untyped-def]
    srv, store, mine, other = world
    before = store.figures(other, YEAR)
    # The URL names the other township: the page opens the clerk's own instead.
    _sign_in(page, f"{srv.url}/?unit={other}&year={YEAR}", "张三")
    page.get_by_role("heading", name="年报助手 · 起草").wait_for()
    body = _body(page)
    assert "甲镇 · 2024年度" in body and "乙乡" not in body and "当前用户：张三（起草人）" in body
    assert f"unit={mine}" in page.url
    # The unit picker offers the clerk's units only; there is no 新建单位 and no 账户 page.
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    options = page.locator('[role="option"]').all_inner_texts()
    assert options == ["甲镇"]
    page.keyboard.press("Escape")
    assert "新建单位" not in body and "账户" not in page.locator('[data-testid="stSidebarNav"]').inner_text()
    # The review page, asked for the other township's draft by URL, lists and opens only the clerk's own.
    _sign_in(page, f"{srv.url}/review?report=draft:{other}:{YEAR}", "张三")
    page.get_by_role("heading", name="年报助手 · 审核").wait_for()
    body = _body(page)
    assert "乙乡" not in body
    page.wait_for_url(f"**/review?report=draft%3A{mine}%3A{YEAR}*")
    assert page.get_by_role("button", name="需修改").first.is_disabled()
    # The administrator's page is not there for a clerk, even typed in.
    page.goto(f"{srv.url}/accounts")
    _sign_in(page, f"{srv.url}/accounts", "张三")
    page.wait_for_timeout(500)
    page.keyboard.press("Escape")  # Streamlit's own "page not found" notice: for a clerk the page is not there
    page.get_by_role("heading", name="年报助手 · 起草").wait_for()
    assert "新建账户" not in _body(page)
    assert store.figures(other, YEAR) == before and store.notes(other, YEAR) == "乙乡的机密备注"


def test_a_reviewers_decision_is_theirs_by_name(world, page) -> None:  # type: ignore[no-untyped-def]
    srv, store, _, other = world
    _sign_in(page, f"{srv.url}/review?report=draft:{other}:{YEAR}", "李四")
    page.get_by_role("heading", name="年报助手 · 审核").wait_for()
    page.wait_for_url(f"**/review?report=draft%3A{other}%3A{YEAR}*")  # a reviewer opens any unit's draft
    assert page.get_by_label("审核人").count() == 0  # no box to type another name in
    page.get_by_role("button", name="需修改").first.click()
    page.get_by_text("已处理（1）").wait_for()
    (decision,) = store.decisions(DraftKey(other, YEAR)).values()
    assert decision.reviewer == "李四" and decision.decision == "accept"
    assert any(e.actor == "李四" and e.action == "decision" for e in store.audit_log())


def test_repeated_wrong_passwords_lock_the_account(world, page) -> None:  # type: ignore[no-untyped-def]
    srv, store, _, _ = world
    store.add_unit("丙村")  # nothing to do with the lock: only a name for an account of its own
    Accounts(store).add("赵六", CLERK, PASSWORD)
    for _ in range(5):
        _sign_in(page, srv.url, "赵六", "wrong-password")
        page.get_by_text("用户名或密码不正确。").wait_for()
    _sign_in(page, srv.url, "赵六")
    page.get_by_text("账户已暂时锁定").wait_for()
    assert "年报助手 · 起草" not in _body(page)


def test_the_administrator_creates_a_clerk(world, page) -> None:  # type: ignore[no-untyped-def]
    srv, store, mine, _ = world
    _sign_in(page, f"{srv.url}/accounts", "王五")
    page.get_by_role("heading", name="年报助手 · 账户").wait_for()
    form = page.locator('[data-testid="stForm"]', has_text="初始密码")
    form.get_by_label("用户名").fill("钱七")
    form.get_by_label("初始密码（至少 8 位）").fill(PASSWORD)
    form.locator('[data-testid="stMultiSelect"]').click()
    page.get_by_role("option", name="甲镇").click()
    page.keyboard.press("Escape")
    form.get_by_role("button", name="新建").click()
    page.get_by_text("已新建账户“钱七”（起草人）").wait_for()
    record = store.user_record(name="钱七")
    assert record is not None and record.unit_ids == {mine}
    assert any(e.actor == "王五" and "钱七" in e.detail for e in store.audit_log())
