"""The label-anchored table parser: tokens in, the three tables' cells (with provenance) out.

Rows are matched in the standard's order, each search starting after the previous row, so the column
header 其他 is never taken for the row 3.其他 and the column 总计 never for （七）总计. Values are the
value-like tokens after a row's label up to the next label or header. Nothing is ever invented: a value
that cannot be placed with certainty leaves its cell blank and says so in a notice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

from assistant import standard as std
from assistant.model import Cell, Figures, found_cell
from assistant.readers.blocks import VALUE_RE, Token
from assistant.readers.normalize import label_key, plain_key

# 2019 trial-format column headers of 表二 (standard.OLD_FORMAT_MARKERS): their columns are not 2021's.
_OLD_TABLE2_COLUMNS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减")
MAX_LABEL_CHARS = 44  # a label longer than this (after keying) is a sentence
# Numbering inside a glued label ("（三）不予公开1.属于国家秘密"): not digits of a narrative sentence.
_INNER_NUMBERING = re.compile(r"[(][一二三四五六七八九十\d]{1,2}[)]|\d{1,2}[.、](?!\d)|[一二三四五六七八九十]{1,2}、")
_GLUED = re.compile(r"^(.{0,60}[^\d\s.,])(\d[\d.,]{0,40})$")
_WORD_VALUES = frozenset({"无", "空", "否", "暂无"})
# A count written in words where a number belongs ("三件", "两项"): kept as words for the checker to flag.
_CN_COUNT = re.compile(r"^[零一二三四五六七八九十百两]{1,4}[件个条项份次起宗例元]?$")
# A count with its unit ("5件", "5%") and digits too long for any count: words the checker flags (T-VALUE),
# kept in their column so the row is never lost.
_UNIT_COUNT = re.compile(r"^\d{1,6}[件个条项份次起宗例%]$")
_LONG_DIGITS = re.compile(r"^\d{16,40}$")
# Column headers a converter makes up when the real header rows are lost ("数据1 … 数据6", "项目"): they head
# columns in every table and are never values.
_GENERIC_HEADER = re.compile(r"^(?:(?:数据|列|栏|字段)\d{1,2}|项目|项目名称)$")
MAX_WORD_CELL = 20  # a worded cell in a label's own row ("三十七件左右"); longer text is a note

# Header words per table: tokens that belong to the table but hold no values. A value run stops at them.
_HEADERS: dict[str, tuple[str, ...]] = {
    "table2": (
        "第二十条",
        "信息内容",
        "制发",
        "废止",
        "现行有效",
        "处理决定",
        "收费金额",
        "单位万元",
        "本年新制作",
        "本年新公开",
        "对外公开总",
        "上一年项目",
        "本年增减",
        "其他对外管理服务",
        "政府集中采购",
        "采购项目",
        "采购总金额",
    ),
    "table3": (
        "勾稽关系",
        "本列数据",
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "商业企业",
        "科研机构",
        "公益组织",
        "法律服务机构",
        "办理结果",
        "不予公开",
        "无法提供",
        "不予处理",
        "其他处理",
    ),
    "table4": (
        "行政复议",
        "行政诉讼",
        "结果",
        "维持",
        "纠正",
        "审结",
        "未经复议",
        "复议后起诉",
        "直接起诉",
    ),
}
_EXACT_HEADERS: dict[str, frozenset[str]] = {
    "table2": frozenset(),
    "table3": frozenset({"其他", "总计"}),
    "table4": frozenset({"其他", "总计", "总", "计"}),
}
_SECTION_NAMES = {2: "第二部分", 3: "第三部分", 4: "第四部分"}


@dataclass
class TableResult:
    """What the table parser read: the cells, notices for the user, 2019-format markers, tokens used."""

    # The tables found: cells by table, row and column key (a table found with no cell read is {}).
    cells: dict[str, dict[str, dict[str, Cell]]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # token indices that belong to a table

    def figures(self) -> Figures:
        """The figures read: the tables found, every cell not read missing."""
        return Figures.assembled(self.cells)

    def put(self, table: str, row: str, column: str, cell: Cell) -> None:
        """Record one cell read."""
        self.cells.setdefault(table, {}).setdefault(row, {})[column] = cell


_SPACE_RUN = re.compile(r"\s+")


def _nfkc_compact(text: str) -> str:
    return _SPACE_RUN.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=8192)
def _is_value(text: str) -> bool:
    """A value-like cell: a number, a placeholder ("/", "—", "不适用") or nothing (cached: cells repeat)."""
    return text == "" or VALUE_RE.match(_nfkc_compact(text)) is not None


@lru_cache(maxsize=8192)
def _is_word_value(text: str) -> bool:
    """Words standing where a number belongs ("减4", "无"): kept as words, never dropped (cached: cells repeat)."""
    compact = _nfkc_compact(text)
    if _GENERIC_HEADER.match(compact):
        return False
    if 1 < len(compact) <= 6 and _CN_COUNT.match(compact):
        return True
    if _UNIT_COUNT.match(compact) or _LONG_DIGITS.match(compact):
        return True
    return len(compact) <= 6 and (
        compact in _WORD_VALUES or (any(c.isdigit() for c in compact) and not compact[:1].isdigit())
    )


@dataclass
class _Found:
    label: int  # position of the label token
    values: list[tuple[str, Token | None]]
    end: int  # position of the last token used
    ok: bool  # False when the values could not be read at all (ambiguous glued digits)
    printed: str | None = None  # the row's label as printed; None = the text of the token at ``label``


@dataclass(frozen=True)
class _Label:
    rows: frozenset[int]  # indices into table.rows
    glued: str | None  # digits glued to the label ("规章000")


# "规章(县级无此项)": a note that the row does not apply to this level is no part of the label.
_NOT_APPLICABLE_NOTE = re.compile(r"[(（][^()（）]{0,12}(?:无此项|不适用|不涉及|无此类)[^()（）]{0,6}[)）]$")


@lru_cache(maxsize=16384)
def _label_of(table_key: str, text: str) -> _Label | None:
    """The rows of ``table_key`` a token's text can label (cached across reports: labels repeat)."""
    if not text or "。" in text or len(text) > 80 or _is_value(text):
        return None
    compact = _nfkc_compact(text)
    glued = None
    m = _GLUED.match(compact)
    if m:
        compact, glued = m.group(1), m.group(2)
    key = label_key(_INNER_NUMBERING.sub("", _NOT_APPLICABLE_NOTE.sub("", compact)))
    if not key or len(key) > MAX_LABEL_CHARS or any(c.isdigit() for c in key):
        return None
    table = std.TABLES_BY_KEY[table_key]
    rows = frozenset(
        i
        for i, row in enumerate(table.rows)
        if (key in row.match or key == label_key(row.label)) or (not row.exact and any(f in key for f in row.match))
    )
    return _Label(rows, glued) if rows else None


