"""Load benchmark of the HTTP server: concurrent POST /api/ask requests, first on a quiet server,
then while a report upload is being ingested (which must not block queries).

    python -m eval.load_bench --index data/index --requests 100 --concurrency 10

The index is copied to a temporary directory first, so the upload never changes yours. The
server is the real one (app.server.create_app under uvicorn on 127.0.0.1, REST only). Prints one
JSON object: per phase, throughput (requests/s), latency p50/p95/p99/max in ms, errors and how
many answers held the expected figure; for the upload, its status and ingest time.
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

__all__ = ["run_load_bench", "main"]

log = logging.getLogger(__name__)

# (question, a figure the answer must contain): every 10th request is the 盐田 question and is
# checked; the others are distinct region x year x metric questions, so that no cache (query
# embeddings, answers) makes the figures look better than a real mix of users would.
YANTIAN = ("盐田区2020年人民调解成功率是多少？", "99%")
_REGIONS = ["盐田区", "罗湖区", "沙坪坝区", "海曙区", "宝安区", "福田区"]
_YEARS = [2015, 2019, 2020, 2021]
_METRICS = ["人民调解成功率是多少", "办理法律援助案件多少宗", "行政复议案件有多少件",
            "调解纠纷多少宗", "开展普法活动多少场", "行政诉讼败诉率是多少", "办理公证多少件",
            "律师事务所有多少家", "法律顾问覆盖率是多少", "社区矫正对象有多少人"]
QUESTIONS = [YANTIAN] + [(f"{r}{y}年{m}？", None) for m in _METRICS for r in _REGIONS
                         for y in _YEARS]


def _question(i: int) -> tuple[str, str | None]:
    return YANTIAN if i % 10 == 0 else QUESTIONS[1 + i % (len(QUESTIONS) - 1)]
UPLOAD_TEMPLATE = """{region}司法局2021年法治政府建设工作报告

发布时间：2022-01-20

2021年，{region}司法局坚持以习近平法治思想为指导，全面推进法治政府建设。

一、2021年法治政府建设工作概述

（一）深化矛盾纠纷多元化解

全区各级人民调解组织共受理矛盾纠纷3200宗，人民调解成功率达96.5%，有效维护了社会和谐稳定。

（二）完善公共法律服务体系

全年办理法律援助案件880宗，为群众挽回经济损失1200余万元。
"""


class _Server:
    """uvicorn serving ``app`` on a free 127.0.0.1 port in a background thread."""

    def __init__(self, app: Any):
        import socket

        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "_Server":
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _fire(url: str, n: int, concurrency: int, max_seconds: float,
          stop: threading.Event | None = None, offset: int = 0) -> dict[str, Any]:
    """``n`` asks from ``concurrency`` workers (or fewer when ``max_seconds`` runs out)."""
    deadline = time.monotonic() + max_seconds
    local = threading.local()
    results: list[tuple[float, int, bool | None]] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        if time.monotonic() > deadline or (stop is not None and stop.is_set()):
            return
        client = getattr(local, "client", None) or httpx.Client(base_url=url, timeout=300)
        local.client = client
        question, figure = _question(i)
        t0 = time.perf_counter()
        try:
            r = client.post("/api/ask", json={"question": question})
            ok = None if figure is None else r.status_code == 200 and figure in r.json()["answer"]
            status = r.status_code
        except httpx.HTTPError:
            ok, status = (None if figure is None else False), 0
        with lock:
            results.append(((time.perf_counter() - t0) * 1000, status, ok))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(offset, offset + n)))
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
    with httpx.Client(base_url=url, timeout=600) as c:
        r = c.post("/api/documents", headers={"X-Requested-With": "load_bench"}, files=[("files", ("load_bench_upload.txt",
                                                       text.encode("utf-8"), "text/plain"))])
    out.update(status=r.status_code, seconds=round(time.perf_counter() - t0, 2),
               ingested=len(r.json().get("ingested", [])) if r.status_code == 200 else 0)
    done.set()


def run_load_bench(index_dir: Path, requests: int = 100, concurrency: int = 10,
                   max_seconds: float = 120.0, upload_repeat: int = 20) -> dict[str, Any]:
    """Copy the index, serve it, measure a quiet phase and a phase during an upload."""
    from app.server import create_app
    from ingest.settings import Settings

    with tempfile.TemporaryDirectory(prefix="reportqa-load-") as tmp:
        copy = Path(tmp) / "idx"
        shutil.copytree(index_dir, copy, symlinks=True)
        settings = Settings(index_dir=copy, corpus_dir=Path(tmp) / "corpus")
        app = create_app(settings=settings, ui=False)
        with _Server(app) as server:
            t0 = time.perf_counter()
            warm = httpx.post(f"{server.url}/api/ask", json={"question": YANTIAN[0]},
                              timeout=600)
            warm.raise_for_status()
            warm_s = time.perf_counter() - t0
            quiet = _fire(server.url, requests, concurrency, max_seconds)
            base = requests  # the second phase asks other questions than the first
            # the upload is a report of `upload_repeat` sections, so its ingest takes a while
            text = "\n".join(UPLOAD_TEMPLATE.format(region="福田区").replace(
                "2021年法治政府", f"2021年第{i}批法治政府") for i in range(upload_repeat))
            upload: dict[str, Any] = {}
            done = threading.Event()
            uploader = threading.Thread(target=_upload, args=(server.url, text, upload, done))
            uploader.start()
            during = _fire(server.url, requests, concurrency, max_seconds, stop=done, offset=base)
            uploader.join(timeout=600)
            after = httpx.post(f"{server.url}/api/ask", timeout=300,
                               json={"question": "福田区2021年人民调解成功率是多少？"}).json()
    return {"server": "app.server.create_app (REST only) under uvicorn, 127.0.0.1",
            "distinct_questions": len(QUESTIONS),
            "index": str(index_dir), "first_request_s": round(warm_s, 2),
            "quiet": quiet, "during_upload": during, "upload": upload,
            "upload_searchable_after": "96.5%" in after.get("answer", "")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--index", type=Path, default=Path("data/index"))
    p.add_argument("--requests", type=int, default=100, help="asks per phase (upper bound)")
    p.add_argument("--concurrency", type=int, default=10)
    p.add_argument("--max-seconds", type=float, default=120.0, help="time bound per phase")
    p.add_argument("--upload-repeat", type=int, default=20,
                   help="sections in the uploaded report (makes its ingest longer)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not (args.index / "current").exists() and not (args.index / "manifest.json").exists():
        print(f"no index at {args.index}; build one: reportqa ingest data/reports "
              f"--index {args.index}", file=sys.stderr)
        return 2
    result = run_load_bench(args.index, args.requests, args.concurrency, args.max_seconds,
                            args.upload_repeat)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
