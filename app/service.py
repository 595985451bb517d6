"""The one ReportQA a server process shares between the REST API, the OpenAI-compatible API and
the web UI.

It loads the index lazily, creates it on the first upload when none exists yet, stores uploads
(app/uploads.py) and hands them to ``ReportQA.ingest`` (which builds a new index version and swaps
it in, so queries keep using the old one meanwhile).

Several processes may share one index (two servers, a server and ``reportqa ingest``): writers
are serialised by the index's file lock (index/build.py) and every request checks, with one
``readlink``, whether another process made a newer ``current`` version, which is then loaded.
A crash between storing an upload and indexing it is recovered at start-up (``recover``).
Clients are shown paths relative to the corpus directory, never the server's absolute paths.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable

from ingest.errors import DocumentNotFoundError, IndexNotFoundError, LoadError, ReportQAError
from ingest.settings import Settings

from app.uploads import StoredFile, UploadStore

if TYPE_CHECKING:
    from app.pipeline import ReportQA

__all__ = ["ReportService", "NoReportsError", "UploadFailedError", "StorageError", "STORAGE_ERRORS"]

log = logging.getLogger(__name__)


class NoReportsError(ReportQAError):
    """The index is missing or empty: nothing can be answered yet."""

    def __init__(self) -> None:
        super().__init__("No reports are indexed yet. Upload reports (POST /api/documents or the "
                         "报告管理 tab of the web UI) or run: reportqa ingest data/reports")


class UploadFailedError(ReportQAError):
    """No uploaded file could be ingested; ``report`` says why for each file."""

    def __init__(self, report: dict[str, Any]):
        self.report = report
        reasons = "; ".join(f"{Path(str(f.get('source', ''))).name}: {f.get('reason', '')}"
                            for f in report.get("failed", []))
        super().__init__(f"Nothing was ingested, the index is unchanged. {reasons}")


class StorageError(ReportQAError):
    """Writing an upload or the index failed (disk full, read-only disk ...); nothing was kept
    and the previous index is still served."""

    def __init__(self, exc: Exception):
        reason = getattr(exc, "strerror", None) or str(exc)
        super().__init__(f"could not write the upload or the index: {reason}. Nothing was "
                         "stored; the index is unchanged. Free disk space and retry.")


_RELATIVE_CACHE_SIZE = 10_000
# what a full, read-only or failing disk raises (SQLite reports it as OperationalError)
STORAGE_ERRORS = (OSError, sqlite3.OperationalError)


class ReportService:
    """Holds the current ReportQA (or None while there is no index) and the upload store."""

    def __init__(self, settings: Settings | None = None, qa: "ReportQA | None" = None,
                 index_dir: Path | str | None = None):
        self.settings = settings or Settings()
        self.index_dir = Path(index_dir) if index_dir is not None else Path(self.settings.index_dir)
        self.uploads = UploadStore(self.settings)
        self._qa = qa
        self._lock = threading.Lock()  # guards creating the first index, not queries
        self._seen_link: str | None = _link(self.index_dir)
        self.recovered: dict[str, list[str]] = {"ingested": [], "failed": [], "removed_temp": []}
        self._relative: dict[str, str] = {}  # source path -> as clients see it (``relative``)
        self._resolved_roots: tuple[str, list[tuple[str, str]]] | None = None  # (cwd, _roots)

    # --- access -------------------------------------------------------------------------------
    def current(self) -> "ReportQA | None":
        """The loaded ReportQA, loading it on first use; None while there is no index (looked
        for again on the next call, so an index built meanwhile by `reportqa ingest` is found)."""
        if self._qa is None:
            with self._lock:
                if self._qa is None:
                    self._qa = self._load()
        elif (link := _link(self.index_dir)) != self._seen_link:
            self._follow(link)
        return self._qa

    def _follow(self, link: str | None) -> None:
        """Another process (reportqa ingest, a second server) wrote a newer version: load it.
        When it cannot be loaded the version already loaded keeps serving."""
        try:
            if self._qa.refresh() or not self._qa.busy():
                self._seen_link = link
        except ReportQAError as err:
            log.error("index changed on disk but cannot be loaded (%s); serving the loaded "
                      "version", err)
            self._seen_link = link

    def qa(self) -> "ReportQA":
        """The ReportQA, or NoReportsError when there is nothing to ask about."""
        qa = self.current()
        if qa is None or not qa.has_documents():
            raise NoReportsError()
        return qa

    def _load(self) -> "ReportQA | None":
        from app.pipeline import ReportQA

        try:
            return ReportQA.load(self.index_dir, settings=self.settings)
        except IndexNotFoundError:
            log.info("no index at %s yet; it is created on the first upload", self.index_dir)
            return None

    # --- changes ------------------------------------------------------------------------------
    def upload(self, files: list[tuple[str, BinaryIO]]) -> dict[str, Any]:
        """Store and ingest uploaded files. Raises LoadError for a file refused before ingest
        (bad extension, too large, empty), UploadFailedError when nothing could be ingested and
        StorageError when the disk refused a write; in every error case nothing new is kept."""
        for name, _ in files:
            self.uploads.check_name(name)  # refuse the whole request before storing anything
        stored: list[StoredFile] = []
        try:
            for name, stream in files:
                stored.append(self.uploads.store(name, stream))
        except (LoadError, *STORAGE_ERRORS) as exc:
            self._discard([s for s in stored if s.created])
            if isinstance(exc, STORAGE_ERRORS):
                raise StorageError(exc) from exc
            raise
        return self.ingest_stored(stored)

    def ingest_stored(self, stored: list[StoredFile],
                      on_progress: Callable[[str, int, int, str], None] | None = None
                      ) -> dict[str, Any]:
        """Ingest stored uploads; the ingest report plus ``stored`` (what each file was stored
        as: name, stored_as, sha256, size). A new file that ends up no document's source (it
        failed, or duplicates a report indexed under another name) is not kept."""
        try:
            report = self.ingest([s.path for s in stored], on_progress)
        except BaseException as exc:
            self._discard([s for s in stored if s.created])
            if isinstance(exc, STORAGE_ERRORS):
                raise StorageError(exc) from exc
            raise
        qa = self.current()
        sources = {_norm(d.get("source", "")) for d in (qa.documents() if qa else [])}
        self._discard([s for s in stored if s.created and _norm(s.path) not in sources])
        report = self.public(report)
        report["stored"] = [s.to_dict(self.corpus_root) for s in stored
                            if _norm(s.path) in sources]
        if report.get("failed") and not report.get("ingested"):
            raise UploadFailedError(report)
        return report

    def ingest(self, paths: list[Path],
               on_progress: Callable[[str, int, int, str], None] | None = None) -> dict[str, Any]:
        """Ingest files into the index (creating it when there is none); the ingest report."""
        qa = self.current()
        if qa is None:
            from app.pipeline import ReportQA

            with self._lock:
                if self._qa is None:  # an empty pipeline: its first ingest creates the index
                    self._qa = ReportQA(self.index_dir, settings=self.settings)
            qa = self._qa
        return qa.ingest(list(paths), on_progress=on_progress).to_dict()

    def delete(self, doc_id: str) -> dict[str, Any]:
        """Remove a report from the index and, when it was uploaded, its stored file."""
        qa = self.current()
        if qa is None:
            raise NoReportsError()
        source = next((d.get("source") for d in qa.documents() if d.get("doc_id") == doc_id), None)
        if source is None:
            raise DocumentNotFoundError(doc_id)
        report = qa.delete(doc_id).to_dict()
        if self.uploads.remove(source):
            log.info("removed uploaded file %s", source)
        return self.public(report)

    def recover(self, candidates: list[Path]) -> dict[str, list[str]]:
        """At start-up: delete temporary files of interrupted uploads and ingest the stored
        uploads among ``candidates`` (the upload directory's files when the server started,
        before any new upload) that no indexed document comes from: the server died between
        storing and indexing them. Kept in ``self.recovered`` and shown by /healthz."""
        for tmp in self.uploads.leftovers():
            tmp.unlink(missing_ok=True)
            self.recovered["removed_temp"].append(tmp.name)
        qa = self.current()
        indexed = {_norm(d.get("source", "")) for d in (qa.documents() if qa else [])}
        orphans = [p for p in candidates if p.exists() and _norm(p) not in indexed]
        if not orphans:
            return self.recovered
        log.warning("recovering %d upload(s) stored but not indexed: %s", len(orphans),
                    ", ".join(p.name for p in orphans))
        try:
            report = self.ingest_stored([StoredFile(p.name, p, True) for p in orphans])
        except UploadFailedError as err:
            report = err.report
        except ReportQAError as err:
            log.error("recovering uploads failed: %s", err)
            report = {"failed": [{"source": p.name} for p in orphans]}
        self.recovered["ingested"] += [d["source"] for d in report.get("ingested", [])]
        self.recovered["failed"] += [d["source"] for d in report.get("failed", [])]
        return self.recovered

    def _discard(self, stored: list[StoredFile]) -> None:
        for s in stored:
            try:
                self.uploads.remove(s.path)
            except OSError as exc:
                log.error("could not remove %s: %s", s.path, exc)

    # --- what clients see ---------------------------------------------------------------------
    @property
    def corpus_root(self) -> Path:
        return Path(self.settings.corpus_dir).resolve()

    def relative(self, source: str) -> str:
        """A source path as clients see it: relative to the corpus directory, else the bare
        file name (the server's directory layout is not the client's business)."""
        if not source:
            return source
        known = self._relative.get(source)
        if known is not None:  # every answer cites the same few reports: resolve each once
            return known
        path = Path(source).resolve()
        root = self.corpus_root
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else Path(source).name
        if len(self._relative) >= _RELATIVE_CACHE_SIZE:
            self._relative.clear()
        self._relative[source] = shown
        return shown

    def _roots(self) -> list[tuple[str, str]]:
        """(server directory, what clients see instead) for each directory a text may name;
        resolved once per working directory (resolving walks the file system: ~0.3 ms)."""
        cwd = os.getcwd()
        if self._resolved_roots is None or self._resolved_roots[0] != cwd:
            roots = [(str(root), label) for root, label in (
                (self.corpus_root, ""), (self.index_dir.resolve(), "index"), (Path(cwd), ""))
                if root != Path(root.anchor)]
            self._resolved_roots = (cwd, roots)
        return self._resolved_roots[1]

    def scrub(self, text: str, roots: list[tuple[str, str]] | None = None) -> str:
        """Free text (reasons, error messages) with absolute server paths shortened."""
        for root, label in self._roots() if roots is None else roots:
            text = text.replace(f"{root}/", f"{label}/" if label else "").replace(root, label or ".")
        return text

    def public(self, obj: Any, roots: list[tuple[str, str]] | None = None) -> Any:
        """``obj`` (a response dict) with every ``source`` made relative and paths in other
        strings shortened."""
        if roots is None:  # the directories are resolved once per response, not per string
            roots = self._roots()
        if isinstance(obj, dict):
            return {k: self.relative(v) if k == "source" and isinstance(v, str)
                    else self.public(v, roots) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.public(v, roots) for v in obj]
        return self.scrub(obj, roots) if isinstance(obj, str) and "/" in obj else obj

    # --- status -------------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        qa = self.current()
        docs = qa.documents() if qa is not None else []
        if not docs:  # no index yet, or a first ingest failed: the server is still fine
            return {"status": "ok", "documents": 0, "chunks": 0, "encoder": self.settings.encoder,
                    "index_version": None, "recovered_uploads": self.recovered}
        index = qa.index
        return {"status": "ok", "documents": len(docs),
                "chunks": sum(int(d.get("n_chunks", 0) or 0) for d in docs),
                "encoder": index.manifest.get("encoder") or self.settings.encoder,
                "index_version": index.version, "recovered_uploads": self.recovered}


def _norm(path: Path | str) -> str:
    return str(Path(path).resolve())


def _link(index_dir: Path) -> str | None:
    """Where ``current`` points (one readlink: cheap enough for every request)."""
    try:
        return os.readlink(index_dir / "current")
    except OSError:
        return None
