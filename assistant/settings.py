"""Everything the environment configures, in one object: the model, the database file, the prompts folder.

Built with pydantic-settings from the environment variables below (an empty variable counts as unset). Faces
read it once: the CLI per process, the app per script run (request). Model settings are validated only when
asked for (:meth:`Settings.model_settings`), so a wrong ``OPENAI_BASE_URL`` never stops ``check`` or the store.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.drafting.settings import (
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_DRAFT_DEADLINE,
    ENV_MAX_TOKENS,
    ENV_MODEL,
    ENV_SECTION_DEADLINE,
    ENV_TIMEOUT,
    ModelSettings,
)

ENV_DB = "NIANBAO_DB"
ENV_PROMPTS = "NIANBAO_PROMPTS"
ENV_ACCOUNTS = "NIANBAO_ACCOUNTS"
ENV_SESSION_IDLE = "NIANBAO_SESSION_IDLE_MINUTES"


class Settings(BaseSettings):
    """The environment, read once. The API key stays a ``SecretStr``: it never shows in ``repr`` or logs."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", env_ignore_empty=True)

    base_url: str | None = Field(default=None, validation_alias=ENV_BASE_URL)
    api_key: SecretStr | None = Field(default=None, validation_alias=ENV_API_KEY)
    model: str | None = Field(default=None, validation_alias=ENV_MODEL)
    # Kept as text: ModelSettings parses it, so a bad value fails only when the model is wanted.
    timeout: str | None = Field(default=None, validation_alias=ENV_TIMEOUT)
    max_tokens: str | None = Field(default=None, validation_alias=ENV_MAX_TOKENS)
    section_deadline: str | None = Field(default=None, validation_alias=ENV_SECTION_DEADLINE)
    draft_deadline: str | None = Field(default=None, validation_alias=ENV_DRAFT_DEADLINE)
    db: Path | None = Field(default=None, validation_alias=ENV_DB)
    prompts_dir: Path | None = Field(default=None, validation_alias=ENV_PROMPTS)  # replaces the packaged prompts
    xdg_data_home: Path | None = Field(default=None, validation_alias="XDG_DATA_HOME")
    appdata: Path | None = Field(default=None, validation_alias="APPDATA")
    # Off on a single laptop; on, the app asks every visitor to sign in (README, 账户与权限).
    accounts: bool = Field(default=False, validation_alias=ENV_ACCOUNTS)
    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60, validation_alias=ENV_SESSION_IDLE)

    @field_validator(
        "base_url",
        "model",
        "timeout",
        "max_tokens",
        "section_deadline",
        "draft_deadline",
        "db",
        "prompts_dir",
        "xdg_data_home",
        "appdata",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("db", "prompts_dir")
    @classmethod
    def _home(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    def model_settings(self, *, model: str | None = None, offline: bool = False) -> ModelSettings:
        """The model client's settings; ``model`` (the CLI's ``--model``) wins over ``NIANBAO_MODEL``.

        Raises :class:`~assistant.drafting.settings.SettingsError` naming the variable to fix.
        """
        values: dict[str, object] = {
            "base_url": self.base_url,
            "api_key": self.api_key,
            "model": model or self.model,
            "offline": offline,
        }
        optional = {
            "timeout": self.timeout,
            "max_tokens": self.max_tokens,
            "section_deadline": self.section_deadline,
            "draft_deadline": self.draft_deadline,
        }
        values.update({k: v for k, v in optional.items() if v is not None})
        return ModelSettings.checked(values)

    @property
    def db_path(self) -> Path:
        """``NIANBAO_DB``, else the user's data folder: ``$XDG_DATA_HOME/nianbao`` or the platform's usual place."""
        if self.db is not None:
            return self.db
        home = Path.home()
        if sys.platform == "win32":
            base = self.appdata or home / "AppData" / "Roaming"
        elif sys.platform == "darwin":
            base = home / "Library" / "Application Support"
        else:
            base = self.xdg_data_home or home / ".local" / "share"
        return base / "nianbao" / "nianbao.db"
