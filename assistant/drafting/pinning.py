"""Make model prose safe to ship: fill figure placeholders, remove personal numbers, fix wrong figures.

Every literal figure the model left in its text is read with the checker's own claim reader; one that
maps to exactly one reading and contradicts the table is replaced by the table's value, and the
correction is recorded. Then every number left must be grounded (:mod:`assistant.drafting.grounding`):
one that nothing grounds goes with its clause, so a sentence the claim reader misses cannot ship a
wrong figure. Anything else the checker flags is left for the repair round (or the user).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant import standard as std
from assistant.checks.claim_extract import Claim, extract
from assistant.checks.claims import judge
from assistant.checks.numerals import FULLWIDTH, find_tokens
from assistant.checks.personal import personal_numbers
from assistant.drafting import placeholders
from assistant.drafting.grounding import (
    UNGROUNDED_SHARE,
    Removal,
    Span,
    count_clauses,
    given_keys,
    ground,
    remove_clauses,
)
from assistant.drafting.literals import find_literals
from assistant.drafting.plaintext import plain_text
from assistant.drafting.thinking import strip_thinking
from assistant.model import Figures
from assistant.numfmt import plain_number, raw_decimals

MAX_SECTION_CHARS = 8000  # a runaway model must not produce a 100-page section

_FENCE = re.compile(r"^```[a-z]*\s*$", re.MULTILINE)
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s+|[-*]\s+)|\*\*|__", re.MULTILINE)
# Punctuation doubled where a removed number stood: "4件。，收费" → "4件。收费", "电话…，。" → "电话…。".
_SOFT_BEFORE_STOP = re.compile(r"[，、：:,]+([。；])")
_SOFT_AFTER = re.compile(r"([。；，])[，、：:,。]+")
_BLANKS = re.compile(r"\n{3,}")
_BRACES = re.compile(r"[{}｛｝]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")  # and placeholders.MARKS
# A dangling label left after a removed number: "联系人手机：，" → "，", "Tel，" → "，".
_DANGLING = re.compile(
    r"(?:联系人)?(?:手机号码|手机号|手机|移动电话|身份证号码|身份证号|身份证|Tel|TEL|tel|Mobile)\.?\s*[:：]?\s*"
    r"(?=[，。；、）)\n]|$)"
)


@dataclass(frozen=True)
class Correction:
    """A wrong literal figure the model wrote, put right: the claim as written, as corrected, and its cell."""

    section: int
    before: str
    after: str
    cell: str


def clean_model_text(text: str, section: int) -> str:
    """Strip what a chat model adds around the body: fences, markup, a repeated heading; cap the size."""
    return _unwrapped(text, section)[:MAX_SECTION_CHARS]


def _unwrapped(text: str, section: int) -> str:
    """The body of a model's reply as plain text, uncapped (see :func:`clean_model_text`)."""
    text = _CONTROL.sub("", strip_thinking(text).replace("\r\n", "\n"))  # a streamed reply may still hold some
    text = plain_text(_FENCE.sub("", text))
    text = _MARKDOWN.sub("", text)
    lines = [line.rstrip() for line in text.strip().split("\n")]
    if section and lines and _is_own_heading(lines[0], section):
        lines = lines[1:]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _is_own_heading(line: str, section: int) -> bool:
    spec = std.SECTIONS_BY_NUMBER[section]
    compact = re.sub(r"\s", "", line)
    return len(compact) <= 30 and spec.title[:4] in compact


def scrub_personal_numbers(text: str) -> tuple[str, int]:
    """Remove personal mobile and ID numbers (the checker finds them); returns the text and how many."""
    hits = personal_numbers(text)
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        text = text[: hit.start] + text[hit.end :]
    if hits:
        text = _SOFT_AFTER.sub(r"\1", _SOFT_BEFORE_STOP.sub(r"\1", _DANGLING.sub("", text)))
    return text, len(hits)


def _fix_for(figures: Figures, claim: Claim) -> str | None:
    """The corrected figure for a claim that contradicts exactly one cell reading, else None."""
    if judge(figures, claim) is None or claim.relation != "eq" or claim.equals:
        return None
    if claim.kind not in ("count", "amount") or not claim.unit or len(claim.alternatives) != 1:
        return None
    cells = claim.alternatives[0]
    values = [figures.value(*c) for c in cells]
    if any(v is None for v in values):
        return None
    actual = float(sum(v for v in values if v is not None))
    if claim.kind == "amount":
        decimals = raw_decimals(figures.cell(*cells[0]).raw)
        if claim.unit == "元":
            return f"{actual * 10000:.0f}"
        return f"{actual:.{decimals}f}"
    return plain_number(actual)


Edit = tuple[int, int, str, Claim]  # replace text[start:end] with the table's figure, for this claim


