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


# GFM also turns bare addresses into links ("http://…", "www.…", "a@b.cn"), after escapes are resolved, so no
# escape stops it: an invisible word joiner inside the address does, and the characters still read the same.
_AUTOLINK = re.compile(r"://|(?i:www)\.|@")
WORD_JOINER = "\u2060"


def md(text: object) -> str:
    """``text`` as Streamlit markdown that shows exactly these characters (no image, link, emphasis or colour)."""
    unlinked = _AUTOLINK.sub(lambda m: m[0][:-1] + WORD_JOINER + m[0][-1], str(text))
    escaped = _INLINE.sub(r"\\\1", unlinked)
    return _LINE_START.sub(r"\1\\\2", escaped)
