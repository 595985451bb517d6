"""Benchmarks: ingestion throughput, warm search latency, peak memory and index size at several
corpus sizes (the 5 sample reports, then synthetic corpora from eval/synth.py).

    python -m eval.bench --sizes 5,1000,10000 --out eval/out/bench

Each size runs in two fresh processes (build, then search) so that peak RSS belongs to that size
and phase. At sizes above ``--real-embed-max`` (default 50 reports) the passages are indexed with
random unit vectors of the encoder's dimension, made in bulk: the real encoder costs ~0.2 s per
passage on 2 CPUs, so embedding 10k reports would take hours. The real per-passage embedding
cost is measured on a sample instead, and every search query still goes through the real encoder.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from eval.metrics import percentiles

__all__ = ["run_bench", "format_bench", "main"]

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
SAMPLE_REPORTS = REPO / "data" / "reports"
_METRICS = ("人民调解成功率", "法律援助案件", "公证案件", "行政复议案件", "持证执法人员", "规范性文件审查",
            "矛盾纠纷化解", "普法宣传活动", "社区矫正对象", "法律顾问", "行政诉讼案件", "出庭应诉率")
_FORMS = ("{r}{y}年{m}是多少？", "{r}{y}年{m}有多少？", "{m}在{r}{y}年的情况如何？", "{y}年{r}的{m}")


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KB on Linux


def _dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 2)


def _random_encoder(name: str, dim: int, seed: int):
    """An Encoder that returns random unit vectors under the real encoder's name and dimension,
    so the index loads and is queried with the real encoder. Bench-only (large corpora)."""
    from index import Encoder

    class RandomUnitEncoder(Encoder):
        def __init__(self) -> None:
            self.name, self.batch_size = name, 4096
            self._rng = np.random.default_rng(seed)

        @property
        def dim(self) -> int:
            return dim

        def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
            return self._rng.standard_normal((len(texts), dim), dtype=np.float32)

    return RandomUnitEncoder()


def _corpus(size: int, work: Path, seed: int) -> list[Path]:
    if size == len(list(SAMPLE_REPORTS.glob("*.txt"))):
        return sorted(SAMPLE_REPORTS.glob("*.txt"))
    from eval.synth import generate

    target = work / f"corpus_{size}"
    existing = sorted(target.glob("synth_*.txt"))
    return existing if len(existing) == size else generate(target, size, seed=seed)


# --- phase 1: build ------------------------------------------------------------------------------
def _time_process_file(paths: list[Path], settings: Any) -> dict[str, float]:
    from ingest import process_file

    process_file(paths[0], settings)  # one-time set-up (jieba dictionary, region gazetteer)
    t0 = time.perf_counter()
    n_chunks = sum(len(process_file(p, settings)[1]) for p in paths)
    dt = time.perf_counter() - t0
    return {"docs": len(paths), "chunks": n_chunks, "seconds": round(dt, 3),
            "docs_per_s": round(len(paths) / dt, 2), "chunks_per_s": round(n_chunks / dt, 2)}


def _embed_rate(encoder: Any, texts: list[str]) -> dict[str, float]:
    encoder.warm_up()
    t0 = time.perf_counter()
    encoder.encode_passages(texts)
    dt = time.perf_counter() - t0
    return {"passages": len(texts), "seconds": round(dt, 3),
            "passages_per_s": round(len(texts) / dt, 2), "ms_per_passage": round(1000 * dt / len(texts), 1)}


def _phase_build(size: int, work: Path, seed: int, real_embed_max: int, embed_sample: int) -> dict:
    from index import ReportIndex, build_index, load_encoder
    from ingest import Settings

    settings = Settings()
    paths = _corpus(size, work, seed)
    index_dir = work / f"index_{size}"
    real = load_encoder(settings.encoder, settings)
    real_vectors = size <= real_embed_max
    out: dict[str, Any] = {"size": size, "docs": len(paths), "vectors": "real" if real_vectors else
                           f"random unit vectors (dim {real.dim}); queries use the real encoder"}
    out["process_file"] = _time_process_file(paths[: min(len(paths), 500)], settings)
    # fresh directories: a reused one would skip unchanged files and serve cached embeddings
    for d in (index_dir, work / f"index_{size}_noembed"):
        shutil.rmtree(d, ignore_errors=True)
    if real_vectors:  # the real thing end to end: with embedding
        real.warm_up()
        rep = build_index(paths, index_dir, settings=settings, encoder=real, progress=False, rebuild=True)
        out["build_with_embedding"] = _rate(rep)
    bulk = _random_encoder(real.name, real.dim, seed)
    no_embed_dir = work / f"index_{size}_noembed"
    rep = build_index(paths, no_embed_dir, settings=settings, encoder=bulk, progress=False, rebuild=True)
    out["build_without_embedding"] = _rate(rep)
    if not real_vectors:
        index_dir = no_embed_dir
    chunks = ReportIndex.load(index_dir, settings).chunks()
    sample = [c.context_text for c in random.Random(seed).sample(chunks, min(embed_sample, len(chunks)))]
    out["embedding"] = _embed_rate(real, sample)
    out["estimated_build_with_embedding_docs_per_s"] = _estimate(out)
    out["index_dir"], out["index_mb"] = str(index_dir), _dir_mb(index_dir)
    out["cache_mb"] = _dir_mb(index_dir / "cache") if (index_dir / "cache").exists() else 0.0
    out["peak_rss_build_mb"] = _peak_rss_mb()
    out["loadavg_1m_after_build"] = round(os.getloadavg()[0], 2)
    return out


def _rate(rep: Any) -> dict[str, float]:
    if rep.failed:
        log.warning("%d files failed: %s", len(rep.failed), rep.failed[:3])
    n_docs = len(rep.ingested)
    return {"docs": n_docs, "chunks": rep.n_chunks, "seconds": rep.seconds, "failed": len(rep.failed),
            "docs_per_s": round(n_docs / rep.seconds, 2), "chunks_per_s": round(rep.n_chunks / rep.seconds, 2)}


def _estimate(out: dict[str, Any]) -> float:
    """Docs/s of a build with real embedding, from the build without it plus the measured
    per-passage embedding cost."""
    b = out["build_without_embedding"]
    per_doc = b["seconds"] / max(b["docs"], 1) + (b["chunks"] / max(b["docs"], 1)) / out["embedding"]["passages_per_s"]
    return round(1 / per_doc, 3)


# --- phase 2: search -----------------------------------------------------------------------------
def _queries(index: Any, n: int, seed: int) -> list[str]:
    """Distinct questions over the index's own regions and years (no embedding-cache hits)."""
    rng = random.Random(seed)
    regions = [r.get("district") or r.get("city") for r in index.regions()] or ["盐田区"]
    years = index.years() or [2020]
    out: dict[str, None] = {}
    for _ in range(n * 50):
        if len(out) >= n:
            break
        q = rng.choice(_FORMS).format(r=rng.choice(regions), y=rng.choice(years), m=rng.choice(_METRICS))
        out[q] = None
    return list(out)


