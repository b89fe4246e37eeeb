"""A check result is written by orjson: byte for byte what ``json.dumps(..., ensure_ascii=False, indent=2)`` gives."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assistant.cli import _result_text

ODD = "".join(chr(i) for i in range(0x30)) + '"\\\x7f\u2028\u2029\ufeff表三／—😀'


@pytest.mark.parametrize(
    "data",
    [
        {"report": {"file": ODD, "meta": {"year": 2024, "unit": None}, "tables": {"table2": True}}, "flags": []},
        {"flags": [{"span": [0, 12], "cell": None, "evidence": ODD}], "notices": [], "x": {}},
        {"big": 10**30},  # beyond orjson's 64-bit integers: the stdlib writes it
    ],
)
def test_result_text_is_json_dumps(data: dict[str, Any]) -> None:
    assert _result_text(data) == json.dumps(data, ensure_ascii=False, indent=2)
