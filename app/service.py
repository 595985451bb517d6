"""The one ReportQA a server process shares between the REST API, the OpenAI-compatible API and
the web UI.

It loads the index lazily, creates it on the first upload when none exists yet, stores uploads
(app/uploads.py) and hands them to ``ReportQA.ingest`` (which builds a new index version and swaps
it in, so queries keep using the old one meanwhile).
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable

from ingest.errors import DocumentNotFoundError, IndexNotFoundError, LoadError, ReportQAError
from ingest.settings import Settings

from app.uploads import StoredFile, UploadStore

if TYPE_CHECKING:
    from app.pipeline import ReportQA

__all__ = ["ReportService", "NoReportsError", "UploadFailedError"]

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


class ReportService:
    """Holds the current ReportQA (or None while there is no index) and the upload store."""

    def __init__(self, settings: Settings | None = None, qa: "ReportQA | None" = None,
                 index_dir: Path | str | None = None):
        self.settings = settings or Settings()
        self.index_dir = Path(index_dir) if index_dir is not None else Path(self.settings.index_dir)
        self.uploads = UploadStore(self.settings)
        self._qa = qa
        self._lock = threading.Lock()  # guards creating the first index, not queries

    # --- access -------------------------------------------------------------------------------
    def current(self) -> "ReportQA | None":
        """The loaded ReportQA, loading it on first use; None while there is no index (looked
        for again on the next call, so an index built meanwhile by `reportqa ingest` is found)."""
        if self._qa is None:
            with self._lock:
                if self._qa is None:
                    self._qa = self._load()
        return self._qa

    def qa(self) -> "ReportQA":
        """The ReportQA, or NoReportsError when there is nothing to ask about."""
        qa = self.current()
        if qa is None or not qa.documents():
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
        (bad extension, too large, empty) and UploadFailedError when nothing could be ingested."""
        for name, _ in files:
            self.uploads.check_name(name)  # refuse the whole request before storing anything
        stored: list[StoredFile] = []
        try:
            for name, stream in files:
                stored.append(self.uploads.store(name, stream))
        except LoadError:
            self._discard([s for s in stored if s.created])
            raise
        return self.ingest_stored(stored)

    def ingest_stored(self, stored: list[StoredFile],
                      on_progress: Callable[[str, int, int, str], None] | None = None
                      ) -> dict[str, Any]:
        report = self.ingest([s.path for s in stored], on_progress)
        # a new file that is no document's source (it failed, or duplicates a report already
        # indexed under another name) is not kept
        qa = self.current()
        sources = {_norm(d.get("source", "")) for d in (qa.documents() if qa else [])}
        self._discard([s for s in stored if s.created and _norm(s.path) not in sources])
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
        return report

    def _discard(self, stored: list[StoredFile]) -> None:
        for s in stored:
            self.uploads.remove(s.path)

    # --- status -------------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        qa = self.current()
        if qa is None:
            return {"status": "ok", "documents": 0, "chunks": 0, "encoder": self.settings.encoder,
                    "index_version": None}
        docs = qa.documents()
        index = getattr(qa, "index", None)
        manifest = getattr(index, "manifest", None) or {}
        return {"status": "ok", "documents": len(docs),
                "chunks": sum(int(d.get("n_chunks", 0) or 0) for d in docs),
                "encoder": manifest.get("encoder") or self.settings.encoder,
                "index_version": getattr(index, "version", None)}


def _norm(path: Path | str) -> str:
    return str(Path(path).resolve())
