"""How long does one report take from file to flags? Read + check per report, for text, .docx and .pdf.

Target (issue 8): at most 3 ms per text report end to end, i.e. ``nianbao check FOLDER --format json`` over
1,000 .txt/.md reports, wall time divided by 1,000 (the process start-up paid once, inside the figure).

The corpus is built in a temporary folder, offline: the text fixtures and the real seed with one figure in
the text nudged, and the fictional report of tests/layouts.py in every text layout, with other units, years
and figures. The .docx files are what the project's writer makes of them; the PDFs are LibreOffice's
conversion of those (skipped with a note when ``soffice`` is missing).

Printed per kind: in-process read and check ms/report (mean, p95; best and median run of several) and the
end-to-end CLI wall time per report. The machine is shared: the load average is printed beside them.

Run: ``.venv/bin/python benchmarks/read_check_speed.py [N_TEXT] [N_DOCX] [N_PDF]`` (defaults 1000 50 20);
``--corpus FOLDER`` only writes the text corpus (for comparing outputs before and after a change). The CLI
timed is this tree's (``python -m assistant.cli`` run from it), so a copy of this file in an older checkout
times that checkout.

What made the text figure smaller (issue 8; CPU ms per report on the shared 2-core machine, in-process loops,
each step against the one before it in the same minute; the output of every step byte-identical):

* table cells assembled instead of validated twice (a pydantic ``Source`` and ``Cell`` per cell, and a couple
  of hundred ``Cell.missing()`` defaults per table, replaced by values parsed once per distinct cell text and
  assembled: :meth:`Figures.assembled`): read 9.1 → 7.5;
* ``check`` over many files on every core (:mod:`assistant.parallel`, a fork pool, results in order): the
  CLI wall time nearly halves when the machine's cores are free;
* one-character Chinese numerals read without importing cn2an: start-up 0.67 → 0.48 s CPU;
* cell clean-up cached, cheaper chrome and bad-value tests, slotted tokens, cheaper cell sources: read
  ≈ 5 % and check 2.26 → 1.94.
* text clean-up replaces only the characters that need it (a regex, not ``str.translate`` over every
  character): clean_text 0.44 → 0.06;
* the read loop: the markdown regex only on lines with ``#`` or ``*``, the line before a heading looked at
  only for an unnumbered one, tokens built in one go, whole table rows skipped in the narrative by set
  tests: the loop 1.16 → 0.89 and the document → report step 2.29 → 1.97 (read ≈ 4.9 → 4.2 in all);
* pool workers freeze the heap they inherit and collect garbage less often: ≈ 0.1–0.4 of GC per report.
* cell sources and cells assembled from one dict literal each, a row's cells put with one lookup, the
  word-value test cached, row and header tests bound once per table, Figures.assembled walking a row layout
  made at import, the table check skipping the numeral regex for digit cells (CPU, process_time, best of 3
  over the 1,000-report corpus, two pairs with the previous tree on a loaded machine): read 3.67 → 3.49 and
  3.81 → 3.74, check 2.13 → 2.04 and 2.19 → 2.16; the folder run's CPU (user time of ``nianbao check FOLDER
  --format json``) 6.85 → 6.5 s. Not yet the 3 ms target (≈ 5.5 s of CPU would be). Start-up stays
  ≈ 0.42 s CPU, of which ≈ 0.08 s is compiling the project's sources when no bytecode is cached
  (``PYTHONDONTWRITEBYTECODE``), ≈ 0.1 s building the pydantic models and ≈ 0.1 s compiling regexes.
* the row and table models, Figures and Report build their validators on first use and the reader assembles
  its Report (``check`` never validates one): start 0.35 → 0.33 s; each JSON result written by orjson, not
  the stdlib's pure-Python indented encoder (byte-identical: the result holds no float): 0.12 → 0.01 ms; a
  table cell and its source assembled inline (:func:`assistant.model.found_cell`): ≈ 0.6 µs a cell; the
  date patterns and unwrap's digit-gap pattern open with a character, their lookbehind after it (the
  engine then tries only where that character stands): dates 0.27 → 0.18 ms; digit runs too short for a
  mobile number dropped before their digits are read: privacy 0.125 → 0.05 ms. In-process CPU (best of 3,
  read + check + JSON, against the previous tree in the same minute) 5.71 → 5.39 and 5.84 → 5.47 ms before
  the last step; the folder run's user CPU 5.85–6.08 → 5.41–5.63 s, its wall time 3.24–3.29 → 2.91–3.05 s
  (three pairs, load ≈ 0.4). At the 3 ms line, not safely under it.
"""

