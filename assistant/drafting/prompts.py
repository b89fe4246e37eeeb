"""Prompts live in ``prompts/`` as files with ``${named}`` variables; this loads and fills them.

``${var}`` marks a prompt variable; ``{{key}}`` is left alone (it is a figure placeholder the model must
copy). Rendering reports every missing variable at once, so a broken template fails loudly and whole.
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from pathlib import Path

from assistant.errors import AssistantError

PROMPTS_DIR = Path(os.environ.get("NIANBAO_PROMPTS", Path(__file__).resolve().parents[2] / "prompts"))


class PromptError(AssistantError):
    """A prompt file is missing or a render lacks variables: a bug in the caller or the file."""


class Prompt:
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.template = string.Template(text)
        if not self.template.is_valid():
            raise PromptError(f"提示词模板 {name} 含有不合法的 $ 变量写法。", hint_en=f"invalid template {name}")
        self.variables: frozenset[str] = frozenset(self.template.get_identifiers())

    def render(self, **values: object) -> str:
        missing = sorted(self.variables - values.keys())
        if missing:
            raise PromptError(
                f"提示词模板 {self.name} 缺少变量：{'、'.join(missing)}",
                hint_en=f"prompt {self.name} is missing variables: {', '.join(missing)}",
            )
        return self.template.substitute({k: str(v) for k, v in values.items()})


@lru_cache(maxsize=64)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"找不到提示词文件 {path}。", hint_en=f"missing prompt file {path}") from exc
    return Prompt(name, text)
