"""Sentence templates for the offline drafter, kept as data in ``prompts/offline/*.toml``.

Format: every TOML file is a namespace (its stem); every table in it is one template with a list of
interchangeable ``variants``, each a ``str.format`` string with named fields only::

    [received]
    variants = ["本年度共收到政府信息公开申请{n}件", "全年新收政府信息公开申请{n}件"]

The template ``overview.received`` is then rendered with ``n=…``. Which variant a report gets is fixed by
a stable hash of the unit name plus the year (never a clock or a random draw): neighbouring units get
different prose, one unit gets other prose next year, and the same request always gets the same text.
"""

from __future__ import annotations

import hashlib
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "prompts" / "offline"


class TemplateError(ValueError):
    """A template file is malformed, a template is unknown, or variables are missing."""


def _fields(text: str, where: str) -> frozenset[str]:
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise TemplateError(f"{where}: malformed braces: {exc}") from exc
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        # Only plain names: an attribute or index lookup would let template data reach into objects.
        if not name.isidentifier() or spec or conversion:
            raise TemplateError(f"{where}: field {{{name}}} must be a plain name without format spec")
        names.add(name)
    return frozenset(names)


@dataclass(frozen=True)
class Template:
    name: str
    variants: tuple[str, ...]
    fields: frozenset[str]  # every field any variant uses: all must be given, whichever variant is chosen


def stable_index(*parts: str | int, modulo: int) -> int:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % modulo


class Templates:
    def __init__(self, templates: dict[str, Template]) -> None:
        self._templates = templates

    @classmethod
    def load(cls, directory: Path = TEMPLATE_DIR) -> Templates:
        files = sorted(directory.glob("*.toml"))
        if not files:
            raise TemplateError(f"no template files (*.toml) in {directory}")
        templates: dict[str, Template] = {}
        for path in files:
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise TemplateError(f"{path.name}: {exc}") from exc
            for key, body in data.items():
                name = f"{path.stem}.{key}"
                variants = body.get("variants") if isinstance(body, dict) else None
                ok = isinstance(variants, list) and variants and all(isinstance(v, str) and v for v in variants)
                if not ok:
                    raise TemplateError(f"{path.name} [{key}]: needs variants = [non-empty strings]")
                fields = frozenset().union(*(_fields(v, f"{path.name} [{key}]") for v in variants))
                templates[name] = Template(name, tuple(variants), fields)
        return cls(templates)

    def names(self) -> frozenset[str]:
        return frozenset(self._templates)

    def require(self, names: set[str] | frozenset[str]) -> None:
        """Fail at once, naming every template the caller needs that the files lack."""
        missing = sorted(set(names) - set(self._templates))
        if missing:
            raise TemplateError(f"unknown template(s): {', '.join(missing)}")

    def count(self, name: str) -> int:
        self.require({name})
        return len(self._templates[name].variants)

    def render(self, name: str, seed: tuple[str | int, ...], offset: int = 0, **values: object) -> str:
        """The variant picked by ``seed`` (+ ``offset`` for repeated use) filled with ``values``."""
        return self.render_all(name, seed, offset, **values)[0]

    def render_all(self, name: str, seed: tuple[str | int, ...], offset: int = 0, **values: object) -> list[str]:
        """Every variant filled with ``values``, the one ``seed`` picks first, the rest in turn after it."""
        self.require({name})
        template = self._templates[name]
        missing = sorted(template.fields - values.keys())
        if missing:
            raise TemplateError(f"template {name} is missing variable(s): {', '.join(missing)}")
        n = len(template.variants)
        index = (stable_index(*seed, name, modulo=n) + offset) % n
        return [template.variants[(index + i) % n].format(**values) for i in range(n)]
