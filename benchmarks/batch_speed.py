"""How fast does ``nianbao batch`` go? Prints seconds for each run.

Targets (issue 11): 1,000 units offline in under a minute on this 2-core machine; against a model answering in
0.3 s, 24 units at ``--concurrency 8`` at least 5× faster than at 1.

The units are the fixtures' reports, each with its own unit file (tests/batchkit.py); the model is the fake
server of tests/fake_openai.py (its "good" model), a real HTTP server on 127.0.0.1.
Run: ``.venv/bin/python benchmarks/batch_speed.py [N_OFFLINE] [N_MODEL]`` (defaults 1000 and 24; 0 skips a part).

Measured 2026-12-02 on the 2-core machine at low load (load average < 2), after the .docx writer built its
tables in one pass and reused its styled template (a .docx alone cost ≈650 ms of CPU a unit before) and model
batches ran over worker processes with threads in each (before: threads of one process, 2.8×):
  offline, 1,000 units, --formats md:       17.1 s wall (17 ms/unit), CPU 22.9 s
  offline, 1,000 units, --formats docx,md:  38.3 s wall (38 ms/unit), CPU 54.2 s
  model at 0.3 s/answer, 24 units:          K=1 35.6 s, K=8 6.3 s (96 requests each) → 5.7×
Under heavy load (7-9, a full test suite beside it) the offline docx,md run took 197 s wall for the same CPU.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from batchkit import make_units, run_batch, slow_good  # noqa: E402
from fake_openai import FakeOpenAI  # noqa: E402

ANSWER_SECONDS = 0.3


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(server: FakeOpenAI | None, units: Path, out: Path, *options: str) -> tuple[float, float]:
    """Wall and CPU seconds (all processes) of one ``nianbao batch`` run (a unit that failed stops the
    benchmark: it would flatter it). CPU time tells the cost apart from other work on a shared machine."""
    started, cpu = time.monotonic(), _children_cpu()
    proc = run_batch(server, str(units), "--out", str(out), *options, timeout=3600)
    took = time.monotonic() - started
    if proc.returncode > 1:
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return took, _children_cpu() - cpu


def offline(root: Path, n: int) -> None:
    units = make_units(root / f"offline{n}", n)
    for formats in ("md", "docx,md"):
        took, cpu = timed(None, units, root / f"out-offline-{formats}", "--offline", "--formats", formats)
        verdict = "ok" if took < 60 * n / 1000 else "OVER the target (1,000 units in 60 s)"
        print(
            f"offline, {n} units, --formats {formats}: {took:.1f} s ({1000 * took / n:.0f} ms/unit), "
            f"CPU {cpu:.1f} s ({1000 * cpu / n:.0f} ms/unit) {verdict}"
        )


def against_model(root: Path, n: int) -> None:
    units = make_units(root / f"model{n}", n)
    seconds: dict[int, float] = {}
    for k in (1, 8):
        with slow_good(FakeOpenAI(behaviour="good"), ANSWER_SECONDS) as server:
            seconds[k], _ = timed(server, units, root / f"out-k{k}", "--concurrency", str(k), "--formats", "md")
            asked = len(server.chat_requests)
        print(f"model at {ANSWER_SECONDS} s/answer, {n} units, K={k}: {seconds[k]:.1f} s ({asked} requests)")
    gain = seconds[1] / seconds[8]
    print(f"K=8 against K=1: {gain:.1f}x {'ok' if gain >= 5 else '(target 5x)'}")


def main() -> None:
    n_offline = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    n_model = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    with tempfile.TemporaryDirectory(prefix="nianbao-batch-bench-") as tmp:
        root = Path(tmp)
        if n_offline:
            offline(root, n_offline)
        if n_model:
            against_model(root, n_model)


if __name__ == "__main__":
    main()
