"""Unit folders for the batch tests: N units made from the fixtures' figures, each with its own name."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from fake_openai import FakeOpenAI, slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIANBAO = Path(sys.executable).parent / "nianbao"
SOURCES = ("songhe-2024.md", "baiyun-2024.md", "qingshiling-2024-clean.txt", "yunxiu-edu-2024.txt")
TOWNS = ("青石岭镇", "松禾街道", "白云乡", "云岫镇", "桃源乡", "柳溪镇", "石桥街道", "南山乡")


def unit_name(i: int) -> str:
    return f"{TOWNS[i % len(TOWNS)]}{i:02d}"


def make_units(root: Path, n: int) -> Path:
    """``root/units`` with ``n`` unit folders, each holding a fixture's report as ``figures.*``."""
    units = root / "units"
    for i in range(n):
        source = FIXTURES / SOURCES[i % len(SOURCES)]
        folder = units / unit_name(i)
        folder.mkdir(parents=True)
        shutil.copy(source, folder / f"figures{source.suffix}")
        # each unit its own name (the figures' own report names one of four): requests differ per unit
        profile = f'short_name = "{folder.name}"\nfull_name = "云岫县{folder.name}"\n'
        profile += f'address = "云岫县{folder.name}路{i + 1}号"\nphone = "0873-61{i:05d}"\n'
        (folder / "unit.toml").write_text(profile, encoding="utf-8")
    return units


def slow_good(server: FakeOpenAI, seconds: float) -> FakeOpenAI:
    """The good model, answering each request after ``seconds``."""

    server.default = slow(seconds, server._behave)
    return server


def batch_env(server: FakeOpenAI | None) -> dict[str, str]:
    env = dict(os.environ)
    if server is not None:
        env.update(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-test-batch", NIANBAO_MODEL="fake-model")
    return env


def run_batch(server: FakeOpenAI | None, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NIANBAO), "batch", *args], capture_output=True, text=True, env=batch_env(server), timeout=timeout
    )