def _phase_search(size: int, index_dir: Path, n_queries: int, seed: int, k: int) -> dict:
    from index import HybridSearcher, ReportIndex, load_encoder
    from ingest import Settings

    settings = Settings()
    t0 = time.perf_counter()
    index = ReportIndex.load(index_dir, settings)
    encoder = load_encoder(settings.encoder, settings)
    encoder.warm_up()
    searcher = HybridSearcher(index, encoder=encoder, settings=settings)
    load_s = time.perf_counter() - t0
    queries = _queries(index, 2 * n_queries + 3, seed)
    for q in queries[:3]:  # warm: first-call costs (BM25 / FAISS pages, jieba dictionary)
        searcher.search(q, k=k, mode="hybrid")
    hybrid_q, other_q = queries[3:3 + n_queries], queries[3 + n_queries:]
    timed = {"search_ms": [_timed(lambda q: searcher.search(q, k=k, mode="hybrid"), q) for q in hybrid_q],
             # the parts, on other distinct queries: query encoding alone, BM25 alone
             "encode_ms": [_timed(lambda q: encoder.encode_queries([q]), q) for q in other_q],
             "bm25_ms": [_timed(lambda q: searcher.search(q, k=k, mode="bm25"), q) for q in other_q]}
    out = {"size": size, "load_s": round(load_s, 2), "n_queries": len(hybrid_q), "k": k}
    out.update({key: percentiles(vals) for key, vals in timed.items()})
    out["mean_ms"] = round(float(np.mean(timed["search_ms"])), 2) if hybrid_q else None
    out["peak_rss_search_mb"] = _peak_rss_mb()
    out["loadavg_1m_after_search"] = round(os.getloadavg()[0], 2)
    return out


def _timed(fn: Any, arg: Any) -> float:
    t = time.perf_counter()
    fn(arg)
    return (time.perf_counter() - t) * 1000


