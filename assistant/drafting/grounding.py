"""Every number in model prose must come from somewhere; a clause with one that does not is removed.

A number is grounded when code put it there (a filled placeholder, a corrected figure: the ``trusted``
spans), when it is the report year or the next, when it appears in what the model was given (notes, unit
profile, last year's passages — the figure legend's lines do not count: table figures reach the page
through placeholders), or when the claim reader reads it as a statement about the tables that the tables
bear out. Anything else is taken out with its clause (the stretch between ，；。), and the removal recorded.
This does not rely on the claim reader seeing every sentence: a number it misses is simply ungrounded.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from assistant.checks.claim_extract import Claim, extract
from assistant.checks.claims import judge
from assistant.drafting import placeholders
from assistant.drafting.literals import Literal, find_literals, value_key
from assistant.model import Figures

UNGROUNDED_SHARE = 1 / 3  # more of a section's clauses than this removed: the template's section is better

Span = tuple[int, int]

_LEGEND_LINE = re.compile(r"^[ \t]*\{\{[a-z_]+\.[a-z_]+\}\}[ \t]*=.*$", re.MULTILINE)
_CLAUSE_END = re.compile(r"[，；。！？!?;\n]|,(?!\d{3})")
_SOFT_ENDS = frozenset("，；,;")
# A sub-part's heading that opens the clause ("（二）依申请公开情况：本年度…"): kept when the clause goes.
_HEADING = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)][^，。；：:\n]{0,20}[：:]")
_GONE = "\x00"  # where a whole sentence was (model text has no NUL: clean_model_text strips it)
_EMPTIED_LINE = re.compile("^\x00+(?:\n|$)", re.MULTILINE)
_COLON_BEFORE_STOP = re.compile(r"[：:](?=[。；！？]|$)|(?<=[：:])[，,]")  # a heading left with no clause


@dataclass(frozen=True)
class Removal:
    """A clause taken out of a model's section: it stated numbers nothing grounds, or held an unfilled placeholder."""

    section: int
    clause: str
    numbers: tuple[str, ...]  # the ungrounded numbers as written, with their measure words (or the placeholders)


@dataclass(frozen=True)
class Grounded:
    """Model text with every ungrounded clause removed, what was removed, and how many clauses it had."""

    text: str
    removals: tuple[Removal, ...]
    clauses: int

    @property
    def too_many(self) -> bool:
        """More than :data:`UNGROUNDED_SHARE` of the clauses went: the section should fall back to the template."""
        return len(self.removals) > UNGROUNDED_SHARE * self.clauses


@functools.lru_cache(maxsize=32)  # a section's material is read for its draft and its repair, twice each
def given_keys(given: str) -> frozenset[str]:
    """What the numbers in the material given match on (the figure legend's lines left out)."""
    return frozenset(lit.key for lit in find_literals(_LEGEND_LINE.sub("", given)))


def material(prompt: str, template: str, figures: Figures) -> str:
    """What grounds a section's numbers: its prompt, with the table's figures taken out of the template draft in it.

    The template draft (``template``) states the table's figures in its own sentences; left in, any of them
    would ground the same number in any sentence of the model's. Its other numbers (an office phone, a
    postcode, a figure from the notes) stay, as do the notes and last year's passages.
    """
    if not template or template not in prompt:
        return prompt
    table = {value_key(x) for v in placeholders.table_values(figures) for x in (v, v * 1e4)}  # 万元 and 元
    kept = template
    for lit in reversed(find_literals(template)):
        if lit.key in table:
            kept = kept[: lit.start] + kept[lit.end :]
    return prompt.replace(template, kept)


def _agrees(figures: Figures, claim: Claim) -> bool:
    """Whether some reading of ``claim`` whose cells all hold a number agrees with the tables."""
    for i, cells in enumerate(claim.alternatives):
        if any(figures.value(*cell) is None for cell in cells):
            continue
        if judge(figures, replace(claim, alternatives=(cells,), equals=claim.equals[i : i + 1])) is None:
            return True
    return False


