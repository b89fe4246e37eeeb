"""Annotating hostile sizes (issue 10): a flag over a whole long part is marked at its first and last character
without splitting the paragraphs between; a part printed again is checked once."""

from __future__ import annotations

import io
import zipfile

import pytest
from annotatekit import W, anchored_text, comments
from claimkit import report
from lxml import etree

from assistant.checks import check, claims
from assistant.model import Flag
from assistant.writers import annotate
from assistant.writers.annotate import annotate_docx
from tests.writerkit import squeeze

LINES = [f"第{k}段说明，本年度工作按计划推进。" for k in range(1, 41)]


def _runs_per_paragraph(data: bytes) -> list[int]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [len(p.findall(f"{W}r")) for p in root.iter(f"{W}p")]


def test_a_span_over_a_whole_long_part_is_one_comment_from_its_first_to_its_last_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    isolated: list[int] = []
    isolate = annotate._isolate
    monkeypatch.setattr(annotate, "_isolate", lambda p, a, b: isolated.append(a) or isolate(p, a, b))
    text = "\n".join(LINES)
    r = report({1: text, 2: "无。"})
    start, end = text.index("段说明"), text.rindex("计划")
    flag = Flag(code="X-LONG", severity="warning", message="整段", section=1, span=(start, end))
    buffer = io.BytesIO()
    stats = annotate_docx(r, [flag], buffer)
    data = buffer.getvalue()
    assert stats.span == 1
    (comment,) = comments(data)
    assert squeeze(anchored_text(data)[comment[0]]) == squeeze(text[start:end])
    # only the first and last paragraphs are split (at the span's ends); the 38 between keep their one run
    assert sorted(_runs_per_paragraph(data)).count(1) >= len(LINES) - 2
    assert len(isolated) == 2  # each paragraph under a long span was split apart: 8 MB of text took 40 s


def test_a_part_printed_again_word_for_word_is_checked_once() -> None:
    wrong = "本年度共收到政府信息公开申请50件。"
    r = report({1: wrong, 3: "无。"}, {"table3.received.total": 6})
    r.sections.append(r.sections[0].model_copy())
    assert len(claims.run(r)) == 1
    assert [f.code for f in check(r)].count("N-MISMATCH") == 1


def test_a_report_too_long_for_comments_is_refused_in_chinese_and_the_review_page_says_why() -> None:
    from assistant.appkit.export import annotation_refusal
    from assistant.errors import InputError

    fits = report({1: "\n".join(["第一段。"] * (annotate.MAX_PARAGRAPHS - 1)), 2: "无。"})
    too_long = report({1: "\n".join(["第一段。"] * annotate.MAX_PARAGRAPHS), 2: "无。"})
    assert annotation_refusal(fits) is None
    refusal = annotation_refusal(too_long)
    assert refusal is not None and "超过批注版的上限" in refusal and "100,001 段" in refusal
    with pytest.raises(InputError):
        annotate_docx(too_long, [], io.BytesIO())
