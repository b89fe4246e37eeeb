"""A report whose text repeats itself: one flag per finding, and the review page shows it without a crash."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assistant.appkit import review
from assistant.checks import AGAINST_LAST, ON_REPORT, check
from assistant.model import Flag
from assistant.readers import read_report_text
from assistant.store import UploadKey


def _doubled(fixtures_dir: Path) -> str:
    text = (fixtures_dir / "qingshiling-2024.txt").read_text(encoding="utf-8")
    return text + "\n" + text


def test_identical_flags_are_merged_in_order(fixtures_dir: Path) -> None:
    report = read_report_text(_doubled(fixtures_dir))
    raw = [f for family in ON_REPORT for f in family(report)] + [f for run in AGAINST_LAST for f in run(report, None)]
    flags = check(report)
    identities = [f.model_dump_json() for f in flags]
    assert len(identities) == len(set(identities)) < len(raw)  # the repeated findings came twice, shown once
    assert set(identities) == {f.model_dump_json() for f in raw}  # nothing else lost


def test_flags_sharing_an_id_get_their_own_widget_keys() -> None:
    same_place = [Flag(code="S-NUMBERING", severity="warning", message=m, section=3) for m in ("甲", "乙")]
    entries = review.items(same_place, {})
    assert entries[0].id == entries[1].id  # one decision covers both
    key = UploadKey("abc")
    assert review.widget_key("dis", key, entries[0]) != review.widget_key("dis", key, entries[1])


def test_the_review_page_opens_a_report_that_repeats_itself(at: AppTest, fixtures_dir: Path) -> None:
    at.switch_page("ui/review_page.py").run()
    at.file_uploader[0].set_value(("重复.txt", _doubled(fixtures_dir).encode("utf-8"), "text/plain")).run()
    assert not at.exception, at.exception
    assert any("S-NUMBERING" in m for m in (str(e.value) for e in at.markdown))
    assert [b for b in at.button if b.label == "忽略"]
