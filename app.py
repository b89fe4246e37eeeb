"""年报助手 — the browser face. Thin: reading, checking, drafting and saving live in ``assistant``; this file and
``ui/`` only wire widgets. Run with ``streamlit run app.py`` (``make run``).
"""

from __future__ import annotations

import streamlit as st

from assistant.accounts import User, may_administer
from assistant.appkit.plain import md
from assistant.appkit.reviewloop import REVIEWER_PREF
from assistant.appkit.workspace import LEVEL_CN
from assistant.drafting.settings import SettingsError
from assistant.store import Store, StoreError
from ui.common import (
    fault_line,
    inject_style,
    read_settings,
    resolve_unit,
    resolve_year,
    saving,
    say_faults,
    store,
)
from ui.login import account_line, login_page, sign_out, signed_in

st.set_page_config(page_title="年报助手", page_icon=":material/description:", layout="wide")
inject_style()
settings = read_settings()
try:
    user = signed_in(settings)
except StoreError as exc:
    st.error(fault_line(exc))
    st.stop()
signed_out = settings.accounts and user is None

pages = [
    st.Page("ui/draft_page.py", title="起草", icon=":material/edit_note:", url_path="draft", default=True),
    st.Page("ui/review_page.py", title="审核", icon=":material/fact_check:", url_path="review"),
    st.Page("ui/overview_page.py", title="总览", icon=":material/table_view:", url_path="overview"),
]
if signed_out or (user is not None and may_administer(user)):  # signed out: so a link to it survives sign-in
    pages.append(st.Page("ui/admin_page.py", title="账户", icon=":material/manage_accounts:", url_path="accounts"))
# Signed out, the pages stay registered (hidden), so a link to 审核 still lands there after sign-in.
page = st.navigation(pages, position="hidden" if signed_out else "sidebar")
if signed_out:
    login_page(settings)
    st.stop()


def _create_unit(s: Store) -> None:
    # Runs before the script (a form callback), so it may set the unit picker's state.
    name = (st.session_state.get("new_unit_name") or "").strip()
    if not name:
        st.session_state["new_unit_error"] = "请填写单位名称。"
        return
    level = st.session_state.get("new_unit_level")
    full = (st.session_state.get("new_unit_full") or "").strip() or None
    unit = saving(lambda: s.add_unit(name, full, level), in_callback=True)
    if unit is None:  # the fault is said above the page; the name stays for another try
        st.session_state["new_unit_error"] = f"单位“{name}”未能创建，请稍后再试。"
        return
    st.session_state["unit_id"] = unit.id
    st.session_state.pop("new_unit_error", None)


def _new_unit_form(s: Store) -> None:
    with st.expander("＋ 新建单位"), st.form("new_unit", clear_on_submit=True, border=False):
        st.text_input("单位简称", key="new_unit_name", placeholder="如：青石岭镇")
        st.text_input("单位全称（落款用，可不填）", key="new_unit_full", placeholder="如：云岫县青石岭镇人民政府")
        st.selectbox("层级", list(LEVEL_CN), key="new_unit_level", format_func=LEVEL_CN.__getitem__)
        st.form_submit_button("创建", on_click=_create_unit, args=(s,))
    if st.session_state.get("new_unit_error"):
        st.error(md(st.session_state["new_unit_error"]))


def _sidebar(s: Store, user: User | None) -> None:
    unit = resolve_unit(s)
    units = {u.id: u for u in s.units()}
    if units:
        st.selectbox("单位", list(units), key="unit_id", format_func=lambda i: units[i].name)
    resolve_year(s, unit)
    st.number_input("年度", min_value=2021, max_value=2100, step=1, key="year")
    st.query_params["unit"] = str(st.session_state.get("unit_id", ""))
    st.query_params["year"] = str(st.session_state["year"])
    if may_administer(user):
        _new_unit_form(s)
    if user is None:
        if "reviewer" not in st.session_state:  # kept in the store: the name survives reloads and restarts
            st.session_state["reviewer"] = s.pref(REVIEWER_PREF)
        name = st.text_input("审核人", key="reviewer", placeholder="审核页记录处理人用").strip()
        if name != s.pref(REVIEWER_PREF):  # checked every run, not in a callback: a name typed mid-run is kept too
            saving(lambda: s.set_pref(REVIEWER_PREF, name))
    else:
        account_line(user)
        st.button("退出登录", key="sign_out", on_click=sign_out, args=(settings,))
    st.divider()
    try:
        st.caption(md(settings.model_settings().describe()))
    except SettingsError as exc:
        st.caption(f"离线模式（模板起草）。模型设置有误：{md(exc.message)}")
    st.caption(f"数据保存在：{md(s.path)}")


# A database fault anywhere (corrupt, read-only, locked too long) is said in Chinese, never as a traceback.
try:
    store_now = store()
    with st.sidebar:
        _sidebar(store_now, user)
    say_faults()
    page.run()
except StoreError as exc:
    st.error(fault_line(exc))
