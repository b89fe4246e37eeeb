"""Text copied out of a PDF: paragraphs hard-wrapped at the page width joined back, page numbers dropped.

A PDF's text layer, copied or converted to .txt, breaks every paragraph at the page width: a claim
("…当" / "面提交 3 件"), a number ("4600" / "0 人"), the title and table labels ("5.要求行政机关确认或重" /
"新出具已获取信息 0 0 0 …") fall apart. Such text is recognised by its line widths — most lines end at
nearly the same width, most of them mid-sentence — and only then rejoined, in one linear pass:

- a line joins the previous one when that one ran to the wrap width without ending its sentence, and the
  line itself opens no heading, numbered item or table row;
- a numbered table label broken over short lines joins up to the line that carries its values;
- a title broken over two lines joins.

Text that is not hard-wrapped passes through unchanged except for whole-line page numbers
("第 3 页 共 7 页", "- 3 -"), which are never report text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.readers.blocks import VALUE_RE
from assistant.readers.sections import match_heading

Line = tuple[int, str]  # a source line's 1-based number and its text (a joined line keeps its first number)

# A page number on a line of its own: "第 3 页 共 7 页", "共 7 页 第 3 页", "- 3 -", "— 3 —".
_PAGE = (
    r"[ \t]*(?:第\s*\d{1,3}\s*页\s*[,，/、]?\s*共\s*\d{1,3}\s*页|共\s*\d{1,3}\s*页\s*[,，/、]?\s*第\s*\d{1,3}\s*页"
    r"|[-—–－]\s*\d{1,3}\s*[-—–－])[ \t]*"
)
PAGE_NUMBER = re.compile(rf"^{_PAGE}$")
_ANY_PAGE_NUMBER = re.compile(rf"\n{_PAGE}\n")  # searched in "\n" + text + "\n": a literal start is fast
# An item's numbering at a line start: "一、" "（一）" "(1)" "1." "3、" — never "1 日", "0.5 万元" or "2024 年".
_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、.．)）](?!\d))"
)
_SPACED_NUMERAL = re.compile(r"^\s*[一二三四五六七八九十]{1,2}\s")  # "一 概述": a part heading's other numbering
_SENTENCE_ENDS = tuple("。！？!?")
_CLOSERS = "”’」』）)\"'"
_LINE_ENDS = frozenset("。！？!?" + _CLOSERS)  # a line ending so may have finished its sentence
_MARKUP = ("|", "#", "* ", "- ", "> ", "**")
_VALUE_ENDS = frozenset("0123456789/／\\—–―－-用")  # how a table value ends ("0", "/", "—", "不适用")
# The gap a PDF's layout leaves between Chinese and digits ("2024 年 1 月", "申请 5 件") is no space in the text.
# It opens with the space, what stands before it tested after it: the engine looks only at spaces, not at every
# character (half the cost).
_CJK_GAP = re.compile(
    r"\s(?:(?<=[\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]\s)\s*(?=\d)"
    r"|(?<=\d\s)\s*(?=[\u4e00-\u9fff\u3001\u3002\uff0c\uff1b\uff1a\uff09]))"
)
MIN_WIDTH = 24  # display columns (a CJK character is two): shorter lines say nothing about the page width
MAX_WIDTH = 300  # a longer line is an unwrapped paragraph
SPREAD = 8  # full lines of one page end within this many columns of each other
SLACK = 4  # a full line may stop short: a first-line indent, a word that did not fit
MIN_FULL_LINES = 12  # a wrapped report has dozens; an unwrapped one a handful of similar lines
MAX_LABEL_PIECE = 16  # characters of one piece of a wrapped table label
MAX_LABEL_LINES = 6  # pieces a wrapped table label runs to before its values


def width(text: str) -> int:
    """Display columns: a CJK character (three UTF-8 bytes) counts two, an ASCII one one."""
    return (len(text.encode("utf-8")) + len(text)) // 2


def unwrap(text: str) -> list[Line]:
    """The numbered lines of a decoded text, page numbers dropped and, when hard-wrapped, wrapped lines joined."""
    raw = text.split("\n")
    lines = _without_page_numbers(list(enumerate(raw, start=1)), text)
    if _runs_on(raw) * 2 < MIN_FULL_LINES:
        return lines  # the common case: too few lines run on for the text to be hard-wrapped
    full = wrap_width(lines)
    if full is None:
        return lines
    return [_closed(line) for line in _join(lines, full)]


def _runs_on(lines: list[str]) -> int:
    """At least as many lines as :func:`wrap_width` can find running on (cheap tests first)."""
    n = 0
    for s in lines:
        if len(s) >= MIN_WIDTH // 2 and not (s[-1] in _LINE_ENDS and _ends_sentence(s)) and s[0] != "\t":
            n += "|" not in s and not _ITEM.match(s)
    return n


def _without_page_numbers(lines: list[Line], text: str) -> list[Line]:
    if _ANY_PAGE_NUMBER.search(f"\n{text}\n") is None:
        return lines
    return [line for line in lines if not PAGE_NUMBER.match(line[1])]


def _closed(line: Line) -> Line:
    """Running text without the layout's gaps around digits; a table row keeps the spaces between its cells."""
    number, text = line
    if not _plain(text) or _values_after(text):
        return line
    return number, _CJK_GAP.sub("", text)


