"""Model output is bounded and free of thinking: the REAL openai client, through ModelClient, against the fake server.

A token limit goes with every request (renamed once for an endpoint that wants ``max_completion_tokens``), a reply
is cut at a character cap, and neither ``<think>`` blocks nor ``reasoning_content`` reach the returned text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_openai import FakeOpenAI, error, text

from assistant.drafting.client import MAX_READ_CHARS, MAX_REPLY_CHARS, ModelClient, ModelError, forget_endpoints
from assistant.drafting.settings import DEFAULT_MAX_TOKENS, ENV_MAX_TOKENS, ModelSettings, SettingsError
from assistant.settings import Settings

ASK = [{"role": "system", "content": "你是起草助手。"}, {"role": "user", "content": "写一句话。"}]
REFUSED_TEMPERATURE = (
    "Unsupported value: 'temperature' does not support 0.3 with this model. Only the default (1) value is supported."
)


@pytest.fixture(autouse=True)
def fresh_endpoints() -> Iterator[None]:
    """What an endpoint refused is remembered for the process: no test may inherit or leave such a lesson."""
    forget_endpoints()
    yield
    forget_endpoints()


def _client(server: FakeOpenAI, slept: list[float], **overrides: Any) -> ModelClient:
    values: dict[str, Any] = {"base_url": server.base_url, "api_key": "sk-test", "model": "fake-model"}
    values.update(overrides)
    return ModelClient(ModelSettings(**values), sleep=slept.append)


def _chunked(text_: str, size: int) -> tuple[str, ...]:
    return tuple(text_[i : i + size] for i in range(0, len(text_), size))


# -- the token limit ---------------------------------------------------------------------------------------


def test_every_request_carries_the_settings_token_limit(fake_server: FakeOpenAI) -> None:
    with _client(fake_server, [], max_tokens=900) as client:
        client.complete(ASK)
        list(client.stream(ASK))
        client.complete(ASK, max_tokens=100)  # a caller may ask for less
    bodies = [r.body for r in fake_server.chat_requests]
    assert [b["max_tokens"] for b in bodies] == [900, 900, 100]
    assert not any("max_completion_tokens" in b for b in bodies)
    assert ModelSettings().max_tokens == DEFAULT_MAX_TOKENS


def test_an_endpoint_refusing_max_tokens_is_asked_again_once_and_remembered() -> None:
    slept: list[float] = []
    with FakeOpenAI(["一。", "二。", text("三。")], wants_completion_tokens=True) as server:
        with _client(server, slept, max_tokens=700) as client:
            assert client.complete(ASK) == "一。"
            assert "".join(client.stream(ASK)) == "二。"
        # A new client for the same endpoint (the app builds one per run) knows already.
        with _client(server, slept, max_tokens=700) as client:
            assert client.complete(ASK) == "三。"
        sent = [(("max_tokens" in r.body), r.body.get("max_completion_tokens")) for r in server.chat_requests]
    assert sent == [(True, None), (False, 700), (False, 700), (False, 700)]  # one 400, then the new name
    assert slept == []  # a renamed parameter is asked again at once, not after a backoff


def test_a_stream_learns_the_new_name_too_and_another_model_is_not_affected() -> None:
    with FakeOpenAI(wants_completion_tokens=True, default="好。") as server:
        with _client(server, []) as client:
            assert "".join(client.stream(ASK)) == "好。"
        with _client(server, [], model="other-model") as client:
            assert client.complete(ASK) == "好。"
        first, second, third, fourth = (r.body for r in server.chat_requests)
    assert "max_tokens" in first and second["max_completion_tokens"] == DEFAULT_MAX_TOKENS
    assert "max_tokens" in third and "max_tokens" not in fourth  # per endpoint: base_url and model


def test_other_400s_are_not_mistaken_for_the_renamed_parameter(fake_server: FakeOpenAI) -> None:
    fake_server.push(error(400, message="max_tokens is too large: 900000. This model supports at most 8192."))
    with _client(fake_server, []) as client, pytest.raises(ModelError, match="HTTP 400"):
        client.complete(ASK)
    assert len(fake_server.chat_requests) == 1


def test_a_model_refusing_our_temperature_is_asked_again_without_it(fake_server: FakeOpenAI) -> None:
    fake_server.push(error(400, message=REFUSED_TEMPERATURE, param="temperature"), "好。", "再好。")
    with _client(fake_server, []) as client:
        assert client.complete(ASK) == "好。"
        assert client.complete(ASK) == "再好。"
    assert ["temperature" in r.body for r in fake_server.chat_requests] == [True, False, False]


def test_the_token_limit_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_MAX_TOKENS, "1200")
    assert Settings().model_settings().max_tokens == 1200
    monkeypatch.setenv(ENV_MAX_TOKENS, "lots")
    with pytest.raises(SettingsError, match=ENV_MAX_TOKENS):
        Settings().model_settings()


# -- thinking ----------------------------------------------------------------------------------------------

THOUGHT = "<think>\n先想想：表格说12件，我写15件。\n</think>\n\n"
ANSWER = "本年度共收到申请{{received.total}}件。"


@pytest.mark.parametrize("size", [1, 3, 5, 7])
def test_think_blocks_split_across_chunks_never_reach_the_stream(fake_server: FakeOpenAI, size: int) -> None:
    fake_server.push(text(THOUGHT + ANSWER, chunks=_chunked(THOUGHT + ANSWER, size)))
    with _client(fake_server, []) as client:
        deltas = list(client.stream(ASK))
    assert "".join(deltas) == ANSWER
    assert not any("想" in d or "<" in d or "think" in d for d in deltas)


def test_think_blocks_never_reach_a_plain_completion(fake_server: FakeOpenAI) -> None:
    fake_server.push(THOUGHT + ANSWER, "前文<think>中途想一想</think>后文。", "仍在想，模板替它开了头</think>\n正文。")
    with _client(fake_server, []) as client:
        assert client.complete(ASK) == ANSWER
        assert client.complete(ASK) == "前文后文。"
        assert client.complete(ASK) == "正文。"


def test_an_unclosed_think_at_the_start_hides_the_rest(fake_server: FakeOpenAI) -> None:
    cut = "<think>想了很久，回答被 max_tokens 截断"
    fake_server.push(text(cut, finish_reason="length"), text(cut, chunk_size=4, finish_reason="length"))
    with _client(fake_server, []) as client:
        assert client.complete(ASK) == ""
        assert list(client.stream(ASK)) == []
        assert client.last_finish_reason == "length"


def test_reasoning_content_is_counted_not_shown(fake_server: FakeOpenAI) -> None:
    thought = "推理过程" * 10
    fake_server.push(text("答。", reasoning=thought), text("答。", reasoning=thought, chunk_size=3))
    with _client(fake_server, []) as client:
        assert client.complete(ASK) == "答。"
        assert "".join(client.stream(ASK)) == "答。"
        usage = client.usage
    assert usage.completion_tokens == 2 * (len("答。") + len(thought))
    assert usage.reasoning_tokens == 2 * len(thought)
    assert f"其中思考 {2 * len(thought)} tokens" in usage.describe()
    streamed = fake_server.chat_requests[1]
    assert streamed.stream  # the reasoning came as deltas of their own, before the answer


# -- the character cap -------------------------------------------------------------------------------------

MEGABYTE_OF_TEXT = "很" * (1024 * 1024 // 3)  # three bytes each in UTF-8


def test_a_1mb_reply_is_cut_and_the_run_says_so(fake_server: FakeOpenAI) -> None:
    fake_server.push(MEGABYTE_OF_TEXT, text(MEGABYTE_OF_TEXT, chunk_size=512))
    with _client(fake_server, []) as client:
        assert len(client.complete(ASK)) == MAX_REPLY_CHARS
        assert client.last_finish_reason == "length"
        streamed = list(client.stream(ASK))
        assert client.last_finish_reason == "length"
        usage = client.usage
    assert len("".join(streamed)) == MAX_REPLY_CHARS
    assert len(streamed) <= MAX_REPLY_CHARS // 512 + 1  # reading stopped at the cap, not at the end of the body
    assert usage.cut == 2 and "2 次回答超过" in usage.describe()


def test_a_stream_that_only_thinks_is_stopped_at_the_read_cap(fake_server: FakeOpenAI) -> None:
    fake_server.push(text("<think>" + MEGABYTE_OF_TEXT, chunk_size=1024))
    with _client(fake_server, []) as client:
        assert list(client.stream(ASK)) == []
        assert client.last_finish_reason == "length"  # cut at MAX_READ_CHARS: the body was not read to its end
        assert client.usage.cut == 1
    assert len(MEGABYTE_OF_TEXT) > MAX_READ_CHARS
