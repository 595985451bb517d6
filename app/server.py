"""`reportqa serve`: one process, one FastAPI app: REST under /api, the OpenAI-compatible API under
/v1, /healthz, and the Gradio web UI mounted at "/".

Routes are thin: they validate input (pydantic models, so /docs is meaningful) and call
ReportQA through ReportService. Blocking work (answering, ingesting) runs in worker threads, so an
upload being ingested never stops questions from being answered.
"""
from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.routing import APIRoute
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from ingest import errors as E
from ingest.settings import Settings

from app import openai_compat as oai
from app.service import NoReportsError, ReportService, UploadFailedError

__all__ = ["create_app", "serve"]

log = logging.getLogger(__name__)


# --- request / response models ----------------------------------------------------------------
class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: str | list[str] | None = Field(None, description="province, city or district, e.g. 盐田区")
    year: int | list[int] | None = Field(None, description="the year a report covers")
    issuer: str | None = None
    kind: str | None = None
    doc_id: str | list[str] | None = None


class Message(BaseModel):
    role: Literal["user", "assistant", "system"]
    content: str


class AskRequest(BaseModel):
    question: str = Field(min_length=1, examples=["盐田区2020年人民调解成功率是多少？"])
    history: list[Message] | None = None
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


# --- errors -----------------------------------------------------------------------------------
_STATUS: list[tuple[type[Exception], int]] = [
    (NoReportsError, 503), (E.IndexNotFoundError, 503), (E.DocumentNotFoundError, 404),
    (UploadFailedError, 422), (E.FileTooLargeError, 413), (E.UnsupportedFormatError, 415),
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


def _add_error_handlers(app: FastAPI) -> None:
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
        return _error(status, str(err), **extra)

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


# --- routes -----------------------------------------------------------------------------------
def _filters(f: Filters | None) -> dict[str, Any] | None:
    return f.model_dump(exclude_none=True) or None if f else None


def _hit(rank: int, hit: Any) -> HitOut:
    return HitOut(rank=rank, chunk_id=hit.chunk.id, score=float(hit.score), text=hit.chunk.text,
                  meta=dict(hit.chunk.meta), bm25_rank=hit.bm25_rank, dense_rank=hit.dense_rank,
                  bm25_score=hit.bm25_score, dense_score=hit.dense_score)


def _api_router(svc: ReportService) -> APIRouter:
    r = APIRouter(prefix="/api")

    @r.post("/ask", response_model=AskResponse, summary="Answer a question with citations")
    def ask(req: AskRequest) -> dict[str, Any]:
        history = [m.model_dump() for m in req.history] if req.history else None
        return svc.qa().ask(req.question, history=history, filters=_filters(req.filters)).to_dict()

    @r.post("/search", response_model=SearchResponse, summary="Ranked passages (hybrid search)")
    def search(req: SearchRequest) -> SearchResponse:
        hits = svc.qa().search(req.query, k=req.k, filters=_filters(req.filters), mode=req.mode)
        return SearchResponse(query=req.query, hits=[_hit(i + 1, h) for i, h in enumerate(hits)])

    @r.get("/documents", summary="Reports in the index with their metadata")
    def documents() -> dict[str, Any]:
        qa = svc.current()
        return {"documents": qa.documents() if qa else []}

    @r.post("/documents", response_model=IngestReportOut, summary="Upload and ingest reports")
    async def upload(request: Request, files: list[UploadFile] = File(...)) -> dict[str, Any]:
        _check_length(request, svc)
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
    def facts(metric: str | None = Query(None, examples=["人民调解成功率"]),
              region: str | None = None, year: int | None = None) -> dict[str, Any]:
        qa = svc.current()
        found = qa.facts(metric=metric, region=region, year=year) if qa and qa.documents() else []
        return {"facts": [f.to_dict() for f in found]}

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


def _check_length(request: Request, svc: ReportService) -> None:
    length = request.headers.get("content-length", "")
    # multipart framing adds a little to the files' own size
    if length.isdigit() and int(length) > svc.uploads.max_bytes + 64 * 1024:
        raise HTTPException(413, f"upload of {int(length) / 1048576:.1f} MB is over the limit of "
                            f"{svc.uploads.max_bytes / 1048576:g} MB (REPORTQA_MAX_UPLOAD_MB)")


def _v1_router(svc: ReportService) -> APIRouter:
    r = APIRouter(prefix="/v1")

    @r.get("/models", summary="OpenAI-compatible model list")
    def models() -> dict[str, Any]:
        return oai.models_list()

    @r.post("/chat/completions", summary="OpenAI-compatible chat completions (stream or not)")
    async def chat(req: oai.ChatRequest) -> Any:
        if req.model != oai.MODEL_ID:
            raise HTTPException(404, f"unknown model {req.model!r}; use {oai.MODEL_ID!r}")
        question, history = oai.split_messages(req.messages)
        qa = await run_in_threadpool(svc.qa)
        if not req.stream:
            answer = await run_in_threadpool(qa.ask, question, history, req.filters)
            return oai.completion(answer.to_dict())
        stream = iter(qa.ask_stream(question, history=history, filters=req.filters))
        first = await run_in_threadpool(next, stream)  # errors before streaming -> HTTP status
        return StreamingResponse(oai.sse_stream(first, stream), media_type="text/event-stream")

    _add_fallback(r)
    return r


def create_app(qa: Any = None, settings: Settings | None = None,
               index_dir: Path | str | None = None, ui: bool = True) -> FastAPI:
    """The whole server. ``qa``: a loaded ReportQA to serve (else loaded lazily from
    ``index_dir`` / ``settings.index_dir``); ``ui=False`` leaves the Gradio UI out."""
    settings = settings or Settings()
    svc = ReportService(settings, qa=qa, index_dir=index_dir)
    app = FastAPI(title="reportqa", version="0.1.0",
                  description="Question answering over Chinese rule-of-law reports, with citations. "
                  "REST under /api, OpenAI-compatible under /v1, web UI at /.")
    app.state.service = svc
    _add_error_handlers(app)

    @app.get("/healthz", response_model=Health, summary="Liveness and index status (no key needed)")
    def healthz() -> dict[str, Any]:
        return svc.health()

    guard = [Depends(_key_checker(settings.api_key))]
    app.include_router(_api_router(svc), dependencies=guard)
    app.include_router(_v1_router(svc), dependencies=guard)
    if ui:
        app.include_router(_report_page_router(svc, settings.api_key))
        _mount_ui(app, svc, settings)
    return app


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
    key = settings.api_key
    # with an API key set, the web UI asks for it too (any user name, the key as password):
    # its upload/delete buttons must not bypass the key that guards /api
    auth = (lambda _user, password: secrets.compare_digest(password, key)) if key else None
    gr.mount_gradio_app(app, blocks, path="/", auth=auth, auth_message="请输入 API 密钥作为密码",
                        max_file_size=int(settings.max_upload_mb * 1024 * 1024),
                        footer_links=["api"], run_history=False, theme=THEME, css=CSS, ssr_mode=False,
                        head=HEAD)
    app.add_middleware(_ChinesePage, script=EARLY_HEAD)


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
    app = create_app(settings=settings, index_dir=index_dir)
    qa = app.state.service.current()
    if qa is None:
        log.warning("no index yet at %s: upload reports in the web UI or POST /api/documents",
                    app.state.service.index_dir)
    else:  # load the encoder now, not on the first user's question
        qa.warm_up()
    log.info("serving reportqa on http://%s:%d (API docs at /docs)", host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")
