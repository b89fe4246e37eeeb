"""Copying family: passages of 一 and 五 that are substantially last year's text (C-COPIED, 内容雷同).

Both texts are normalised (spaces dropped, every year made the same, so "2023→2024" still reads as
copied) and cut into character n-grams. A position of this year's text is "copied" when
its n-gram occurs anywhere in last year's 一 or 五; runs of copied positions, bridged over small edits,
are the copied passages. Linear in the length of the texts: no pairwise alignment.
"""

from __future__ import annotations

import re

from assistant import standard as std
from assistant.checks.codes import make_flag
from assistant.checks.textutil import snippet
from assistant.model import Flag, Report

_N = 8  # n-gram length in characters: long enough that stock phrases alone rarely match
_MIN_PASSAGE = 60  # characters of near-identical text that make a copied passage
_GAP = 6  # copied runs this close together are one passage (an edited word in between)
_SECTION_SHARE = 0.7  # a section this much copied is reported once, as a whole
_COMPARED = (1, 5)
# Years are made alike so "2023年…" carried into 2024 still reads as copied; other figures are kept, so
# sentences that state this year's numbers in last year's words are not counted as copied passages.
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_SPACE = re.compile(r"\s+")
_EDGE = '。，、；：！？,.;:!?）)】”"　 \n\t'


def _normalise(text: str) -> str:
    """The comparable text: years made alike (same length), whitespace dropped."""
    return _SPACE.sub("", _YEAR.sub("YYYY", text))


def _offsets(text: str) -> list[int]:
    """For each character of ``_normalise(text)``, its offset in ``text`` (only needed for a flag)."""
    return [i for i, ch in enumerate(text) if not ch.isspace()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and spaces at the edges of a passage, so the span starts on a word."""
    while start < end and text[start] in _EDGE:
        start += 1
    return start, end


def _grams(text: str) -> set[str]:
    return {text[i : i + _N] for i in range(len(text) - _N + 1)}


def run(report: Report, last: Report | None) -> list[Flag]:
    """C-COPIED passages of 一 and 五 taken from ``last``; none without it or when both are for the same year."""
    if last is None:
        return []
    if report.meta.year and last.meta.year and report.meta.year == last.meta.year:
        return []  # the same year's report twice is not copying from last year
    last_grams: set[str] = set()
    for number in _COMPARED:
        last_grams |= _grams(_normalise(last.text_of(number)))
    if not last_grams:
        return []
    last_name = f"{last.meta.year}年" if last.meta.year else "上年"
    flags: list[Flag] = []
    for number in _COMPARED:
        s = report.section(number)
        if s is None or not s.text.strip():
            continue
        flags.extend(_section_copies(s.text, number, last_grams, last_name))
    return flags


def _section_copies(text: str, number: int, last_grams: set[str], last_name: str) -> list[Flag]:
    norm = _normalise(text)
    if len(norm) < _N:
        return []
    hits = [i for i in range(len(norm) - _N + 1) if norm[i : i + _N] in last_grams]
    if not hits:
        return []
    covered = _merge([(i, i + _N) for i in hits], 0)
    passages = [(a, b) for a, b in _merge(covered, _GAP) if b - a >= _MIN_PASSAGE]
    if not passages:
        return []
    share = sum(b - a for a, b in covered) / len(norm)
    where = _offsets(text)
    heading = std.SECTIONS_BY_NUMBER[number].heading
    if share >= _SECTION_SHARE:
        start, end = _trim(text, where[passages[0][0]], where[passages[-1][1] - 1] + 1)
        return [
            make_flag(
                "C-COPIED",
                f"“{heading}”约 {round(share * 100)}% 的文字与{last_name}报告相同（仅年份、数字有改动），"
                f"属内容雷同。请按本年实际情况重写。",
                section=number,
                span=(start, end),
                evidence=snippet(text, start, end),
            )
        ]
    flags: list[Flag] = []
    for a, b in passages:
        start, end = _trim(text, where[a], where[b - 1] + 1)
        flags.append(
            make_flag(
                "C-COPIED",
                f"“{heading}”中有一段 {b - a} 字的文字与{last_name}报告几乎相同："
                f"“{snippet(text, start, end)}”。请按本年实际情况改写。",
                section=number,
                span=(start, end),
                evidence=snippet(text, start, end),
            )
        )
    return flags


def _merge(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Merge sorted spans that overlap or lie at most ``gap`` characters apart."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a - merged[-1][1] <= gap:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
