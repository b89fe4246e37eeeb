"""The command line as a user meets it: exit codes, one-line errors, text and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant.cli import main

NIANBAO = Path(sys.executable).parent / "nianbao"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(NIANBAO), *args], capture_output=True, text=True, timeout=120)


def assert_one_line_error(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("nianbao: ")


def test_seed_text_output_names_its_real_defects(seed_path: Path) -> None:
    proc = run("check", str(seed_path))
    assert proc.returncode == 0, proc.stderr  # only warnings: exit 0
    out = proc.stdout
    for code in ("S-NUMBERING", "C-FEES-MISSING", "S-TITLE"):
        assert code in out
    assert "白石山镇" in out and "2024" in out
    assert "【六、其他需要报告的事项】" in out
    assert out.rstrip().endswith("个警告。")


def test_seed_json_output_follows_the_contract(seed_path: Path) -> None:
    proc = run("check", str(seed_path), "--format", "json")
    data = json.loads(proc.stdout)
    assert set(data) == {"report", "flags"}
    assert data["report"]["meta"]["unit"] == "白石山镇"
    assert data["report"]["meta"]["year"] == 2024
    for flag in data["flags"]:
        assert set(flag) == {"code", "severity", "message", "section", "span", "cell", "cell_ref", "evidence"}
    codes = {f["code"] for f in data["flags"]}
    assert codes == {"S-NUMBERING", "C-FEES-MISSING", "S-TITLE"}


def test_error_flags_exit_one(tmp_path: Path, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    bad = tmp_path / "bad.txt"
    # The narrative now claims two applications over a table of zeros.
    bad.write_text(text.replace("我镇未接到公开信息的申请", "我镇共收到政府信息公开申请2件"), encoding="utf-8")
    proc = run("check", str(bad), "--format", "json")
    assert proc.returncode == 1
    flags = json.loads(proc.stdout)["flags"]
    mismatch = [f for f in flags if f["code"] == "N-MISMATCH"]
    assert mismatch and mismatch[0]["cell"].startswith("表三/一、本年新收")
    # Beside the path people read, the keys programs use (they survive a reworded label).
    assert mismatch[0]["cell_ref"] == {"table": "table3", "row": "received", "column": "total"}
    assert mismatch[0]["section"] == 1


def test_folder_gives_a_list_and_bad_file_exits_two(tmp_path: Path, seed_path: Path) -> None:
    (tmp_path / "a.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    proc = run("check", str(tmp_path), "--format", "json")
    assert proc.returncode == 2
    results = json.loads(proc.stdout)
    assert isinstance(results, list) and len(results) == 1
    assert "b.txt" in proc.stderr and "Traceback" not in proc.stderr


def test_folder_takes_reports_not_figures(tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A figures file lying beside the reports (expected.json in fixtures/) is no report to check.
    (tmp_path / "a.text").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "expected.json").write_text("{}", encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json"]) != 2  # the .json was not read, so no input error
    (result,) = json.loads(capsys.readouterr().out)
    assert result["report"]["file"].endswith("a.text")


@pytest.mark.parametrize(
    "name,content",
    [
        ("empty.txt", b""),
        ("random.txt", bytes(range(256)) * 64),
        ("random.docx", bytes(range(256)) * 64),
        ("notes.pdf", b"%PDF-1.4"),
    ],
)
def test_unusable_input_is_one_line_and_exit_two(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_line_error(run("check", str(path)))


def test_missing_file_and_missing_last_year(tmp_path: Path, seed_path: Path) -> None:
    assert_one_line_error(run("check", str(tmp_path / "nope.docx")))
    assert_one_line_error(run("check", str(seed_path), "--last-year", str(tmp_path / "nope.txt")))
    assert_one_line_error(run("extract", str(tmp_path / "nope.docx")))


def test_corrupt_and_bomb_docx(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.docx"
    with zipfile.ZipFile(corrupt, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    assert_one_line_error(run("check", str(corrupt)))
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert_one_line_error(run("check", str(bomb)))


def test_huge_text_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(("政府信息公开" * 10).encode() * 175_000)  # ~31 MB
    assert_one_line_error(run("check", str(big)))


def test_utf16_and_worded_cells_check_normally(tmp_path: Path, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text.encode("utf-16"))  # with BOM
    proc = run("check", str(utf16), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert {f["code"] for f in json.loads(proc.stdout)["flags"]} == {
        "S-NUMBERING",
        "C-FEES-MISSING",
        "S-TITLE",
    }
    worded = tmp_path / "worded.txt"
    worded.write_text(text.replace("行政处罚\n\t3", "行政处罚\n\t三件"), encoding="utf-8")
    proc = run("check", str(worded), "--format", "json")
    assert proc.returncode == 1
    flags = json.loads(proc.stdout)["flags"]
    assert any(f["code"] == "T-VALUE" and "行政处罚" in (f["cell"] or "") for f in flags)


def test_extract_prints_figures_in_the_schema(seed_path: Path) -> None:
    proc = run("extract", str(seed_path))
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert figures["table2"]["penalty"]["decisions"]["value"] == 3
    assert figures["table2"]["penalty"]["decisions"]["source"]["table"] == "表二"
    assert figures["table3"]["received"]["total"]["kind"] == "number"
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "Figures"
    from assistant.model import Figures

    # What extract prints validates against the model the schema describes.
    Figures.model_validate(figures)


def test_in_process_main_returns_status(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(seed_path)]) == 0
    assert "S-TITLE" in capsys.readouterr().out
