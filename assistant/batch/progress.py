"""How a batch shows its progress: a rich progress bar (counts, ETA) on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from assistant.batch.runner import Outcome
from assistant.batch.summary import STATUS_CN


def _line(outcome: Outcome) -> str:
    status = STATUS_CN.get(outcome.state, outcome.state)
    message = outcome.row.get("message")
    return f"{outcome.unit}：{status}{f'（{message}）' if message else ''}"


@contextmanager
def progress(total: int, stream: TextIO | None = None) -> Iterator[Callable[[Outcome], None]]:
    """A callback to call as each unit ends; a bar on a terminal, else one line per unit (``[3/24] …``)."""
    out = stream or sys.stderr
    if not out.isatty():
        done = 0

        def plain(outcome: Outcome) -> None:
            nonlocal done
            done += 1
            out.write(f"[{done}/{total}] {_line(outcome)}\n")
            out.flush()

        yield plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=out)
    columns = (TextColumn("起草"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"), TimeRemainingColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("batch", total=total)

        def shown(outcome: Outcome) -> None:
            if outcome.state != "done":  # failures stay on screen above the bar
                bar.console.print(_line(outcome), markup=False, highlight=False)
            bar.advance(task)

        yield shown
