"""Unit identity: names read from title, contact line, signature and metadata; short forms; the level."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.unitname import (
    level_from_self_names,
    unit_core,
    unit_from_text,
    unit_from_title,
    unit_of_office,
    unit_stems,
)


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("云岫市青川区人民政府松禾街道办事处", "松禾街道"),
        ("云岫县松禾街道办事处", "松禾街道"),
        ("清溪县柳塘镇人民政府", "柳塘镇"),
        ("西岭新区石门街道办事处", "石门街道"),
        ("2024年柳塘镇", "柳塘镇"),
        ("【朗读】柳塘镇", "柳塘镇"),
        ("云岫县人民政府办公室", "云岫县"),
        ("新市镇", "新市镇"),
        ("经纬街道", "经纬街道"),
    ],
)
def test_core_names(name: str, core: str) -> None:
    assert unit_core(name) == core


def test_stems_include_the_short_form_of_an_ethnic_township() -> None:
    assert unit_stems("清溪县鲊溪回族乡") == ["鲊溪回族", "鲊溪"]


_TITLE, _TEXT, _OFFICE = unit_from_title, unit_from_text, unit_of_office


@pytest.mark.parametrize(
    ("read", "given", "unit"),
    [
        (_TITLE, "2024年柳塘镇政府信息公开工作年度报告", "柳塘镇"),
        (_TITLE, "点击朗读 柳塘镇2024年政府信息公开工作年度报告", "柳塘镇"),
        (_TITLE, "云岫县松禾街道办事处2024年政府信息公开工作年度报告", "云岫县松禾街道"),
        (_TITLE, "2024年政府信息公开工作年度报告", None),
        (
            _TEXT,
            "如对本报告有疑问，请联系：云岫市青川区人民政府松禾街道办事处；电话：0571-1234567。",
            "云岫市青川区松禾街道",
        ),
        (_TEXT, "如有疑问，请与清溪县柳塘镇人民政府党政办公室联系。", "清溪县柳塘镇"),
        (_TEXT, "本报告由云岫市青川区石门街道办事处编制。", "云岫市青川区石门街道"),
        (_TEXT, "现发布《柳塘镇2024年政府信息公开工作年度报告》。", "柳塘镇"),
        (_TEXT, "正文。\n\n    清溪县柳塘镇人民政府\n    2025年1月20日", "清溪县柳塘镇"),
        (_TEXT, "发布机构 柳塘镇\n正文。", "柳塘镇"),
        # fragments of sentences and page furniture are not names
        (_TEXT, "如有疑问，请与镇党政办联系。", None),
        (_TEXT, "相关工作由本镇人民政府负责。", None),
        (_TEXT, "登录 | 注册\n请联系本街道办事处。", None),
        # a contact office → the unit's full name, as the drafter writes it
        (_OFFICE, "云岫县松禾街道办事处党政办公室", "云岫县松禾街道办事处"),
        (_OFFICE, "云岫市青川区人民政府松禾街道办事处", "云岫市青川区人民政府松禾街道办事处"),
        (_OFFICE, "清溪县柳塘镇人民政府信息公开领导小组办公室", "清溪县柳塘镇人民政府"),
        (_OFFICE, "柳塘镇党政综合办公室", "柳塘镇"),
        (_OFFICE, "云岫县教育局办公室", "云岫县教育局"),
    ],
)
def test_unit_read_from(read: Callable[[str], str | None], given: str, unit: str | None) -> None:
    assert read(given) == unit


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("我镇高度重视。本镇发布信息86条。", "township"),
        ("本街道收到申请2件。我街道均按期答复。", "street"),
        ("我县各乡镇均开设专栏。本县发布信息。", "county"),
        ("我县指导我镇开展工作。我镇发布信息。", None),
        ("我镇高度重视。", None),
        ("推进我乡镇政务公开。我乡村振兴。", None),
    ],
)
def test_level_from_self_names(text: str, level: str | None) -> None:
    assert level_from_self_names(text) == level
