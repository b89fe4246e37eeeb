"""A model client that answers repeated requests from the job store, waits for the rate limits, or defers.

Each answer is kept under a hash of its request (model, messages and parameters, as the request body would carry
them), so a rerun of a killed batch, or a batch completed from a Batch API's results, asks the model only for
what it never answered. One client per unit: its usage and finish reason are that unit's alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any

from assistant.batch.jobs import Answer, JobStore
from assistant.batch.limits import RateLimiter
from assistant.drafting.client import Message, ModelClient, ModelError
from assistant.drafting.settings import ModelSettings


class Deferred(ModelError):
    """The request was set aside for a requests file (``--export-requests``): its answer comes later."""


def request_body(settings: ModelSettings, messages: Sequence[Message], max_tokens: int | None = None) -> dict[str, Any]:
    """The chat completion request a call makes, as a Batch API line's ``body`` carries it."""
    body: dict[str, Any] = {"model": settings.model, "messages": [dict(m) for m in messages]}
    body["max_tokens"] = settings.max_tokens if max_tokens is None else max_tokens
    if settings.temperature is not None:
        body["temperature"] = settings.temperature
    return body


def request_key(body: dict[str, Any]) -> str:
    """The request's identity: a hash of its body (keys sorted, so equal requests hash alike)."""
    data = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


class CachingClient(ModelClient):
    """A :class:`ModelClient` whose answers are kept in the job store and looked up there first.

    ``defer``: a request without a stored answer is not sent but kept in ``deferred`` (key → body), and the
    call fails as a retryable model error, so drafting goes on with the other sections.
    ``connection``: a client shared by the units of a process, whose SDK client this one uses (see ModelClient).
    """

    def __init__(
        self,
        settings: ModelSettings,
        store: JobStore,
        *,
        limiter: RateLimiter | None = None,
        defer: bool = False,
        connection: ModelClient | None = None,
    ) -> None:
        super().__init__(settings, connection=connection)
        self.store = store
        self.limiter = limiter
        self.defer = defer
        self.deferred: dict[str, dict[str, Any]] = {}
        self.cached = 0  # answers taken from the store

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int | None = None, within: float | None = None
    ) -> str:
        """The stored answer to this request, else the model's (then stored)."""
        body = request_body(self.settings, messages, max_tokens)
        key = request_key(body)
        found = self.store.answer(key)
        if found is not None:
            self.cached += 1
            self.last_finish_reason = found.finish
            return found.text
        if self.defer:
            self.deferred[key] = body
            raise Deferred("模型请求已写入请求文件，待导入结果。", hint_en="request deferred", retryable=True)
        estimate = sum(len(str(m.get("content") or "")) for m in messages)
        if self.limiter is not None:
            self.limiter.acquire(estimate)
        before = (self.usage.prompt_tokens, self.usage.completion_tokens)
        text = super().complete(messages, max_tokens=max_tokens, within=within)
        spent = (self.usage.prompt_tokens - before[0], self.usage.completion_tokens - before[1])
        if self.limiter is not None:
            self.limiter.settle(sum(spent) - estimate)
        self.store.keep(key, Answer(text, self.last_finish_reason, *spent))
        return text

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int | None = None, within: float | None = None
    ) -> Iterator[str]:
        """The whole answer as one piece: a batch shows no text as it arrives."""
        yield self.complete(messages, max_tokens=max_tokens, within=within)
