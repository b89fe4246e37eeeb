"""The consistency checker: pure functions over a Report. No I/O, no clock, no model calls, no UI.

Each family lives in its own module with ``run(report, last) -> list[Flag]``; :func:`check` runs them
all and returns the flags in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.checks import claims, content, copying, dates, privacy, structure, tables, years
from assistant.checks.codes import make_flag
from assistant.model import Flag, Report

Check = Callable[[Report, Report | None], list[Flag]]

# Order matters only for ties in the sort below; families are independent.
FAMILIES: tuple[Check, ...] = (
    structure.run,
    tables.run,
    years.run,
    claims.run,
    dates.run,
    content.run,
    copying.run,
    privacy.run,
)


def _order(flag: Flag) -> tuple[int, int, str, str]:
    section = -1 if flag.section is None else flag.section
    start = flag.span[0] if flag.span else -1
    return (section, start, flag.code, flag.cell or "")


def check(report: Report, last: Report | None = None) -> list[Flag]:
    """Every flag for ``report`` (and against ``last``, last year's report, when given), in order."""
    flags: list[Flag] = []
    for family in FAMILIES:
        flags.extend(family(report, last))
    return sorted(flags, key=_order)


__all__ = ["Flag", "check", "make_flag"]
