"""The one place the project builds and calls the ``openai`` client.

``ModelClient`` wraps chat completions with the project's own retry loop (the SDK's is switched off with
``max_retries=0`` so attempts do not multiply), turns every failure into a :class:`ModelError` whose Chinese
message says what to do, and counts calls and tokens for the per-run report.

Nothing happens at import time: ``openai`` itself is imported only when the first request is made, so
importing this module (or the CLI) opens no socket and costs nothing. Model output is untrusted data: text
comes back without thinking blocks and capped in length, for the caller to validate.

Output is bounded twice: every request carries a token limit (``max_tokens``, or ``max_completion_tokens`` for
an endpoint that refused the former: learnt from its first 400 and remembered per endpoint for the life of
the process), and the client accepts at most ``MAX_REPLY_CHARS`` of text, reading no further. Time is bounded by
the caller: ``within`` caps a call, retries included (:class:`DeadlineExceeded` past it). A 200 whose body is not
a chat completion is a server fault like a 502: retried, then a :class:`ModelError`.
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any

from assistant.drafting.settings import ENV_API_KEY, ENV_BASE_URL, ENV_MODEL, ENV_TIMEOUT, ModelSettings
from assistant.drafting.thinking import ThinkFilter, strip_thinking
from assistant.errors import AssistantError

if TYPE_CHECKING:
    import openai

log = logging.getLogger(__name__)

# One section's text; the longest runs to a few thousand characters, so more is a runaway model.
MAX_REPLY_CHARS = 20_000
# All a stream may deliver, thinking included: a model thinking without end is stopped here too.
MAX_READ_CHARS = 100_000
# A server asking us to wait longer than this is better reported than waited for (the SDK uses the same bound).
MAX_RETRY_AFTER = 120.0
# Passing the default explicitly keeps os.environ's OPENAI_BASE_URL from overriding the settings we were given.
DEFAULT_BASE_URL = "https://api.openai.com/v1"

Message = Mapping[str, Any]


class ModelError(AssistantError):
    """A model call failed. ``status`` is the HTTP status if there was one; ``retryable`` says whether trying
    again later could succeed (rate limits, server errors, timeouts), as opposed to a setting to fix."""

    def __init__(
        self,
        message: str,
        *,
        hint_en: str = "",
        status: int | None = None,
        retryable: bool = False,
        detail: str = "",
    ) -> None:
        super().__init__(message, hint_en=hint_en)
        self.status = status
        self.retryable = retryable
        # The server's own explanation, redacted and shortened; kept apart so messages stay readable.
        self.detail = detail


class DeadlineExceeded(ModelError):
    """The time the caller gave a reply ran out before it was complete (see ``within`` of the calls)."""


class _Malformed(ValueError):
    """A 200 whose body is not a chat completion: handled as the server fault it is."""


def _checked(completion: Any) -> Any:
    """``completion`` when it has the shape of a chat completion (a first choice with a message), else raise."""
    try:
        completion.choices[0].message  # noqa: B018 - the access is the check
    except (AttributeError, IndexError, TypeError, KeyError):
        raise _Malformed("reply is not an OpenAI chat completion") from None
    return completion


@dataclass
class RunUsage:
    """What a run cost: logical calls, HTTP attempts (calls plus retries), tokens and wall time."""

    calls: int = 0
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    reasoning_tokens: int = 0  # of completion_tokens, spent thinking (as the server reports them)
    cut: int = 0  # replies cut at MAX_REPLY_CHARS

    def describe(self) -> str:
        """The cost in one Chinese line, as the CLI and the app report it after a draft."""
        text = f"模型调用 {self.calls} 次，提示 {self.prompt_tokens:,} tokens，生成 {self.completion_tokens:,} tokens"
        if self.reasoning_tokens:
            text += f"（其中思考 {self.reasoning_tokens:,} tokens）"
        text += f"，用时 {self.seconds:.1f} 秒"
        if self.attempts > self.calls:
            text += f"（含重试共请求 {self.attempts} 次）"
        if self.cut:
            text += f"；{self.cut} 次回答超过 {MAX_REPLY_CHARS:,} 字，已截断"
        return text


@dataclass
class _Endpoint:
    """What an endpoint refused once, so no later request repeats it (see :func:`forget_endpoints`)."""

    token_param: str = "max_tokens"  # max_tokens, not max_completion_tokens: the one DeepSeek, Ollama, vLLM take
    temperature: bool = True  # False: the model accepts only its default temperature (OpenAI's o-series)


# Keyed by (base_url, model): the app builds a client per run, and the lesson should outlive it.
_ENDPOINTS: dict[tuple[str, str], _Endpoint] = {}
_ENDPOINTS_LOCK = threading.Lock()


def forget_endpoints() -> None:
    """Forget what every endpoint refused (for tests: each starts from the default parameters)."""
    with _ENDPOINTS_LOCK:
        _ENDPOINTS.clear()


def _endpoint(settings: ModelSettings) -> _Endpoint:
    with _ENDPOINTS_LOCK:
        return _ENDPOINTS.setdefault((settings.base_url or DEFAULT_BASE_URL, settings.model or ""), _Endpoint())


@dataclass
class _Received:
    """What one streamed reply has delivered so far (across attempts: a retry starts only when nothing has)."""

    chars: int = 0  # visible characters yielded
    read: int = 0  # characters read in the current attempt, thinking included
    finish: str | None = None  # the finish_reason of the current attempt
    cut: bool = False  # stopped at MAX_REPLY_CHARS or MAX_READ_CHARS
    thinking: ThinkFilter = field(default_factory=ThinkFilter)
    until: float | None = None  # the caller's deadline on the client's clock

    def start_attempt(self) -> None:
        """Reset what belongs to one HTTP attempt (a retry happens only before any text was yielded)."""
        self.read, self.finish, self.thinking = 0, None, ThinkFilter()

    def visible(self, text: str) -> Iterator[str]:
        """Yield what of ``text`` fits under ``MAX_REPLY_CHARS``, marking the reply cut when some did not."""
        piece = text[: MAX_REPLY_CHARS - self.chars]
        if len(piece) < len(text):
            self.cut = True
        if piece:
            self.chars += len(piece)
            yield piece


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds the server asks us to wait: ``retry-after-ms``, else ``Retry-After`` as seconds or an HTTP date.

    ``None`` when absent or unreadable. Header lookup is case-insensitive for plain dicts too.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = lowered.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / divisor
        except ValueError:
            continue
        if math.isfinite(seconds):
            return max(0.0, seconds)
        return math.inf
    value = lowered.get("retry-after")
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    current = time.time() if now is None else now
    return max(0.0, parsed.timestamp() - current)


def preload_sdk() -> None:
    """Import the SDK now: worker processes forked after this inherit it instead of each importing it."""
    import openai  # noqa: F401


class ModelClient:
    """Chat completions against an OpenAI-compatible endpoint, with retries, usage and Chinese errors.

    ``sleep``, ``clock`` and ``jitter`` are injectable so tests run instantly and deterministically.
    Thread-safe: the SDK client is shared and the usage counters are locked, so threads may share one client.
    """

    def __init__(
        self,
        settings: ModelSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
        connection: ModelClient | None = None,
    ) -> None:
        self.settings = settings
        # A client whose SDK client (and connection pool) this one uses: building one loads the certificate
        # store, ≈60 ms of CPU, too much to pay again for each of a batch's units.
        self._connection = connection
        self.usage = RunUsage()
        self.last_finish_reason: str | None = None  # "length" also when the client cut the reply
        self._sleep = sleep
        self._clock = clock
        self._jitter = jitter
        self._lock = threading.Lock()
        self._openai: openai.OpenAI | None = None
        # A provider difference learnt from the first refusal, so later calls do not repeat the mistake.
        self._stream_usage_ok = True

    # -- lifecycle ---------------------------------------------------------------------------------------

    def _client(self) -> openai.OpenAI:
        if self._connection is not None:
            return self._connection._client()
        if self.settings.offline:
            raise ModelError("离线模式下不调用模型。", hint_en="offline mode: no model calls")
        if not self.settings.configured:
            raise ModelError(
                f"未配置模型：请设置 {ENV_MODEL}，以及 {ENV_API_KEY} 或 {ENV_BASE_URL}。",
                hint_en=f"no model configured: set {ENV_MODEL} and {ENV_API_KEY} or {ENV_BASE_URL}",
            )
        with self._lock:
            if self._openai is None:
                import openai  # here, not at module level: importing the project must not load the SDK

                self._openai = openai.OpenAI(
                    base_url=self.settings.base_url or DEFAULT_BASE_URL,
                    api_key=self.settings.client_api_key(),
                    timeout=openai.Timeout(self.settings.timeout, connect=self.settings.connect_timeout),
                    max_retries=0,  # our loop retries; the SDK's would multiply attempts
                )
            return self._openai

    def close(self) -> None:
        """Release the HTTP connection pool (safe to call twice, or when no request was ever made)."""
        with self._lock:
            client, self._openai = self._openai, None
        if client is not None:
            client.close()

    def __enter__(self) -> ModelClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ModelClient({self.settings.describe()})"

    # -- public calls ------------------------------------------------------------------------------------

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int | None = None, within: float | None = None
    ) -> str:
        """One chat completion; the reply text without thinking (capped at ``MAX_REPLY_CHARS``).

        ``max_tokens`` overrides the settings' limit for this call. ``within`` is all the time the call may take,
        retries included, in seconds: past it, :class:`DeadlineExceeded`.
        """
        client = self._client()
        self._add(calls=1)
        started = self._clock()
        until = None if within is None else started + within
        try:
            # Built per attempt: a refused parameter is renamed or dropped before the next one.
            completion = self._with_retries(
                lambda: _checked(client.chat.completions.create(**self._kwargs(messages, max_tokens, until))), until
            )
        finally:
            self._add(seconds=self._clock() - started)
        usage = getattr(completion, "usage", None)
        if usage is not None:
            self._add_usage(usage)
        return self._text_of(completion)

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int | None = None, within: float | None = None
    ) -> Iterator[str]:
        """Yield the reply as it arrives, thinking left out. Retries only before the first delta; once text has
        been yielded a failure raises :class:`ModelError` and the caller keeps what it already has.

        ``within``: as for :meth:`complete`; a stream still running then stops with :class:`DeadlineExceeded`.
        """
        import openai

        client = self._client()
        self._add(calls=1)
        started = self._clock()
        received = _Received(until=None if within is None else started + within)
        attempt = 0
        self.last_finish_reason = None
        try:
            while True:
                attempt += 1
                self._add(attempts=1)
                received.start_attempt()
                try:
                    kwargs = self._stream_kwargs(messages, max_tokens, received.until)
                    with client.chat.completions.create(**kwargs) as chunks:
                        yield from self._read_chunks(chunks, received)
                except (openai.OpenAIError, ValueError) as exc:  # ValueError: a data line that is not JSON
                    err, wait = self._classify(exc)
                    if received.chars:
                        raise self._broken_stream(exc, err, received.chars) from exc
                    if self._adapt(err, streaming=True):
                        attempt -= 1  # asking again without what the server refused is free
                        continue
                    self._wait_or_raise(err, wait, attempt, exc, received.until)
                    continue
                if received.cut:
                    self._note_cut()
                    return
                if received.finish is None:
                    self._wait_after_quiet_close(received.chars, attempt, received.until)
                    continue
                self.last_finish_reason = received.finish
                if received.finish == "content_filter":
                    raise ModelError("回复被模型服务的内容审核拦截：请调整材料后重试。", hint_en="content filtered")
                return
        finally:
            self._add(seconds=self._clock() - started)

    # -- internals ---------------------------------------------------------------------------------------

    def _kwargs(self, messages: Sequence[Message], max_tokens: int | None, until: float | None) -> dict[str, Any]:
        endpoint = _endpoint(self.settings)
        kwargs: dict[str, Any] = {"model": self.settings.model, "messages": [dict(m) for m in messages]}
        if self.settings.temperature is not None and endpoint.temperature:
            kwargs["temperature"] = self.settings.temperature
        kwargs[endpoint.token_param] = self.settings.max_tokens if max_tokens is None else max_tokens
        if until is not None:
            kwargs["timeout"] = self._timeout_until(until)
        return kwargs

    def _timeout_until(self, until: float) -> openai.Timeout:
        """This attempt's timeouts, shortened to what is left before ``until`` (none left: DeadlineExceeded)."""
        import openai

        left = until - self._clock()
        if left <= 0:
            raise DeadlineExceeded("已到限定时间，模型仍未答完。", hint_en="deadline passed", retryable=True)
        return openai.Timeout(min(self.settings.timeout, left), connect=min(self.settings.connect_timeout, left))

    def _adapt(self, err: ModelError, *, streaming: bool = False) -> bool:
        """True when ``err`` refused a parameter we can rename or do without: the next request is adjusted."""
        endpoint = _endpoint(self.settings)
        if endpoint.token_param == "max_tokens" and _refuses(err, ("max_completion_tokens",)):
            # OpenAI's newer models: "Unsupported parameter: 'max_tokens' … Use 'max_completion_tokens' instead."
            log.info("endpoint wants max_completion_tokens; switching for this endpoint")
            endpoint.token_param = "max_completion_tokens"
            return True
        if endpoint.temperature and self.settings.temperature is not None and _refuses(err, ("'temperature'",)):
            # "Unsupported value: 'temperature' does not support 0.3 with this model": the default it is.
            endpoint.temperature = False
            return True
        if streaming and self._stream_usage_ok and _refuses(err, ("stream_options", "include_usage")):
            self._stream_usage_ok = False  # an older server that rejects stream_options
            return True
        return False

    def _note_cut(self) -> None:
        """Say that the client cut a reply: as a finish reason, in the run's usage and in the log."""
        log.warning("model reply cut at %d characters", MAX_REPLY_CHARS)
        self.last_finish_reason = "length"
        with self._lock:
            self.usage.cut += 1

    def _stream_kwargs(
        self, messages: Sequence[Message], max_tokens: int | None, until: float | None
    ) -> dict[str, Any]:
        """The request of one streaming attempt (usage asked for unless the server refused it before)."""
        kwargs = self._kwargs(messages, max_tokens, until)
        kwargs["stream"] = True
        if self._stream_usage_ok:
            kwargs["stream_options"] = {"include_usage": True}
        return kwargs

    def _read_chunks(self, chunks: Iterable[Any], received: _Received) -> Iterator[str]:
        """Yield the visible text of the first choice's deltas, counting usage; stop reading past the caps."""
        for chunk in chunks:
            usage = getattr(chunk, "usage", None)
            if usage is not None:
                self._add_usage(usage)
            for choice in getattr(chunk, "choices", None) or ():
                if getattr(choice, "index", 0) != 0:
                    continue
                received.finish = getattr(choice, "finish_reason", None) or received.finish
                delta = getattr(choice, "delta", None)
                # reasoning_content (DeepSeek, vLLM) or reasoning (OpenRouter) is read, counted, never shown.
                received.read += sum(len(_text_field(delta, name)) for name in ("reasoning_content", "reasoning"))
                content = _text_field(delta, "content")
                received.read += len(content)
                yield from received.visible(received.thinking.feed(content))
            if received.cut or received.read >= MAX_READ_CHARS:
                received.cut = True
                return
            if received.until is not None and self._clock() >= received.until:
                raise DeadlineExceeded(
                    f"已到限定时间，模型仍未答完（已收到 {received.chars} 字）。",
                    hint_en=f"deadline passed mid-stream after {received.chars} chars",
                    retryable=True,
                )
        yield from received.visible(received.thinking.flush())

    def _broken_stream(self, exc: BaseException, err: ModelError, sent: int) -> ModelError:
        """The error for a stream that failed after ``sent`` characters had already been yielded."""
        import openai

        if isinstance(exc, openai.APITimeoutError):
            why = f"{self.settings.timeout:g} 秒内没有收到下一段"
        elif isinstance(exc, openai.APIConnectionError):
            why = "连接在回答结束前断开"
        else:
            why = err.message.rstrip("。")
        return _restated(
            err,
            f"模型输出中途中断（已收到 {sent} 字）：{why}。已收到的部分可以保留，或稍后重试。",
            f"stream broke after {sent} chars: {err.hint_en}",
        )

    def _wait_after_quiet_close(self, sent: int, attempt: int, until: float | None) -> None:
        """The body ended without a finish_reason (the connection closed quietly mid-answer): retry or raise."""
        if sent:
            raise ModelError(
                f"模型输出中途中断（已收到 {sent} 字）：连接在回答结束前断开。",
                hint_en=f"stream ended early after {sent} chars",
                retryable=True,
            )
        err = ModelError(
            "模型输出不完整：连接在回答结束前断开。请稍后再试。",
            hint_en="stream ended without finish_reason",
            retryable=True,
        )
        self._wait_or_raise(err, None, attempt, None, until)

    def _with_retries(self, call: Callable[[], Any], until: float | None) -> Any:
        import openai

        attempt = 0
        while True:
            attempt += 1
            self._add(attempts=1)
            try:
                return call()
            except (openai.OpenAIError, ValueError) as exc:  # ValueError: a 200 whose body is no completion
                err, wait = self._classify(exc)
                if self._adapt(err):
                    attempt -= 1
                    continue
                self._wait_or_raise(err, wait, attempt, exc, until)

    def _wait_or_raise(
        self,
        err: ModelError,
        retry_after: float | None,
        attempt: int,
        cause: BaseException | None,
        until: float | None = None,
    ) -> None:
        """Sleep before the next attempt, or raise ``err`` when it is final (not retryable, or out of attempts);
        :class:`DeadlineExceeded` when the next attempt could not start before ``until``."""
        if not err.retryable:
            raise err from cause
        if attempt >= self.settings.max_attempts:
            if attempt > 1:
                err.message = f"{err.message}（已尝试 {attempt} 次）"
                err.args = (err.message,)
            raise err from cause
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            waited = "很久" if math.isinf(retry_after) else f"{retry_after:.0f} 秒"
            err.message = f"{err.message} 服务要求等待{waited}后再试，本次不再等待。"
            err.args = (err.message,)
            raise err from cause
        if retry_after is not None:
            delay = retry_after  # the server knows its own limits; honour them even past max_backoff
        else:
            nominal = min(self.settings.max_backoff, self.settings.backoff_base * 2 ** (attempt - 1))
            # Up to 25% less, so callers that failed together do not retry in lockstep.
            delay = nominal * (1.0 - 0.25 * self._jitter())
        if until is not None and self._clock() + delay >= until:
            message = f"已到限定时间，模型仍未答完（{err.message.rstrip('。')}）。"
            raise _restated(err, message, f"deadline passed: {err.hint_en}", DeadlineExceeded) from cause
        log.warning(
            "model call failed (%s); attempt %d/%d, retrying in %.1f s",
            err.hint_en,
            attempt,
            self.settings.max_attempts,
            delay,
        )
        self._sleep(delay)

    def _classify(self, exc: BaseException) -> tuple[ModelError, float | None]:
        """The ModelError for an SDK exception, and the wait the server asked for (if any)."""
        import openai

        if isinstance(exc, openai.APIStatusError):
            return self._classify_status(exc)
        if isinstance(exc, openai.APITimeoutError):
            return ModelError(
                f"模型服务在 {self.settings.timeout:g} 秒内没有回应：请稍后再试，或调大 {ENV_TIMEOUT}。",
                hint_en="model request timed out",
                retryable=True,
            ), None
        if isinstance(exc, openai.APIConnectionError):
            return ModelError(
                f"连不上模型服务（{self.settings.display_url}）：请检查网络和 {ENV_BASE_URL}。",
                hint_en="cannot connect to the model endpoint",
                retryable=True,
            ), None
        if isinstance(exc, openai.APIError):
            # An error event inside a stream, or a body the SDK could not read.
            detail = self._redact(_server_message(exc))
            return ModelError(
                f"模型服务出错：{detail or '没有说明原因'}。请稍后再试。",
                hint_en="model API error",
                retryable=True,
                detail=detail,
            ), None
        if isinstance(exc, ValueError):
            return ModelError(
                "模型服务的回复无法解读（不是 OpenAI 兼容的 JSON）：请稍后再试；若一直如此，请确认 "
                f"{ENV_BASE_URL} 指向兼容接口（通常以 /v1 结尾）。",
                hint_en="reply is not an OpenAI chat completion",
                retryable=True,
            ), None
        return ModelError(
            f"调用模型时出错（{type(exc).__name__}）。", hint_en=f"model client error: {type(exc).__name__}"
        ), None

    def _classify_status(self, exc: openai.APIStatusError) -> tuple[ModelError, float | None]:
        """The ModelError for an HTTP error status, and the wait the server asked for (if any)."""
        model = self.settings.model
        status = exc.status_code
        headers = exc.response.headers
        detail = self._redact(_server_message(exc))
        code = (exc.code or "").lower()
        retryable = status in (408, 409, 429) or status >= 500
        should = (headers.get("x-should-retry") or "").lower()
        if should in ("true", "false"):
            retryable = should == "true"
        hint = f"HTTP {status}"
        if status in (401, 403):
            msg = f"模型服务拒绝访问（HTTP {status}）：请检查 {ENV_API_KEY} 是否正确、是否有权使用模型 {model}。"
            hint = f"HTTP {status}: check {ENV_API_KEY}"
        elif status == 404:
            msg = (
                f"找不到模型 {model}（HTTP 404）：模型名称或 {ENV_BASE_URL} 有误。请检查 {ENV_MODEL} 和 "
                f"{ENV_BASE_URL}（现为 {self.settings.display_url}，通常以 /v1 结尾）。"
            )
            hint = f"HTTP 404: check model name {model!r} and {ENV_BASE_URL}"
        elif status == 402 or (status == 429 and code == "insufficient_quota"):
            retryable = False  # an empty account does not refill by waiting
            msg = f"模型服务账户余额或额度不足（HTTP {status}）：请充值，或更换 {ENV_API_KEY}。"
            hint = f"HTTP {status}: insufficient balance or quota"
        elif status in (400, 422):
            msg = (
                f"模型服务拒绝了这次请求（HTTP {status}）：{detail or '没有说明原因'}。"
                "可能是材料过长、参数不受支持或内容不被接受；请精简材料或换用其他模型。"
            )
            hint = f"HTTP {status}: request refused"
        elif status == 429:
            msg = "模型服务限流（HTTP 429）：请稍后再试，或减少同时起草的单位数。"
            hint = "HTTP 429: rate limited"
        elif retryable:
            msg = f"模型服务暂时出错（HTTP {status}）：请稍后再试。"
            hint = f"HTTP {status}: server error"
        else:
            msg = f"模型服务返回错误（HTTP {status}）：{detail or '没有说明原因'}。"
        wait = parse_retry_after(dict(headers.items()))
        return ModelError(msg, hint_en=hint, status=status, retryable=retryable, detail=detail), wait

    def _text_of(self, completion: Any) -> str:
        choice = completion.choices[0]  # its shape was checked on arrival (_checked)
        message = choice.message
        content = getattr(message, "content", None)
        self.last_finish_reason = finish = getattr(choice, "finish_reason", None)
        if finish == "content_filter":
            raise ModelError("回复被模型服务的内容审核拦截：请调整材料后重试。", hint_en="content filtered")
        if content is None:
            refusal = getattr(message, "refusal", None)
            if isinstance(refusal, str) and refusal:
                raise ModelError(f"模型拒绝作答：{self._redact(refusal)[:200]}", hint_en="model refused")
            return ""
        if not isinstance(content, str):
            raise ModelError("模型服务返回的内容不是文本。", hint_en="reply content is not text")
        content = strip_thinking(content)  # reasoning_content beside it is never read
        if len(content) > MAX_REPLY_CHARS:
            self._note_cut()
            content = content[:MAX_REPLY_CHARS]
        return content

    def _redact(self, text: str) -> str:
        """Server text made safe to show: our key and anything key-shaped masked, whitespace folded, bounded."""
        if self.settings.api_key is not None:
            key = self.settings.api_key.get_secret_value()
            if len(key) >= 4:
                text = text.replace(key, "***")
        text = re.sub(r"sk-[A-Za-z0-9_\-*.]{4,}", "sk-***", text)
        text = " ".join(text.split())
        return text[:300]

    def _add(
        self,
        *,
        calls: int = 0,
        attempts: int = 0,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        seconds: float = 0.0,
    ) -> None:
        with self._lock:
            self.usage.calls += calls
            self.usage.attempts += attempts
            self.usage.prompt_tokens += int(prompt_tokens)
            self.usage.completion_tokens += int(completion_tokens)
            self.usage.seconds += max(0.0, seconds)

    def _add_usage(self, usage: Any) -> None:
        self._add(
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
        )
        details = getattr(usage, "completion_tokens_details", None)
        reasoning = getattr(details, "reasoning_tokens", 0) or 0
        if reasoning:
            with self._lock:
                self.usage.reasoning_tokens += int(reasoning)


def _restated(err: ModelError, message: str, hint_en: str, kind: type[ModelError] = ModelError) -> ModelError:
    """``err`` said again as ``message``: retryable, its status and the server's detail kept."""
    return kind(message, hint_en=hint_en, status=err.status, retryable=True, detail=err.detail)


def _server_message(exc: BaseException) -> str:
    """The ``error.message`` of an OpenAI-shaped error body, else the SDK's own message."""
    body = getattr(exc, "body", None)
    if isinstance(body, Mapping):
        inner = body.get("error", body)
        if isinstance(inner, Mapping) and isinstance(inner.get("message"), str):
            return str(inner["message"])
        if isinstance(body.get("message"), str):
            return str(body["message"])
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) else ""


def _text_field(delta: Any, name: str) -> str:
    """A text field of a streamed delta (the SDK keeps fields it does not know, such as reasoning_content)."""
    value = getattr(delta, name, None)
    return value if isinstance(value, str) else ""


def _refuses(err: ModelError, words: Sequence[str]) -> bool:
    """True when a 400/422 names one of ``words``: the server rejects a parameter, not the content."""
    detail = err.detail.lower()
    return err.status in (400, 422) and any(w in detail for w in words)
