"""How fast does the checker go? Checks N reports in one process and prints ms per report.

Target (issue 2): at most 5 ms per report on one core, so all ~40,000 townships check in minutes.

The reports are the bundled fixtures and the real seed, read once, then copied with their figures
varied (some copies consistent, some with a broken cell) so every family of checks does real work.
Run: ``make bench`` or ``.venv/bin/python benchmarks/check_speed.py [N]``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.checks import check  # noqa: E402
from assistant.model import Cell, Report  # noqa: E402
from assistant.readers import read_report  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_2d161daa706ddf23.txt"


def sources() -> list[Path]:
    files = sorted(p for p in (ROOT / "fixtures").glob("*") if p.suffix in (".txt", ".md", ".docx", ".html"))
    if SEED.exists():
        files.append(SEED)
    return files


def varied(report: Report, rng: random.Random) -> Report:
    """A copy whose figures differ: one number cell nudged in half the copies."""
    copy = report.model_copy(deep=True)
    if rng.random() < 0.5:
        cells = [(t, r, c) for t, r, c, cell in copy.figures.iter_cells() if cell.is_number]
        if cells:
            t, r, c = rng.choice(cells)
            value = copy.figures.value(t, r, c) or 0
            copy.figures.set(t, r, c, Cell.parse(value + rng.randint(1, 3)))
    return copy


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20241231)
    paths = sources()
    t0 = time.perf_counter()
    read = [(read_report(p), p) for p in paths]
    read_ms = (time.perf_counter() - t0) * 1000 / len(paths)
    by_stem = {p.stem: r for r, p in read}

    def last_year_of(path: Path) -> Report | None:
        # qingshiling-2024 → qingshiling-2023, when such a fixture exists.
        stem = path.stem
        for year in range(2030, 2019, -1):
            if str(year) in stem:
                return by_stem.get(stem.replace(str(year), str(year - 1)).replace("-clean", ""))
        return None

    jobs = []
    for i in range(n):
        report, path = read[i % len(read)]
        jobs.append((varied(report, rng), last_year_of(path)))

    for report, path in read:  # warm-up: lazy imports (cn2an) and first-use caches, once per source
        check(report, last_year_of(path))
    times = []
    flags = 0
    start = time.perf_counter()
    for report, last in jobs:
        t = time.perf_counter()
        flags += len(check(report, last))
        times.append((time.perf_counter() - t) * 1000)
    total = time.perf_counter() - start

    print(f"reports checked : {n} (from {len(paths)} source reports, {sum(1 for _, x in jobs if x)} with last year)")
    print(f"total           : {total:.3f} s, {flags} flags")
    print(
        f"check ms/report : mean {statistics.mean(times):.3f}, median {statistics.median(times):.3f}, "
        f"p95 {sorted(times)[int(0.95 * len(times))]:.3f}, max {max(times):.3f}"
    )
    print(f"read ms/report  : {read_ms:.2f} (reading once per source file, not part of the target)")
    print(f"40,000 townships: {statistics.mean(times) * 40_000 / 1000 / 60:.1f} min of checking on one core")


if __name__ == "__main__":
    main()
