"""``nianbao check`` over many files runs on every core: its output, exit status and failures are exactly
those of the run in one process."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import assistant.checks
import assistant.parallel
from assistant.cli import main
from assistant.model import Flag, Report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIANBAO = Path(sys.executable).parent / "nianbao"


def _folder(tmp_path: Path, n: int) -> Path:
    """``n`` reports (the text fixtures in turn) and one file that is no report, in a folder."""
    sources = sorted(p for p in FIXTURES.glob("*.txt"))
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(n):
        shutil.copy(sources[i % len(sources)], folder / f"r{i:03d}.txt")
    (folder / "r017.txt").write_bytes(b"\x00\x01 not a report")
    return folder


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_many_files_use_worker_processes() -> None:
    if "fork" not in __import__("multiprocessing").get_all_start_methods() or (os.cpu_count() or 1) < 2:
        pytest.skip("one core or no fork: the run stays in one process")
    assert assistant.parallel.workers_for(1000) >= 2
    assert assistant.parallel.workers_for(assistant.parallel.MIN_ITEMS - 1) == 1


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_workers_give_the_one_process_output(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assistant.parallel, "MIN_ITEMS", 2)  # workers even on a small machine's few files
    folder = _folder(tmp_path, 40)
    parallel = _run(["check", str(folder), "--format", fmt], capsys)
    monkeypatch.setattr(assistant.parallel, "MIN_ITEMS", 10**9)  # one process
    serial = _run(["check", str(folder), "--format", fmt], capsys)
    assert parallel == serial
    assert serial[0] == 2 and serial[2].count("\n") == 1 and "r017.txt" in serial[2]


def test_a_bug_on_one_file_stops_the_run_where_it_would_in_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assistant.parallel, "MIN_ITEMS", 2)
    folder = _folder(tmp_path, 40)
    real_check = assistant.checks.check

    def check(report: Report, last: Report | None) -> list[Flag]:
        if str(report.meta.source).endswith("r025.txt"):
            raise RuntimeError("boom")
        return real_check(report, last)

    monkeypatch.setattr(assistant.checks, "check", check)  # inherited by the forked workers
    parallel = _run(["check", str(folder)], capsys)
    monkeypatch.setattr(assistant.parallel, "MIN_ITEMS", 10**9)  # one process
    serial = _run(["check", str(folder)], capsys)
    assert parallel == serial
    code, out, err = serial
    assert code == 2 and "内部错误（RuntimeError: boom）" in err and "Traceback" not in err
    assert "r024.txt" in out and "r025.txt" not in out


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_ctrl_c_ends_the_workers_with_one_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2000)  # far more than a second's work
    proc = subprocess.Popen(
        [str(NIANBAO), "check", str(folder), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C would reach it
    )
    time.sleep(1.5)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().endswith("已中断 / interrupted")
