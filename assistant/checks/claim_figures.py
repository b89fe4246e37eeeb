"""Reading one figure: its label (the words before it, or after it when those say nothing), the vetoes
that leave it alone, and the table it speaks of."""

from __future__ import annotations

import re

from assistant.checks import claim_counts as counts
from assistant.checks import claim_patterns as cp
from assistant.checks.claim_reading import Reading
from assistant.checks.claim_topics import topic_of
from assistant.checks.numerals import Token

_SOFT = re.compile(r"[、]")
_STRIP = "、，,：:；; \t　"


def _dated(label: str) -> bool:
    """A label with a day in it ("1件于12月28日收到") speaks of part of the year, unless it is the
    period's end ("截至2024年12月31日共收到…")."""
    if "日" not in label:
        return False
    return any(not label[: m.start()].endswith(("截至", "截止", "至", "到")) for m in cp.DATE.finditer(label))


def _year_veto(label: str, year: int | None) -> bool:
    """A label naming another year speaks of that year ("2023年收到…"); 结转至次年 is still ours."""
    if year is None or "年" not in label:
        return False
    allowed = {year, year + 1} if "结转" in label or "转入" in label else {year}
    return any(int(y) not in allowed for y in cp.YEAR.findall(label))


def read_figure(
    r: Reading, tok: Token, prev_end: int, next_start: int, clause_end: int, running: cp.Topic | None
) -> None:
    """The claim (if any) one figure makes, given where the previous figure ended and the next starts."""
    text = r.text
    p_start = prev_end
    while p_start < tok.start and text[p_start] in _STRIP:
        p_start += 1
    prefix = text[p_start : tok.start]
    s_end = next_start
    soft = _SOFT.search(text, tok.end, s_end)
    if soft:
        s_end = soft.start()
    s_end = min(s_end, clause_end)
    suffix = text[tok.end : s_end]
    both = prefix + suffix
    if cp.GLOBAL_VETO.search(both) or _year_veto(both, r.year) or _dated(both):
        return
    topic = topic_of(both) or running
    if topic == "appeal":
        if r.relevant(strict=True):
            counts.appeal(r, tok, prefix, suffix, p_start, s_end)
        return
    if topic == "other":
        return
    if counts.table2(r, tok, prefix, p_start):
        return
    if topic == "proactive" or tok.kind != "count" or tok.unit not in cp.APPLICATION_UNITS:
        return
    if topic == "apply" and tok.relation == "eq" and cp.CHANNEL.search(prefix) and prefix.strip():
        r.channels.append((tok, p_start))
        return
    if prefix.strip() and counts.table3(r, tok, prefix, (p_start, tok.end), topic):
        return
    # "3件予以公开": the words after the figure, only when nothing of substance stands before it.
    if suffix.strip() and cp.CONNECTIVE_ONLY.match(prefix):
        counts.table3(r, tok, suffix, (tok.start, s_end), topic)
