"""The fake server's named models (tests/fake_models.py), driven through the real client and the real drafting.

Other tests lean on these behaviours (the floor, grounding, ``nianbao eval``), so what each one says is pinned
here: vague says one sentence, good says the template with placeholders, reasoning thinks aloud in both ways a
real model does, hostile plants wrong figures, a mobile and thinking, and on request a megabyte.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_models import _VAGUE, HOSTILE_MOBILE, THINKING_MARK, section_of
from fake_openai import FakeOpenAI
from test_draft_model import request_for

from assistant.drafting.client import MAX_REPLY_CHARS, ModelClient
from assistant.drafting.offline import draft_offline
from assistant.drafting.pipeline import MODEL_SECTIONS, draft
from assistant.drafting.settings import ModelSettings

FAKE = Path(__file__).resolve().parent / "fake_openai.py"


@pytest.fixture
def journal() -> list[dict[str, object]]:
    return []


def _client(server: FakeOpenAI) -> ModelClient:
    settings = ModelSettings(base_url=server.base_url, api_key="sk-test", model="fake-model", backoff_base=0.0)
    return ModelClient(settings, sleep=lambda _: None)


def _serve(behaviour: str, **options: Any) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(behaviour=behaviour, **options) as server:
        yield server


@pytest.fixture
def good() -> Iterator[FakeOpenAI]:
    yield from _serve("good")


def _raw(journal: list[dict[str, object]], kind: str = "draft") -> dict[int, str]:
    """What the model replied per section (its text as the client returned it)."""
    return {int(str(e["section"])): str(e["text"]) for e in journal if e["kind"] == kind}


def test_the_good_model_writes_the_template_with_placeholders(good: FakeOpenAI, journal: list[Any]) -> None:
    req = request_for("songhe-2024.md")
    with _client(good) as client:
        result = draft(req, client=client, journal=journal.append)
    offline = draft_offline(req)
    raw = _raw(journal)
    assert set(raw) == set(MODEL_SECTIONS)
    assert "{{received.total}}" in raw[1] and "{{penalty.decisions}}" in raw[1]
    assert "共收到政府信息公开申请12件" not in raw[1]  # it names the figure; code writes it
    for number in MODEL_SECTIONS:
        assert result.report.text_of(number) == offline.text_of(number)  # filled back: the template, exactly


def test_the_vague_model_says_one_generic_sentence_per_section(journal: list[Any]) -> None:
    with FakeOpenAI(behaviour="vague") as server, _client(server) as client:
        draft(request_for("songhe-2024.md"), client=client, journal=journal.append)
        sections = [section_of(r.messages[-1]["content"]) for r in server.chat_requests]
    raw = _raw(journal)
    assert raw == {0: _VAGUE["preamble"], 1: _VAGUE["overview"], 5: _VAGUE["problems"], 6: _VAGUE["other"]}
    assert list(dict.fromkeys(sections)) == ["preamble", "overview", "problems", "other"]  # repairs too
    assert all(text in _VAGUE.values() for text in _raw(journal, "repair").values())  # a repair changes nothing


def test_the_reasoning_model_thinks_in_content_and_beside_it_and_none_of_it_shows(journal: list[Any]) -> None:
    shown: list[str] = []
    with FakeOpenAI(behaviour="reasoning") as server, _client(server) as client:
        result = draft(request_for("songhe-2024.md"), client=client, journal=journal.append, on_delta=_keep(shown))
        usage = client.usage
    assert shown and not any(THINKING_MARK in d or "think>" in d for d in shown)
    assert not any(THINKING_MARK in str(e["text"]) for e in journal)
    assert all(THINKING_MARK not in result.report.text_of(n) for n in MODEL_SECTIONS)
    assert usage.reasoning_tokens > 0 and usage.completion_tokens > usage.reasoning_tokens


def _keep(shown: list[str]) -> Any:
    return lambda _number, delta: shown.append(delta)


def test_the_hostile_model_plants_wrong_figures_a_mobile_and_thinking() -> None:
    req = request_for("songhe-2024.md")  # 行政处罚 37, 行政事业性收费 0, 收到申请 12
    raw: list[str] = []
    with FakeOpenAI(behaviour="hostile") as server, _client(server) as client:
        draft(req, client=client, journal=lambda entry: raw.append(str(entry["text"])))
        planted = list(server.planted)
    assert {"作出行政处罚决定35件", "行政事业性收费3万元", "共收到政府信息公开申请15件", HOSTILE_MOBILE} <= set(planted)
    said = "\n".join(raw)
    assert all(phrase in said for phrase in planted)  # what the model really wrote, for drafts to be searched for
    assert "think>" not in said and THINKING_MARK not in said  # its thinking was stopped at the client


def test_the_hostile_model_sends_a_megabyte_on_request() -> None:
    with FakeOpenAI(behaviour="hostile", huge=True) as server, _client(server) as client:
        ask = [{"role": "user", "content": "请起草“一、总体情况”的正文。"}]
        assert len(client.complete(ask)) == MAX_REPLY_CHARS
        sent = client.usage.completion_tokens
        assert sent >= 1024 * 1024 // 3  # a megabyte of three-byte characters was sent
        assert len("".join(client.stream(ask))) == MAX_REPLY_CHARS
        assert client.usage.completion_tokens == sent  # the stream was left before its closing usage chunk


def test_pushed_replies_still_come_first(good: FakeOpenAI) -> None:
    good.push("排队的回答。")
    ask = [{"role": "user", "content": "请起草“六、其他需要报告的事项”的正文。"}]
    with _client(good) as client:
        assert client.complete(ask) == "排队的回答。"
        assert client.complete(ask) == ""  # then the behaviour: no template in this prompt, nothing to rewrite


def test_an_unknown_behaviour_is_refused() -> None:
    with pytest.raises(ValueError, match="vague"):
        FakeOpenAI(behaviour="clever")


def test_the_command_line_serves_a_named_behaviour() -> None:
    command = [sys.executable, str(FAKE), "--port", "0", "--behaviour", "vague"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            base_url = proc.stdout.readline().split()[4]  # "fake OpenAI server on <url> ..."
            with ModelClient(ModelSettings(base_url=base_url, model="fake-model")) as client:
                said = client.complete([{"role": "user", "content": "请起草“五、存在的主要问题及改进情况”的正文。"}])
            assert said == _VAGUE["problems"]
        finally:
            proc.terminate()
