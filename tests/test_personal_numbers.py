"""One detector of personal numbers in every spelling: the checker flags them, every flag quoting report
text masks them, the drafter (offline and with a model) writes none, and streaming shows none."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from fake_models import good_text, user_prompt
from fake_openai import FakeOpenAI
from reportkit import OTHER, clean_report, last_report, only, with_text

from assistant.checks import check, privacy
from assistant.checks.codes import make_flag
from assistant.checks.personal import mask_personal, personal_numbers
from assistant.cli import main
from assistant.drafting.pinning import scrub_personal_numbers
from assistant.drafting.stream_scrub import StreamScrubber
from assistant.model import Flag, Report
from assistant.profile import UnitProfile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MOBILE = "13904321237"
MASKED = "139****1237"
# The spellings issue 10 found shipping, and the separated ones a page or a model may use.
SPELLINGS = (
    "8613904321237",
    "+8613904321237",
    "Tel13904321237",
    "１３９０４３２１２３７",
    "一三九〇四三二一二三七",
    "0086 139-0432-1237",
    "+86 139 0432 1237",
    "139·0432·1237",
    "幺三九 零四三二 一二三七",
    MOBILE,
)
_CN = str.maketrans("〇零幺一二三四五六七八九", "001123456789")


def digits_of(text: str) -> str:
    """Every digit of ``text`` in any width or Chinese spelling, run together: a hidden number shows here."""
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text).translate(_CN))


def test_digits_of_sees_every_spelling() -> None:
    # The test's own eye must see what it looks for, or the tests below could not fail.
    assert all(MOBILE in digits_of(s) for s in SPELLINGS)
    assert MOBILE not in digits_of(MASKED)


# --- the detector and the checker ---------------------------------------------------------------------


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_check_flags_every_spelling_with_its_span_in_the_text(spelling: str) -> None:
    text = f"{OTHER}如有疑问请联系王某，手机：{spelling}。"
    flag = only(check(with_text(clean_report(), 6, text)), "P-MOBILE")
    assert flag.section == 6 and flag.evidence == MASKED and flag.span is not None
    found = text[flag.span[0] : flag.span[1]]
    assert MOBILE in digits_of(found) and found.lstrip("+").strip() in spelling  # no more than the number
    assert MOBILE not in digits_of(flag.message)


def test_resident_id_in_full_width_and_chinese_digits() -> None:
    for spelling in (
        "１１０１０５１９４９１２３１００２Ｘ",
        "一一〇一〇五一九四九一二三一〇〇二X",
        "110105 19491231 002X",
    ):
        [hit] = personal_numbers(f"申请人身份证号{spelling}。")
        assert hit.kind == "id" and hit.masked == "110105********002X"


@pytest.mark.parametrize(
    "text",
    [
        "电话：0873-6120476。",
        "电话：(0871)6612345，传真（0871）6612346。",
        "邮编650000，地址：昆明市五华区。",
        "拨打12345政务服务热线或400-800-1234。",
        "依据云政办发〔2024〕13号文件，文号139043212号。",
        "2024年12月31日前、2023-12-31之后。",
        "表三合计 13 9 0 4 3 2 1 2 3 7 5 件。",  # a row of figures: the run is longer than a mobile
        "共收到申请一三件，办结一二件。",
        "二〇二四年一月一日起至二〇二四年十二月三十一日止。",
        "流水号913904321237901。",
        "详见http://www.example.gov.cn/art/13904321237.html。",
    ],
)
def test_not_personal_numbers(text: str) -> None:
    assert personal_numbers(text) == []
    assert privacy.run(with_text(clean_report(), 6, OTHER + text)) == []


@pytest.mark.parametrize("spelling", ["+86 139 0432 1237", "8613904321237", "一三九〇四三二一二三七"])
def test_a_unit_profile_refuses_a_mobile_in_any_spelling(spelling: str) -> None:
    fields = {"full_name": "柳塘镇人民政府", "address": "清溪县柳塘镇政府路1号", "phone": spelling}
    with pytest.raises(ValueError, match="个人手机号码"):
        UnitProfile.model_validate(fields)


# --- every quote in a flag is masked -----------------------------------------------------------------


def _quoting_everywhere(spelling: str) -> tuple[Report, Report]:
    """A report (and last year's) whose number stands in sentences that many flags quote."""
    last = last_report()
    five = last.section(5)
    assert five is not None
    five.text = f"一是联系人手机{spelling}未及时更新，群众反映较多；二是解读形式单一。下一步，加强培训。"
    report = with_text(clean_report(), 5, "一是信息报送不及时；二是栏目分类不清。下一步，加强督促。")
    report = with_text(report, 1, f"2023年，本镇共收到政府信息公开申请99件，咨询电话{spelling}。XX镇联系人{spelling}。")
    report = with_text(report, 6, f"本镇联系人手机{spelling}，欢迎监督。")
    return report, last


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_no_flag_of_any_code_quotes_the_number(spelling: str) -> None:
    report, last = _quoting_everywhere(spelling)
    flags = check(report, last)
    codes = {f.code for f in flags}
    # Flags that quote report text must be there, or the test would prove nothing.
    assert {"C-LAST-PROBLEMS", "N-MISMATCH", "C-FEES-MISSING", "C-UNFILLED", "P-MOBILE"} <= codes, codes
    for flag in flags:
        # Not the number, nor a part of it a quote cut into (its middle digits never show when masked).
        shown = digits_of(flag.message + (flag.evidence or ""))
        assert MOBILE not in shown and "0432" not in shown, flag
    last_problems = next(f for f in flags if f.code == "C-LAST-PROBLEMS")
    assert MASKED in last_problems.message or MASKED in (last_problems.evidence or "")


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_make_flag_masks_message_and_evidence(spelling: str) -> None:
    flag = make_flag("N-MISMATCH", f"文稿：“咨询电话{spelling}”。", section=1, evidence=f"电话{spelling}")
    assert MOBILE not in digits_of(flag.message + (flag.evidence or ""))
    label = "Tel" if spelling.startswith("Tel") else ""  # a label glued on stays, the number goes
    assert MASKED in flag.message and flag.evidence == f"电话{label}{MASKED}"


def test_masking_leaves_other_text_alone() -> None:
    text = "电话0873-6120476，邮编650000，2024年12月31日，收到申请12件。"
    assert mask_personal(text) == text
    assert make_flag("N-MISMATCH", text, evidence=text) == Flag(
        code="N-MISMATCH", severity="error", message=text, evidence=text
    )


# --- streaming ---------------------------------------------------------------------------------------

STREAMED = "本年度共收到申请12件。联系人手机：{0}，另见{0}号；Tel{0}。办公电话0873-6120476。"


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_streaming_never_shows_the_number_and_ends_as_the_scrubber_would(spelling: str) -> None:
    text = STREAMED.format(spelling)
    expected = scrub_personal_numbers(text)[0]
    for seed in range(40):
        rng = random.Random(seed)
        scrubber, shown, i = StreamScrubber(), "", 0
        while i < len(text):
            step = rng.randint(1, 6)
            shown += scrubber.feed(text[i : i + step])
            assert MOBILE not in digits_of(shown) and "13904" not in digits_of(shown)
            i += step
        shown += scrubber.flush()
        assert shown == expected, seed
    assert "0873-6120476" in expected and "12件" in expected


def test_streaming_releases_plain_text_as_it_comes() -> None:
    scrubber = StreamScrubber()
    shown = scrubber.feed("本镇全年主动公开政府信息，")
    shown += scrubber.feed("依托门户网站专栏和微信公众号发布各类信息。")
    assert shown.startswith("本镇全年主动公开政府信息，依托门户网站专栏")  # only a short tail is held
    assert shown + scrubber.flush() == "本镇全年主动公开政府信息，依托门户网站专栏和微信公众号发布各类信息。"


def test_streaming_holds_a_number_that_is_still_arriving() -> None:
    scrubber = StreamScrubber()
    shown = scrubber.feed("请联系手机+86 139 04")
    assert "139" not in shown and "+86" not in shown
    shown += scrubber.feed("32 1237，谢谢。后续内容较长，不含号码。")
    assert MOBILE not in digits_of(shown + scrubber.flush())


# --- drafting writes none ----------------------------------------------------------------------------


def _draft_and_check(out: Path, *args: str) -> tuple[str, list[tuple[str, int | None]], list[tuple[str, int | None]]]:
    """Draft to ``out``; the written text, the draft's own flags and ``check`` of the written file."""
    code = main(["draft", "--figures", str(FIXTURES / "songhe-2024.md"), *args, "--out", str(out)])
    assert code in (0, 1)
    own = json.loads(out.with_name(f"{out.stem}.flags.json").read_text(encoding="utf-8"))["flags"]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["check", str(out), "--format", "json"])
    checked = json.loads(buffer.getvalue())["flags"]

    def keys(flags: list[dict[str, Any]]) -> list[tuple[str, int | None]]:
        return sorted((f["code"], f["section"]) for f in flags)

    return out.read_text(encoding="utf-8"), keys(own), keys(checked)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_offline_draft_from_notes_writes_no_spelling(tmp_path: Path, spelling: str) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(f"本年度在各村公开栏新增公开点6个，联系人手机{spelling}。\n组织业务培训2次，咨询{spelling}。\n")
    text, own, checked = _draft_and_check(tmp_path / "d.md", "--notes", str(notes))
    assert "公开点6个" in text and "培训2次" in text  # the notes were used: the test would prove nothing else
    assert MOBILE not in digits_of(text)
    assert own == checked and "P-MOBILE" not in {code for code, _ in own}


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_model_draft_writes_no_spelling(
    tmp_path: Path, fake_server: FakeOpenAI, spelling: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def leaky(body: dict[str, Any]) -> str:
        return good_text(user_prompt(body)) + f"\n如有疑问，请联系王某，手机{spelling}。"

    fake_server.default = leaky
    monkeypatch.setenv("OPENAI_BASE_URL", fake_server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("NIANBAO_MODEL", "fake-model")
    text, own, checked = _draft_and_check(tmp_path / "d.md")
    assert fake_server.requests, "the model was not asked: the test would prove nothing"
    assert MOBILE not in digits_of(text)
    assert own == checked and "P-MOBILE" not in {code for code, _ in own}
