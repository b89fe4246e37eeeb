"""Structure as real published reports lay it out: sub-items, wrapped preambles, page furniture, titles,
the announced part count and the sub-parts of 一 (issue 8, kinds 1–3, 5 and 7)."""

from __future__ import annotations

import pytest
from reportkit import clean_report, only, with_text

from assistant.checks import content, structure
from assistant.readers import read_report_bytes, read_report_text
from assistant.readers.chrome import ChromeFilter, is_chrome
from assistant.readers.sections import match_heading

HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
BODY = {
    1: "本年度本镇认真落实《条例》，主动公开、依申请公开、信息管理、平台建设和监督保障工作有序推进。",
    2: "本年度未制发规范性文件。",
    3: "本年度未收到政府信息公开申请。",
    4: "本年度未发生政府信息公开行政复议和行政诉讼。",
    5: "存在栏目更新不及时的问题，下一步将建立更新台账。",
    6: "本年度未收取信息处理费。",
}
TITLE = "云岫县枫桥镇人民政府2024年政府信息公开工作年度报告"
PREAMBLE = "本报告统计期限为2024年1月1日至2024年12月31日。"


def _report(title: str = TITLE, preamble: str = PREAMBLE, one: str = BODY[1], before: str = "", after: str = "") -> str:
    parts = [before, title, preamble]
    for n, heading in enumerate(HEADINGS, start=1):
        parts += [heading, one if n == 1 else BODY[n]]
    return "\n".join([*parts, "云岫县枫桥镇人民政府", "2025年1月10日", after]).strip() + "\n"


def _numbers(text: str, name: str = "r.txt") -> list[int]:
    return [s.number for s in read_report_text(text, name).sections]


# --- kind 1: sub-items are no parts --------------------------------------------------------------
def test_numbered_item_running_into_sentences_is_no_heading() -> None:
    one = (
        "1. 总体概述。本镇全年工作平稳。\n2. 主动公开政府信息情况。本年度本镇通过门户网站发布信息80条。\n"
        "3. 依申请公开政府信息情况。未收到申请。"
    )
    assert _numbers(_report(one=one)) == [0, 1, 2, 3, 4, 5, 6]


def test_short_numbered_subheading_repeating_a_part_is_no_heading() -> None:
    one = "2. 主动公开政府信息情况\n全年发布信息80条。\n3、依申请公开政府信息情况\n未收到申请。"
    report = read_report_text(_report(one=one))
    assert [s.number for s in report.sections] == [0, 1, 2, 3, 4, 5, 6]
    assert "主动公开政府信息情况" in report.sections[1].text  # the item stays in 一's text
    assert structure.run(report) == []


def test_arabic_numbering_of_the_parts_themselves_is_still_s_numbering() -> None:
    text = _report()
    for n, heading in enumerate(HEADINGS, start=1):
        text = text.replace(heading, f"{n}、 {heading[2:]}")
    flags = structure.run(read_report_text(text))
    assert [f.code for f in flags] == ["S-NUMBERING"] * 6


# --- kinds 2 and 7: the preamble's list of parts wrapped over lines --------------------------------
@pytest.mark.parametrize(
    "wrapped",
    [
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\n"
        "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的\n事项六部分组成。",
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政\n"
        "诉讼情况、政府信息公开工作存在的主要问题及改进情况，以及\n其他需要报告的事项。",
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开\n"
        "行政复议、行政诉讼情况\n、存在的主要问题及改进情况等六部分组成。",
    ],
)
def test_wrapped_list_of_parts_gives_no_heading(wrapped: str) -> None:
    text = _report(preamble=wrapped + "\n" + PREAMBLE)
    assert _numbers(text) == [0, 1, 2, 3, 4, 5, 6]
    assert not {f.code for f in structure.run(read_report_text(text))} & {"S-SECTION-ORDER", "S-NUMBERING"}


def test_line_after_a_broken_off_line_is_no_heading_but_a_lone_title_is() -> None:
    assert match_heading("其他需要报告的事项", after="存在的主要问题及改进情况，以及") is None
    assert match_heading("其他需要报告的事项", after="本年度未收取信息处理费。") is not None


