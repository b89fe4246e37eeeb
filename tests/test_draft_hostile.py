"""A hostile model drafting through the command line: its wrong figures, its mobile and its thinking never
reach the written draft, looked for in the file itself (not only by the checker), whatever the format."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from fake_models import HOSTILE_MOBILE, THINKING_MARK
from fake_openai import FakeOpenAI
from test_draft_model import run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The mobile in the spellings a page or a model may use: as planted, spaced, +86 glued on.
MOBILE_SPELLINGS = (HOSTILE_MOBILE, "138 1234 5678", "138-1234-5678", "+86" + HOSTILE_MOBILE)


def _text_of(path: Path) -> str:
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("huge", "suffix"), [(False, ".md"), (True, ".docx")])
def test_nothing_of_the_hostile_model_ships(tmp_path: Path, huge: bool, suffix: str) -> None:
    out = tmp_path / f"draft{suffix}"
    with FakeOpenAI(behaviour="hostile", huge=huge) as server:
        proc = run_cli(
            server,
            "draft",
            "--figures",
            str(FIXTURES / "qingshiling-2024-clean.txt"),
            "--last-year",
            str(FIXTURES / "qingshiling-2023.txt"),
            "--out",
            str(out),
        )
        planted = set(server.planted)
    assert "Traceback" not in proc.stderr
    saved = _text_of(out)
    wrong = {p for p in planted if p != HOSTILE_MOBILE}
    assert wrong, "the hostile model planted no wrong figure: the test would prove nothing"
    assert not {p for p in wrong if p in saved}
    assert not any(m in saved for m in MOBILE_SPELLINGS)
    assert THINKING_MARK not in saved and "think>" not in saved
    assert len(saved) < 30_000  # a megabyte reply does not become a megabyte draft
    flags = json.loads(out.with_name("draft.flags.json").read_text(encoding="utf-8"))
    errors = [f for f in flags["flags"] if f["severity"] == "error"]
    assert proc.returncode == (1 if errors else 0)
    assert HOSTILE_MOBILE not in json.dumps(flags, ensure_ascii=False)
