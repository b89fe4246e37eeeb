"""Shared test fixtures: where the real seed and the project's fixtures live."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
# shared/ sits beside the checkout (as in CI); NIANBAO_SHARED overrides.
SHARED = Path(os.environ.get("NIANBAO_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_2d161daa706ddf23.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the real seed report is not at {SEED} (set NIANBAO_SHARED)")
    return SEED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def fake_server() -> Iterator[FakeOpenAI]:
    """A scripted OpenAI-compatible server on 127.0.0.1 (tests/fake_openai.py), stopped at teardown."""
    from fake_openai import serve

    yield from serve()
