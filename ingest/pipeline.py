"""The whole ingest of one file: load -> clean -> metadata -> Document -> chunks -> facts.

Tables travel beside the running text (``Loaded.tables``): they become their own chunks and one
fact per cell (tables.py); the text chunks of a PDF carry the page they start on."""
from __future__ import annotations

import logging
from pathlib import Path

from ingest.chunk import chunk_document
from ingest.clean import clean_text, normalize_whitespace
from ingest.errors import EmptyDocumentError
from ingest.facts import extract_facts
from ingest.figures import normalize_digits
from ingest.load import Loaded, Progress, load_report
from ingest.metadata import extract_metadata
from ingest.settings import Settings
from ingest.tables import Table, table_chunks, table_facts, table_years
from ingest.types import Chunk, Document, Fact, content_hash

__all__ = ["process_file", "process_text", "process_loaded"]

log = logging.getLogger(__name__)


def process_file(path: Path | str, settings: Settings | None = None,
                 source: str | None = None, progress: Progress | None = None
                 ) -> tuple[Document, list[Chunk], list[Fact]]:
    """Ingest one report file. ``source`` is the name recorded for citations (default: the
    path as given); ``progress(done, total)`` is called per OCR'd page. Raises a LoadError
    subclass (EmptyDocumentError when nothing of the page is left after cleaning)."""
    settings = settings or Settings()
    path = Path(path)
    loaded = load_report(path, int(settings.max_file_mb * 1024 * 1024),
                         settings.max_ocr_pages, progress)
    return process_loaded(loaded, source or str(path), settings)


def process_text(raw: str, file_hash: str, source: str, settings: Settings | None = None
                 ) -> tuple[Document, list[Chunk], list[Fact]]:
    """The same pipeline for text already loaded (e.g. an upload held in memory)."""
    return process_loaded(Loaded(raw, file_hash), source, settings)


def process_loaded(loaded: Loaded, source: str, settings: Settings | None = None
                   ) -> tuple[Document, list[Chunk], list[Fact]]:
    """The pipeline after loading: text, tables and pages of one file -> document, chunks, facts."""
    settings = settings or Settings()
    raw = normalize_digits(loaded.text)  # ２０２０年 is 2020年 for metadata, facts and answers
    body = clean_text(raw)
    if not body.strip() and not loaded.tables:
        raise EmptyDocumentError(Path(source).name, "no report text is left after removing "
                                 "page navigation and boilerplate")
    meta = _metadata(raw, body, source)
    doc = Document(doc_id=_doc_id(body, loaded.tables), text=body or raw.strip(), source=source,
                   file_hash=loaded.file_hash, **meta)
    doc.years_covered = sorted(set(table_years(loaded.tables, doc.year))
                               | ({doc.year} if doc.year else set()))
    chunks = chunk_document(doc, settings.chunk_min_chars, settings.chunk_max_chars)
    _mark_pages(chunks, loaded)
    facts = extract_facts(chunks, doc)
    t_chunks, t_facts = _table_parts(loaded.tables, doc, len(chunks), settings)
    if t_chunks:  # the report's text is its running text and its tables (rows as written out)
        doc.text = "\n".join([doc.text, *(c.text for c in t_chunks)]).strip()
    chunks, facts = chunks + t_chunks, facts + t_facts
    log.info("%s: %d chunks, %d facts, %d tables (%s %s)", source, len(chunks), len(facts),
             len(loaded.tables), doc.region, doc.year)
    return doc, chunks, facts


def _metadata(raw: str, body: str, source: str) -> dict:
    """Metadata; a document that is only tables (a spreadsheet) has no paragraph to find its
    title by, so its first line (the sheet's title row) is read as the 名称 field."""
    meta = extract_metadata(raw, body, source)
    first = next((ln.strip() for ln in raw.split("\n") if ln.strip()), "")
    if not body.strip() and not meta["title"] and first:
        meta = extract_metadata(f"名称：{first}\n{raw}", raw, source)
    return meta


def _doc_id(body: str, tables: list[Table]) -> str:
    """Hash of the cleaned text; a report with tables hashes their cells too."""
    if not tables:
        return content_hash(body)
    return content_hash(body, *("\t".join(r) for t in tables for r in t.header + t.rows))


def _table_parts(tables: list[Table], doc: Document, start: int, settings: Settings
                 ) -> tuple[list[Chunk], list[Fact]]:
    """The hook for tables: their chunks (after the text chunks) and one fact per cell."""
    if not tables:
        return [], []
    per_table = table_chunks(tables, doc, start, settings.chunk_max_chars)
    return [c for cs in per_table for c in cs], table_facts(tables, per_table, doc)


def _mark_pages(chunks: list[Chunk], loaded: Loaded) -> None:
    """Chunk meta ``page`` (the page its first paragraph starts on) and ``ocr`` (read by OCR),
    for paged formats. Paragraphs are matched in order, by their cleaned text."""
    if not loaded.paragraph_pages:
        return
    paras = [(normalize_whitespace(t), p) for t, p in loaded.paragraph_pages]
    ocr = set(loaded.ocr_pages)
    at = 0
    for chunk in chunks:
        head = chunk.text.split("\n")[0][:20]
        for i in range(at, len(paras)):
            if head and head in paras[i][0]:
                at = i
                break
        page = paras[at][1] if paras else None
        chunk.meta["page"] = page
        if page in ocr:
            chunk.meta["ocr"] = True
