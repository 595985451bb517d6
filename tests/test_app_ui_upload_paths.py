"""The web UI must take only files that a browser uploaded, never a server path named by a client
(issue 11, item 1): every file-taking Gradio endpoint is called with a path to a secret file on
the server, on a real server over a private copy of the sample index."""
from __future__ import annotations

import json
import shutil

import httpx
import pytest

from app.uploads import UploadStore
from ingest.errors import UnsafePathError
from ingest.settings import Settings

SECRET = "机密：服务器私有文件，不得入库。人民调解成功率为12%。"


@pytest.mark.unit
def test_store_path_refuses_files_outside_the_allowed_folder(tmp_path):
    store = UploadStore(Settings(corpus_dir=tmp_path / "corpus"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text(SECRET, encoding="utf-8")
    link = inbox / "link.txt"
    link.symlink_to(outside)
    for path in (outside, link, inbox / ".." / "secret.txt"):
        with pytest.raises(UnsafePathError, match="server paths are refused"):
            store.store_path("secret.txt", path, within=inbox)
    assert not (tmp_path / "corpus" / "uploads").exists()
    inside = inbox / "报告.txt"
    inside.write_text("盐田区2020年人民调解成功率达99%。", encoding="utf-8")
    stored = store.store_path("报告.txt", inside, within=inbox)
    assert stored.created and stored.path.read_text(encoding="utf-8").endswith("99%。")


def _file_endpoints(client: httpx.Client) -> list[str]:
    """api names of every UI event that takes a file component as input."""
    config = client.get("/config").json()
    file_ids = {c["id"] for c in config["components"]
                if c.get("type") in ("file", "uploadbutton", "image", "files")}
    return [d["api_name"] for d in config["dependencies"]
            if d.get("api_name") and file_ids & set(d.get("inputs", []))]


def _call(client: httpx.Client, api_name: str, data: list) -> str:
    r = client.post(f"/gradio_api/call/{api_name}", json={"data": data})
    r.raise_for_status()
    event_id = r.json()["event_id"]
    return client.get(f"/gradio_api/call/{api_name}/{event_id}").text


@pytest.mark.integration
def test_no_ui_endpoint_ingests_a_server_path(sample_index_dir, tmp_path):
    from app.server import create_app
    from app_live import LiveServer

    index_dir = tmp_path / "idx"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    settings = Settings(index_dir=index_dir, corpus_dir=tmp_path / "corpus")
    with LiveServer(create_app(settings=settings)) as live, \
            httpx.Client(base_url=live.url, timeout=120) as client:
        before = client.get("/api/documents").json()["documents"]
        endpoints = _file_endpoints(client)
        assert "upload" in endpoints
        file_data = {"path": str(secret), "orig_name": "secret.txt",
                     "meta": {"_type": "gradio.FileData"}}
        for api_name in endpoints:
            config = client.get("/config").json()
            dep = next(d for d in config["dependencies"] if d.get("api_name") == api_name)
            data = [[file_data] for _ in dep["inputs"]]
            out = _call(client, api_name, data)
            assert "event: error" in out or "只能" in out or "refused" in out, (api_name, out)
            assert "12%" not in out
        after = client.get("/api/documents").json()["documents"]
        assert [d["doc_id"] for d in after] == [d["doc_id"] for d in before]
        for d in after:
            assert "机密" not in client.get(f"/api/documents/{d['doc_id']}/text").text
        assert not list((tmp_path / "corpus").rglob("secret*"))
        answer = client.post("/api/ask", json={"question": "盐田区2020年人民调解成功率是多少？"}).json()
        assert "99%" in answer["answer"] and "12%" not in answer["answer"]


@pytest.mark.integration
def test_a_real_browser_style_upload_still_works(sample_index_dir, tmp_path):
    """The same endpoint accepts a file that went through Gradio's own upload route."""
    from gradio_client import Client, handle_file

    from app.server import create_app
    from app_live import FUTIAN_REPORT, LiveServer

    index_dir = tmp_path / "idx"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    report = tmp_path / "福田区2021年法治政府建设报告.txt"
    report.write_text(FUTIAN_REPORT, encoding="utf-8")
    settings = Settings(index_dir=index_dir, corpus_dir=tmp_path / "corpus")
    with LiveServer(create_app(settings=settings)) as live:
        client = Client(live.url + "/", verbose=False, download_files=False)
        try:
            status = client.predict([handle_file(str(report))], api_name="/upload")
        finally:
            client.close()
        assert "入库 1 份" in json.dumps(status, ensure_ascii=False)
        answer = httpx.post(live.url + "/api/ask", json={"question": "福田区2021年人民调解成功率是多少？"},
                            timeout=60).json()
        assert "96.5%" in answer["answer"]
