"""Model settings: one typed object, built by :class:`assistant.settings.Settings`, handed to :class:`ModelClient`.

The key is a ``SecretStr``: it never shows in ``repr``, ``describe()``, logs or ``model_dump_json()``; only the
client builder unwraps it. Nothing here imports ``openai`` or touches the network.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from assistant.errors import AssistantError

# Local OpenAI-compatible servers (Ollama, vLLM, llama.cpp) ignore the key, but the openai client refuses to
# start without one; this stands in so users of a local endpoint need not invent a fake key themselves.
LOCAL_PLACEHOLDER_KEY = "not-needed"

ENV_BASE_URL = "OPENAI_BASE_URL"
ENV_API_KEY = "OPENAI_API_KEY"
ENV_MODEL = "NIANBAO_MODEL"
ENV_TIMEOUT = "NIANBAO_TIMEOUT"
ENV_MAX_TOKENS = "NIANBAO_MAX_TOKENS"
ENV_SECTION_DEADLINE = "NIANBAO_SECTION_DEADLINE"
ENV_DRAFT_DEADLINE = "NIANBAO_DRAFT_DEADLINE"

# Per section: the longest (一、总体情况) runs to some 2,000 characters with placeholders, under 2,000 tokens.
DEFAULT_MAX_TOKENS = 2000


# The deadline fields, the variables that set them, and a sane value to suggest.
_DEADLINES = (("section_deadline", ENV_SECTION_DEADLINE, 180), ("draft_deadline", ENV_DRAFT_DEADLINE, 600))


class SettingsError(AssistantError):
    """The model settings in the environment cannot be used (a malformed URL or timeout)."""


class ModelSettings(BaseModel):
    """Where the model is and how patiently to talk to it.

    ``timeout`` is the read timeout (how long one response, or one streamed chunk, may take);
    ``connect_timeout`` is kept short so a wrong ``OPENAI_BASE_URL`` fails fast.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str | None = None
    timeout: float = Field(default=60.0, gt=0, le=3600)
    connect_timeout: float = Field(default=10.0, gt=0, le=600)
    max_attempts: int = Field(default=4, ge=1, le=20)
    backoff_base: float = Field(default=1.0, ge=0, le=600)
    max_backoff: float = Field(default=30.0, ge=0, le=3600)
    # Reports want the same sober prose run after run; None leaves the server's default (some reasoning
    # models reject the parameter).
    temperature: float | None = Field(default=0.3, ge=0, le=2)
    # Sent with every request, so a runaway model stops at the endpoint, not after minutes of tokens.
    max_tokens: int = Field(default=DEFAULT_MAX_TOKENS, ge=16, le=1_000_000)
    # All the time one section (its draft and repair, retries included) and one whole draft may take, in
    # seconds: a hung endpoint costs this much, then the template stands.
    section_deadline: float = Field(default=180.0, gt=0, le=86_400)
    draft_deadline: float = Field(default=600.0, gt=0, le=86_400)
    offline: bool = False

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            # Never echo the value: a URL may carry credentials.
            raise ValueError("base_url must be an http(s) URL")
        return value

    @field_validator("model")
    @classmethod
    def _model(cls, value: str | None) -> str | None:
        return (value.strip() or None) if value is not None else None

    @field_validator("api_key")
    @classmethod
    def _key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        return SecretStr(value.get_secret_value().strip())

    @classmethod
    def checked(cls, values: Mapping[str, object]) -> ModelSettings:
        """Validate ``values`` (as read from the environment), turning a refusal into a Chinese :class:`SettingsError`.

        The messages name the environment variable to fix and never echo a URL or key.
        """
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            fields = sorted({str(err["loc"][0]) for err in errors if err["loc"]})
            if "base_url" in fields:
                raise SettingsError(
                    f"{ENV_BASE_URL} 应为 http:// 或 https:// 开头的网址（如 https://api.deepseek.com）。",
                    hint_en=f"{ENV_BASE_URL} must be an http(s) URL",
                ) from None
            unparsed = [err for err in errors if err["loc"][:1] == ("timeout",) and err["type"] == "float_parsing"]
            if unparsed:
                raw = str(unparsed[0]["input"]).strip()
                raise SettingsError(
                    f"{ENV_TIMEOUT} 应为秒数（如 60），现在是 {raw[:20]!r}。",
                    hint_en=f"{ENV_TIMEOUT} must be a number of seconds",
                ) from None
            if "timeout" in fields:
                raise SettingsError(
                    f"{ENV_TIMEOUT} 应为 0 到 3600 之间的秒数。", hint_en=f"{ENV_TIMEOUT} out of range"
                ) from None
            if "max_tokens" in fields:
                raise SettingsError(
                    f"{ENV_MAX_TOKENS} 应为 16 到 1000000 之间的整数（每个部分最多生成的 tokens 数，如 2000）。",
                    hint_en=f"{ENV_MAX_TOKENS} must be a whole number from 16 to 1000000",
                ) from None
            for name, env, example in _DEADLINES:
                if name in fields:
                    raise SettingsError(
                        f"{env} 应为大于 0 的秒数（不超过 86400，如 {example}）。",
                        hint_en=f"{env} must be a number of seconds above 0",
                    ) from None
            raise SettingsError(
                f"模型设置不可用：{'、'.join(fields)}。", hint_en=f"invalid model settings: {', '.join(fields)}"
            ) from None

    @property
    def configured(self) -> bool:
        """True when a model can be called: a model name, and an endpoint or a key, and not offline."""
        return not self.offline and bool(self.model) and (self.base_url is not None or self.api_key is not None)

    @property
    def display_url(self) -> str:
        """The endpoint for people to read: no user:password, no query (either may carry a secret)."""
        if self.base_url is None:
            return "OpenAI 官方接口"
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        if parts.port is not None:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    def client_api_key(self) -> str:
        """The key to hand to the openai client: the real one, or a placeholder for a keyless local endpoint.

        The only place the secret is unwrapped; callers pass it straight to the client and keep no copy.
        """
        if self.api_key is not None:
            return self.api_key.get_secret_value()
        return LOCAL_PLACEHOLDER_KEY

    def describe(self) -> str:
        """One Chinese status line for the CLI and the app sidebar. Never contains the key."""
        if self.offline:
            return "离线模式（模板起草）"
        if not self.configured:
            return f"离线模式（模板起草）：未配置模型，设置 {ENV_MODEL} 与 {ENV_API_KEY} 或 {ENV_BASE_URL} 可启用"
        return f"模型：{self.model}（{self.display_url}）"
