"""Whatever a user can fix is said in one Chinese line with exit status 2, never as 内部错误 (an internal error)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli import EXIT_INPUT, main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIGURES = str(FIXTURES / "qingshiling-2024.txt")


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "内部错误" not in err and "Traceback" not in err
    return err


def test_a_year_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(["draft", "--figures", FIGURES, "--year", "1999", "--out", str(tmp_path / "d.md")], capsys)
    assert "输入的值不合要求：year" in err


def test_an_output_that_cannot_be_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "d.md").mkdir()  # a folder where the draft should go: the rename into place fails
    err = _fails(["draft", "--offline", "--figures", FIGURES, "--out", str(tmp_path / "d.md")], capsys)
    assert "无法写入输出文件" in err and "d.md" in err
    assert [p.name for p in tmp_path.iterdir()] == ["d.md"]  # no temporary file left behind


def test_a_prompts_folder_without_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NIANBAO_PROMPTS", str(tmp_path))
    err = _fails(["draft", "--offline", "--figures", FIGURES, "--out", str(tmp_path / "d.md")], capsys)
    assert "没有模板文件" in err and str(tmp_path) in err


def test_a_bad_model_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NIANBAO_TIMEOUT", "soon")
    err = _fails(["draft", "--figures", FIGURES, "--out", str(tmp_path / "d.md")], capsys)
    assert "NIANBAO_TIMEOUT 应为秒数" in err
    assert main(["check", FIGURES]) == 1  # checking needs no model: the bad setting does not stop it
