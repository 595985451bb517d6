"""Fusion, filtering-inside-retrieval and query validation, on small hand-made indexes built with
a deterministic hashing encoder (the real encoder is exercised in test_index_search.py)."""
from __future__ import annotations

import numpy as np
import pytest

import ingest
from index import HybridSearcher, ReportIndex, build_index
from index.bm25 import BM25Index
from index.dense import DenseIndex
from index.hybrid import rrf_fuse, weighted_fuse
from index.regions import RegionResolver, short_form
from index_testing import HashingEncoder, fake_process_file, make_report
from ingest import Settings
from ingest.errors import InvalidQueryError, UnknownRegionError

pytestmark = pytest.mark.unit

YANTIAN = [f"盐田区人民调解成功率达99%，第{i}批人民调解组织受理矛盾纠纷案件，调解成功率保持高位。"
           for i in range(30)]
HAISHU = ["海曙区推进公共法律服务体系建设，建成法律服务站点。",
          "海曙区人民调解委员会化解邻里纠纷，群众满意。",
          "海曙区开展普法宣传月活动，覆盖街道社区。",
          "海曙区行政复议案件办理情况良好，纠错率下降。"]


def _build(tmp_path, monkeypatch, faiss_kind="flat"):
    reports = {
        "yantian.txt": make_report("d_yantian", "盐田区", "深圳市", "广东省", 2020, YANTIAN, ""),
        "haishu.txt": make_report("d_haishu", "海曙区", "宁波市", "浙江省", 2020, HAISHU, ""),
    }
    for name in reports:
        (tmp_path / name).write_text(name, encoding="utf-8")
    monkeypatch.setattr(ingest, "process_file", fake_process_file(reports), raising=False)
    settings = Settings(encoder="hash-test", candidates=5, faiss_kind=faiss_kind)
    enc = HashingEncoder()
    rep = build_index([tmp_path / n for n in sorted(reports)], tmp_path / "idx", settings,
                      encoder=enc, progress=False)
    assert not rep.failed and len(rep.ingested) == 2
    index = ReportIndex.load(tmp_path / "idx", settings)
    return HybridSearcher(index, enc, settings)


def test_rrf_rewards_agreement_between_retrievers():
    bm25 = {1: (1, 9.0), 2: (2, 5.0)}
    dense = {2: (1, 0.9), 3: (2, 0.8)}
    fused = rrf_fuse(bm25, dense, rrf_k=60)
    assert fused[2] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[1] == pytest.approx(1 / 61)
    assert max(fused, key=fused.get) == 2
    # weights scale each retriever's contribution
    assert rrf_fuse(bm25, dense, rrf_k=60, w_bm25=0.0)[1] == 0.0


def test_weighted_fusion_normalises_each_list():
    bm25 = {1: (1, 20.0), 2: (2, 10.0)}
    dense = {2: (1, 0.5), 3: (2, 0.4)}
    fused = weighted_fuse(bm25, dense, 1.0, 1.0)
    assert fused == pytest.approx({1: 1.0, 2: 1.0, 3: 0.0})
    assert weighted_fuse(bm25, dense, 1.0, 2.0)[2] == pytest.approx(2.0)  # bm25 min -> 0


@pytest.mark.parametrize("faiss_kind", ["flat", "hnsw"])
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_filter_is_applied_before_top_k(tmp_path, monkeypatch, faiss_kind, mode):
    searcher = _build(tmp_path, monkeypatch, faiss_kind)
    unfiltered = searcher.search("人民调解成功率", k=5, mode=mode)
    # globally, the 30 盐田 passages crowd the 海曙 ones out of every candidate list (5 each)
    assert {h.chunk.meta["district"] for h in unfiltered} == {"盐田区"}
    hits = searcher.search("人民调解成功率", k=3, mode=mode, filters={"region": "海曙"})
    assert {h.chunk.meta["district"] for h in hits} == {"海曙区"}
    if mode == "bm25":  # BM25 only returns passages sharing a term: one 海曙 passage mentions 调解
        assert [h.chunk.text for h in hits] == [HAISHU[1]]
    else:
        assert len(hits) == 3
    if mode == "hybrid":
        assert hits[0].chunk.text == HAISHU[1]
    # city and province names select the same rows
    by_city = searcher.search("人民调解成功率", k=3, mode=mode, filters={"region": "宁波市"})
    assert [h.chunk.id for h in by_city] == [h.chunk.id for h in hits]


