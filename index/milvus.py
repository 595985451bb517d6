"""The Milvus store: BM25 full text, the dense vectors and the scalar filter fields of one index
version in one Milvus collection, searched with ``hybrid_search``.

Chosen with ``REPORTQA_STORE=milvus`` at build time (the manifest records it, so a built index is
opened the same way whatever the environment says). ``REPORTQA_MILVUS_URI`` is a file path
(``*.db``; Milvus Lite, embedded, for laptops and tests) or ``http://host:19530`` (a Milvus
server or cluster, token in ``REPORTQA_MILVUS_TOKEN``); unset, it is ``<index_dir>/milvus.db``.

What stays local: the version directory (manifest, settings, docstore.sqlite with documents,
chunks and facts, the jieba word list). What moves to Milvus: everything a search touches.

Versions and swaps: each build writes a new collection ``<prefix>_<version>`` and, after the
``current`` symlink swaps, moves the alias ``<prefix>_current`` to it — the Milvus form of the
symlink, for other clients of the same Milvus. A loaded ``ReportIndex`` searches the concrete
collection its manifest names, so its docstore and its collection always agree; the previous
collection is kept (like the previous version directory) for queries still running on it and is
dropped by the next build. A report deleted or re-ingested therefore has no rows (or only its new
rows) in the collection the alias points to.

Text analysis (``REPORTQA_MILVUS_ANALYZER``):
  * ``pretokenized`` (default): the text field holds ``ingest.tokenize`` tokens joined by spaces
    and queries are tokenised the same way, so BM25 sees exactly the terms the local store sees
    (jieba search mode, the corpus's region words, our stop words). Milvus then only splits on
    whitespace (Milvus Lite lacks the ``whitespace`` tokenizer; its ``standard`` one splits on
    ``\\w+`` which, for these space-joined word tokens, is the same cut).
  * ``jieba``: Milvus's own jieba analyzer over the raw passage, taught the region words through
    the analyzer's ``dict`` and given our stop words.
"""
from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest import Chunk, Settings, tokenize
from ingest.errors import IndexCorruptError, InvalidQueryError, ReportQAError
from ingest.tokenize import STOPWORDS

if TYPE_CHECKING:
    from index.hybrid import Hit
    from index.store import ReportIndex

__all__ = ["MilvusStore", "MilvusUnavailableError", "filter_expr", "resolve_uri"]

log = logging.getLogger(__name__)

_FILTER_KEYS = ("region", "year", "issuer", "kind", "doc_id")
_SCALARS = ("doc_id", "province", "city", "district", "issuer", "kind")
_INSERT_BATCH = 1000
_MAX_TEXT = 65535
_clients: dict[tuple[str, str], Any] = {}
_clients_lock = threading.Lock()


class MilvusUnavailableError(ReportQAError):
    """pymilvus is missing or the Milvus at the configured URI cannot be reached."""


def is_lite(uri: str) -> bool:
    return not re.match(r"^(https?|tcp|grpc|unix)://", uri)


def resolve_uri(settings: Settings, index_dir: Path) -> str:
    """The Milvus URI: ``settings.milvus_uri`` or ``<index_dir>/milvus.db``; a Lite path is made
    absolute (pymilvus recognises Lite by the ``.db`` suffix)."""
    uri = settings.milvus_uri or str(Path(index_dir) / "milvus.db")
    if not is_lite(uri):
        return uri
    if not uri.endswith(".db"):
        raise MilvusUnavailableError(
            f"REPORTQA_MILVUS_URI={uri!r} is neither a URL (http://host:19530) nor a Milvus Lite "
            "file ending in .db; use e.g. data/index/milvus.db")
    return str(Path(uri).resolve())


