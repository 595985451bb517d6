"""Hybrid search: BM25 and dense candidates, filtered inside both retrievers, fused by
reciprocal-rank fusion (default) or by weighted min-max-normalised scores, optionally reranked
by a CrossEncoder.

Both retrievers see ``chunk.context_text`` (title + heading path + text): a passage saying
"全区人民调解组织共受理…成功率达99%" never names 盐田区, its report title does.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Literal

import numpy as np

from index.encoders import Encoder, load_encoder
from index.store import ReportIndex
from ingest import Chunk, Settings
from ingest.errors import EncoderMismatchError, EncoderUnavailableError, InvalidQueryError

__all__ = ["HybridSearcher", "Hit", "Mode", "rrf_fuse", "weighted_fuse"]

log = logging.getLogger(__name__)
Mode = Literal["hybrid", "bm25", "dense"]
_MODES = ("hybrid", "bm25", "dense")


@dataclass
class Hit:
    chunk: Chunk
    score: float
    bm25_rank: int | None = None    # 1-based rank in the BM25 candidate list
    dense_rank: int | None = None
    bm25_score: float | None = None
    dense_score: float | None = None
    rerank_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"chunk_id": self.chunk.id, "doc_id": self.chunk.doc_id, "text": self.chunk.text,
                "meta": dict(self.chunk.meta), "score": self.score,
                "bm25_rank": self.bm25_rank, "bm25_score": self.bm25_score,
                "dense_rank": self.dense_rank, "dense_score": self.dense_score,
                "rerank_score": self.rerank_score}


# --- fusion (pure functions over {row: (rank, score)}) --------------------------------------
Ranked = dict[int, tuple[int, float]]


def _ranked(rows: np.ndarray, scores: np.ndarray) -> Ranked:
    return {int(r): (i + 1, float(s)) for i, (r, s) in enumerate(zip(rows, scores))}


def rrf_fuse(bm25: Ranked, dense: Ranked, rrf_k: int = 60, w_bm25: float = 1.0,
             w_dense: float = 1.0) -> dict[int, float]:
    """score(row) = w_bm25 / (rrf_k + bm25_rank) + w_dense / (rrf_k + dense_rank)."""
    fused: dict[int, float] = {}
    for ranked, w in ((bm25, w_bm25), (dense, w_dense)):
        for row, (rank, _) in ranked.items():
            fused[row] = fused.get(row, 0.0) + w / (rrf_k + rank)
    return fused


def _minmax(ranked: Ranked) -> dict[int, float]:
    if not ranked:
        return {}
    vals = [s for _, s in ranked.values()]
    lo, hi = min(vals), max(vals)
    if hi - lo < 1e-12:
        return {row: 1.0 for row in ranked}
    return {row: (s - lo) / (hi - lo) for row, (_, s) in ranked.items()}


def weighted_fuse(bm25: Ranked, dense: Ranked, w_bm25: float = 1.0, w_dense: float = 1.0
                  ) -> dict[int, float]:
    """Each list's scores min-max normalised over its candidates, then a weighted sum (a row
    missing from one list gets 0 from it)."""
    nb, nd = _minmax(bm25), _minmax(dense)
    return {row: w_bm25 * nb.get(row, 0.0) + w_dense * nd.get(row, 0.0)
            for row in set(nb) | set(nd)}


def _filter_key(filters: dict | None) -> Any:
    """A hashable form of ``filters`` (None when a value cannot be one: not remembered)."""
    if not filters:
        return ()
    try:
        key = tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v)
                           for k, v in filters.items()))
        hash(key)
    except TypeError:
        return None
    return key


class _VectorCache:
    """Query-side vectors by text, least recently used dropped first. Thread-safe; encoding
    runs outside the lock, missing texts of one call in one batch."""

    def __init__(self, size: int):
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, texts: list[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        with self._lock:
            for t in texts:
                if t in self._vectors:
                    self._vectors.move_to_end(t)
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        fresh = dict(zip(missing, encode(missing))) if missing else {}
        with self._lock:
            self._vectors.update(fresh)
            rows = [fresh[t] if t in fresh else self._vectors[t] for t in texts]
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)


class _Clock:
    """Per-stage wall time into a caller's dict (no-op without one)."""

    def __init__(self, out: dict[str, float] | None):
        self.out, self.t = out, time.perf_counter()

    def lap(self, name: str) -> None:
        if self.out is not None:
            now = time.perf_counter()
            self.out[name] = round((now - self.t) * 1000, 3)
            self.t = now


