"""Hardening of a running server (issue 11): parallel uploads, cross-site requests, body and
decompression limits, validation without 500s, healthy keep-alive connections after errors,
relative paths, LIKE wildcards, HEAD /healthz. Real uvicorn servers on 127.0.0.1, real uploads,
real ingest with the real encoder."""
from __future__ import annotations

import hashlib
import http.client
import io
import shutil
import socket
import zipfile
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from app.server import create_app
from app_live import FUTIAN_REPORT, LiveServer
from ingest.settings import Settings

pytestmark = pytest.mark.integration

XRW = {"X-Requested-With": "reportqa-test"}
YANTIAN_Q = "盐田区2020年人民调解成功率是多少？"


@pytest.fixture(scope="module")
def env(sample_index_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("security")
    index_dir = root / "idx"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    corpus = root / "corpus"
    settings = Settings(index_dir=index_dir, corpus_dir=corpus, max_upload_mb=1, max_file_mb=1)
    with LiveServer(create_app(settings=settings, ui=False)) as live, \
            httpx.Client(base_url=live.url, timeout=300) as client:
        yield client, corpus, root


def _report(region: str, rate: str) -> str:
    return FUTIAN_REPORT.replace("福田", region).replace("96.5%", rate)


def _upload(client: httpx.Client, name: str, data: bytes, headers: dict | None = None
            ) -> httpx.Response:
    return client.post("/api/documents", headers=XRW if headers is None else headers,
                       files=[("files", (name, data, "text/plain"))])


def _no_server_paths(text: str, root) -> None:
    assert str(root) not in text, f"a server path leaked: {text[:300]}"


# --- item 2: parallel uploads with one name ---------------------------------------------------
def test_twenty_parallel_uploads_named_alike_each_store_exactly_their_bytes(env):
    client, corpus, root = env
    url = str(client.base_url)
    bodies = [_report(f"测试{i}区", f"{90 + i / 10:.1f}%").encode() for i in range(20)]

    def send(body: bytes) -> httpx.Response:
        with httpx.Client(base_url=url, timeout=600) as c:
            return _upload(c, "same.txt", body)

    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(send, bodies))
    assert [r.status_code for r in responses] == [200] * 20, [r.text[:200] for r in responses]
    stored_as = set()
    for body, r in zip(bodies, responses):
        stored = r.json()["stored"]
        assert len(stored) == 1 and stored[0]["name"] == "same.txt"
        assert stored[0]["sha256"] == hashlib.sha256(body).hexdigest()
        assert stored[0]["size"] == len(body)
        assert (corpus / stored[0]["stored_as"]).read_bytes() == body
        assert r.json()["ingested"][0]["source"] == stored[0]["stored_as"]
        stored_as.add(stored[0]["stored_as"])
        _no_server_paths(r.text, root)
    assert len(stored_as) == 20
    assert not list((corpus / "uploads").glob(".*")), "temporary files left behind"
    # every stored report was indexed with its own figure
    answer = client.post("/api/ask", json={"question": "测试7区2021年人民调解成功率是多少？"}).json()
    assert "90.7%" in answer["answer"], answer["answer"]
    for r in responses:
        assert client.delete(f"/api/documents/{r.json()['ingested'][0]['doc_id']}").status_code == 200
    assert not list((corpus / "uploads").iterdir())


# --- item 4: cross-site requests ---------------------------------------------------------------
def test_cross_site_multipart_upload_is_refused_and_stores_nothing(env):
    client, corpus, _ = env
    body = _report("跨站", "12%").encode()
    evil = _upload(client, "planted.txt", body, headers={**XRW, "Origin": "http://evil.example"})
    assert evil.status_code == 403 and "cross-site" in evil.json()["error"]
    referer = _upload(client, "planted.txt", body, headers={"Referer": "http://evil.example/x"})
    assert referer.status_code == 403
    form = _upload(client, "planted.txt", body, headers={})  # what a <form> can send
    assert form.status_code == 403 and "X-Requested-With" in form.json()["error"]
    assert not (corpus / "uploads").exists() or not list((corpus / "uploads").iterdir())
    assert client.delete("/api/documents/x", headers={"Origin": "null"}).status_code == 403
    assert client.post("/api/ask", json={"question": YANTIAN_Q},
                       headers={"Origin": "https://evil.example"}).status_code == 403


