"""Database faults made real for the tests: a read-only file (as a clerk without write permission meets it)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The database file and its folder read-only for this process, undone afterwards.

    Permission bits do not stop root (a test container), so as root the file and folder are made immutable.
    """
    targets = [path, path.parent]
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", *map(str, targets)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *map(str, targets)], check=True)
        return
    modes = [t.stat().st_mode for t in targets]
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        yield
    finally:
        for target, mode in zip(targets, modes, strict=True):
            target.chmod(mode)
