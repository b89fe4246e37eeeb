"""Which PDF library reads a report best? pdfplumber against pypdfium2 on PDFs made from our own fixtures.

Each fixture is read, written to .docx by the project's writer, and turned into a PDF by LibreOffice
(as offices publish them). Each library's reading is compared with the fixture's figures cell by cell,
and timed: ms per file (best of a few runs), with the .docx reader beside them for scale.

- pdfplumber: assistant.readers.pdf (ruled tables as grid cells, the rest as re-joined paragraphs);
- pypdfium2: its text layer, line by line, through the text reader (tables as "label 0 0 0" lines).

Run: ``.venv/bin/python benchmarks/pdf_readers.py`` (needs LibreOffice's ``soffice``).
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.errors import InputError  # noqa: E402
from assistant.model import Report  # noqa: E402
from assistant.readers import read_report, read_report_bytes, read_report_text  # noqa: E402
from assistant.readers.office import convert, soffice  # noqa: E402
from assistant.writers.docx import write_docx  # noqa: E402

RUNS = 3


def read_pypdfium2(data: bytes, name: str) -> Report:
    """The text layer as pdfium extracts it, page after page, read as a text report."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    return read_report_text("\n".join(pages).replace("\r\n", "\n"), name)


READERS: dict[str, Callable[[bytes, str], Report]] = {
    "pdfplumber": lambda data, name: read_report_bytes(data, name),
    "pypdfium2": read_pypdfium2,
}


def documents() -> list[tuple[str, Report, bytes, bytes]]:
    """(name, the fixture's report, its .docx, its PDF) for every text fixture."""
    out = []
    for path in sorted((ROOT / "fixtures").glob("*")):
        # pdf-* fixtures are already text taken out of a PDF: not a source to make a PDF from
        if path.suffix not in (".txt", ".md") or path.name == "README.md" or path.name.startswith("pdf-"):
            continue
        report = read_report(path)
        buffer = io.BytesIO()
        write_docx(report, buffer)
        docx = buffer.getvalue()
        out.append((path.stem, report, docx, convert(docx, ".docx", path.name, to="pdf")))
    return out


def correct_cells(expected: Report, got: Report) -> tuple[int, int]:
    """Cells whose kind and text equal the fixture's, and all cells."""
    want = {(t, r, c): (cell.kind, cell.raw) for t, r, c, cell in expected.figures.iter_cells()}
    have = {(t, r, c): (cell.kind, cell.raw) for t, r, c, cell in got.figures.iter_cells()}
    return sum(1 for key, value in want.items() if have.get(key) == value), len(want)


def best_ms(read: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        read()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times)


def main() -> None:
    if soffice() is None:
        sys.exit("LibreOffice (soffice) is needed to make the PDFs")
    docs = documents()
    docx_ms = [best_ms(lambda d=docx, n=name: read_report_bytes(d, f"{n}.docx")) for name, _, docx, _ in docs]
    print(f"{len(docs)} fixtures; .docx reader: {sum(docx_ms) / len(docs):.1f} ms per file")
    for library, reader in READERS.items():
        right = total = 0
        ms: list[float] = []
        for name, report, _, pdf in docs:
            try:
                got = reader(pdf, f"{name}.pdf")
            except InputError as exc:
                print(f"  {library}: {name}: {exc.one_line()}")
                total += len(list(report.figures.iter_cells()))
                continue
            ok, n = correct_cells(report, got)
            right, total = right + ok, total + n
            ms.append(best_ms(lambda p=pdf, n=name, r=reader: r(p, f"{n}.pdf")))
        per_file = sum(ms) / len(ms) if ms else float("nan")
        print(f"{library:>11}: cells correct {right} / {total}, {per_file:.1f} ms per file")


if __name__ == "__main__":
    main()