def wrap_width(lines: list[Line]) -> int | None:
    """The width a hard-wrapped text's full lines reach (at least), or None when it is not hard-wrapped."""
    top = 2 * MAX_WIDTH  # widest a line of MAX_WIDTH characters can be
    counts = [0] * (top + 1)
    open_ends = [0] * (top + 1)
    candidates = 0
    for _, raw in lines:
        text = raw.strip()
        if not MIN_WIDTH // 2 <= len(text) <= MAX_WIDTH or not _plain(raw):
            continue
        w = width(text)
        if w < MIN_WIDTH or _ITEM.match(text) or _values_after(text) >= 2:
            continue  # headings, items and table rows say nothing about the page width
        candidates += 1
        counts[w] += 1
        open_ends[w] += not _ends_sentence(text)
    # the window of SPREAD + 1 widths holding the most lines (the widest one on a tie)
    best, best_count = 0, 0
    window = sum(counts[MIN_WIDTH : MIN_WIDTH + SPREAD])
    for low in range(MIN_WIDTH, top - SPREAD + 1):
        window += counts[low + SPREAD]
        if window >= best_count:
            best, best_count = low, window
        window -= counts[low]
    if best_count < MIN_FULL_LINES or best_count * 5 < candidates * 2:
        return None
    running_on = sum(open_ends[best : best + SPREAD + 1])
    if running_on * 2 < best_count:
        return None  # full lines that end their sentences: one-line paragraphs of similar length
    return best - SLACK


def _join(lines: list[Line], full: int) -> Iterator[Line]:
    """Wrapped pieces joined as written: a layout's line break is never a space ("4600" / "0 人")."""
    i = 0
    n = len(lines)
    first = 0  # number of the first line of the paragraph being built; 0 = none
    pieces: list[str] = []
    last = ""  # the last physical line of that paragraph
    titled = False
    while i < n:
        number, raw = lines[i]
        text = raw.strip()
        if not titled and text and _plain(raw):
            titled = True
            if i + 1 < n and _title_breaks(text, lines[i + 1][1].strip()):
                yield number, text + lines[i + 1][1].strip()
                i += 2
                continue
        if first and _continues(last, raw, text, full):
            pieces.append(text)
            last = text
            i += 1
            continue
        if first:
            yield first, "".join(pieces)
            first = 0
        end = _label_end(lines, i)
        if end is not None:
            yield number, _label_row(lines[i : end + 1])
            i = end + 1
            continue
        if text and _plain(raw) and not _part_heading(text):
            first, pieces, last = number, [raw.rstrip()], text
        else:
            yield number, raw
        i += 1
    if first:
        yield first, "".join(pieces)


def _plain(raw: str) -> bool:
    """Running text: not a tab-led cell, a markdown table row, heading or list item."""
    return not raw.startswith("\t") and "|" not in raw and not raw.lstrip().startswith(_MARKUP)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)


def _values_after(text: str) -> int:
    """How many space-separated values end the line ("公开 0 0 0" → 3)."""
    if text.rstrip()[-1:] not in _VALUE_ENDS:
        return 0  # the common case: narrative ends in a word or punctuation
    parts = text.split()
    n = 0
    while n < len(parts) and VALUE_RE.match(parts[len(parts) - 1 - n]):
        n += 1
    return n


def _part_heading(text: str) -> bool:
    """A numbered part heading ("三、收到…", "3、收到…", "一 概述"); an unnumbered look-alike may be a wrapped
    sentence ("针对依申请公开办理力量不足的问题，明确")."""
    if not (_ITEM.match(text) or _SPACED_NUMERAL.match(text)):
        return False  # no numbering: skip the costly heading match
    heading = match_heading(text)
    return heading is not None and heading.numbering != ""


def _opens_block(text: str) -> bool:
    """A part heading, a numbered item or a table row: never the rest of the line before it."""
    return _ITEM.match(text) is not None or _values_after(text) >= 2 or _part_heading(text)


def _continues(last: str, raw: str, text: str, full: int) -> bool:
    """Whether ``raw`` (``text`` stripped) is the wrapped rest of a paragraph whose last line so far is ``last``."""
    return (
        bool(text)
        and width(last) >= full
        and not _ends_sentence(last)
        and _plain(raw)
        and _values_after(last) < 2
        and not _opens_block(text)
    )


def _title_breaks(first: str, second: str) -> bool:
    """A title set in large type, broken over two lines ("…工作年" / "度报告")."""
    return (
        not first.endswith("报告")
        and second.endswith("报告")
        and _plain(second)
        and len(first) + len(second) <= 60
        and "。" not in first + second
        and not _opens_block(second)
    )


def _label_end(lines: list[Line], i: int) -> int | None:
    """The line that ends a numbered table label broken over short lines, when its values follow.

    "5.要求行政机关确认或重" / "新出具已获取信息 0 0 0 0 0 0 0": the label's pieces hold no values and no
    sentence; the run ends at the first line with two or more values. Anything else leaves the lines alone.
    """
    text = lines[i][1].strip()
    if not _ITEM.match(text) or "。" in text or _values_after(text) or _part_heading(text):
        return None
    for j in range(i + 1, min(len(lines), i + 1 + MAX_LABEL_LINES)):
        raw = lines[j][1]
        piece = raw.strip()
        if not piece or "。" in piece or not _plain(raw) or _ITEM.match(piece) or _part_heading(piece):
            return None
        values = _values_after(piece)
        words = piece.split()
        if len("".join(words[: len(words) - values])) > MAX_LABEL_PIECE:
            return None
        if values >= 2:
            return j
        if values:
            return None
    return None


def _label_row(lines: list[Line]) -> str:
    """A wrapped label's pieces joined, then its values: "1.本机关不掌握相关政府信息 2 0 0 …"."""
    *label, last = [raw.strip() for _, raw in lines]
    glue = " " if _values_after(last) == len(last.split()) else ""
    return "".join(label) + glue + last
