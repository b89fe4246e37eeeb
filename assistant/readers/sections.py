"""Top-level section headings: recognise them (at a line start or run into the text) and split on them.

A heading is a top-level numbering — a Chinese numeral with 、 . ． or a space, an Arabic numeral that
equals the section's number ("3、收到和处理…"), or no numeral at all — followed by words that match one of
:data:`assistant.standard.SECTIONS`' patterns. Subheadings ("（一）…", "1.主动公开", "一是…") are not
sections. Order is kept as found: the checker judges missing, duplicated and misplaced sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant import standard as std
from assistant.readers.normalize import label_key

# Numbering at the start of a heading line. Group "cn" also accepts a bare space ("一 概 述").
_HEAD_NUMBER = re.compile(
    r"^\s*(?:(?P<cn>[一二三四五六七八九十]{1,2})(?:\s{0,3}[、.．,，]|\s{1,3}(?=\S))"
    r"|(?P<ar>\d{1,2})\s{0,3}[、.．](?!\d))\s*"
)
# The same numbering run into the middle of a line ("…。二、主动公开政府信息情况 …").
_INLINE_NUMBER = re.compile(r"[一二三四五六](?:\s?[、.．])")
_INLINE_BEFORE = set(' \t。！？!?;；”"」）)')
_TITLE_ENDS = ("情况概述", "情况", "事项", "措施", "举措", "概述", "思考")
# Header cells of 表四 that would otherwise read as a numeral-less heading of section 四.
_TABLE_HEADERS = frozenset({"行政复议行政诉讼", "行政复议", "行政诉讼", "行政复议及行政诉讼"})
MAX_HEADING_CHARS = 40  # a heading line longer than this is a paragraph that starts with one
WINDOW = 44  # characters after the numbering in which the title must stand
# A line that ends like this breaks off mid-sentence (a wrapped line of the preamble's list of parts).
_RUNS_ON = ("、", "，", ",", "；", ";", "以及", "和", "及", "与", "的", "等")


@dataclass(frozen=True)
class Heading:
    """A line recognised as a standard section heading, split into numbering, heading and what follows it."""

    number: int  # the standard section it names (1–6)
    numbering: str  # as printed, e.g. "一、", "3、", "一 、", ""
    heading: str  # the heading text as printed (numbering included)
    rest: str  # text after the heading on the same line


class _CharKeys(dict[int, str]):
    """Each character's label key ("" for spaces), computed on first sight: a ``str.translate`` table."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        key = "" if ch.isspace() else label_key(ch)
        self[code] = key
        return key


_CHAR_KEYS = _CharKeys()
_ALTERNATIVES = tuple((spec.number, alt) for spec in std.SECTIONS for alt in spec.patterns)
# Any fragment of any section's words: a line with none of them names no section (the common case).
_ANY_FRAGMENT = re.compile("|".join(sorted({re.escape(f) for _, alt in _ALTERNATIVES for f in alt})))


def _match_section(title: str) -> tuple[int, int] | None:
    """(section number, end offset in ``title`` of the matched words) or None."""
    window = title[:WINDOW]
    joined = window.translate(_CHAR_KEYS)  # the label keys of the window's characters, run together
    if not joined or _ANY_FRAGMENT.search(joined) is None:
        return None
    best: tuple[int, int, int] | None = None  # (start, number, end)
    for number, alternative in _ALTERNATIVES:
        positions = [joined.find(f) for f in alternative]
        if min(positions) < 0:
            continue
        start = min(positions)
        end = max(p + len(f) for p, f in zip(positions, alternative, strict=True))
        # the title must open with its words (allowing "政府信息公开工作存在的…" and "因…")
        if start > 12 or end > 30:
            continue
        if best is None or start < best[0]:
            best = (start, number, end)
    if best is None:
        return None
    _, number, end = best
    # offset in title of each key piece, to map the end back
    key_chars = [i for i, ch in enumerate(window) if _CHAR_KEYS[ord(ch)]]
    return number, key_chars[end - 1] + 1


def _title_end(title: str, matched_end: int) -> int:
    """Extend the matched words to the end of the title ("…问题及改进" → "…问题及改进情况")."""
    window = title[matched_end : matched_end + 14]
    best = matched_end
    for word in _TITLE_ENDS:
        i = window.find(word)
        if i >= 0 and not any(p in window[:i] for p in "。，；：:,;"):
            best = max(best, matched_end + i + len(word))
    return best


def _is_subheading(text: str) -> bool:
    s = text.lstrip()
    return s[:1] in "（(【[" or s.startswith(("一是", "二是", "三是"))


