"""A small OpenAI-compatible server from the standard library, for driving the real ``openai`` client in tests.

openai 3.x talks through httpx2, which transport-patching libraries do not intercept; so instead of mocking,
tests run this server on 127.0.0.1 (port 0) and point the real client at ``server.base_url``.

Behaviour is scripted: a queue of replies, each one of

* ``text("...")`` — a completion (plain JSON, or SSE chunks when the request streams); ``cut_after=n`` closes
  the connection after n content chunks, ``chunk_delay`` streams slowly, ``usage`` overrides token counts,
  ``reasoning="..."`` sends ``reasoning_content`` too (in the message, or in deltas before the content);
* ``error(429, retry_after=2)`` — an OpenAI-shaped error body with that status (and Retry-After header);
* ``slow(2.0, then)`` — wait before answering (a stop at shutdown cuts the wait short);
* ``raw(b"<html>…", content_type="text/html")`` — that body as it is, status 200 unless told (a proxy's page,
  a broken gateway), whether the request streams or not;
* a callable ``(request_json) -> reply | str`` — a "smart" reply built from the prompt;
* a plain ``str`` — shorthand for ``text(...)``.

When the queue is empty the ``default`` reply answers. Every request is recorded in ``requests`` (method, path,
headers, parsed JSON body). Tokens are counted as characters so tests can predict usage exactly (reasoning
included, and reported as ``completion_tokens_details.reasoning_tokens``).

Named model behaviours (``FakeOpenAI(behaviour="vague")``) answer every request the queue does not, from the
drafting prompt itself (tests/fake_models.py has the details):

* ``vague`` — one generic sentence per section (no 统计期限, no sub-parts, no fee);
* ``good`` — a proper section: the template's draft with its figures as ``{{placeholders}}``; a repair request
  gets its draft back;
* ``reasoning`` — the good answer behind a ``<think>`` block split across small chunks, plus
  ``reasoning_content``; all thinking carries ``fake_models.THINKING_MARK``;
* ``hostile`` — wrong literal figures (e.g. 作出行政处罚决定12件 where the table says 14, 行政事业性收费3万元),
  a personal mobile (``fake_models.HOSTILE_MOBILE``) and a ``<think>`` block; ``huge=True`` makes every reply
  about 1 MB. ``server.planted`` collects the exact wrong phrases it wrote, to look for in the written draft;
* ``markup`` — the good answer with HTML, links, images, a pipe table, a formula, other parts' headings and
  an unfillable placeholder slipped in (``fake_models.MARKUP``).

``wants_completion_tokens=True`` makes the server act as OpenAI's newer models do: any request carrying
``max_tokens`` gets the real 400 ("Unsupported parameter: 'max_tokens' is not supported with this model. Use
'max_completion_tokens' instead."). The client remembers that per endpoint for the whole process, so a test
using it calls ``assistant.drafting.client.forget_endpoints()`` when done.

By hand, for trying the app without a real model::

    python tests/fake_openai.py --port 8765 --reply-file reply.txt
    python tests/fake_openai.py --behaviour vague|good|reasoning|hostile|markup [--huge] [--wants-completion-tokens]
    OPENAI_BASE_URL=http://127.0.0.1:8765/v1 NIANBAO_MODEL=fake-model nianbao draft ...
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import fake_models

DEFAULT_MODEL = "fake-model"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Bodies larger than this are refused: a test server has no business reading unbounded input.
_MAX_BODY = 16 * 1024 * 1024


@dataclass(frozen=True)
class TextReply:
    content: str
    finish_reason: str = "stop"
    chunk_size: int = 8  # characters per streamed delta
    chunks: tuple[str, ...] | None = None  # explicit deltas, overriding chunk_size
    chunk_delay: float = 0.0  # seconds between streamed chunks
    cut_after: int | None = None  # stream: close the connection after this many content chunks
    usage: tuple[int, int] | None = None  # (prompt_tokens, completion_tokens); default counts characters
    stream_usage: bool = True  # False: ignore stream_options.include_usage, as some servers do
    reasoning: str = ""  # sent as reasoning_content, as DeepSeek's and vLLM's reasoning models do

    def deltas(self) -> list[str]:
        if self.chunks is not None:
            return list(self.chunks)
        size = max(1, self.chunk_size)
        return [self.content[i : i + size] for i in range(0, len(self.content), size)] or [""]


@dataclass(frozen=True)
class ErrorReply:
    status: int
    message: str = ""
    type: str | None = None
    code: str | None = None
    retry_after: float | str | None = None  # seconds, or an HTTP date string
    retry_after_ms: float | None = None
    headers: tuple[tuple[str, str], ...] = ()
    param: str | None = None


@dataclass(frozen=True)
class SlowReply:
    seconds: float
    then: Reply


@dataclass(frozen=True)
class RawReply:
    body: bytes
    content_type: str = "application/json"
    status: int = 200


Reply = TextReply | ErrorReply | SlowReply | RawReply | str | Callable[[dict[str, Any]], Any]

_ERROR_TYPES = {
    400: ("invalid_request_error", "Invalid request."),
    401: ("invalid_request_error", "Incorrect API key provided."),
    403: ("permission_denied", "You are not allowed to use this model."),
    404: ("invalid_request_error", "The model does not exist or you do not have access to it."),
    422: ("invalid_request_error", "Unprocessable request."),
    429: ("rate_limit_exceeded", "Rate limit reached. Please try again later."),
    500: ("server_error", "The server had an error while processing your request."),
    503: ("server_error", "The engine is currently overloaded."),
}


def text(content: str, **options: Any) -> TextReply:
    return TextReply(content, **options)


def error(
    status: int,
    *,
    message: str = "",
    retry_after: float | str | None = None,
    retry_after_ms: float | None = None,
    code: str | None = None,
    type: str | None = None,
    headers: Iterable[tuple[str, str]] = (),
    param: str | None = None,
) -> ErrorReply:
    return ErrorReply(status, message, type, code, retry_after, retry_after_ms, tuple(headers), param)


# OpenAI's answer, word for word, when a newer model (o-series, gpt-5) is sent max_tokens.
MAX_TOKENS_REFUSED = error(
    400,
    message=(
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."
    ),
    type="invalid_request_error",
    param="max_tokens",
    code="unsupported_parameter",
)


def slow(seconds: float, then: Reply = "好的。") -> SlowReply:
    return SlowReply(seconds, then)


def raw(body: bytes | str, *, content_type: str = "application/json", status: int = 200) -> RawReply:
    return RawReply(body.encode() if isinstance(body, str) else body, content_type, status)


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # every header, names lower-cased
    body: Any  # parsed JSON, or None
    response_format: Any = field(default=None)

    @property
    def stream(self) -> bool:
        return isinstance(self.body, dict) and bool(self.body.get("stream"))

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []


class FakeOpenAI:
    """The scripted server. ``with FakeOpenAI(["hi"]) as server: ...`` or start()/stop()."""

    def __init__(
        self,
        replies: Iterable[Reply] = (),
        *,
        default: Reply = "好的。",
        models: Iterable[str] = (DEFAULT_MODEL,),
        require_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        behaviour: str | None = None,
        huge: bool = False,
        wants_completion_tokens: bool = False,
    ) -> None:
        if host not in _LOOPBACK:
            raise ValueError("the fake OpenAI server only listens on the loopback interface")
        if behaviour is not None and behaviour not in fake_models.BEHAVIOURS:
            raise ValueError(f"unknown behaviour {behaviour!r}; one of {', '.join(fake_models.BEHAVIOURS)}")
        self.behaviour = behaviour
        self.huge = huge  # hostile: replies of about 1 MB
        self.wants_completion_tokens = wants_completion_tokens
        self.planted: list[str] = []  # the hostile model's wrong phrases, as written
        self.default = self._behave if behaviour is not None else default
        self.models = tuple(models)
        self.require_key = require_key  # when set, a wrong or missing Bearer token gets a 401
        self.requests: list[RecordedRequest] = []
        self._replies: deque[Reply] = deque(replies)
        self.in_flight = 0  # chat requests being answered now
        self.most_in_flight = 0  # the most ever answered at once: how much concurrency a client really used
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._host, self._port = host, port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- script ------------------------------------------------------------------------------------------

    def push(self, *replies: Reply) -> FakeOpenAI:
        with self._lock:
            self._replies.extend(replies)
        return self

    def _next_reply(self) -> Reply:
        with self._lock:
            return self._replies.popleft() if self._replies else self.default

    def _behave(self, body: dict[str, Any]) -> TextReply:
        """The named behaviour's reply to this request (the server's default when one was chosen)."""
        assert self.behaviour is not None
        said = fake_models.answer(self.behaviour, body, huge=self.huge)
        if self.behaviour == "hostile":
            wrong = fake_models.planted(fake_models.user_prompt(body))
            with self._lock:
                self.planted.extend(w for w in wrong if w not in self.planted)
        return TextReply(said.content, chunk_size=said.chunk_size, reasoning=said.reasoning)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._replies)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.rstrip("/").endswith("/chat/completions")]

    # -- lifecycle ---------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FakeOpenAI:
        self._stopping.clear()
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = _Server((self._host, self._port), handler)
        # A short poll interval keeps shutdown (and so every fixture teardown) near-instant.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes slow replies so their threads end promptly
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- replies -----------------------------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _wait(self, seconds: float) -> bool:
        """Sleep, but give up at shutdown. True when the full wait elapsed."""
        return not self._stopping.wait(seconds)

    def _completion_id(self) -> str:
        return f"chatcmpl-fake{next(self._ids)}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung reply must never keep the test process alive
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hang up on purpose in these tests (timeouts, cut streams); that is not worth a traceback.
        pass


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI
    protocol_version = "HTTP/1.1"  # keep-alive and chunked streaming, as real servers do

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the history is the log
        pass

    # -- routing -----------------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._record(None)
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.fake.models]
            self._send_json(200, {"object": "list", "data": data})
        else:
            self._send_error(ErrorReply(404, message=f"Unknown path {self.path}"))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._record(None)
            self._send_error(ErrorReply(413, message="Request too large"))
            return
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        self._record(body)
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._send_error(ErrorReply(404, message=f"Unknown path {self.path}"))
            return
        if not isinstance(body, dict):
            self._send_error(ErrorReply(400, message="We could not parse the JSON body of your request."))
            return
        key = self.fake.require_key
        if key is not None and self.headers.get("Authorization") != f"Bearer {key}":
            self._send_error(ErrorReply(401))
            return
        if self.fake.wants_completion_tokens and "max_tokens" in body:
            self._send_error(MAX_TOKENS_REFUSED)
            return
        with self.fake._lock:
            self.fake.in_flight += 1
            self.fake.most_in_flight = max(self.fake.most_in_flight, self.fake.in_flight)
        try:
            self._answer(self.fake._next_reply(), body)
        finally:
            with self.fake._lock:
                self.fake.in_flight -= 1

    def _record(self, body: Any) -> None:
        rf = body.get("response_format") if isinstance(body, dict) else None
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.fake._record(RecordedRequest(self.command, self.path, headers, body, rf))

    def _answer(self, reply: Reply, body: dict[str, Any]) -> None:
        try:
            while True:
                if isinstance(reply, SlowReply):
                    if not self.fake._wait(reply.seconds):
                        return
                    reply = reply.then
                elif isinstance(reply, str):
                    reply = TextReply(reply)
                elif isinstance(reply, TextReply | ErrorReply | RawReply):
                    break
                elif callable(reply):
                    reply = reply(body)
                else:
                    raise TypeError(f"not a reply: {reply!r}")
            if isinstance(reply, ErrorReply):
                self._send_error(reply)
            elif isinstance(reply, RawReply):
                self._send_raw(reply)
            elif body.get("stream"):
                self._send_stream(reply, body)
            else:
                self._send_completion(reply, body)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True  # the client gave up (a timeout test); nothing to answer

    # -- bodies ------------------------------------------------------------------------------------------

    def _usage(self, reply: TextReply, body: dict[str, Any]) -> dict[str, int]:
        if reply.usage is not None:
            prompt, completion = reply.usage
        else:
            prompt = sum(len(str(m.get("content") or "")) for m in body.get("messages", []) if isinstance(m, dict))
            completion = len(reply.content) + len(reply.reasoning)
        usage: dict[str, Any] = {"prompt_tokens": prompt, "completion_tokens": completion}
        usage["total_tokens"] = prompt + completion
        if reply.reasoning:
            usage["completion_tokens_details"] = {"reasoning_tokens": len(reply.reasoning)}
        return usage

    def _send_completion(self, reply: TextReply, body: dict[str, Any]) -> None:
        self._send_json(
            200,
            {
                "id": self.fake._completion_id(),
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model") or DEFAULT_MODEL,
                "choices": [
                    {
                        "index": 0,
                        "message": self._message(reply),
                        "logprobs": None,
                        "finish_reason": reply.finish_reason,
                    }
                ],
                "usage": self._usage(reply, body),
            },
        )

    @staticmethod
    def _message(reply: TextReply) -> dict[str, Any]:
        message = {"role": "assistant", "content": reply.content}
        if reply.reasoning:
            message["reasoning_content"] = reply.reasoning
        return message

    def _send_stream(self, reply: TextReply, body: dict[str, Any]) -> None:
        cid, created, model = self.fake._completion_id(), int(time.time()), body.get("model") or DEFAULT_MODEL
        options = body.get("stream_options") or {}
        include_usage = reply.stream_usage and isinstance(options, dict) and bool(options.get("include_usage"))

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            out: dict[str, Any] = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
            }
            if include_usage:
                out["usage"] = None  # as OpenAI: null on every chunk but the last
            return out

        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self._event(chunk({"role": "assistant", "content": ""}))
        for n in range(0, len(reply.reasoning), max(1, reply.chunk_size)):
            self._event(chunk({"content": None, "reasoning_content": reply.reasoning[n : n + reply.chunk_size]}))
        for n, piece in enumerate(reply.deltas()):
            if reply.cut_after is not None and n >= reply.cut_after:
                self._hang_up()
                return
            if n and reply.chunk_delay and not self.fake._wait(reply.chunk_delay):
                self._hang_up()
                return
            self._event(chunk({"content": piece}))
        self._event(chunk({}, reply.finish_reason))
        if include_usage:
            self._event(
                {
                    "id": cid,
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": model,
                    "choices": [],
                    "usage": self._usage(reply, body),
                }
            )
        self._write_chunk(b"data: [DONE]\n\n")
        self._write_chunk(b"")  # the zero-length chunk ends the body

    def _event(self, data: dict[str, Any]) -> None:
        self._write_chunk(f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode())

    def _write_chunk(self, payload: bytes) -> None:
        self.wfile.write(f"{len(payload):X}\r\n".encode() + payload + b"\r\n")
        self.wfile.flush()

    def _hang_up(self) -> None:
        """Drop the connection mid-body, without the closing chunk: what a crashed upstream looks like."""
        self.wfile.flush()
        self.close_connection = True
        with contextlib.suppress(OSError):  # the client may already be gone
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send_error(self, reply: ErrorReply) -> None:
        default_type, default_message = _ERROR_TYPES.get(reply.status, ("api_error", f"HTTP {reply.status}"))
        headers = list(reply.headers)
        if reply.retry_after is not None:
            value = reply.retry_after
            headers.append(("Retry-After", value if isinstance(value, str) else f"{value:g}"))
        if reply.retry_after_ms is not None:
            headers.append(("retry-after-ms", f"{reply.retry_after_ms:g}"))
        error_body = {
            "error": {
                "message": reply.message or default_message,
                "type": reply.type or default_type,
                "param": reply.param,
                "code": reply.code,
            }
        }
        self._send_json(reply.status, error_body, headers)

    def _send_raw(self, reply: RawReply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)
        self.wfile.flush()

    def _send_json(self, status: int, data: Any, headers: Iterable[tuple[str, str]] = ()) -> None:
        payload = json.dumps(data, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("x-request-id", f"req_fake{next(self.fake._ids)}")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()


def serve(replies: Iterable[Reply] = (), **options: Any) -> Iterator[FakeOpenAI]:
    """Generator form for a pytest fixture: start, yield the server, stop at teardown."""
    server = FakeOpenAI(replies, **options).start()
    try:
        yield server
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A fake OpenAI-compatible server for trying 年报助手 by hand.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reply-file", type=Path, help="answer every request with this file's text")
    parser.add_argument("--reply", default="好的。", help="answer every request with this text")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds between streamed chunks")
    parser.add_argument("--behaviour", choices=fake_models.BEHAVIOURS, help="answer as this kind of model")
    parser.add_argument("--huge", action="store_true", help="hostile: replies of about 1 MB")
    parser.add_argument(
        "--wants-completion-tokens", action="store_true", help="refuse max_tokens as OpenAI's newer models do"
    )
    args = parser.parse_args(argv)
    content = args.reply_file.read_text(encoding="utf-8") if args.reply_file else args.reply
    server = FakeOpenAI(
        default=text(content, chunk_delay=args.delay),
        port=args.port,
        behaviour=args.behaviour,
        huge=args.huge,
        wants_completion_tokens=args.wants_completion_tokens,
    ).start()
    print(f"fake OpenAI server on {server.base_url} (model {DEFAULT_MODEL}); Ctrl-C to stop", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
