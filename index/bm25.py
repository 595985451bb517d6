"""BM25 over jieba tokens (``ingest.tokenize``), stored with bm25s's own folder format
(.npy arrays + JSON vocab/params; never pickle).

Region names (沙坪坝区 and its short form 沙坪坝, 盐田区/盐田 ...) are taught to jieba before the
corpus or any query is tokenised, and the word list is saved beside the index, so that a query
after a reload is cut exactly like the passages were.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

import bm25s
import numpy as np

from ingest import add_words, tokenize

# bm25s sets its own logger to DEBUG at import, which prints "Building index from tokens" into
# every CLI run; leave its level to the application's logging configuration instead.
logging.getLogger("bm25s").setLevel(logging.NOTSET)

__all__ = ["BM25Index", "save_words", "load_words"]

log = logging.getLogger(__name__)
_WORDS_FILE = "jieba_words.txt"


def save_words(version_dir: Path, words: Iterable[str]) -> None:
    words = sorted({w.strip() for w in words if w and w.strip()})
    (version_dir / _WORDS_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")


def load_words(version_dir: Path) -> list[str]:
    path = version_dir / _WORDS_FILE
    if not path.exists():
        return []
    return [w for w in path.read_text(encoding="utf-8").splitlines() if w.strip()]


class BM25Index:
    """Row i of the index is row i of chunks.jsonl (and of the FAISS index)."""

    def __init__(self, retriever: bm25s.BM25 | None, n_rows: int):
        self._bm25 = retriever  # None for an index with no rows (every report removed)
        self.n_rows = n_rows

    @classmethod
    def build(cls, texts: Sequence[str], words: Iterable[str] = ()) -> "BM25Index":
        add_words(words)
        if not texts:
            return cls(None, 0)
        corpus = [tokenize(t) or [""] for t in texts]  # bm25s cannot index an empty token list
        retriever = bm25s.BM25(method="lucene")
        retriever.index(corpus, show_progress=False)
        return cls(retriever, len(corpus))

    def save(self, path: Path) -> None:
        if self._bm25 is None:
            path.mkdir(parents=True, exist_ok=True)
            return
        self._bm25.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path, n_rows: int) -> "BM25Index":
        if n_rows == 0:
            return cls(None, 0)
        retriever = bm25s.BM25.load(str(path), mmap=False, show_progress=False)
        if int(retriever.scores["num_docs"]) != n_rows:
            raise ValueError(f"bm25 has {retriever.scores['num_docs']} rows, chunks.jsonl {n_rows}")
        return cls(retriever, n_rows)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for ``query`` (zeros when no query term is in the corpus)."""
        if self._bm25 is None:
            return np.zeros(0, dtype=np.float32)
        ids = self._bm25.get_tokens_ids(tokenize(query))
        ids = [i for i in ids if i < len(self._bm25.scores["indptr"]) - 1]
        if not ids:
            return np.zeros(self.n_rows, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(ids), dtype=np.float32)

    def search(self, query: str, k: int, mask: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` rows (and scores) among rows where ``mask`` is True; rows that share no term
        with the query are not candidates. The mask is applied before the top-k cut."""
        scores = self.scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0.0).astype(np.float32)
        candidates = np.flatnonzero(scores > 0)
        if candidates.size > k:
            part = np.argpartition(-scores[candidates], k - 1)[:k]
            candidates = candidates[part]
        order = np.lexsort((candidates, -scores[candidates]))  # score desc, row asc on ties
        rows = candidates[order]
        return rows, scores[rows]
