"""LangChain adapter: ``ReportQARetriever`` is a ``langchain_core`` BaseRetriever over a
HybridSearcher, returning langchain Documents whose metadata carries the citation fields.

Requires the optional ``langchain-core`` package (``pip install 'reportqa[langchain]'``);
``import index`` works without it because index/__init__.py imports this module lazily.
"""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from index.hybrid import Hit, HybridSearcher

__all__ = ["ReportQARetriever", "hit_to_document"]


def hit_to_document(hit: Hit) -> LCDocument:
    m = hit.chunk.meta
    return LCDocument(
        page_content=hit.chunk.text,
        metadata={"chunk_id": hit.chunk.id, "doc_id": hit.chunk.doc_id,
                  "title": m.get("title", ""), "region": m.get("region", ""),
                  "year": m.get("year"), "section": m.get("section", ""),
                  "source": m.get("source", ""), "score": hit.score,
                  "bm25_rank": hit.bm25_rank, "dense_rank": hit.dense_rank})


class ReportQARetriever(BaseRetriever):
    """``ReportQARetriever(searcher=HybridSearcher(ReportIndex.load(dir)), k=5,
    filters={"region": "盐田区"}).invoke("人民调解成功率")``

    ``k``, ``filters`` and ``mode`` can also be given per call, as LangChain's standard
    retriever interface expects: ``retriever.invoke("人民调解成功率", k=1)``."""

    searcher: HybridSearcher
    k: int = 5
    filters: dict[str, Any] | None = None
    mode: str | None = None

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun | None = None,
                                k: int | None = None, filters: dict[str, Any] | None = None,
                                mode: str | None = None) -> list[LCDocument]:
        hits = self.searcher.search(query, k=k or self.k,
                                    filters=self.filters if filters is None else filters,
                                    mode=mode or self.mode)
        return [hit_to_document(h) for h in hits]
