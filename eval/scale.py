"""Store-level scale figures: N synthetic passages on FAISS-flat, FAISS-HNSW (each with bm25s,
as the default store) and Milvus Lite (BM25 function + HNSW, one collection).

    python -m eval.bench --scale 100000 --backends flat,hnsw,milvus --out eval/out/scale

Passages are synthetic report sentences (regions, years, metrics, figures) tokenised with the
real tokenizer (``ingest.tokenize``); dense vectors are random unit vectors of the encoder's
dimension (embedding a million passages is out of reach on 2 CPUs), and queries are noisy copies
of stored vectors, so each query has true near neighbours as real ones do. Each backend runs in
a fresh process so its peak RSS is its own. Measured per backend: build seconds, hybrid search
p50/p95 with and without a region filter (1 region of ``N_REGIONS``), recall@10 of the dense
top-10 against exact search, peak RSS, disk.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from eval.metrics import percentiles

__all__ = ["run_backend", "synth_chunks", "format_scale"]

DIM = 384
N_REGIONS = 50
_PLACES = ("盐田", "罗湖", "福田", "宝安", "沙坪坝", "渝中", "江北", "海曙", "鄞州", "天河")
_METRICS = ("人民调解成功率", "法律援助案件", "公证案件", "行政复议案件", "持证执法人员",
            "规范性文件审查", "矛盾纠纷化解", "普法宣传活动", "社区矫正对象", "法律顾问")
_VERBS = ("全年共办理", "累计受理", "组织开展", "审查备案", "培训", "化解")


def _region(i: int) -> str:
    return f"{_PLACES[i % len(_PLACES)]}{i // len(_PLACES) or ''}区"


def synth_chunks(n: int, seed: int = 0):
    """``n`` Chunks of 3-6 synthetic report sentences each, spread over N_REGIONS districts and
    five years."""
    from ingest import Chunk

    rnd = random.Random(seed)
    out = []
    for i in range(n):
        r, y = rnd.randrange(N_REGIONS), 2018 + rnd.randrange(5)
        sents = [f"{_region(r)}{y}年{rnd.choice(_VERBS)}{rnd.choice(_METRICS)}"
                 f"{rnd.randint(1, 5000)}件，同比增长{rnd.randint(1, 99)}%。"
                 for _ in range(rnd.randint(3, 6))]
        meta = {"doc_id": f"d{i // 20}", "district": _region(r), "city": "", "province": "",
                "year": y, "title": f"{_region(r)}{y}年法治政府建设工作报告", "position": i % 20}
        out.append(Chunk(id=f"c{i}", text="".join(sents), meta=meta))
    return out


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _data(n: int, n_queries: int, seed: int):
    rng = np.random.default_rng(seed)
    vecs = _unit(rng.standard_normal((n, DIM), dtype=np.float32))
    picks = rng.integers(0, n, n_queries)
    qvecs = _unit(vecs[picks] + 0.08 * rng.standard_normal((n_queries, DIM), dtype=np.float32))
    queries = [f"{_region(int(rng.integers(N_REGIONS)))}{2018 + int(rng.integers(5))}年"
               f"{_METRICS[int(rng.integers(len(_METRICS)))]}是多少" for _ in range(n_queries)]
    return vecs, qvecs, queries


def _peak_rss_mb() -> float:
    import resource
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _disk_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def _exact_top(vecs: np.ndarray, qvecs: np.ndarray, k: int) -> list[set[int]]:
    return [set(np.argsort(-(vecs @ q))[:k].tolist()) for q in qvecs]


class _Local:
    def __init__(self, kind: str, chunks, vecs, work: Path):
        from index.bm25 import BM25Index
        from index.dense import DenseIndex

        self.bm25 = BM25Index.build([c.context_text for c in chunks])
        self.dense = DenseIndex.build(vecs, kind)
        self.districts = np.array([c.meta["district"] for c in chunks], dtype=object)
        work.mkdir(parents=True, exist_ok=True)
        self.bm25.save(work / "bm25")
        self.dense.save(work / "vectors.faiss")

    def search(self, query: str, qvec: np.ndarray, k: int, region: str | None):
        from index.hybrid import _ranked, rrf_fuse

        mask = None if region is None else self.districts == region
        allowed = None if mask is None else np.flatnonzero(mask)
        fused = rrf_fuse(_ranked(*self.bm25.search(query, 50, mask)),
                         _ranked(*self.dense.search(qvec, 50, allowed)))
        return sorted(fused, key=lambda r: -fused[r])[:k]

    def dense_top(self, qvec: np.ndarray, k: int) -> set[int]:
        return set(self.dense.search(qvec, k)[0].tolist())


class _Milvus:
    def __init__(self, chunks, vecs, work: Path):
        from index.milvus import MilvusStore
        from ingest import Settings

        settings = Settings(milvus_uri=str(work / "milvus.db"))
        self.store = MilvusStore.from_settings(settings, work)
        self.settings = settings
        self.name = self.store.write("scale", chunks, [c.context_text for c in chunks], vecs, [])

    def search(self, query: str, qvec: np.ndarray, k: int, region: str | None):
        expr = "" if region is None else f'district in ["{region}"]'
        return self.store.raw_search(self.name, query, lambda: qvec, k, expr, "hybrid",
                                     self.settings)

    def dense_top(self, qvec: np.ndarray, k: int) -> set[int]:
        found = self.store.raw_search(self.name, "", lambda: qvec, k, "", "dense", self.settings)
        return {int(cid[1:]) for cid, _ in found}


def run_backend(backend: str, n: int, work: Path, n_queries: int = 50, k: int = 10,
                seed: int = 0) -> dict[str, Any]:
    """Build ``backend`` over ``n`` passages in ``work`` and measure it (run in a fresh process)."""
    t0 = time.perf_counter()
    chunks = synth_chunks(n, seed)
    vecs, qvecs, queries = _data(n, n_queries, seed)
    prep_s = time.perf_counter() - t0
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    t0 = time.perf_counter()
    if backend == "milvus":
        store: Any = _Milvus(chunks, vecs, work)
    else:
        store = _Local(backend, chunks, vecs, work)
    build_s = time.perf_counter() - t0
    out: dict[str, Any] = {"backend": backend, "n": n, "prep_s": round(prep_s, 1),
                           "build_s": round(build_s, 1)}
    region = _region(0)
    for label, reg in (("search_ms", None), ("filtered_search_ms", region)):
        store.search(queries[0], qvecs[0], k, reg)  # warm
        times = []
        for q, v in zip(queries, qvecs):
            t = time.perf_counter()
            store.search(q, v, k, reg)
            times.append((time.perf_counter() - t) * 1000)
        out[label] = percentiles(times)
    exact = _exact_top(vecs, qvecs, k)
    out[f"dense_recall@{k}"] = round(float(np.mean(
        [len(store.dense_top(v, k) & e) / k for v, e in zip(qvecs, exact)])), 4)
    out["peak_rss_mb"] = _peak_rss_mb()
    out["disk_mb"] = _disk_mb(work)
    return out


def format_scale(rows: list[dict[str, Any]]) -> str:
    head = ["backend", "passages", "build s", "hybrid p50/p95 ms", "filtered p50/p95 ms",
            "dense recall@10", "peak RSS MB", "disk MB"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        s, f = r["search_ms"], r["filtered_search_ms"]
        cells = [r["backend"], r["n"], r["build_s"], f"{s['p50']}/{s['p95']}",
                 f"{f['p50']}/{f['p95']}", r["dense_recall@10"], r["peak_rss_mb"], r["disk_mb"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main_scale(n: int, backends: list[str], work: Path, out: Path | None, n_queries: int,
               child: Any) -> str:
    """Each backend in a fresh process (``child`` runs ``--phase scale``); a table back."""
    rows = [child(["--phase", "scale", "--size", str(n), "--backend", b, "--work",
                   str(work / f"scale_{b}_{n}"), "--queries", str(n_queries)]) for b in backends]
    table = format_scale(rows)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"scale_{n}.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
        (out / f"scale_{n}.md").write_text(table + f"\n\n{os.cpu_count()} CPUs\n", encoding="utf-8")
    return table
