"""What a draft is made from: this year's figures, who and when, last year's report, staff notes; one builder."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from assistant.drafting.lastyear import digest_last_year
from assistant.model import Figures, Report, UnitLevel
from assistant.profile import UnitProfile


class DraftRequest(BaseModel):
    """Everything one draft is made from; built by :func:`build_request`, validated on construction."""

    model_config = ConfigDict(extra="forbid")

    figures: Figures
    year: int = Field(ge=2021, le=2100)
    unit: str = Field(min_length=1)  # short name as the unit calls itself: 青石岭镇
    full_name: str | None = None  # as in the contact line: 云岫县青石岭镇人民政府
    level: UnitLevel | None = None
    last: Report | None = None  # last year's report as read (its 五, contact line, house style)
    notes: str = ""  # staff notes: untrusted free text, data only
    profile: UnitProfile | None = None  # the unit's own address, phone and place: first before last year's
    date: dt.date | None = None  # the 落款 date (the day of publication); None: no 落款 is written


def build_request(
    figures: Figures,
    *,
    year: int,
    unit: str,
    last: Report | None,
    notes: str = "",
    full_name: str | None = None,
    level: str | None = None,
    profile: UnitProfile | None = None,
    date: dt.date | None = None,
) -> DraftRequest:
    """The draft request the CLI and the app both make: the profile first, then last year's report.

    ``date`` is the 落款 date; by default the day of drafting (a report is dated when it is published).
    """
    if profile is not None:  # what the clerk entered for the unit outranks any name found elsewhere
        full_name = profile.full_name
    if not full_name and last is not None:
        full_name = digest_last_year(last).full_name
    return DraftRequest(
        figures=figures,
        year=year,
        unit=unit,
        full_name=full_name,
        level=level or (last.meta.level if last else None),
        last=last,
        notes=notes,
        profile=profile,
        date=date or dt.date.today(),
    )


def with_profile(req: DraftRequest, profile: UnitProfile | None) -> DraftRequest:
    """``req`` drafted with the unit's saved profile (its full name first); unchanged when there is none."""
    if profile is None:
        return req
    return req.model_copy(update={"profile": profile, "full_name": profile.full_name})
