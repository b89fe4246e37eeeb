"""The unit profile form on the 起草 page (AppTest): saved once per unit, refused with a Chinese message
when the office phone is a mobile, and used by the next draft (no blanks, the 落款 under 六)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assistant.store import Store

FULL = "云岫县青石岭镇人民政府"


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