def test_filters_year_doc_id_and_kind(tmp_path, monkeypatch):
    searcher = _build(tmp_path, monkeypatch)
    assert searcher.search("人民调解", filters={"year": 2019}) == []
    hits = searcher.search("人民调解", k=10, filters={"doc_id": "d_haishu", "year": [2020]})
    assert {h.chunk.doc_id for h in hits} == {"d_haishu"} and len(hits) == 4
    assert searcher.search("人民调解", filters={"kind": "工作方案"}) == []
    assert len(searcher.search("人民调解", k=3, filters={"issuer": "盐田区司法局"})) == 3
    with pytest.raises(InvalidQueryError, match="2020"):
        searcher.search("人民调解", filters={"year": "去年"})
    with pytest.raises(InvalidQueryError, match="Unknown filter"):
        searcher.search("人民调解", filters={"town": "x"})


def test_hits_keep_both_ranks(tmp_path, monkeypatch):
    searcher = _build(tmp_path, monkeypatch)
    top = searcher.search("盐田区人民调解成功率", k=3)[0]
    assert top.bm25_rank is not None and top.dense_rank is not None
    assert top.bm25_score > 0 and -1.0 <= top.dense_score <= 1.0
    d = top.to_dict()
    assert d["chunk_id"] == top.chunk.id and d["meta"]["district"] == "盐田区"


def test_query_validation(tmp_path, monkeypatch):
    searcher = _build(tmp_path, monkeypatch)
    for bad in ["", "   \n"]:
        with pytest.raises(InvalidQueryError, match="empty"):
            searcher.search(bad)
    limit = searcher.settings.max_query_chars
    with pytest.raises(InvalidQueryError, match=str(limit)):
        searcher.search("调" * (limit + 1))
    with pytest.raises(UnknownRegionError) as err:
        searcher.search("人民调解成功率", filters={"region": "沙坪坝区"})
    assert "盐田区" in str(err.value) and "海曙区" in str(err.value)
    with pytest.raises(InvalidQueryError, match="mode"):
        searcher.search("调解", mode="magic")


def test_bm25_roundtrip_and_unknown_terms(tmp_path):
    texts = ["沙坪坝区全年共调解纠纷8428件", "盐田区调解成功率达99%", ""]
    bm25 = BM25Index.build(texts, ["沙坪坝区", "沙坪坝"])
    bm25.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25", 3)
    np.testing.assert_allclose(bm25.scores("沙坪坝调解纠纷"), loaded.scores("沙坪坝调解纠纷"))
    assert loaded.scores("沙坪坝调解纠纷").argmax() == 0
    assert not loaded.scores("量子计算").any()  # no known term: all zero, no error
    rows, _ = loaded.search("量子计算", 5)
    assert len(rows) == 0
    assert not list((tmp_path / "bm25").glob("*.pkl"))


def test_ivf_exact_fallback_under_selective_filter():
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(2000, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    dense = DenseIndex.build(vecs, "ivf")
    assert dense.kind == "ivf"
    allowed = np.array([3, 500, 1999])
    rows, scores = dense.search(vecs[0], 3, allowed)
    assert sorted(rows.tolist()) == [3, 500, 1999]
    np.testing.assert_allclose(scores, vecs[rows] @ vecs[0], rtol=1e-5)
    assert DenseIndex.build(vecs[:50], "ivf").kind == "flat"  # too few vectors to train


def test_region_resolver_short_forms():
    assert short_form("沙坪坝区") == "沙坪坝" and short_form("深圳市") == "深圳"
    assert short_form("城区") == "城区"  # a one-character stem is not a name
    r = RegionResolver([{"province": "广东省", "city": "深圳市", "district": "盐田区"}])
    assert r.resolve("盐田") == "盐田区" and r.resolve("深圳") == "深圳市"
    assert r.resolve("深圳市盐田区") == "盐田区"  # the most specific name wins
    assert r.resolve("北京") is None
    assert {"盐田区", "盐田", "深圳", "广东"} <= r.words()
