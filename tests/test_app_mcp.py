"""The MCP server through the official ``mcp`` SDK's own client: over stdio (spawning
``python -m app.cli mcp``) and over streamable HTTP against a live ``serve`` app on 127.0.0.1."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import httpx
import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from app.server import create_app
from app_live import LiveServer
from ingest.settings import Settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
YANTIAN_Q = "盐田区2020年人民调解成功率是多少？"
TOOLS = {"ask", "search", "facts", "list_documents"}


def _payload(result):
    """A tool result's structured content (a list result comes wrapped as {"result": [...]})."""
    assert not result.is_error, result.content
    data = result.structured_content
    return data["result"] if isinstance(data, dict) and set(data) == {"result"} else data


async def _check_tools(client: Client) -> None:
    assert TOOLS <= {t.name for t in (await client.list_tools()).tools}
    answer = _payload(await client.call_tool("ask", {"question": YANTIAN_Q}))
    assert answer["found"] and "99%" in answer["answer"] and "[1]" in answer["answer"]
    first = answer["citations"][0]
    assert first["n"] == 1 and "盐田" in first["title"] and "000_" in first["source"]
    assert "99%" in first["text"]
    # the structured result also travels as JSON text, for clients that read only text
    again = await client.call_tool("ask", {"question": YANTIAN_Q})
    assert "99%" in json.loads(answer_text(again))["answer"]


def answer_text(result) -> str:
    return "".join(getattr(c, "text", "") for c in result.content)


@pytest.fixture(scope="module")
def live(qa, sample_index_dir, tmp_path_factory):
    settings = Settings(index_dir=sample_index_dir, corpus_dir=tmp_path_factory.mktemp("c"),
                        api_key="mcp-key")
    with LiveServer(create_app(qa, settings, ui=False)) as server:
        yield server


def _http_client(live, key: str = "mcp-key") -> Client:
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=120)
    return Client(streamable_http_client(f"{live.url}/mcp", http_client=http))


async def test_http_ask_answers_with_a_citation_of_the_yantian_report(live):
    async with _http_client(live) as client:
        await _check_tools(client)


async def test_http_search_filters_and_facts(live):
    async with _http_client(live) as client:
        hits = _payload(await client.call_tool(
            "search", {"query": "法律援助", "region": "罗湖区", "k": 3, "mode": "bm25"}))
        assert 1 <= len(hits) <= 3 and {h["region"] for h in hits} == {"罗湖区"}
        assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
        facts = _payload(await client.call_tool("facts", {"metric": "调解成功率",
                                                          "region": "盐田"}))
        assert [f["value_text"] for f in facts] == ["99%"] and facts[0]["year"] == 2020
        docs = _payload(await client.call_tool("list_documents", {}))
        assert len(docs) == 5 and any("盐田" in d["title"] for d in docs)


async def test_http_unknown_region_is_a_tool_error_with_the_reason(live):
    async with _http_client(live) as client:
        result = await client.call_tool("search", {"query": "法律援助", "region": "火星区"})
        assert result.is_error and "火星" in answer_text(result)


def test_http_endpoint_needs_the_api_key(live):
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"Accept": "application/json, text/event-stream"}
    r = httpx.post(f"{live.url}/mcp", json=body, headers=headers)
    assert r.status_code == 401 and "API key" in r.json()["error"]
    r = httpx.post(f"{live.url}/mcp", json=body,
                   headers={**headers, "Authorization": "Bearer wrong"})
    assert r.status_code == 401


async def test_stdio_server_spawned_by_the_sdk_client(sample_index_dir):
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "app.cli", "mcp", "--index", str(sample_index_dir)],
        cwd=str(ROOT), env={"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1",
                            "TRANSFORMERS_OFFLINE": "1", "HOME": os.environ.get("HOME", "/root")})
    async with Client(params) as client:
        await _check_tools(client)
