"""Hostile inputs (issue 10): size → seconds and peak MB of ``nianbao check``, one fresh process per input.

Run: ``.venv/bin/python benchmarks/hostile_inputs.py``. Inputs are generated (tests/hostilekit.py); the bounds
(< 10 s or refused, < 500 MB) are asserted by tests/test_hostile_files.py, the figures are printed here.

Figures on the shared 2-core machine (issue 10, after this change):

* .docx, 115 MB of empty paragraphs in 176 KB: refused (zip bomb) in 0.5 s, 37 MB (was 232 s, 2.6 GB);
* .xlsx, 115 MB of rows in 290 KB: refused in 0.5 s, 38 MB (was 60 s, 1.75 GB);
* .docx, 1,400,000 empty paragraphs (just under the tag cap): refused (no report) in < 10 s, < 250 MB;
* .docx, 100,000 paragraphs: reading 12.9 → 4.6 s (python-docx's per-paragraph XPath gone); the check of
  what is read still costs ~10 s (claim checks, SPEED2's files);
* .docx writer, report text of short paragraphs (write_docx alone): 1 MB 113 s → 0.7 s, 2 MB ~1.5 s,
  8 MB 8.6 s (was quadratic: python-docx's add_paragraph scanned the body for its sectPr and looked the
  style up by name per paragraph; the issue measured 55 s for 0.96 MB, over 15 min for 8 MB);
* check --annotate, .docx of 100,000 paragraphs (11 comments): never finished → 9.8 s, 368 MB → 5.5 s of CPU,
  376 MB (a part printed again word for word is claim-checked once; 28-35 s wall at load 9-12 on 2 cores);
* check --annotate, claim text of 0.1 / 0.2 / 1 MB (1,872 / 3,928 / 20,376 comments): 11.7 / 34 s / — →
  annotate alone 3 / 7 / 37 s (each flag scanned every paragraph, each comment every comment id);
* text, 8 MB repeating one claim (164,000 claims): 15 s, 1 GB (issue), ~20,000 flags per MB → 6.8 s of CPU,
  186 MB, 6 flags: a sentence met again with the same neighbours is read once (assistant/checks/claim_memo.py),
  identical claims are one flag "（同一句在本部分共出现164293次，此处为第一次）", and at most 200 flags a code;
* check --annotate of that 8 MB text: 40-80 s (a whole-part flag split every one of its 164,000 paragraphs) →
  11 s of CPU and 620 MB: the .docx tree itself costs ~2.3 KB per paragraph in lxml (7 elements, 5
  attributes each: 385 MB for 164,000 paragraphs, measured with plain SubElement) → refused before checking,
  exit 2, "报告有 164,320 段，超过批注版的上限 100,000 段" (assistant/writers/annotate.MAX_PARAGRAPHS; the
  review page says the same instead of offering the annotated download).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostilekit import (  # noqa: E402
    docx_bomb,
    docx_from_body,
    docx_paragraphs,
    long_report_text,
    repeated_claim_text,
    run_cli,
    write_docx_seconds,
    xlsx_rows,
)


def writers(tmp: Path) -> None:
    """Size → seconds of the .docx writer alone, and of check --annotate (reading and checking included)."""
    for mb in (0.5, 1, 2, 8):
        source = tmp / f"long-{mb}.txt"
        source.write_text(long_report_text(mb), encoding="utf-8")
        seconds = write_docx_seconds(source, tmp / "long.docx", timeout=600)
        print(f"write_docx, {mb:4} MB of short paragraphs        {seconds:7.2f} s")
    annotated = str(tmp / "annotated.docx")
    for count in (10_000, 100_000):
        source = tmp / f"paragraphs-{count}.docx"
        source.write_bytes(docx_paragraphs(count))
        run = run_cli("check", str(source), "--annotate", annotated, timeout=600)
        print(f"check --annotate, {count:7,} paragraphs          {run.seconds:7.2f} s  {run.peak_mb:7.1f} MB")
    for mb in (1, 8):
        source = tmp / f"claims-{mb}.txt"
        source.write_text(repeated_claim_text(mb), encoding="utf-8")
        run = run_cli("check", str(source), "--annotate", annotated, timeout=600)
        if run.returncode == 2:  # too many paragraphs for an annotated copy: refused, the reason printed
            print(f"check --annotate, {mb:4} MB claims, refused {run.seconds:7.2f} s  {run.peak_mb:7.1f} MB")
            continue
        comments = run.stderr.split("（")[-1].split(" ")[0]
        print(f"check --annotate, {mb:4} MB claims, {comments:>6} comments {run.seconds:7.2f} s  {run.peak_mb:7.1f} MB")


def main() -> None:
    cases = {
        "bomb.docx (115 MB empty paragraphs)": lambda: docx_bomb(115),
        "rows.xlsx (115 MB rows)": lambda: xlsx_rows(115),
        "empty-1.4M.docx": lambda: docx_from_body(["<w:p/>" * 1_400_000]),
        "paragraphs-10k.docx": lambda: docx_paragraphs(10_000),
        "paragraphs-100k.docx": lambda: docx_paragraphs(100_000),
        "claim-1MB.txt": lambda: repeated_claim_text(1).encode("utf-8"),
        "claim-8MB.txt": lambda: repeated_claim_text(8).encode("utf-8"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        writers(Path(tmp))
        for name, make in cases.items():
            data = make()
            path = Path(tmp) / name.split(" ")[0]
            path.write_bytes(data)
            run = run_cli("check", str(path), timeout=600)
            print(
                f"{name:40} {len(data) / 1e6:8.2f} MB  exit {run.returncode}"
                f"  {run.seconds:7.2f} s  {run.peak_mb:7.1f} MB"
            )


if __name__ == "__main__":
    main()
