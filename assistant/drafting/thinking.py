"""Reasoning models' thinking kept off the page: ``<think>…</think>`` blocks removed from model text.

Models such as DeepSeek-R1, QwQ and Qwen3 put their chain of thought in the content itself, between
``<think>`` and ``</think>`` (sometimes ``<thinking>``). :class:`ThinkFilter` removes those blocks from a
stream, however the tags are split across chunks; an opened block that never closes (the reply was cut)
hides everything after it. ``reasoning_content`` fields never reach here: the client reads ``content`` only.
"""

from __future__ import annotations

import re

# Opening or closing tag, case-insensitive, tolerating inner spaces: <think>, </think >, <THINKING>.
_TAG = re.compile(r"<\s*(/?)\s*think(?:ing)?\s*>", re.IGNORECASE)
# Longest text that could be the start of a tag still to be completed by the next chunk.
_LONGEST_TAG = len("< / thinking >") + 4


def _maybe_tag_start(tail: str) -> int:
    """Index in ``tail`` where an unfinished tag may begin (so it must wait for more text), else ``len(tail)``."""
    start = tail.rfind("<", max(0, len(tail) - _LONGEST_TAG))
    if start < 0:
        return len(tail)
    partial = tail[start:].lower().replace(" ", "").replace("/", "")
    if "<thinking".startswith(partial):
        return start
    return len(tail)


class ThinkFilter:
    """Feed model text in pieces; get back only what lies outside thinking blocks.

    ``thought`` counts the characters hidden, so a caller can say how much thinking was dropped.
    """

    def __init__(self) -> None:
        self._pending = ""  # text held back: it may be the start of a tag
        self._inside = False
        self._shown_any = False
        self.thought = 0

    def feed(self, piece: str) -> str:
        """The visible part of ``piece`` (text that might begin a tag is held until the next piece)."""
        text = self._pending + piece
        self._pending = ""
        out: list[str] = []
        pos = 0
        for tag in _TAG.finditer(text):
            self._take(text[pos : tag.start()], out)
            # A stray closing tag is dropped alone: the text before it has already been shown.
            self._inside = tag.group(1) != "/"
            pos = tag.end()
        rest = text[pos:]
        cut = _maybe_tag_start(rest)
        self._pending = rest[cut:]
        self._take(rest[:cut], out)
        return "".join(out)

    def flush(self) -> str:
        """What is still held at the end of the reply (an unfinished tag is just text, unless inside a block)."""
        out: list[str] = []
        self._take(self._pending, out)
        self._pending = ""
        return "".join(out)

    def _take(self, text: str, out: list[str]) -> None:
        if self._inside:
            self.thought += len(text)
            return
        if not self._shown_any:
            # The blank lines a model leaves after its thinking are not the start of the answer.
            text = text.lstrip()
        if text:
            self._shown_any = True
            out.append(text)


def strip_thinking(text: str) -> str:
    """``text`` without thinking blocks; a closing tag with no opening one hides everything before it.

    That last case is a chat template that opened the block itself (the reply starts inside it); only a whole
    reply can be read that way, so a stream drops just the stray tag.
    """
    first = _TAG.search(text)
    if first is not None and first.group(1) == "/":
        text = text[first.end() :]
    thinking = ThinkFilter()
    return thinking.feed(text) + thinking.flush()