# --- the searcher ---------------------------------------------------------------------------
class HybridSearcher:
    """Search one loaded ``ReportIndex``. Thread-safe; the encoder (and the optional reranker)
    load on first use or on ``warm_up()``."""

    QUERY_CACHE_SIZE = 256
    PHRASE_CACHE_SIZE = 4096
    MASK_CACHE_SIZE = 1024

    def __init__(self, index: ReportIndex, encoder: Encoder | None = None,
                 settings: Settings | None = None):
        self.index = index
        self.settings = settings or index.settings
        self._encoder = encoder
        if encoder is not None:
            self._check_encoder(encoder)
        self._reranker = None
        self._lock = threading.Lock()
        self._qcache = _VectorCache(self.QUERY_CACHE_SIZE)
        # short phrases compared by meaning (the answerer's figure phrases), kept apart so that
        # they do not push the questions' vectors out
        self._phrases = _VectorCache(self.PHRASE_CACHE_SIZE)
        self._masks: dict[Any, tuple[np.ndarray | None, np.ndarray | None]] = {}

    # -- models
    def _check_encoder(self, encoder: Encoder) -> None:
        built_with, dim = self.index.manifest["encoder"], int(self.index.manifest["dim"])
        if encoder.name != built_with or encoder.dim != dim:
            raise EncoderMismatchError(str(self.index.index_dir), f"{built_with} (dim {dim})",
                                       f"{encoder.name} (dim {encoder.dim})")

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    enc = load_encoder(self.index.manifest["encoder"], self.settings)
                    self._check_encoder(enc)
                    self._encoder = enc
        return self._encoder

    def warm_up(self) -> None:
        self.encoder.warm_up()
        if self.settings.reranker:
            self._get_reranker()

    def _get_reranker(self):
        if self._reranker is None:
            try:
                from sentence_transformers import CrossEncoder
                self._reranker = CrossEncoder(self.settings.reranker)
            except Exception as exc:
                raise EncoderUnavailableError(
                    f"Could not load reranker {self.settings.reranker!r}: {exc}. Give a local "
                    "CrossEncoder directory or unset REPORTQA_RERANKER") from exc
        return self._reranker

    def _query_vector(self, query: str) -> np.ndarray:
        return self._qcache.get([query], lambda texts: self.encoder.encode_queries(texts))[0]

    def phrase_vectors(self, phrases: list[str]) -> np.ndarray:
        """Vectors of short phrases, encoded as queries (comparing two phrases is a symmetric
        task, which E5 models do with the query prefix); kept, since the same reports' phrases
        recur from question to question."""
        return self._phrases.get(phrases, lambda texts: self.encoder.encode_queries(texts))

    # -- validation
    def _validate(self, query: str, k: int | None, mode: str | None) -> tuple[str, int, str]:
        if not isinstance(query, str) or not query.strip():
            raise InvalidQueryError("The question is empty; type a question such as "
                                    "盐田区2020年人民调解成功率是多少")
        limit = self.settings.max_query_chars
        if len(query) > limit:
            raise InvalidQueryError(f"The question is {len(query)} characters long; the limit "
                                    f"is {limit} (REPORTQA_MAX_QUERY_CHARS)")
        k = self.settings.top_k if k is None else int(k)
        if k < 1:
            raise InvalidQueryError(f"k must be at least 1, got {k}")
        mode = mode or "hybrid"
        if mode not in _MODES:
            raise InvalidQueryError(f"Unknown search mode {mode!r}; use one of {', '.join(_MODES)}")
        return query.strip(), k, mode

    # -- search
    def search(self, query: str, k: int | None = None, filters: dict | None = None,
               mode: Mode | None = None, timings: dict[str, float] | None = None) -> list[Hit]:
        """Top-``k`` passages for ``query``. ``filters`` restrict both retrievers before their
        top-k (region/year/issuer/kind/doc_id; see ReportIndex.row_mask). Pass a dict as
        ``timings`` to get per-stage milliseconds (encode, bm25, dense, fuse, rerank)."""
        clock = _Clock(timings)
        query, k, mode = self._validate(query, k, mode)
        if self.index.remote is not None:  # the Milvus store: filters and fusion inside Milvus
            return self._search_remote(query, k, filters, mode, clock)
        mask, allowed = self._filter_rows(filters)
        if len(self.index) == 0 or (allowed is not None and not allowed.size):
            return []
        n_cand = max(self.settings.candidates, k)
        bm25: Ranked = {}
        dense: Ranked = {}
        if mode in ("hybrid", "bm25"):
            bm25 = _ranked(*self.index.bm25.search(query, n_cand, mask))
            clock.lap("bm25_ms")
        if mode in ("hybrid", "dense"):
            qvec = self._query_vector(query)
            clock.lap("encode_ms")
            dense = _ranked(*self.index.dense.search(qvec, n_cand, allowed))
            clock.lap("dense_ms")
        hits = self._fuse(bm25, dense, mode, n_cand if self.settings.reranker else k)
        clock.lap("fuse_ms")
        if self.settings.reranker and hits:
            hits = self._rerank(query, hits[:n_cand])
            clock.lap("rerank_ms")
        return hits[:k]

    def _search_remote(self, query: str, k: int, filters: dict | None, mode: str,
                       clock: _Clock) -> list[Hit]:
        n_cand = max(self.settings.candidates, k)
        hits = self.index.remote.hits(self.index, query, lambda: self._query_vector(query),
                                      n_cand, filters, mode, self.settings)
        clock.lap("milvus_ms")
        if self.settings.reranker and hits:
            hits = self._rerank(query, hits)
            clock.lap("rerank_ms")
        return hits[:k]

    def _filter_rows(self, filters: dict | None) -> tuple[np.ndarray | None, np.ndarray | None]:
        """``row_mask(filters)`` and its row numbers, remembered per filter: questions about one
        region and year come again and again (read-only arrays; this searcher is one index
        version's, so nothing goes stale)."""
        key = _filter_key(filters)
        found = self._masks.get(key) if key is not None else None
        if found is not None:
            return found
        mask = self.index.row_mask(filters)
        allowed = None if mask is None else np.flatnonzero(mask)
        for arr in (mask, allowed):
            if arr is not None:
                arr.flags.writeable = False
        if key is not None:
            if len(self._masks) >= self.MASK_CACHE_SIZE:
                self._masks.clear()
            self._masks[key] = (mask, allowed)
        return mask, allowed

    def _fuse(self, bm25: Ranked, dense: Ranked, mode: str, limit: int | None = None) -> list[Hit]:
        """The fused ranking; Hits made for its first ``limit`` rows only."""
        s = self.settings
        if mode == "bm25":
            fused = {row: score for row, (_, score) in bm25.items()}
        elif mode == "dense":
            fused = {row: score for row, (_, score) in dense.items()}
        elif s.fusion == "weighted":
            fused = weighted_fuse(bm25, dense, s.bm25_weight, s.dense_weight)
        else:
            fused = rrf_fuse(bm25, dense, s.rrf_k, s.bm25_weight, s.dense_weight)
        order = sorted(fused, key=lambda row: (-fused[row], row))[:limit]
        return [Hit(chunk=self.index.chunk_at(row), score=float(fused[row]),
                    bm25_rank=bm25.get(row, (None, None))[0],
                    bm25_score=bm25.get(row, (None, None))[1],
                    dense_rank=dense.get(row, (None, None))[0],
                    dense_score=dense.get(row, (None, None))[1]) for row in order]

    def _rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        model = self._get_reranker()
        scores = model.predict([(query, h.chunk.context_text) for h in hits],
                               show_progress_bar=False)
        for h, sc in zip(hits, scores):
            h.rerank_score = float(sc)
            h.score = float(sc)
        return sorted(hits, key=lambda h: -h.score)
