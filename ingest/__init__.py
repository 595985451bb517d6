"""ingest: report files -> clean text -> metadata -> structure-aware chunks -> facts."""
from ingest.errors import *  # noqa: F401,F403
from ingest.settings import DEFAULT_ENCODER, Settings
from ingest.tokenize import STOPWORDS, add_words, tokenize
from ingest.types import Chunk, Document, Fact, content_hash

__all__ = ["Chunk", "Document", "Fact", "content_hash", "Settings", "DEFAULT_ENCODER",
           "tokenize", "add_words", "STOPWORDS"]
