"""The draft page's streamed preview (assistant/appkit/preview.py): nothing shown before the personal-number
scrubber has passed it, and each section's held-back tail shown when the next section starts or at the end."""

from __future__ import annotations

import random

import pytest

from assistant.appkit.preview import StreamPreview
from assistant.drafting.pinning import scrub_personal_numbers

MOBILE = "13904321237"
FIRST = "本镇依申请公开工作由党政办负责，咨询请拨手机13904321237或办公电话0873-6120476，共收到申请12件"
SECOND = "本年度未发生行政复议和行政诉讼。"


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _stream(preview: StreamPreview, section: int, text: str, rng: random.Random) -> list[dict[int, str]]:
    out, i = [], 0
    while i < len(text):
        step = rng.randint(1, 5)
        out.append(preview.feed(section, text[i : i + step]))
        i += step
    return out


@pytest.mark.parametrize("seed", range(20))
def test_a_number_split_over_deltas_is_never_shown(seed: int) -> None:
    preview, rng = StreamPreview(), random.Random(seed)
    updates = _stream(preview, 1, FIRST, rng) + _stream(preview, 2, SECOND, rng) + [preview.finish()]
    for update in updates:
        for text in update.values():
            assert MOBILE not in _digits(text) and "13904" not in _digits(text)
    assert preview.shown(1) == scrub_personal_numbers(FIRST)[0]
    assert preview.shown(2) == SECOND


def test_a_sections_tail_appears_when_the_next_starts_and_the_last_at_finish() -> None:
    preview = StreamPreview()
    text = "本镇全年主动公开政府信息，依托门户网站专栏发布。共收到申请12件"
    shown = preview.feed(1, text)[1]
    assert shown and text.startswith(shown) and shown != text  # a tail that could grow into a number is held
    assert preview.feed(2, "本年度未发生") == {1: text, 2: ""}  # section 2 starts: 1's tail is shown
    assert preview.feed(2, "") == {}  # nothing changed
    assert preview.finish() == {2: "本年度未发生"}  # the end: the last tail is shown
    assert preview.finish() == {}


def test_a_number_at_a_sections_end_is_scrubbed_when_its_tail_is_shown() -> None:
    preview = StreamPreview()
    preview.feed(5, "如有疑问请联系手机1390432")
    assert preview.feed(5, "1237") == {}
    assert MOBILE not in _digits(preview.feed(6, "无。")[5])
    assert MOBILE not in _digits(preview.shown(5)) and preview.shown(5).startswith("如有疑问")
