"""What a draft is made from: this year's figures, who and when, last year's report, staff notes; one builder."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.drafting.lastyear import digest_last_year
from assistant.model import Figures, Report, UnitLevel


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


def build_request(
    figures: Figures,
    *,
    year: int,
    unit: str,
    last: Report | None,
    notes: str = "",
    full_name: str | None = None,
    level: str | None = None,
) -> DraftRequest:
    """The draft request the CLI and the app both make: names and level fall back to last year's report."""
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
    )
