"""The batch's summary files in OUT, from the units' outcomes: lines, outlier hints, CSV and HTML.

``nianbao check --summary`` makes the same files for published reports: one outcome a report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.batch.outliers import hints
from assistant.batch.runner import Outcome
from assistant.batch.summary import STATUS_CN, Line, summary_csv, summary_html
from assistant.model import Figures, Flag, Report


def flag_counts(flags: Iterable[Flag]) -> dict[str, int]:
    """How many flags of each ``severity:code`` (the summary's error and warning columns)."""
    codes: dict[str, int] = {}
    for flag in flags:
        key = f"{flag.severity}:{flag.code}"
        codes[key] = codes.get(key, 0) + 1
    return codes


def checked_row(report: Report, flags: Iterable[Flag], path: Path, out: Path) -> dict[str, Any]:
    """A published report's summary row: its flags, its figures (for the outlier hints), a link from ``out``."""
    link = Path(os.path.relpath(path.resolve(), out.resolve())).as_posix()
    return {"figures": report.figures.model_dump(mode="json"), "codes": flag_counts(flags), "draft": link}


def unique_names(named: Sequence[tuple[str, Path]]) -> list[str]:
    """Each report's name in the summary: its unit, with the file name added where two would read alike."""
    seen: dict[str, int] = {}
    for name, _path in named:
        seen[name] = seen.get(name, 0) + 1
    return [name if seen[name] == 1 else f"{name}（{path.name}）" for name, path in named]


def lines_for(outcomes: Sequence[Outcome]) -> list[Line]:
    """The summary's lines, each with the outlier hints of its unit (figures of every unit that was read)."""
    figures = {o.unit: Figures.model_validate(o.row["figures"]) for o in outcomes if o.row.get("figures")}
    found = hints(figures)
    return [Line(o.unit, o.state, o.row, found.get(o.unit, []), o.skipped) for o in outcomes]


def write_summary(
    out: Path,
    lines: Sequence[Line],
    title: str,
    write: Callable[[Path, bytes], None],
    statuses: Mapping[str, str] = STATUS_CN,
) -> None:
    """Write ``summary.csv`` and ``summary.html`` into ``out`` with ``write`` (atomic in the CLI)."""
    write(out / "summary.csv", summary_csv(lines, statuses))
    write(out / "summary.html", summary_html(lines, title, statuses))
