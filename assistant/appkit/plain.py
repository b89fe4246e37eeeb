"""Untrusted text (report text, file and unit names, flag messages, model prose) inside Streamlit markdown.

Streamlit renders markdown: ``![x](http://…)`` in a report would make the reviewer's browser fetch that
address, and ``**``, links or ``:red[…]`` would change what the page says. Escaped, it shows as itself.
"""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be backslash-escaped, and an escaped one is literal. These open
# something anywhere in a line (images, links, emphasis, code, html, entities, Streamlit's :colour[…], maths);
_INLINE = re.compile(r"([\\`*_\[\](){}<>!#|~$:&])")
# these only at the start of a line (lists, quotes, setext headings), so "2023-1.txt" stays as it reads.
_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])", re.MULTILINE)


def md(text: object) -> str:
    """``text`` as Streamlit markdown that shows exactly these characters (no image, link, emphasis or colour)."""
    escaped = _INLINE.sub(r"\\\1", str(text))
    return _LINE_START.sub(r"\1\\\2", escaped)
