"""The house rules that keep the checker pure and the faces thin, checked on the source (AST scans)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "assistant" / "checks"
FORBIDDEN_IN_CHECKS = {"openai", "streamlit", "docx", "lxml", "sqlite3", "requests", "httpx"}

# The checker is pure: same report in, same flags out. No files, processes, network, clock or randomness ...
IO_MODULES = {
    *("os", "sys", "io", "pathlib", "shutil", "tempfile", "glob", "fileinput", "mmap", "logging"),
    *("subprocess", "socket", "ssl", "http", "urllib", "sqlite3", "dbm", "shelve", "pickle"),
    *("time", "datetime", "random", "secrets", "uuid", "importlib", "builtins", "signal", "threading"),
}
IO_BUILTINS = {"open", "print", "input", "__import__", "exec", "eval", "breakpoint"}
# ... not even through an object handed in (a Path, a datetime) ...
IO_METHODS = {
    *("read_text", "write_text", "read_bytes", "write_bytes", "open", "mkdir", "unlink", "touch", "rename"),
    *("iterdir", "glob", "rglob", "now", "today", "utcnow", "monotonic", "perf_counter"),
}
# ... nor through the product's own modules that read, write, store or call a model.
IO_PACKAGES = {"store", "readers", "writers", "drafting", "cli", "appkit", "settings"}


def _sources(*parts: str) -> Iterator[Path]:
    for part in parts:
        path = ROOT / part
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def _imports(path: Path, root: Path = ROOT) -> set[str]:
    """Every module a file imports, as full dotted names (``from a import b`` gives ``a`` and ``a.b``)."""
    package = list(path.relative_to(root).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parent = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*parent, *([node.module] if node.module else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _top_level(path: Path, root: Path = ROOT) -> set[str]:
    return {name.split(".")[0] for name in _imports(path, root)}


def _where(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_checks_import_no_model_client_ui_or_document_library() -> None:
    files = list(_sources("assistant/checks"))
    assert files, "assistant/checks has no modules"
    offenders = {_where(f): _top_level(f) & FORBIDDEN_IN_CHECKS for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_checker_loads_none_of_them() -> None:
    code = (
        "import sys, assistant.checks, assistant.standard, assistant.model\n"
        f"bad = sorted(m for m in {sorted(FORBIDDEN_IN_CHECKS)!r} if m in sys.modules)\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _io_in(path: Path, root: Path = ROOT) -> list[str]:
    """What in one checker module could read, write or tell the time, as ``kind name`` strings."""
    own = {m.split(".")[1] for m in _imports(path, root) if m.startswith("assistant.")}
    found = [f"import {m}" for m in sorted(_top_level(path, root) & IO_MODULES)]
    found += [f"import assistant.{m}" for m in sorted(own & IO_PACKAGES)]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in IO_BUILTINS:
            found.append(f"call {node.func.id}()")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in IO_METHODS:
            found.append(f"call .{node.func.attr}()")
    return found


def test_checks_do_no_io_or_clock() -> None:
    offenders = {_where(f): _io_in(f) for f in _sources("assistant/checks")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_io_scan_sees_what_it_must(tmp_path: Path) -> None:
    # The guard above passes on a clean checker only if it would catch these.
    (tmp_path / "assistant" / "checks").mkdir(parents=True)
    bad = tmp_path / "assistant" / "checks" / "bad.py"
    bad.write_text(
        "import os.path\nfrom datetime import datetime\nfrom ..store import Store\nfrom .. import readers\n"
        "def f(p):\n    open(p)\n    p.read_text()\n    return datetime.now()\n",
        encoding="utf-8",
    )
    found = _io_in(bad, root=tmp_path)
    assert sorted(found) == sorted(
        [
            "import datetime",
            "import os",
            "import assistant.readers",
            "import assistant.store",
            "call open()",
            "call .read_text()",
            "call .now()",
        ]
    )


PRODUCT = ("assistant", "ui", "app.py")


def test_only_drafting_talks_to_the_model_library() -> None:
    users = {_where(f) for f in _sources(*PRODUCT) if "openai" in _top_level(f)}
    assert users, "nothing imports openai: the guard scans the wrong place"
    assert {u for u in users if not u.startswith("assistant/drafting/")} == set()


def test_only_the_app_and_its_pages_import_streamlit() -> None:
    users = {_where(f) for f in _sources(*PRODUCT) if "streamlit" in _top_level(f)}
    assert "app.py" in users, "app.py does not import streamlit: the guard scans the wrong place"
    assert {u for u in users if u != "app.py" and not u.startswith("ui/")} == set()


def _reaches(names: set[str], package: str) -> bool:
    return any(n == package or n.startswith(package + ".") for n in names)


def test_writers_import_neither_checks_nor_drafting() -> None:
    files = list(_sources("assistant/writers"))
    assert files, "assistant/writers has no modules"
    offenders = {
        _where(f): sorted(p for p in ("assistant.checks", "assistant.drafting") if _reaches(_imports(f), p))
        for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_faces_take_only_check_from_the_checker() -> None:
    # Faces may run the checker; the flag vocabulary they show comes from assistant.codes, not its internals.
    allowed = {"assistant.checks", "assistant.checks.check"}
    offenders = {
        _where(f): sorted(n for n in _imports(f) if _reaches({n}, "assistant.checks") and n not in allowed)
        for f in _sources("app.py", "ui", "assistant/appkit")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
