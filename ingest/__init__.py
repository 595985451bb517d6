"""ingest: report files -> clean text -> metadata -> structure-aware chunks -> facts."""
from ingest.chunk import chunk_document
from ingest.clean import Page, clean_text, split_page
from ingest.errors import *  # noqa: F401,F403
from ingest.facts import extract_facts
from ingest.load import SUPPORTED_EXTENSIONS, Loaded, load_file, load_report
from ingest.metadata import extract_metadata
from ingest.pipeline import process_file, process_loaded, process_text
from ingest.regions import RegionGazetteer, gazetteer, name_forms, short_name
from ingest.tables import Table
from ingest.settings import DEFAULT_ENCODER, Settings
from ingest.tokenize import STOPWORDS, add_words, tokenize
from ingest.types import Chunk, Document, Fact, content_hash

__all__ = ["Chunk", "Document", "Fact", "content_hash", "Settings", "DEFAULT_ENCODER",
           "tokenize", "add_words", "STOPWORDS",
           "load_file", "load_report", "Loaded", "Table", "process_loaded",
           "SUPPORTED_EXTENSIONS", "clean_text", "split_page", "Page",
           "extract_metadata", "chunk_document", "extract_facts", "process_file", "process_text",
           "RegionGazetteer", "gazetteer", "short_name", "name_forms"]
