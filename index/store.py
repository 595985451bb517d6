"""The on-disk index and its read side, ``ReportIndex``.

Layout (one immutable directory per version; ``current`` is swapped atomically)::

    <index_dir>/current -> versions/<version>
    <index_dir>/versions/<version>/
        manifest.json      encoder name + dim, library versions, counts, created_at
        settings.json      the Settings the index was built with (no secrets)
        docstore.sqlite    documents, chunks, facts
        chunks.jsonl       chunk rows in the order of the BM25 and FAISS rows
        vectors.faiss      faiss.write_index
        bm25/              bm25s folder (.npy + .json)
        jieba_words.txt    region words taught to jieba before tokenising
    <index_dir>/cache/embeddings.sqlite   (see cache.py; shared by all versions)
    <index_dir>/.lock                     (held by build_index)
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.bm25 import BM25Index, load_words
from index.dense import DenseIndex
from index.regions import RegionResolver
from ingest import Chunk, Document, Fact, Settings, add_words
from ingest.errors import (DocumentNotFoundError, EncoderMismatchError, IndexCorruptError,
                           IndexNotFoundError, InvalidQueryError, UnknownRegionError)

__all__ = ["ReportIndex", "Snapshot", "current_version_dir", "write_docstore", "read_snapshot",
           "MANIFEST", "SETTINGS", "DOCSTORE", "CHUNKS", "VECTORS", "BM25_DIR", "FORMAT"]

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST, SETTINGS, DOCSTORE = "manifest.json", "settings.json", "docstore.sqlite"
CHUNKS, VECTORS, BM25_DIR = "chunks.jsonl", "vectors.faiss", "bm25"
DOC_FIELDS = ("doc_id", "source", "file_hash", "title", "province", "city", "district", "year",
              "issuer", "publish_date", "kind")
FACT_FIELDS = ("metric", "value", "unit", "region", "year", "doc_id", "chunk_id", "sentence",
               "value_text")

_SCHEMA = f"""
CREATE TABLE documents ({", ".join(DOC_FIELDS)}, text TEXT NOT NULL, n_chunks INTEGER NOT NULL,
                        PRIMARY KEY (doc_id));
CREATE TABLE chunks (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER, section TEXT,
                     text TEXT NOT NULL, meta TEXT NOT NULL);
