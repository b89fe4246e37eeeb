"""Find the claims a section's narrative makes about table cells (the N-MISMATCH reading side).

The text is cut into sentences (。；！？ and line ends) and clauses (，：and brackets). Every figure
(:mod:`assistant.checks.numerals`) gets a *label*: the words between the clause start (or the previous
figure) and the figure — or, when those say nothing, the words after it up to the next figure, 、 or
clause end. Labels are matched against the catalogue (:mod:`assistant.checks.claim_patterns`).

A running *topic* (申请 / 复议诉讼 / 主动公开 / other business such as 12345 or 人大建议) follows the text
from clause to clause, so that "办结298件" after "受理12345工单300件" is not read as an application
figure. Headings reset it.

This module cuts the text and drives the pieces: :mod:`~assistant.checks.claim_reading` (the shared
state and the Claim), :mod:`~assistant.checks.claim_topics` (topic tracking),
:mod:`~assistant.checks.claim_figures` (a figure's label), :mod:`~assistant.checks.claim_counts` (claims
on 表二/表三/表四 rows), :mod:`~assistant.checks.claim_statements` (claims without a figure) and
:mod:`~assistant.checks.claim_sentences` (rates and channels across a sentence).
"""

from __future__ import annotations

import re

from assistant.checks import claim_patterns as cp
from assistant.checks.claim_figures import read_figure
from assistant.checks.claim_memo import SentenceMemo
from assistant.checks.claim_reading import SENTENCE_CHARS, Claim, ClaimKind, Reading
from assistant.checks.claim_sentences import read_channels, read_rates
from assistant.checks.claim_statements import read_statements
from assistant.checks.claim_topics import appeal_kinds, mask_row_names, own_topic, pick_topic
from assistant.checks.numerals import Token, find_tokens

__all__ = ["Claim", "ClaimKind", "extract"]

_DELIMITER = re.compile(r"[。！？!?；;\n，,（()）]")  # not ：: "申请数量：5件" keeps its label
# Any statement rule or 复议/诉讼 negation needs one of these.
_NEGATION_QUICK = re.compile(r"未|没有|无|零|不存在|均|全部|都是|都来自|皆为|维持")


def extract(section: int, text: str, year: int | None = None, *, memo: bool = True) -> list[Claim]:
    """Every claim about table cells in one section's narrative text (``memo``: read a repeated sentence once)."""
    r = Reading(section, text, year)
    text = r.text
    tokens = find_tokens(text)
    if not tokens and not _NEGATION_QUICK.search(text):
        return []
    marks = _Marks(text, tokens)
    sentences = SentenceMemo(r) if memo else None
    sent_tokens: list[Token] = []
    padded = text + "\n"
    pos = 0
    while pos <= len(text):
        if sentences is not None and pos == r.sent_start:
            after = sentences.replay(pos)
            if after is not None:
                pos = after
                continue
        m = _DELIMITER.search(padded, pos)
        assert m is not None  # the padding ends in a delimiter
        c_start, c_end = pos, m.start()
        pos = m.end()
        at_line_start = c_start == r.sent_start and (c_start == 0 or text[c_start - 1] == "\n")
        if at_line_start and cp.HEADING_START.match(text, c_start):
            r.topic = None
            r.appeal_rows = ()
        clause_tokens, present, negated = marks.take(c_start, c_end)
        if c_end > c_start and (clause_tokens or present or negated):
            ctopic = pick_topic(present, marks.masked[c_start:c_end]) if present else own_topic(text[c_start:c_end])
            _clause(r, c_start, c_end, clause_tokens, ctopic, negated)
            sent_tokens.extend(clause_tokens)
        if m.group() in SENTENCE_CHARS:
            if len(sent_tokens) > 1:
                read_rates(r, sent_tokens)
                read_channels(r, sent_tokens)
            sent_tokens = []
            if sentences is not None:
                sentences.done()
            r.new_sentence(pos)
    return r.claims


class _Marks:
    """The figures, topic words and negation words of the whole text, found in one pass each and handed
    out clause by clause (a clause with none of them is skipped without further work)."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.masked = mask_row_names(text)
        self._tokens = tokens
        self._hits = [(m.start(), cp.TOPIC_OF_WORD[m[0]]) for m in cp.TOPIC_ANY.finditer(self.masked)]
        self._negs = [m.start() for m in _NEGATION_QUICK.finditer(text)]
        self._ti = self._hi = self._ni = 0

    def take(self, start: int, end: int) -> tuple[list[Token], set[str], bool]:
        """The clause ``[start, end)``'s figures, topics and whether it holds a negation word."""
        tokens, hits, negs = self._tokens, self._hits, self._negs
        clause_tokens: list[Token] = []
        while self._ti < len(tokens) and tokens[self._ti].start < end:
            if tokens[self._ti].start >= start:
                clause_tokens.append(tokens[self._ti])
            self._ti += 1
        present: set[str] = set()
        while self._hi < len(hits) and hits[self._hi][0] < end:
            if hits[self._hi][0] >= start:
                present.add(hits[self._hi][1])
            self._hi += 1
        negated = False
        while self._ni < len(negs) and negs[self._ni] < end:
            negated = negated or negs[self._ni] >= start
            self._ni += 1
        return clause_tokens, present, negated


def _clause(r: Reading, start: int, end: int, tokens: list[Token], ctopic: cp.Topic | None, negated: bool) -> None:
    """One clause: its statements, then each figure with its neighbours; the running topic moves on."""
    clause = r.text[start:end]
    running = ctopic or r.topic
    if negated and cp.STATEMENT_QUICK.search(clause) and not any(t.kind != "percent" for t in tokens):
        read_statements(r, start, clause, ctopic, running)
    prev_end = start
    for i, tok in enumerate(tokens):
        next_start = tokens[i + 1].start if i + 1 < len(tokens) else end
        if tok.kind != "percent":
            read_figure(r, tok, prev_end, next_start, end, running)
        prev_end = tok.end
    kinds = appeal_kinds(clause)
    if kinds:
        r.appeal_rows = kinds
    elif ctopic and ctopic != "appeal":
        r.appeal_rows = ()  # a clause naming its own topic starts afresh: no 复议/诉讼 rows carried past it
    if ctopic:
        r.topic = ctopic
