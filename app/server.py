"""`reportqa serve`: one process, one FastAPI app: REST under /api, the OpenAI-compatible API under
/v1, the MCP endpoint at /mcp, /healthz, API docs at /docs (offline), and the Gradio web UI
mounted at "/".

Routes are thin: they validate input (pydantic models, so /docs is meaningful) and call
ReportQA through ReportService. Blocking work (answering, ingesting) runs in worker threads, so an
upload being ingested never stops questions from being answered.

Protection of the whole server (body size, cross-site requests, login throttling, errors that
keep the connection open) lives in app/guards.py; paths shown to clients are relative to the
corpus (ReportService.public).
"""
from __future__ import annotations

import contextlib
import inspect
import json
import logging
import secrets
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.routing import APIRoute
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException

from ingest import errors as E
from ingest.settings import Settings

from app import openai_compat as oai
from app.guards import (MAX_JSON_BYTES, BodyLimit, ContainErrors, CrossSiteGuard,
                        LoginThrottle)
from app.service import NoReportsError, ReportService, StorageError, UploadFailedError

__all__ = ["create_app", "serve"]

log = logging.getLogger(__name__)


# --- request / response models ----------------------------------------------------------------
# Bounds that no real request comes near; they keep a hostile one from costing CPU or memory.
MAX_HISTORY_MESSAGES = 200   # more is refused (422)
HISTORY_TURNS_USED = 20      # a follow-up refers to the recent turns; older ones are dropped
Year = Annotated[int, Field(ge=1000, le=9999)]
Name = Annotated[str, Field(max_length=200)]


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: Name | list[Name] | None = Field(None, description="province, city or district, e.g. 盐田区")
    year: Year | list[Year] | None = Field(None, description="the year a report covers")
    issuer: Name | None = None
    kind: Name | None = None
    doc_id: Name | list[Name] | None = None


class Message(BaseModel):
    role: Literal["user", "assistant", "system"]
    content: str = Field(max_length=20_000)


class AskRequest(BaseModel):
    question: str = Field(min_length=1, examples=["盐田区2020年人民调解成功率是多少？"])
    history: list[Message] | None = Field(None, max_length=MAX_HISTORY_MESSAGES)
    filters: Filters | None = None


class CitationOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    n: int
    doc_id: str
    title: str = ""
    source: str = ""
    region: str = ""
    year: int | None = None
    section: str = ""
    text: str = ""


class AskResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    question: str
    answer: str
    found: bool
    citations: list[CitationOut]
    timings_ms: dict[str, float] = {}


class SearchRequest(BaseModel):
    query: str = Field(min_length=1, examples=["人民调解成功率"])
    k: int | None = Field(None, ge=1, le=100)
    filters: Filters | None = None
    mode: Literal["hybrid", "bm25", "dense"] | None = None


class HitOut(BaseModel):
    rank: int
    chunk_id: str
    score: float
    text: str
    meta: dict[str, Any]
    bm25_rank: int | None = None
    dense_rank: int | None = None
    bm25_score: float | None = None
    dense_score: float | None = None


class SearchResponse(BaseModel):
    query: str
    hits: list[HitOut]


class IngestReportOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    ingested: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    removed: list[str] = []


class Health(BaseModel):
    status: str
    documents: int
    chunks: int
    encoder: Any = None
    index_version: str | None = None
    recovered_uploads: dict[str, list[str]] = {}


