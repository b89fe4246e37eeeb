"""Sentence templates for the offline drafter, kept as data in ``prompts/offline/*.toml``.

Format: every TOML file is a namespace (its stem); every table in it is one template with a list of
interchangeable ``variants``, each a ``${name}`` template (the prompts' syntax, :mod:`assistant.drafting.prompts`)::

    [received]
    variants = ["本年度共收到政府信息公开申请${n}件", "全年新收政府信息公开申请${n}件"]

The template ``overview.received`` is then rendered with ``n=…``. Which variant a report gets is fixed by
a stable hash of the unit name plus the year (never a clock or a random draw): neighbouring units get
different prose, one unit gets other prose next year, and the same request always gets the same text.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.drafting.prompts import TemplateError, TemplateText, read_template, require_values, template_root


@dataclass(frozen=True)
class _Template:
    """One template: its interchangeable variants and the fields they use."""

    name: str
    variants: tuple[TemplateText, ...]
    fields: frozenset[str]  # every field any variant uses: all must be given, whichever variant is chosen


def _stable_index(*parts: str | int, modulo: int) -> int:
    # sha256, not hash(): Python salts str hashes per process, and a draft must not change between runs.
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % modulo


@functools.lru_cache(maxsize=8)
def _parsed(files: tuple[tuple[str, str], ...]) -> Templates:
    """The templates of these (file name, text) pairs; cached on the texts, so an edited file is read anew."""
    templates: dict[str, _Template] = {}
    for file_name, text in files:
        stem = file_name.removesuffix(".toml")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise TemplateError(f"模板文件 {file_name} 格式有误：{exc}", hint_en="malformed TOML") from exc
        for key, body in data.items():
            name = f"{stem}.{key}"
            variants = body.get("variants") if isinstance(body, dict) else None
            if not (isinstance(variants, list) and variants and all(isinstance(v, str) and v for v in variants)):
                raise TemplateError(
                    f"模板文件 {file_name} 的 [{key}] 须写 variants = [非空字符串]。",
                    hint_en="needs variants = [non-empty strings]",
                )
            texts = tuple(TemplateText(name, v) for v in variants)
            templates[name] = _Template(name, texts, frozenset().union(*(t.variables for t in texts)))
    return Templates(templates)


class Templates:
    """The offline drafter's sentence templates by name (``namespace.key``), each rendered by a stable pick."""

    def __init__(self, templates: dict[str, _Template]) -> None:
        self._templates = templates

    @classmethod
    def load(cls, folder: Path | None = None) -> Templates:
        """Every ``offline/*.toml`` of ``folder`` (settings' ``prompts_dir``), else of the package."""
        directory = template_root(folder) / "offline"
        try:
            files = sorted((f for f in directory.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
        except OSError:  # no such folder: reported below, like an empty one
            files = []
        if not files:
            raise TemplateError(
                f"模板文件夹 {directory} 中没有模板文件（*.toml）。", hint_en="no template files (*.toml)"
            )
        return _parsed(tuple((file.name, read_template(file)) for file in files))

    def names(self) -> frozenset[str]:
        """The name of every template loaded."""
        return frozenset(self._templates)

    def require(self, names: set[str] | frozenset[str]) -> None:
        """Fail at once, naming every template the caller needs that the files lack."""
        missing = sorted(set(names) - set(self._templates))
        if missing:
            raise TemplateError(
                f"未知的模板：{'、'.join(missing)}", hint_en=f"unknown template(s): {', '.join(missing)}"
            )

    def render(self, name: str, seed: tuple[str | int, ...], offset: int = 0, **values: object) -> str:
        """The variant picked by ``seed`` (+ ``offset`` for repeated use) filled with ``values``."""
        return self.render_all(name, seed, offset, **values)[0]

    def render_all(self, name: str, seed: tuple[str | int, ...], offset: int = 0, **values: object) -> list[str]:
        """Every variant filled with ``values``, the one ``seed`` picks first, the rest in turn after it."""
        self.require({name})
        template = self._templates[name]
        require_values(name, template.fields, values)
        n = len(template.variants)
        index = (_stable_index(*seed, name, modulo=n) + offset) % n
        return [template.variants[(index + i) % n].render(**values) for i in range(n)]
