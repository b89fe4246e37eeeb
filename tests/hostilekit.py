"""Hostile inputs made on the fly (no committed blobs): zip bombs, huge workbooks, repeated text.

Used by tests/test_hostile_files.py (bounds asserted) and benchmarks/hostile_inputs.py (figures printed).
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_CHUNK = 1 << 20


def _chunks(pieces: Iterable[str]) -> Iterator[bytes]:
    """The pieces joined into ~1 MB blocks of UTF-8 (writing them one by one would be slow)."""
    buf: list[str] = []
    size = 0
    for piece in pieces:
        buf.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(buf).encode("utf-8")
            buf, size = [], 0
    yield "".join(buf).encode("utf-8")


def docx_from_body(body: Iterable[str]) -> bytes:
    """A minimal .docx whose body is the given XML pieces (streamed into the zip, never held whole)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _DOCX_TYPES)
        zf.writestr("_rels/.rels", _DOCX_RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
            f.write(head.encode())
            for block in _chunks(body):
                f.write(block)
            f.write(b"</w:body></w:document>")
    return out.getvalue()


def docx_bomb(unzipped_mb: int = 115) -> bytes:
    """A small .docx (~200 KB) whose body is ``unzipped_mb`` MB of empty paragraphs."""
    block = "<w:p/>" * (_CHUNK // 6)
    return docx_from_body(block for _ in range(unzipped_mb))


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def report_lines() -> list[str]:
    """The non-blank lines of the demo report."""
    text = (FIXTURES / "qingshiling-2024.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def docx_paragraphs(count: int = 100_000) -> bytes:
    """A .docx of ``count`` paragraphs: the demo report's lines, repeated."""
    lines = report_lines()
    return docx_from_body(_paragraph(lines[i % len(lines)]) for i in range(count))


def xlsx_rows(unzipped_mb: int = 115) -> bytes:
    """A small .xlsx whose one sheet is ``unzipped_mb`` MB of one-cell rows."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rns}">'
        '<sheets><sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    )
    rows = '<row><c t="n"><v>1</v></c></row>' * (_CHUNK // 32)  # no r="…": openpyxl counts rows itself
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>'.encode())
            for _ in range(unzipped_mb):
                f.write(rows.encode())
            f.write(b"</sheetData></worksheet>")
    return out.getvalue()


def repeated_claim_text(megabytes: float = 8) -> str:
    """The demo report followed by one claim repeated to ``megabytes`` MB of UTF-8."""
    base = (FIXTURES / "qingshiling-2024.txt").read_text(encoding="utf-8")
    claim = "本年度共收到政府信息公开申请50件。\n"
    n = int((megabytes * 1024 * 1024 - len(base.encode())) / len(claim.encode()))
    return base + claim * max(n, 0)


@dataclass(frozen=True)
class Run:
    """One CLI run in a child process: exit status, output, wall seconds and peak memory (MB)."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, timeout={timeout})
dt = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stdout.buffer.write(b"%d %.3f %.1f\\n" % (p.returncode, dt, peak) + p.stdout)
sys.stderr.buffer.write(p.stderr)
"""


def run_cli(*args: str, timeout: float = 120, stdin: bytes | None = None) -> Run:
    """``nianbao ARGS`` in a fresh process, its peak resident memory taken from the kernel's accounting.

    A middle process runs the CLI, so RUSAGE_CHILDREN counts that one run (and its workers) alone.
    """
    cli = [sys.executable, "-m", "assistant.cli", *args]
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE.format(timeout=timeout), *cli],
        capture_output=True,
        input=stdin,
        timeout=timeout + 30,
        cwd=ROOT,
    )
    head, _, out = proc.stdout.partition(b"\n")
    code, seconds, peak = head.split()
    return Run(
        int(code), out.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"), float(seconds), float(peak)
    )


def timed(fn: object) -> float:
    """Seconds one call of ``fn()`` takes."""
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def long_report_text(megabytes: float = 1) -> str:
    """The demo report with one number-free sentence repeated as its own paragraphs in part 二, to ``megabytes`` MB.

    Short paragraphs are the writer's worst case (its cost was per paragraph, times the body's length).
    """
    lines = (FIXTURES / "qingshiling-2024.txt").read_text(encoding="utf-8").split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("二、")) + 1
    filler = "本机关主动公开规范性文件，均已按规定发布。"
    base = sum(len(line.encode()) + 1 for line in lines)
    n = max(int((megabytes * 1024 * 1024 - base) / (len(filler.encode()) + 1)), 0)
    return "\n".join(lines[:at] + [filler] * n + lines[at:])


# Writes the report read from argv[1] as a .docx to argv[2], printing the seconds the writing alone took.
_WRITE = """
import sys, time
from pathlib import Path
from assistant.readers import read_report
from assistant.writers.docx import write_docx
report = read_report(Path(sys.argv[1]))
t = time.perf_counter()
write_docx(report, sys.argv[2])
print("%.3f" % (time.perf_counter() - t))
"""


def write_docx_seconds(source: Path, target: Path, timeout: float) -> float:
    """Seconds ``write_docx`` takes on the report read from ``source``, in a fresh process killed at ``timeout``."""
    proc = subprocess.run(
        [sys.executable, "-c", _WRITE, str(source), str(target)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=True,
    )
    return float(proc.stdout.strip().splitlines()[-1])