class _Matcher:
    """Row-label and header recognition for one table."""

    def __init__(self, table: std.Table) -> None:
        self.table = table
        # The cached tests bound to the table: called for every token the parser looks at.
        self.label: Callable[[str], _Label | None] = partial(_label_of, table.key)
        self.header: Callable[[str], bool] = partial(_is_header, table.key)


@lru_cache(maxsize=16384)
def _is_header(table_key: str, text: str) -> bool:
    """A header word of ``table_key`` (cached across reports: headers repeat)."""
    key = label_key(text)
    if not key or len(key) > 60:
        return False
    return (
        key in _EXACT_HEADERS[table_key]
        or _GENERIC_HEADER.match(key) is not None
        or any(h in key for h in _HEADERS[table_key])
    )


def _cell(
    raw: str, table: std.Table, row: std.Row, col: std.Column, printed: str, tok: Token | None, file: str | None
) -> Cell:
    """``Cell.parse(raw, source)`` with the source of a cell found at ``tok``."""
    line, grid = (tok.line, tok.grid) if tok is not None else (None, None)
    return found_cell(raw, file, table.name, printed or row.label, col.label, line, grid)


def _place(
    values: list[tuple[str, Token | None]], ncols: int, sums_to_total: bool
) -> tuple[list[tuple[str, Token | None]] | None, str | None]:
    """Which value goes in which column: (cells or None when nothing is certain, a note if unsure)."""
    nonempty = [v for v in values if v[0] != ""]
    if len(nonempty) > ncols:
        values = _without_stray_lines(values, ncols)
        nonempty = [v for v in values if v[0] != ""]
    if len(nonempty) >= ncols:
        return nonempty[:ncols], None
    if len(values) > ncols and _one_row_line(values):
        # A pipe row with more cells than columns: the extras are trailing padding ("| 0 | |||") or the
        # empty label columns a merged label spans, which stand before the values. Values sit at the end.
        while len(values) > ncols and values[-1][0] == "":
            values = values[:-1]
        return values[-ncols:], None
    if len(values) >= ncols:
        return values[:ncols], None  # explicit empty cells keep their positions
    if not nonempty:
        return [("", t) for _, t in values] + [("", None)] * (ncols - len(values)), None
    if ncols == 1:
        return nonempty[:1], None
    # A short row: cells vanished in extraction or the row was cut short. A lone number in a row whose
    # other cells were left empty is its total; with two or more, any placement would be a guess.
    if sums_to_total and len(nonempty) == 1:
        return [("", None)] * (ncols - 1) + nonempty, None
    return None, "unplaced"


