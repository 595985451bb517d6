"""ASGI middlewares that protect the whole server (REST, /v1 and the mounted web UI).

- ``BodyLimit``: refuses a request body over its path's limit: by ``Content-Length`` before a
  byte is read, and while streaming (chunked bodies) as soon as the limit is passed.
- ``CrossSiteGuard``: a state-changing request (POST/PUT/PATCH/DELETE) whose ``Origin`` (or,
  without one, ``Referer``) is another site is refused; under /api and /v1 a POST must also be a
  request a web page cannot send without a CORS preflight: a JSON body, an API key header, or
  the header ``X-Requested-With`` (any value). A page the official visits cannot plant reports.
- ``LoginThrottle``: after ``max_failures`` wrong logins from one client address within
  ``window_s`` seconds, further logins from it get 429 until the window has passed.
- ``ContainErrors``: an unexpected exception becomes a JSON 500 and is *not* re-raised to the
  server, so the client's keep-alive connection stays usable for its next request.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

__all__ = ["BodyLimit", "CrossSiteGuard", "LoginThrottle", "ContainErrors", "BodyTooLarge",
           "MAX_JSON_BYTES"]

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# A request that is not an upload: a question (REPORTQA_MAX_QUERY_CHARS) with its history fits
# many times; anything larger is not a question.
MAX_JSON_BYTES = 1 << 20
_STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# content types a web page may POST cross-site without a CORS preflight (the Fetch standard's
# "CORS-safelisted" types); an empty type is sent by a no-cors fetch of a Blob
_SIMPLE_TYPES = {"", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or ():
        if key == name:
            return value.decode("latin-1")
    return ""


async def _send_json(send: Send, status: int, body: dict[str, Any],
                     headers: dict[str, str] | None = None) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": data})


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes its limit; FastAPI passes an
    HTTPException through its body parsing, so the client gets this 413."""

    def __init__(self, limit: int):
        super().__init__(413, f"request body over the limit of {limit / 1048576:g} MB "
                         "(uploads: REPORTQA_MAX_UPLOAD_MB)", headers={"Connection": "close"})


class BodyLimit:
    """``limit_for(path) -> bytes`` gives each path's limit."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]):
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["path"])
        length = _header(scope, b"content-length")
        if length.isdigit() and int(length) > limit:
            err = BodyTooLarge(limit)
            return await _send_json(send, 413, {"error": err.detail}, err.headers)
        seen, started = 0, False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, watch)
        except BodyTooLarge as err:
            if started:
                raise
            await _send_json(send, 413, {"error": err.detail}, err.headers)


def _origin_host(value: str) -> str:
    parts = urlsplit(value)
    return parts.netloc.lower() if parts.scheme in ("http", "https") else "\x00foreign"


class CrossSiteGuard:
    """See the module docstring. ``protected``: path prefixes whose POSTs must be non-simple."""

    def __init__(self, app: ASGIApp, protected: tuple[str, ...] = ("/api/", "/v1/")):
        self.app, self.protected = app, protected

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _STATE_CHANGING:
            refusal = self._refusal(scope)
            if refusal:
                log.warning("refused %s %s: %s", scope["method"], scope["path"], refusal)
                return await _send_json(send, 403, {"error": refusal})
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> str | None:
        own = {h.lower() for h in (_header(scope, b"host"), _header(scope, b"x-forwarded-host"))
               if h}
        origin = _header(scope, b"origin") or _header(scope, b"referer")
        if origin and _origin_host(origin) not in own:
            return (f"cross-site request refused: origin {origin[:100]!r} is not this server; "
                    "call the API from this server's own pages or without a browser")
        if scope["method"] == "POST" and scope["path"].startswith(self.protected) \
                and self._simple(scope):
            return ("this request could come from any web page (a form post): send the header "
                    "'X-Requested-With: reportqa' (any value), or the API key, or a JSON body")
        return None

    @staticmethod
    def _simple(scope: Scope) -> bool:
        ctype = _header(scope, b"content-type").split(";")[0].strip().lower()
        return ctype in _SIMPLE_TYPES and not any(
            _header(scope, h) for h in (b"x-requested-with", b"authorization", b"x-api-key"))


class LoginThrottle:
    """Counts failed POSTs to ``path`` (status >= 400) per client address."""

    def __init__(self, app: ASGIApp, path: str = "/login", max_failures: int = 5,
                 window_s: float = 60.0):
        self.app, self.path = app, path
        self.max_failures, self.window_s = max_failures, window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" \
                or scope["path"].rstrip("/") != self.path:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("?", 0))[0]
        wait = self._wait(client)
        if wait > 0:
            return await _send_json(send, 429, {"error": "too many wrong logins; wait and retry"},
                                    {"Retry-After": str(int(wait) + 1)})

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] >= 400:
                with self._lock:
                    self._failures[client].append(time.monotonic())
            await send(message)

        await self.app(scope, receive, watch)

    def _wait(self, client: str) -> float:
        now = time.monotonic()
        with self._lock:
            times = self._failures[client]
            while times and now - times[0] > self.window_s:
                times.popleft()
            if len(times) < self.max_failures:
                return 0.0
            return self.window_s - (now - times[0])


class ContainErrors:
    """Innermost guard: an exception no route handled becomes a JSON 500 on a connection that
    stays open (Starlette's own last-resort handler re-raises, and the server then drops the
    connection, failing the client's next request too)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as err:  # the last line of defence: log it, answer, keep serving
            if started:
                raise
            log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            await _send_json(send, 500, {"error": f"internal error ({type(err).__name__}); "
                                         "see the server log"})
