"""Reports built in code for the checker tests: a clean fictional township report and last year's.

柳塘镇 and 清溪县 are fictional; the narrative is written for these tests. The figures are non-zero and
consistent (every identity holds, the carry-over chains to last year, the valid-document stock adds up).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assistant import standard as std
from assistant.checks import content, copying, dates, privacy, structure, tables, years
from assistant.model import Cell, Figures, Flag, Meta, Report, Section

# claims.py has its own tests; these are the other families, split as the registry splits them.
MY_ON_REPORT = (structure, tables, dates, privacy)
MY_AGAINST_LAST = (years, content, copying)

UNIT = "柳塘镇"
YEAR = 2024
TITLE = "柳塘镇2024年政府信息公开工作年度报告"

PREAMBLE = (
    f"{TITLE}\n"
    "根据《中华人民共和国政府信息公开条例》和上级关于年度报告编制工作的通知要求，柳塘镇人民政府编制本年度报告。"
    "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项，共六部分。本报告统计期限为2024年1月1日至2024年12月31日。"
    "电子版可在清溪县人民政府门户网站信息公开栏目查阅。如有疑问，请与柳塘镇党政综合办公室联系，"
    "电话：0571-86021234。"
)
OVERVIEW = (
    "（一）主动公开\n"
    "全年依托县政府门户网站柳塘镇专栏发布各类信息186条，其中财政资金、惠民补贴、项目建设等重点领域信息64条。"
    "本年度新制发行政规范性文件2件，废止1件。\n"
    "（二）依申请公开\n"
    "本年共收到政府信息公开申请8件，加上上年结转1件，已办结8件，另有1件结转下年度办理，均在法定期限内答复。\n"
    "（三）政府信息管理\n"
    "建立信息发布前保密审查和分级审核机制，对拟公开文件逐件确定公开属性，全年未发生泄密或错发事件。\n"
    "（四）政府信息公开平台建设\n"
    "对镇政务公开栏进行改版，在便民服务中心设置查阅点，同时通过镇微信公众号同步推送涉农政策信息。\n"
    "（五）监督保障\n"
    "镇党委将政务公开纳入各办站所年度考核，组织经办人员参加县级业务培训2次，全年未发生因信息公开引发的责任追究。"
)
PROBLEMS = (
    "（一）存在的主要问题\n"
    "一是部分办站所报送信息不够及时，个别栏目更新间隔较长；二是政策解读形式以文字为主，图表、视频等形式运用较少。\n"
    "（二）改进情况\n"
    "针对上年度报告中提出的专栏分类不清、经办人员业务不熟的问题，本年重新梳理了专栏目录，并组织集中培训，"
    "相关问题已整改到位。下一步，我镇将建立信息报送提醒台账，按月通报更新情况；同时邀请县融媒体中心指导，"
    "制作图解和短视频解读，提升政策传播效果。"
)
OTHER = (
    "本年度未收取信息处理费。本镇按照县政务公开工作要点，完成了重点领域信息公开任务；"
    "本年度无人大代表建议和政协提案办理事项。"
)

LAST_OVERVIEW = (
    "（一）主动公开\n"
    "这一年镇里主要通过县门户网站和村务公开栏发布信息，共公开机构职能、财政预决算、低保救助等信息152条。\n"
    "（二）依申请公开\n"
    "受理群众提出的公开申请5件，除1件因跨年待答复外，其余按期办结。\n"
    "（三）政府信息管理\n"
    "修订了本镇信息公开指南，对历年发布的行政规范性文件进行了一次清理。\n"
    "（四）政府信息公开平台建设\n"
    "完成镇专栏栏目调整，新增乡村振兴子栏目。\n"
    "（五）监督保障\n"
    "由分管副镇长牵头，每季度检查一次公开情况，并将结果通报各村。"
)
LAST_PROBLEMS = (
    "一是专栏分类不清，部分信息归类有误；二是经办人员业务不熟，答复文书不够规范。下一步将重新梳理栏目，并加强业务学习。"
)
LAST_OTHER = "本年度未收取信息处理费。"

APPLICANTS = std.APPLICANT_SUM_COLUMNS  # the six applicant columns, 总计 excluded


def table3_from(
    results: Mapping[str, Mapping[str, int]],
    carried_out: Mapping[str, int],
    carried_in: Mapping[str, int],
) -> dict[str, dict[str, int]]:
    """A consistent 表三 from its leaves: result rows, 结转下年度 and 上年结转 per applicant column.

    （七）总计 is the sum of the results, 本年新收 is what balances the column, and every 总计 column is
    the sum of the six applicant columns. Raises ValueError when 本年新收 would be negative.
    """
    table: dict[str, dict[str, int]] = {r.key: {} for r in std.TABLE3.rows}
    for col in APPLICANTS:
        for row in std.RESULT_ROWS:
            table[row][col] = int(results.get(row, {}).get(col, 0))
        handled = sum(table[row][col] for row in std.RESULT_ROWS)
        table["handled_total"][col] = handled
        table["carried_out"][col] = int(carried_out.get(col, 0))
        table["carried_in"][col] = int(carried_in.get(col, 0))
        received = handled + table["carried_out"][col] - table["carried_in"][col]
        if received < 0:
            raise ValueError("本年新收 would be negative")
        table["received"][col] = received
    for row in table.values():
        row["total"] = sum(row[c] for c in APPLICANTS)
    return table


def table4_from(groups: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in std.TABLE4.rows:
        row = {c: int(groups.get(r.key, {}).get(c, 0)) for c in std.APPEAL_SUM_COLUMNS}
        row["total"] = sum(row.values())
        out[r.key] = row
    return out


def figures(
    *,
    in_force: int = 7,
    carried_out_np: int = 1,
    carried_in_np: int = 1,
    received_extra: int = 0,
    licensing: int = 35,
    penalty: int = 12,
    enforcement: int = 3,
    review: int = 1,
) -> Figures:
    t3 = table3_from(
        {
            "disclosed": {"natural_person": 3 + received_extra, "commercial": 1},
            "partly_disclosed": {"natural_person": 1},
            "withheld_process": {"natural_person": 1},
            "unavailable_not_held": {"natural_person": 1, "commercial": 1},
        },
        carried_out={"natural_person": carried_out_np},
        carried_in={"natural_person": carried_in_np},
    )
    data = {
        "table2": {
            "rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_docs": {"issued": 2, "repealed": 1, "in_force": in_force},
            "licensing": {"decisions": licensing},
            "penalty": {"decisions": penalty},
            "enforcement": {"decisions": enforcement},
            "fees": {"amount": 0},
        },
        "table3": t3,
        "table4": table4_from({"review": {"upheld": review}}),
    }
    return Figures.model_validate(data)


def _sections(texts: Iterable[tuple[int, str]]) -> list[Section]:
    out: list[Section] = []
    for number, text in texts:
        if number == 0:
            out.append(Section(number=0, text=text))
        else:
            spec = std.SECTIONS_BY_NUMBER[number]
            out.append(Section(number=number, heading=spec.heading, numbering=spec.heading[:2], text=text))
    return out


def clean_report() -> Report:
    """柳塘镇's 2024 report: every family of ours gives no flag on it."""
    return Report(
        meta=Meta(title=TITLE, unit=UNIT, year=YEAR, level="township", period="2024年1月1日至2024年12月31日"),
        sections=_sections(
            [
                (0, PREAMBLE),
                (1, OVERVIEW),
                (2, "本年度主动公开情况见下表。"),
                (3, "本年度依申请公开情况见下表。"),
                (4, "本年度行政复议、行政诉讼情况见下表。"),
                (5, PROBLEMS),
                (6, OTHER),
            ]
        ),
        figures=figures(),
    )