def _client(uri: str, token: str | None):
    """One MilvusClient per (uri, token) per process (Milvus Lite runs one server per file)."""
    key = (uri, token or "")
    with _clients_lock:
        if key not in _clients:
            try:
                from pymilvus import MilvusClient
            except ImportError as exc:
                raise MilvusUnavailableError(
                    f"The Milvus store needs pymilvus ({exc}); install it with: "
                    "pip install 'reportqa[milvus]'") from exc
            if is_lite(uri):
                Path(uri).parent.mkdir(parents=True, exist_ok=True)
            try:
                _clients[key] = MilvusClient(uri=uri, token=token or "")
            except Exception as exc:
                raise MilvusUnavailableError(
                    f"Cannot connect to Milvus at {uri}: {exc}. Check REPORTQA_MILVUS_URI and "
                    "REPORTQA_MILVUS_TOKEN") from exc
        return _clients[key]


def _quote(value: Any) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple, set)) else [value]


def filter_expr(index: "ReportIndex", filters: dict[str, Any] | None) -> str:
    """The Milvus boolean expression for ``filters`` (same keys and meaning as
    ``ReportIndex.row_mask``: region matches province, city or district, short forms resolved
    through the index's regions; issuer is a substring). "" when there is nothing to filter."""
    if not filters:
        return ""
    unknown = set(filters) - set(_FILTER_KEYS)
    if unknown:
        raise InvalidQueryError(f"Unknown filter key(s) {sorted(unknown)}; use region, "
                                "year, issuer, kind, doc_id")
    parts: list[str] = []
    if regions := _as_list(filters.get("region")):
        names = "[" + ", ".join(_quote(index._resolve_region(r)) for r in regions) + "]"
        parts.append(f"(province in {names} or city in {names} or district in {names})")
    if years := _as_list(filters.get("year")):
        try:
            parts.append(f"year in [{', '.join(str(int(y)) for y in years)}]")
        except (TypeError, ValueError):
            raise InvalidQueryError(f"year filter must be a year such as 2020, got {years}"
                                    ) from None
    if issuer := filters.get("issuer"):
        parts.append(f"issuer like {_quote('%' + str(issuer).replace('%', '') + '%')}")
    for key in ("kind", "doc_id"):
        if values := _as_list(filters.get(key)):
            parts.append(f"{key} in [{', '.join(_quote(v) for v in values)}]")
    return " and ".join(parts)


