"""What every page shares: the store, the chosen unit and year (kept in the URL so a reload lands there)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from assistant.appkit import export
from assistant.appkit.highlight import STYLE
from assistant.appkit.plain import md
from assistant.appkit.review import Item
from assistant.appkit.workspace import seed_demo
from assistant.errors import AssistantError
from assistant.guard import GuardedStore
from assistant.model import Report
from assistant.readers import read_report_bytes
from assistant.settings import Settings
from assistant.store import Store, StoreError, Unit

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    store = Store(path)
    seed_demo(store, FIXTURES)  # first start only (claimed once per database file)
    return store


_SETTINGS = "_settings"


def read_settings() -> Settings:
    """Read the environment once for this run (app.py, first thing); the page then takes it from :func:`settings`.

    Read on every run, not cached: tests and users point NIANBAO_DB elsewhere without a restart.
    """
    st.session_state[_SETTINGS] = Settings()
    return st.session_state[_SETTINGS]


def settings() -> Settings:
    """This run's settings, as app.py read them."""
    return st.session_state[_SETTINGS]


USER = "_user"  # the signed-in user (assistant.accounts.User), set by ui/login.py's gate on every run


def shared_store() -> Store:
    """The store of this database file as every session shares it, with no user's limits."""
    return _store(str(settings().db_path))


def store() -> Store:
    """The store as this session may use it: limited to the signed-in user's units when accounts are on."""
    user = st.session_state.get(USER)
    return GuardedStore(shared_store(), user) if user is not None else shared_store()


T = TypeVar("T")
_FAULTS = "_store_faults"


def fault_line(exc: StoreError) -> str:
    """A database fault as the page says it: what is wrong, what to do, and which file."""
    # Our own message and the configured file name: no report text, so shown as it is.
    return f"{exc.message}（{exc.path}）" if exc.path else exc.message


def saving(action: Callable[[], T], *, in_callback: bool = False) -> T | None:
    """Run a save; on a database fault say so in Chinese and return None, leaving what was typed where it is.

    In a widget callback nothing can be shown yet: the fault is kept and :func:`say_faults` shows it once the
    page runs. Elsewhere it is shown at once and the page goes on, so every widget (and its typed value) stays.
    """
    try:
        return action()
    except StoreError as exc:
        if in_callback:
            st.session_state.setdefault(_FAULTS, []).append(fault_line(exc))
        else:
            st.error(fault_line(exc))
        return None


def say_faults() -> None:
    """Show the database faults met by this run's callbacks (app.py, above the page)."""
    for line in st.session_state.pop(_FAULTS, []):
        st.error(line)


def default_year() -> int:
    # In January–March clerks write last year's report; the rest of the year they prepare this year's.
    today = dt.date.today()
    return today.year - 1 if today.month <= 3 else today.year


def _query_int(name: str) -> int | None:
    raw = st.query_params.get(name)
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


def resolve_unit(s: Store) -> Unit | None:
    """The unit being worked on: this session's choice, else the URL's, else the first one.

    Called by app.py before the sidebar's pickers exist (it sets their state); pages use :func:`selected`."""
    units = s.units()
    if not units:
        return None
    wanted = st.session_state.get("unit_id") or _query_int("unit")
    unit = next((u for u in units if u.id == wanted), units[0])
    st.session_state["unit_id"] = unit.id
    st.query_params["unit"] = str(unit.id)
    return unit


def resolve_year(s: Store, unit: Unit | None) -> int:
    year = st.session_state.get("year") or _query_int("year")
    if year is None and unit is not None:
        years = s.years(unit.id)
        year = years[0] if years else None
    year = int(year or default_year())
    st.session_state["year"] = year
    st.query_params["year"] = str(year)
    return year


def selected(s: Store) -> tuple[Unit | None, int]:
    """The unit and year the sidebar shows (read-only: the pickers own these keys by now)."""
    unit_id = st.session_state.get("unit_id")
    unit = s.unit(int(unit_id)) if unit_id is not None else None
    return unit, int(st.session_state.get("year") or default_year())


# Streamlit has no UI locale: the file uploader's English button and size line are replaced by Chinese here.
CHROME = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "选择文件"; font-size: 0.9rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "或把文件拖到这里（不超过 20 MB）"; font-size: 0.8rem; }
/* "Press Enter to apply" under focused inputs is English; the pages say in Chinese when edits are saved. */
[data-testid="InputInstructions"] { display: none; }
/* Narrow screens (800 px with the sidebar open): side-by-side columns stack instead of squeezing buttons
   to one character; Streamlit itself only stacks below 640 px. */
@media (max-width: 1000px) {
  [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
  [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] { min-width: min(100%, 18rem) !important; }
}
/* The grids' hover toolbar (search, download, columns) has English tooltips and nothing a clerk needs. */
[data-testid="stDataFrame"] [data-testid="stElementToolbar"] { display: none; }
</style>
"""


def inject_style() -> None:
    st.html(STYLE + CHROME)


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_downloads(report: Report, entries: list[Item], columns: list, key: str) -> None:
    """The three downloads both pages offer: .docx, .md and the flag list as CSV (built on click)."""
    stem = export.file_stem(report)
    downloads = (
        ("docx", "下载 Word（.docx）", lambda: export.docx_bytes(report), f"{stem}.docx", DOCX_MIME),
        ("md", "下载 Markdown（.md）", lambda: export.markdown_bytes(report), f"{stem}.md", "text/markdown"),
        ("csv", "下载问题清单（.csv）", lambda: export.flags_csv(entries), f"{stem}-问题清单.csv", "text/csv"),
    )
    for column, (kind, label, data, name, mime) in zip(columns, downloads, strict=False):  # a page may add its own
        column.download_button(label, data, file_name=name, mime=mime, key=f"dl-{kind}-{key}")


def new_upload(upload: UploadedFile | None, done_key: str, what: str) -> Report | None:
    """The report in an upload this page has not taken yet; None when there is none or it cannot be read (said)."""
    if upload is None or st.session_state.get(done_key) == upload.file_id:
        return None
    st.session_state[done_key] = upload.file_id  # taken once, even when unreadable: the error stays on screen
    try:
        return read_report_bytes(upload.getvalue(), upload.name)
    except AssistantError as exc:
        st.error(f"无法读取{what}：{md(exc.message)}")
        return None
