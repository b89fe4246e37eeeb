"""The model path: the REAL openai client, driven through ModelClient against the project's fake server.

Nothing here mocks the SDK; only the server is fake (tests/fake_openai.py). Sleeps are injected and recorded,
so retries are asserted by what the client asked to wait, never by timing.
"""

from __future__ import annotations

import email.utils
import logging
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest
from fake_openai import FakeOpenAI, error, slow, text

from assistant.drafting.client import MAX_REPLY_CHARS, ModelClient, ModelError, RunUsage, parse_retry_after
from assistant.drafting.settings import ModelSettings
from assistant.errors import AssistantError

KEY = "sk-test-SECRET-0123456789abcdef"
MODEL = "fake-model"
ASK = [{"role": "system", "content": "你是起草助手。"}, {"role": "user", "content": "写一句话。"}]
ASK_CHARS = sum(len(m["content"]) for m in ASK)


class Sleeps(list[float]):
    """Stands in for time.sleep: records what the client asked to wait, waits for nothing."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def _settings(server: FakeOpenAI, **overrides: Any) -> ModelSettings:
    values: dict[str, Any] = {
        "base_url": server.base_url,
        "api_key": KEY,
        "model": MODEL,
        "timeout": 5.0,
        "connect_timeout": 2.0,
        "max_attempts": 4,
        "backoff_base": 0.01,
        "max_backoff": 0.05,
    }
    values.update(overrides)
    return ModelSettings(**values)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(fake_server: FakeOpenAI, sleeps: Sleeps) -> Iterator[ModelClient]:
    # jitter=0: backoffs are exactly base * 2**n, so the recorded sleeps can be compared.
    with ModelClient(_settings(fake_server), sleep=sleeps, jitter=lambda: 0.0) as model_client:
        yield model_client


def _assert_no_key(err: AssistantError) -> None:
    for shown in (str(err), err.message, err.hint_en, err.one_line(), repr(err), getattr(err, "detail", "")):
        assert KEY not in shown


# -- plain, streamed, JSON ------------------------------------------------------------------------------


def test_plain_completion_returns_text_and_counts_usage(fake_server: FakeOpenAI, client: ModelClient) -> None:
    said = "本机关全年共收到政府信息公开申请 12 件。"
    fake_server.push(said)
    assert client.complete(ASK) == said
    assert client.usage == RunUsage(
        calls=1, attempts=1, prompt_tokens=ASK_CHARS, completion_tokens=len(said), seconds=client.usage.seconds
    )
    (request,) = fake_server.chat_requests
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == MODEL
    assert request.messages == ASK
    assert request.response_format is None
    assert request.headers["authorization"] == f"Bearer {KEY}"  # the key is sent, where it belongs
    assert request.headers["x-stainless-retry-count"] == "0"  # the SDK does not retry behind our back


def test_usage_accumulates_and_describes_itself(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push(text("一", usage=(1200, 600)), text("二", usage=(1145, 634)))
    client.complete(ASK)
    client.complete(ASK, max_tokens=100)
    assert (client.usage.calls, client.usage.prompt_tokens, client.usage.completion_tokens) == (2, 2345, 1234)
    assert client.usage.describe().startswith("模型调用 2 次，提示 2,345 tokens，生成 1,234 tokens，用时 ")
    assert fake_server.chat_requests[1].body["max_tokens"] == 100


def test_stream_deltas_join_to_the_text_and_usage_is_counted(fake_server: FakeOpenAI, client: ModelClient) -> None:
    body = "2024年，本机关坚持以公开为常态、不公开为例外，全面推进政务公开工作。"
    fake_server.push(text(body, chunk_size=6))
    deltas = list(client.stream(ASK))
    assert len(deltas) > 3
    assert "".join(deltas) == body
    assert client.last_finish_reason == "stop"
    assert (client.usage.prompt_tokens, client.usage.completion_tokens) == (ASK_CHARS, len(body))
    (request,) = fake_server.chat_requests
    assert request.body["stream"] is True
    assert request.body["stream_options"] == {"include_usage": True}


def test_stream_tolerates_a_server_that_ignores_include_usage(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push(text("没有用量统计的回答。", stream_usage=False))
    assert "".join(client.stream(ASK)) == "没有用量统计的回答。"
    assert (client.usage.calls, client.usage.prompt_tokens, client.usage.completion_tokens) == (1, 0, 0)


def test_stream_asks_again_without_stream_options_when_refused(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push(error(400, message="Unrecognized request argument supplied: stream_options"), "好。")
    assert "".join(client.stream(ASK)) == "好。"
    first, second = fake_server.chat_requests
    assert "stream_options" in first.body and "stream_options" not in second.body


# -- retries ----------------------------------------------------------------------------------------------


def test_429_with_retry_after_is_honoured(fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps) -> None:
    fake_server.push(error(429, retry_after=2), "好。")
    assert client.complete(ASK) == "好。"
    assert sleeps == [2.0]  # the server's wait, not our (much shorter) backoff
    assert (client.usage.calls, client.usage.attempts) == (1, 2)
    assert "含重试共请求 2 次" in client.usage.describe()


def test_retry_after_ms_is_honoured(fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps) -> None:
    fake_server.push(error(503, retry_after_ms=1500), "好。")
    assert client.complete(ASK) == "好。"
    assert sleeps == [1.5]


def test_a_retry_after_beyond_reason_is_reported_not_waited(
    fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps
) -> None:
    fake_server.push(error(429, retry_after=3600))
    with pytest.raises(ModelError) as caught:
        client.complete(ASK)
    assert sleeps == []
    assert caught.value.status == 429 and caught.value.retryable
    assert "3600 秒" in caught.value.message


def test_500_500_then_success_backs_off_exponentially(
    fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps
) -> None:
    fake_server.push(error(500), error(502), "好。")
    assert client.complete(ASK) == "好。"
    assert sleeps == [0.01, 0.02]
    assert client.usage.attempts == 3


def test_backoff_is_capped_at_max_backoff(fake_server: FakeOpenAI, sleeps: Sleeps) -> None:
    fake_server.default = error(500)
    settings = _settings(fake_server, max_attempts=6, backoff_base=1.0, max_backoff=3.0)
    with ModelClient(settings, sleep=sleeps, jitter=lambda: 0.0) as model_client, pytest.raises(ModelError):
        model_client.complete(ASK)
    assert sleeps == [1.0, 2.0, 3.0, 3.0, 3.0]


def test_500_forever_gives_up_after_max_attempts(fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps) -> None:
    fake_server.default = error(500)
    with pytest.raises(ModelError) as caught:
        client.complete(ASK)
    err = caught.value
    assert (err.status, err.retryable) == (500, True)
    assert "已尝试 4 次" in err.message
    assert client.usage.attempts == 4 and len(fake_server.chat_requests) == 4
    assert len(sleeps) == 3  # no pointless wait after the last attempt


def test_401_fails_at_once_naming_the_key_variable_but_never_the_key(
    fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    fake_server.require_key = "sk-the-right-one"
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ModelError) as caught:
        client.complete(ASK)
    err = caught.value
    assert (err.status, err.retryable) == (401, False)
    assert "OPENAI_API_KEY" in err.message
    _assert_no_key(err)
    assert KEY not in caplog.text
    assert client.usage.attempts == 1 and sleeps == []
    assert fake_server.chat_requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_a_server_echoing_the_key_is_redacted(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push(error(400, message=f"Bad key {KEY} in request; also sk-otherkey1234 is wrong"))
    with pytest.raises(ModelError) as caught:
        client.complete(ASK)
    _assert_no_key(caught.value)
    assert "sk-otherkey1234" not in caught.value.message
    assert "HTTP 400" in caught.value.message


def test_403_names_the_key_variable(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push(error(403))
    with pytest.raises(ModelError, match="OPENAI_API_KEY") as caught:
        client.complete(ASK)
    assert caught.value.status == 403 and client.usage.attempts == 1


def test_404_names_the_model_and_base_url(fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps) -> None:
    fake_server.push(error(404))
    with pytest.raises(ModelError) as caught:
        client.complete(ASK)
    assert MODEL in caught.value.message and "OPENAI_BASE_URL" in caught.value.message
    assert caught.value.status == 404 and not caught.value.retryable and sleeps == []


@pytest.mark.parametrize("status", [400, 422])
def test_refused_requests_are_not_retried(fake_server: FakeOpenAI, client: ModelClient, status: int) -> None:
    fake_server.push(error(status, message="This model's maximum context length is 65536 tokens."))
    with pytest.raises(ModelError) as caught:
        client.complete(ASK)
    assert "maximum context length" in caught.value.message  # the server's reason, for the user to act on
    assert (caught.value.status, caught.value.retryable, len(fake_server.chat_requests)) == (status, False, 1)


def test_an_exhausted_quota_is_not_retried(fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps) -> None:
    fake_server.push(error(429, code="insufficient_quota", message="You exceeded your current quota."))
    with pytest.raises(ModelError, match="额度") as caught:
        client.complete(ASK)
    assert not caught.value.retryable and sleeps == []


def test_a_slow_reply_past_the_read_timeout_is_retried_then_fails(fake_server: FakeOpenAI, sleeps: Sleeps) -> None:
    fake_server.default = slow(2.0, "太迟了。")
    settings = _settings(fake_server, timeout=0.3, max_attempts=2)
    with ModelClient(settings, sleep=sleeps, jitter=lambda: 0.0) as model_client:
        with pytest.raises(ModelError) as caught:
            model_client.complete(ASK)
        assert caught.value.retryable and caught.value.status is None
        assert "NIANBAO_TIMEOUT" in caught.value.message
        assert model_client.usage.attempts == 2 and len(sleeps) == 1


def test_connection_refused_is_retryable(sleeps: Sleeps) -> None:
    with FakeOpenAI() as server:
        settings = _settings(server, max_attempts=2)
    # The server is gone: its port now refuses connections.
    with ModelClient(settings, sleep=sleeps) as model_client, pytest.raises(ModelError) as caught:
        model_client.complete(ASK)
    assert caught.value.retryable and "OPENAI_BASE_URL" in caught.value.message
    assert len(sleeps) == 1


# -- streaming failures -----------------------------------------------------------------------------------


def test_stream_cut_midway_keeps_the_partial_text_then_raises(
    fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps
) -> None:
    fake_server.push(text("一二三四五六七八九十", chunk_size=3, cut_after=2))
    received: list[str] = []
    with pytest.raises(ModelError) as caught:
        for delta in client.stream(ASK):
            received.append(delta)
    assert received == ["一二三", "四五六"]
    assert caught.value.retryable and "已收到 6 字" in caught.value.message
    assert len(fake_server.chat_requests) == 1 and sleeps == []  # no retry once text was handed out


def test_stream_stalling_midway_is_a_timeout_after_partial_text(fake_server: FakeOpenAI, sleeps: Sleeps) -> None:
    fake_server.push(text("甲乙丙丁", chunk_size=2, chunk_delay=2.0))
    received: list[str] = []
    model_client = ModelClient(_settings(fake_server, timeout=0.3), sleep=sleeps)
    with model_client, pytest.raises(ModelError, match="没有收到下一段") as caught:
        for delta in model_client.stream(ASK):
            received.append(delta)
    assert received == ["甲乙"] and caught.value.retryable and sleeps == []


def test_abandoning_a_stream_early_is_quiet(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push(text("一二三四五六", chunk_size=1), "下一次。")
    deltas = client.stream(ASK)
    assert next(deltas) == "一"
    deltas.close()  # the caller has enough; the response is closed, nothing is raised
    assert client.complete(ASK) == "下一次。"  # and the client is still usable


def test_stream_retries_before_the_first_delta(fake_server: FakeOpenAI, client: ModelClient, sleeps: Sleeps) -> None:
    fake_server.push(error(503), text("重试后的回答。"))
    assert "".join(client.stream(ASK)) == "重试后的回答。"
    assert sleeps == [0.01] and client.usage.attempts == 2


def test_stream_401_fails_at_once(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push(error(401))
    with pytest.raises(ModelError, match="OPENAI_API_KEY") as caught:
        list(client.stream(ASK))
    _assert_no_key(caught.value)


# -- untrusted output --------------------------------------------------------------------------------------


def test_a_runaway_reply_is_capped(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push("很" * (MAX_REPLY_CHARS + 500), text("长" * (MAX_REPLY_CHARS + 500), chunk_size=4000))
    assert len(client.complete(ASK)) == MAX_REPLY_CHARS
    assert len("".join(client.stream(ASK))) == MAX_REPLY_CHARS


def test_smart_replies_see_the_request(fake_server: FakeOpenAI, client: ModelClient) -> None:
    fake_server.push(lambda body: text(f"收到 {len(body['messages'])} 条消息。"))
    assert client.complete(ASK) == "收到 2 条消息。"


def test_the_fake_lists_models(fake_server: FakeOpenAI) -> None:
    import openai

    with openai.OpenAI(base_url=fake_server.base_url, api_key=KEY, max_retries=0) as sdk:
        assert [m.id for m in sdk.models.list()] == [MODEL]


def test_an_unconfigured_client_refuses_without_touching_the_network() -> None:
    with pytest.raises(ModelError, match="NIANBAO_MODEL"):
        ModelClient(ModelSettings()).complete(ASK)
    with pytest.raises(ModelError, match="离线"):
        list(ModelClient(ModelSettings(model="m", api_key=KEY, offline=True)).stream(ASK))


def test_parse_retry_after_reads_seconds_milliseconds_and_dates() -> None:
    assert parse_retry_after({"Retry-After": "2"}) == 2.0
    assert parse_retry_after({"retry-after-ms": "250", "Retry-After": "9"}) == 0.25
    now = 1_700_000_000.0
    assert parse_retry_after({"Retry-After": email.utils.formatdate(now + 7, usegmt=True)}, now=now) == 7.0
    assert parse_retry_after({"Retry-After": "soon"}) is None
    assert parse_retry_after({}) is None


def test_importing_the_client_builds_nothing_and_opens_no_socket() -> None:
    code = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise AssertionError("a socket was opened at import time")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        import assistant.drafting.client as client
        from assistant.drafting.settings import ModelSettings

        built = client.ModelClient(ModelSettings(base_url="http://127.0.0.1:9/v1", model="m"))
        assert built._openai is None
        print("openai" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
