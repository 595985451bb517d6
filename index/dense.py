"""Dense retrieval with FAISS over L2-normalised vectors (inner product == cosine).

``flat`` (exact, the default) suits up to a few hundred thousand passages; ``hnsw`` and ``ivf``
are for larger corpora. Filters are applied inside the search with an IDSelector, so the top-k
is taken among allowed rows only.
"""
from __future__ import annotations

import logging
import math
from pathlib import Path

import faiss
import numpy as np

__all__ = ["DenseIndex"]

log = logging.getLogger(__name__)
HNSW_M = 32
HNSW_EF_SEARCH = 128
IVF_MIN_POINTS_PER_LIST = 39  # faiss warns below this many training points per centroid


def _make_index(vectors: np.ndarray, kind: str) -> tuple[faiss.Index, str]:
    n, dim = vectors.shape
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 200
        return index, "hnsw"
    if kind == "ivf":
        nlist = max(1, int(math.sqrt(n)))  # ~1000 lists for a million passages
        if n >= nlist * IVF_MIN_POINTS_PER_LIST and nlist > 1:
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            index.train(vectors)
            return index, "ivf"
        log.info("ivf asked for but only %d vectors: using an exact flat index", n)
    return faiss.IndexFlatIP(dim), "flat"


class DenseIndex:
    """Row i of the FAISS index is row i of chunks.jsonl."""

    def __init__(self, index: faiss.Index):
        self._index = index
        self.kind = ("hnsw" if isinstance(index, faiss.IndexHNSW) else
                     "ivf" if isinstance(index, faiss.IndexIVF) else "flat")
        if self.kind == "ivf":
            index.make_direct_map()  # lets the exact fallback reconstruct rows
            index.nprobe = min(index.nlist, 16)
        elif self.kind == "hnsw":
            index.hnsw.efSearch = HNSW_EF_SEARCH

    @property
    def n_rows(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "flat") -> "DenseIndex":
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        index, actual = _make_index(vectors, kind)
        if len(vectors):
            index.add(vectors)
        log.debug("faiss %s index over %d vectors", actual, len(vectors))
        return cls(index)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        return cls(faiss.read_index(str(path)))

    def _params(self, selector):
        if self.kind == "hnsw":
            return faiss.SearchParametersHNSW(sel=selector, efSearch=HNSW_EF_SEARCH)
        if self.kind == "ivf":
            return faiss.SearchParametersIVF(sel=selector, nprobe=self._index.nprobe)
        return faiss.SearchParameters(sel=selector)

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` rows (and cosine scores) for one query vector, among ``allowed`` rows
        (an int array of row numbers) when given."""
        n_allowed = self.n_rows if allowed is None else len(allowed)
        k = min(k, n_allowed)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        params = None
        if allowed is not None:
            params = self._params(faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64)))
        scores, rows = self._index.search(q, k, params=params)
        keep = rows[0] >= 0
        rows, scores = rows[0][keep], scores[0][keep]
        if len(rows) < k and self.kind != "flat":
            # Approximate indexes can miss allowed rows when the filter is very selective
            # (HNSW's graph walk or IVF's probed lists hold too few of them): score exactly.
            rows, scores = self._exact(q[0], allowed, k)
        return rows.astype(np.int64), scores.astype(np.float32)

    def _exact(self, q: np.ndarray, allowed: np.ndarray | None, k: int):
        rows = np.arange(self.n_rows) if allowed is None else np.asarray(allowed, dtype=np.int64)
        vecs = self._index.reconstruct_batch(rows)
        scores = vecs @ q
        top = np.argsort(-scores, kind="stable")[:k]
        return rows[top], scores[top]
