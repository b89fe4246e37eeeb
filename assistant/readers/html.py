""".html/.htm: find the article among the page chrome, then read its paragraphs and table cells in order."""

from __future__ import annotations

import re
from typing import Any

from assistant import standard as std
from assistant.errors import InputError
from assistant.model import Report
from assistant.readers.build import Builder
from assistant.readers.chrome import ChromeFilter, is_chrome
from assistant.readers.normalize import clean_text
from assistant.readers.sniff import decode_text

_DROP = ("script", "style", "noscript", "nav", "iframe", "template", "select", "button", "form", "svg")
_BLOCK = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "tr",
        "table",
        "center",
        "address",
        "figure",
        "figcaption",
        "caption",
    ]
)
_CANDIDATES = ("div", "article", "section", "main", "td", "body")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]{2,20})""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_FIGURE = re.compile(r"^\d[\d,.]*$")
_TITLE_WORDS = tuple(p[0] for spec in std.SECTIONS for p in spec.patterns[:1])


def _decode(data: bytes, source: str) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii").lower().replace("gb2312", "gb18030"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, source)


def read_html(data: bytes, source: str) -> Report:
    """A report from a web page's bytes: the article's paragraphs and table cells, the page chrome left out."""
    import lxml.html  # imported lazily: the checker never needs it
    from lxml import etree

    text = _XML_DECL.sub("", _decode(data, source))
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("网页内容无法解析。", hint_en=f"unparseable HTML: {exc}", path=source) from exc
    # Listed before dropping (the tree changes under the loop). lxml-stubs type the nodes as plain _Element;
    # the HTML parser makes every one an HtmlMixin, which has drop_tree.
    for el in list(root.iter(*_DROP, etree.Comment, etree.ProcessingInstruction)):
        if isinstance(el, lxml.html.HtmlMixin):
            el.drop_tree()
    article = _article(root)
    builder = Builder()
    _emit_page_title(root, article, builder)
    _walk(article, builder)
    return builder.report(source, "html")


def _article(root: Any) -> Any:
    """The element holding the report: most section headings, then least text (the innermost one)."""
    best = root.body if root.find("body") is not None else root
    best_score: tuple[int, int] = (-1, 0)
    for el in root.iter(*_CANDIDATES):
        content = el.text_content()
        hits = sum(1 for w in _TITLE_WORDS if w in content)
        if hits == 0:
            continue
        score = (hits, -len(content))
        if score > best_score:
            best, best_score = el, score
    return best


def _emit_page_title(root: Any, article: Any, builder: Builder) -> None:
    """When the report title sits outside the article (an <h1> above it, or only <title>), keep it."""
    inside = article.text_content()[:600]
    lines = [" ".join(x.split()) for x in inside.split("\n")]
    head = "".join(x for x in lines if x and not is_chrome(x))  # a breadcrumb's "年度报告" is no title
    if "报告" in head[:120]:
        return
    for el in root.iter("h1", "h2", "title"):
        title = " ".join(el.text_content().split())
        if "报告" in title and len(title) <= 80:
            title = re.split(r"[-_|－—]{1,2}", title)[0].strip() if el.tag == "title" else title
            builder.add_paragraph(clean_text(title), 0)
            return


def _walk(article: Any, builder: Builder) -> None:
    """Paragraphs from block elements, one cell per <td>/<th> of each data table, in source order."""
    from lxml import etree

    buffer: list[str] = []
    state = {"para": 0, "table": 0}
    chrome = ChromeFilter()  # page furniture inside the article's element

    def flush() -> None:
        text = clean_text("".join(buffer))
        buffer.clear()
        for line in text.split("\n"):
            line = " ".join(line.split())
            if line and chrome.keep(line):
                state["para"] += 1
                builder.add_paragraph(line, state["para"])

    walker = etree.iterwalk(article, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag == "table" and el.find(".//table") is None:
                flush()
                if not chrome.in_body and _is_layout(el):
                    buffer.append(_layout_lines(el))
                    flush()
                else:
                    _emit_table(el, builder, state)
                walker.skip_subtree()
                continue
            if tag in _BLOCK or tag == "br":
                flush()
            if el.text and tag != "br":
                buffer.append(el.text)
        else:
            if tag in _BLOCK:
                flush()
            if el is not article and el.tail:
                buffer.append(el.tail)
    flush()


def _is_layout(table: Any) -> bool:
    """A table with no figure in any cell lays out the page; a statistics table has figures."""
    return not any(_FIGURE.match(" ".join(c.text_content().split())) for c in table.iter("td", "th"))


def _layout_lines(table: Any) -> str:
    """The page's metadata grid above the report (索引号 | 发布机构 | title): its cells as lines."""
    return "\n".join(c.text_content() for c in table.iter("td", "th"))


def _emit_table(table: Any, builder: Builder, state: dict[str, int]) -> None:
    for r, tr in enumerate(table.iter("tr")):
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            builder.add_cell(cell.text_content(), state["para"], (state["table"], r, col))
            try:
                col += max(1, int(cell.get("colspan", "1")))
            except ValueError:
                col += 1
    state["table"] += 1
