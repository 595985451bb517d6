"""The server as a real process (`python -m app.cli serve`), next to other processes: a second
writer (`reportqa ingest`) on the same index, kill -9 in the middle of an upload's ingest, a disk
that refuses writes (RLIMIT_FSIZE: the kernel fails the write like a full disk), and the web UI
login (non-ASCII passwords, throttling)."""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from app_live import FUTIAN_REPORT, LiveServer, free_port
from ingest.settings import Settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
XRW = {"X-Requested-With": "reportqa-test"}


def _env(index_dir: Path, corpus: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "REPORTQA_INDEX_DIR": str(index_dir),
            "REPORTQA_CORPUS_DIR": str(corpus), "REPORTQA_QUERY_ENCODERS": "1"}


def _limit_file_size(max_bytes: int):
    def apply() -> None:  # in the child, before exec: writes past max_bytes fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return apply


class ServerProcess:
    def __init__(self, index_dir: Path, corpus: Path, log: Path, max_file_bytes: int | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(self.port)],
            cwd=ROOT, env=_env(index_dir, corpus), stdout=self._log, stderr=subprocess.STDOUT,
            preexec_fn=_limit_file_size(max_file_bytes) if max_file_bytes else None)

    def __enter__(self) -> "ServerProcess":
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"server exited: {self.proc.returncode}"
            try:
                if httpx.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError("server process did not start")

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._log.close()


def _report(region: str, rate: str) -> str:
    return FUTIAN_REPORT.replace("福田", region).replace("96.5%", rate)


def _cli(*args: str, index_dir: Path, corpus: Path, max_file_bytes: int | None = None
         ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, timeout=600,
                          env=_env(index_dir, corpus), capture_output=True, text=True,
                          preexec_fn=_limit_file_size(max_file_bytes) if max_file_bytes else None)


def _sources(url: str) -> set[str]:
    return {d["source"] for d in httpx.get(f"{url}/api/documents", timeout=60).json()["documents"]}


# --- item 8: two processes on one index --------------------------------------------------------
def test_server_follows_ingest_and_delete_by_another_process(sample_index_dir, tmp_path):
    index_dir, corpus = tmp_path / "idx", tmp_path / "corpus"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    corpus.mkdir()
    (corpus / "光明.txt").write_text(_report("光明", "92.8%"), encoding="utf-8")
    with ServerProcess(index_dir, corpus, tmp_path / "server.log") as server:
        assert "光明.txt" not in _sources(server.url)
        done = _cli("ingest", str(corpus / "光明.txt"), "--json", index_dir=index_dir, corpus=corpus)
        assert done.returncode == 0, done.stderr
        assert "光明.txt" in _sources(server.url)  # the very next request sees it
        ask = httpx.post(f"{server.url}/api/ask", timeout=60,
                         json={"question": "光明区2021年人民调解成功率是多少？"}).json()
        assert "92.8%" in ask["answer"]
        doc_id = ask["citations"][0]["doc_id"]
        text = httpx.get(f"{server.url}/api/documents/{doc_id}/text", timeout=60)
        assert text.status_code == 200 and "92.8%" in text.text
        gone = _cli("delete", doc_id, index_dir=index_dir, corpus=corpus)
        assert gone.returncode == 0, gone.stderr
        assert "光明.txt" not in _sources(server.url)
        assert httpx.get(f"{server.url}/api/documents/{doc_id}/text", timeout=60).status_code == 404


def test_writers_in_two_processes_lose_nothing(sample_index_dir, tmp_path):
    """A CLI ingest and a server upload at the same time: the file lock serialises them and each
    starts from the other's result, so both reports end up in the index."""
    index_dir, corpus = tmp_path / "idx", tmp_path / "corpus"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    corpus.mkdir()
    cli_file = corpus / "宝安.txt"
    cli_file.write_text(_report("宝安", "94.2%") * 5, encoding="utf-8")
    with ServerProcess(index_dir, corpus, tmp_path / "server.log") as server:
        result: dict = {}

        def upload() -> None:
            result["r"] = httpx.post(f"{server.url}/api/documents", headers=XRW, timeout=600,
                                     files=[("files", ("龙岗.txt", _report("龙岗", "93.3%").encode(),
                                                       "text/plain"))])

        t = threading.Thread(target=upload)
        t.start()
        cli = _cli("ingest", str(cli_file), "--json", index_dir=index_dir, corpus=corpus)
        t.join(timeout=600)
        assert cli.returncode == 0, cli.stderr
        assert result["r"].status_code == 200, result["r"].text
        sources = _sources(server.url)
        assert {"宝安.txt", "uploads/龙岗.txt"} <= sources, sources
        assert len(sources) == 7
        for region, rate in (("宝安", "94.2%"), ("龙岗", "93.3%")):
            ans = httpx.post(f"{server.url}/api/ask", timeout=60,
                             json={"question": f"{region}区2021年人民调解成功率是多少？"}).json()
            assert rate in ans["answer"], (region, ans["answer"])