# --- errors -----------------------------------------------------------------------------------
_STATUS: list[tuple[type[Exception], int]] = [
    (NoReportsError, 503), (E.IndexNotFoundError, 503), (E.DocumentNotFoundError, 404),
    (UploadFailedError, 422), (StorageError, 507), (E.FileTooLargeError, 413), (E.UnsupportedFormatError, 415),
    (E.LoadError, 422), (E.InvalidQueryError, 422), (E.UnknownRegionError, 422),
    (E.LLMError, 502), (E.IndexCorruptError, 500), (E.EncoderMismatchError, 500),
    (E.EncoderUnavailableError, 500), (E.ReportQAError, 400),
]


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for e in err.errors():
        if e.get("type") == "json_invalid":
            return f"malformed JSON body: {(e.get('ctx') or {}).get('error', 'cannot parse')}"
        loc = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
        parts.append(f"{loc}: {e.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _add_error_handlers(app: FastAPI, svc: ReportService) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, err: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(err))

    @app.exception_handler(HTTPException)
    async def _http(_: Request, err: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(err.detail)}, status_code=err.status_code,
                            headers=getattr(err, "headers", None))

    @app.exception_handler(E.ReportQAError)
    async def _domain(_: Request, err: E.ReportQAError) -> JSONResponse:
        status = next(code for cls, code in _STATUS if isinstance(err, cls))
        extra = {"report": err.report} if isinstance(err, UploadFailedError) else {}
        return _error(status, svc.scrub(str(err)), **extra)

    @app.exception_handler(Exception)
    async def _crash(request: Request, err: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, f"internal error ({type(err).__name__}); see the server log")


# --- auth -------------------------------------------------------------------------------------
def _key_checker(api_key: str | None):
    def check(request: Request) -> None:
        if not api_key:
            return
        auth = request.headers.get("authorization", "")
        given = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        given = given or request.headers.get("x-api-key", "")
        if not secrets.compare_digest(given.encode(), api_key.encode()):
            raise HTTPException(401, "missing or wrong API key: send 'Authorization: Bearer KEY' "
                                "or 'X-API-Key: KEY'", headers={"WWW-Authenticate": "Bearer"})
    return check


def _key_dependency(api_key: str | None):
    """The key check as a route dependency. A coroutine, so FastAPI runs it on the event loop:
    a plain function dependency would cost every request a hop to a worker thread and back."""
    check = _key_checker(api_key)

    async def require_key(request: Request) -> None:
        check(request)
    return require_key


# --- routes -----------------------------------------------------------------------------------
def _filters(f: Filters | None) -> dict[str, Any] | None:
    return f.model_dump(exclude_none=True) or None if f else None


def _hit(rank: int, hit: Any) -> HitOut:
    return HitOut(rank=rank, chunk_id=hit.chunk.id, score=float(hit.score), text=hit.chunk.text,
                  meta=dict(hit.chunk.meta), bm25_rank=hit.bm25_rank, dense_rank=hit.dense_rank,
                  bm25_score=hit.bm25_score, dense_score=hit.dense_score)


def _ask(svc: ReportService, req: AskRequest) -> dict[str, Any]:
    history = [m.model_dump() for m in req.history][-HISTORY_TURNS_USED:] if req.history else None
    answer = svc.qa().ask(req.question, history=history, filters=_filters(req.filters))
    return svc.public(answer.to_dict())


def _search(svc: ReportService, req: SearchRequest) -> SearchResponse:
    hits = svc.qa().search(req.query, k=req.k, filters=_filters(req.filters), mode=req.mode)
    return SearchResponse(query=req.query, hits=[_hit(i + 1, h) for i, h in enumerate(hits)])


