"""``nianbao check FOLDER --summary OUT``: the batch's summary for published reports, one row a report."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

from batchkit import FIXTURES, NIANBAO

REPORTS = ("qingshiling-2024.txt", "songhe-2024.md", "baiyun-2024.md", "yunxiu-edu-2024.txt")


def _nianbao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(NIANBAO), *args], capture_output=True, text=True, timeout=300)


def _codes(flags: list[dict[str, str]], severity: str) -> str:
    counts: dict[str, int] = {}
    for flag in flags:
        if flag["severity"] == severity:
            counts[flag["code"]] = counts.get(flag["code"], 0) + 1
    return "、".join(f"{code}×{n}" for code, n in sorted(counts.items()))


def test_summary_of_published_reports_has_their_flags_links_and_a_copied_table(tmp_path: Path) -> None:
    folder = tmp_path / "已发布"
    folder.mkdir()
    for name in REPORTS:
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / REPORTS[0], folder / "青石岭镇-转载.txt")  # the same table twice: a copy
    (folder / "坏.txt").write_text("这不是报告", encoding="utf-8")
    out = tmp_path / "汇总"

    checked = _nianbao("check", str(folder), "--format", "json")
    proc = _nianbao("check", str(folder), "--format", "json", "--summary", str(out))
    assert proc.returncode == checked.returncode == 2  # the unreadable file, as without --summary
    assert proc.stdout == checked.stdout  # --summary adds files, never changes what check says
    results = {Path(r["report"]["file"]).name: r for r in json.loads(proc.stdout)}

    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == len(REPORTS) + 2
    by_file = {Path(r["文件"]).name if r["文件"] else "坏.txt": r for r in rows}
    assert by_file["坏.txt"]["状态"] == "无法读取" and by_file["坏.txt"]["说明"]
    for name, result in results.items():
        row = by_file[name]
        assert row["状态"] == "已核对"
        assert row["错误代码"] == _codes(result["flags"], "error")
        assert row["警告代码"] == _codes(result["flags"], "warning")
        assert int(row["错误"]) + int(row["警告"]) == len(result["flags"])
        assert (out / row["文件"]).resolve() == (folder / name).resolve()  # the link opens the report
    # two reports of one unit are told apart by their file; each names the other as its copy
    copies = [r for r in rows if r["单位"].startswith("青石岭镇（")]
    assert len(copies) == 2 and all("逐格相同" in r["离群提示"] for r in copies), copies

    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "年报核对汇总" in page and "已核对 5" in page and "无法读取 1" in page
    assert "<script" not in page
    assert all(unquote(r["文件"]) in unquote(page) for r in rows if r["文件"])


def test_one_report_gets_a_summary_beside_its_text_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _nianbao("check", str(FIXTURES / "qingshiling-2024.txt"), "--summary", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    assert f"汇总：{out / 'summary.html'}" in proc.stderr
    assert proc.stdout  # the text output is still there
    assert {p.name for p in out.iterdir()} == {"summary.csv", "summary.html"}
