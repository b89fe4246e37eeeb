"""End to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against
``streamlit run app.py`` started here with its own database and no model configured.

Screenshots land in test-output/ for people to look at. Never ``playwright install``: the system browser is used.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from appserver import CHROMIUM, ROOT, AppServer

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="needs the playwright package (pip install playwright)"
)

SHOTS = ROOT / "test-output"
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    tmp = tmp_path_factory.mktemp("e2e")
    srv = AppServer(tmp / "nianbao.db", log=tmp / "streamlit.log")
    srv.start()
    yield srv
    srv.stop()


def _open(page, url: str, title: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_role("heading", name=title).wait_for()
    page.wait_for_load_state("networkidle")


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def _edit_cell(page, editor_index: int, row: int, value: str) -> None:  # type: ignore[no-untyped-def]
    """Type a value into the last number column of a data editor (a canvas grid) at ``row``.

    Click selects the cell, Enter opens its editor (an <input class="gdg-input">); the grid sometimes
    misses a click while it re-renders after a rerun, so the click is retried until the editor opens.
    """
    grid = page.locator('[data-testid="stDataFrame"]').nth(editor_index)
    editor_input = page.locator("input.gdg-input")
    for _ in range(6):
        grid.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box = grid.locator("canvas").first.bounding_box()
        assert box is not None
        header, height = 35, 35  # Streamlit's default header and row heights
        mark = 80  # the read-only 提示 column after the numbers (ui/draft_page.py)
        x, y = box["x"] + box["width"] - mark - 30, box["y"] + header + row * height + height / 2
        page.mouse.move(x - 150, y + 150)
        page.mouse.click(x, y)
        page.wait_for_timeout(250)
        page.keyboard.press("Enter")
        try:
            editor_input.wait_for(timeout=1500)
            break
        except playwright_api.TimeoutError:
            page.keyboard.press("Escape")
    editor_input.fill(value)
    editor_input.press("Enter")
    editor_input.wait_for(state="detached")


# The codes of the open flags, in page order (the settled ones sit in the 已处理 expander).
OPEN_CODES_JS = (
    "() => [...document.querySelectorAll('code')]"
    ".filter(c => !c.closest('[data-testid=\"stExpander\"]')).map(c => c.innerText.trim())"
)


def test_review_page_shows_the_seed_reports_flags(server: AppServer, page, seed_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{server.url}/review", "年报助手 · 审核")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(seed_path))
    page.get_by_text("白石山镇").first.wait_for()
    for code in ("S-NUMBERING", "C-FEES-MISSING", "S-TITLE"):
        page.locator("code", has_text=code).first.wait_for()
    page.wait_for_timeout(300)
    _shot(page, "e2e-review-seed.png")
    # exactly the seed's five flags are listed, and nothing else
    assert sorted(page.evaluate(OPEN_CODES_JS)) == [
        "C-FEES-MISSING",
        "S-NUMBERING",
        "S-NUMBERING",
        "S-NUMBERING",
        "S-TITLE",
    ]
    # the flagged words are highlighted in the report, coloured by severity and named by their code
    marks = page.locator("mark.nb-warn").evaluate_all("els => els.map(e => [e.title, e.innerText.trim()])")
    assert ["S-TITLE", "白石山镇政府信息公开工作年度报告"] in marks
    assert {code for code, _ in marks} <= {"S-TITLE", "S-NUMBERING", "C-FEES-MISSING"}


def test_enter_figures_draft_offline_and_download_docx(server: AppServer, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    _open(page, server.url, "年报助手 · 起草")
    page.get_by_text("已读取：").wait_for()
    _shot(page, "e2e-draft-start.png")
    # 表三 is the fifth grid (after 表二's four blocks): 一、本年新收 · 总计 from 6 to 99 → table flags appear
    _edit_cell(page, 4, 0, "99")
    page.locator("code", has_text="T-ROW-TOTAL").first.wait_for()
    page.wait_for_timeout(300)
    _shot(page, "e2e-draft-table-flags.png")
    # Enter moved the selection down a row; the clerk goes back up with the arrow key and corrects it
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    editor_input = page.locator("input.gdg-input")
    editor_input.fill("6")
    editor_input.press("Enter")
    page.locator("code", has_text="T-ROW-TOTAL").first.wait_for(state="detached")
    page.get_by_role("button", name="起草", exact=True).click()
    page.get_by_role("heading", name=re.compile("⑤ 草稿")).wait_for()
    page.get_by_text("0 个错误").first.wait_for()
    page.get_by_role("heading", name=re.compile("⑤ 草稿")).scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    _shot(page, "e2e-draft-sections.png")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Word（.docx）").click()
    download = info.value
    assert download.suggested_filename == "青石岭镇2024年政府信息公开工作年度报告.docx"
    target = tmp_path / "draft.docx"
    download.save_as(target)
    document = docx.Document(io.BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "青石岭镇2024年政府信息公开工作年度报告" in text
    assert "一、总体情况" in text and "六、其他需要报告的事项" in text
    assert len(document.tables) >= 3


def test_dismissal_survives_a_server_restart(server: AppServer, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{server.url}/review", "年报助手 · 审核")
    reviewer = page.get_by_label("审核人")
    reviewer.fill("王审核")
    reviewer.press("Enter")
    dismiss = page.get_by_role("button", name="忽略").first
    dismiss.wait_for()
    page.wait_for_function(
        "() => ![...document.querySelectorAll('button')].some(b => b.innerText.trim() === '忽略' && b.disabled)"
    )
    before = page.evaluate(OPEN_CODES_JS)
    assert before, "the review page shows no open flag to dismiss"
    dismissed = before[0]  # the first 忽略 button belongs to the first open flag
    dismiss.click()
    page.get_by_text("已处理（1）").wait_for()
    server.stop()
    server.start()
    page.reload()
    page.get_by_role("heading", name="年报助手 · 审核").wait_for()
    page.get_by_text("已处理（1）").click()
    settled = page.locator('[data-testid="stExpander"]', has_text="已处理（1）")
    settled.get_by_text("王审核").first.wait_for()
    # what the reviewer sees after the restart: the flag is among the settled ones, marked 忽略 by 王审核,
    # and gone from the open flags, which are otherwise unchanged
    assert settled.locator("code").all_inner_texts() == [dismissed]
    assert re.search(rf"{dismissed}\s*忽略\s*·\s*王审核", settled.inner_text())
    remaining = list(before)
    remaining.remove(dismissed)
    assert page.evaluate(OPEN_CODES_JS) == remaining
    assert page.get_by_text(re.compile(r"已处理 1$")).count() == 1  # the count in the report's heading line
    page.get_by_text("已处理（1）").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    _shot(page, "e2e-review-after-restart.png")


def test_locate_brings_the_flagged_span_and_cell_into_view(server: AppServer, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{server.url}/review", "年报助手 · 审核")
    page.get_by_role("combobox", name="打开").click()
    page.get_by_role("option", name=re.compile("示例：青石岭镇")).click()
    page.locator("code", has_text="N-MISMATCH").first.wait_for()
    codes = page.locator("code").all_inner_texts()
    page.get_by_role("button", name="定位").nth(codes.index("N-MISMATCH")).click()
    focus = page.locator("mark#nb-focus")
    focus.wait_for()
    assert focus.inner_text() == "本年度共收到政府信息公开申请5件"
    page.wait_for_timeout(800)
    assert focus.is_visible() and page.evaluate(
        "() => { const r = document.getElementById('nb-focus').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    _shot(page, "e2e-review-locate.png")
    page.get_by_text(re.compile(r"^三（")).first.click()  # section 三: the table, the cell the flag names
    page.locator("td.nb-err#nb-focus").wait_for()
    page.locator("td.nb-err#nb-focus").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    _shot(page, "e2e-review-table-cell.png")


# Per grid: [its width, the width its columns need, the width shown] (a scroller wider than shown scrolls sideways).
GRID_WIDTHS_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(g => {
  const s = g.querySelector('.dvn-scroller');
  return [g.getBoundingClientRect().width, s.scrollWidth, s.clientWidth]; })"""