def last_report() -> Report:
    """柳塘镇's 2023 report: its 结转下年度 and 现行有效 chain into the 2024 figures."""
    last_title = "柳塘镇2023年政府信息公开工作年度报告"
    return Report(
        meta=Meta(title=last_title, unit=UNIT, year=YEAR - 1, level="township"),
        sections=_sections(
            [
                (0, last_title + "\n本报告统计期限为2023年1月1日至2023年12月31日。"),
                (1, LAST_OVERVIEW),
                (2, ""),
                (3, ""),
                (4, ""),
                (5, LAST_PROBLEMS),
                (6, LAST_OTHER),
            ]
        ),
        figures=figures(in_force=6, carried_in_np=0, licensing=30, penalty=10, enforcement=2, review=0),
    )


def with_text(report: Report, number: int, text: str) -> Report:
    """A copy of ``report`` whose section ``number`` holds ``text``."""
    out = report.model_copy(deep=True)
    section = out.section(number)
    assert section is not None
    section.text = text
    return out


def with_cell(report: Report, table: str, row: str, column: str, raw: str | int | float | None) -> Report:
    out = report.model_copy(deep=True)
    out.figures.set(table, row, column, Cell.parse(raw))
    return out


def run_mine(report: Report, last: Report | None = None) -> list[Flag]:
    """Flags from the families this test suite covers (claims.py has its own tests)."""
    flags: list[Flag] = []
    for family in MY_ON_REPORT:
        flags.extend(family.run(report))
    for against_last in MY_AGAINST_LAST:
        flags.extend(against_last.run(report, last))
    return flags


def codes(flags: Iterable[Flag]) -> list[str]:
    return sorted(f.code for f in flags)


def only(flags: list[Flag], code: str) -> Flag:
    """The single flag in ``flags``, which must carry ``code``."""
    assert [f.code for f in flags] == [code], [(f.code, f.message) for f in flags]
    return flags[0]
