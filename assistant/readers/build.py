"""Document → Report: headings split the paragraphs into sections, the tables are read from their own
sections, and what is left of each section is its narrative."""

from __future__ import annotations

from assistant import standard as std
from assistant.errors import InputError
from assistant.model import Meta, Report, Section
from assistant.readers.blocks import Document
from assistant.readers.meta import find_title, find_year, level_of
from assistant.readers.sections import Heading, match_heading, prune_headings, split_inline
from assistant.readers.tables import TableParser
from assistant.unitname import unit_from_text, unit_from_title


class Builder:
    """Collects paragraphs from a reader, remembering which of them are headings."""

    def __init__(self) -> None:
        self.doc = Document()
        self.headings: dict[int, Heading] = {}

    def add_paragraph(self, text: str, line: int | None) -> None:
        """A paragraph of running text: headings run into it are split off into their own paragraphs."""
        for piece in split_inline(text) if len(text) > 8 else [text]:
            piece = piece.strip()
            if not piece:
                continue
            head = match_heading(piece, self.doc.paras[-1].text if self.doc.paras else None)
            if head is None:
                self.doc.add_para(piece, line)
                continue
            self.headings[len(self.doc.paras)] = head
            self.doc.add_para(head.heading, line)
            if head.rest:
                self.doc.add_para(head.rest, line)

    def add_cell(self, text: str, line: int | None, grid: tuple[int, int, int] | None = None) -> None:
        """A cell of a real table (never a heading, so it goes straight to the document)."""
        self.doc.add_cell(text, line, grid)

    def extend_last_cell(self, more: str) -> None:
        """A cell broken over lines by a text export ("自" / "然" / "人")."""
        self.doc.paras[-1].text += more
        self.doc.tokens[-1].text += more

    # -----------------------------------------------------------------------------------------------
    def report(self, source: str, fmt: str) -> Report:
        """The report: sections by heading, tables read from their sections, meta; InputError if none of these."""
        doc = self.doc
        heads = sorted(prune_headings(self.headings).items())
        first_head = heads[0][0] if heads else len(doc.paras)
        texts = [p.text if not p.is_cell else "" for p in doc.paras]

        title, title_paras = find_title(texts, first_head)
        pre_start = (max(title_paras) + 1) if title_paras else 0

        # regions: (section number, heading para or None, first para, end para)
        regions: list[tuple[int, Heading | None, int | None, int, int]] = [
            (std.PREAMBLE, None, None, pre_start, first_head)
        ]
        for k, (head_at, found) in enumerate(heads):
            end = heads[k + 1][0] if k + 1 < len(heads) else len(doc.paras)
            regions.append((found.number, found, head_at, head_at + 1, end))

        heading_tokens = {t for at, _ in heads for t in self._token_range(at, at + 1)}
        parser = TableParser(doc.tokens, source, heading_tokens)
        for table in std.TABLES:
            region = next((r for r in regions if r[0] == table.section), None)
            parser.parse(table, self._token_range(region[3], region[4]) if region else None)
        result = parser.result
        figures = result.figures()

        sections: list[Section] = []
        for number, head, at, start, end in regions:
            text = self._narrative(start, end, result.consumed)
            if head is None:
                line = doc.paras[title_paras[0]].line if title_paras else (doc.paras[0].line if doc.paras else 1)
                sections.append(Section(number=0, text=text, line=line))
            else:
                sections.append(
                    Section(
                        number=number,
                        heading=head.heading,
                        numbering=head.numbering,
                        text=text,
                        line=doc.paras[at].line if at is not None else None,
                    )
                )

        full_text = "\n".join(texts)
        preamble = sections[0].text
        if (
            not heads
            and all(figures.table(t.key) is None for t in std.TABLES)
            and not any(w in full_text for w in ("信息公开", "年度报告"))
        ):
            raise InputError(
                "文件中没有找到政府信息公开工作年度报告的内容（无标准章节标题，也无统计表格）。",
                hint_en="no annual-report content found (no section headings, no tables)",
                path=source,
            )
        unit = (unit_from_title(title) if title else None) or unit_from_text(preamble) or unit_from_text(full_text)
        year, period = find_year(title, preamble, full_text)
        meta = Meta(
            title=title,
            unit=unit,
            year=year,
            level=level_of(unit),
            period=period,
            source=source,
            format=fmt,
        )
        return Report.assembled(meta, sections, figures, result.notices, result.markers)

    def _token_range(self, start: int, end: int) -> range:
        paras = self.doc.paras
        if start >= end:
            return range(0)
        return range(paras[start].first_token, paras[end - 1].first_token + paras[end - 1].n_tokens)

    def _narrative(self, start: int, end: int, consumed: set[int]) -> str:
        lines: list[str] = []
        for i in range(start, end):
            p = self.doc.paras[i]
            if p.n_tokens == 0:
                continue  # a delimiter line ("|") or a markdown rule: no content
            idx = range(p.first_token, p.first_token + p.n_tokens)
            if consumed.isdisjoint(idx):
                text = p.text.strip()
            elif consumed.issuperset(idx):
                continue  # a table row read whole
            else:
                text = " ".join(self.doc.tokens[t].text for t in idx if t not in consumed).strip()
            if text:
                lines.append(text)
        return "\n".join(lines)
