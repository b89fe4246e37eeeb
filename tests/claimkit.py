"""Build reports in code for the N-MISMATCH tests: all-zero tables with chosen cells, own sentences."""

from __future__ import annotations

from assistant.checks import claims
from assistant.model import Cell, Figures, Flag, Report, Section


def figures(cells: dict[str, int | float | str | None] | None = None) -> Figures:
    """Every cell 0, then ``{"table3.received.total": 5, ...}`` (a str goes through Cell.parse)."""
    fig = Figures.zeros()
    for path, value in (cells or {}).items():
        table, row, col = path.split(".")
        fig.set(table, row, col, Cell.parse(value))
    return fig


def report(
    sections: dict[int, str] | str,
    cells: dict[str, int | float | str | None] | None = None,
    *,
    year: int | None = 2024,
    fig: Figures | None = None,
) -> Report:
    """A report whose section texts are ``sections`` (a bare string is section 一)."""
    texts = {1: sections} if isinstance(sections, str) else sections
    r = Report(
        sections=[Section(number=n, text=t) for n, t in sorted(texts.items())],
        figures=fig if fig is not None else figures(cells),
    )
    r.meta.year = year
    return r


def mismatches(
    text: dict[int, str] | str, cells: dict[str, int | float | str | None] | None = None, **kw: object
) -> list[Flag]:
    flags = claims.run(report(text, cells, **kw))  # type: ignore[arg-type]
    assert all(f.code == "N-MISMATCH" for f in flags)
    return flags


def spanned(flag: Flag, text: str) -> str:
    """The text a flag's span points at."""
    assert flag.span is not None
    return text[flag.span[0] : flag.span[1]]
