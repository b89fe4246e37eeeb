"""Batch API files: the model requests a batch still needs, and the answers that come back for them.

``requests.jsonl`` has one line per request in the OpenAI Batch API format (``custom_id``, ``method``, ``url``,
``body``), the file OpenAI's and DashScope's batch endpoints and vLLM's ``run_batch`` accept. Their output
lines (``custom_id``, ``response.status_code``, ``response.body``, ``error``) are joined back on ``custom_id``,
which is the request's key in the job store: the next run finds every answer there.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.batch.jobs import Answer, JobStore
from assistant.drafting.client import MAX_REPLY_CHARS
from assistant.drafting.thinking import strip_thinking
from assistant.errors import InputError

URL = "/v1/chat/completions"


def request_lines(deferred: Mapping[str, dict[str, Any]]) -> bytes:
    """The requests as Batch API input lines (JSONL, UTF-8), in a stable order."""
    lines = [
        json.dumps({"custom_id": key, "method": "POST", "url": URL, "body": body}, ensure_ascii=False)
        for key, body in sorted(deferred.items())
    ]
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


@dataclass
class Imported:
    """What an import did: answers stored, and one line per result that could not be used."""

    stored: int = 0
    errors: list[str] = field(default_factory=list)


def import_results(path: Path, store: JobStore) -> Imported:
    """Store every usable answer of a Batch API output file under its ``custom_id``; report the others by line."""
    done = Imported()
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError("无法读取结果文件。", hint_en="cannot read the results file", path=str(path)) from exc
    with handle:
        for number, text in enumerate(handle, 1):
            if not text.strip():
                continue
            try:
                key, answer = _answer(text)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                done.errors.append(f"第 {number} 行：{exc}")
                continue
            store.keep(key, answer)
            done.stored += 1
    return done


def _answer(text: str) -> tuple[str, Answer]:
    """The key and answer of one output line; ValueError (in Chinese) saying what is wrong with it."""
    line = json.loads(text)
    key = line.get("custom_id")
    if not isinstance(key, str) or not key:
        raise ValueError("缺少 custom_id")
    if line.get("error"):
        error = line["error"]
        raise ValueError(f"{key} 出错：{error.get('message', error) if isinstance(error, dict) else error}")
    response = line.get("response") or {}
    status = response.get("status_code", 200)
    if status != 200:
        raise ValueError(f"{key} 的回答状态为 HTTP {status}")
    body = response["body"]
    choice = body["choices"][0]
    content = choice["message"].get("content")
    if not isinstance(content, str):
        raise ValueError(f"{key} 的回答没有文本")
    finish = choice.get("finish_reason")
    content = strip_thinking(content)
    if len(content) > MAX_REPLY_CHARS:
        content, finish = content[:MAX_REPLY_CHARS], "length"
    usage = body.get("usage") or {}
    return key, Answer(content, finish, int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0))
