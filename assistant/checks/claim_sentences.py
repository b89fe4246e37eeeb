"""Claims that join figures across one sentence: a rate and its count, channels and the applications."""

from __future__ import annotations

from assistant.checks import claim_patterns as cp
from assistant.checks.claim_reading import Reading, resolve
from assistant.checks.numerals import Token

_RECEIVED_NAMES = ("收到申请", "受理申请", "依申请公开（数量）", "办理申请")


def read_channels(r: Reading, tokens: list[Token]) -> None:
    """ "收到申请5件，其中网上申请3件、信函1件、当面1件" (§3 #19): the channels have no cell, but
    together they cannot exceed the applications the table holds (a list may leave one out)."""
    channels = r.channels
    if len(channels) < 2:
        return
    received = [
        t
        for t in tokens
        if t.start < channels[0][0].start and (c := r.by_token.get(t.start)) and c.name in _RECEIVED_NAMES
    ]
    if not received:
        return
    start, end = channels[0][1], channels[-1][0].end
    r.claims.append(
        r.claim(
            start,
            end,
            ref="§3 #19",
            name="申请渠道之和",
            alternatives=(resolve(cp.t3("received", "carried_in"), ("total",)),),
            relation="ge",  # the table must hold at least what the channels add up to
            value=sum(t.value for t, _ in channels),
            unit="件",
        )
    )


def read_rates(r: Reading, tokens: list[Token]) -> None:
    """ "予以公开3件，占60%": the rate must be the count over a plausible base (§3, format.md N-2)."""
    last_count: Token | None = None
    for tok in tokens:
        if tok.kind != "percent":
            last_count = tok
            continue
        if last_count is None or last_count.relation != "eq" or tok.relation != "eq":
            continue
        claim = r.by_token.get(last_count.start)
        if claim is None or not cp.RATE_GAP.match(r.text[last_count.end : tok.start]):
            continue
        bases = (cp.t3("handled_total"), cp.t3("received"), cp.t3("received", "carried_in"))
        r.claims.append(
            r.claim(
                claim.start,
                tok.end,
                ref="format.md N-2",
                name="比例",
                alternatives=tuple(resolve(b, ("total",)) for b in bases),
                relation="eq",
                value=tok.value,
                decimals=tok.decimals,
                kind="rate",
                unit="%",
                count=last_count.value,
            )
        )
