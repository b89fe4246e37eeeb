"""How fast does the app feel? Two numbers, printed:

1. cold start — from ``streamlit run app.py`` (a fresh database, so the demo unit is seeded too) to the 起草
   page showing its title in headless Chromium. Target: under 5 s.
2. re-check after an edit — for a full report (the 青石岭镇 demo with its five defects, against last year):
   one section edited, ``check`` run, and everything the review page draws from it rendered (highlighted
   sections, the three table grids, the flag CSV). Target: under 300 ms.

Run: ``.venv/bin/python benchmarks/app_speed.py [runs]`` (needs /usr/bin/chromium and playwright for 1).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from appserver import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402

from assistant.appkit import export, review, workspace  # noqa: E402
from assistant.appkit.highlight import cell_marks, grid_html, section_html  # noqa: E402
from assistant.checks import check  # noqa: E402
from assistant.readers import read_report  # noqa: E402
from assistant.writers.layout import grids  # noqa: E402


def cold_start(runs: int) -> list[tuple[float, float]]:
    """(seconds to the health check answering, seconds to the page title visible) per run."""
    from playwright.sync_api import sync_playwright

    out: list[tuple[float, float]] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                server = AppServer(Path(tmp) / "nianbao.db")
                started = time.monotonic()
                try:
                    healthy = server.start()
                    page = browser.new_page(viewport={"width": 1500, "height": 1000})
                    page.goto(server.url)
                    page.get_by_role("heading", name="年报助手 · 起草").wait_for(timeout=30_000)
                    out.append((healthy, time.monotonic() - started))
                    page.close()
                finally:
                    server.stop()
        browser.close()
    return out


def recheck(runs: int) -> list[float]:
    fixtures = ROOT / "fixtures"
    report = read_report(fixtures / "qingshiling-2024.txt")
    last = read_report(fixtures / "qingshiling-2023.txt")
    times: list[float] = []
    for i in range(runs + 2):  # two warm-up rounds: first-call imports and regex compilation are not an edit
        started = time.perf_counter()
        edited = workspace.with_section_text(report, 1, report.text_of(1) + f"本年度共开展培训{i % 9 + 1}次。")
        flags = check(edited, last)
        entries = review.items(flags, {})
        html_parts = [section_html(s.text, [f for f in flags if f.section == s.number]) for s in edited.sections]
        marks = cell_marks(flags)
        html_parts += [grid_html(g, marks) for g in grids(edited.figures).values()]
        export.flags_csv(entries)
        elapsed = time.perf_counter() - started
        if i >= 2:
            times.append(elapsed)
        assert html_parts and flags
    return times


def page_rerun(runs: int) -> tuple[list[float], list[float]]:
    """Whole-script reruns through AppTest (no browser): the 起草 page after a section edit (a new version
    saved, re-checked, redrawn) and the 审核 page on the demo report — what a user waits for after an edit."""
    import os

    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NIANBAO_DB"] = str(Path(tmp) / "nianbao.db")
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        at.button(key="draft-1-2024").click().run()
        draft_times: list[float] = []
        for i in range(runs):
            area = at.text_area(key=f"sec-1-2024-{i + 1}-6")
            started = time.perf_counter()
            area.set_value(area.value + "。").run()
            draft_times.append(time.perf_counter() - started)
        at.switch_page("ui/review_page.py").run()
        review_times: list[float] = []
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            review_times.append(time.perf_counter() - started)
    return draft_times, review_times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if CHROMIUM.exists():
        starts = cold_start(runs)
        page_times = [p for _, p in starts]
        print(
            f"cold start (streamlit run → 起草 page title in Chromium), {runs} runs: "
            f"median {statistics.median(page_times):.2f} s, max {max(page_times):.2f} s "
            f"(server healthy after median {statistics.median(h for h, _ in starts):.2f} s); target < 5 s"
        )
    else:
        print("cold start: skipped (no /usr/bin/chromium)")
    times = recheck(max(runs * 10, 20))
    print(
        f"re-check after an edit (full report, check + highlight + grids + CSV), {len(times)} runs: "
        f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms; target < 300 ms"
    )
    draft_times, review_times = page_rerun(max(runs, 5))
    print(
        f"whole-page rerun after an edit (AppTest): 起草 median {statistics.median(draft_times) * 1000:.0f} ms, "
        f"审核 median {statistics.median(review_times) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
