"""A normal (non-editable) install works: the built wheel, in a fresh venv, checks and drafts outside the checkout.

The wheel is installed with ``--no-deps``; the dependencies come from this venv's site-packages through a
plain path line in a ``.pth`` file. A plain path line does not run that folder's own ``.pth`` files, so the
editable finder for ``assistant`` is not picked up: the test asserts the code that ran is the wheel's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from assistant import standard as std

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SOURCES = ("pyproject.toml", "setup.py", "README.md", "assistant", "prompts")


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the wheel built from this checkout; returns its python."""
    tmp = tmp_path_factory.mktemp("wheel")
    # Build from a copy: an in-tree build/ folder could carry stale modules into the wheel.
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp / "src" / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (tmp / "src").mkdir(exist_ok=True)
            shutil.copy2(source, tmp / "src" / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    built = _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", tmp / "src"], tmp, _env())
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("nianbao-*.whl")
    _assert_wheel_holds_the_sources(wheel)

    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=120)
    python = venv / "bin" / "python"
    done = _run([*pip, "--python", python, "install", "--no-deps", "--no-index", wheel], tmp, _env())
    assert done.returncode == 0, done.stderr
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp, _env())
    Path(site.stdout.strip(), "dev-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    return python


def _env() -> dict[str, str]:
    # Nothing from the developer's shell may point back into the checkout or reach a model.
    dropped = {"PYTHONPATH", "NIANBAO_PROMPTS", "NIANBAO_DB", "OPENAI_BASE_URL", "OPENAI_API_KEY", "NIANBAO_MODEL"}
    return {k: v for k, v in os.environ.items() if k not in dropped}


def _assert_wheel_holds_the_sources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {f"assistant/{p.relative_to(ROOT / 'assistant').as_posix()}" for p in (ROOT / "assistant").rglob("*.py")}
    templates = {
        f"assistant/prompts/{p.relative_to(ROOT / 'prompts').as_posix()}" for p in (ROOT / "prompts").rglob("*")
    }
    templates = {t for t in templates if t.endswith((".md", ".toml"))}
    assert len(templates) > 10 and "assistant/prompts/offline/overview.toml" in templates
    assert modules | templates | {"assistant/py.typed"} <= names


def test_the_wheel_is_what_runs(installed: Path, tmp_path: Path) -> None:
    code = "import assistant.cli, assistant.prompts; print(assistant.cli.__file__); print(assistant.prompts.__file__)"
    shown = _run([installed, "-c", code], tmp_path, _env())
    assert shown.returncode == 0, shown.stderr
    venv = installed.parent.parent
    for line in shown.stdout.split():
        assert Path(line).is_relative_to(venv), line


def test_check_from_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    nianbao = installed.parent / "nianbao"
    done = _run([nianbao, "check", FIXTURES / "qingshiling-2024.txt", "--format", "json"], tmp_path, _env())
    assert done.returncode == 1, done.stderr  # the demo report has errors
    codes = {f["code"] for f in json.loads(done.stdout)["flags"]}
    assert {"D-MALFORMED", "P-MOBILE"} <= codes


def test_offline_draft_from_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    nianbao = installed.parent / "nianbao"
    out = tmp_path / "draft.md"
    args = ["draft", "--offline", "--figures", FIXTURES / "qingshiling-2024.txt", "--out", out]
    done = _run([nianbao, *args, "--last-year", FIXTURES / "qingshiling-2023.txt"], tmp_path, _env())
    assert done.returncode == 0, done.stderr
    assert "内部错误" not in done.stderr and "已写入" in done.stderr
    text = out.read_text("utf-8")
    assert text.startswith("# 青石岭镇2024年政府信息公开工作年度报告")
    for number in range(1, 7):
        assert f"## {std.section_name(number)}" in text
    assert "${" not in text and "{{" not in text
    assert (tmp_path / "draft.flags.json").is_file()