# --- kind 3 and web pages: titles and furniture ----------------------------------------------------
@pytest.mark.parametrize(
    "before",
    [
        "当前位置：首页 > 政务公开 > 年度报告",
        "云岫县人民政府门户网站\n首页 | 政务公开 | 政务服务 | 互动交流\n您现在的位置：首页 > 信息公开 > 年报",
        "索 引 号: | 11530000-2025-00012 | 发布机构: | 枫桥镇 |\n发布日期：2025-01-12 来源：枫桥镇 浏览次数：35\n"
        "字号：大 中 小\n【打印本页】【关闭窗口】",
        "首页/ 信息公开 / 政府信息公开年报 / 乡镇年报 / 正文",
    ],
)
def test_furniture_above_the_report_gives_no_title_flag(before: str) -> None:
    report = read_report_text(_report(before=before))
    assert report.meta.title == TITLE
    assert structure.run(report) == []
    assert "发布日期" not in report.sections[0].text and "首页" not in report.sections[0].text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("云岫县枫桥镇人民政府\n2024年政府信息公开工作年度报告", TITLE),
        ("枫桥镇2024年度政府信息公开工作报告", "枫桥镇2024年度政府信息公开工作报告"),
    ],
)
def test_title_variants(title: str, expected: str) -> None:
    report = read_report_text(_report(title=title, before="当前位置：首页 > 政务公开 > 年度报告\n字号：大 中 小"))
    assert report.meta.title == expected
    assert "S-TITLE" not in {f.code for f in structure.run(report)}


def test_a_page_header_repeating_the_titles_tail_gives_way_to_the_units_title() -> None:
    """The page's own header "2024年政府信息公开工作年度报告" above the unit's title split over two lines."""
    report = read_report_text(
        _report(title="云岫县枫桥镇人民政府\n2024年政府信息公开工作年度报告", before="2024年政府信息公开工作年度报告")
    )
    assert report.meta.title == TITLE
    assert "S-TITLE" not in {f.code for f in structure.run(report)}
    # with no unit's title below it, the header is still the title, and still says what it lacks
    alone = read_report_text(_report(title="2024年政府信息公开工作年度报告"))
    assert "单位名称" in only(structure.run(alone), "S-TITLE").message


def test_footer_is_cut_but_the_signature_stays() -> None:
    after = (
        "分享到：\n扫一扫在手机打开当前页\n网站地图 | 联系我们\n主办单位：云岫县人民政府办公室\n"
        "版权所有 云岫县人民政府\n滇ICP备99990001号"
    )
    report = read_report_text(_report(after=after))
    six = report.sections[-1].text
    assert six.endswith("云岫县枫桥镇人民政府\n2025年1月10日")


@pytest.mark.parametrize(
    "line",
    [
        "当前位置：首页 > 政务公开 > 年度报告",
        "来源:珠江街发布日期:2021-01-22",
        "【打印】 【字体:",
        "字号：大 中 小",
        "打印本页 关闭窗口",
        "分享到：",
        "滇ICP备99990001号-1",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "云岫县枫桥镇人民政府",
        "2025年1月10日",
        "2025-01-10",
        "信息来源渠道进一步拓宽，全年发布信息80条。",
        "（一）信息处理费收取情况：本年度未收取。",
        TITLE,
    ],
)
def test_report_lines_are_no_furniture(line: str) -> None:
    assert not is_chrome(line)


def test_nothing_is_cut_between_the_headings() -> None:
    keep = ChromeFilter()
    lines = ["一、总体情况", "字号：大 中 小", "来源：本镇统计", "二、主动公开政府信息情况"]
    assert [keep.keep(x) for x in lines] == [True, True, True, True]


