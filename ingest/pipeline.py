"""The whole ingest of one file: load -> clean -> metadata -> Document -> chunks -> facts."""
from __future__ import annotations

import logging
from pathlib import Path

from ingest.chunk import chunk_document
from ingest.clean import clean_text
from ingest.errors import EmptyDocumentError
from ingest.facts import extract_facts
from ingest.figures import normalize_digits
from ingest.load import load_file
from ingest.metadata import extract_metadata
from ingest.settings import Settings
from ingest.types import Chunk, Document, Fact, content_hash

__all__ = ["process_file", "process_text"]

log = logging.getLogger(__name__)


def process_file(path: Path | str, settings: Settings | None = None,
                 source: str | None = None) -> tuple[Document, list[Chunk], list[Fact]]:
    """Ingest one report file. ``source`` is the name recorded for citations (default: the
    path as given). Raises a LoadError subclass (EmptyDocumentError when nothing of the page
    is left after cleaning)."""
    settings = settings or Settings()
    path = Path(path)
    raw, file_hash = load_file(path, int(settings.max_file_mb * 1024 * 1024))
    return process_text(raw, file_hash, source or str(path), settings)


def process_text(raw: str, file_hash: str, source: str, settings: Settings | None = None
                 ) -> tuple[Document, list[Chunk], list[Fact]]:
    """The same pipeline for text already loaded (e.g. an upload held in memory)."""
    settings = settings or Settings()
    raw = normalize_digits(raw)  # ２０２０年 is 2020年 for metadata, facts and answers alike
    body = clean_text(raw)
    if not body.strip():
        raise EmptyDocumentError(Path(source).name, "no report text is left after removing "
                                 "page navigation and boilerplate")
    meta = extract_metadata(raw, body, source)
    doc = Document(doc_id=content_hash(body), text=body, source=source, file_hash=file_hash,
                   **meta)
    chunks = chunk_document(doc, settings.chunk_min_chars, settings.chunk_max_chars)
    facts = extract_facts(chunks, doc)
    log.info("%s: %d chunks, %d facts (%s %s)", source, len(chunks), len(facts), doc.region,
             doc.year)
    return doc, chunks, facts
