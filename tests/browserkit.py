"""The headless Chromium the browser tests share: one browser per module, a fresh Chinese-locale page per test.

A plugin (tests/conftest.py names it): the fixtures ``browser`` and ``page`` are there for every test module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from appserver import CHROMIUM, CHROMIUM_ARGS

TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True, locale="zh-CN")
    p = context.new_page()
    p.set_default_timeout(TIMEOUT_MS)
    yield p
    context.close()
