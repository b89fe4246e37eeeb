"""A draft request from files: figures, last year's report, notes and the unit file, as the CLI names them."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.drafting.request import DraftRequest, build_request
from assistant.errors import InputError
from assistant.profile import load_unit_file
from assistant.readers import read_report
from assistant.readers.sniff import decode_text

MAX_NOTES_BYTES = 200_000


def read_small_file(path: Path, limit: int, what: str, what_en: str) -> bytes:
    """A small input file's bytes, read no further than ``limit`` (a file naming /dev/zero must not hang us)."""
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise InputError(f"无法读取{what}。", hint_en=f"cannot read the {what_en}", path=str(path)) from exc
    if len(data) > limit:
        raise InputError(f"{what}过大（上限 {limit // 1000} KB）。", hint_en=f"{what_en} too large", path=str(path))
    return data


def read_notes(path: Path) -> str:
    """A notes file as text (bounded: notes are a few lines a clerk typed, not a report)."""
    return decode_text(read_small_file(path, MAX_NOTES_BYTES, "备注文件", "notes file"), str(path))


def request_from_files(
    figures: Path,
    *,
    last_year: Path | None = None,
    notes: str = "",
    unit_file: Path | None = None,
    year: int | None = None,
    unit: str | None = None,
    date: dt.date | None = None,
    fallback_unit: str | None = None,
) -> DraftRequest:
    """The request for one unit's draft; year and unit fall back to what the files say, else a clear error."""
    source = read_report(figures)
    if source.figures.table3 is None and source.figures.table2 is None and source.figures.table4 is None:
        raise InputError(
            "未从 --figures 文件中读到任何表格数字。请提供 figures.json、按模板填写的 .xlsx 或含表格的报告。",
            hint_en="no figures found in --figures",
            path=str(figures),
        )
    last = read_report(last_year) if last_year else None
    profile = load_unit_file(unit_file) if unit_file else None
    year = year or source.meta.year or (last.meta.year + 1 if last and last.meta.year else None)
    # The unit file is the clerk's own word on the name; what the files say comes after it.
    named = unit or (profile.short_name if profile else None)
    unit = named or source.meta.unit or (last.meta.unit if last else None) or fallback_unit
    if year is None:
        raise InputError("无法确定报告年度，请用 --year 指定（如 --year 2024）。", hint_en="pass --year")
    if not unit:
        raise InputError("无法确定单位名称，请用 --unit 指定（如 --unit 青石岭镇）。", hint_en="pass --unit")
    return build_request(
        source.figures,
        year=year,
        unit=unit,
        last=last,
        notes=notes,
        level=source.meta.level,
        profile=profile,
        date=date,
    )


@dataclass(frozen=True)
class UnitFiles:
    """Where one unit's inputs are: figures (required), last year's report, notes and unit file (optional)."""

    name: str
    figures: Path
    last_year: Path | None = None
    notes: Path | None = None
    unit_file: Path | None = None

    def request(self) -> DraftRequest:
        """The draft request these files make (notes read here, bounded)."""
        notes = read_notes(self.notes) if self.notes else ""
        return request_from_files(
            self.figures, last_year=self.last_year, notes=notes, unit_file=self.unit_file, fallback_unit=self.name
        )


MAX_MANIFEST_BYTES = 256_000
_ROLES = {"figures": "figures", "last-year": "last_year", "notes": "notes", "unit": "unit_file"}


def load_units(path: Path) -> list[UnitFiles]:
    """Units from a manifest (.toml or .csv, naming files beside it) or a folder of unit folders.

    A unit folder holds ``figures.*`` and optionally ``last-year.*``, ``notes.*`` and ``unit.*``. A .toml
    manifest has one ``[[unit]]`` table a unit, a .csv one row a unit; both with the keys ``name``, ``figures``,
    ``last_year``, ``notes`` and ``unit_file`` (the first two required). A unit named twice is refused.
    """
    if path.is_dir():
        found = [u for sub in sorted(path.iterdir()) if sub.is_dir() and (u := _unit_folder(sub)) is not None]
    elif path.suffix.lower() == ".csv":
        found = _csv_manifest(path)
    else:
        found = _manifest(path)
    if not found:
        raise InputError(
            "没有找到任何单位：清单中需有 [[unit]] 或 CSV 数据行，或文件夹中每个单位一个子文件夹（内含 figures.*）。",
            hint_en="no units found",
            path=str(path),
        )
    _refuse_twice(found, path)
    return [unit for _, unit in found]


