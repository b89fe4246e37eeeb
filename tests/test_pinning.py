"""Model prose is made safe by code: placeholders filled, personal numbers removed, wrong figures fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting import placeholders
from assistant.drafting.pinning import clean_model_text, correct_figures, pin, scrub_personal_numbers
from assistant.drafting.prompts import TemplateError, TemplateText, load_prompt
from assistant.readers import read_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def songhe():  # 新收 12, 上年结转 1, 办结 11, 结转 2, 复议 1 pending, 诉讼 1 维持
    return read_report(FIXTURES / "songhe-2024.md").figures


@pytest.fixture(scope="module")
def bureau():  # 收费 1.25 万元, 规范性文件 3/1/12
    return read_report(FIXTURES / "yunxiu-edu-2024.txt").figures


def test_placeholders_take_the_tables_values(songhe) -> None:
    text, unknown = placeholders.fill(
        "共收到申请{{received.total}}件，其中法人或其他组织{{ received.legal_persons }}件，"
        "办结{{handled_total.total}}件，行政诉讼{{suits.total}}件，{{nonsense.key}}",
        songhe,
    )
    assert text.startswith("共收到申请12件，其中法人或其他组织3件，办结11件，行政诉讼1件")
    assert unknown == ["nonsense.key"]


def test_legend_lists_every_figure_with_its_value(bureau) -> None:
    legend = placeholders.legend(bureau)
    assert "{{fees.amount}} = 1.25" in legend
    assert "{{normative_docs.in_force}} = 12" in legend
    assert legend.count("\n") + 1 == len(placeholders.CATALOGUE)


def test_wrong_figures_are_corrected_and_recorded(songhe) -> None:
    text, fixes = correct_figures("本年度共收到政府信息公开申请15件，全年办结9件，予以公开4件。", 1, songhe, 2024)
    assert text == "本年度共收到政府信息公开申请12件，全年办结11件，予以公开4件。"
    assert [(c.before, c.after) for c in fixes] == [
        ("本年度共收到政府信息公开申请15件", "本年度共收到政府信息公开申请12件"),
        ("全年办结9件", "全年办结11件"),
    ]
    assert fixes[0].cell == "表三/一、本年新收政府信息公开申请数量/总计"


def test_amounts_are_corrected_in_the_unit_written(bureau) -> None:
    text, fixes = correct_figures("全年行政事业性收费1.5万元。", 1, bureau, 2024)
    assert text == "全年行政事业性收费1.25万元。" and len(fixes) == 1


def test_right_and_unmappable_figures_are_left_alone(songhe) -> None:
    original = "共收到政府信息公开申请12件，主动公开政府信息417条，开展培训3次。"
    assert correct_figures(original, 1, songhe, 2024) == (original, [])


def test_personal_numbers_are_removed_not_office_lines() -> None:
    text, n = scrub_personal_numbers("联系电话：0873-6120476，联系人手机：13912345678。身份证110101199003074514。")
    assert n == 2
    assert "13912345678" not in text and "110101199003074514" not in text
    assert "0873-6120476" in text and "手机" not in text and "，。" not in text


def test_model_wrapping_is_stripped() -> None:
    raw = "```markdown\n## 一、总体情况\n**（一）主动公开**\n- 本年度……\n```"
    assert clean_model_text(raw, 1) == "（一）主动公开\n本年度……"
    assert len(clean_model_text("很长" * 20000, 1)) == 8000


def test_pin_does_all_of_it(songhe) -> None:
    pinned = pin("共收到政府信息公开申请{{received.total}}件，办结9件。请联系13800138000。{{bad.key}}", 1, songhe, 2024)
    assert pinned.text.startswith("共收到政府信息公开申请12件，办结11件。")
    assert "13800138000" not in pinned.text and "{{" not in pinned.text
    assert pinned.scrubbed == 1 and pinned.unknown_placeholders == ["bad.key"]


def test_prompt_render_names_every_missing_variable() -> None:
    prompt = TemplateText("t", "给${unit}写${year}年的{{received.total}}")
    assert prompt.render(unit="甲镇", year=2024) == "给甲镇写2024年的{{received.total}}"
    with pytest.raises(TemplateError) as err:
        prompt.render()
    assert "unit" in err.value.message and "year" in err.value.message


def test_every_prompt_file_loads_and_names_its_variables() -> None:
    for name in (
        "system",
        "figures_legend",
        "section_preamble",
        "section_overview",
        "section_problems",
        "section_other",
        "repair",
    ):
        assert load_prompt(name).variables, name
    with pytest.raises(TemplateError):
        load_prompt("no_such_prompt")


def test_a_mobile_glued_to_a_placeholder_is_still_removed(songhe) -> None:
    # Filled first, "13912345678{{received.total}}" would become a 13-digit run no scrubber recognises.
    pinned = pin("经办人手机13912345678{{received.total}}件", 1, songhe, 2024)
    assert "13912345678" not in pinned.text and pinned.scrubbed == 1


def test_stray_braces_never_reach_the_page(songhe) -> None:
    pinned = pin("共收到政府信息公开申请{{{{received.total}}}}件，另有}}{{件。", 1, songhe, 2024)
    assert pinned.text == "共收到政府信息公开申请12件，另有件。"


def test_figures_after_an_appeal_sentence_are_corrected(songhe) -> None:
    # Issue 8: a drafted paragraph stating figures in a row shipped two wrong ones after the 复议/诉讼 sentence.
    draft = "因政府信息公开被申请行政复议1件，被提起行政诉讼1件。作出行政处罚决定12件，部分公开3件。"
    text, fixes = correct_figures(draft, 1, songhe, 2024)
    assert text == "因政府信息公开被申请行政复议1件，被提起行政诉讼1件。作出行政处罚决定37件，部分公开2件。"
    assert [c.cell for c in fixes] == [
        "表二/行政处罚/本年处理决定数量",
        "表三/（二）部分公开（区分处理的，只计这一情形，不计其他情形）/总计",
    ]