class MilvusStore:
    """One Milvus (Lite file or server) holding the collections of one index directory."""

    def __init__(self, uri: str, token: str | None = None, prefix: str = "reportqa",
                 analyzer: str = "pretokenized"):
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", prefix):
            raise MilvusUnavailableError(f"REPORTQA_MILVUS_COLLECTION={prefix!r} must be letters, "
                                         "digits and underscores")
        self.uri, self.token, self.prefix, self.analyzer = uri, token, prefix, analyzer
        self.client = _client(uri, token)

    @classmethod
    def from_settings(cls, settings: Settings, index_dir: Path,
                      manifest: dict[str, Any] | None = None) -> "MilvusStore":
        """The store for ``index_dir``; a manifest's recorded prefix and analyzer win over the
        settings (an index is searched the way it was built)."""
        m = (manifest or {}).get("milvus", {})
        return cls(resolve_uri(settings, index_dir), settings.milvus_token,
                   m.get("prefix", settings.milvus_collection),
                   m.get("analyzer", settings.milvus_analyzer))

    @property
    def alias(self) -> str:
        return f"{self.prefix}_current"

    def collection_for(self, version: str) -> str:
        return f"{self.prefix}_v{re.sub(r'[^A-Za-z0-9_]', '_', version)}"

    # -- text
    def _analyzer_params(self, words: Sequence[str]) -> dict[str, Any]:
        if self.analyzer == "jieba":
            # Milvus Lite's jieba analyzer runs in this process on the global jieba, which
            # ingest.add_words has already taught the region words; its own add_word would reset
            # their frequency, so the dictionary goes only to a server.
            tokenizer: dict[str, Any] = {"type": "jieba", "mode": "search"}
            if not is_lite(self.uri):
                tokenizer["dict"] = ["_default_", *sorted(words)]
            return {"tokenizer": tokenizer,
                    "filter": ["lowercase", {"type": "stop", "stop_words": sorted(STOPWORDS)}]}
        return {"tokenizer": "standard" if is_lite(self.uri) else "whitespace"}

    def index_text(self, text: str) -> str:
        """What goes into (and what a query sends to) the BM25 text field."""
        text = " ".join(tokenize(text)) if self.analyzer == "pretokenized" else text
        return text[:_MAX_TEXT // 4]  # VARCHAR max_length counts bytes; CJK is 3 bytes

    # -- writing
    def _schema(self, dim: int, words: Sequence[str]):
        from pymilvus import DataType, Function, FunctionType

        s = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        s.add_field("id", DataType.VARCHAR, is_primary=True, max_length=256)
        for name in _SCALARS:
            s.add_field(name, DataType.VARCHAR, max_length=1024)
        s.add_field("year", DataType.INT64)
        s.add_field("text", DataType.VARCHAR, max_length=_MAX_TEXT, enable_analyzer=True,
                    analyzer_params=self._analyzer_params(words))
        s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        s.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
        s.add_function(Function(name="text_bm25", function_type=FunctionType.BM25,
                                input_field_names=["text"], output_field_names=["sparse"]))
        return s

    def _index_params(self):
        ip = self.client.prepare_index_params()
        ip.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        ip.add_index("dense", index_type="FLAT" if is_lite(self.uri) else "HNSW",
                     metric_type="IP", params={} if is_lite(self.uri) else
                     {"M": 32, "efConstruction": 200})
        return ip

    def _row(self, chunk: Chunk, text: str, vector: np.ndarray) -> dict[str, Any]:
        m = chunk.meta
        row = {k: str(m.get(k) or "")[:300] for k in _SCALARS}
        row.update(id=chunk.id, doc_id=chunk.doc_id, year=int(m.get("year") or 0),
                   text=self.index_text(text), dense=vector.tolist())
        return row

    def write(self, version: str, chunks: Sequence[Chunk], texts: Sequence[str],
              vectors: np.ndarray, words: Sequence[str]) -> str:
        """Create the collection for ``version`` holding ``chunks`` (BM25 over ``texts``, dense
        ``vectors``); returns its name. Nothing points at it until ``publish``."""
        name = self.collection_for(version)
        dim = int(vectors.shape[1]) if vectors.ndim == 2 and vectors.shape[1] else 1
        self.client.create_collection(name, schema=self._schema(dim, words),
                                      index_params=self._index_params())
        try:
            for i in range(0, len(chunks), _INSERT_BATCH):
                self.client.insert(name, [self._row(c, t, v) for c, t, v in zip(
                    chunks[i:i + _INSERT_BATCH], texts[i:i + _INSERT_BATCH],
                    vectors[i:i + _INSERT_BATCH])])
            self.client.flush(name)
        except BaseException:
            self.drop(name)
            raise
        log.info("milvus %s: collection %s with %d rows", self.uri, name, len(chunks))
        return name

    def publish(self, name: str) -> None:
        """Point the alias at ``name`` (atomic in Milvus: one alter_alias)."""
        if self.alias in self.client.list_aliases().get("aliases", []):
            self.client.alter_alias(name, self.alias)
        else:
            self.client.create_alias(name, self.alias)

    def current(self) -> str | None:
        """The collection the alias points at (None before the first publish)."""
        if self.alias not in self.client.list_aliases().get("aliases", []):
            return None
        return self.client.describe_alias(self.alias).get("collection_name")

    def drop(self, name: str) -> None:
        try:
            self.client.drop_collection(name)
        except Exception as exc:  # best effort: a leftover collection is only disk space
            log.warning("could not drop milvus collection %s: %s", name, exc)

    def prune(self, keep: set[str]) -> None:
        """Drop this prefix's version collections other than ``keep``."""
        for name in self.client.list_collections():
            if name.startswith(f"{self.prefix}_v") and name not in keep:
                self.drop(name)

    def load(self, collection: str) -> None:
        """Load ``collection`` for search unless it is (a restarted Milvus Lite, or a server
        whose collection was released, holds it on disk only)."""
        state = str(self.client.get_load_state(collection).get("state", ""))
        if not state.endswith("Loaded"):
            self.client.load_collection(collection)

    def count(self, collection: str, expr: str = "") -> int:
        rows = self.client.query(collection, filter=expr, output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    # -- searching
    def _request(self, field: str, data: Any, limit: int, expr: str):
        from pymilvus import AnnSearchRequest

        param = {"metric_type": "BM25"} if field == "sparse" else {"metric_type": "IP"}
        return AnnSearchRequest(data=[data], anns_field=field, param=param, limit=limit,
                                expr=expr or None)

    def _ranker(self, settings: Settings):
        from pymilvus import RRFRanker, WeightedRanker

        if settings.fusion == "weighted":
            return WeightedRanker(settings.bm25_weight, settings.dense_weight)
        return RRFRanker(settings.rrf_k)

    def raw_search(self, collection: str, query: str, qvec: Callable[[], np.ndarray],
                   limit: int, expr: str, mode: str, settings: Settings
                   ) -> list[tuple[str, float]]:
        """(chunk id, score) best first. hybrid: one ``hybrid_search`` (BM25 + dense, the filter
        inside both, fused by RRF or weighted scores); bm25 / dense: one search."""
        text = self.index_text(query)
        if mode == "hybrid":
            reqs = [self._request("sparse", text, limit, expr),
                    self._request("dense", qvec().tolist(), limit, expr)]
            res = self.client.hybrid_search(collection, reqs, self._ranker(settings), limit=limit,
                                            output_fields=["id"])
        else:
            field, data = ("sparse", text) if mode == "bm25" else ("dense", qvec().tolist())
            res = self.client.search(collection, data=[data], anns_field=field, limit=limit,
                                     filter=expr, output_fields=["id"],
                                     search_params=self._request(field, data, limit, "").param)
        return [(str(h["id"]), _score(h["distance"], mode)) for h in res[0]]


def _score(distance: float, mode: str) -> float:
    # Milvus Lite reports BM25 as a negated distance (smaller = closer); a server reports the
    # BM25 score itself. Both rank the same; give callers the positive score.
    return abs(float(distance)) if mode == "bm25" else float(distance)


class MilvusSearch:
    """What a loaded ``ReportIndex`` of a Milvus-store version searches with."""

    def __init__(self, store: MilvusStore, collection: str):
        self.store, self.collection = store, collection

    @classmethod
    def open(cls, index_dir: Path, manifest: dict[str, Any], settings: Settings) -> "MilvusSearch":
        store = MilvusStore.from_settings(settings, index_dir, manifest)
        collection = manifest["milvus"]["collection"]
        if not store.client.has_collection(collection):
            raise IndexCorruptError(str(index_dir), f"milvus collection {collection} is missing "
                                    f"at {store.uri}")
        store.load(collection)
        n = store.count(collection)
        if n != manifest["n_chunks"]:
            raise IndexCorruptError(str(index_dir), f"milvus collection {collection} has {n} "
                                    f"rows, manifest {manifest['n_chunks']}")
        return cls(store, collection)

    def hits(self, index: "ReportIndex", query: str, qvec: Callable[[], np.ndarray], limit: int,
             filters: dict | None, mode: str, settings: Settings) -> list["Hit"]:
        from index.hybrid import Hit

        expr = filter_expr(index, filters)
        found = self.store.raw_search(self.collection, query, qvec, limit, expr, mode, settings)
        # Equal fused scores are common under RRF (rank 3 in one list only == rank 3 in the
        # other only); break ties by index row as the local store does, so both stores rank alike.
        found.sort(key=lambda f: (-round(f[1], 6), index.row_of(f[0])))
        out: list[Hit] = []
        for rank, (chunk_id, score) in enumerate(found, 1):
            hit = Hit(chunk=index.chunk(chunk_id), score=score)
            if mode == "bm25":
                hit.bm25_rank, hit.bm25_score = rank, score
            elif mode == "dense":
                hit.dense_rank, hit.dense_score = rank, score
            out.append(hit)
        return out


def version_manifest(store: MilvusStore, collection: str) -> dict[str, Any]:
    """What the manifest records about a Milvus-store version (no token)."""
    return {"store": "milvus", "milvus": {"uri": store.uri, "prefix": store.prefix,
                                          "collection": collection, "alias": store.alias,
                                          "analyzer": store.analyzer}}
