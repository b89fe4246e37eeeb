"""A batch killed part-way (SIGKILL) and started again finishes every unit without asking the model again."""

from __future__ import annotations

import signal
import subprocess
import time
import zipfile
from pathlib import Path

from batchkit import NIANBAO, batch_env, make_units, run_batch, slow_good, unit_name
from fake_openai import FakeOpenAI

UNITS = 12


def test_killed_run_resumes_with_at_most_ten_percent_more_requests(tmp_path: Path) -> None:
    units = make_units(tmp_path, UNITS)
    with slow_good(FakeOpenAI(behaviour="good"), 0.1) as server:
        assert run_batch(server, str(units), "--out", str(tmp_path / "once"), "--concurrency", "2").returncode < 2
        once = len(server.chat_requests)
        server.requests.clear()

        out = tmp_path / "killed"
        proc = subprocess.Popen(
            [str(NIANBAO), "batch", str(units), "--out", str(out), "--concurrency", "2"],
            env=batch_env(server),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while len(server.chat_requests) < once // 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        time.sleep(0.5)  # a request already on its way may still arrive
        stopped = len(server.chat_requests)
        time.sleep(1.0)
        assert len(server.chat_requests) == stopped  # no worker process outlives the killed run
        assert stopped < once  # it was really stopped part-way
        for draft in out.glob("*/draft.docx"):  # whatever stands under the final name is whole
            assert zipfile.is_zipfile(draft)

        again = run_batch(server, str(units), "--out", str(out), "--concurrency", "2")
        total = len(server.chat_requests)
    assert again.returncode < 2, again.stderr
    assert all((out / unit_name(i) / "draft.md").is_file() for i in range(UNITS))
    assert total <= once * 1.1, (total, once)
