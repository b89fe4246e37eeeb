"""A text repeating itself (issue 10): one flag per repeated sentence saying how often and where first, at most
PER_CODE flags of a code with one closing flag, and the repeated sentences read once (same claims as reading
each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from claimkit import mismatches, report, spanned

from assistant.checks import check, claim_memo, make_flag
from assistant.checks.claim_extract import extract
from assistant.checks.limits import MORE, PER_CODE, capped
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLAIM = "本年度共收到政府信息公开申请50件。"
CELLS = {"table3.received.total": 6}


def test_a_repeated_wrong_sentence_is_one_flag_at_its_first_place() -> None:
    text = "概述。" + (CLAIM + "\n") * 5
    (flag,) = mismatches(text, CELLS)
    assert flag.span is not None and flag.span[0] == len("概述。")
    assert spanned(flag, text) == CLAIM[:-1]
    assert flag.message.endswith("（同一句在本部分共出现5次，此处为第一次）")


def test_a_sentence_said_once_has_no_count() -> None:
    (flag,) = mismatches(CLAIM, CELLS)
    assert "共出现" not in flag.message


def test_the_same_sentence_in_two_parts_is_flagged_in_each() -> None:
    flags = mismatches({1: CLAIM * 2, 3: CLAIM}, CELLS)
    assert [(f.section, "共出现2次" in f.message) for f in flags] == [(1, True), (3, False)]


def test_different_figures_are_different_flags() -> None:
    text = "本年度共收到政府信息公开申请50件。本年度共收到政府信息公开申请51件。"
    assert len(mismatches(text, CELLS)) == 2


def test_flags_of_one_code_are_capped_with_a_closing_flag() -> None:
    extra = 30
    text = "".join(f"本年度共收到政府信息公开申请{100 + k}件。\n" for k in range(PER_CODE + extra))
    flags = [f for f in check(report(text, CELLS)) if f.code == "N-MISMATCH"]
    assert len(flags) == PER_CODE + 1
    assert flags[-1].message == MORE.format(n=extra, cap=PER_CODE)
    assert flags[-1].span is None and flags[-1].severity == flags[0].severity
    assert "100件" in flags[0].message and f"{100 + PER_CODE - 1}件" in flags[-2].message


def test_cap_keeps_order_and_other_codes() -> None:
    a1, a2, a3 = (make_flag("N-MISMATCH", f"甲{k}") for k in range(3))
    b1 = make_flag("P-MOBILE", "乙")
    assert capped([a1, b1, a2], cap=2) == [a1, b1, a2]  # nothing over the cap: unchanged
    assert capped([a1, b1, a2, a3], cap=2) == [a1, b1, a2, make_flag("N-MISMATCH", MORE.format(n=1, cap=2))]


def _texts() -> list[tuple[int, str, int | None]]:
    out = []
    for path in sorted(FIXTURES.iterdir()):
        if path.suffix in (".md", ".txt", ".html"):
            r = read_report(path)
            out += [(s.number, s.text, r.meta.year) for s in r.sections if s.text]
    return out


@pytest.mark.parametrize("repeat", [1, 3])
def test_repeated_sentences_read_once_give_the_claims_of_reading_each(
    repeat: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    replayed: list[int] = []
    replay = claim_memo.SentenceMemo.replay

    def counted(memo: claim_memo.SentenceMemo, start: int) -> int | None:
        got = replay(memo, start)
        replayed.extend([] if got is None else [start])
        return got

    monkeypatch.setattr(claim_memo.SentenceMemo, "replay", counted)
    texts = _texts()
    assert len(texts) > 100
    for number, text, year in texts:
        text = "\n".join([text] * repeat)
        assert extract(number, text, year) == extract(number, text, year, memo=False), (number, text[:40])
    if repeat > 1:
        assert replayed  # the repeats were really replayed from the memo, not read again