# --- driver --------------------------------------------------------------------------------------
def _child(args: list[str]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as fh:
        result = Path(fh.name)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    env.setdefault("HF_HUB_OFFLINE", "1")
    subprocess.run([sys.executable, "-m", "eval.bench", *args, "--result", str(result)], check=True, env=env)
    try:
        return json.loads(result.read_text(encoding="utf-8"))
    finally:
        result.unlink(missing_ok=True)


def run_bench(sizes: Sequence[int] = (5, 1000, 10000), out_dir: Path | str | None = None,
              work_dir: Path | str | None = None, seed: int = 0, n_queries: int = 50, k: int = 10,
              real_embed_max: int = 50, embed_sample: int = 64) -> dict[str, Any]:
    """Build and search at each size (fresh processes); write bench.json and bench.md to
    ``out_dir`` (default eval/out/bench-<timestamp>) and return the results."""
    if not sizes or any(s < 1 for s in sizes):
        raise ValueError("sizes must be positive integers, e.g. 5,1000")
    work = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="reportqa-bench-"))
    rows = []
    for size in sizes:
        common = ["--size", str(size), "--work", str(work), "--seed", str(seed)]
        build = _child(["--phase", "build", *common, "--real-embed-max", str(real_embed_max),
                        "--embed-sample", str(embed_sample)])
        search = _child(["--phase", "search", *common, "--index", build["index_dir"],
                         "--queries", str(n_queries), "--k", str(k)])
        rows.append({**build, **search})
        log.info("bench size %d done", size)
    result = {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "cpus": os.cpu_count(), "python": sys.version.split()[0], "work_dir": str(work),
              "note": "At sizes above real_embed_max passages are indexed with random unit vectors "
                      "(real dimension); queries are always encoded by the real encoder.",
              "real_embed_max": real_embed_max, "results": rows}
    out = Path(out_dir) if out_dir else Path("eval/out") / f"bench-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "bench.md").write_text(format_bench(result) + "\n", encoding="utf-8")
    result["out_dir"] = str(out)
    return result


def format_bench(result: dict[str, Any]) -> str:
    """One Markdown row per corpus size."""
    head = ["reports", "chunks", "vectors", "process_file docs/s", "build w/o embed docs/s (chunks/s)",
            "build with embed docs/s", "embed ms/passage", "hybrid search p50/p95 ms",
            "of which: query encode p50 / BM25 p50 ms", "peak RSS build/search MB",
            "index MB (cache)", "load avg"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in result["results"]:
        nb = r["build_without_embedding"]
        wb = r.get("build_with_embedding")
        with_embed = f"{wb['docs_per_s']}" if wb else f"~{r['estimated_build_with_embedding_docs_per_s']} (est.)"
        s = r["search_ms"]
        cells = [r["docs"], nb["chunks"], "real" if r["vectors"] == "real" else "random*",
                 r["process_file"]["docs_per_s"], f"{nb['docs_per_s']} ({nb['chunks_per_s']})", with_embed,
                 r["embedding"]["ms_per_passage"], f"{s.get('p50')}/{s.get('p95')}",
                 f"{r.get('encode_ms', {}).get('p50')} / {r.get('bm25_ms', {}).get('p50')}",
                 f"{r['peak_rss_build_mb']}/{r['peak_rss_search_mb']}", f"{r['index_mb']} ({r['cache_mb']})",
                 f"{r.get('loadavg_1m_after_build')}/{r.get('loadavg_1m_after_search')}"]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    lines.append("")
    lines.append("*random: " + result["note"] + f" Machine: {result['cpus']} CPUs; load avg is the "
                 "1-minute load after build/search (above the CPU count, other work shared the CPUs).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="reportqa ingestion / search / memory benchmark")
    ap.add_argument("--sizes", default="5,1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--work", type=Path, default=None, help="where corpora and indexes go (reused)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--real-embed-max", type=int, default=50)
    ap.add_argument("--embed-sample", type=int, default=64)
    ap.add_argument("--json", action="store_true", help="print the JSON instead of the table")
    ap.add_argument("--scale", type=int, default=None,
                    help="store-level figures at this many passages instead (see eval/scale.py)")
    ap.add_argument("--backends", default="flat,hnsw,milvus", help="with --scale")
    # internal: one phase in a child process
    ap.add_argument("--phase", choices=["build", "search", "scale"], help=argparse.SUPPRESS)
    ap.add_argument("--backend", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.phase else logging.INFO,
                        format="%(asctime)s %(name)s %(message)s")
    if args.phase == "scale":
        from eval.scale import run_backend
        res = run_backend(args.backend, args.size, args.work, args.queries, args.k, args.seed)
        args.result.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        return
    if args.scale:
        from eval.scale import main_scale
        work = args.work or Path(tempfile.mkdtemp(prefix="reportqa-scale-"))
        print(main_scale(args.scale, args.backends.split(","), work, args.out, args.queries, _child))
        return
    if args.phase:
        res = (_phase_build(args.size, args.work, args.seed, args.real_embed_max, args.embed_sample)
               if args.phase == "build" else _phase_search(args.size, args.index, args.queries, args.seed, args.k))
        args.result.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    result = run_bench(sizes, args.out, args.work, args.seed, args.queries, args.k,
                       args.real_embed_max, args.embed_sample)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_bench(result))
    print(f"\nwritten to {result['out_dir']}", file=sys.stderr)


if __name__ == "__main__":
    main()
