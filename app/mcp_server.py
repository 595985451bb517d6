"""The Model Context Protocol server: ReportQA as tools for agents (Claude Desktop, Cursor, Dify …).

Built on the official ``mcp`` SDK (``MCPServer``, formerly FastMCP). Tools: ``ask`` (answer with
citations), ``search`` (ranked passages, region/year filters), ``facts`` (extracted figures) and
``list_documents``. Served two ways: ``reportqa mcp`` over stdio, and ``reportqa serve`` at
``/mcp`` (streamable HTTP, behind the same API key as /api).

Tools are thin: they call the ReportQA a ReportService hands out and return plain dicts, which
the SDK sends as structured content plus their JSON text. A ReportQAError (no index, unknown
region …) becomes a tool error carrying its message.
"""
from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any, Callable, Literal, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp
from mcp.server.transport_security import TransportSecuritySettings

from ingest.errors import ReportQAError

if TYPE_CHECKING:
    from app.service import ReportService

__all__ = ["build_mcp", "http_app", "run_stdio"]

log = logging.getLogger(__name__)

INSTRUCTIONS = ("Answers questions about Chinese local-government rule-of-law reports "
                "(法治政府建设年度报告, 司法局工作总结) with citations. Use `ask` for a question "
                "(answer quotes the reports, [n] marks cite `citations`), `search` for passages, "
                "`facts` for figures such as 人民调解成功率 by region and year, `list_documents` "
                "for what is indexed.")

_LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


_F = TypeVar("_F", bound=Callable[..., Any])


def _tool_errors(fn: _F) -> _F:
    """A ReportQAError (no index, unknown region …) reaches the client as a tool error with its
    message (the SDK withholds the text of any other exception)."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ReportQAError as err:
            raise ToolError(str(err)) from err
    return wrapper  # type: ignore[return-value]


def _filters(region: str | None, year: int | None) -> dict[str, Any] | None:
    return {k: v for k, v in (("region", region), ("year", year)) if v} or None


def _citation(c: dict[str, Any]) -> dict[str, Any]:
    return {k: c.get(k) for k in ("n", "title", "region", "year", "section", "quote", "text",
                                  "source", "doc_id")}


def build_mcp(svc: "ReportService") -> MCPServer:
    """An MCPServer whose tools answer from ``svc``'s current index."""
    server = MCPServer("reportqa", instructions=INSTRUCTIONS, log_level="WARNING")

    @server.tool()
    @_tool_errors
    def ask(question: str, region: str | None = None, year: int | None = None) -> dict[str, Any]:
        """Answer a question from the reports, with citations. region (e.g. 盐田区) and year
        narrow the reports used; a question may also name them itself."""
        answer = svc.qa().ask(question, filters=_filters(region, year)).to_dict()
        return {"answer": answer["answer"], "found": answer["found"],
                "note": answer.get("note"),
                "citations": [_citation(c) for c in answer["citations"]]}

    @server.tool()
    @_tool_errors
    def search(query: str, region: str | None = None, year: int | None = None, k: int = 5,
               mode: Literal["hybrid", "bm25", "dense"] = "hybrid") -> list[dict[str, Any]]:
        """Ranked passages from the reports (hybrid BM25 + dense search), optionally only from
        one region (province, city or district) and year."""
        hits = svc.qa().search(query, k=max(1, min(k, 50)), filters=_filters(region, year),
                               mode=mode)
        return [{"rank": i, "score": round(float(h.score), 4), "text": h.chunk.text,
                 **{f: h.chunk.meta.get(f) for f in ("title", "region", "year", "section",
                                                     "source", "doc_id")}}
                for i, h in enumerate(hits, 1)]

    @server.tool()
    @_tool_errors
    def facts(metric: str | None = None, region: str | None = None,
              year: int | None = None) -> list[dict[str, Any]]:
        """Figures extracted from the reports (metric, value, unit, region, year and the
        sentence they come from), e.g. metric=人民调解成功率."""
        return [f.to_dict() for f in svc.qa().facts(metric=metric, region=region, year=year)]

    @server.tool()
    @_tool_errors
    def list_documents() -> list[dict[str, Any]]:
        """The reports in the index with their region, year, title and doc_id."""
        qa = svc.current()
        return qa.documents() if qa else []

    return server


def http_app(server: MCPServer, host: str) -> StreamableHTTPASGIApp:
    """The ASGI app answering streamable HTTP at the path it is routed at. Stateless (any
    worker answers any request); DNS-rebinding protection when bound to a loopback host.
    Its session manager must run in the hosting app's lifespan
    (``server.session_manager.run()``)."""
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*"],
        allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"],
    ) if host in _LOCAL_HOSTS else TransportSecuritySettings(enable_dns_rebinding_protection=False)
    server.streamable_http_app(stateless_http=True, json_response=True,
                               transport_security=security, host=host)
    return StreamableHTTPASGIApp(server.session_manager)


def run_stdio(svc: "ReportService") -> None:
    """Serve the tools over stdin/stdout until the client closes them (blocking)."""
    qa = svc.current()
    if qa is None:
        log.warning("no index at %s yet: the tools will say so until one is built", svc.index_dir)
    else:
        qa.warm_up()
    build_mcp(svc).run("stdio")
