"""CPU time per ask, split into query encoding and everything else (issue 11 item 7).

    python -m eval.ask_cpu --index /tmp/idx --asks 100 [--http 100] [--profile 30]

Wall throughput on a shared 2-core machine says little; CPU time per ask does not depend on
what else runs. In-process: ``ReportQA.ask`` on ``--asks`` unique questions about the index's
covered region-years (the load bench's questions, so no query-vector cache helps), CPU ms
(``time.process_time``) per ask, of which query encoding (the encoder's ``encode_queries``) and
the rest (analysis, BM25, FAISS, fusion, choosing the answer, verification). ``--http``: the same
questions to a ``python -m app.cli serve`` child process one at a time; the server's own CPU per
request (from /proc) minus the in-process CPU per ask is the HTTP layer (routing, validation,
JSON). ``--profile``: cProfile's top functions (by own time) over that many asks.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

__all__ = ["ask_cpu", "http_cpu", "main"]

_TICK = os.sysconf("SC_CLK_TCK")


def _questions(qa: Any, n: int, skip: int = 0) -> list[str]:
    from eval.load_bench import unique_questions

    covered = [(r.get("district") or r.get("city") or r.get("province"), y)
               for r in qa.regions() for y in r.get("years", [])]
    qs = unique_questions(covered)
    return qs[skip:skip + n]


class _EncodeMeter:
    """Wraps an encoder's ``encode_queries`` and sums the CPU it takes in the asking thread
    (the pool encodes in the caller's thread, on a single-thread model)."""

    def __init__(self, encoder: Any):
        self.encoder, self.cpu, self.calls = encoder, 0.0, 0
        self._inner = encoder.encode_queries
        encoder.encode_queries = self  # instance attribute shadows the method

    def __call__(self, texts: Any) -> Any:
        t = time.thread_time()
        try:
            return self._inner(texts)
        finally:
            self.cpu += time.thread_time() - t
            self.calls += 1

    def detach(self) -> None:
        del self.encoder.encode_queries


def _load(index: Path) -> Any:
    from app.pipeline import ReportQA

    qa = ReportQA.load(index)
    qa.warm_up()
    for q in ("盐田区2020年人民调解成功率是多少？", "法律援助案件有多少件"):
        qa.ask(q)  # first-call costs (jieba tables, lazy caches)
    return qa


def ask_cpu(index: Path, asks: int = 100, profile: int = 0, warm: int = 50) -> dict[str, Any]:
    """In-process CPU ms per ask on ``asks`` unique questions, split encode / rest, after
    ``warm`` other questions (a running server has answered questions before)."""
    qa = _load(index)
    for q in _questions(qa, warm):
        qa.ask(q)
    questions = _questions(qa, asks, skip=warm)
    meter = _EncodeMeter(qa.state.searcher.encoder)
    per_ask: list[float] = []
    wall0, cpu0, thread0 = time.perf_counter(), time.process_time(), time.thread_time()
    for q in questions:
        t = time.thread_time()
        qa.ask(q)
        per_ask.append((time.thread_time() - t) * 1000)
    cpu = (time.process_time() - cpu0) * 1000 / len(questions)
    thread = (time.thread_time() - thread0) * 1000 / len(questions)
    wall = (time.perf_counter() - wall0) * 1000 / len(questions)
    enc = meter.cpu * 1000 / len(questions)
    t = time.thread_time()
    for q in questions:  # again: query vectors (and everything else) cached now
        qa.ask(q)
    again = (time.thread_time() - t) * 1000 / len(questions)
    out: dict[str, Any] = {
        "asks": len(questions), "encoder_calls": meter.calls,
        "cpu_ms_per_ask": round(cpu, 2), "thread_cpu_ms_per_ask": round(thread, 2),
        "encode_cpu_ms_per_ask": round(enc, 2), "rest_cpu_ms_per_ask": round(thread - enc, 2),
        "rest_cpu_ms_per_ask_p50": round(statistics.median(per_ask) - enc, 2),
        "repeated_question_cpu_ms_per_ask": round(again, 2), "wall_ms_per_ask": round(wall, 2)}
    if profile:
        out["profile"] = _profile(qa, _questions(qa, profile, skip=warm + asks))
    meter.detach()
    return out


def _profile(qa: Any, questions: list[str], top: int = 40, sort: str = "cumtime") -> str:
    prof = cProfile.Profile()
    prof.enable()
    for q in questions:
        qa.ask(q)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats(sort).print_stats(top)
    return buf.getvalue()


def _proc_cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / _TICK  # utime + stime


def _server_cpu_ms(client: httpx.Client, pid: int, questions: list[str]) -> float:
    c0 = _proc_cpu_ms(pid)
    for q in questions:
        client.post("/api/ask", json={"question": q}).raise_for_status()
    return (_proc_cpu_ms(pid) - c0) / len(questions)


def http_cpu(index: Path, requests: int = 100) -> dict[str, Any]:
    """Server CPU ms per sequential /api/ask and per /healthz (the HTTP floor)."""
    from eval.load_bench import ServerProcess

    with tempfile.TemporaryDirectory(prefix="reportqa-askcpu-") as tmp:
        copy = Path(tmp) / "idx"
        shutil.copytree(index, copy, symlinks=True)
        with ServerProcess(copy, Path(tmp) / "corpus", Path(tmp) / "server.log") as server, \
                httpx.Client(base_url=server.url, timeout=120) as client:
            client.post("/api/ask", json={"question": "盐田区2020年人民调解成功率是多少？"})
            covered = [(r.get("district") or r.get("city"), y)
                       for r in client.get("/api/regions").json()["regions"]
                       for y in r.get("years", [])]
            from eval.load_bench import unique_questions
            qs = unique_questions(covered)[:requests]
            pid = server.proc.pid
            ask_ms = _server_cpu_ms(client, pid, qs)
            again_ms = _server_cpu_ms(client, pid, qs)  # the same again: query vectors cached
            c0 = _proc_cpu_ms(pid)
            for _ in range(requests):
                client.get("/healthz").raise_for_status()
            health_ms = (_proc_cpu_ms(pid) - c0) / requests
    return {"requests": len(qs), "server_cpu_ms_per_ask": round(ask_ms, 2),
            "server_repeated_question_cpu_ms_per_ask": round(again_ms, 2),
            "server_cpu_ms_per_healthz": round(health_ms, 2)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--index", type=Path, default=Path("data/index"))
    p.add_argument("--asks", type=int, default=100)
    p.add_argument("--warm", type=int, default=50, help="questions asked before measuring")
    p.add_argument("--profile", type=int, default=0, help="cProfile over this many more asks")
    p.add_argument("--http", type=int, default=0, help="sequential requests to a served copy")
    args = p.parse_args(argv)
    os.environ.setdefault("REPORTQA_QUERY_ENCODERS", "1")
    out = ask_cpu(args.index, args.asks, args.profile, args.warm)
    prof = out.pop("profile", None)
    if args.http:
        out["http"] = http_cpu(args.index, args.http)
        # both on repeated questions (query vectors cached): the encoder's noise stays out
        out["http"]["http_layer_cpu_ms_per_ask"] = round(
            out["http"]["server_repeated_question_cpu_ms_per_ask"]
            - out["repeated_question_cpu_ms_per_ask"], 2)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if prof:
        print(prof, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