def _api_router(svc: ReportService) -> APIRouter:
    r = APIRouter(prefix="/api")

    # ask and search are coroutines that hand the blocking work to a worker thread in one hop;
    # FastAPI then checks the response on the event loop (for a plain function route it would
    # take a second hop to a thread for that)
    @r.post("/ask", response_model=AskResponse, summary="Answer a question with citations")
    async def ask(req: AskRequest) -> dict[str, Any]:
        return await run_in_threadpool(_ask, svc, req)

    @r.post("/search", response_model=SearchResponse, summary="Ranked passages (hybrid search)")
    async def search(req: SearchRequest) -> SearchResponse:
        return await run_in_threadpool(_search, svc, req)

    @r.get("/documents", summary="Reports in the index with their metadata")
    def documents() -> dict[str, Any]:
        qa = svc.current()
        return svc.public({"documents": qa.documents() if qa else []})

    @r.post("/documents", response_model=IngestReportOut, summary="Upload and ingest reports")
    async def upload(files: list[UploadFile] = File(...)) -> dict[str, Any]:
        try:
            return await run_in_threadpool(svc.upload, [(f.filename or "", f.file) for f in files])
        finally:
            for f in files:
                await f.close()

    @r.delete("/documents/{doc_id}", response_model=IngestReportOut, summary="Remove a report")
    def delete(doc_id: str) -> dict[str, Any]:
        return svc.delete(doc_id)

    @r.get("/documents/{doc_id}/text", response_class=PlainTextResponse,
           summary="The full cleaned text of a report (plain text)")
    def document_text(doc_id: str) -> PlainTextResponse:
        return PlainTextResponse(svc.qa().document_text(doc_id),
                                 headers={"X-Content-Type-Options": "nosniff"})

    @r.get("/facts", summary="Figures extracted from the reports")
    def facts(metric: str | None = Query(None, max_length=200, examples=["人民调解成功率"]),
              region: str | None = Query(None, max_length=200),
              year: int | None = Query(None, ge=1000, le=9999)) -> dict[str, Any]:
        qa = svc.current()
        found = qa.facts(metric=metric, region=region, year=year) if qa and qa.documents() else []
        return svc.public({"facts": [f.to_dict() for f in found]})

    @r.get("/regions", summary="Regions covered by the reports")
    def regions() -> dict[str, Any]:
        qa = svc.current()
        return {"regions": qa.regions() if qa else []}

    _add_fallback(r)
    return r


def _add_fallback(r: APIRouter) -> None:
    """JSON 404/405 for unknown paths under the router's prefix (else the UI mounted at "/"
    would answer them with its own page)."""
    known = [route for route in r.routes if isinstance(route, APIRoute)]

    @r.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"],
                 include_in_schema=False)
    def unknown(request: Request, path: str) -> None:
        allowed = sorted({m for route in known if route.path_regex.match(request.url.path)
                          for m in route.methods or ()})
        if allowed:
            raise HTTPException(405, f"{request.method} is not allowed on {request.url.path}; "
                                f"use {', '.join(allowed)}", headers={"Allow": ", ".join(allowed)})
        raise HTTPException(404, f"no such endpoint: {request.url.path}")


def _body_limit(svc: ReportService):
    """Uploads (REST and the web UI's) may carry one file of REPORTQA_MAX_UPLOAD_MB plus the
    multipart framing; every other request is a small JSON body."""
    upload = svc.uploads.max_bytes + 64 * 1024

    def limit_for(path: str) -> int:
        return upload if path == "/api/documents" or path.endswith("/upload") else MAX_JSON_BYTES
    return limit_for


def _chat_input(req: oai.ChatRequest) -> tuple[str, list[dict] | None, dict | None]:
    """Validate a /v1 request like /api's: message count, filter types and values."""
    if len(req.messages) > MAX_HISTORY_MESSAGES:
        raise HTTPException(422, f"invalid request: messages: at most {MAX_HISTORY_MESSAGES} "
                            f"messages, got {len(req.messages)}")
    try:
        filters = Filters.model_validate(req.filters) if req.filters is not None else None
    except ValidationError as err:
        raise RequestValidationError([{**e, "loc": ("filters", *e["loc"])}
                                      for e in err.errors(include_url=False)]) from None
    question, history = oai.split_messages(req.messages)
    return question, (history or [])[-HISTORY_TURNS_USED:] or None, _filters(filters)


