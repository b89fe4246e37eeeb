"""The unit profile form on the 起草 page (AppTest): saved once per unit, refused with a Chinese message
when the office phone is a mobile, and used by the next draft (no blanks, the 落款 under 六)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.accounts import CLERK, REVIEWER, Accounts
from assistant.store import Store

FULL = "云岫县青石岭镇人民政府"
ROOT = Path(__file__).resolve().parents[1]


def _fill(at: AppTest, **values: str) -> None:
    for name, value in values.items():
        at.text_input(key=f"pf-1-{name}").input(value)
    next(b for b in at.button if b.label == "保存单位信息").click()
    at.run()
    assert not at.exception, at.exception


def test_a_mobile_is_refused_and_nothing_saved(at: AppTest, db: Path) -> None:
    _fill(at, full_name=FULL, address="云岫县青石岭镇人民路8号", phone="13800138000")
    assert any("办公电话：不能填写个人手机号码" in str(e.value) for e in at.error)
    assert Store(db).profile(1) is None


def test_the_saved_profile_fills_the_next_draft(at: AppTest, db: Path) -> None:
    _fill(at, full_name=FULL, address="云岫县青石岭镇人民路8号", phone="0871-6612345", postcode="654300")
    profile = Store(db).profile(1)
    assert profile is not None and profile.phone == "0871-6612345"
    at.button(key="draft-1-2024").click().run()
    assert not at.exception, at.exception
    draft = Store(db).draft(1, 2024)
    assert draft is not None
    preamble = draft.report.text_of(0)
    assert "地址：云岫县青石岭镇人民路8号；邮编：654300；电话：0871-6612345" in preamble and "＿" not in preamble
    assert draft.report.text_of(6).split("\n")[-2] == FULL


def _signed_in(db: Path, monkeypatch: pytest.MonkeyPatch, role: str) -> AppTest:
    """The app with accounts on (NIANBAO_ACCOUNTS=1), signed in as one user of ``role`` (the clerk of unit 1)."""
    monkeypatch.setenv("NIANBAO_ACCOUNTS", "1")
    store = Store(db)
    unit = store.add_unit("青石岭镇")
    book = Accounts(store)
    book.add("用户甲", role, "password-123", [unit.id] if role == CLERK else [])
    token = book.sign_in("用户甲", "password-123").token
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["_session_token"] = token
    app.run()
    assert not app.exception, app.exception
    assert any("年报助手 · 起草" in str(t.value) for t in app.title)
    return app


def test_a_reviewer_sees_the_profile_but_cannot_change_it(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _signed_in(db, monkeypatch, REVIEWER)
    inputs = [t for t in at.text_input if (t.key or "").startswith("pf-1-")]
    assert inputs and all(t.disabled for t in inputs)
    (save,) = [b for b in at.button if b.label == "保存单位信息"]
    assert save.disabled
    # (The store refuses a reviewer's save too: tests/test_accounts_guard.py.)


def test_the_units_clerk_fills_the_profile(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _signed_in(db, monkeypatch, CLERK)
    assert not any(t.disabled for t in at.text_input if (t.key or "").startswith("pf-1-"))
    _fill(at, full_name=FULL, address="云岫县青石岭镇人民路8号", phone="0871-6612345")
    profile = Store(db).profile(1)
    assert profile is not None and profile.full_name == FULL
