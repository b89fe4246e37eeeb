"""Unit identity: names read from title, contact line, signature and metadata; short forms; the level."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("2024年柳塘镇政府信息公开工作年度报告", "柳塘镇"),
        ("点击朗读 柳塘镇2024年政府信息公开工作年度报告", "柳塘镇"),
        ("云岫县松禾街道办事处2024年政府信息公开工作年度报告", "云岫县松禾街道"),
        ("2024年政府信息公开工作年度报告", None),
    ],
)
def test_unit_from_title(title: str, unit: str | None) -> None:
    assert unit_from_title(title) == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("如对本报告有疑问，请联系：云岫市青川区人民政府松禾街道办事处；电话：0571-1234567。", "云岫市青川区松禾街道"),
        ("如有疑问，请与清溪县柳塘镇人民政府党政办公室联系。", "清溪县柳塘镇"),
        ("本报告由云岫市青川区石门街道办事处编制。", "云岫市青川区石门街道"),
        ("现发布《柳塘镇2024年政府信息公开工作年度报告》。", "柳塘镇"),
        ("正文。\n\n    清溪县柳塘镇人民政府\n    2025年1月20日", "清溪县柳塘镇"),
        ("发布机构 柳塘镇\n正文。", "柳塘镇"),
        # fragments of sentences are not names
        ("如有疑问，请与镇党政办联系。", None),
        ("相关工作由本镇人民政府负责。", None),
        ("登录 | 注册\n请联系本街道办事处。", None),
    ],
)
def test_unit_from_text(text: str, unit: str | None) -> None:
    assert unit_from_text(text) == unit


@pytest.mark.parametrize(
    ("office", "unit"),
    [
        ("云岫县松禾街道办事处党政办公室", "云岫县松禾街道办事处"),
        ("云岫市青川区人民政府松禾街道办事处", "云岫市青川区人民政府松禾街道办事处"),
        ("清溪县柳塘镇人民政府信息公开领导小组办公室", "清溪县柳塘镇人民政府"),
        ("柳塘镇党政综合办公室", "柳塘镇"),
        ("云岫县教育局办公室", "云岫县教育局"),
    ],
)
def test_unit_of_office(office: str, unit: str) -> None:
    assert unit_of_office(office) == unit


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
