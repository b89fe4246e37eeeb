"""Model prose made plain text: nothing a browser, a markdown viewer or a spreadsheet would act on.

A model may answer with HTML (``<script>``, ``<img onerror>``), markdown links and images, pipe tables or
text a spreadsheet reads as a formula (``=HYPERLINK(…)``); none of it belongs in a report. Tags go through
the standard library's HTML parser (the text of script-like elements goes with them); markdown links keep
their words and lose their address; images go. A line the report reader would take for a part heading
("二、主动公开政府信息情况") never reaches the page as one: the reader's own heading test finds it, and the
heading words go (what follows them on the line stays).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from assistant.readers.sections import match_heading, split_inline

# Elements whose content is code or chrome, never prose: dropped whole.
_DROPPED = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "head", "title"}
)
# Elements that end a line of text when they open or close.
_BREAKS = frozenset({"br", "p", "div", "li", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"})
_PASSES = 4  # "&amp;lt;script&amp;gt;" becomes a tag only after two unescapes: parse until nothing changes

_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
_ADDRESS = r"(?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])"  # (url "title"), one level of (…) inside, or [ref]
_IMAGE = re.compile(r"!\[[^\]\n]*\]" + _ADDRESS)
_LINK = re.compile(r"\[([^\]\n]*)\]" + _ADDRESS)
_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}(?=\s|$)[ \t]*", re.MULTILINE)
_LINK_DEFINITION = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S.*$", re.MULTILINE)
_SCRIPT_URL = re.compile(r"(?i)\b(?:javascript|vbscript|data)\s*:[^\s，。；、）]*")
_IMAGE_URL = re.compile(
    r"(?i)https?://[^\s<>\"'，。；、）)]+?\.(?:png|jpe?g|gif|svg|webp|bmp|ico|avif)(?:[?#][^\s<>\"'，。；、）)]*)?"
)
_TAG_LEFT = re.compile(r"<(?=[A-Za-z!/?])")
# A line of only rule characters: a table's ---|--- rule, a horizontal rule, a setext heading's underline.
_RULE_LINE = re.compile(r"^[ \t|｜:：\-=*_—–]*$")
_RULE_MARK = re.compile(r"-{3,}|={3,}|\*{3,}|_{3,}|—{2,}")
_PIPES = re.compile(r"\s*[|｜]\s*")
# What a spreadsheet takes for the start of a formula, at the start of a line or cell.
_FORMULA_START = re.compile(r"^([ \t　]*)[=+\-@＝＋－＠]+[ \t]*", re.MULTILINE)
_HEADING_LEFTOVER = " \t:：,，、.．;；"


class _TextOnly(HTMLParser):
    """The text of an HTML fragment: tags dropped, script-like elements dropped with their content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._inside_dropped = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in _DROPPED:
            self._inside_dropped += 1
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._inside_dropped = max(0, self._inside_dropped - 1)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._inside_dropped:
            self.parts.append(data)


def _html_text(text: str) -> str:
    """``text`` without HTML tags, comments and script-like content; entities unescaped, and what they spell
    parsed again, so no tag survives."""
    for _ in range(_PASSES):
        if "<" not in text and "&" not in text:
            break
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        parsed = "".join(parser.parts)
        if parsed == text:
            break
        text = parsed
    return _TAG_LEFT.sub("＜", text)  # still tag-shaped after every pass: shown as a character, never a tag


def _markdown_text(text: str) -> str:
    """``text`` without markdown heading marks, images, link addresses, script URLs and remote image addresses."""
    text = _HEADING_MARK.sub("", _LINK_DEFINITION.sub("", text))
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _SCRIPT_URL.sub("", text)
    return _IMAGE_URL.sub("", text)


def _table_line(line: str) -> str | None:
    """A pipe-table line as prose (its cells joined), None for a rule line, the line itself otherwise."""
    if _RULE_LINE.match(line) and _RULE_MARK.search(line):
        return None
    if "|" not in line and "｜" not in line:
        return line
    cells = [c for c in _PIPES.split(line.strip()) if c]
    return "，".join(_FORMULA_START.sub(r"\1", c) for c in cells)


def _without_part_heading(piece: str) -> str:
    """``piece`` without the part heading the reader would see at its start (what follows it stays)."""
    while piece.strip():
        heading = match_heading(piece)
        if heading is None:
            break
        rest = heading.rest.lstrip(_HEADING_LEFTOVER)
        if len(rest) >= len(piece.strip()):
            break
        piece = rest
    return piece


def _demote_headings(line: str) -> str | None:
    """The line with every part heading in it taken out; None when nothing but headings was on it."""
    if not line.strip():
        return line
    pieces = split_inline(line)  # stripped pieces: used only when a heading runs into the line
    kept = _without_part_heading(line) if len(pieces) == 1 else "".join(map(_without_part_heading, pieces))
    return kept if kept.strip() else None


def plain_text(text: str) -> str:
    """Model prose as plain text: no tags, markdown links or images, tables, formulas, or part headings."""
    text = _AUTOLINK.sub(r"\1", text)
    text = _html_text(text).replace("\t", " ")
    text = _markdown_text(text)
    lines: list[str] = []
    for line in text.split("\n"):
        prose = _table_line(line)
        if prose is not None:
            prose = _demote_headings(_FORMULA_START.sub(r"\1", prose))
        if prose is not None:
            lines.append(prose)
    return "\n".join(lines)
