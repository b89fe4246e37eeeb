"""The offline draft's preamble: basis, parts, period, where the report is published, and the contact."""

from __future__ import annotations

from assistant.drafting.lastyear import Contact
from assistant.drafting.offline_context import DraftContext, DraftText


def preamble(ctx: DraftContext) -> DraftText:
    """The text before 一、 (the title is the report's meta, not part of this text)."""
    out = DraftText()
    year = ctx.req.year
    out.add(ctx.w("preamble.basis", full_name=ctx.unit.full_name, year=year))
    out.add(ctx.w("preamble.parts"))
    out.add(ctx.w("preamble.period", year=year))
    if ctx.url:
        out.add(ctx.w("preamble.place_url", place=ctx.column, url=ctx.url))
    else:
        out.add(ctx.w("preamble.place", place=ctx.column))
    out.add(_contact(ctx))
    return out


def _known_contact(ctx: DraftContext) -> Contact | None:
    """The unit profile's contact details, else last year's contact line's."""
    profile = ctx.req.profile
    if profile is not None:
        office = profile.office
        if office and profile.full_name not in office:  # 党政办公室 alone does not say whose office it is
            office = profile.full_name + office
        return Contact(office=office, address=profile.address, postcode=profile.postcode, phone=profile.phone)
    return ctx.digest.contact if ctx.digest else None


def _contact(ctx: DraftContext) -> str:
    contact = _known_contact(ctx)
    if contact is None or not (contact.address or contact.phone):
        return ctx.w("preamble.contact_blank", unit=ctx.unit.full_name)
    details = [
        ctx.w("preamble.contact_address", address=contact.address) if contact.address else "",
        ctx.w("preamble.contact_postcode", postcode=contact.postcode) if contact.postcode else "",
        ctx.w("preamble.contact_phone", phone=contact.phone) if contact.phone else "",
    ]
    office = contact.office or ctx.unit.full_name
    return ctx.w("preamble.contact", office=office, details="；".join(d for d in details if d))