def _v1_router(svc: ReportService) -> APIRouter:
    r = APIRouter(prefix="/v1")

    @r.get("/models", summary="OpenAI-compatible model list")
    def models() -> dict[str, Any]:
        return oai.models_list(svc.settings)

    @r.post("/chat/completions", summary="OpenAI-compatible chat completions (stream or not)")
    async def chat(req: oai.ChatRequest) -> Any:
        answerer = oai.model_answerer(req.model, svc.settings)
        question, history, filters = _chat_input(req)
        qa = await run_in_threadpool(svc.qa)
        if not req.stream:
            answer = await run_in_threadpool(qa.ask, question, history, filters, answerer)
            return oai.completion(svc.public(answer.to_dict()), req.messages, req.model)
        stream = iter(qa.ask_stream(question, history=history, filters=filters,
                                    answerer=answerer))
        first = await run_in_threadpool(next, stream)  # errors before streaming -> HTTP status
        usage = bool(req.stream_options and req.stream_options.include_usage)
        return StreamingResponse(oai.sse_stream(first, stream, req.messages, req.model, usage),
                                 media_type="text/event-stream")

    _add_fallback(r)
    return r


def create_app(qa: Any = None, settings: Settings | None = None,
               index_dir: Path | str | None = None, ui: bool = True) -> FastAPI:
    """The whole server. ``qa``: a loaded ReportQA to serve (else loaded lazily from
    ``index_dir`` / ``settings.index_dir``); ``ui=False`` leaves the Gradio UI out."""
    settings = settings or Settings()
    svc = ReportService(settings, qa=qa, index_dir=index_dir)
    app = FastAPI(title="reportqa", version="0.1.0", lifespan=_recovering(svc),
                  docs_url=None, redoc_url=None,
                  description="Question answering over Chinese rule-of-law reports, with citations. "
                  "REST under /api, OpenAI-compatible under /v1, web UI at /.")
    app.state.service = svc
    _add_error_handlers(app, svc)
    _openai_errors(app)
    _add_docs(app)
    _add_guards(app, svc)

    @app.get("/healthz", response_model=Health, summary="Liveness and index status (no key needed)")
    def healthz() -> dict[str, Any]:
        return svc.health()

    app.add_api_route("/healthz", healthz, methods=["HEAD"], include_in_schema=False)

    guard = [Depends(_key_dependency(settings.api_key))]
    app.include_router(_api_router(svc), dependencies=guard)
    app.include_router(_v1_router(svc), dependencies=guard)
    _mount_mcp(app, svc, settings)
    if ui:
        app.include_router(_report_page_router(svc, settings.api_key))
        _mount_ui(app, svc, settings)
    return app


def _add_guards(app: FastAPI, svc: ReportService) -> None:
    """See app/guards.py; the last added runs first."""
    app.add_middleware(ContainErrors)
    app.add_middleware(LoginThrottle)
    app.add_middleware(CrossSiteGuard)
    app.add_middleware(BodyLimit, limit_for=_body_limit(svc))


def _recovering(svc: ReportService):
    """Lifespan: recover uploads a crash left stored but unindexed, in the background."""
    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI):
        present = svc.uploads.stored_files()  # before the first request can add one
        threading.Thread(target=_recover, args=(svc, present), name="recover-uploads",
                         daemon=True).start()
        yield
    return lifespan


def _recover(svc: ReportService, present: list[Path]) -> None:
    try:
        svc.recover(present)
    except Exception:  # a start-up chore must not take the server down
        log.exception("recovering interrupted uploads failed")


def _report_page_router(svc: ReportService, api_key: str | None) -> APIRouter:
    """GET /report/{doc_id}: the 全文 page the UI links to (see app/report_page.py). With an API
    key it needs the key or the link's signature; the page allows no script and no remote
    resource (Content-Security-Policy), as the report text is untrusted."""
    from fastapi.responses import HTMLResponse

    from app.report_page import render_report, valid_token

    r = APIRouter()
    check = _key_checker(api_key)

    @r.get("/report/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(request: Request, doc_id: str, chunk: str | None = None,
                    q: str | None = Query(None, max_length=2000), n: int | None = None,
                    sig: str | None = None) -> HTMLResponse:
        if api_key and not valid_token(api_key, doc_id, sig):
            check(request)
        page = render_report(svc.qa(), doc_id, chunk_id=chunk, quote=q, n=n)
        return HTMLResponse(page, headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})

    return r


