"""The unit profile form: full name, address, office phone, publication place — entered once, saved per unit."""

from __future__ import annotations

import streamlit as st

from assistant.appkit.plain import md
from assistant.drafting.request import DraftRequest, with_profile
from assistant.errors import InputError
from assistant.profile import LABELS, parse_profile
from assistant.store import Store, StoreError, Unit
from ui.common import fault_line

_HELP = {
    "full_name": "落款和联系方式中使用，如：云岫县青石岭镇人民政府",
    "phone": "单位办公电话（座机），不能填写个人手机号码",
    "office": "可选，如：党政办公室",
    "website_url": "以 http:// 或 https:// 开头",
}


def profile_form(s: Store, unit: Unit, read_only: bool = False) -> None:
    """The unit's profile in a form, saved to the store on submit (a bad value is shown, nothing saved).

    ``read_only``: shown but not editable (a reviewer's view; the store refuses their save as well).
    """
    saved = s.profile(unit.id)
    values = saved.model_dump() if saved else {"full_name": unit.full_name or "", "short_name": unit.name}
    done = saved is not None
    with st.expander("单位信息（联系方式、公开专栏、落款）" + ("" if done else "：尚未填写"), expanded=not done):
        with st.form(key=f"profile-{unit.id}"):
            entered = {
                name: st.text_input(
                    label,
                    value=values.get(name) or "",
                    help=_HELP.get(name),
                    key=f"pf-{unit.id}-{name}",
                    disabled=read_only,
                )
                for name, label in LABELS.items()
            }
            submitted = st.form_submit_button("保存单位信息", disabled=read_only)
        if submitted:
            try:
                s.save_profile(unit.id, parse_profile(entered))
            except InputError as exc:
                st.error(md(exc.message))
            except StoreError as exc:  # a database fault, or a save this user may not make
                st.error(fault_line(exc))
            else:
                st.success("已保存。起草时引言的联系方式、公开专栏和文末落款将使用这些信息。")
        elif not done:
            st.caption("填写后，草稿中不再留下“＿＿＿＿”待补的联系方式。")


def drafted_with_profile(req: DraftRequest, s: Store, unit: Unit) -> DraftRequest:
    """The page's draft request with the unit's saved profile applied."""
    return with_profile(req, s.profile(unit.id))
