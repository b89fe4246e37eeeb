"""``--export-requests`` / ``--import-results``: a requests file answered elsewhere completes every unit.

The answers are the fake server's, fetched over HTTP for each exported body exactly as a Batch API endpoint
would run them, and wrapped in the Batch API's output line format.
"""

from __future__ import annotations

import csv
import json
import urllib.request
from pathlib import Path
from typing import Any

from batchkit import make_units, run_batch, unit_name
from fake_models import is_repair, user_prompt
from fake_openai import FakeOpenAI

UNITS = 3


def _requests(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _completion(server: FakeOpenAI, body: dict[str, Any]) -> dict[str, Any]:
    """The server's chat.completion for one request body (the body as the requests file carries it)."""
    req = urllib.request.Request(
        f"{server.base_url}/chat/completions",
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as reply:
        return dict(json.load(reply))


def _answer_all(server: FakeOpenAI, requests: Path, results: Path) -> None:
    """Write the Batch API output file answering every line of ``requests`` (in reverse order: joined by id)."""
    lines = []
    for n, line in enumerate(reversed(_requests(requests))):
        body = _completion(server, line["body"])
        response = {"status_code": 200, "request_id": f"req-{n}", "body": body}
        lines.append({"id": f"batch_req_{n}", "custom_id": line["custom_id"], "response": response, "error": None})
    results.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")


def _states(out: Path) -> dict[str, str]:
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    return {row["单位"]: row["状态"] for row in csv.DictReader(text.splitlines())}


def test_exported_requests_answered_in_the_batch_output_format_complete_every_unit(tmp_path: Path) -> None:
    units, out = make_units(tmp_path, UNITS), tmp_path / "out"
    first, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    # No server to call: the batch only writes what it would ask.
    exported = run_batch(None, str(units), "--out", str(out), "--model", "m", "--export-requests", str(first))
    assert exported.returncode == 0, exported.stderr
    lines = _requests(first)
    assert lines and {tuple(sorted(x)) for x in lines} == {("body", "custom_id", "method", "url")}
    assert {x["method"] for x in lines} == {"POST"} and {x["url"] for x in lines} == {"/v1/chat/completions"}
    assert len({x["custom_id"] for x in lines}) == len(lines)
    assert all(x["body"]["model"] == "m" and x["body"]["messages"] for x in lines)
    assert set(_states(out).values()) == {"待导入结果"}

    with FakeOpenAI(behaviour="good") as server:
        _answer_all(server, first, results)
        asked = len(server.chat_requests)
    again = run_batch(None, str(units), "--out", str(out), "--model", "m", "--import-results", str(results))
    assert again.returncode < 2, again.stderr
    assert f"已导入 {asked} 条模型回答（0 行无法使用）" in again.stderr
    assert _states(out) == {unit_name(i): "已完成" for i in range(UNITS)}
    for i in range(UNITS):
        flags = json.loads((out / unit_name(i) / "flags.json").read_text(encoding="utf-8"))
        assert flags["fallbacks"] == []  # every section is the model's answer, none the template's


def test_the_repair_round_goes_out_as_a_second_requests_file(tmp_path: Path) -> None:
    units, out = make_units(tmp_path, 1), tmp_path / "out"
    first, second = tmp_path / "requests.jsonl", tmp_path / "requests-2.jsonl"
    model = ("--model", "m")
    assert run_batch(None, str(units), "--out", str(out), *model, "--export-requests", str(first)).returncode == 0
    with FakeOpenAI(behaviour="vague") as server:  # sections lacking what they must hold: sent back
        _answer_all(server, first, tmp_path / "results.jsonl")
    proc = run_batch(
        None, str(units), "--out", str(out), *model, "--import-results", str(tmp_path / "results.jsonl"),
        "--export-requests", str(second),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    repairs = _requests(second)
    assert repairs and all(is_repair(user_prompt(x["body"])) for x in repairs)
    assert not {x["custom_id"] for x in repairs} & {x["custom_id"] for x in _requests(first)}
    assert _states(out) == {unit_name(0): "待导入结果"}

    with FakeOpenAI(behaviour="good") as server:
        _answer_all(server, second, tmp_path / "results-2.jsonl")
    done = run_batch(None, str(units), "--out", str(out), *model, "--import-results", str(tmp_path / "results-2.jsonl"))
    assert done.returncode < 2, done.stderr
    assert _states(out) == {unit_name(0): "已完成"}
    assert (out / unit_name(0) / "draft.md").is_file()


def test_unusable_result_lines_are_reported_by_line_and_the_rest_imported(tmp_path: Path) -> None:
    units, out = make_units(tmp_path, 1), tmp_path / "out"
    first, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    assert (
        run_batch(None, str(units), "--out", str(out), "--model", "m", "--export-requests", str(first)).returncode == 0
    )
    with FakeOpenAI(behaviour="good") as server:
        _answer_all(server, first, results)
    good = results.read_text(encoding="utf-8").splitlines()
    failed = {"id": "b", "custom_id": "x1", "response": None, "error": {"code": "server_error", "message": "超时"}}
    refused = {"id": "c", "custom_id": "x2", "response": {"status_code": 429, "body": {}}, "error": None}
    bad = ["{不是 JSON", json.dumps(failed, ensure_ascii=False), json.dumps(refused), json.dumps({"id": "d"})]
    results.write_text("\n".join([good[0], *bad, *good[1:]]) + "\n", encoding="utf-8")
    proc = run_batch(None, str(units), "--out", str(out), "--model", "m", "--import-results", str(results))
    assert proc.returncode < 2, proc.stderr
    assert f"已导入 {len(good)} 条模型回答（4 行无法使用）" in proc.stderr
    for number, said in ((2, ""), (3, "x1 出错：超时"), (4, "x2 的回答状态为 HTTP 429"), (5, "缺少 custom_id")):
        assert f"结果文件 results.jsonl 第 {number} 行：{said}" in proc.stderr
    assert _states(out) == {unit_name(0): "已完成"}
