"""Template files, one loader and one syntax: model prompts (``*.md``) and offline sentences (``offline/*.toml``).

Both ship inside the package as ``assistant.prompts`` (the top-level ``prompts/`` folder, installed as package
data) and are read with :mod:`importlib.resources`; settings may name another folder (``NIANBAO_PROMPTS``),
passed in by the caller. Both write a variable as ``${name}`` (:class:`string.Template`); ``{{key}}`` is left
alone, as it is a figure placeholder the model must copy. Rendering names every missing variable at once, so
a broken template fails loudly and whole.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from assistant.errors import AssistantError

PACKAGE = "assistant.prompts"


class TemplateError(AssistantError):
    """A template file is missing or malformed, a template is unknown, or a render lacks variables."""


def template_root(folder: Path | None = None) -> Traversable:
    """The folder templates are read from: ``folder`` (settings' ``prompts_dir``) if given, else the package's."""
    return folder if folder is not None else resources.files(PACKAGE)


def read_template(file: Traversable) -> str:
    """The text of one template file, or a :class:`TemplateError` naming it."""
    try:
        return file.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"找不到模板文件 {file}。", hint_en=f"missing template file {file}") from exc


def require_values(name: str, needed: Iterable[str], given: Iterable[str]) -> None:
    """Fail naming every variable of template ``name`` that ``given`` lacks."""
    missing = sorted(set(needed) - set(given))
    if missing:
        raise TemplateError(
            f"模板 {name} 缺少变量：{'、'.join(missing)}",
            hint_en=f"template {name} is missing variables: {', '.join(missing)}",
        )


class TemplateText:
    """One ``${name}`` template, checked when it is made."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.template = string.Template(text)
        if not self.template.is_valid():
            raise TemplateError(
                f"模板 {name} 含有不合法的 $ 变量写法（变量写作 ${{名称}}，$ 本身写作 $$）。",
                hint_en=f"invalid $ variable in template {name}",
            )
        self.variables: frozenset[str] = frozenset(self.template.get_identifiers())

    def render(self, **values: object) -> str:
        """The text with every variable filled; values are inserted as text, never parsed again."""
        require_values(self.name, self.variables, values)
        return self.template.substitute({k: str(v) for k, v in values.items()})


def load_prompt(name: str, folder: Path | None = None) -> TemplateText:
    """The prompt ``name`` (``<name>.md``) from ``folder``, else from the package."""
    return TemplateText(name, read_template(template_root(folder) / f"{name}.md"))