def _mount_ui(app: FastAPI, svc: ReportService, settings: Settings) -> None:
    import gradio as gr

    from app.ui import CSS, EARLY_HEAD, HEAD, THEME, build_ui

    blocks = build_ui(svc)
    from app.gradio_api import add_api

    add_api(blocks, svc)  # typed endpoints for gradio_client (raw answer text, free-text filters)
    key = settings.api_key
    # with an API key set, the web UI asks for it too (any user name, the key as password):
    # its upload/delete buttons must not bypass the key that guards /api
    auth = (lambda _user, password: secrets.compare_digest(str(password).encode(), key.encode())
            ) if key else None
    gr.mount_gradio_app(app, blocks, path="/", auth=auth, auth_message="请输入 API 密钥作为密码",
                        max_file_size=int(settings.max_upload_mb * 1024 * 1024),
                        footer_links=["api"], run_history=False, theme=THEME, css=CSS, ssr_mode=False,
                        head=HEAD)
    # Gradio checks that a FileData sent to an event came from its own upload folder only once
    # the Blocks "has launched"; mount_gradio_app never sets that, so without this line any
    # client could name a server path (/etc/passwd) as an "uploaded" file. app/ui.py checks too.
    blocks.has_launched = True
    _calm_queue(blocks)
    app.add_middleware(_ChinesePage, script=EARLY_HEAD)


# Gradio's event queue looks for work every 1 ms while idle (and for progress every 10 ms):
# ~1,000 event-loop wake-ups a second, 5-8 % of a core with nobody asking, and under load every
# REST request shares the loop and the GIL with them. 20 ms / 100 ms still start a UI event
# sooner than a person notices; the UI's own work (answering) takes longer than that.
QUEUE_POLL_S = 0.02
QUEUE_PROGRESS_POLL_S = 0.1


def _calm_queue(blocks: Any) -> None:
    queue = getattr(blocks, "_queue", None)
    if queue is None or not hasattr(queue, "sleep_when_free"):
        log.warning("gradio's queue has no sleep_when_free (gradio changed?): the UI polls as it does")
        return
    queue.sleep_when_free = max(queue.sleep_when_free, QUEUE_POLL_S)
    queue.progress_update_sleep_when_free = max(
        getattr(queue, "progress_update_sleep_when_free", 0.0), QUEUE_PROGRESS_POLL_S)


