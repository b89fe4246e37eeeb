"""The house rules that keep the checker pure and the faces thin."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_CHECKS = {"openai", "streamlit", "docx", "lxml", "sqlite3", "requests", "httpx"}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_checks_import_no_model_client_ui_or_document_library() -> None:
    files = sorted((ROOT / "assistant" / "checks").glob("*.py"))
    assert files, "assistant/checks has no modules"
    offenders = {f.name: _imported_modules(f) & FORBIDDEN_IN_CHECKS for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_checker_loads_none_of_them() -> None:
    code = (
        "import sys, assistant.checks, assistant.standard, assistant.model\n"
        f"bad = sorted(m for m in {sorted(FORBIDDEN_IN_CHECKS)!r} if m in sys.modules)\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_checks_do_no_io_or_clock() -> None:
    # The checker is pure: same report in, same flags out. No files, no time, no randomness.
    banned_calls = {"open", "time", "datetime", "random", "os", "pathlib"}
    for f in sorted((ROOT / "assistant" / "checks").glob("*.py")):
        mods = _imported_modules(f)
        assert not (mods & {"time", "datetime", "random", "os", "pathlib", "io"}), f.name
        tree = ast.parse(f.read_text(encoding="utf-8"))
        calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert not (calls & banned_calls), f.name


def _imported_full_names(path: Path) -> set[str]:
    """Every module a file imports, by its full dotted name (``from a import b`` counts as a and a.b)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _reaches(names: set[str], package: str) -> bool:
    return any(n == package or n.startswith(package + ".") for n in names)


def test_writers_import_neither_checks_nor_drafting() -> None:
    files = sorted((ROOT / "assistant" / "writers").glob("*.py"))
    assert files, "assistant/writers has no modules"
    offenders = {
        f.name: sorted(p for p in ("assistant.checks", "assistant.drafting") if _reaches(_imported_full_names(f), p))
        for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_faces_take_only_check_from_the_checker() -> None:
    # Faces may run the checker; the flag vocabulary they show comes from assistant.codes, not its internals.
    faces = [
        ROOT / "app.py",
        *sorted((ROOT / "ui").glob("*.py")),
        *sorted((ROOT / "assistant" / "appkit").glob("*.py")),
    ]
    allowed = {"assistant.checks", "assistant.checks.check"}
    offenders = {
        f.name: sorted(n for n in _imported_full_names(f) if _reaches({n}, "assistant.checks") and n not in allowed)
        for f in faces
    }
    assert {k: v for k, v in offenders.items() if v} == {}