from __future__ import annotations

import io
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import layouts  # noqa: E402

from assistant.checks import check  # noqa: E402
from assistant.readers import read_report, read_report_text  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_2d161daa706ddf23.txt"
RUNS = 3
UNITS = ("青禾镇", "白石街道", "柳溪乡", "东坪镇", "云岭街道", "南塘镇", "枫桥乡", "石门镇")
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?![\d.])")


def text_sources() -> list[tuple[str, str]]:
    """(suffix, text) of every text fixture and the seed."""
    files = sorted(p for p in (ROOT / "fixtures").glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
    if SEED.exists():
        files.append(SEED)
    return [(p.suffix, p.read_text(encoding="utf-8")) for p in files]


def _nudged(text: str, rng: random.Random) -> str:
    """The text with one small number changed (a table cell, a count in a sentence or a date)."""
    spots = list(_NUMBER.finditer(text))
    if not spots:
        return text
    m = rng.choice(spots)
    return text[: m.start()] + str(int(m.group()) + rng.randint(1, 3)) + text[m.end() :]


def _figures(rng: random.Random) -> layouts.Figures:
    """The layouts' figures, half as they are, half with a few counts replaced."""
    figures = rng.choice((layouts.base_figures, layouts.placeholder_figures, layouts.single_digit_figures))()
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 4)):
            table = rng.choice(("table2", "table3", "table4"))
            row = rng.choice(list(figures[table]))
            col = rng.choice(list(figures[table][row]))
            figures[table][row][col] = str(rng.randint(0, 60))
    return figures


def _layout_text(rng: random.Random) -> str:
    text = layouts.render_text(rng.choice(layouts.TEXT_LAYOUTS), _figures(rng))
    year = rng.choice((2021, 2022, 2023, 2024))
    return text.replace(layouts.UNIT, rng.choice(UNITS)).replace(str(layouts.YEAR), str(year))


