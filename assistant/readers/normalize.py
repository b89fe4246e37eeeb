"""Text clean-up shared by every reader, and the label key used to match table labels.

Two different jobs live here because they must agree:

* :func:`clean_text` repairs what converters and web pages do to a report (NBSP, zero-width chars,
  full-width digits, Word bookmarks, leaked tags, traditional characters with pinyin artifacts) but keeps
  Chinese punctuation, because users read the narrative.
* :func:`label_key` squeezes a table label down to the characters that identify it, so "规 章",
  "（一）予以公开" and "1.属于国家秘密" compare equal to the standard's match fragments.

Every pattern here is linear: no nested quantifiers, bounded repeats only.
"""

from __future__ import annotations

import os
import re
import unicodedata
import warnings
from functools import lru_cache
from typing import Any

# Characters that never carry meaning in a report but break matching.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u3000"), " ")
_FULL_DIGITS = {ord("０") + i: ord("0") + i for i in range(10)}
_TRANSLATE = {**_ZERO_WIDTH, **_SPACES, **_FULL_DIGITS}
# ``str.translate`` looks every character of a CJK text up in the table (0.35 ms a report); a regex finds
# the few that need it and replaces only those.
_TRANSLATED = re.compile("[" + "".join(map(chr, _TRANSLATE)) + "]")
_REPLACEMENT = {chr(k): "" if v is None else chr(v) if isinstance(v, int) else v for k, v in _TRANSLATE.items()}

# Word's hidden bookmark leaks into text exports as "[bookmark: _GoBack]".
_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]{0,200}\]")
# Tags leaked into page text (e.g. "</font>"); only tag names that appear in report pages.
_LEAKED_TAG = re.compile(r"</?(?:font|span|p|br|div|b|strong|em|i|u|a|sup|sub)\b[^<>\n]{0,200}>", re.I)
# Traditional-script converters on mirror sites append pinyin: "根據(jù)", "鎮(zhèn)". A tone mark is
# required so that real parentheses such as "(一)" or "(PDF)" survive. The bracket comes first and the
# character before it is looked behind from there: the scan then only stops at brackets (3x faster).
_PINYIN_ARTIFACT = re.compile(r"[(（](?<=[\u4e00-\u9fff][(（])[a-z]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,6}[)）]")
# Characters that exist only in traditional script and are common in these reports; if none occurs,
# the (comparatively slow) conversion is skipped.
_TRADITIONAL_HINT = re.compile(
    "[國務資訊開報關於實現處體發經這們個為來會說時對區鎮縣鄉議訴請項數據規範製麵條辦廳與業權級單應統計編輯網參門傳衛獲]"
)


def to_simplified(text: str) -> str:
    """Traditional → simplified, only when traditional characters are present (keeps the common case cheap)."""
    if not _TRADITIONAL_HINT.search(text):
        return text
    return _zhconv().convert(text, "zh-hans")


@lru_cache(maxsize=1)
def _zhconv() -> Any:
    """zhconv, imported lazily (most reports never need it) with its dictionary loaded once.

    Its default loader goes through pkg_resources (a warning on import) and leaves the dictionary file
    open; loading the same file by path closes it.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import zhconv
        import zhconv.zhconv as impl

    impl.loaddict(os.path.join(os.path.dirname(impl.__file__), impl.DICTIONARY))
    return zhconv


def clean_text(text: str) -> str:
    """Repair converter and page artifacts in a whole document's text; line structure is kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRANSLATED.sub(lambda m: _REPLACEMENT[m.group()], text)
    text = _BOOKMARK.sub("", text)
    text = _LEAKED_TAG.sub("", text)
    text = _PINYIN_ARTIFACT.sub("", text)
    return to_simplified(text)


@lru_cache(maxsize=16384)
def clean_cell(text: str) -> str:
    """A single table cell: cleaned, inner line breaks dropped (cells wrap mid-word), trimmed (cached: cells repeat)."""
    return clean_text(text).replace("\n", "").strip()


# ---------------------------------------------------------------------------------------------------
# Label keys
# ---------------------------------------------------------------------------------------------------
# Leading numbering of a label: "一、" "（三）" "(1)" "1." "3、" — applied after NFKC, so brackets are ASCII.
_NUMBERING = re.compile(
    r"^\s*(?:[(\[]\s{0,2}[一二三四五六七八九十\d]{1,3}\s{0,2}[)\]]"
    r"|[一二三四五六七八九十]{1,3}\s{0,2}[、.,]"
    r"|\d{1,2}\s{0,2}[、.,)](?!\d))\s*"
)
# Anything that is not a CJK character, a letter or a digit.
_NOT_WORD = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]+")
_KEY_FIXES = (("事业型收费", "事业性收费"), ("逻辑关系", "勾稽关系"), ("査", "查"))


def strip_numbering(text: str) -> str:
    """Remove up to two levels of leading numbering ("三、（一）")."""
    for _ in range(2):
        m = _NUMBERING.match(text)
        if not m or m.end() == 0:
            break
        text = text[m.end() :]
    return text


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The identifying characters of a label: NFKC, numbering dropped, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_numbering(text)
    text = _NOT_WORD.sub("", text)
    for old, new in _KEY_FIXES:
        if old in text:
            text = text.replace(old, new)
    return text


def plain_key(text: str) -> str:
    """Like :func:`label_key` but keeps numbering — for searching markers in running text."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))
