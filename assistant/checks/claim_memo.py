"""Repeated sentences read once: a sentence met again with the same neighbours and the same running state
gives the same claims, moved to where it stands. A text repeating one claim 100,000 times costs one reading
of it instead of 100,000 (issue 10); a normal report, whose sentences differ, is read as before."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.checks import claim_patterns as cp
from assistant.checks.claim_reading import SENTENCE_END, Claim, Reading

# How far around its sentence a reading may look: a word before a figure that starts the sentence, and
# claim_counts' 24 characters after a figure ("50件\n（含上年度结转…"). Both are inside the key.
_BEFORE = 8
_AFTER = 32

_Key = tuple[str, int, cp.Topic | None, tuple[str, ...]]


@dataclass(frozen=True)
class _Read:
    """What reading one sentence gave: its claims (placed where it was) and the running state after it."""

    start: int
    claims: tuple[Claim, ...]
    topic: cp.Topic | None
    appeal_rows: tuple[str, ...]


class SentenceMemo:
    """The sentences of one section already read, by their text with its neighbours and the state before."""

    def __init__(self, r: Reading) -> None:
        self._r = r
        # Wrapped lines were joined: offsets no longer match the text as written, so nothing is replayed.
        self._on = not r.wrapped
        self._seen: dict[_Key, _Read] = {}
        self._pending: tuple[_Key, int, int] | None = None  # key, start, claims before it

    def replay(self, start: int) -> int | None:
        """At a sentence's start: when it was read before, add its claims here and return where the next
        sentence starts; else None, and the sentence about to be read is remembered at :meth:`done`."""
        if not self._on:
            return None
        r = self._r
        found = SENTENCE_END.search(r.text, start)
        end = found.start() if found else len(r.text)
        key = (r.original[max(start - _BEFORE, 0) : end + _AFTER], min(start, _BEFORE), r.topic, r.appeal_rows)
        seen = self._seen.get(key)
        if seen is None:
            self._pending = (key, start, len(r.claims))
            return None
        shift = start - seen.start
        r.claims.extend(_moved(c, shift) for c in seen.claims)
        r.topic, r.appeal_rows = seen.topic, seen.appeal_rows
        self._pending = None
        r.new_sentence(end + 1)
        return end + 1

    def done(self) -> None:
        """At a sentence's end: remember what reading it gave."""
        if self._pending is not None:
            key, start, before = self._pending
            r = self._r
            self._seen[key] = _Read(start, tuple(r.claims[before:]), r.topic, r.appeal_rows)
            self._pending = None


def _moved(claim: Claim, shift: int) -> Claim:
    """The claim ``shift`` characters further on. dataclasses.replace re-runs __init__ over every field,
    the most of the cost of 100,000 repeats; a copy of the fields (frozen, so never changed after) is not."""
    moved = object.__new__(Claim)
    moved.__dict__.update(claim.__dict__, start=claim.start + shift, end=claim.end + shift)
    return moved
