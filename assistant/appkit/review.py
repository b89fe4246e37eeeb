"""Review decisions joined to flags: which flag a decision is about, what is open, what is settled."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.model import Flag, flag_key
from assistant.store import Decision

DECISION_CN = {"accept": "需修改", "dismiss": "忽略", "open": "待处理"}
SEVERITY_ORDER = ("error", "warning")


@dataclass(frozen=True)
class Item:
    flag: Flag
    id: str
    decision: Decision | None

    @property
    def settled(self) -> bool:
        return self.decision is not None and self.decision.decision in ("accept", "dismiss")

    @property
    def open(self) -> bool:
        """Still to be put to the clerk: undecided, reopened, or accepted as needing a change."""
        return self.decision is None or self.decision.decision in ("accept", "open")


def items(flags: Iterable[Flag], decisions: Mapping[str, Decision]) -> list[Item]:
    """Each flag with its decision. Two identical flags share one id; the list keeps both (rare, harmless)."""
    return [Item(f, flag_key(f), decisions.get(flag_key(f))) for f in flags]


def by_severity(entries: Iterable[Item]) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {s: [] for s in SEVERITY_ORDER}
    for e in entries:
        out.setdefault(e.flag.severity, []).append(e)
    return out


def flags_for_comments(entries: Iterable[Item]) -> list[Flag]:
    """The flags a clerk should see as Word comments: all but the dismissed; the reviewer's words appended."""
    out: list[Flag] = []
    for e in entries:
        if e.decision is not None and e.decision.decision == "dismiss":
            continue
        flag = e.flag
        if e.decision is not None and e.decision.decision == "accept" and e.decision.comment.strip():
            flag = flag.model_copy(update={"message": f"{flag.message}（审核意见：{e.decision.comment.strip()}）"})
        out.append(flag)
    return out