# Visible buttons of the page (not the sidebar's) whose text wraps: a squeezed button grows tall and thin.
SQUEEZED_BUTTONS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] button')]
  .filter(b => b.offsetParent !== null && b.innerText.trim().length > 1)
  .filter(b => { const r = b.getBoundingClientRect(); return r.height > 60 || r.width < 40; })
  .map(b => b.innerText.trim())"""


def _grid_rows(page, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    # The canvas grid keeps an accessible copy of its cells as a table: what a screen reader (and this test) reads.
    table = page.locator('[data-testid="stDataFrame"]').nth(index).locator("table")
    return list(table.evaluate("t => [...t.querySelectorAll('tr')].map(r => r.textContent)"))


def test_the_figures_grid_at_1280_and_800_px(server: AppServer, browser) -> None:  # type: ignore[no-untyped-def]
    for width in (1280, 800):
        context = browser.new_context(viewport={"width": width, "height": 1000}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        _open(page, server.url, "年报助手 · 起草")
        page.get_by_text("已读取：").wait_for()
        page.locator('[data-testid="stDataFrame"] .dvn-scroller').nth(5).wait_for()
        page.wait_for_timeout(500)
        grids = page.evaluate(GRID_WIDTHS_JS)
        assert len(grids) == 6
        if width == 1280:  # every column of every grid shows without sideways scrolling
            assert [g for g in grids if g[1] > g[2] + 1] == []
        assert page.evaluate(SQUEEZED_BUTTONS_JS) == []
        for i in range(len(grids)):
            page.locator('[data-testid="stDataFrame"]').nth(i).scroll_into_view_if_needed()
            page.wait_for_timeout(200)
            page.locator('[data-testid="stDataFrame"]').nth(i).screenshot(path=str(SHOTS / f"e2e-grid-{width}-{i}.png"))
        _shot(page, f"e2e-draft-{width}.png")
        _open(page, f"{server.url}/review", "年报助手 · 审核")
        page.locator("code").first.wait_for()
        assert page.evaluate(SQUEEZED_BUTTONS_JS) == []
        _shot(page, f"e2e-review-{width}.png")
        context.close()


def test_a_cleared_cell_is_empty_and_flagged_cells_are_marked(server: AppServer, page) -> None:  # type: ignore[no-untyped-def]
    _open(page, server.url, "年报助手 · 起草")
    page.get_by_text("已读取：").wait_for()
    table3 = page.locator('[data-testid="stDataFrame"]').nth(4)
    table3.locator("table").wait_for(state="attached")
    assert not any("【" in row for row in _grid_rows(page, 4))
    _edit_cell(page, 4, 0, "")  # 一、本年新收 · 总计 cleared
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stDataFrame\"]')[4].querySelector('table').innerText"
        ".includes('【')"
    )
    rows = _grid_rows(page, 4)
    assert rows[1].startswith("【") and rows[1].endswith("总计") and not any("None" in row for row in rows)
    assert "还有 1 个格子未填" in page.locator('[data-testid="stMain"]').inner_text()
    table3.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    table3.screenshot(path=str(SHOTS / "e2e-grid-cleared-cell.png"))
    _edit_cell(page, 4, 0, "6")  # put back for the other tests
    page.wait_for_function(
        "() => !document.querySelectorAll('[data-testid=\"stDataFrame\"]')[4].querySelector('table').innerText"
        ".includes('【')"
    )


@pytest.fixture()
def image_server() -> Iterator[tuple[str, list[str]]]:
    """An image server on 127.0.0.1 that records every path asked of it: the page must never ask."""
    import http.server
    import threading

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the http.server hook's name
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()
    httpd.server_close()


def test_markdown_in_a_report_or_a_unit_name_never_fetches_anything(  # type: ignore[no-untyped-def]
    server: AppServer, page, seed_path: Path, tmp_path: Path, image_server: tuple[str, list[str]]
) -> None:
    base, asked = image_server
    hostile = f"![x]({base}/report.png) <img src={base}/tag.png> **粗体** [链接]({base}/link)"
    text = seed_path.read_text(encoding="utf-8")
    part_one = text.index("一、")  # in the preamble, before part one
    report = tmp_path / "带图片的年报.txt"
    report.write_text(text[:part_one] + hostile + "\n" + text[part_one:], encoding="utf-8")
    # a unit named with markdown, shown on the draft page
    _open(page, server.url, "年报助手 · 起草")
    page.get_by_text("＋ 新建单位").click()
    sidebar = page.get_by_test_id("stSidebarUserContent")
    sidebar.get_by_label("单位简称").fill(f"![u]({base}/unit.png)镇")
    sidebar.get_by_role("button", name="创建").click()
    page.get_by_text("/unit.png)镇 ·").first.wait_for()
    # shown as its characters: not an image, and not a link either (GFM would make the bare address one)
    assert page.get_by_text("![u](http:").count() >= 1 and page.locator(f'a[href^="{base}"]').count() == 0
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
    upload.set_input_files(str(report))  # as last year's report: its headline and problems are shown
    page.get_by_text("已读取：").wait_for()
    page.wait_for_load_state("networkidle")
    # the same report on the review page
    _open(page, f"{server.url}/review", "年报助手 · 审核")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(report))
    page.locator("code", has_text="S-NUMBERING").first.wait_for()
    page.get_by_text(re.compile(r"标题与前言")).first.click()
    page.get_by_text("**粗体**").first.wait_for()  # the report's text is shown as it is, characters and all
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    _shot(page, "e2e-review-markdown.png")
    assert page.locator(f'a[href^="{base}"]').count() == 0  # the report's addresses are not links
    assert asked == []
