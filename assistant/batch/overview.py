"""The batch's summary files in OUT, from the units' outcomes: lines, outlier hints, CSV and HTML."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.batch.outliers import hints
from assistant.batch.runner import Outcome
from assistant.batch.summary import Line, summary_csv, summary_html
from assistant.model import Figures


def lines_for(outcomes: Sequence[Outcome]) -> list[Line]:
    """The summary's lines, each with the outlier hints of its unit (figures of every unit that was read)."""
    figures = {o.unit: Figures.model_validate(o.row["figures"]) for o in outcomes if o.row.get("figures")}
    found = hints(figures)
    return [Line(o.unit, o.state, o.row, found.get(o.unit, [])) for o in outcomes]


def write_summary(out: Path, lines: Sequence[Line], title: str, write: Callable[[Path, bytes], None]) -> None:
    """Write ``summary.csv`` and ``summary.html`` into ``out`` with ``write`` (atomic in the CLI)."""
    write(out / "summary.csv", summary_csv(lines))
    write(out / "summary.html", summary_html(lines, title))
