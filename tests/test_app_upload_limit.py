"""A 25 MB upload: Streamlit lets it through to the app, the app refuses it in Chinese, and the page shows
nothing of the report that was open before."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_streamlit_passes_a_25_mb_file_on_to_the_app() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] > 25  # MB: below that Streamlit refuses in English, silently


def test_a_25_mb_upload_is_refused_in_chinese_and_nothing_stale_is_shown(at: AppTest, seed_path: Path) -> None:
    at.switch_page("ui/review_page.py").run()
    at.file_uploader[0].set_value((seed_path.name, seed_path.read_bytes(), "text/plain")).run()
    assert any("白石山镇" in str(m.value) for m in at.markdown)
    big = b"PK\x03\x04" + b"\x00" * (25 * 1024 * 1024)
    at.file_uploader[0].set_value(("大文件.docx", big, DOCX)).run()
    assert not at.exception, at.exception
    errors = [str(e.value) for e in at.error]
    assert any("文件过大" in e and "MB" in e for e in errors), errors
    shown = " ".join(str(m.value) for m in [*at.markdown, *at.text, *at.caption])
    assert "白石山镇" not in shown and "S-NUMBERING" not in shown  # the previous report is gone from the page
    assert not [b for b in at.button if b.label == "忽略"]
    at.run()  # and stays gone on the next run while the file sits in the uploader
    assert any("文件过大" in str(e.value) for e in at.error)
    assert not any("白石山镇" in str(m.value) for m in at.markdown)
