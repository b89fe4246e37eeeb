"""K units in flight against a model answering in 0.3 s: 24 units at --concurrency 8 against 1.

The issue asks for 5× faster at K=8. Tests do not time things (a loaded machine makes any time bound flaky):
this asserts what makes the speed — the fake server sees eight requests in flight at once at K=8 and never
more than one at K=1, over the same requests, and the drafts are the same. benchmarks/batch_speed.py measures
the speed itself (5.7×: 35.6 s against 6.3 s, at low load).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from batchkit import make_units, run_batch, slow_good, unit_name
from fake_openai import FakeOpenAI

from assistant.batch.limits import RateLimiter
from assistant.batch.runner import Plan, model_processes
from assistant.drafting.settings import ModelSettings


def _run(units: Path, out: Path, k: int) -> tuple[int, int]:
    """(the most requests the model saw at once, how many it answered) for one batch run at --concurrency k."""
    with slow_good(FakeOpenAI(behaviour="good"), 0.3) as server:
        proc = run_batch(server, str(units), "--out", str(out), "--concurrency", str(k), "--formats", "md")
        seen = (server.most_in_flight, len(server.chat_requests))
    assert proc.returncode < 2, proc.stderr
    return seen


def test_eight_units_are_in_flight_at_once_and_draft_what_one_at_a_time_drafts(tmp_path: Path) -> None:
    units = make_units(tmp_path, 24)
    one, asked_one = _run(units, tmp_path / "one", 1)
    eight, asked_eight = _run(units, tmp_path / "eight", 8)
    assert one == 1
    assert eight == 8  # 24 units of several answers each, 0.3 s an answer: all eight threads overlap
    assert asked_eight == asked_one
    # the processes change when a unit is drafted, never what: each draft is the one a single thread writes
    for i in range(24):
        name = unit_name(i)
        assert (tmp_path / "eight" / name / "draft.md").read_bytes() == (
            tmp_path / "one" / name / "draft.md"
        ).read_bytes()


def test_processes_share_the_threads_and_never_split_a_limit_to_nothing(tmp_path: Path) -> None:
    cores = len(os.sched_getaffinity(0))
    plan = Plan(tmp_path, ModelSettings(model="m"), concurrency=8)
    assert model_processes(plan, 24) == min(cores, 8)
    assert model_processes(replace(plan, concurrency=1), 24) == 1  # one at a time: this process alone
    assert model_processes(plan, 1) == 1
    assert model_processes(replace(plan, rpm=1), 24) == 1  # one request a minute cannot be halved
    assert model_processes(replace(plan, concurrency=2, tpm=100_000), 24) == min(cores, 2)


def test_the_rate_limiter_spaces_requests_to_the_minute() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(rpm=60, tpm=600, clock=lambda: now[0], sleep=sleep)
    for _ in range(60):
        limiter.acquire(5)  # the first minute's budget is there at once
    assert waits == []
    limiter.acquire(5)  # then one request a second
    assert abs(sum(waits) - 1.0) < 1e-9
    # 61 requests of 5 tokens left 295 + 10 refilled = 305; a request of the whole minute's 600 waits for
    # the other 295 at 10 a second
    limiter.acquire(600)
    assert abs(now[0] - 30.5) < 1e-6
