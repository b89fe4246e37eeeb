"""Thinking blocks removed from model text, whole or in pieces of any size (assistant/drafting/thinking.py)."""

from __future__ import annotations

import pytest

from assistant.drafting.thinking import ThinkFilter, strip_thinking

CASES = {
    "<think>想一想</think>\n\n正文。": "正文。",
    "正文<think>中途想想</think>续写。": "正文续写。",
    "<think>一直没有想完": "",
    "<THINKING>大写的</THINKING>好。": "好。",
    "< think >有空格的</ think >好。": "好。",
    "a < b，且 <th 不是标签，<b>也不是</b>。": "a < b，且 <th 不是标签，<b>也不是</b>。",
    "结尾的 <": "结尾的 <",
    "结尾的 <thi": "结尾的 <thi",
}


def _in_pieces(text: str, size: int) -> tuple[str, ThinkFilter]:
    thinking = ThinkFilter()
    shown = "".join(thinking.feed(text[i : i + size]) for i in range(0, len(text), size))
    return shown + thinking.flush(), thinking


@pytest.mark.parametrize(("text", "shown"), CASES.items())
def test_whole_text(text: str, shown: str) -> None:
    assert strip_thinking(text) == shown


@pytest.mark.parametrize("size", range(1, 9))
@pytest.mark.parametrize(("text", "shown"), CASES.items())
def test_text_in_pieces_of_any_size(text: str, shown: str, size: int) -> None:
    assert _in_pieces(text, size)[0] == shown


def test_the_hidden_characters_are_counted() -> None:
    assert _in_pieces("<think>四个字符</think>答", 3)[1].thought == len("四个字符")


def test_a_closing_tag_alone_hides_what_came_before_in_a_whole_reply() -> None:
    # A chat template opened the block; the reply starts inside it.
    assert strip_thinking("想了想，应当这样写。\n</think>\n\n正文。") == "正文。"
    # In pieces that text has been shown already: only the stray tag goes.
    assert _in_pieces("想了想</think>正文。", 4)[0] == "想了想正文。"