def test_same_origin_and_non_browser_requests_still_work(env):
    client, _, _ = env
    own = str(client.base_url).rstrip("/")
    r = client.post("/api/ask", json={"question": YANTIAN_Q}, headers={"Origin": own})
    assert r.status_code == 200 and "99%" in r.json()["answer"]
    body = _report("同源", "91.1%").encode()
    up = _upload(client, "same-origin.txt", body, headers={**XRW, "Origin": own})
    assert up.status_code == 200, up.text
    assert client.delete(f"/api/documents/{up.json()['ingested'][0]['doc_id']}",
                         headers={"Origin": own}).status_code == 200


# --- item 5: body size and decompression --------------------------------------------------------
def _raw_request(url: str, head: bytes, body_chunks=()) -> bytes:
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=60) as s:
        s.sendall(head)
        sent = 0
        try:
            for chunk in body_chunks:
                s.sendall(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        s.settimeout(30)
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                part = s.recv(65536)
                if not part:
                    break
                data += part
        except ConnectionResetError:
            pass
        return data


def test_oversized_body_is_refused_by_content_length_before_reading(env):
    client, _, _ = env
    url = str(client.base_url).rstrip("/")
    head = (b"POST /api/documents HTTP/1.1\r\nHost: x\r\nX-Requested-With: t\r\n"
            b"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 104857600\r\n\r\n")
    reply = _raw_request(url, head)  # not one byte of the 100 MB is sent
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    ask = client.post("/api/ask", content=b"{" + b" " * (2 << 20) + b"}",
                      headers={"Content-Type": "application/json"})
    assert ask.status_code == 413, ask.text[:200]


def test_streamed_body_is_cut_off_at_the_limit(env):
    client, corpus, _ = env
    url = str(client.base_url).rstrip("/")
    head = (b"POST /api/documents HTTP/1.1\r\nHost: x\r\nX-Requested-With: t\r\n"
            b"Content-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n")
    part = b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n\r\n"
    block = b"x" * 65536

    def chunks():
        yield b"%x\r\n%s\r\n" % (len(part), part)
        for _ in range(50 * 16):  # 50 MB, far over the 1 MB limit
            yield b"%x\r\n%s\r\n" % (len(block), block)

    reply = _raw_request(url, head, chunks())
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert not (corpus / "uploads").exists() or not list((corpus / "uploads").glob("*big*"))
    assert client.get("/healthz").status_code == 200


def _zip_bomb(inflated_mb: int) -> bytes:
    """A .docx-shaped zip whose document.xml inflates to ``inflated_mb`` MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w") as f:
            block = b"<w:p><w:r><w:t>\xe8\xb0\x83\xe8\xa7\xa3</w:t></w:r></w:p>" * 20000
            for _ in range(inflated_mb * (1 << 20) // len(block)):
                f.write(block)
    return buf.getvalue()


def test_docx_zip_bomb_is_refused_before_parsing(env):
    client, corpus, _ = env
    bomb = _zip_bomb(40)  # ~40 MB inflated from well under the 1 MB upload limit
    assert len(bomb) < 1 << 20
    r = _upload(client, "bomb.docx", bomb)
    assert r.status_code in (413, 422), r.text[:300]
    assert "decompression bomb" in r.json()["error"]
    assert not (corpus / "uploads").exists() or not list((corpus / "uploads").glob("bomb*"))


def test_zip_check_passes_real_docx_and_refuses_extreme_ratio(tmp_path):
    import docx

    from ingest.archives import check_zip
    from ingest.errors import FileTooLargeError
    from ingest.load import load_file

    doc = docx.Document()
    for i in range(50):
        doc.add_paragraph(f"第{i}段：全区人民调解成功率达9{i % 10}%，办理法律援助案件{i}宗。")
    path = tmp_path / "real.docx"
    doc.save(path)
    text, _ = load_file(path, 1 << 20)
    assert "法律援助案件49宗" in text
    dense = _zip_bomb(3)  # small total, but compressed far beyond any real document
    with pytest.raises(FileTooLargeError, match="compressed"):
        check_zip(dense, "dense.docx", 100 << 20)


# --- item 6: validation, no 500s, healthy connections --------------------------------------------
def test_v1_filters_with_wrong_types_are_422(env):
    client, _, _ = env
    for filters in ({"region": 5}, {"year": "二〇二〇"}, {"year": 10 ** 21}, {"colour": "red"}):
        r = client.post("/v1/chat/completions", json={
            "model": "reportqa", "messages": [{"role": "user", "content": YANTIAN_Q}],
            "filters": filters})
        assert r.status_code == 422, (filters, r.status_code, r.text[:200])
    ok = client.post("/v1/chat/completions", json={
        "model": "reportqa", "messages": [{"role": "user", "content": "人民调解成功率是多少？"}],
        "filters": {"region": "盐田区", "year": 2020}})
    assert ok.status_code == 200 and "99%" in ok.text


def test_absurd_numbers_and_histories_are_refused_or_bounded(env):
    client, _, _ = env
    assert client.get("/api/facts", params={"year": 10 ** 21}).status_code == 422
    assert client.post("/api/ask", json={"question": YANTIAN_Q,
                                         "filters": {"year": 10 ** 21}}).status_code == 422
    turns = [{"role": "user" if i % 2 == 0 else "assistant", "content": f"第{i}轮：罗湖区呢？"}
             for i in range(150)]
    long = client.post("/api/ask", json={"question": YANTIAN_Q, "history": turns})
    assert long.status_code == 200 and "99%" in long.json()["answer"]
    huge = [{"role": "user", "content": "罗湖区呢？"}] * 1000
    assert client.post("/api/ask", json={"question": YANTIAN_Q,
                                         "history": huge}).status_code == 422
    r = client.post("/v1/chat/completions", json={
        "model": "reportqa", "messages": huge + [{"role": "user", "content": YANTIAN_Q}]})
    assert r.status_code in (413, 422)


def test_errors_keep_the_keep_alive_connection_usable(sample_index_dir, tmp_path):
    """A 422, a 404 and a real 500 (the index's SQLite connection closed under the server), each
    followed by a good request on the same TCP connection."""
    from app.pipeline import ReportQA

    index_dir = tmp_path / "idx"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    qa = ReportQA.load(index_dir)
    with LiveServer(create_app(qa, Settings(index_dir=index_dir, corpus_dir=tmp_path / "c"),
                               ui=False)) as live:
        conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=60)
        conn.request("GET", "/v1/models")
        assert conn.getresponse().read() and conn.sock is not None
        sock = conn.sock
        bad = [("POST", "/api/ask", b'{"question": ', 422), ("GET", "/api/nope", None, 404),
               ("POST", "/v1/chat/completions",
                b'{"messages": [{"role": "user", "content": "x"}], "filters": {"region": 5}}', 422)]
        qa.index.close()  # a real failure inside a route: sqlite3.ProgrammingError
        bad.append(("GET", "/api/documents", None, 500))
        for method, path, body, status in bad:
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            assert r.status == status, (path, r.status)
            assert b'"error"' in r.read()
            conn.request("GET", "/v1/models")  # the same socket: http.client would not retry
            good = conn.getresponse()
            assert good.status == 200 and b"reportqa" in good.read()
            assert conn.sock is sock, f"connection was dropped after {status} on {path}"
        conn.close()


# --- item 9 (smaller holes) --------------------------------------------------------------------
def test_facts_metric_is_a_literal_substring(env):
    client, _, _ = env
    assert client.get("/api/facts", params={"metric": "调解成功率"}).json()["facts"]
    for wildcard in ("%", "_", "%%", "调解%率"):
        assert client.get("/api/facts", params={"metric": wildcard}).json()["facts"] == [], wildcard


def test_head_healthz_is_200(env):
    client, _, _ = env
    r = client.head("/healthz")
    assert r.status_code == 200 and r.content == b""


def test_responses_show_paths_relative_to_the_corpus(env):
    client, corpus, root = env
    body = _report("相对", "93.9%").encode()
    up = _upload(client, "相对路径.txt", body)
    assert up.status_code == 200, up.text
    assert up.json()["ingested"][0]["source"] == "uploads/相对路径.txt"
    ask = client.post("/api/ask", json={"question": "相对区2021年人民调解成功率是多少？"})
    assert "93.9%" in ask.json()["answer"]
    assert ask.json()["citations"][0]["source"] == "uploads/相对路径.txt"
    docs = client.get("/api/documents")
    for text in (up.text, ask.text, docs.text, client.get("/api/facts").text):
        _no_server_paths(text, root)
    again = _upload(client, "副本.txt", body)  # duplicate: its reason names the other file
    assert again.status_code == 200
    assert "uploads/相对路径.txt" in again.text
    _no_server_paths(again.text, root)
    client.delete(f"/api/documents/{up.json()['ingested'][0]['doc_id']}")