def text_corpus(n: int, seed: int = 20250101) -> list[tuple[str, str]]:
    """``n`` (file name, text) pairs: fixtures and seed nudged, layout renders varied, in turn."""
    rng = random.Random(seed)
    sources = text_sources()
    out = []
    for i in range(n):
        if i % 2 == 0:
            suffix, text = sources[(i // 2) % len(sources)]
            text = _nudged(text, rng) if rng.random() < 0.7 else text
        else:
            suffix, text = rng.choice((".txt", ".md")), _layout_text(rng)
        out.append((f"r{i:04d}{suffix}", text))
    return out


def write_corpus(folder: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files:
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def docx_corpus(texts: list[tuple[str, str]], n: int) -> list[tuple[str, bytes]]:
    """``n`` .docx files: the project's writer on the first text reports that read."""
    from assistant.writers.docx import write_docx

    out = []
    for name, text in texts:
        if len(out) == n:
            break
        buffer = io.BytesIO()
        write_docx(read_report_text(text, name), buffer)
        out.append((Path(name).with_suffix(".docx").name, buffer.getvalue()))
    return out


def pdf_corpus(docx: list[tuple[str, bytes]], n: int, distinct: int = 5) -> list[tuple[str, bytes]]:
    """``n`` PDFs: LibreOffice's conversion of ``distinct`` .docx files (2–5 s each), repeated."""
    from assistant.readers.office import convert

    made = [convert(data, ".docx", name, to="pdf") for name, data in docx[:distinct]]
    return [(f"p{i:04d}.pdf", made[i % len(made)]) for i in range(n)]


@dataclass
class Run:
    read: list[float]
    check: list[float]

    @property
    def total(self) -> list[float]:
        return [r + c for r, c in zip(self.read, self.check, strict=True)]


def in_process(paths: list[Path]) -> Run:
    """Read and check every file once, timing each step (ms)."""
    run = Run([], [])
    for path in paths:
        t0 = time.perf_counter()
        report = read_report(path)
        t1 = time.perf_counter()
        check(report, None)
        t2 = time.perf_counter()
        run.read.append((t1 - t0) * 1000)
        run.check.append((t2 - t1) * 1000)
    return run


def end_to_end(folder: Path, count: int) -> float:
    """``nianbao check FOLDER --format json`` wall time per report (ms), start-up included once."""
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "assistant.cli", "check", str(folder), "--format", "json"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False, cwd=ROOT)
    return (time.perf_counter() - t0) * 1000 / count


def startup() -> float:
    """One ``nianbao check`` process on a tiny report: the fixed cost the folder run pays once (ms)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.txt"
        path.write_text(layouts.render_text("D2", layouts.base_figures()), encoding="utf-8")
        return end_to_end(path, 1)


def p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def measure(kind: str, folder: Path, paths: list[Path]) -> list[str]:
    in_process(paths[: min(len(paths), 20)])  # warm-up: lazy imports and first-use caches
    runs = sorted((in_process(paths) for _ in range(RUNS)), key=lambda r: statistics.mean(r.total))
    e2e = sorted(end_to_end(folder, len(paths)) for _ in range(RUNS))
    best, median = runs[0], runs[len(runs) // 2]

    def cell(values: list[float]) -> str:
        return f"{statistics.mean(values):7.2f} {p95(values):7.2f}"

    return [
        f"{kind:5} {len(paths):5}  best  {cell(best.read)}  {cell(best.check)}  {cell(best.total)}  {e2e[0]:8.2f}",
        f"{'':5} {'':5}  median{cell(median.read)}  {cell(median.check)}  {cell(median.total)}  "
        f"{statistics.median(e2e):8.2f}",
    ]


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--corpus"]:
        texts = text_corpus(int(args[2]) if len(args) > 2 else 1000)
        write_corpus(Path(args[1]), [(n, t.encode("utf-8")) for n, t in texts])
        return
    n_text, n_docx, n_pdf = ([int(a) for a in args] + [1000, 50, 20][len(args) :])[:3]
    texts = text_corpus(n_text)
    lines = []
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        base = Path(tmp)
        folder = base / "text"
        paths = write_corpus(folder, [(n, t.encode("utf-8")) for n, t in texts])
        lines += measure("text", folder, paths)
        docx = docx_corpus(texts, n_docx)
        lines += measure("docx", base / "docx", write_corpus(base / "docx", docx))
        pdf_note = ""
        from assistant.readers.office import soffice

        if soffice() is None:
            pdf_note = "pdf: skipped, LibreOffice (soffice) is not installed"
        elif n_pdf:
            pdfs = pdf_corpus(docx, n_pdf)
            lines += measure("pdf", base / "pdf", write_corpus(base / "pdf", pdfs))
        start = startup()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"ms per report, {RUNS} runs each (best and median run); load average {load} on {os.cpu_count()} cores")
    print(f"{'kind':5} {'files':>5}  run      read (mean p95)   check (mean p95)  total (mean p95)  CLI e2e")
    print("\n".join(lines))
    if pdf_note:
        print(pdf_note)
    print(f"CLI start-up (one small report, paid once per run): {start:.0f} ms")


if __name__ == "__main__":
    main()