def runs_on(text: str) -> bool:
    """True when ``text`` breaks off mid-sentence, so the next line continues it.

    Either it ends with a connective ("、", "，以及"), or it is a long line of running text cut off after
    a character, as a PDF wraps it ("…申请情况、政府信息公开" / "行政复议、行政诉讼情况").
    """
    text = text.rstrip()
    if text.endswith(_RUNS_ON):
        return True
    return len(text) > MAX_HEADING_CHARS and "|" not in text and "\u4e00" <= text[-1:] <= "\u9fff"


def _sections_named(text: str) -> int:
    """How many different sections' words ``text`` contains (a list of the parts names several)."""
    key = label_key(text)
    return sum(1 for spec in std.SECTIONS if any(all(f in key for f in alt) for alt in spec.patterns))


def match_heading(text: str, after: str | None = None) -> Heading | None:
    """A heading at the start of ``text`` (the whole line, or the line's head when text follows).

    ``after`` is the paragraph before it: when that one breaks off mid-sentence, a line without
    numbering continues it and is no heading.
    """
    head = _match_heading(text, False)
    if head is None or head.numbering or after is None:
        return head  # the line before matters only to a heading without numbering: most lines skip runs_on
    return _match_heading(text, runs_on(after))


@lru_cache(maxsize=32768)
def _match_heading(text: str, after_runs_on: bool) -> Heading | None:
    """:func:`match_heading` by the line and whether the line before breaks off (cached: lines repeat)."""
    stripped = text.strip().lstrip("#").strip().strip("*").strip()
    if not stripped or _is_subheading(stripped):
        return None
    m = _HEAD_NUMBER.match(stripped)
    numbering = ""
    title = stripped
    if m:
        title = stripped[m.end() :]
        numbering = stripped[: m.end()].rstrip()
        if _is_subheading(title):
            return None
    found = _match_section(title)
    if found is None:
        return None
    number, matched_end = found
    short = len(stripped) <= MAX_HEADING_CHARS and "。" not in stripped
    if m and m.group("ar") is not None and (int(m.group("ar")) != number or not short):
        # "1.主动公开…" under 一 is a subheading, not section 二; "2. 主动公开政府信息情况。本年度…" runs
        # on into sentences: an item of a list inside a part, not the part's heading
        return None
    if not m and not _unnumbered_heading(stripped, after_runs_on):
        return None
    if not m and label_key(title) in _TABLE_HEADERS:
        return None  # the 表四 header row "行政复议 行政诉讼", not a heading
    if len(stripped) <= MAX_HEADING_CHARS and "。" not in stripped and "|" not in stripped:
        return Heading(number, numbering, stripped, "")
    end = _title_end(title, matched_end)
    heading = (stripped[: len(stripped) - len(title)] + title[:end]).strip()
    return Heading(number, numbering, heading, title[end:].strip(" |"))


def _unnumbered_heading(line: str, after_runs_on: bool) -> bool:
    """A line without numbering is a heading only when it is a short title on its own."""
    if len(line) > MAX_HEADING_CHARS or "。" in line:
        return False  # a sentence that merely mentions the words
    if runs_on(line) or after_runs_on:
        return False  # a wrapped line of a sentence (the preamble's list of parts, copied from a PDF)
    return _sections_named(line) < 2  # a stretch of the list of parts names several of them


def prune_headings(headings: dict[int, Heading]) -> dict[int, Heading]:
    """Drop Arabic-numbered "headings" that are items of a list inside a part.

    "2. 主动公开政府信息情况" under 一 repeats a part that has its own heading (二、…): it is a sub-item.
    Arabic numbering standing alone for a part ("3、收到和处理…") stays a heading (and S-NUMBERING).
    """
    proper = {h.number for h in headings.values() if not h.numbering[:1].isdigit()}
    return {at: h for at, h in headings.items() if not (h.numbering[:1].isdigit() and h.number in proper)}


def split_inline(text: str) -> list[str]:
    """Cut a line before every heading run into it, e.g. a whole body printed on one line."""
    cuts: list[int] = []
    for m in _INLINE_NUMBER.finditer(text):
        start = m.start()
        if start == 0:
            continue
        prev = text[start - 1]
        if prev not in _INLINE_BEFORE:
            continue
        if match_heading(text[start : start + WINDOW + 20] + "。") is not None:
            cuts.append(start)
    if not cuts:
        return [text]
    pieces = []
    last = 0
    for c in cuts:
        pieces.append(text[last:c])
        last = c
    pieces.append(text[last:])
    return [p for p in (x.strip() for x in pieces) if p]
