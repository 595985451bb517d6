"""LangChain's own standard test suite for retrievers (``langchain-tests``) run against
ReportQARetriever over the real sample index, plus per-call arguments beyond ``k``."""
from __future__ import annotations

from typing import Any

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from index import HybridSearcher, ReportIndex, ReportQARetriever

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def searcher(sample_index_dir, encoder) -> HybridSearcher:
    return HybridSearcher(ReportIndex.load(sample_index_dir), encoder)


class TestReportQARetrieverStandard(RetrieversIntegrationTests):
    """All of LangChain's standard retriever tests (k in the constructor and per call,
    invoke / ainvoke return Documents)."""

    @pytest.fixture(autouse=True)
    def _searcher(self, searcher: HybridSearcher) -> None:
        self._hybrid = searcher

    @property
    def retriever_constructor(self) -> type[ReportQARetriever]:
        return ReportQARetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"searcher": self._hybrid}

    @property
    def retriever_query_example(self) -> str:
        return "人民调解成功率"


def test_per_call_filters_override_the_constructor_filters(searcher):
    retriever = ReportQARetriever(searcher=searcher, k=5, filters={"region": "盐田"})
    luohu = retriever.invoke("法律援助案件", k=2, filters={"region": "罗湖"})
    assert len(luohu) == 2 and {d.metadata["region"] for d in luohu} == {"罗湖区"}
    yantian = retriever.invoke("法律援助案件")  # the constructor's filters again
    assert {d.metadata["region"] for d in yantian} == {"盐田区"}


def test_per_call_mode_bm25_has_no_dense_ranks(searcher):
    docs = ReportQARetriever(searcher=searcher).invoke("人民调解成功率", k=3, mode="bm25")
    assert len(docs) == 3 and all(d.metadata["dense_rank"] is None for d in docs)
