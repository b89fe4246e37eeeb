"""A unit's profile: its names, address, office phone and publication place, entered once and reused.

Read from a unit file for the CLI (``--unit-file unit.toml`` or ``.json``), stored per unit by the app; the
offline drafter writes the preamble's place and contact lines from it, the model prompts can quote
:meth:`UnitProfile.profile_text`. A personal mobile is refused as the office phone: a published report
must never carry one.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from assistant.checks.personal import personal_numbers
from assistant.errors import InputError

MAX_UNIT_FILE_BYTES = 64_000  # a profile is a few lines; anything larger is the wrong file
UNIT_FILE_SUFFIXES = (".toml", ".json")

# Field labels as the clerk sees them, in the form and in error messages.
LABELS: dict[str, str] = {
    "full_name": "单位全称",
    "short_name": "单位简称",
    "address": "地址",
    "postcode": "邮编",
    "phone": "办公电话",
    "office": "联系科室",
    "website_name": "公开专栏名称",
    "website_url": "专栏网址",
}

_LANDLINE = re.compile(r"^[0-9()（）+\-－— 转]{5,24}$")
_URL = re.compile(r"^https?://[^\s，。；、]+$", re.IGNORECASE)
_POSTCODE = re.compile(r"^[0-9]{6}$")
_BLANK = re.compile(r"[＿_]{2,}|(?<![A-Za-z])[XＸ]{2,}")


def _alias(name: str) -> AliasChoices:
    """A field is read under its English key or its Chinese label (a clerk writes 地址 = "…")."""
    return AliasChoices(name, LABELS[name])


class UnitProfile(BaseModel):
    """Who the unit is and how the public reaches it: what the preamble's place and contact lines say."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, populate_by_name=True)

    # 30: the longest line the writers still set as the 落款 (writers.plan.MAX_SIGNATURE_CHARS)
    full_name: str = Field(min_length=2, max_length=30, validation_alias=_alias("full_name"))
    short_name: str | None = Field(default=None, max_length=30, validation_alias=_alias("short_name"))
    address: str = Field(min_length=4, max_length=80, validation_alias=_alias("address"))
    postcode: str | None = Field(default=None, validation_alias=_alias("postcode"))
    phone: str = Field(validation_alias=_alias("phone"))
    office: str | None = Field(default=None, max_length=40, validation_alias=_alias("office"))
    website_name: str | None = Field(default=None, max_length=60, validation_alias=_alias("website_name"))
    website_url: str | None = Field(default=None, max_length=200, validation_alias=_alias("website_url"))

    @field_validator("short_name", "postcode", "office", "website_name", "website_url", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        # A form's empty box and a unit file's "" both mean "not given".
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("full_name", "short_name", "address", "office", "website_name")
    @classmethod
    def _no_blanks(cls, value: str | None) -> str | None:
        if value is not None and ("\n" in value or _BLANK.search(value)):
            raise ValueError("须填写实际内容（不能含换行或“＿＿”“XX”等占位符）")
        return value

    @field_validator("phone")
    @classmethod
    def _office_phone(cls, value: str) -> str:
        # Its digits alone too: brackets ("(86)138…") split a number the detector reads in one run.
        if personal_numbers(value) or personal_numbers(re.sub(r"\D", "", value)):
            raise ValueError("不能填写个人手机号码，请填写单位办公电话（如 0871-12345678）")
        if not _LANDLINE.match(value) or sum(c.isdigit() for c in value) < 5:
            raise ValueError("不是有效的电话号码（如 0871-12345678）")
        return value

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if value is not None and not _POSTCODE.match(value):
            raise ValueError("须为6位数字")
        return value

    @field_validator("website_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError("须以 http:// 或 https:// 开头")
        return value

    def profile_text(self) -> str:
        """The profile as labelled lines, for a model prompt: every value the model may quote."""
        values = self.model_dump()
        return "\n".join(f"{LABELS[k]}：{v}" for k, v in values.items() if v)


def profile_error_text(exc: ValidationError) -> str:
    """A validation failure in Chinese, one clause per field: "办公电话：不能填写个人手机号码…"."""
    clauses: list[str] = []
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else ""
        label = LABELS.get(field, field or "单位信息")
        clauses.append(f"{label}：{_reason(error)}")
    return "；".join(clauses)


def _reason(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", "格式不正确"))
    if kind == "missing":
        return "必须填写"
    if kind == "extra_forbidden":
        return "不是单位信息中的项目"
    if kind == "string_too_long":
        return f"过长（最多 {ctx.get('max_length')} 个字）"
    if kind == "string_too_short":
        return f"过短（至少 {ctx.get('min_length')} 个字）"
    return "格式不正确"


def parse_profile(data: object) -> UnitProfile:
    """A profile from a unit file's or a form's values; a bad value is an :class:`InputError` in Chinese."""
    if not isinstance(data, dict):
        raise InputError("单位信息须为“项目 = 值”的形式。", hint_en="unit profile must be a table of fields")
    try:
        return UnitProfile.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"单位信息有误：{profile_error_text(exc)}。", hint_en="invalid unit profile") from exc


def load_unit_file(path: Path) -> UnitProfile:
    """The profile in a ``.toml`` or ``.json`` unit file (bounded size); any problem is one InputError."""
    where = str(path)
    if path.suffix.lower() not in UNIT_FILE_SUFFIXES:
        raise InputError("单位信息文件须为 .toml 或 .json。", hint_en="unit file must be .toml or .json", path=where)
    try:
        size = path.stat().st_size
        if size > MAX_UNIT_FILE_BYTES:
            raise InputError("单位信息文件过大（上限 64 KB）。", hint_en="unit file too large", path=where)
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError("无法读取单位信息文件。", hint_en="cannot read unit file", path=where) from exc
    except UnicodeDecodeError as exc:
        raise InputError("单位信息文件须为 UTF-8 编码。", hint_en="unit file is not UTF-8", path=where) from exc
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"单位信息文件格式有误（{exc}）。", hint_en="malformed unit file", path=where) from exc
    try:
        return parse_profile(data)
    except InputError as exc:
        exc.path = where
        raise
