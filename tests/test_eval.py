"""``nianbao eval``: three fake models (good, vague, hostile) drafting the fixtures' units score apart.

Run as a clerk's IT colleague would, through the command line against the fake OpenAI-compatible server; the
JSON output is what they would keep to compare models and prompt versions.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI
from test_draft_model import NIANBAO, SECRET, run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MANIFEST = FIXTURES / "eval.toml"


def _eval(behaviour: str, *extra: str) -> tuple[dict[str, Any], subprocess.CompletedProcess[str]]:
    with FakeOpenAI(behaviour=behaviour) as server:
        proc = run_cli(server, "eval", "--units", str(MANIFEST), "--format", "json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), proc


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, Any]]:
    return {b: _eval(b)[0] for b in ("good", "vague", "hostile")}


def test_the_three_models_score_clearly_apart(scores: dict[str, dict[str, Any]]) -> None:
    good, vague, hostile = (scores[b]["total"] for b in ("good", "vague", "hostile"))
    assert good["score"] >= 90 and good["template_fallbacks"] == 0
    assert vague["score"] <= good["score"] - 30  # it fell back nearly everywhere
    assert vague["template_fallbacks"] + vague["merged"] >= vague["sections"] // 2
    assert hostile["score"] <= good["score"] - 15
    assert hostile["corrections"] + hostile["ungrounded"] > 0 and hostile["scrubbed"] > 0
    assert good["corrections"] == good["ungrounded"] == good["scrubbed"] == 0
    assert good["placeholders"] > 0


def test_every_unit_and_section_is_reported_with_its_cost(scores: dict[str, dict[str, Any]]) -> None:
    run = scores["good"]
    assert [u["unit"] for u in run["units"]] == ["青石岭镇", "云岫县教育局", "松禾街道", "白云乡"]
    assert set(run["sections"]) == {"引言", "一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}
    total = run["total"]
    assert total["calls"] >= 16 and total["prompt_tokens"] > 0 and total["completion_tokens"] > 0
    assert run["model"] == "fake-model" and len(run["prompts_version"]) == 12
    assert SECRET not in json.dumps(run)


def test_each_vague_fallback_is_named(scores: dict[str, dict[str, Any]]) -> None:
    fallbacks = [s["fallback"] for u in scores["vague"]["units"] for s in u["sections"] if s["fallback"]]
    assert fallbacks and all("模板稿" in line for line in fallbacks)
    assert any("缺少" in line for line in fallbacks)


def test_the_text_table_names_sections_and_scores() -> None:
    with FakeOpenAI(behaviour="good") as server:
        proc = run_cli(server, "eval", "--units", str(MANIFEST))
    assert proc.returncode == 0, proc.stderr
    assert "评分" in proc.stdout and "合计" in proc.stdout and "一、总体情况" in proc.stdout
    assert "- 青石岭镇：评分" in proc.stdout


def test_a_unit_folder_works_as_a_manifest(tmp_path: Path) -> None:
    unit = tmp_path / "units" / "白云乡"
    unit.mkdir(parents=True)
    (unit / "figures.md").write_text((FIXTURES / "baiyun-2024.md").read_text(encoding="utf-8"), encoding="utf-8")
    run, _ = _eval("good", "--units", str(tmp_path / "units"))
    assert [u["unit"] for u in run["units"]] == ["白云乡"]


def test_without_a_model_or_with_a_bad_manifest_eval_stops_with_one_line(tmp_path: Path) -> None:
    proc = subprocess.run([str(NIANBAO), "eval", "--units", str(MANIFEST)], capture_output=True, text=True)
    assert proc.returncode == 2 and "需要模型" in proc.stderr and "Traceback" not in proc.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("[[unit]]\nname = 3\n", encoding="utf-8")
    with FakeOpenAI(behaviour="good") as server:
        proc = run_cli(server, "eval", "--units", str(bad))
    assert proc.returncode == 2 and "单位清单格式不对" in proc.stderr and "Traceback" not in proc.stderr
