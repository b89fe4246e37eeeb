"""Building flags with the severity the contract (:mod:`assistant.codes`) gives their code.

Every flag is built here, so this is where quotes of report text are masked: a message or evidence
that quotes a sentence holding a personal number must not spread it (into flags.json, the CLI, a
repair prompt).
"""

from __future__ import annotations

from assistant.checks.personal import mask_personal
from assistant.codes import CODES
from assistant.model import Flag, TableRef


def make_flag(
    code: str,
    message: str,
    *,
    section: int | None = None,
    span: tuple[int, int] | None = None,
    cell: tuple[str, ...] | None = None,
    evidence: str | None = None,
) -> Flag:
    """Build a flag with the severity the contract gives its code; ``cell`` is keys: (table[, row[, column]])."""
    severity, _ = CODES[code]
    return Flag(
        code=code,
        severity=severity,
        message=mask_personal(message),
        section=section,
        span=span,
        cell_ref=None if cell is None else TableRef.of(*cell),
        evidence=None if evidence is None else mask_personal(evidence),
    )
