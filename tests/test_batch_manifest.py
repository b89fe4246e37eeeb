"""A CSV manifest of units (name, figures, last_year, notes, unit_file), as Excel or WPS saves it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from batchkit import FIXTURES, run_batch

from assistant.drafting.sources import UnitFiles, load_units
from assistant.errors import InputError

HEADER = "name,figures,last_year,notes,unit_file"


def _files(root: Path) -> Path:
    """Inputs beside the manifest, in a sub-folder with a Chinese name."""
    inputs = root / "材料"
    inputs.mkdir()
    for name in ("qingshiling-2024.txt", "qingshiling-2023.txt", "songhe-2024.md", "unit-songhe.toml"):
        shutil.copy(FIXTURES / name, inputs / name)
    (inputs / "备注.txt").write_text("本年度开展政务公开培训2次。\n", encoding="utf-8")
    return inputs


def _manifest(root: Path, text: str, encoding: str) -> Path:
    path = root / "单位清单.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_manifest_names_each_units_files_relative_to_itself(tmp_path: Path, encoding: str) -> None:
    inputs = _files(tmp_path)
    rows = [
        HEADER,
        "青石岭镇,材料/qingshiling-2024.txt,材料/qingshiling-2023.txt,材料/备注.txt,",
        "",  # a blank row (Excel leaves them) is skipped
        '"松禾街道, 城区",材料/songhe-2024.md,,,材料/unit-songhe.toml',
    ]
    units = load_units(_manifest(tmp_path, "\n".join(rows) + "\n", encoding))
    assert units == [
        UnitFiles(
            "青石岭镇",
            inputs / "qingshiling-2024.txt",
            last_year=inputs / "qingshiling-2023.txt",
            notes=inputs / "备注.txt",
        ),
        UnitFiles("松禾街道, 城区", inputs / "songhe-2024.md", unit_file=inputs / "unit-songhe.toml"),
    ]
    assert units[0].request().last is not None and "培训" in units[0].request().notes


def test_a_csv_manifest_drafts_its_units(tmp_path: Path) -> None:
    _files(tmp_path)
    rows = [HEADER, "青石岭镇,材料/qingshiling-2024.txt,,,", "松禾街道,材料/songhe-2024.md,,,材料/unit-songhe.toml"]
    manifest = _manifest(tmp_path, "\n".join(rows), "utf-8-sig")
    out = tmp_path / "out"
    proc = run_batch(None, str(manifest), "--out", str(out), "--offline", "--formats", "md")
    assert proc.returncode < 2, proc.stderr
    assert (out / "青石岭镇" / "draft.md").is_file() and (out / "松禾街道" / "draft.md").is_file()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("单位,数字\n青石岭镇,a.txt\n", "至少含 name 和 figures"),
        (f"{HEADER}\n青石岭镇,a.txt,,,\n松禾街道,,,,\n", "第 3 行缺少 name 或 figures"),
        (f"{HEADER}\n", "没有找到任何单位"),
    ],
)
def test_a_bad_csv_manifest_says_what_is_wrong(tmp_path: Path, text: str, said: str) -> None:
    with pytest.raises(InputError) as caught:
        load_units(_manifest(tmp_path, text, "utf-8"))
    assert said in caught.value.message


def _unit_folder(root: Path, name: str) -> None:
    (root / name).mkdir()
    shutil.copy(FIXTURES / "qingshiling-2024.txt", root / name / "figures.txt")


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("csv", "“青石岭镇”出现了两次：第 2 行、第 3 行"),
        ("toml", "“青石岭镇”出现了两次：第 1 个 [[unit]]（figures = a.txt）、第 2 个 [[unit]]（figures = b.txt）"),
        ("folder", "“青石岭镇:”出现了两次：文件夹“青石岭镇:”、文件夹“青石岭镇_”"),
    ],
)
def test_a_unit_named_twice_is_refused_naming_both_entries(tmp_path: Path, kind: str, said: str) -> None:
    # Two entries of one unit would write one OUT/<unit>/ folder and one job row: one would be lost unseen.
    if kind == "csv":
        path = _manifest(tmp_path, f"{HEADER}\n青石岭镇,a.txt,,,\n 青石岭镇 ,b.txt,,,\n", "utf-8")
    elif kind == "toml":
        path = tmp_path / "units.toml"
        body = '[[unit]]\nname = "青石岭镇"\nfigures = "a.txt"\n[[unit]]\nname = "青石岭镇 "\nfigures = "b.txt"\n'
        path.write_text(body, encoding="utf-8")
    else:
        path = tmp_path / "units"
        path.mkdir()
        for name in ("青石岭镇:", "青石岭镇_", "松禾街道"):  # ":" and "_" give the same folder in OUT
            _unit_folder(path, name)
    with pytest.raises(InputError) as caught:
        load_units(path)
    assert said in caught.value.message and "\n" not in caught.value.one_line()


def test_batch_and_eval_refuse_a_unit_named_twice_with_exit_2(tmp_path: Path) -> None:
    from batchkit import NIANBAO, batch_env

    units = tmp_path / "units.csv"
    units.write_text(f"{HEADER}\n青石岭镇,a.txt,,,\n青石岭镇,b.txt,,,\n", encoding="utf-8")
    batch = run_batch(None, str(units), "--out", str(tmp_path / "out"), "--offline")
    assert batch.returncode == 2 and "出现了两次" in batch.stderr, batch.stderr
    assert not (tmp_path / "out" / "青石岭镇").exists()
    env = {**batch_env(None), "OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "NIANBAO_MODEL": "m"}
    proc = subprocess.run([str(NIANBAO), "eval", "--units", str(units)], capture_output=True, text=True, env=env)
    assert proc.returncode == 2 and "出现了两次" in proc.stderr, proc.stderr
