"""``nianbao batch``: every unit drafted into OUT, one unit's failure recorded, a summary for the reviewer."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from batchkit import make_units, run_batch, unit_name
from fake_openai import FakeOpenAI

from assistant.batch.jobs import FAILED, JobStore


def _summary(out: Path) -> dict[str, dict[str, str]]:
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel and WPS read it as UTF-8
    return {row["单位"]: row for row in csv.DictReader(raw.decode("utf-8-sig").splitlines())}


def test_offline_batch_drafts_every_unit_and_records_a_bad_one(tmp_path: Path) -> None:
    units = make_units(tmp_path, 4)
    (units / "坏<b>单位").mkdir()
    (units / "坏<b>单位" / "figures.txt").write_text("这不是报告", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_batch(None, str(units), "--out", str(out), "--offline")
    assert proc.returncode == 2, proc.stderr  # a unit failed: said in the status, the others still drafted
    rows = _summary(out)
    assert rows["坏<b>单位"]["状态"] == "失败" and rows["坏<b>单位"]["说明"]
    for i in range(4):
        folder = out / unit_name(i)
        assert {p.name for p in folder.iterdir()} == {"draft.docx", "draft.md", "flags.json"}
        assert rows[unit_name(i)]["状态"] == "已完成"
        assert rows[unit_name(i)]["文件"] == f"{unit_name(i)}/draft.docx"
        assert json.loads((folder / "flags.json").read_text(encoding="utf-8"))["report"] == "draft.docx"
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "坏&lt;b&gt;单位" in page and "<b>" not in page and "<script" not in page
    assert f'href="{unit_name(0)}' not in page  # Chinese in links is percent-encoded
    assert "%E9%9D%92" in page or "%E6" in page
    assert "[5/5]" in proc.stderr  # plain progress lines when stderr is no terminal


def test_a_rerun_skips_finished_units(tmp_path: Path) -> None:
    units = make_units(tmp_path, 2)
    out = tmp_path / "out"
    first = run_batch(None, str(units), "--out", str(out), "--offline")
    assert first.returncode in (0, 1)
    assert "跳过" not in first.stderr
    before = (out / unit_name(0) / "draft.docx").stat().st_mtime_ns
    again = run_batch(None, str(units), "--out", str(out), "--offline")
    assert "[1/" not in again.stderr  # nothing left to draft
    assert "跳过 2 个上次已完成的单位" in again.stderr
    assert "已完成 2（其中 2 个上次已完成，本次跳过）" in again.stderr
    assert "（其中 2 个上次已完成，本次跳过）" in (out / "summary.html").read_text(encoding="utf-8")
    assert (out / unit_name(0) / "draft.docx").stat().st_mtime_ns == before
    assert set(_summary(out)) == {unit_name(0), unit_name(1)}


def test_a_rerun_counts_only_the_units_left_in_its_progress(tmp_path: Path) -> None:
    units = make_units(tmp_path, 3)
    out = tmp_path / "out"
    assert run_batch(None, str(units), "--out", str(out), "--offline").returncode in (0, 1)
    shutil.rmtree(out / unit_name(1))
    store = JobStore(out)
    store.record(unit_name(1), FAILED, {"message": "上次失败"})  # as a run that failed this unit leaves it
    store.close()
    again = run_batch(None, str(units), "--out", str(out), "--offline")
    assert "跳过 2 个上次已完成的单位" in again.stderr
    assert f"[1/1] {unit_name(1)}：已完成" in again.stderr  # the bar counts what is left, and reaches its end
    assert "已完成 3（其中 2 个上次已完成，本次跳过）" in again.stderr
    assert "（其中 2 个上次已完成，本次跳过）" in (out / "summary.html").read_text(encoding="utf-8")
    assert (out / unit_name(1) / "draft.md").is_file()


def test_model_batch_counts_calls_and_tokens_per_unit(tmp_path: Path) -> None:
    units = make_units(tmp_path, 3)
    out = tmp_path / "out"
    with FakeOpenAI(behaviour="good") as server:
        proc = run_batch(server, str(units), "--out", str(out), "--concurrency", "3")
        asked = len(server.chat_requests)
    assert proc.returncode in (0, 1), proc.stderr
    rows = _summary(out)
    assert sum(int(r["模型调用"]) for r in rows.values()) == asked
    assert all(int(r["提示tokens"]) > 0 and int(r["生成tokens"]) > 0 for r in rows.values())
