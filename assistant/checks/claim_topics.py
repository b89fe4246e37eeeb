"""Topic tracking for the claim reader: which business a clause speaks of, and which 复议/诉讼 rows."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from assistant.checks import claim_patterns as cp
from assistant.checks.claim_reading import keys_named


def _mask_row_name(m: re.Match[str]) -> str:
    return "申请".ljust(len(m[0]), "类")  # same length, so offsets into the masked text stay valid


def mask_row_names(text: str) -> str:
    """The text with table row names that hold topic words (投诉/信访 …) masked, offsets unchanged."""
    return cp.TOPIC_MASK.sub(_mask_row_name, text) if "投诉" in text or "信访" in text else text


def pick_topic(present: AbstractSet[str], masked: str) -> cp.Topic | None:
    """The clause's topic from the topic words it holds (see claim_patterns.TOPIC_WORDS)."""
    if "other" in present and "apply" in present and cp.STRONG_APPLY.search(masked):
        present = present - {"other"}
    for topic in reversed(cp.TOPIC_PRIORITY):
        if topic in present:
            return topic
    return None


def own_topic(text: str) -> cp.Topic | None:
    """The topic of a text without topic words that names a 表二 row or an application outcome, if any."""
    for pattern, topic in cp.OWN_TOPIC:
        if pattern.search(text):
            return topic
    return None


def topic_of(text: str) -> cp.Topic | None:
    """The topic a piece of text names, if any."""
    masked = mask_row_names(text)
    present = {cp.TOPIC_OF_WORD[m[0]] for m in cp.TOPIC_ANY.finditer(masked)}
    return pick_topic(present, masked) if present else own_topic(text)


def appeal_kinds(text: str) -> tuple[str, ...]:
    """The 表四 rows (复议, the two kinds of 诉讼) a text names, in table order."""
    if "复议" not in text and "诉" not in text:
        return ()
    rows = keys_named(text, cp.APPEAL_KINDS, every=True)
    order = ("review", *cp.SUITS)
    return tuple(r for r in order if r in rows)
