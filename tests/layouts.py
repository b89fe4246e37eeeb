"""Render a fictional report into every layout the readers must handle (real-world.md §1.1).

The unit, narrative and figures are invented. Tables are built once as a grid of (text, rowspan,
colspan) cells, the way the 30号 template lays them out; each layout is a different flattening of that
grid: HTML and .docx keep the merges, the text layouts reproduce what converters print.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from assistant import standard as std
from assistant.model import Cell, Report

Figures = dict[str, dict[str, dict[str, str]]]  # table → row → column → raw cell text

UNIT = "青禾镇"
YEAR = 2023
TITLE = f"{UNIT}{YEAR}年政府信息公开工作年度报告"
PREAMBLE = (
    f"本报告依据《中华人民共和国政府信息公开条例》编制，统计期限为{YEAR}年1月1日至{YEAR}年12月31日。"
    f"如对本报告有疑问，请联系{UNIT}人民政府党政综合办公室。"
)
NARRATIVE: dict[int, list[str]] = {
    1: [
        "（一）主动公开",
        f"{YEAR}年，{UNIT}通过门户网站专栏发布各类信息86条，公开栏更新12期。",
        "（二）依申请公开",
        "全年新收政府信息公开申请12件，上年结转1件，均在法定期限内答复。",
    ],
    2: [],
    3: [],
    4: [],
    5: ["一是栏目更新不够及时。二是解读形式较为单一。下一步将加强业务培训，丰富解读形式。"],
    6: ["本年度未收取信息处理费。"],
}
HEADINGS = {n: spec.heading for n, spec in std.SECTIONS_BY_NUMBER.items()}


def _row(values: list[int | str]) -> dict[str, str]:
    keys = [c.key for c in std.APPLICANT_COLUMNS]
    return dict(zip(keys, (str(v) for v in values), strict=True))


def base_figures() -> Figures:
    """Non-zero, varied figures that satisfy every identity."""
    t3 = {r.key: _row([0] * 7) for r in std.TABLE3.rows}
    t3["received"] = _row([9, 2, 0, 0, 0, 1, 12])
    t3["carried_in"] = _row([1, 0, 0, 0, 0, 0, 1])
    t3["disclosed"] = _row([5, 1, 0, 0, 0, 0, 6])
    t3["partly_disclosed"] = _row([1, 0, 0, 0, 0, 0, 1])
    t3["withheld_process"] = _row([1, 0, 0, 0, 0, 0, 1])
    t3["unavailable_not_held"] = _row([2, 0, 0, 0, 0, 1, 3])
    t3["rejected_repeat"] = _row([0, 1, 0, 0, 0, 0, 1])
    t3["handled_total"] = _row([9, 2, 0, 0, 0, 1, 12])
    t3["carried_out"] = _row([1, 0, 0, 0, 0, 0, 1])
    appeal = [c.key for c in std.APPEAL_COLUMNS]
    return {
        "table2": {
            "rules": {"issued": "0", "repealed": "0", "in_force": "0"},
            "normative_docs": {"issued": "3", "repealed": "1", "in_force": "12"},
            "licensing": {"decisions": "45"},
            "penalty": {"decisions": "7"},
            "enforcement": {"decisions": "2"},
            "fees": {"amount": "1.25"},
        },
        "table3": t3,
        "table4": {
            "review": dict(zip(appeal, ["1", "0", "0", "1", "2"], strict=True)),
            "suit_direct": dict(zip(appeal, ["0"] * 5, strict=True)),
            "suit_after_review": dict(zip(appeal, ["0", "1", "0", "0", "1"], strict=True)),
        },
    }


def placeholder_figures() -> Figures:
    """Base figures with a slash row, a blank cell and a word, for layouts that can show empty cells."""
    f = base_figures()
    f["table2"]["rules"] = {"issued": "/", "repealed": "/", "in_force": "/"}
    f["table2"]["enforcement"] = {"decisions": ""}
    f["table3"]["rejected_mass"]["research"] = ""
    f["table3"]["other_other"]["legal_service"] = "—"
    f["table2"]["licensing"] = {"decisions": "不适用"}
    return f


def single_digit_figures() -> Figures:
    """Figures whose every count is one digit: the only case a glued layout (E) can carry."""
    f = base_figures()
    f["table2"]["normative_docs"] = {"issued": "3", "repealed": "1", "in_force": "8"}
    f["table2"]["licensing"] = {"decisions": "45"}  # one column: a glued run is still certain
    for row in ("received", "handled_total"):
        f["table3"][row] = _row([6, 2, 0, 0, 0, 1, 9])
    f["table3"]["disclosed"] = _row([2, 1, 0, 0, 0, 0, 3])
    return f


# ---------------------------------------------------------------------------------------------------
# The grid of each table
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class G:
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: bool = False  # a data cell (may be empty)


Grid = list[list[G]]


def _v(text: str, colspan: int = 1) -> G:
    return G(text, 1, colspan, True)


def grid_table2(f: Figures) -> Grid:
    t = f["table2"]
    rows: Grid = [
        [G(std.BLOCK_RULES, colspan=4)],
        [G("信息内容"), G("本年制发件数"), G("本年废止件数"), G("现行有效件数")],
        [G("规章"), *(_v(t["rules"][k]) for k in ("issued", "repealed", "in_force"))],
        [G("行政规范性文件"), *(_v(t["normative_docs"][k]) for k in ("issued", "repealed", "in_force"))],
        [G(std.BLOCK_LICENSING, colspan=4)],
        [G("信息内容"), G("本年处理决定数量", colspan=3)],
        [G("行政许可"), _v(t["licensing"]["decisions"], 3)],
        [G(std.BLOCK_PENALTY, colspan=4)],
        [G("信息内容"), G("本年处理决定数量", colspan=3)],
        [G("行政处罚"), _v(t["penalty"]["decisions"], 3)],
        [G("行政强制"), _v(t["enforcement"]["decisions"], 3)],
        [G(std.BLOCK_FEES, colspan=4)],
        [G("信息内容"), G("本年收费金额（单位：万元）", colspan=3)],
        [G("行政事业性收费"), _v(t["fees"]["amount"], 3)],
    ]
    return rows


def grid_table3(f: Figures) -> Grid:
    t = f["table3"]
    cols = [c.key for c in std.APPLICANT_COLUMNS]

    def vals(row: str) -> list[G]:
        return [_v(t[row][c]) for c in cols]

    rows: Grid = [
        [G(std.TABLE3_CAPTION, rowspan=3, colspan=3), G("申请人情况", colspan=7)],
        [G("自然人", rowspan=2), G(std.LEGAL_PERSONS, colspan=5), G("总计", rowspan=2)],
        [G("商业企业"), G("科研机构"), G("社会公益组织"), G("法律服务机构"), G("其他")],
        [G(std.TABLE3.row("received").label, colspan=3), *vals("received")],
        [G(std.TABLE3.row("carried_in").label, colspan=3), *vals("carried_in")],
    ]
    groups: dict[str, list[std.Row]] = {}
    for r in std.TABLE3.rows:
        if r.group and r.group != std.RESULTS_HEADER:
            groups.setdefault(r.group, []).append(r)
    first_result = True
    for r in std.TABLE3.rows:
        if r.key in ("received", "carried_in", "carried_out"):
            continue
        lead = [G(std.RESULTS_HEADER, rowspan=22)] if first_result else []
        first_result = False
        if r.group == std.RESULTS_HEADER:
            rows.append([*lead, G(r.label, colspan=2), *vals(r.key)])
        else:
            members = groups[r.group]  # type: ignore[index]
            head = [G(r.group, rowspan=len(members))] if members[0] is r else []  # type: ignore[arg-type]
            rows.append([*lead, *head, G(r.label), *vals(r.key)])
    rows.append([G(std.TABLE3.row("carried_out").label, colspan=3), *vals("carried_out")])
    return rows


def grid_table4(f: Figures) -> Grid:
    t = f["table4"]
    heads = [c.label for c in std.APPEAL_COLUMNS]
    values = [_v(t[r.key][c.key]) for r in std.TABLE4.rows for c in std.APPEAL_COLUMNS]
    return [
        [G("行政复议", colspan=5), G("行政诉讼", colspan=10)],
        [*(G(h, rowspan=2) for h in heads), G("未经复议直接起诉", colspan=5), G("复议后起诉", colspan=5)],
        [*(G(h) for h in heads), *(G(h) for h in heads)],
        values,
    ]


def grid_table4_blocks(f: Figures) -> Grid:
    """表四 as three small labelled tables, one per row of the standard table (seen on county sites)."""
    t = f["table4"]
    heads = [G(c.label) for c in std.APPEAL_COLUMNS]
    labels = {
        "review": "行政复议",
        "suit_direct": "行政诉讼（未经复议直接起诉）",
        "suit_after_review": "行政诉讼（复议后起诉）",
    }
    rows: Grid = []
    for r in std.TABLE4.rows:
        rows += [[G(labels[r.key], colspan=5)], heads, [_v(t[r.key][c.key]) for c in std.APPEAL_COLUMNS]]
    return rows


GRIDS: dict[int, Callable[[Figures], Grid]] = {2: grid_table2, 3: grid_table3, 4: grid_table4}
# Layouts that flatten a table from another grid than the standard one.
_GRID_OVERRIDES: dict[str, dict[int, Callable[[Figures], Grid]]] = {"D2B": {4: grid_table4_blocks}}


# ---------------------------------------------------------------------------------------------------
# Text layouts
# ---------------------------------------------------------------------------------------------------
def _wrap_header(text: str) -> str:
    """Converters wrap merged header words ("商业" / "企业")."""
    return f"{text[:2]}\n{text[2:]}" if text in ("商业企业", "科研机构", "法律服务机构") else text


def _lines_a(row: list[G], _grid: Grid) -> list[str]:
    """One cell per line, blank lines between, empty cells vanish."""
    return [line for g in row if g.text for line in (_wrap_header(g.text), "")]


def _lines_b(row: list[G], _grid: Grid) -> list[str]:
    """A lone "|" line between every cell."""
    return [line for g in row if g.text for line in (g.text, "|")]


def _lines_c(row: list[G], _grid: Grid) -> list[str]:
    """Each cell ending " |", runs of empty cells as bare pipes."""
    out: list[str] = []
    empties = 0
    for g in row:
        if not g.text:
            empties += 1
            continue
        if empties:
            out.append("|" * (empties + 1))
            empties = 0
        out.append(f"{g.text} |")
    if empties:
        out.append("|" * (empties + 1))
    return out


def _lines_d1(row: list[G], grid: Grid) -> list[str]:
    """One row per line, trailing pipe, header rows padded."""
    pad = sum(g.colspan for g in grid[-1]) - len(row) if len(row) == 1 else 0
    return [" | ".join(g.text for g in row) + " |" + " |" * pad]


def _lines_d2(row: list[G], _grid: Grid) -> list[str]:
    """Leading pipe too."""
    return ["| " + " | ".join(g.text for g in row) + " |"]


def _lines_d3(row: list[G], _grid: Grid) -> list[str]:
    """Merged empty cells omitted."""
    return [" | ".join(g.text for g in row) + " |"]


def _lines_e(row: list[G], _grid: Grid) -> list[str]:
    """Glued, no separator at all."""
    return ["".join(g.text for g in row)]


def _lines_f(row: list[G], _grid: Grid) -> list[str]:
    """PDF text: whole row space-separated; long labels hard-wrapped."""
    cells = [g.text for g in row]
    if cells[:1] == ["结果维持"]:  # 表四 headers printed in two halves, one line each
        return [
            " ".join(c[:2] for c in cells[:5]) + " " + " ".join(cells[5:]),
            " ".join(c[2:] for c in cells[:5]) + " " + " ".join(c[2:] for c in cells[5:]),
        ]
    line = " ".join(c for c in cells if c)
    if any(g.value for g in row) and len(line) > 34:
        return [line[:18], line[18:]]
    return [line]


def _lines_tab(row: list[G], _grid: Grid) -> list[str]:
    """The seed's .docx-to-text export."""
    out: list[str] = []
    for g in row:
        if g.text == std.RESULTS_HEADER:
            out += [""] * 12 + ["三、", "本年度办理结果"]
        elif g.text in ("自然人",):
            out.append("\t" + "\n".join(g.text))
        else:
            out.append("\t" + g.text)
    out.append("")
    return out


