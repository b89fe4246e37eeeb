"""Shared test fixtures: where the real seed and the project's fixtures live; every test's own environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from envkit import isolated_environ

if TYPE_CHECKING:
    from fake_openai import FakeOpenAI
    from streamlit.testing.v1 import AppTest

pytest_plugins = ["browserkit"]  # the Chromium fixtures (browser, page) the e2e modules share

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
# shared/ sits beside the checkout (as in CI); NIANBAO_SHARED overrides.
SHARED = Path(os.environ.get("NIANBAO_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_2d161daa706ddf23.txt"


def require_seed(path: Path) -> Path:
    """``path`` if it exists; else skip on a developer's machine, fail in CI (which lays shared/ beside the clone)."""
    if path.exists():
        return path
    message = f"the real seed report is not at {path} (set NIANBAO_SHARED)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return require_seed(SEED)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No test sees the developer's model settings or touches their database; returns the test's data folder.

    A folder of its own (not tmp_path), so tests that check what their tmp_path holds see only their files.
    Processes a test starts inherit this environment.
    """
    data = tmp_path_factory.mktemp("env")
    wanted = isolated_environ(os.environ, data)
    for name in set(os.environ) - set(wanted):
        monkeypatch.delenv(name)
    for name, value in wanted.items():
        monkeypatch.setenv(name, value)
    return data


@pytest.fixture
def db() -> Path:
    """The database file the product opens by default in this test (``$NIANBAO_DB``, not created yet).

    ``isolated_env`` has set it: autouse fixtures run before the others of their scope.
    """
    return Path(os.environ["NIANBAO_DB"])


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def fake_server() -> Iterator[FakeOpenAI]:
    """A scripted OpenAI-compatible server on 127.0.0.1 (tests/fake_openai.py), stopped at teardown."""
    from fake_openai import serve

    yield from serve()


@pytest.fixture()
def at() -> AppTest:
    """The app (app.py) run once through Streamlit's AppTest, with no exception on its first page."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app
