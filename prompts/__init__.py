"""Prompts (``*.md``) and offline sentence templates (``offline/*.toml``), installed as ``assistant.prompts``."""
