"""The shared state of reading one section's claims (:class:`Reading`) and the :class:`Claim` it yields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.checks import claim_patterns as cp
from assistant.checks.numerals import FULLWIDTH, Relation, Token

ClaimKind = Literal["count", "amount", "rate"]


@dataclass(frozen=True)
class Claim:
    """One thing the text says about the tables, with every reading that would make it true."""

    section: int
    start: int
    end: int
    text: str  # the evidence, as written
    ref: str  # the catalogue row(s), real-world.md §3
    name: str
    alternatives: tuple[cp.Alternative, ...]  # concrete cells (no "*"), the first is the main reading
    relation: Relation = "eq"
    value: float = 0.0  # what the text states (万元 for amounts, percent for rates)
    decimals: int = 0  # the stated precision (in 万元 for amounts)
    kind: ClaimKind = "count"
    unit: str = ""  # the unit as written: 件, 元, 万元, %
    # Compare each alternative with the matching sum of these cells instead of with ``value``.
    equals: tuple[cp.Alternative, ...] = ()
    count: float | None = None  # rates: the count the percentage is of


SENTENCE_CHARS = "。！？!?；;\n"
SENTENCE_END = re.compile(f"[{SENTENCE_CHARS}]")
_FULLWIDTH_QUICK = re.compile(r"[０-９％．]")
# A line break inside a phrase, as a PDF or a narrow page leaves it ("…转下一\n年度办理…"): the line
# runs on (no punctuation or space at its end), the next line starts with neither a heading mark nor a
# space, and the break cuts one of the words claims are read by (_SPLIT_WORD_LIST) in two. A line break
# between two whole statements ("…的情况\n共收到申请2件") stays a break.
_SPLIT_WORD_LIST = (
    *("下一年度", "下年度", "下一年", "上一年度", "上年度", "上一年", "结转", "转结", "办结", "答复", "办理", "处理"),
    *("申请", "政府信息", "信息公开", "予以公开", "部分公开", "不予公开", "不予以公开", "不掌握", "无法提供"),
    *("不予处理", "其他处理", "其它处理", "行政复议", "行政诉讼", "复议", "诉讼", "起诉", "规章", "规范性文件"),
    *("行政许可", "行政处罚", "行政强制", "事业性收费", "收费", "自然人", "法人", "其他组织", "撤回", "补正"),
    *("维持", "纠正", "审结"),
)
_SPLIT_WORDS = re.compile("|".join(sorted(_SPLIT_WORD_LIST, key=len, reverse=True)))
# Quick gates: the characters a word can have before a cut, and after it (never punctuation or space).
_SPLIT_LEFT = frozenset(c for w in _SPLIT_WORD_LIST for c in w[:-1])
_SPLIT_RIGHT = frozenset(c for w in _SPLIT_WORD_LIST for c in w[1:])
_REACH = 5  # the longest word above is 6 characters: look this far either side


def wrapped_line_ends(text: str) -> list[int]:
    """The offsets of line breaks that cut a phrase in two (see _SPLIT_WORD_LIST)."""
    out: list[int] = []
    i = text.find("\n", 1)
    while i != -1:
        if (
            i + 1 < len(text)
            and text[i - 1] in _SPLIT_LEFT
            and text[i + 1] in _SPLIT_RIGHT
            and _cuts_a_word(text, i)
            and not cp.HEADING_START.match(text, i + 1)
        ):
            out.append(i)
        i = text.find("\n", i + 1)
    return out


def _cuts_a_word(text: str, i: int) -> bool:
    left = text[max(0, i - _REACH) : i]
    joined = left + text[i + 1 : i + 1 + _REACH]
    return any(w.start() < len(left) < w.end() for w in _SPLIT_WORDS.finditer(joined))


def keys_named(
    text: str, words: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...], *, every: bool = False
) -> list[str]:
    """The keys whose words the text holds, in catalogue order. Each match is spaced out before the next
    pattern looks (all its matches with ``every``, else the first), so shorter words do not re-read it."""
    keys: list[str] = []
    for pattern, found in words:
        m = pattern.search(text)
        while m:
            keys.extend(k for k in found if k not in keys)
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
            m = pattern.search(text) if every else None
    return keys


def resolve(alt: cp.Alternative, columns: tuple[str, ...]) -> cp.Alternative:
    """The alternative with its "any column" cells spelt out as ``columns``."""
    out: list[cp.CellRef] = []
    for table, row, col in alt:
        if col == cp.ANY:
            out.extend((table, row, c) for c in columns)
        else:
            out.append((table, row, col))
    return tuple(out)


@dataclass
class Reading:
    """One section being read: its text, the running topic, and the claims found so far."""

    section: int
    original: str  # as written: claims quote it
    year: int | None
    text: str = field(init=False)  # full-width digits made half-width, same offsets
    topic: cp.Topic | None = None
    appeal_rows: tuple[str, ...] = ()  # the 复议/诉讼 rows the text last spoke of
    claims: list[Claim] = field(default_factory=list)
    by_token: dict[int, Claim] = field(default_factory=dict)  # token start → its 表三 claim
    channels: list[tuple[Token, int]] = field(default_factory=list)  # this sentence's "网上申请3件" …
    sent_start: int = 0
    sentence_relevant: bool | None = None  # computed once per sentence, see relevant()

    # Where each character of ``text`` stands in ``original``, when wrapped lines were joined.
    _where: list[int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        text = self.original.translate(FULLWIDTH) if _FULLWIDTH_QUICK.search(self.original) else self.original
        wraps = wrapped_line_ends(text) if "\n" in text else []
        if wraps:
            # "…其他处理14件，转下一\n年度办理答复的有1件": read as one line, quote as written.
            bounds = list(zip([-1, *wraps], [*wraps, len(text)], strict=True))
            self._where = [i for a, b in bounds for i in range(a + 1, b)] + [len(text)]
            text = "".join(text[a + 1 : b] for a, b in bounds)
        self.text = text

    @property
    def wrapped(self) -> bool:
        """Whether wrapped lines were joined, so that offsets in ``text`` differ from the original's."""
        return self._where is not None

    def claim(self, start: int, end: int, **fields: Any) -> Claim:
        """A claim over ``text[start:end]`` in this section, placed and quoted as the original has it."""
        if self._where is not None:
            start, end = self._where[start], self._where[end - 1] + 1 if end > start else self._where[end]
        return Claim(section=self.section, start=start, end=end, text=self.original[start:end], **fields)

    def new_sentence(self, start: int) -> None:
        """Forget what belonged to the sentence that ended before ``start``."""
        self.channels = []
        self.sent_start = start
        self.sentence_relevant = None

    def relevant(self, strict: bool = False) -> bool:
        """Whether this sentence's 复议/诉讼 are about disclosure.

        A figure needs the sentence to tie it to disclosure (or to stand in 四): a justice bureau also
        reports the reviews it decided. A "none happened" statement may also lean on the application
        paragraph it sits in.
        """
        if self.sentence_relevant is None:
            end = SENTENCE_END.search(self.text, self.sent_start)
            sentence = self.text[self.sent_start : end.start() if end else len(self.text)]
            self.sentence_relevant = self.section == 4 or bool(cp.APPEAL_RELEVANT.search(sentence))
        return self.sentence_relevant or (not strict and self.topic == "apply")