def _without_stray_lines(values: list[tuple[str, Token | None]], ncols: int) -> list[tuple[str, Token | None]]:
    """A full pipe row preceded by stray one-value lines (a wrapped label's tail, a page number): the row."""
    lines: dict[int, list[tuple[str, Token | None]]] = {}
    for v in values:
        tok = v[1]
        if tok is None or tok.grid is not None:
            return values
        lines.setdefault(tok.para, []).append(v)
    if len(lines) < 2:
        return values
    *before, last = lines.values()
    full = [v for v in last if v[0] != ""]
    if len(full) == ncols and all(len(vs) == 1 for vs in before):
        return last
    return values


def _one_row_line(values: list[tuple[str, Token | None]]) -> bool:
    """All cells come from one text line (a pipe or space-separated row), not one cell per line."""
    lines = {t.para for _, t in values if t is not None and t.grid is None}
    return len(lines) == 1 and all(t is not None and t.grid is None for _, t in values)


_MARKER_KEYS = tuple((mk, plain_key(mk)) for mk in std.OLD_FORMAT_MARKERS)


@lru_cache(maxsize=16384)
def _markers_in(text: str) -> tuple[str, ...]:
    """The old-format markers a short table cell carries (cached: cells repeat across reports)."""
    if not text or len(text) > 60 or _is_value(text):
        return ()
    pk = plain_key(text)
    return tuple(mk for mk, k in _MARKER_KEYS if k in pk)


def _appeal_block(text: str) -> int | None:
    """Which 表四 row a block label names (行政复议 0, 未经复议直接起诉 1, 复议后起诉 2), if any."""
    key = label_key(text)
    if "复议后" in key:
        return 2
    if "未经复议" in key or "直接起诉" in key:
        return 1
    return 0 if "行政复议" in key else None


def _row_of(tok: Token) -> tuple[int, ...]:
    """The table row a token sits in: its grid row, or its text line (a pipe or space-separated row)."""
    return tok.grid[:2] if tok.grid is not None else (-1, tok.para)


