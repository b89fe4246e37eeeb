"""The offline draft's preamble: basis, parts, period, where the report is published, and the contact."""

from __future__ import annotations

from assistant.drafting.offline_context import DraftContext, DraftText


def preamble(ctx: DraftContext) -> DraftText:
    """The text before 一、 (the title is the report's meta, not part of this text)."""
    out = DraftText()
    year = ctx.req.year
    out.add(ctx.w("preamble.basis", full_name=ctx.unit.full_name, year=year))
    out.add(ctx.w("preamble.parts"))
    out.add(ctx.w("preamble.period", year=year))
    url = ctx.digest.website if ctx.digest else None
    if url:
        out.add(ctx.w("preamble.place_url", place=ctx.column, url=url))
    else:
        out.add(ctx.w("preamble.place", place=ctx.column))
    out.add(_contact(ctx))
    return out


def _contact(ctx: DraftContext) -> str:
    contact = ctx.digest.contact if ctx.digest else None
    if contact is None or not (contact.address or contact.phone):
        return ctx.w("preamble.contact_blank", unit=ctx.unit.full_name)
    details = [
        ctx.w("preamble.contact_address", address=contact.address) if contact.address else "",
        ctx.w("preamble.contact_postcode", postcode=contact.postcode) if contact.postcode else "",
        ctx.w("preamble.contact_phone", phone=contact.phone) if contact.phone else "",
    ]
    office = contact.office or ctx.unit.full_name
    return ctx.w("preamble.contact", office=office, details="；".join(d for d in details if d))
