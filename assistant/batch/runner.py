"""Draft every unit of a batch: K at a time, each unit's failure recorded, finished units skipped on a rerun.

A unit's files are written under temporary names and renamed, and only then is the unit recorded as done: a
run killed at any moment leaves either a whole draft or none, and the rerun drafts what is not done, its model
answers taken from the job store.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from assistant.batch.cache import CachingClient
from assistant.batch.jobs import DONE, FAILED, WAITING, JobStore
from assistant.batch.limits import RateLimiter
from assistant.drafting.client import ModelClient
from assistant.drafting.settings import ModelSettings
from assistant.drafting.sources import UnitFiles
from assistant.errors import AssistantError

FORMATS = ("docx", "md")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def folder_name(unit: str) -> str:
    """The unit's folder in OUT: its name, made safe as a file name (Chinese kept)."""
    return _UNSAFE.sub("_", unit).strip(" ._") or "_"


@dataclass(frozen=True)
class Outcome:
    """One unit's result: its state, its summary row, and the model requests it still waits for."""

    unit: str
    state: str
    row: dict[str, Any]
    deferred: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: bool = False  # finished in an earlier run


@dataclass(frozen=True)
class Plan:
    """How a batch drafts: where it writes, which model (None: offline), how many at once, which files."""

    out: Path
    model: ModelSettings | None = None
    prompts: Path | None = None
    concurrency: int = 1
    rpm: int | None = None
    tpm: int | None = None
    defer: bool = False  # model requests go to a requests file instead of the model
    formats: tuple[str, ...] = FORMATS


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, AssistantError):
        return exc.one_line()
    if isinstance(exc, OSError):
        return f"无法读写文件（{exc.strerror or exc}）{f'：{exc.filename}' if exc.filename else ''}"
    return f"内部错误（{type(exc).__name__}: {exc}）"


def draft_unit(unit: UnitFiles, plan: Plan, client: CachingClient | None = None) -> Outcome:
    """Draft one unit and write its files; any failure becomes the unit's recorded error, never an exception."""
    try:
        req = unit.request()
        row: dict[str, Any] = {"figures": req.figures.model_dump(mode="json")}
        from assistant.drafting.pipeline import draft

        result = draft(req, client=client, prompts=plan.prompts)
        if client is not None:
            row.update(calls=client.usage.calls, cached=client.cached)
            row.update(prompt_tokens=client.usage.prompt_tokens, completion_tokens=client.usage.completion_tokens)
            if client.deferred:
                return Outcome(unit.name, WAITING, {**row, "waiting": len(client.deferred)}, dict(client.deferred))
        row.update(_write(unit.name, result, plan))
        return Outcome(unit.name, DONE, row)
    except Exception as exc:  # one unit's failure never stops the others
        return Outcome(unit.name, FAILED, {"message": _one_line(exc)})
    finally:
        if client is not None:
            client.close()


def _write(name: str, result: Any, plan: Plan) -> dict[str, Any]:
    """Write the draft and its flags.json into OUT/<unit>/; the row's share of what it holds."""
    from assistant.appkit.export import docx_bytes, markdown_bytes
    from assistant.batch.outputs import flags_json
    from assistant.batch.overview import flag_counts
    from assistant.cli import _atomic_write

    folder = plan.out / folder_name(name)
    folder.mkdir(parents=True, exist_ok=True)
    render = {"docx": docx_bytes, "md": markdown_bytes}
    for fmt in plan.formats:
        _atomic_write(folder / f"draft.{fmt}", render[fmt](result.report))
    _atomic_write(folder / "flags.json", flags_json(result, f"draft.{plan.formats[0]}"))
    return {
        "draft": f"{folder.name}/draft.{plan.formats[0]}",
        "codes": flag_counts(result.flags),
        "fallbacks": len(result.fallbacks),
    }


Progress = Callable[[Outcome], None]


def finished(units: list[UnitFiles], store: JobStore) -> list[str]:
    """The names of the units an earlier run finished: :func:`run_batch` skips them."""
    return [unit.name for unit in units if store.state(unit.name) == DONE]


def run_batch(units: list[UnitFiles], plan: Plan, store: JobStore, on_done: Progress | None = None) -> list[Outcome]:
    """Draft the units not yet done (K at a time), record each as it ends; the outcomes in the units' order."""
    outcomes: dict[str, Outcome] = {}
    todo: list[UnitFiles] = []
    done = set(finished(units, store))
    for unit in units:
        if unit.name in done:
            outcomes[unit.name] = Outcome(unit.name, DONE, store.row(unit.name), skipped=True)
        else:
            todo.append(unit)
    for outcome in _drafted(todo, plan, store):
        store.record(outcome.unit, outcome.state, outcome.row)
        outcomes[outcome.unit] = outcome
        if on_done is not None:
            on_done(outcome)
    return [outcomes[u.name] for u in units]


def _drafted(units: list[UnitFiles], plan: Plan, store: JobStore) -> Iterator[Outcome]:
    """Each unit's outcome as it ends: worker processes offline; against a model, K threads over the processes."""
    if plan.model is None:
        from assistant.parallel import ordered_map

        with ordered_map(partial(draft_unit, plan=plan), units) as drafted:
            yield from drafted
        return
    processes = model_processes(plan, len(units))
    if processes == 1:
        yield from _threads(units, plan, store)
        return
    from assistant.batch.processes import in_processes

    yield from in_processes(units, plan, store, processes)


def model_processes(plan: Plan, n_units: int) -> int:
    """How many processes share a model batch's K threads: one a core, each with its share of the limits."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # each process limits its own requests to rpm/P and tpm/P: no process may be left with a zero budget
    budgets = [b for b in (plan.rpm, plan.tpm) if b]
    return max(1, min(cores, plan.concurrency, n_units, *budgets))


@contextmanager
def unit_drafter(plan: Plan, store: JobStore, processes: int = 1) -> Iterator[Callable[[UnitFiles], Outcome]]:
    """:func:`draft_unit` against the model for this process's threads: 1/``processes`` of the rate limits and
    one SDK client whose connection pool they share (closed on exit)."""
    assert plan.model is not None
    settings = plan.model
    rpm, tpm = (None if b is None else b // processes for b in (plan.rpm, plan.tpm))
    limiter = RateLimiter(rpm, tpm) if rpm or tpm else None
    connection = ModelClient(settings)

    def one(unit: UnitFiles) -> Outcome:
        client = CachingClient(settings, store, limiter=limiter, defer=plan.defer, connection=connection)
        return draft_unit(unit, plan, client)

    try:
        yield one
    finally:
        connection.close()


def _threads(units: list[UnitFiles], plan: Plan, store: JobStore) -> Iterator[Outcome]:
    """Draft the units in K threads of this process."""
    with unit_drafter(plan, store) as one, ThreadPoolExecutor(max_workers=max(1, plan.concurrency)) as pool:
        futures = [pool.submit(one, unit) for unit in units]
        for future in as_completed(futures):
            yield future.result()
