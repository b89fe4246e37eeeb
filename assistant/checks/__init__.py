"""The consistency checker: pure functions over a Report. No I/O, no clock, no model calls, no UI.

Each family lives in its own module with a ``run`` function: ``run(report)`` for the families that read
this year's report alone, ``run(report, last)`` for the ones that compare it with last year's. :func:`check`
runs them all and returns the flags in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.checks import claims, content, copying, dates, preamble, privacy, structure, tables, years
from assistant.checks.codes import make_flag
from assistant.checks.limits import capped
from assistant.model import Flag, Report

OnReport = Callable[[Report], list[Flag]]
AgainstLast = Callable[[Report, Report | None], list[Flag]]

# Families are independent and each emits its own codes, so their order never changes the sorted result.
ON_REPORT: tuple[OnReport, ...] = (structure.run, tables.run, claims.run, dates.run, privacy.run, preamble.run)
AGAINST_LAST: tuple[AgainstLast, ...] = (years.run, content.run, copying.run)


def _order(flag: Flag) -> tuple[int, int, str, str]:
    section = -1 if flag.section is None else flag.section
    start = flag.span[0] if flag.span else -1
    return (section, start, flag.code, flag.cell or "")


def check(report: Report, last: Report | None = None) -> list[Flag]:
    """Every flag for ``report`` (and against ``last``, last year's report, when given), in order."""
    flags: list[Flag] = []
    for family in ON_REPORT:
        flags.extend(family(report))
    for against_last in AGAINST_LAST:
        flags.extend(against_last(report, last))
    # A report that repeats itself can give the same flag twice: one is enough (order unchanged).
    unique = {f.model_dump_json(): f for f in flags}
    return capped(sorted(unique.values(), key=_order))


__all__ = ["Flag", "check", "make_flag"]
