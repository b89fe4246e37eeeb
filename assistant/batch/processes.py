"""A model batch over worker processes: each drafting unit costs CPU (checks, pinning) that threads of one
process cannot share under the GIL, so the K units in flight are spread over one process a core.

The workers are forked (they inherit the imports and the unit list) and take unit numbers from one queue as
their threads come free, so a slow unit never holds back the others; outcomes come back on another queue and
the parent records them, as :func:`run_batch` does for threads. Each worker opens its own connection to the job
store (an SQLite connection must not cross a fork; the store's WAL journal lets the processes read while one
writes) and holds 1/P of the rate limits. A worker whose parent is gone (killed, SIGKILL included) ends at once,
so a killed run leaves nothing asking the model behind it.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.context import ForkProcess
from multiprocessing.queues import Queue
from pathlib import Path

from assistant.batch.jobs import FAILED, JobStore
from assistant.batch.runner import Outcome, Plan, unit_drafter
from assistant.drafting.sources import UnitFiles
from assistant.parallel import start_worker  # Ctrl-C to the parent alone; GC as for `check`

ORPHAN_POLL = 0.1  # seconds between a worker's looks at whether its parent still runs
RESULT_POLL = 1.0  # seconds the parent waits for an outcome before it looks whether the workers still run


@dataclass(frozen=True)
class _Share:
    """A worker's part: the job store's folder, its threads, how many processes split the limits, its parent."""

    out: Path
    threads: int
    processes: int
    parent: int


def _preload() -> None:
    """Import here what drafting a unit imports on first use: the workers inherit it, instead of each paying
    the imports (≈1.5 s of CPU: the SDK, the readers) at once on the same cores."""
    from assistant.appkit import export  # noqa: F401
    from assistant.batch import outputs, overview  # noqa: F401
    from assistant.drafting import pipeline  # noqa: F401
    from assistant.drafting.client import preload_sdk
    from assistant.readers import text  # noqa: F401  # text and Markdown figures; the other readers build on it

    preload_sdk()


def _end_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_POLL)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _worker(
    units: list[UnitFiles], plan: Plan, share: _Share, tasks: Queue[int | None], results: Queue[Outcome]
) -> None:
    """One worker process: ``share.threads`` threads drafting the units whose numbers they take from ``tasks``."""
    start_worker()
    _end_with_parent(share.parent)
    with JobStore(share.out) as store, unit_drafter(plan, store, share.processes) as one:

        def work() -> None:
            while (index := tasks.get()) is not None:
                results.put(one(units[index]))

        workers = [threading.Thread(target=work) for _ in range(share.threads)]
        for t in workers:
            t.start()
        for t in workers:
            t.join()


def in_processes(units: list[UnitFiles], plan: Plan, store: JobStore, processes: int) -> Iterator[Outcome]:
    """Each unit's outcome as it ends, the units drafted by ``processes`` workers sharing K threads."""
    import multiprocessing

    _preload()
    ctx = multiprocessing.get_context("fork")
    tasks: Queue[int | None] = ctx.Queue()
    results: Queue[Outcome] = ctx.Queue()
    k = plan.concurrency  # never fewer than the processes (model_processes)
    shares = [k // processes + (i < k % processes) for i in range(processes)]
    for index in range(len(units)):
        tasks.put(index)
    for _ in range(k):
        tasks.put(None)  # one stop per thread
    out, parent = store.path.parent, os.getpid()
    workers: list[ForkProcess] = [
        ctx.Process(target=_worker, args=(units, plan, _Share(out, n, processes, parent), tasks, results), daemon=True)
        for n in shares
    ]
    for w in workers:
        w.start()
    try:
        yield from _collect(units, workers, results)
        for w in workers:
            w.join()
    finally:
        for w in workers:
            if w.is_alive():
                w.terminate()
                w.join()


def _collect(units: list[UnitFiles], workers: list[ForkProcess], results: Queue[Outcome]) -> Iterator[Outcome]:
    """The outcomes as they come; a unit left without one when every worker has ended is a recorded failure."""
    waiting = {unit.name for unit in units}
    while waiting:
        try:
            outcome = results.get(timeout=RESULT_POLL)
        except queue.Empty:
            if any(w.is_alive() for w in workers):
                continue
            for name in sorted(waiting):  # a worker died (killed, out of memory) holding these
                yield Outcome(name, FAILED, {"message": "内部错误（起草进程意外退出）"})
            return
        waiting.discard(outcome.unit)
        yield outcome
