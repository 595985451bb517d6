"""Embedding cache: (encoder name, sha256 of the passage text) -> float32 vector, in SQLite.

It lives at ``<index_dir>/cache/embeddings.sqlite``, outside the versioned index directories, so
a re-ingest only embeds passages it has never seen, whichever version they were first built in.
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

__all__ = ["EmbeddingCache", "text_key"]


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS embeddings (encoder TEXT NOT NULL, "
                         "key TEXT NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL, "
                         "PRIMARY KEY (encoder, key))")
        self._db.commit()

    def get_many(self, encoder: str, dim: int, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        uniq = list(dict.fromkeys(keys))
        with self._lock:
            for i in range(0, len(uniq), 500):  # stay under SQLite's variable limit
                part = uniq[i:i + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, vec FROM embeddings WHERE encoder=? AND dim=? AND key IN ({marks})",
                    [encoder, dim, *part]).fetchall()
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def put_many(self, encoder: str, keys: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        rows = [(encoder, k, int(v.shape[0]), v.tobytes()) for k, v in zip(keys, vectors)]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?,?,?,?)", rows)
            self._db.commit()

    def embed(self, encoder, texts: Sequence[str], batch_size: int = 32,
              on_batch: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, int]:
        """Vectors for ``texts`` (row i <-> texts[i]); only cache misses reach the encoder.
        ``on_batch(n_done_in_batch, n_to_encode)`` is called after each encoded batch.
        Returns (matrix, number of passages actually encoded)."""
        keys = [text_key(t) for t in texts]
        have = self.get_many(encoder.name, encoder.dim, keys)
        missing = list(dict.fromkeys(k for k in keys if k not in have))
        by_key = dict(zip(keys, texts))
        # An encoder that sends batches concurrently (a served model) gets several at once.
        step = batch_size * max(1, int(getattr(encoder, "concurrency", 1)))
        for i in range(0, len(missing), step):
            part = missing[i:i + step]
            vecs = encoder.encode_passages([by_key[k] for k in part])
            self.put_many(encoder.name, part, vecs)
            have.update(zip(part, vecs))
            if on_batch:
                on_batch(len(part), len(missing))
        out = np.zeros((len(texts), encoder.dim), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = have[k]
        return out, len(missing)

    def close(self) -> None:
        with self._lock:
            self._db.close()
