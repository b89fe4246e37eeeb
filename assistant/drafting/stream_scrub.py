"""Streamed model text made safe to show as it arrives: only what has passed the personal-number scrubber.

A number may arrive split over many deltas ("1", "39 04", "32…"), so the tail that could still become
part of one is held back: the trailing run of digit-like characters and separators, plus a few characters
before it (a label such as "手机：" goes with its number). Everything before that is complete, and is
released scrubbed.
"""

from __future__ import annotations

from assistant.checks.personal import NUMBER_CHARS
from assistant.drafting.pinning import scrub_personal_numbers

HOLD = 8  # characters kept before a trailing run: the longest label removed with a number ("联系人手机号码：")


class StreamScrubber:
    """Feed it a reply's deltas; it gives back the text safe to show so far, personal numbers removed."""

    def __init__(self) -> None:
        self._pending = ""

    def feed(self, delta: str) -> str:
        """The newly releasable text once ``delta`` has arrived (possibly empty), scrubbed."""
        self._pending += delta
        cut = self._safe_cut()
        released, self._pending = self._pending[:cut], self._pending[cut:]
        return scrub_personal_numbers(released)[0] if released else ""

    def flush(self) -> str:
        """The rest, scrubbed: call once the reply has ended."""
        released, self._pending = self._pending, ""
        return scrub_personal_numbers(released)[0] if released else ""

    def _safe_cut(self) -> int:
        """Where the released part may end: HOLD characters before the trailing run, never inside a run."""
        text = self._pending
        cut = _run_start(text, len(text))  # a run at the end may still grow
        while True:
            held = max(0, cut - HOLD)
            cut = _run_start(text, held)
            if cut == held:
                return cut


def _run_start(text: str, at: int) -> int:
    """The start of the run of number characters that ends at or spans ``at``, else ``at``.

    Never cut right after a run either: the punctuation after a removed number is tidied with it.
    """
    while at and text[at - 1] in NUMBER_CHARS:
        at -= 1
    return at