# Where a unit stands in its manifest (第 3 行, 第 2 个 [[unit]], 文件夹“…”), for messages naming it.
Entry = tuple[str, UnitFiles]


def _refuse_twice(found: list[Entry], path: Path) -> None:
    """One unit named twice would share one output folder and one job row: one of them would be lost unseen."""
    from assistant.batch.runner import folder_name  # the name OUT/<unit>/ gets, which two entries must not share

    seen: dict[str, Entry] = {}
    for where, unit in found:
        first = seen.setdefault(folder_name(unit.name.strip()), (where, unit))
        if first[1] is not unit:
            raise InputError(
                f"单位清单中“{first[1].name.strip()}”出现了两次：{first[0]}、{where}。每个单位只能列一次，请删去或改名其一。",
                hint_en=f"unit {unit.name.strip()!r} named twice",
                path=str(path),
            )


def _unit_folder(folder: Path) -> Entry | None:
    files: dict[str, Path] = {}
    for file in sorted(folder.iterdir()):
        role = _ROLES.get(file.stem.lower())
        if role and file.is_file():
            files.setdefault(role, file)
    if "figures" not in files:
        return None
    return f"文件夹“{folder.name}”", UnitFiles(folder.name, **files)


def _manifest(path: Path) -> list[Entry]:
    data = read_small_file(path, MAX_MANIFEST_BYTES, "单位清单", "units manifest")
    try:
        table = tomllib.loads(data.decode("utf-8"))
        return [
            (f"第 {i} 个 [[unit]]（figures = {entry.get('figures')}）", _manifest_unit(path.parent, entry))
            for i, entry in enumerate(table.get("unit", []), 1)
        ]
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(
            "单位清单格式不对：应为 TOML，每个单位一段 [[unit]]，含 name 和 figures。",
            hint_en=f"bad manifest: {exc}",
            path=str(path),
        ) from exc


CSV_COLUMNS = ("name", "figures", "last_year", "notes", "unit_file")


def _csv_manifest(path: Path) -> list[Entry]:
    """Units from a CSV manifest: a header row naming :data:`CSV_COLUMNS`, then one row a unit.

    Any encoding Excel or WPS saves in is read (UTF-8 with or without BOM, GB18030); blank rows are skipped.
    """
    text = decode_text(read_small_file(path, MAX_MANIFEST_BYTES, "单位清单", "units manifest"), str(path))
    rows = csv.DictReader(text.splitlines())
    header = {(c or "").strip() for c in rows.fieldnames or ()}
    if not {"name", "figures"} <= header:
        raise InputError(
            f"单位清单（CSV）首行须为列名，至少含 name 和 figures（可选 {'、'.join(CSV_COLUMNS[2:])}）。",
            hint_en="CSV manifest needs a header with name and figures",
            path=str(path),
        )
    units = []
    for row in rows:
        entry = {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not any(entry.values()):
            continue
        if not entry.get("name") or not entry.get("figures"):
            raise InputError(
                f"单位清单（CSV）第 {rows.line_num} 行缺少 name 或 figures。",
                hint_en="a CSV manifest row lacks name or figures",
                path=str(path),
            )
        units.append((f"第 {rows.line_num} 行", _manifest_unit(path.parent, entry)))
    return units


def _manifest_unit(base: Path, entry: dict[str, str]) -> UnitFiles:
    def at(key: str) -> Path | None:
        value = entry.get(key)
        return base / str(value) if value else None

    figures = at("figures")
    if figures is None:
        raise KeyError("figures")
    return UnitFiles(
        str(entry["name"]), figures, last_year=at("last_year"), notes=at("notes"), unit_file=at("unit_file")
    )