class _ChinesePage:
    """ASGI middleware: the web UI's page (GET /) is served with lang="zh-CN" and ``script`` as
    the first thing in its <head>, before Gradio's scripts run (Gradio's head= hook runs later,
    too late for what must happen at start, such as choosing its language)."""

    def __init__(self, app: Any, script: str):
        self.app, self.script = app, script.encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path") != "/" or scope.get("method") != "GET":
            return await self.app(scope, receive, send)
        start: dict[str, Any] = {}
        body = bytearray()

        async def capture(message: dict) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body"):
                return
            await self._send(send, start, bytes(body))

        await self.app(scope, receive, capture)

    async def _send(self, send: Any, start: dict, body: bytes) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        is_html = any(k.lower() == b"content-type" and b"text/html" in v for k, v in headers)
        if is_html and b"<head>" in body:
            body = body.replace(b'lang="en"', b'lang="zh-CN"', 1).replace(
                b"<head>", b"<head>" + self.script, 1)
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def serve(index_dir: Path | str | None = None, host: str | None = None, port: int | None = None,
          settings: Settings | None = None) -> None:
    """Run the server (blocking). Binds 127.0.0.1 unless told otherwise."""
    import uvicorn

    settings = settings or Settings()
    host, port = host or settings.host, port or settings.port
    if host not in ("127.0.0.1", "localhost", "::1") and not settings.api_key:
        log.warning("serving on %s without an API key (set REPORTQA_API_KEY)", host)
    app = create_app(settings=settings.model_copy(update={"host": host}), index_dir=index_dir)
    qa = app.state.service.current()
    if qa is None:
        log.warning("no index yet at %s: upload reports in the web UI or POST /api/documents",
                    app.state.service.index_dir)
    else:  # load the encoder now, not on the first user's question
        qa.warm_up()
    log.info("serving reportqa on http://%s:%d (API docs at /docs, MCP at /mcp)", host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")


# --- OpenAI error shape under /v1 ---------------------------------------------------------------
def _openai_errors(app: FastAPI) -> None:
    """Errors under /v1 take OpenAI's shape ``{"error": {"message", "type", "code"}}`` (what the
    SDKs read); /api keeps its documented ``{"error": "..."}``. Wraps every registered handler."""
    @app.exception_handler(oai.ModelNotFoundError)
    async def _model(_: Request, err: oai.ModelNotFoundError) -> JSONResponse:
        return _error(404, str(err))

    for key, handler in list(app.exception_handlers.items()):
        app.exception_handlers[key] = _v1_shaped(handler)


def _v1_shaped(handler: Any) -> Any:
    async def shaped(request: Request, err: Exception) -> Any:
        response = handler(request, err)
        response = await response if inspect.isawaitable(response) else response
        if not request.url.path.startswith("/v1/") or not isinstance(response, JSONResponse):
            return response
        message = json.loads(response.body).get("error")
        if not isinstance(message, str):
            return response
        code = "model_not_found" if isinstance(err, oai.ModelNotFoundError) else None
        headers = {k: v for k, v in response.headers.items()
                   if k.lower() not in ("content-length", "content-type")}
        return JSONResponse(oai.error_body(response.status_code, message, code),
                            status_code=response.status_code, headers=headers)
    return shaped


# --- /docs without a CDN ----------------------------------------------------------------------
DOCS_ASSETS = "/docs-assets"


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the assets the ``swagger-ui-bundle`` package ships (FastAPI's
    "self-hosting JavaScript and CSS for docs" recipe), so the docs load offline."""
    from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
    from fastapi.staticfiles import StaticFiles
    from swagger_ui_bundle import swagger_ui_path

    app.mount(DOCS_ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
            oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_ui_parameters={"validatorUrl": None})  # no call to the online validator

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def oauth2_redirect() -> Any:
        return get_swagger_ui_oauth2_redirect_html()


# --- MCP at /mcp ------------------------------------------------------------------------------
def _mount_mcp(app: FastAPI, svc: ReportService, settings: Settings) -> None:
    """Streamable-HTTP MCP at /mcp (app/mcp_server.py), behind the same API key as /api; its
    session manager runs in the app's lifespan, around whatever lifespan the app already has."""
    from app.mcp_server import build_mcp, http_app

    mcp = build_mcp(svc)
    app.router.add_route("/mcp", _KeyGuard(http_app(mcp, settings.host), settings.api_key),
                         include_in_schema=False)
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any):
        async with inner(a) as state, mcp.session_manager.run():
            yield state
    app.router.lifespan_context = lifespan


class _KeyGuard:
    """An ASGI app that lets a request through to ``inner`` only with the API key (if set)."""

    def __init__(self, inner: Any, api_key: str | None):
        self.inner, self.check = inner, _key_checker(api_key)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            self.check(Request(scope))
        except HTTPException as err:
            response = JSONResponse({"error": str(err.detail)}, status_code=err.status_code,
                                    headers=getattr(err, "headers", None))
            await response(scope, receive, send)
            return
        await self.inner(scope, receive, send)
