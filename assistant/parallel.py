"""Map a function over many items on every core, results in the items' order.

``nianbao check FOLDER`` reads and checks each report on its own: with many files, worker processes do the
work and the caller sees the results exactly as a plain ``map`` would give them. Few items, one core or no
``fork`` (the workers inherit the parent's imports instead of paying them again): a plain ``map``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 32  # below this, starting workers costs more than it saves
CHUNK = 8  # items per hand-over: large enough to amortise it, small enough to keep both cores busy
MAX_WORKERS = 8


def workers_for(n_items: int) -> int:
    """How many worker processes ``n_items`` are worth on this machine (1: run in this process)."""
    if n_items < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_WORKERS, n_items // CHUNK))


def start_worker() -> None:
    """Set up a forked worker: it ignores Ctrl-C (the parent answers it) and collects garbage less often."""
    # Ctrl-C reaches every process of the terminal's group: the parent alone answers it (and ends the workers).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the worker inherited (imports, compiled patterns) lives to its end: the cyclic GC stops scanning it.
    # Items make many short-lived objects and few cycles: a larger first generation cuts the collections
    # (0.1-0.4 ms of a report's 6, measured) without holding memory an item does not already hold.
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@contextmanager
def ordered_map(func: Callable[[T], R], items: Sequence[T]) -> Iterator[Iterator[R]]:
    """``map(func, items)``, spread over worker processes when there are enough items; workers end on exit.

    ``func`` must be picklable (a module-level function or a partial of one) and should catch what it can
    report itself: an exception raised in a worker stops the run where it occurs in the items' order.
    """
    n = workers_for(len(items))
    if n == 1:
        yield map(func, items)
        return
    pool = multiprocessing.get_context("fork").Pool(n, initializer=start_worker)
    try:
        yield pool.imap(func, items, chunksize=CHUNK)
        pool.close()
    finally:
        pool.terminate()  # on an error or Ctrl-C, chunks still queued are dropped, not waited for
        pool.join()