def _edits(text: str, section: int, figures: Figures, year: int | None) -> list[Edit]:
    """Where a wrong literal figure that maps to one cell stands, and the table's value for it, in order."""
    edits: list[Edit] = []
    for claim in extract(section, text, year):
        fixed = _fix_for(figures, claim)
        if fixed is None:
            continue
        local = claim.text.translate(FULLWIDTH)
        token = next((t for t in find_tokens(local) if abs(t.value - claim.value) < 1e-9 and t.unit), None)
        if token is None or token.relation != "eq":
            continue
        number_end = token.end - len(token.unit)
        edits.append((claim.start + token.start, claim.start + number_end, fixed, claim))
    return sorted(edits, key=lambda e: e[0])


def _apply(text: str, edits: list[Edit], section: int) -> tuple[str, list[Correction], list[Span]]:
    """The text with ``edits`` made, the corrections, and where each corrected figure now stands."""
    corrections: list[Correction] = []
    for start, end, fixed, claim in reversed(edits):
        before = claim.text
        text = text[:start] + fixed + text[end:]
        after = before.replace(before[start - claim.start : end - claim.start], fixed, 1)
        corrections.append(Correction(section, before, after, std.cell_path(*claim.alternatives[0][0])))
    return text, list(reversed(corrections)), _shifted([(s, s + len(f)) for s, _, f, _ in edits], edits)


def _shifted(spans: list[Span], edits: list[Edit]) -> list[Span]:
    """``spans`` of the text before ``edits``, where they stand after (an edited span becomes its edit)."""
    out: list[Span] = []
    for a, b in spans:
        delta = 0
        for start, end, fixed, _ in edits:
            if end <= a:
                delta += len(fixed) - (end - start)
            elif start < b and a < end:  # a filled value the claim reader put right: the edit replaces it
                a, b = start, start + len(fixed)
                break
        out.append((a + delta, b + delta))
    return out


def correct_figures(text: str, section: int, figures: Figures, year: int | None) -> tuple[str, list[Correction]]:
    """Replace each wrong literal figure that maps to one cell with the table's value."""
    text, corrections, _ = _apply(text, _edits(text, section, figures, year), section)
    return text, corrections


def refill_figures(text: str, section: int, figures: Figures, year: int | None) -> tuple[str, list[Correction]]:
    """A clerk's own prose with its figures re-filled from the tables; every other word is left as written."""
    text, _ = placeholders.fill(text, figures)  # unknown placeholders stay for the clerk to see
    return correct_figures(text, section, figures, year)


@dataclass
class Pinned:
    """Model text made shippable, with what it took: unknown placeholders, numbers scrubbed, corrections.

    ``ungrounded`` lists the clauses removed for numbers nothing grounds, ``unfilled`` those removed for a
    placeholder the tables cannot fill; ``too_many_ungrounded`` says so many went that the template's section
    is the better text. ``cut`` says the reply ran past :data:`MAX_SECTION_CHARS` and was cut there.
    """

    text: str
    unknown_placeholders: list[str]
    scrubbed: int
    corrections: list[Correction]
    ungrounded: list[Removal] = field(default_factory=list)
    too_many_ungrounded: bool = False
    filled: int = 0  # placeholders filled from the tables
    unfilled: list[Removal] = field(default_factory=list)
    cut: bool = False


def pin(raw: str, section: int, figures: Figures, year: int | None, *, given: str = "") -> Pinned:
    """Model text in, shippable text out: cleaned, filled, scrubbed, corrected, every number grounded.

    ``given`` is the material the model was given besides the tables (notes, unit profile, last year's
    passages): a number found there may stand in the text.
    """
    text = _unwrapped(raw, section)
    cut = len(text) > MAX_SECTION_CHARS
    text = text[:MAX_SECTION_CHARS]
    # Scrub before filling too: a number glued to a placeholder ("138…{{x}}") would hide in a longer digit run.
    text, scrubbed_raw = scrub_personal_numbers(text)
    clauses = count_clauses(text)
    # A placeholder the tables cannot fill leaves a sentence without its figure: the clause goes with it.
    gaps = placeholders.unfilled(text, figures)
    unknown = [m.group(1) for m in gaps]
    text, unfilled = remove_clauses(text, section, [(m.start(), m.group(0)) for m in gaps])
    text, _ = placeholders.fill(text, figures, marked=True)
    text = _BRACES.sub("", text)  # no stray brace a model left around a placeholder reaches the page
    text, filled = placeholders.unmark(text)
    edits = _edits(text, section, figures, year)
    if given:  # a figure from the clerk's own material is theirs: the checker reports it, code does not rewrite it
        theirs = given_keys(given)
        at = {lit.start: lit.key for lit in find_literals(text)}
        edits = [e for e in edits if at.get(e[0]) not in theirs]
    text, corrections, fixed = _apply(text, edits, section)
    grounded = ground(text, section, figures, year, given, (*_shifted(list(filled), edits), *fixed))
    text, scrubbed = scrub_personal_numbers(grounded.text)
    too_many = len(unfilled) + len(grounded.removals) > UNGROUNDED_SHARE * clauses
    return Pinned(
        text,
        unknown,
        scrubbed_raw + scrubbed,
        corrections,
        list(grounded.removals),
        too_many,
        len(filled),
        list(unfilled),
        cut,
    )