CREATE TABLE facts ({", ".join(FACT_FIELDS)});
CREATE INDEX chunks_doc ON chunks(doc_id, position);
CREATE INDEX facts_metric ON facts(metric);
CREATE INDEX facts_doc ON facts(doc_id);
"""


def current_version_dir(index_dir: Path) -> Path | None:
    """The directory ``current`` points at, or None when there is no index yet."""
    link = Path(index_dir) / "current"
    if not os.path.lexists(link):
        return None
    return (link.parent / os.readlink(link)).resolve() if link.is_symlink() else link.resolve()


# --- writing (used by build.py) -------------------------------------------------------------
def write_docstore(path: Path, documents: Sequence[Document], chunks: Sequence[Chunk],
                   facts: Sequence[Fact]) -> None:
    n_chunks: dict[str, int] = {}
    for c in chunks:
        n_chunks[c.doc_id] = n_chunks.get(c.doc_id, 0) + 1
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        db.executemany(f"INSERT INTO documents VALUES ({','.join('?' * (len(DOC_FIELDS) + 2))})",
                       [(*(getattr(d, f) for f in DOC_FIELDS), d.text, n_chunks.get(d.doc_id, 0))
                        for d in documents])
        db.executemany("INSERT INTO chunks VALUES (?,?,?,?,?,?)",
                       [(c.id, c.doc_id, c.meta.get("position"), c.section, c.text,
                         json.dumps(c.meta, ensure_ascii=False)) for c in chunks])
        db.executemany(f"INSERT INTO facts VALUES ({','.join('?' * len(FACT_FIELDS))})",
                       [tuple(getattr(f, k) for k in FACT_FIELDS) for f in facts])
        db.commit()
    finally:
        db.close()


@dataclass
class Snapshot:
    """Everything in one version's docstore, grouped by document (what an incremental build
    starts from)."""

    documents: dict[str, Document] = field(default_factory=dict)
    chunks: dict[str, list[Chunk]] = field(default_factory=dict)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)


def _connect_ro(path: Path) -> sqlite3.Connection:
    # immutable=1: version directories never change after the swap, so SQLite needs no locks
    # and never writes a journal beside a read-only index.
    db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    db.row_factory = sqlite3.Row
    return db


def _row_document(row: sqlite3.Row) -> Document:
    return Document(text=row["text"], **{f: row[f] for f in DOC_FIELDS})


def _row_fact(row: sqlite3.Row) -> Fact:
    return Fact(**{f: row[f] for f in FACT_FIELDS})


def read_snapshot(version_dir: Path) -> Snapshot:
    snap = Snapshot(manifest=_read_manifest(version_dir))
    db = _connect_ro(version_dir / DOCSTORE)
    try:
        for row in db.execute("SELECT * FROM documents"):
            snap.documents[row["doc_id"]] = _row_document(row)
        for row in db.execute("SELECT id, text, meta FROM chunks ORDER BY doc_id, position"):
            chunk = Chunk(id=row["id"], text=row["text"], meta=json.loads(row["meta"]))
            snap.chunks.setdefault(chunk.doc_id, []).append(chunk)
        for row in db.execute("SELECT * FROM facts"):
            snap.facts.setdefault(row["doc_id"], []).append(_row_fact(row))
    except sqlite3.Error as exc:
        raise IndexCorruptError(str(version_dir), f"docstore: {exc}") from exc
    finally:
        db.close()
    return snap


def _read_manifest(version_dir: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((version_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(str(version_dir), f"manifest.json: {exc}") from exc
    for key in ("encoder", "dim", "n_chunks"):
        if key not in manifest:
            raise IndexCorruptError(str(version_dir), f"manifest.json lacks {key!r}")
    return manifest


# --- reading --------------------------------------------------------------------------------
def _like_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple, set)) else [value]


class ReportIndex:
    """A loaded, read-only index version. Safe to share between threads."""

    def __init__(self, index_dir: Path, version_dir: Path, manifest: dict[str, Any],
                 settings: Settings, chunks: list[Chunk], bm25: BM25Index | None,
                 dense: DenseIndex | None, db: sqlite3.Connection, remote: Any = None):
        self.index_dir, self.version_dir = index_dir, version_dir
        self.manifest, self.settings = manifest, settings
        self.bm25, self.dense = bm25, dense
        self.remote = remote  # index.milvus.MilvusSearch for a Milvus-store version, else None
        self._chunks = chunks
        self._row_of = {c.id: i for i, c in enumerate(chunks)}
        self._rows_of_doc: dict[str, list[int]] = {}
        for i, c in enumerate(chunks):
            self._rows_of_doc.setdefault(c.doc_id, []).append(i)
        self._db, self._db_lock = db, threading.Lock()
        self._columns = {key: np.array([str(c.meta.get(key) or "") for c in chunks], dtype=object)
                         for key in ("province", "city", "district", "issuer", "kind", "doc_id")}
        self._years = np.array([c.meta.get("year") or 0 for c in chunks], dtype=np.int64)
        self.resolver = RegionResolver(
            dict(r) for r in self._query("SELECT province, city, district FROM documents"))

    @property
    def version(self) -> str:
        return self.version_dir.name

    @property
    def built_settings(self) -> dict[str, Any]:
        """The settings this version was built with (settings.json), for reproducing it."""
        return json.loads((self.version_dir / SETTINGS).read_text(encoding="utf-8"))

    def __len__(self) -> int:
        return len(self._chunks)

    # -- loading
    @classmethod
    def load(cls, index_dir: Path | str | None = None, settings: Settings | None = None
             ) -> "ReportIndex":
        """Open the current version. Raises IndexNotFoundError (nothing built yet),
        IndexCorruptError (files missing/unreadable) or EncoderMismatchError (the index was
        built with another encoder than ``settings.encoder``)."""
        settings = settings or Settings()
        index_dir = Path(index_dir if index_dir is not None else settings.index_dir)
        version_dir = current_version_dir(index_dir)
        if version_dir is None:
            raise IndexNotFoundError(str(index_dir))
        if not version_dir.is_dir():
            raise IndexCorruptError(str(index_dir), f"'current' points to missing {version_dir}")
        manifest = _read_manifest(version_dir)
        if manifest["encoder"] != settings.encoder:
            raise EncoderMismatchError(str(index_dir), manifest["encoder"], settings.encoder)
        try:
            return cls._open(index_dir, version_dir, manifest, settings)
        except (OSError, ValueError, KeyError, RuntimeError, sqlite3.Error) as exc:
            raise IndexCorruptError(str(index_dir), f"{type(exc).__name__}: {exc}") from exc

    @classmethod
    def _open(cls, index_dir: Path, version_dir: Path, manifest: dict, settings: Settings
              ) -> "ReportIndex":
        with open(version_dir / CHUNKS, encoding="utf-8") as f:
            chunks = [Chunk.from_dict(json.loads(line)) for line in f if line.strip()]
        if len(chunks) != manifest["n_chunks"]:
            raise ValueError(f"chunks.jsonl has {len(chunks)} rows, manifest {manifest['n_chunks']}")
        add_words(load_words(version_dir))  # before any query is tokenised
        if manifest.get("store") == "milvus":
            return cls._open_milvus(index_dir, version_dir, manifest, settings, chunks)
        bm25 = BM25Index.load(version_dir / BM25_DIR, len(chunks))
        dense = DenseIndex.load(version_dir / VECTORS)
        if dense.n_rows != len(chunks) or dense.dim != manifest["dim"]:
            raise ValueError(f"vectors.faiss has {dense.n_rows}x{dense.dim}, expected "
                             f"{len(chunks)}x{manifest['dim']}")
        db = _connect_ro(version_dir / DOCSTORE)
        db.execute("SELECT count(*) FROM documents").fetchone()
        log.info("loaded index %s (%d chunks, encoder %s)", version_dir.name, len(chunks),
                 manifest["encoder"])
        return cls(index_dir, version_dir, manifest, settings, chunks, bm25, dense, db)

    @classmethod
    def _open_milvus(cls, index_dir: Path, version_dir: Path, manifest: dict,
                     settings: Settings, chunks: list[Chunk]) -> "ReportIndex":
        from index.milvus import MilvusSearch

        remote = MilvusSearch.open(index_dir, manifest, settings)
        db = _connect_ro(version_dir / DOCSTORE)
        log.info("loaded index %s (%d chunks in milvus %s)", version_dir.name, len(chunks),
                 remote.collection)
        return cls(index_dir, version_dir, manifest, settings, chunks, None, None, db, remote)

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._db_lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def close(self) -> None:
        with self._db_lock:
            self._db.close()

    # -- documents and chunks
    def documents(self) -> list[dict[str, Any]]:
        rows = self._query(f"SELECT {', '.join(DOC_FIELDS)}, n_chunks FROM documents "
                           "ORDER BY source, doc_id")
        return [self._doc_meta(r) for r in rows]

    @staticmethod
    def _doc_meta(row: sqlite3.Row) -> dict[str, Any]:
        d = {k: row[k] for k in row.keys() if k != "text"}
        d["region"] = d["district"] or d["city"] or d["province"]
        return d

    def document(self, doc_id: str) -> dict[str, Any]:
        rows = self._query(f"SELECT {', '.join(DOC_FIELDS)}, n_chunks FROM documents "
                           "WHERE doc_id=?", [doc_id])
        if not rows:
            raise DocumentNotFoundError(doc_id)
        return self._doc_meta(rows[0])

    def document_text(self, doc_id: str) -> str:
        rows = self._query("SELECT text FROM documents WHERE doc_id=?", [doc_id])
        if not rows:
            raise DocumentNotFoundError(doc_id)
        return rows[0]["text"]

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        """All chunks in row order, or one document's chunks in reading order."""
        if doc_id is None:
            return list(self._chunks)
        found = [self._chunks[i] for i in self._rows_of_doc.get(doc_id, [])]
        if not found and not self._query("SELECT 1 FROM documents WHERE doc_id=?", [doc_id]):
            raise DocumentNotFoundError(doc_id)
        return sorted(found, key=lambda c: c.meta.get("position", 0))

    def chunk(self, chunk_id: str) -> Chunk:
        row = self._row_of.get(chunk_id)
        if row is None:
            raise KeyError(f"No chunk with id {chunk_id!r} in the index")
        return self._chunks[row]

    def row_of(self, chunk_id: str) -> int:
        """The row of ``chunk_id`` (chunks.jsonl order); -1 when the index lacks it."""
        return self._row_of.get(chunk_id, -1)

    def chunk_at(self, row: int) -> Chunk:
        return self._chunks[row]

    # -- facts, regions, years
    def facts(self, metric: str | None = None, region: str | None = None,
              year: int | None = None) -> list[Fact]:
        """Facts whose metric contains ``metric``, about ``region`` (full or short name; matches
        the fact's region or its report's province/city/district) and ``year``. An unknown
        region gives an empty list."""
        sql = ("SELECT f.* FROM facts f JOIN documents d ON d.doc_id = f.doc_id WHERE 1=1")
        params: list[Any] = []
        if metric:  # a literal substring: % and _ in the user's text are not wildcards
            sql += " AND f.metric LIKE ? ESCAPE '\\'"
            params.append(f"%{_like_literal(metric)}%")
        if region:
            name = self.resolver.resolve(region)
            if name is None:
                return []
            sql += " AND (f.region IN (?, ?) OR ? IN (d.province, d.city, d.district))"
            params += [name, region, name]
        if year is not None:
            sql += " AND f.year = ?"
            params.append(int(year))
        return [_row_fact(r) for r in self._query(sql + " ORDER BY f.doc_id, f.rowid", params)]

    def regions(self) -> list[dict[str, str]]:
        rows = self._query("SELECT DISTINCT province, city, district FROM documents "
                           "ORDER BY province, city, district")
        return [{"province": r["province"], "city": r["city"], "district": r["district"]}
                for r in rows]

    def years(self) -> list[int]:
        rows = self._query("SELECT DISTINCT year FROM documents WHERE year IS NOT NULL "
                           "ORDER BY year")
        return [int(r["year"]) for r in rows]

    # -- filters
    def row_mask(self, filters: dict[str, Any] | None) -> np.ndarray | None:
        """Boolean row mask for ``filters`` (None when there is nothing to filter). Keys: region
        (str or list; matches province, city or district; short forms allowed), year, issuer
        (substring), kind, doc_id. Raises UnknownRegionError for a region the index lacks."""
        if not filters:
            return None
        unknown = set(filters) - {"region", "year", "issuer", "kind", "doc_id"}
        if unknown:
            raise InvalidQueryError(f"Unknown filter key(s) {sorted(unknown)}; use region, "
                                    "year, issuer, kind, doc_id")
        mask = np.ones(len(self._chunks), dtype=bool)
        active = False
        if regions := _as_list(filters.get("region")):
            names = [self._resolve_region(r) for r in regions]
            m = np.zeros_like(mask)
            for key in ("province", "city", "district"):
                m |= np.isin(self._columns[key], names)
            mask &= m
            active = True
        if years := _as_list(filters.get("year")):
            try:
                mask &= np.isin(self._years, [int(y) for y in years])
            except (TypeError, ValueError):
                raise InvalidQueryError(f"year filter must be a year such as 2020, got {years}"
                                        ) from None
            active = True
        if issuer := filters.get("issuer"):
            mask &= np.array([issuer in v for v in self._columns["issuer"]], dtype=bool)
            active = True
        if kinds := _as_list(filters.get("kind")):
            mask &= np.isin(self._columns["kind"], kinds)
            active = True
        if doc_ids := _as_list(filters.get("doc_id")):
            mask &= np.isin(self._columns["doc_id"], doc_ids)
            active = True
        return mask if active else None

    def _resolve_region(self, region: str) -> str:
        name = self.resolver.resolve(str(region))
        if name is None:
            raise UnknownRegionError(str(region), self.resolver.names)
        return name
