"""A model that hangs, cuts its answer short or answers 200 with junk: the draft goes on, says so, and falls back.

The real openai client against the fake server (slow replies, ``finish_reason: "length"``, raw bodies); deadlines
are set short so every test here finishes in a few seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI, raw, slow, text
from test_draft_model import FIXTURES, NIANBAO, SECRET, careless_model, request_for, section_of

from assistant.drafting.client import MAX_REPLY_CHARS, DeadlineExceeded, ModelClient, ModelError
from assistant.drafting.pinning import MAX_SECTION_CHARS
from assistant.drafting.pipeline import draft
from assistant.drafting.settings import (
    ENV_DRAFT_DEADLINE,
    ENV_SECTION_DEADLINE,
    ModelSettings,
    SettingsError,
)
from assistant.settings import Settings

ASK = [{"role": "user", "content": "写一句话。"}]
LABELS = ("引言", "第一部分", "第五部分", "第六部分")


def _client(server: FakeOpenAI, **settings: Any) -> ModelClient:
    values: dict[str, Any] = {"base_url": server.base_url, "api_key": SECRET, "model": "fake-model"}
    values.update(settings)
    return ModelClient(ModelSettings(**values), sleep=lambda _: None)  # backoffs cost no time


# -- deadlines ----------------------------------------------------------------------------------------------


def test_a_hung_endpoint_costs_one_deadline_not_every_retry(fake_server: FakeOpenAI) -> None:
    fake_server.default = slow(30.0)
    started = time.monotonic()
    with _client(fake_server, timeout=60.0, max_attempts=4) as client, pytest.raises(DeadlineExceeded) as caught:
        client.complete(ASK, within=0.4)
    assert time.monotonic() - started < 3.0
    assert caught.value.retryable and "限定时间" in caught.value.message
    assert len(fake_server.chat_requests) == 1  # no retry could finish in time, so none was made


def test_a_slow_stream_stops_at_the_deadline(fake_server: FakeOpenAI) -> None:
    fake_server.default = text("慢" * 200, chunk_size=1, chunk_delay=0.05)
    got: list[str] = []
    started = time.monotonic()
    with _client(fake_server) as client, pytest.raises(DeadlineExceeded):
        got.extend(client.stream(ASK, within=0.5))
    assert time.monotonic() - started < 3.0
    assert 0 < len("".join(got)) < 200


def test_the_draft_keeps_its_deadlines_and_says_so(fake_server: FakeOpenAI) -> None:
    fake_server.default = slow(30.0)
    req = request_for("songhe-2024.md")
    started = time.monotonic()
    with _client(fake_server, timeout=60.0, section_deadline=0.4, draft_deadline=0.7) as client:
        result = draft(req, client=client)
    assert time.monotonic() - started < 5.0
    assert result.fallbacks == [f"{label}：模型超时，采用模板稿" for label in LABELS]
    assert len(fake_server.chat_requests) <= 2  # the draft's time ran out: the last sections were never asked
    assert result.report.sections == draft(req).report.sections
    assert [s.source for s in result.sections] == ["template"] * 4


def test_a_streamed_section_past_its_deadline_gives_way(fake_server: FakeOpenAI) -> None:
    def dawdling(body: dict[str, Any]) -> Any:
        if section_of(body) == "problems":
            return text(careless_model(body), chunk_size=2, chunk_delay=0.05)
        return careless_model(body)

    fake_server.default = dawdling
    shown: list[str] = []
    with _client(fake_server, section_deadline=0.5) as client:
        result = draft(request_for("songhe-2024.md"), client=client, on_delta=lambda _n, d: shown.append(d))
    assert "第五部分：模型超时，采用模板稿" in result.fallbacks
    assert [s.number for s in result.sections if s.source == "template"] == [5]
    assert shown  # the sections were streamed


def test_the_cli_reads_the_deadlines_from_the_environment(tmp_path: Path, fake_server: FakeOpenAI) -> None:
    fake_server.default = slow(30.0)
    out = tmp_path / "d.md"
    env = dict(os.environ)
    env.update(
        OPENAI_BASE_URL=fake_server.base_url,
        OPENAI_API_KEY=SECRET,
        NIANBAO_MODEL="fake-model",
        **{ENV_SECTION_DEADLINE: "0.3", ENV_DRAFT_DEADLINE: "0.5"},
    )
    args = [str(NIANBAO), "draft", "--figures", str(FIXTURES / "songhe-2024.md"), "--out", str(out)]
    started = time.monotonic()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    assert time.monotonic() - started < 20.0  # a process start and a template draft, not 4 × 4 timeouts
    assert proc.returncode == 0 and "第五部分：模型超时，采用模板稿" in proc.stderr
    saved = json.loads((tmp_path / "d.flags.json").read_text(encoding="utf-8"))
    assert "第六部分：模型超时，采用模板稿" in saved["fallbacks"]


@pytest.mark.parametrize("value", ["0", "-5", "三分钟", "1e9"])
def test_a_deadline_setting_that_cannot_be_used_names_its_variable(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(ENV_SECTION_DEADLINE, value)
    with pytest.raises(SettingsError) as caught:
        Settings().model_settings()
    assert ENV_SECTION_DEADLINE in caught.value.message and "秒" in caught.value.message


def test_deadline_settings_default_sanely_and_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (ModelSettings().section_deadline, ModelSettings().draft_deadline) == (180.0, 600.0)
    monkeypatch.setenv(ENV_SECTION_DEADLINE, "45")
    monkeypatch.setenv(ENV_DRAFT_DEADLINE, " 120 ")
    settings = Settings().model_settings()
    assert (settings.section_deadline, settings.draft_deadline) == (45.0, 120.0)


# -- replies cut short --------------------------------------------------------------------------------------


@pytest.mark.parametrize("stream", [False, True])
def test_a_reply_cut_by_the_token_limit_gives_way_and_is_named(fake_server: FakeOpenAI, stream: bool) -> None:
    def cut_problems(body: dict[str, Any]) -> Any:
        if section_of(body) == "problems":
            return text(careless_model(body)[:40], finish_reason="length")
        return careless_model(body)

    fake_server.default = cut_problems
    req = request_for("songhe-2024.md")
    shown: list[str] = []
    with _client(fake_server) as client:
        result = draft(req, client=client, on_delta=(lambda _n, d: shown.append(d)) if stream else None)
    assert "第五部分：模型回答被截断（超出长度上限），采用模板稿" in result.fallbacks
    assert result.report.text_of(5) == draft(req).report.text_of(5)
    assert bool(shown) == stream


@pytest.mark.parametrize("length", [MAX_REPLY_CHARS + 50, MAX_SECTION_CHARS + 50])
def test_a_reply_cut_at_a_character_cap_gives_way(fake_server: FakeOpenAI, length: int) -> None:
    def long_other(body: dict[str, Any]) -> str:
        answer = careless_model(body)
        return answer + "另外，" + "持续推进。" * (length // 5) if section_of(body) == "other" else answer

    fake_server.default = long_other
    req = request_for("songhe-2024.md")
    with _client(fake_server) as client:
        result = draft(req, client=client)
    assert "第六部分：模型回答被截断（超出长度上限），采用模板稿" in result.fallbacks
    assert "持续推进。持续推进。" not in result.report.text_of(6)


# -- a 200 that is no completion ----------------------------------------------------------------------------

JUNK = [
    raw("<html><body>网关维护中</body></html>", content_type="text/html"),
    raw("not json at all"),
    raw('{"id": "x", "object": "chat.completion"}'),  # JSON without choices
    raw('{"choices": []}'),
]


@pytest.mark.parametrize("junk", JUNK)
def test_a_body_that_is_no_completion_is_a_retried_server_fault(fake_server: FakeOpenAI, junk: Any) -> None:
    fake_server.push(junk, junk)
    with _client(fake_server, max_attempts=3) as client:
        assert client.complete(ASK) == "好的。"  # the third attempt got a proper answer
    assert len(fake_server.chat_requests) == 3


@pytest.mark.parametrize("stream", [False, True])
def test_junk_every_time_is_a_model_error_not_an_internal_one(fake_server: FakeOpenAI, stream: bool) -> None:
    fake_server.default = raw("not json at all", content_type="application/json")
    with _client(fake_server, max_attempts=2) as client, pytest.raises(ModelError) as caught:
        if stream:
            list(client.stream(ASK))
        else:
            client.complete(ASK)
    assert caught.value.retryable and "（已尝试 2 次）" in caught.value.message


def test_a_stream_data_line_that_is_not_json_is_a_server_fault(fake_server: FakeOpenAI) -> None:
    fake_server.push(raw("data: {broken\n\n", content_type="text/event-stream"))
    with _client(fake_server, max_attempts=2) as client:
        assert "".join(client.stream(ASK)) == "好的。"


def test_the_draft_survives_junk_replies(fake_server: FakeOpenAI) -> None:
    fake_server.default = raw("<html>502 Bad Gateway</html>", content_type="text/html")
    req = request_for("songhe-2024.md")
    with _client(fake_server, max_attempts=2) as client:
        result = draft(req, client=client)
    assert len(result.fallbacks) == 4 and all("OpenAI 兼容" in line for line in result.fallbacks)
    assert result.report.sections == draft(req).report.sections
