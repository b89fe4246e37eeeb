"""登录 — the gate app.py runs first when accounts are on (NIANBAO_ACCOUNTS=1): sign in, stay signed in, sign out.

The session token lives only in this browser session's state; the server keeps its hash with an idle expiry.
Every run re-reads the user from the store, so a disabled account or a changed role takes effect at once.
"""

from __future__ import annotations

import streamlit as st

from assistant.accounts import Accounts, User
from assistant.appkit.plain import md
from assistant.settings import Settings
from ui.common import USER, shared_store

_TOKEN = "_session_token"
_EXPIRED = "_session_expired"


def accounts(settings: Settings) -> Accounts:
    return Accounts(shared_store(), settings.session_idle_minutes)


def current_user() -> User | None:
    """The signed-in user of this run; None when accounts are off."""
    return st.session_state.get(USER)


def signed_in(settings: Settings) -> User | None:
    """The signed-in user, re-read from the store; None when accounts are off or nobody is signed in."""
    if not settings.accounts:
        st.session_state.pop(USER, None)
        return None
    token = st.session_state.get(_TOKEN)
    user = accounts(settings).user(token)
    if user is not None:
        st.session_state[USER] = user
        return user
    st.session_state.pop(USER, None)
    if token is not None:  # there was a session: it timed out, or the account was disabled
        st.session_state.pop(_TOKEN)
        st.session_state[_EXPIRED] = True
    return None


def login_page(settings: Settings) -> None:
    """The sign-in form (or, with no account yet, how to make the first administrator)."""
    book = accounts(settings)
    st.title("年报助手 · 登录")
    if not book.exist():
        st.info(
            "尚未建立任何账户。请在服务器上运行 `nianbao user add 姓名 --role 管理员` 创建第一个管理员，再刷新本页。"
        )
        return
    if st.session_state.get(_EXPIRED):
        st.warning("登录已超时或账户已变更，请重新登录。")
    with st.form("login", border=True):
        st.text_input("用户名", key="login_name")
        st.text_input("密码", key="login_password", type="password")
        st.form_submit_button("登录", type="primary", on_click=_sign_in, args=(book,))
    if error := st.session_state.get("login_error"):
        st.error(md(error))


def _sign_in(book: Accounts) -> None:
    done = book.sign_in(st.session_state.get("login_name", ""), st.session_state.get("login_password", ""))
    st.session_state["login_password"] = ""
    if done.token is None:
        st.session_state["login_error"] = done.refused
        return
    st.session_state[_TOKEN] = done.token
    for key in ("login_error", _EXPIRED):
        st.session_state.pop(key, None)


def sign_out(settings: Settings) -> None:
    """The sidebar's 退出登录 (a button callback): end the session here and on the server."""
    user = current_user()
    accounts(settings).sign_out(st.session_state.pop(_TOKEN, None), by=user.name if user else "")
    st.session_state.pop(USER, None)


def account_line(user: User) -> None:
    """Who is signed in, in the sidebar, with the sign-out button; the 审核人 box becomes this name."""
    st.session_state["reviewer"] = user.name
    st.caption(f"当前用户：{md(user.name)}（{user.role}）")
