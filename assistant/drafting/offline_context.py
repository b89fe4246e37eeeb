"""What every section of the offline draft shares: the unit, the figures, last year's digest, the notes,
and the text being assembled (with the spans of note sentences, so a flag can be traced back to a note)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant import standard as std
from assistant.drafting.lastyear import LastYearDigest, digest_last_year
from assistant.drafting.offline_notes import Note, notes_as_facts
from assistant.drafting.offline_templates import Templates
from assistant.drafting.request import DraftRequest
from assistant.model import Figures

_GOVERNMENT_END = re.compile(r"(?:县|区|市|旗|州|盟|省)(?:人民政府)?$")


# ---------------------------------------------------------------------------------------------------
# The unit: what it calls itself and what it usually publishes about
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Unit:
    """The unit being drafted for: its names, its kind, how it calls itself (本镇, 本局 …), whether it makes 规章."""

    name: str
    full_name: str
    kind: str  # township / street / department / government
    subject: str  # 本镇 / 本街道 / 本局 / 本县 …
    makes_rules: bool  # 立法法: only 设区的市 governments and above make 规章


def _unit(req: DraftRequest, digest: LastYearDigest | None) -> Unit:
    name = req.unit.strip()
    full = req.full_name or (digest.full_name if digest else None) or name
    level = req.level
    if std.DEPARTMENT_ENDING.search(name) or level == "department":
        kind = "department"
        subject = {"局": "本局", "委": "本委", "办": "本办"}.get(name[-1], "本单位")
    elif level == "street" or name.endswith(("街道", "街道办事处", "办事处")):
        kind, subject = "street", "本街道"
    elif level == "township" or name.endswith(("镇", "乡", "苏木")):
        kind = "township"
        subject = "本" + ("苏木" if name.endswith("苏木") else name[-1])
    else:
        kind = "government"
        m = _GOVERNMENT_END.search(name)
        subject = f"本{m.group(0)[0]}" if m else "本级政府"
    makes_rules = level in ("city", "province")
    return Unit(name, full, kind, subject, makes_rules)


# ---------------------------------------------------------------------------------------------------
# Text assembly with the spans of note sentences, so a flag can be traced back to a note
# ---------------------------------------------------------------------------------------------------
@dataclass
class DraftText:
    """One section's text as it is written, piece by piece."""

    parts: list[tuple[str, int | None]] = field(default_factory=list)  # (text, note index or None)

    def add(self, text: str, note: int | None = None) -> None:
        """Append ``text`` (from note ``note``, if it is one) to the current line."""
        if text:
            self.parts.append((text, note))

    def line(self, text: str = "") -> None:
        """Start a new line (with ``text`` on it)."""
        if self.parts and not self.parts[-1][0].endswith("\n"):
            self.parts.append(("\n", None))
        self.add(text)

    def notes(self, notes: Iterable[Note]) -> None:
        """Append note sentences, remembering which note each came from."""
        for note in notes:
            self.add(note.text, note.index)

    def build(self) -> tuple[str, list[tuple[int, int, int]]]:
        """The text, and the (start, end, note index) of every note sentence in it."""
        text = ""
        spans: list[tuple[int, int, int]] = []
        for piece, note in self.parts:
            if note is not None:
                spans.append((len(text), len(text) + len(piece), note))
            text += piece
        return text.rstrip("\n"), spans


_GRAM = 8  # as the copying check: a shared 8-character run is what makes passages read alike
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def _grams(text: str) -> frozenset[str]:
    norm = re.sub(r"\s+", "", _YEAR.sub("YYYY", text))
    return frozenset(norm[i : i + _GRAM] for i in range(len(norm) - _GRAM + 1))


def join_clauses(*parts: str | None) -> str:
    """Clauses joined by "，" into one sentence ending in "。" (empty when there are none)."""
    kept = [c for c in parts if c]
    return "，".join(kept) + "。" if kept else ""


# ---------------------------------------------------------------------------------------------------
class DraftContext:
    """The request digested once for every section writer, with the template and figure look-ups."""

    def __init__(
        self, req: DraftRequest, dropped: frozenset[int], date: dt.date | None, templates: Templates, turn: int = 0
    ) -> None:
        self.req = req
        self.turn = turn  # shifts every variant: the way out when a draft reads like last year's
        self.t = templates
        self.fig: Figures = req.figures
        self.digest = digest_last_year(req.last) if req.last is not None else None
        self.unit = _unit(req, self.digest)
        self.date = date
        self.avoid: frozenset[str] = frozenset()
        if req.last is not None:
            self.avoid = frozenset().union(*(_grams(req.last.text_of(n)) for n in (1, 5)))
        self.notes = [n for n in notes_as_facts(req.notes, req.year) if n.index not in dropped]
        profile = req.profile
        self.column = (
            (profile.website_name if profile else None)
            or (self.digest.column if self.digest else None)
            or self.w("preamble.generic_place", unit=req.unit)
        )
        self.url = (profile.website_url if profile else None) or (self.digest.website if self.digest else None)

    def w(self, name: str, k: int = 0, /, **values: object) -> str:
        """Render a template; the variant turns with the year so next year's draft reads differently."""
        options = self.t.render_all(name, (self.req.unit,), self.req.year + self.turn + k, **values)
        if not self.avoid or len(options) == 1:
            return options[0]
        # With last year's report at hand, take the variant that shares least wording with it (first in
        # turn on a tie), so a unit whose last report was also drafted here does not repeat itself.
        return min(options, key=lambda text: len(_grams(text) & self.avoid))

    def v(self, table: str, row: str, column: str = "total") -> int | float | None:
        """One cell of the figures."""
        return self.fig.value(table, row, column)

    def group_sum(self, rows: Iterable[str], column: str = "total") -> int | float | None:
        """The sum of 表三 rows, None when one is missing."""
        return self._sum("table3", rows, column)

    def appeal(self, rows: tuple[str, ...], column: str) -> int | float | None:
        """The sum of 表四 rows in one column, None when one is missing."""
        return self._sum("table4", rows, column)

    def _sum(self, table: str, rows: Iterable[str], column: str) -> int | float | None:
        values = [self.v(table, r, column) for r in rows]
        return None if any(x is None for x in values) else sum(x for x in values if x is not None)

    def bucket(self, *names: str) -> list[Note]:
        """The staff notes sorted into these report places."""
        return [n for n in self.notes if n.bucket in names]

    def focus(self) -> str:
        """What a unit of this kind usually publishes about."""
        return self.w(f"phrases.focus_{self.unit.kind}")
