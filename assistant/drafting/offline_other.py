"""The offline draft's 六、其他需要报告的事项: fees, proposals, key points, innovation, and the signature."""

from __future__ import annotations

from assistant.drafting.offline_context import DraftContext, DraftText
from assistant.drafting.signoff import signature_text
from assistant.numfmt import plain_number as num


def other(ctx: DraftContext) -> DraftText:
    """六: fees, proposals, key points, innovation, other matters, and the signature when dated."""
    out = DraftText()
    unpaid = ctx.v("table3", "other_unpaid_fee")
    if unpaid:
        out.add(ctx.w("other.fees_notices", n=num(unpaid)))
        out.notes(ctx.bucket("fees"))
    else:
        _notes_or(ctx, out, "fees", ctx.w("other.fees_none"))
    _notes_or(ctx, out, "proposals", ctx.w("other.proposals_none"))
    _notes_or(ctx, out, "key_points", ctx.w("other.key_points", subject=ctx.unit.subject, focus=ctx.focus()))
    innovation = ctx.bucket("innovation")
    ordinal = "四"
    if innovation:
        out.line(ctx.w("other.innovation_notes", text=""))
        out.notes(innovation)
        ordinal = "五"
    out.line(ctx.w("other.other_none", ordinal=ordinal))
    if ctx.date is not None:
        out.line()
        out.line(signature_text(ctx.t, ctx.req.unit, ctx.unit.full_name, ctx.date))
    return out


def _notes_or(ctx: DraftContext, out: DraftText, bucket: str, fallback: str) -> None:
    """The staff notes of ``bucket`` under their lead-in on a new line, else ``fallback``."""
    notes = ctx.bucket(bucket)
    if notes:
        out.line(ctx.w(f"other.{bucket}_notes", text=""))
        out.notes(notes)
    else:
        out.line(fallback)