def test_html_page_with_breadcrumb_inside_the_article() -> None:
    paragraphs = "".join(f"<p>{x}</p>" for x in _report().split("\n") if x)
    page = (
        "<html><head><title>枫桥镇年报_云岫县人民政府</title></head><body><div class='a'>"
        "<div>当前位置：首页 &gt; 信息公开 &gt; 年度报告</div><div>发布日期：2025-01-12 来源：枫桥镇</div>"
        f"{paragraphs}<div>【打印本页】【关闭窗口】</div></div>"
        "<div><p>主办单位：云岫县人民政府办公室</p></div></body></html>"
    )
    report = read_report_bytes(page.encode("utf-8"), "page.html")
    assert report.meta.title == TITLE
    assert "发布日期" not in report.sections[0].text


# --- S-PARTS-COUNT ----------------------------------------------------------------------------------
LISTED = (
    "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项"
)


def test_arabic_count_after_the_list() -> None:
    text = f"本报告由{LISTED}7个部分组成。" + PREAMBLE
    flag = only(structure.run(with_text(clean_report(), 0, text)), "S-PARTS-COUNT")
    assert flag.evidence == "7个部分组成"


def test_count_larger_than_the_list() -> None:
    listed = LISTED.replace("政府信息公开行政复议、行政诉讼情况、", "")
    text = f"本报告由{listed}等六部分组成。" + PREAMBLE
    flag = only(structure.run(with_text(clean_report(), 0, text)), "S-PARTS-COUNT")
    assert "5 个部分" in flag.message


@pytest.mark.parametrize("count", ["六部分组成", "6个部分组成", "等六部分组成", "，共六部分"])
def test_count_matching_the_list_is_fine(count: str) -> None:
    text = f"本报告由{LISTED}{count}。" + PREAMBLE
    assert structure.run(with_text(clean_report(), 0, text)) == []


# --- C-SUBPARTS -------------------------------------------------------------------------------------
def test_proactive_worded_as_gongshi_is_covered() -> None:
    text = (
        "（一）信息公示方面\n全年主动公示各类信息120条。\n（二）依申请公开方面\n本年收到公开申请8件。\n"
        "（三）政府信息管理方面\n对拟公开文件逐件审核。\n（四）平台建设方面\n维护门户网站专栏。\n（五）监督保障方面\n纳入年度考核。"
    )
    assert content.run(with_text(clean_report(), 1, text), None) == []


def test_subpart_words_wrapped_over_lines_are_covered() -> None:
    text = (
        "（一）主动公\n开方面\n全年发布120条。\n（二）依申请公开方面\n收到8件。\n（三）政府信息管理方面\n逐件审核。\n"
        "（四）政府信息公开平台建设方面\n专栏维护。\n（五）监督保\n障方面\n纳入考核。"
    )
    assert content.run(with_text(clean_report(), 1, text), None) == []


def test_last_part_joined_by_he_is_still_listed() -> None:
    """ "…存在的主要问题及改进情况和其他需要报告事项六个部分": six parts, the last joined by 和."""
    text = PREAMBLE.replace(
        "本报告",
        "报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
        "行政诉讼情况、存在的主要问题及改进情况和其他需要报告事项六个部分组成。本报告",
        1,
    )
    assert "S-PARTS-COUNT" not in {f.code for f in structure.run(with_text(clean_report(), 0, text))}


def test_parts_count_worded_with_neirong_and_traditional_characters() -> None:
    """ "…存在的主要問題和改進措施六部分內容組成": five parts listed, six stated (a traditional-character page)."""
    text = (
        "雲岫縣楓橋鎮人民政府2024年政府信息公開工作年度報告\n本報告由總體情況、主動公開政府信息情況、"
        "收到和處理政府信息公開申請情況、政府信息公開行政復議及行政訴訟情況、存在的主要問題和改進情況六部分內容組成。\n"
        "一、總體情況\n本年度本鎮依法做好政府信息公開工作。\n"
    )
    (flag,) = [f for f in structure.run(read_report_text(text, "trad.txt")) if f.code == "S-PARTS-COUNT"]
    assert "六部分" in flag.message and "5 个部分" in flag.message  # the page stops after 一: the rest is cut
