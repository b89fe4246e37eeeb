"""Two writers of one output file at once: each writes a whole file under its own temporary name and renames
it into place, so the file left is one writer's complete output and nothing else is left behind."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from assistant.cli import _atomic_write
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIANBAO = Path(sys.executable).parent / "nianbao"


def test_two_drafts_to_the_same_file_at_once_leave_a_whole_one(tmp_path: Path) -> None:
    out = tmp_path / "same.docx"
    args = [str(NIANBAO), "draft", "--figures", str(FIXTURES / "songhe-2024.md"), "--out", str(out)]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err

    def values(path: Path) -> list[tuple[str, float | None]]:
        return [(c.kind, c.value) for *_, c in read_report(path).figures.iter_cells()]

    assert values(out) == values(FIXTURES / "songhe-2024.md")  # a whole .docx, read back to the same figures
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.docx", "same.flags.json"]


def test_concurrent_writes_never_mix_and_never_fail(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    payloads = [bytes([65 + i]) * 300_000 for i in range(6)]  # each writer's whole file is one letter
    failures: list[BaseException] = []

    def writer(data: bytes) -> None:
        try:
            for _ in range(15):
                _atomic_write(out, data)
        except BaseException as exc:  # any failure of a writer fails the test below
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert out.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert out.stat().st_mode & 0o777 != 0o600  # the mode a new file gets, not the temporary's private one
