"""Privacy family: mobiles and resident IDs, always masked in the evidence."""

from __future__ import annotations

import pytest
from reportkit import OTHER, clean_report, only, with_text

from assistant.checks import privacy

VALID_ID = "11010519491231002X"  # the GB 11643 worked example


def test_clean_report_gives_no_privacy_flag() -> None:
    assert privacy.run(clean_report()) == []


@pytest.mark.parametrize("number", ["13812345678", "138 1234 5678", "138-1234-5678"])
def test_mobile(number: str) -> None:
    text = f"{OTHER}联系人：王某，手机{number}。"
    flag = only(privacy.run(with_text(clean_report(), 6, text)), "P-MOBILE")
    assert flag.section == 6 and flag.evidence == "138****5678"
    assert flag.span is not None and text[flag.span[0] : flag.span[1]] == number
    assert "12345678" not in flag.message


@pytest.mark.parametrize(
    "text",
    [
        "电话：0432-67051348。",
        "拨打12345政务服务热线或400-800-1234。",
        "流水号913812345678901。",
        "详见http://www.example.gov.cn/art/13812345678.html。",
        "邮编132503。",
    ],
)
def test_not_mobiles(text: str) -> None:
    assert privacy.run(with_text(clean_report(), 6, OTHER + text)) == []


def test_resident_id() -> None:
    text = f"{OTHER}申请人身份证号{VALID_ID}。"
    flag = only(privacy.run(with_text(clean_report(), 6, text)), "P-ID")
    assert flag.evidence == "110105********002X"
    assert flag.span is not None and text[flag.span[0] : flag.span[1]] == VALID_ID
    assert VALID_ID not in flag.message


@pytest.mark.parametrize("number", ["110105194912310021", "110105194913310029", "1101051949123100212"])
def test_not_ids(number: str) -> None:
    # Wrong check digit, impossible month, too long.
    assert privacy.run(with_text(clean_report(), 6, f"{OTHER}编号{number}。")) == []


def test_mobile_in_a_title_kept_out_of_the_text() -> None:
    report = clean_report()
    report.meta.title = "柳塘镇2024年政府信息公开工作年度报告（联系人13912345678）"
    flag = only(privacy.run(report), "P-MOBILE")
    assert flag.section == 0 and flag.span is None and flag.evidence == "139****5678"
