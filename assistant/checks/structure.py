"""Placeholder until this family is written."""

from __future__ import annotations

from assistant.model import Flag, Report


def run(report: Report, last: Report | None) -> list[Flag]:
    return []