_ROW_LINES: dict[str, Callable[[list[G], Grid], list[str]]] = {
    "A": _lines_a,
    "B": _lines_b,
    "C": _lines_c,
    "D1": _lines_d1,
    "D2": _lines_d2,
    "D2B": _lines_d2,  # D2 with 表四 as three labelled small tables
    "D3": _lines_d3,
    "E": _lines_e,
    "F": _lines_f,
    "TAB": _lines_tab,
}


def table_lines(grid: Grid, layout: str) -> list[str]:
    if layout not in _ROW_LINES:
        raise ValueError(layout)
    return [line for row in grid for line in _ROW_LINES[layout](row, grid)]


TEXT_LAYOUTS = tuple(_ROW_LINES)


def render_text(layout: str, figures: Figures, headings: dict[int, str] | None = None) -> str:
    heads = headings or HEADINGS
    lines = [TITLE, "", PREAMBLE, ""]
    for n in range(1, 7):
        lines.append(heads[n])
        lines += NARRATIVE[n]
        if n in GRIDS:
            grid = _GRID_OVERRIDES.get(layout, {}).get(n, GRIDS[n])
            lines += table_lines(grid(figures), layout)
        lines.append("")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# .docx with real merged cells, .html with rowspan/colspan inside page chrome
# ---------------------------------------------------------------------------------------------------
def _positions(grid: Grid) -> list[tuple[int, int, G]]:
    """(row, column, cell) of every grid cell, accounting for spans from rows above."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(grid):
        c = 0
        for g in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, g))
            for dr in range(g.rowspan):
                for dc in range(g.colspan):
                    taken.add((r + dr, c + dc))
            c += g.colspan
    return out


def render_docx(figures: Figures) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph(PREAMBLE)
    for n in range(1, 7):
        d.add_paragraph(HEADINGS[n])
        for para in NARRATIVE[n]:
            d.add_paragraph(para)
        if n in GRIDS:
            grid = GRIDS[n](figures)
            pos = _positions(grid)
            ncols = max(c + g.colspan for _, c, g in pos)
            table = d.add_table(rows=len(grid), cols=ncols)
            for r, c, g in pos:
                cell = table.cell(r, c)
                if g.rowspan > 1 or g.colspan > 1:
                    cell = cell.merge(table.cell(r + g.rowspan - 1, c + g.colspan - 1))
                cell.text = g.text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _html_table(grid: Grid) -> str:
    rows = []
    for row in grid:
        cells = []
        for g in row:
            span = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + (
                f' colspan="{g.colspan}"' if g.colspan > 1 else ""
            )
            cells.append(f"<td{span}><p>{g.text}</p></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1"><tbody>' + "".join(rows) + "</tbody></table>"


def render_html(figures: Figures | None, charset: str = "utf-8") -> str:
    """A portal page: navigation and footer chrome around the article; ``None`` figures = image tables."""
    body = [f"<h1>{TITLE}</h1>", f"<p>{PREAMBLE}</p>"]
    for n in range(1, 7):
        body.append(f"<p><strong>{HEADINGS[n]}</strong></p>")
        body += [f"<p>{p}</p>" for p in NARRATIVE[n]]
        if n in GRIDS:
            body.append(_html_table(GRIDS[n](figures)) if figures else f'<p><img src="t{n}.png"></p>')
    chrome_nav = (
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/gk">政府信息公开</a></li>'
        '<li><a href="/nb">政府信息公开年报</a></li></ul></div>'
        '<table class="layout"><tr><td>索引号</td><td>000000-2024-0001</td></tr>'
        "<tr><td>发布机构</td><td>某镇</td></tr></table>"
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{TITLE}-某某县人民政府</title>'
        "<script>var x = '一、总体情况';</script><style>p{margin:0}</style></head><body>"
        f"{chrome_nav}<div class='main'><div class='article'>{''.join(body)}</div></div>"
        '<div class="footer"><p>主办单位：某某县人民政府办公室</p></div></body></html>'
    )


# ---------------------------------------------------------------------------------------------------
# Comparing what was read with what was rendered
# ---------------------------------------------------------------------------------------------------
def mismatches(report: Report, figures: Figures) -> list[str]:
    """Every cell whose kind or value differs from the rendered figures (empty list = exact)."""
    out = []
    for table, rows in figures.items():
        for row, cols in rows.items():
            for col, raw in cols.items():
                want = Cell.parse(raw)
                got = report.figures.cell(table, row, col)
                if (got.kind, got.value, got.raw) != (want.kind, want.value, want.raw):
                    out.append(f"{table}/{row}/{col}: want {want.kind}:{want.raw!r} got {got.kind}:{got.raw!r}")
    return out
