"""Uploading, deleting and ingesting through the REST API on a private copy of the sample index
(real server, real ingest and encoder), and answering 20 questions while an upload is ingested."""
from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from app.server import create_app
from app_live import FUTIAN_REPORT, LiveServer
from ingest.settings import Settings

pytestmark = pytest.mark.integration

FUTIAN_Q = "福田区2021年人民调解成功率是多少？"
YANTIAN_Q = "盐田区2020年人民调解成功率是多少？"


@pytest.fixture(scope="module")
def env(sample_index_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("upload")
    index_dir = root / "idx"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    corpus = root / "corpus"
    settings = Settings(index_dir=index_dir, corpus_dir=corpus, max_upload_mb=1)
    with LiveServer(create_app(settings=settings, ui=False)) as live, \
            httpx.Client(base_url=live.url, timeout=300) as client:
        yield client, corpus


def _upload(client: httpx.Client, *files: tuple[str, bytes]) -> httpx.Response:
    return client.post("/api/documents", headers={"X-Requested-With": "reportqa"},
                       files=[("files", (n, b, "application/octet-stream")) for n, b in files])


def _n_docs(client: httpx.Client) -> int:
    return len(client.get("/api/documents").json()["documents"])


def test_upload_ask_delete(env):
    client, corpus = env
    before = _n_docs(client)
    r = _upload(client, ("福田区2021年法治政府建设报告.txt", FUTIAN_REPORT.encode()))
    assert r.status_code == 200, r.text
    report = r.json()
    assert len(report["ingested"]) == 1 and not report["failed"]
    doc_id = report["ingested"][0]["doc_id"]
    assert (corpus / "uploads" / "福田区2021年法治政府建设报告.txt").read_text(encoding="utf-8") \
        == FUTIAN_REPORT
    assert _n_docs(client) == before + 1

    answer = client.post("/api/ask", json={"question": FUTIAN_Q}).json()
    assert "96.5%" in answer["answer"]
    assert answer["citations"][0]["doc_id"] == doc_id

    again = _upload(client, ("福田区2021年法治政府建设报告.txt", FUTIAN_REPORT.encode()))
    assert again.status_code == 200 and not again.json()["ingested"]
    assert sorted(p.name for p in (corpus / "uploads").iterdir()) == ["福田区2021年法治政府建设报告.txt"]

    r = client.delete(f"/api/documents/{doc_id}")
    assert r.status_code == 200 and r.json()["removed"] == [doc_id]
    assert _n_docs(client) == before
    assert not (corpus / "uploads" / "福田区2021年法治政府建设报告.txt").exists()
    after = client.post("/api/ask", json={"question": FUTIAN_Q}).json()
    assert "96.5%" not in after["answer"]


def test_path_traversal_name_stays_in_upload_dir(env):
    client, corpus = env
    text = FUTIAN_REPORT.replace("福田", "南山").replace("96.5%", "95.1%")
    r = _upload(client, ("../../evil.txt", text.encode()))
    assert r.status_code == 200, r.text
    stored = corpus / "uploads" / "evil.txt"
    assert stored.read_text(encoding="utf-8") == text
    assert not (corpus.parent / "evil.txt").exists() and not (corpus / "evil.txt").exists()
    doc_id = r.json()["ingested"][0]["doc_id"]
    assert client.delete(f"/api/documents/{doc_id}").status_code == 200


def test_same_name_different_content_gets_suffix(env):
    client, corpus = env
    a = FUTIAN_REPORT.replace("福田", "宝安").replace("96.5%", "94.2%")
    b = FUTIAN_REPORT.replace("福田", "龙岗").replace("96.5%", "93.3%")
    ra, rb = _upload(client, ("report.txt", a.encode())), _upload(client, ("report.txt", b.encode()))
    assert ra.status_code == 200 and rb.status_code == 200, (ra.text, rb.text)
    assert (corpus / "uploads" / "report.txt").read_text(encoding="utf-8") == a
    assert (corpus / "uploads" / "report-1.txt").read_text(encoding="utf-8") == b
    for r in (ra, rb):
        assert client.delete(f"/api/documents/{r.json()['ingested'][0]['doc_id']}").status_code == 200


def test_oversize_upload_is_413(env):
    client, corpus = env
    big = ("人民调解" * 100_000).encode()  # 1.2 MB > max_upload_mb=1
    r = _upload(client, ("big.txt", big))
    assert r.status_code == 413, r.text
    assert "MB" in r.json()["error"]
    assert not list((corpus / "uploads").glob("big*"))


def test_bad_extension_is_refused(env):
    client, corpus = env
    before = _n_docs(client)
    r = _upload(client, ("tool.exe", b"MZ\x90\x00"))
    assert r.status_code == 415, r.text
    assert ".exe" in r.json()["error"] and ".txt" in r.json()["error"]
    assert _n_docs(client) == before
    assert not list((corpus / "uploads").glob("tool*"))


def test_binary_renamed_txt_gives_clear_error_and_keeps_index(env):
    client, corpus = env
    before = client.get("/api/documents").json()["documents"]
    version = client.get("/healthz").json()["index_version"]
    junk = bytes(range(256)) * 64 + b"\x00\xff\xfe" * 500
    r = _upload(client, ("broken.txt", junk))
    assert r.status_code == 422, r.text
    body = r.json()
    assert "broken.txt" in body["error"] and "unchanged" in body["error"]
    assert body["report"]["failed"] and not body["report"]["ingested"]
    assert client.get("/api/documents").json()["documents"] == before
    assert client.get("/healthz").json()["index_version"] == version
    assert not (corpus / "uploads" / "broken.txt").exists()
    assert "99%" in client.post("/api/ask", json={"question": YANTIAN_Q}).json()["answer"]


def test_missing_files_field_is_422(env):
    client, _ = env
    r = client.post("/api/documents", data={"x": "1"}, headers={"X-Requested-With": "t"})
    assert r.status_code == 422 and "files" in r.json()["error"]


def test_twenty_questions_answered_while_upload_ingests(env):
    client, _ = env
    url = str(client.base_url)
    text = FUTIAN_REPORT.replace("福田", "光明").replace("96.5%", "92.8%") * 3
    upload_done = threading.Event()
    result: dict = {}

    def upload() -> None:
        with httpx.Client(base_url=url, timeout=300) as c:
            result["upload"] = _upload(c, ("光明区报告.txt", text.encode()))
        upload_done.set()

    def ask(_: int) -> tuple[int, str, bool]:
        with httpx.Client(base_url=url, timeout=300) as c:
            r = c.post("/api/ask", json={"question": YANTIAN_Q})
            return r.status_code, r.json().get("answer", ""), upload_done.is_set()

    uploader = threading.Thread(target=upload)
    uploader.start()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(ask, range(20)))
    uploader.join(timeout=300)
    assert all(status == 200 for status, _, _ in results), results
    assert all("99%" in answer for _, answer, _ in results), results
    assert any(not done for _, _, done in results), "no question was answered during the ingest"
    assert result["upload"].status_code == 200, result["upload"].text
    gm = client.post("/api/ask", json={"question": "光明区2021年人民调解成功率是多少？"}).json()
    assert "92.8%" in gm["answer"]


def test_first_upload_creates_the_index(tmp_path):
    settings = Settings(index_dir=tmp_path / "idx", corpus_dir=tmp_path / "corpus")
    with LiveServer(create_app(settings=settings, ui=False)) as live, \
            httpx.Client(base_url=live.url, timeout=300) as c:
        assert c.post("/api/ask", json={"question": FUTIAN_Q}).status_code == 503
        r = _upload(c, ("福田.txt", FUTIAN_REPORT.encode()))
        assert r.status_code == 200 and len(r.json()["ingested"]) == 1, r.text
        assert c.get("/healthz").json()["documents"] == 1
        assert "96.5%" in c.post("/api/ask", json={"question": FUTIAN_Q}).json()["answer"]


def test_upload_of_an_indexed_report_under_another_name_is_skipped(env):
    from conftest import report_path

    client, corpus = env
    before = _n_docs(client)
    r = _upload(client, ("盐田副本.txt", report_path("000").read_bytes()))
    assert r.status_code == 200, r.text
    assert not r.json()["ingested"] and "duplicate" in r.json()["skipped"][0]["reason"]
    assert _n_docs(client) == before
    assert not (corpus / "uploads" / "盐田副本.txt").exists()
