"""What a finished draft leaves on disk: the ``flags.json`` beside it (shared by ``draft`` and ``batch``)."""

from __future__ import annotations

import json
from dataclasses import asdict

from assistant.drafting.pipeline import DraftResult


def flags_json(result: DraftResult, report: str) -> bytes:
    """The draft's flags, corrections and what drafting did, as the ``flags.json`` beside ``report``."""
    data = {
        "report": report,
        "flags": [f.model_dump(mode="json") for f in result.flags],
        "corrections": [asdict(c) for c in result.corrections],
        "scrubbed_personal_numbers": result.scrubbed,
        "fallbacks": result.fallbacks,
        "ungrounded": [asdict(r) for r in result.ungrounded],
        "sections": [asdict(st) for st in result.sections],
        "unused_notes": result.unused_notes,
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
