"""What a draft is made from: this year's figures, who and when, last year's report, staff notes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.model import Figures, Report, UnitLevel


class DraftRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    figures: Figures
    year: int = Field(ge=2021, le=2100)
    unit: str = Field(min_length=1)  # short name as the unit calls itself: 青石岭镇
    full_name: str | None = None  # as in the contact line: 云岫县青石岭镇人民政府
    level: UnitLevel | None = None
    last: Report | None = None  # last year's report as read (its 五, contact line, house style)
    notes: str = ""  # staff notes: untrusted free text, data only
