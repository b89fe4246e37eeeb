"""账户 — the administrator's page (accounts on only): create accounts, bind clerks to units, disable, and the log."""

from __future__ import annotations

import streamlit as st

from assistant.accounts import ACTION_CN, ROLES, AccountError, may_administer
from assistant.appkit.plain import md
from ui.common import settings, store
from ui.login import accounts, current_user

user = current_user()
if user is None or not may_administer(user):  # app.py lists this page for administrators only; a typed URL too
    st.error("只有管理员可以管理账户。")
    st.stop()

s = store()
book = accounts(settings())
units = {u.id: u.name for u in s.units()}
st.title("年报助手 · 账户")


def _create() -> None:
    # A form callback: runs before the page, so the outcome is kept for the page to say.
    try:
        made = book.add(
            st.session_state.get("acct_name", ""),
            st.session_state.get("acct_role", ROLES[0]),
            st.session_state.get("acct_password", ""),
            st.session_state.get("acct_units", []),
            by=user.name,
        )
    except AccountError as exc:
        st.session_state["acct_note"] = ("error", exc.message)
        return
    st.session_state["acct_note"] = ("success", f"已新建账户“{made.name}”（{made.role}）。")
    for key in ("acct_name", "acct_password"):
        st.session_state[key] = ""
    st.session_state["acct_units"] = []


st.header("新建账户")
with st.form("new_account", border=True):
    cols = st.columns(3)
    cols[0].text_input("用户名", key="acct_name")
    cols[1].selectbox("角色", ROLES, key="acct_role")
    cols[2].text_input("初始密码（至少 8 位）", key="acct_password", type="password")
    st.multiselect("负责的单位（起草人只能看到和修改这些单位）", list(units), key="acct_units", format_func=units.get)
    st.form_submit_button("新建", type="primary", on_click=_create)
if note := st.session_state.pop("acct_note", None):
    (st.error if note[0] == "error" else st.success)(md(note[1]))

st.header("已有账户")
records = book.users()
st.dataframe(
    [
        {
            "用户名": r.name,
            "角色": r.role,
            "状态": "正常" if r.active else "已停用",
            "负责单位": "、".join(units.get(i, str(i)) for i in sorted(r.unit_ids)),
        }
        for r in records
    ],
    hide_index=True,
)
if records:
    # The account is picked outside the form, so its current values fill the form at once.
    name = st.selectbox("修改账户", [r.name for r in records], key="chg_name")
    with st.form("change_account", border=True):
        record = next(r for r in records if r.name == name)
        cols = st.columns(3)
        role = cols[0].selectbox("角色", ROLES, index=ROLES.index(record.role), key=f"chg_role-{name}")
        active = cols[1].checkbox("允许登录", value=record.active, key=f"chg_active-{name}")
        password = cols[2].text_input("重设密码（不改请留空）", type="password", key=f"chg_pw-{name}")
        chosen = st.multiselect(
            "负责的单位", list(units), default=sorted(record.unit_ids & set(units)), format_func=units.get
        )
        if st.form_submit_button("保存修改"):
            try:
                book.change(name, role=role, active=active, unit_ids=chosen, password=password or None, by=user.name)
            except AccountError as exc:
                st.error(md(exc.message))
            else:
                st.success(f"已保存“{md(name)}”的修改。")

st.header("操作记录")
st.dataframe(
    [
        {
            "时间": e.at,
            "操作人": e.actor,
            "操作": ACTION_CN.get(e.action, e.action),
            "单位": units.get(e.unit_id, "") if e.unit_id is not None else "",
            "年度": e.year or "",
            "内容": e.detail,
        }
        for e in s.audit_log(300)
    ],
    hide_index=True,
)
