"""The draft page's streamed preview: what to show of each section while the model writes it.

Every delta passes the personal-number scrubber before it is shown (a number split over deltas is never
shown whole or in part). The scrubber holds back a short tail that could still grow into a number; that
tail is released when the next section starts (sections are drafted one after another) and, for the last
one, at :meth:`StreamPreview.finish`.
"""

from __future__ import annotations

from assistant.drafting.stream_scrub import StreamScrubber


class StreamPreview:
    """Feed it ``(section, delta)`` as they stream; it gives back the sections whose shown text changed."""

    def __init__(self) -> None:
        self._shown: dict[int, str] = {}
        self._scrubber = StreamScrubber()  # the current section's: sections stream one after another
        self._current: int | None = None

    def feed(self, section: int, delta: str) -> dict[int, str]:
        """Section → its whole text to show now, for each section that changed (the one before included,
        its tail released, when ``section`` is a new one)."""
        changed: dict[int, str] = {}
        if section != self._current:
            if self._current is not None:
                changed.update(self._flush(self._current))
            self._current = section
            self._scrubber = StreamScrubber()
            self._shown.setdefault(section, "")
            changed[section] = self._shown[section]  # a new section is shown (its heading) at once
        released = self._scrubber.feed(delta)
        if released:
            self._shown[section] += released
            changed[section] = self._shown[section]
        return changed

    def finish(self) -> dict[int, str]:
        """The last section's held-back tail released: section → its whole text, if it changed."""
        if self._current is None:
            return {}
        section, self._current = self._current, None
        return self._flush(section)

    def shown(self, section: int) -> str:
        """The text shown so far for ``section``."""
        return self._shown.get(section, "")

    def _flush(self, section: int) -> dict[int, str]:
        tail = self._scrubber.flush()
        if not tail:
            return {}
        self._shown[section] += tail
        return {section: self._shown[section]}