def _claim_keys(claim: Claim) -> set[str]:
    values = [claim.value, claim.value * 1e4] if claim.kind == "amount" else [claim.value]  # 万元 or 元
    if claim.count is not None:
        values.append(claim.count)
    return {value_key(v) for v in values}


def _borne_out(text: str, section: int, figures: Figures, year: int | None) -> list[tuple[Span, set[str]]]:
    """Where the claim reader finds a statement the tables bear out, and the values it states."""
    return [
        ((c.start, c.end), _claim_keys(c))
        for c in extract(section, text, year)
        if c.alternatives and _agrees(figures, c)
    ]


def _clauses(text: str) -> list[tuple[int, int, str]]:
    """Each clause as (start, end, the delimiter after it: "" at the end of the text)."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in _CLAUSE_END.finditer(text):
        out.append((pos, m.start(), m.group()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text), ""))
    return out


def _cut_from(text: str, start: int, end: int) -> int:
    """Where a doomed clause's removal starts: after the sub-part heading that opens it, if any."""
    heading = _HEADING.match(text, start, end)
    return heading.end() if heading else start


def _remove(text: str, clauses: list[tuple[int, int, str]], doomed: set[int]) -> str:
    """The text without the doomed clauses, each sentence still ending as it did; an emptied sentence goes."""
    kept: list[list[str]] = []  # [clause, delimiter]
    open_sentence = False  # the last kept clause belongs to the sentence being read
    for i, (start, end, delim) in enumerate(clauses):
        hard = delim not in _SOFT_ENDS
        if i in doomed:
            cut = _cut_from(text, start, end)
            if cut > start:
                kept.append([text[start:cut], ""])
                open_sentence = True
            if hard and open_sentence:
                kept[-1][1] = delim  # "A，B。" without B: "A。"
            elif hard:
                kept.append([_GONE, "\n" if delim == "\n" else ""])  # a whole sentence: a line left empty goes too
        else:
            kept.append([text[start:end], delim])
        if hard:
            open_sentence = False
        elif i not in doomed:
            open_sentence = True
    joined = _EMPTIED_LINE.sub("", "".join(c + d for c, d in kept)).replace(_GONE, "")
    return _COLON_BEFORE_STOP.sub("", joined).strip()


def ground(
    text: str, section: int, figures: Figures, year: int | None, given: str = "", trusted: tuple[Span, ...] = ()
) -> Grounded:
    """Remove every clause holding a number nothing grounds (see the module docstring)."""
    n_clauses = count_clauses(text)
    keys = given_keys(given) if given else frozenset()
    years = {value_key(y) for y in (year, year + 1)} if year else set()

    def plain(lit: Literal) -> bool:
        return (
            any(a <= lit.start and lit.numeral_end <= b for a, b in trusted)
            or lit.key in keys
            or (lit.year and lit.key in years)
        )

    suspects = [lit for lit in find_literals(text) if not plain(lit)]
    if suspects:
        borne = _borne_out(text, section, figures, year)
        suspects = [lit for lit in suspects if not any(a <= lit.start < b and lit.key in ks for (a, b), ks in borne)]
    if not suspects:
        return Grounded(text, (), n_clauses)
    return Grounded(*remove_clauses(text, section, [(lit.start, lit.text) for lit in suspects]), n_clauses)


def count_clauses(text: str) -> int:
    """How many clauses (stretches between ，；。 and line ends) of ``text`` hold anything."""
    return sum(1 for s, e, _ in _clauses(text) if text[s:e].strip())


def remove_clauses(text: str, section: int, hits: list[tuple[int, str]]) -> tuple[str, tuple[Removal, ...]]:
    """``text`` without the clauses holding the ``hits`` (position, what stands there), and what went."""
    clauses = _clauses(text)
    doomed: dict[int, list[str]] = {}
    for start, what in hits:
        index = next(i for i, (_, end, _) in enumerate(clauses) if start < end)
        doomed.setdefault(index, []).append(what)
    removals = tuple(
        Removal(section, text[_cut_from(text, *clauses[i][:2]) : clauses[i][1]].strip(), tuple(found))
        for i, found in sorted(doomed.items())
    )
    return _remove(text, clauses, set(doomed)), removals
