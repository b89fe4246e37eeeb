"""Privacy family: personal mobile numbers (P-MOBILE) and resident ID numbers (P-ID) in the text.

Evidence is always masked: a flag must not spread the number it warns about.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.checks.codes import make_flag
from assistant.checks.personal import personal_numbers
from assistant.model import Flag, Report


def run(report: Report) -> list[Flag]:
    """P-MOBILE and P-ID for personal numbers in the title and every section, with masked evidence."""
    flags: list[Flag] = []
    title = (report.meta.title or "").strip()
    preamble = report.section(0)
    if title and (preamble is None or title not in preamble.text):
        # The title is only scanned here when the reader kept it out of the preamble text.
        flags.extend(_scan(title, 0, with_span=False, latest_year=report.meta.year))
    for s in report.sections:
        if s.text:
            flags.extend(_scan(s.text, s.number, with_span=True, latest_year=report.meta.year))
    return flags


def _scan(text: str, section: int, *, with_span: bool, latest_year: int | None) -> Iterator[Flag]:
    for hit in personal_numbers(text, latest_year):
        span = (hit.start, hit.end) if with_span else None
        if hit.kind == "mobile":
            message = f"正文中出现个人手机号码（{hit.masked}）。公开的年报不应包含个人手机号，请改为办公电话。"
            yield make_flag("P-MOBILE", message, section=section, span=span, evidence=hit.masked)
        else:
            message = f"正文中出现居民身份证号码（{hit.masked}）。公开的年报不得包含身份证号，请删除。"
            yield make_flag("P-ID", message, section=section, span=span, evidence=hit.masked)