# --- item 9: crash between storing and indexing -------------------------------------------------
def test_upload_interrupted_by_kill_is_recovered_at_start(sample_index_dir, tmp_path):
    index_dir, corpus = tmp_path / "idx", tmp_path / "corpus"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    paragraphs = [f"（{i}）第{i}批矛盾纠纷化解工作中，坪山区各调解组织受理纠纷{100 + i}宗，"
                  f"涉及劳动争议、邻里纠纷和物业服务等{i % 7 + 2}类问题，均依法妥善处理。"
                  for i in range(600)]
    big = _report("坪山", "97.7%") + "\n\n".join(paragraphs)
    uploads = corpus / "uploads"
    with ServerProcess(index_dir, corpus, tmp_path / "server1.log") as first:
        threading.Thread(target=lambda: _post_quietly(first.url, "坪山.txt", big.encode()),
                         daemon=True).start()
        deadline = time.monotonic() + 120
        while not (uploads / "坪山.txt").exists():
            assert time.monotonic() < deadline, "the upload was never stored"
            time.sleep(0.01)
        first.proc.kill()  # SIGKILL while the upload is being ingested
        first.proc.wait(timeout=30)
    assert (uploads / "坪山.txt").exists()
    with ServerProcess(index_dir, corpus, tmp_path / "server2.log") as second:
        deadline = time.monotonic() + 400
        while "uploads/坪山.txt" not in _sources(second.url):
            assert time.monotonic() < deadline, "the interrupted upload was not recovered"
            time.sleep(1)
        health = httpx.get(f"{second.url}/healthz", timeout=60).json()
        assert health["recovered_uploads"]["ingested"] == ["uploads/坪山.txt"]
        ans = httpx.post(f"{second.url}/api/ask", timeout=60,
                         json={"question": "坪山区2021年人民调解成功率是多少？"}).json()
        assert "97.7%" in ans["answer"]
    assert not [p for p in uploads.iterdir() if p.name.startswith(".")]


def _post_quietly(url: str, name: str, data: bytes) -> None:
    try:
        httpx.post(f"{url}/api/documents", headers=XRW, timeout=600,
                   files=[("files", (name, data, "text/plain"))])
    except httpx.HTTPError:
        pass  # the server was killed: expected


# --- item 9: a disk that refuses writes ----------------------------------------------------------
LIMIT = 256 * 1024


def test_disk_full_gives_clean_errors_and_leaves_nothing(tmp_path):
    index_dir, corpus = tmp_path / "idx", tmp_path / "corpus"
    too_big_to_store = (_report("坪山", "97.7%") * 500).encode()          # ~315 KB > LIMIT
    indexable = "\n\n".join(f"（{i}）大鹏新区第{i}项法治工作：依法受理行政复议申请{i}件，全部按期办结。"
                            for i in range(1800)).encode()              # ~195 KB: stored, not indexed
    assert len(too_big_to_store) > LIMIT > len(indexable)
    with ServerProcess(index_dir, corpus, tmp_path / "server.log", max_file_bytes=LIMIT) as s:
        for name, data in (("big.txt", too_big_to_store), ("大鹏.txt", indexable)):
            r = httpx.post(f"{s.url}/api/documents", headers=XRW, timeout=600,
                           files=[("files", (name, data, "text/plain"))])
            assert r.status_code == 507, (name, r.status_code, r.text[:300])
            assert "could not write" in r.json()["error"] and str(tmp_path) not in r.text
            assert not [p.name for p in (corpus / "uploads").iterdir()], "upload left behind"
            health = httpx.get(f"{s.url}/healthz", timeout=60)
            assert health.status_code == 200 and health.json()["documents"] == 0
        assert httpx.get(f"{s.url}/v1/models", timeout=60).status_code == 200
    assert not list(index_dir.glob("versions/*.tmp"))
    (corpus / "大鹏.txt").write_bytes(indexable)
    cli = _cli("ingest", str(corpus / "大鹏.txt"), index_dir=tmp_path / "idx2", corpus=corpus,
               max_file_bytes=LIMIT)
    assert cli.returncode == 2, (cli.returncode, cli.stderr[-2000:])
    assert "cannot write the index" in cli.stderr and "Traceback" not in cli.stderr


# --- item 9: the web UI login --------------------------------------------------------------------
def test_ui_login_non_ascii_password_and_throttling(tmp_path):
    settings = Settings(index_dir=tmp_path / "idx", corpus_dir=tmp_path / "c", api_key="s3cret")
    from app.server import create_app

    with LiveServer(create_app(settings=settings)) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        statuses = [c.post("/login", data={"username": "u", "password": pw}).status_code
                    for pw in ("密码", "pässwörd", "wrong", "s3cre", "x")]
        assert statuses == [400] * 5, statuses
        throttled = c.post("/login", data={"username": "u", "password": "s3cret"})
        assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
        assert c.get("/healthz").status_code == 200