class TableParser:
    """Parse 表二/表三/表四 from a document's tokens, region by region."""

    def __init__(self, tokens: Sequence[Token], file: str | None, exclude: set[int] | None = None) -> None:
        self.tokens = tokens
        self.file = file
        self.result = TableResult()
        self.exclude = exclude or set()  # heading tokens: never part of a table

    # ---- regions ---------------------------------------------------------------------------------
    def parse(self, table: std.Table, region: range | None) -> None:
        """Find ``table`` in ``region`` (its own section), else anywhere not yet taken."""
        taken = self.result.consumed | self.exclude
        found = False
        if region is not None:
            found = self._parse_in(table, [i for i in region if i not in taken])
        if not found:
            found = self._parse_in(table, [i for i in range(len(self.tokens)) if i not in taken])
        if not found:
            self.result.notices.append(
                f"{_SECTION_NAMES[table.section]}未读到表格（可能以图片形式发布），表格数字无法核对。"
            )

    def _parse_in(self, table: std.Table, idx: list[int]) -> bool:
        if not idx:
            return False
        if table.key == "table4":
            return self._parse_appeals(table, idx)
        return self._parse_rows(table, idx)

    # ---- 表二 / 表三 --------------------------------------------------------------------------------
    def _parse_rows(self, table: std.Table, idx: list[int]) -> bool:
        m = _Matcher(table)
        toks = self.tokens
        hits: list[tuple[int, _Label]] = []  # (position in idx, label)
        for p, i in enumerate(idx):
            lab = m.label(toks[i].text)
            if lab is not None:
                hits.append((p, lab))
        hits = self._without_header_rows(idx, hits)
        if not hits:
            return False
        placed: dict[int, _Found] = {}
        h = 0
        last_pos = -1
        for r, row in enumerate(table.rows):
            found_at = None
            j = h
            while j < len(hits):
                p, lab = hits[j]
                if p > last_pos:
                    if r in lab.rows:
                        found_at = j
                        break
                    if any(x > r and not table.rows[x].exact for x in lab.rows):
                        break  # we are past where row r would be: it is missing
                j += 1
            if found_at is None:
                continue
            p, lab = hits[found_at]
            found = self._values(m, idx, p, lab, len(row.columns))
            placed[r] = found
            last_pos = max(p, found.end)
            h = found_at + 1
        if not placed or (len(placed) < 2 and not any(v for v, _ in next(iter(placed.values())).values)):
            return False
        self._unlabelled_rows(table, m, idx, placed)
        self._record_rows(table, m, idx, placed)
        return True

    def _without_header_rows(self, idx: list[int], hits: list[tuple[int, _Label]]) -> list[tuple[int, _Label]]:
        """Drop a line that names three or more rows and holds no value: a header row repeated mid-table
        ("项目 | 本年新收 | … | 结转下年度 | 总计"), not rows."""
        per_row: dict[tuple[int, ...], int] = {}
        for p, _ in hits:
            key = _row_of(self.tokens[idx[p]])
            per_row[key] = per_row.get(key, 0) + 1
        header_rows = {k for k, n in per_row.items() if n >= 3}
        if not header_rows:
            return hits
        for i in idx:
            tok = self.tokens[i]
            if tok.text and _is_value(tok.text):
                header_rows.discard(_row_of(tok))
        return [(p, lab) for p, lab in hits if _row_of(self.tokens[idx[p]]) not in header_rows]

    def _unlabelled_rows(self, table: std.Table, m: _Matcher, idx: list[int], placed: dict[int, _Found]) -> None:
        """A row whose label was lost in extraction ("0 0 0" right after a block's header): its values stand
        between that header and the next row's label, exactly one value per column."""
        for r, row in enumerate(table.rows):
            after = placed.get(r + 1)
            if r in placed or after is None or not after.ok:
                continue
            floor = max((max(f.label, f.end) for k, f in placed.items() if k < r), default=-1)
            q = after.label - 1
            while q > floor and _is_value(self.tokens[idx[q]].text):
                q -= 1
            run: list[tuple[str, Token | None]] = [
                (self.tokens[idx[k]].text, self.tokens[idx[k]]) for k in range(q + 1, after.label)
            ]
            values = [v for v in run if v[0]]
            if q <= floor or not m.header(self.tokens[idx[q]].text) or len(values) != len(row.columns):
                continue
            placed[r] = _Found(q, values, after.label - 1, True, printed="")
            nums = "、".join(v for v, _ in values)
            self.result.notices.append(
                f"{table.name}“{row.label}”一行的标签未读到，已按位置读入其数字（{nums}），请核对原表。"
            )

    def _values(self, m: _Matcher, idx: list[int], p: int, lab: _Label, ncols: int) -> _Found:
        """Values after the label at idx[p], up to the next label or header."""
        tok = self.tokens[idx[p]]
        if lab.glued is not None:
            glued = self._glued(lab.glued, ncols, tok)
            return _Found(p, glued or [], p, glued is not None)
        out: list[tuple[str, Token | None]] = []
        end = p
        limit = min(len(idx), p + 1 + 4 * ncols + 12)
        row = _row_of(tok)
        for q in range(p + 1, limit):
            t = self.tokens[idx[q]]
            text = t.text
            if _is_value(text) or _is_word_value(text):
                out.append((text, t))
                end = q
                continue
            if m.label(text) is not None or m.header(text):
                break
            own_cell = t.cell or _row_of(t) == row
            if own_cell and len(text) <= MAX_WORD_CELL and "。" not in text and sum(1 for v, _ in out if v) < ncols:
                out.append((text, t))  # a cell of the label's own row written in words ("三十七件左右")
                end = q
                continue
            if not label_key(text):
                continue  # bare numbering such as "三、" left by a split label
            if not any(v for v, _ in out) and len(text) <= 40 and "。" not in text:
                continue  # the label wrapped onto the next line ("请数量")
            break
        return _Found(p, out, end, True)

    def _glued(self, digits: str, ncols: int, tok: Token) -> list[tuple[str, Token | None]] | None:
        if ncols == 1:
            return [(digits, tok)]
        plain = digits.replace(",", "")
        if plain.isdigit() and len(plain) == ncols:
            return [(d, tok) for d in plain]
        self.result.notices.append(f"表格中“{tok.text}”的数字与标签粘连且无法拆分到各列，未填入，请核对原表。")
        return None

    def _record_rows(self, table: std.Table, m: _Matcher, idx: list[int], placed: dict[int, _Found]) -> None:
        self.result.cells.setdefault(table.key, {})  # the table exists: every cell not filled below is missing
        first = min(f.label for f in placed.values())
        last = max(max(f.label, f.end) for f in placed.values())
        for r, found in placed.items():
            if not found.ok:
                continue
            row = table.rows[r]
            label_tok = self.tokens[idx[found.label]]
            printed = label_tok.text if found.printed is None else found.printed
            cols = row.columns
            cells, _note = _place(found.values, len(cols), sums_to_total=cols[-1].key == "total")
            name = printed or row.label
            cut = cells is None and self._cut_at_end(found)
            if cut:
                # The text ends inside this row (a page copied short): a cut row loses its tail, not its
                # head, so its values are its first columns; the rest stay unread.
                cells = [v for v in found.values if v[0] != ""]
                self.result.notices.append(f"{table.name}“{name}”一行在全文末尾中断，只读到前 {len(cells)} 列。")
            elif cells is None:
                nums = "、".join(v for v, _ in found.values if v)
                self.result.notices.append(
                    f"{table.name}“{name}”一行只读到部分数字（{nums}），无法确定所在列，未填入，请核对原表。"
                )
                continue
            row_cells = self.result.cells[table.key].setdefault(row.key, {})
            for col, (raw, tok) in zip(cols, cells, strict=not cut):  # a row cut at the end fills its first columns
                row_cells[col.key] = _cell(raw, table, row, col, printed, tok or label_tok, self.file)
        start = self._span_start(m, idx, first)
        self._consume(idx, start, last)
        self._markers(table, idx, start, last)

    def _cut_at_end(self, found: _Found) -> bool:
        """Whether the row's values are the last tokens of the document, all on one text line (no cell grid)."""
        last = found.values[-1][1] if found.values else None
        return last is not None and last is self.tokens[-1] and _one_row_line(found.values)

    # ---- 表四 ---------------------------------------------------------------------------------------
    def _parse_appeals(self, table: std.Table, idx: list[int]) -> bool:
        start = self._appeals_start(idx)
        if start is None:
            return False
        values, end, structured = self._appeal_values(_Matcher(table), idx, start)
        if not structured and len(values) < 5:
            return False
        self._record_appeals(table, values)
        self._consume(idx, start, end)
        self._markers(table, idx, start, end)
        return True

    def _appeals_start(self, idx: list[int]) -> int | None:
        """The position of 表四's first header cell (行政复议 / a litigation block's label / 结果维持), if any."""
        for p, i in enumerate(idx):
            text = self.tokens[i].text
            key = label_key(text)
            if key and len(key) <= 24 and "。" not in text and ("结果维持" in key or _appeal_block(text) is not None):
                return p
        return None

    def _appeal_values(
        self, m: _Matcher, idx: list[int], start: int
    ) -> tuple[list[tuple[str, Token | None]], int, bool]:
        """表四's value cells after its headers, where they end, and whether a column header was seen.

        表四 may also come as three small tables or three labelled rows (行政复议 / 行政诉讼（未经复议直接起诉）/
        行政诉讼（复议后起诉））: each block's five values are kept, in the order their labels give.
        """
        values: list[tuple[str, Token | None]] = []
        blocks: list[tuple[int | None, list[tuple[str, Token | None]]]] = []  # (row its label names, values)
        named = _appeal_block(self.tokens[idx[start]].text)  # the row the latest block label names
        end = start
        structured = False  # a column header seen: this is the table, not a sentence
        notes_skipped = 0
        for q in range(start + 1, min(len(idx), start + 400)):
            t = self.tokens[idx[q]]
            text = t.text
            if _is_value(text) or _is_word_value(text):
                if not values:
                    blocks.append((named, values))
                values.append((text, t))
                end = q
                if sum(1 for _, vs in blocks for v, _ in vs if v) >= 15:
                    break
                continue
            short = len(text) <= 60 and "。" not in text
            if short and (m.header(text) or not label_key(text) or len(label_key(text)) <= 6):
                filled = sum(1 for v, _ in values if v)
                block = _appeal_block(text)
                if filled and block is not None and filled % 5 == 0:
                    named, values = block, []  # the next block's label: its values follow
                    end = q
                    continue
                if filled:
                    break  # header words after values: another table
                if values:
                    blocks.pop()  # empty header cells were not values
                named = block if block is not None else named
                structured = structured or m.header(text)
                values = []  # empty header cells were not values
                end = q
                continue
            if structured and not any(v for v, _ in values) and notes_skipped < 3:
                notes_skipped += 1  # a note written beside the header rows, before any figure
                continue
            break
        rows = [row for row, _ in blocks]
        if len(blocks) > 1 and None not in rows and len(set(rows)) == len(rows):
            blocks.sort(key=lambda b: b[0] or 0)
        return [v for _, vs in blocks for v in vs], end, structured

    def _record_appeals(self, table: std.Table, values: list[tuple[str, Token | None]]) -> None:
        """Place 表四's fifteen values (five columns of three rows) into the figures, or say why not."""
        if not any(v for v, _ in values):
            self.result.notices.append(f"{table.name}只读到表头，未读到数字，请核对原表。")
        nonempty = [(v, t) for v, t in values if v]
        if len(nonempty) == 1 and nonempty[0][0].isdigit() and len(nonempty[0][0]) == 15:
            values = [(d, nonempty[0][1]) for d in nonempty[0][0]]  # glued: one digit per column
        cols = table.rows[0].columns
        cells, _note = _place(values, 15, sums_to_total=False)
        self.result.cells.setdefault(table.key, {})
        if cells is None:
            nums = "、".join(v for v, _ in values if v)
            self.result.notices.append(f"{table.name}只读到部分数字（{nums}），无法确定所在列，未填入，请核对原表。")
            return
        for k, (raw, tok) in enumerate(cells):
            row = table.rows[k // 5]
            col = cols[k % 5]
            self.result.put(table.key, row.key, col.key, _cell(raw, table, row, col, row.label, tok, self.file))

    # ---- spans -------------------------------------------------------------------------------------
    def _span_start(self, m: _Matcher, idx: list[int], first: int) -> int:
        """Walk back from the first row label over the table's header cells (never over narrative)."""
        p = first
        for q in range(first - 1, max(-1, first - 80), -1):
            text = self.tokens[idx[q]].text
            if _is_value(text) or m.header(text) or not label_key(text):
                p = q
                continue
            if len(text) <= 12 and "。" not in text:
                continue  # a fragment of a wrapped header; keep looking, don't take it yet
            break
        return p

    def _consume(self, idx: list[int], start: int, end: int) -> None:
        # trailing empty cells right after the table belong to it
        while end + 1 < len(idx) and self.tokens[idx[end + 1]].text == "":
            end += 1
        self.result.consumed.update(idx[start : end + 1])

    def _markers(self, table: std.Table, idx: list[int], start: int, end: int) -> None:
        markers = self.result.markers
        for q in range(start, end + 1):
            for mk in _markers_in(self.tokens[idx[q]].text):
                if mk not in markers:
                    markers.append(mk)
        if table.key == "table3":
            self._single_row_other(idx, start, end)
        if table.key == "table2" and any(mk in markers for mk in _OLD_TABLE2_COLUMNS):
            # The 2019 columns (新制作/新公开/对外公开总数, 上一年项目数量/本年增减) mean other things than
            # 2021's: numbers placed by position would sit in the wrong columns. Leave them unread and say so.
            self.result.cells[table.key] = {}  # every cell missing
            self.result.notices.append(
                "表二使用的是2019年试行格式（列为“本年新制作数量”等），数字未按2021年格式读入，请按30号格式重填。"
            )

    def _single_row_other(self, idx: list[int], start: int, end: int) -> None:
        """2019 format: （六）其他处理 carries values itself and has no sub-rows."""
        for q in range(start, end + 1):
            if label_key(self.tokens[idx[q]].text) != "其他处理":
                continue
            nxt = [self.tokens[idx[k]].text for k in range(q + 1, min(end + 1, q + 4))]
            nonblank = [t for t in nxt if t]
            if nonblank and VALUE_RE.match(_nfkc_compact(nonblank[0])):
                marker = "（六）其他处理（单行）"
                if marker not in self.result.markers:
                    self.result.markers.append(marker)
            return
