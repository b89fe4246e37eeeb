"""assistant.settings: one object for the environment (model, database, prompts folder), read with pydantic-settings."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.drafting.settings import LOCAL_PLACEHOLDER_KEY, SettingsError
from assistant.errors import AssistantError
from assistant.settings import Settings

KEY = "sk-test-SECRET-0123456789abcdef"
Env = Callable[..., Settings]


@pytest.fixture()
def env(monkeypatch: pytest.MonkeyPatch) -> Env:
    """Settings read from exactly the variables given (every variable Settings knows is cleared first)."""
    for field in Settings.model_fields.values():
        monkeypatch.delenv(str(field.validation_alias), raising=False)

    def settings(**variables: str) -> Settings:
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return Settings()

    return settings


def test_model_settings_never_show_the_key(env: Env) -> None:
    settings = env(
        OPENAI_BASE_URL="https://api.deepseek.com/",
        OPENAI_API_KEY=KEY,
        NIANBAO_MODEL="deepseek-chat",
        NIANBAO_TIMEOUT="90",
    )
    model = settings.model_settings()
    assert model.configured
    assert (model.base_url, model.model, model.timeout) == ("https://api.deepseek.com", "deepseek-chat", 90)
    assert model.describe() == "模型：deepseek-chat（https://api.deepseek.com）"
    for shown in (repr(settings), str(settings), settings.model_dump_json(), repr(model), model.model_dump_json()):
        assert KEY not in shown
    assert model.client_api_key() == KEY


def test_model_argument_wins_and_offline_turns_it_off(env: Env) -> None:
    settings = env(OPENAI_API_KEY=KEY, NIANBAO_MODEL="deepseek-chat")
    assert settings.model_settings(model="qwen-plus").model == "qwen-plus"
    offline = settings.model_settings(offline=True)
    assert not offline.configured and offline.describe() == "离线模式（模板起草）"


def test_unconfigured_without_model_or_endpoint_and_blank_is_unset(env: Env) -> None:
    assert not env().model_settings().configured
    assert not env(NIANBAO_MODEL="x").model_settings().configured
    assert not env(NIANBAO_MODEL="", OPENAI_API_KEY=KEY).model_settings().configured
    assert env(NIANBAO_TIMEOUT="  ").model_settings().timeout == 60
    assert env().model_settings().describe().startswith("离线模式（模板起草）")


def test_a_local_endpoint_needs_no_key_and_hides_url_credentials(env: Env) -> None:
    model = env(OPENAI_BASE_URL="http://user:pw@127.0.0.1:11434/v1?token=abc", NIANBAO_MODEL="qwen2.5").model_settings()
    assert model.configured and model.client_api_key() == LOCAL_PLACEHOLDER_KEY
    assert model.describe() == "模型：qwen2.5（http://127.0.0.1:11434/v1）"


@pytest.mark.parametrize(
    ("variables", "named", "shown"),
    [
        ({"OPENAI_BASE_URL": "api.deepseek.com"}, "OPENAI_BASE_URL 应为 http:// 或 https://", None),
        ({"NIANBAO_TIMEOUT": "soon"}, "NIANBAO_TIMEOUT 应为秒数", "'soon'"),
        ({"NIANBAO_TIMEOUT": "0"}, "NIANBAO_TIMEOUT 应为 0 到 3600", None),
        ({"NIANBAO_TIMEOUT": "9999"}, "NIANBAO_TIMEOUT 应为 0 到 3600", None),
    ],
)
def test_bad_model_settings_say_which_variable(env: Env, variables: dict[str, str], named: str, shown: str) -> None:
    settings = env(**variables)  # reading never fails: the database and `check` do not need the model
    with pytest.raises(SettingsError, match=named) as err:
        settings.model_settings()
    assert isinstance(err.value, AssistantError) and err.value.hint_en
    assert shown is None or shown in err.value.message


def test_database_path_from_env_xdg_or_home(env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert env(NIANBAO_DB=str(tmp_path / "a.db")).db_path == tmp_path / "a.db"
    assert env(NIANBAO_DB="~/b.db").db_path == Path.home() / "b.db"
    if sys.platform.startswith("linux"):
        monkeypatch.delenv("NIANBAO_DB")
        assert env(XDG_DATA_HOME=str(tmp_path)).db_path == tmp_path / "nianbao" / "nianbao.db"
        monkeypatch.delenv("XDG_DATA_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert env().db_path == tmp_path / "home" / ".local" / "share" / "nianbao" / "nianbao.db"


def test_prompts_folder_is_read_when_settings_are_made_not_at_import(env: Env, tmp_path: Path) -> None:
    assert env().prompts_dir is None
    assert env(NIANBAO_PROMPTS=str(tmp_path)).prompts_dir == tmp_path
