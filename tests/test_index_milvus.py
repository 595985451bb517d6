"""The Milvus store on Milvus Lite: the same answers, filters inside both searches, delete and
re-ingest, alias swaps under concurrent asks, and retrieval quality next to the default store.

One Milvus ingest of the sample per session (``milvus_index_dir``); it reuses the embeddings the
default store's session index already computed (the embedding cache), so only inserting costs."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

pytest.importorskip("pymilvus", reason="the Milvus store needs: pip install 'reportqa[milvus]'")

from index_testing import report_path  # noqa: E402

pytestmark = pytest.mark.integration
QUESTION = "盐田区2020年人民调解成功率是多少？"


def _milvus_settings(index_dir: Path, **kw):
    from ingest import Settings

    return Settings(index_dir=index_dir, store="milvus",
                    milvus_uri=str(index_dir.parent / "milvus.db"), **kw)


def _seed_cache(src_index: Path, dst_index: Path) -> None:
    (dst_index / "cache").mkdir(parents=True, exist_ok=True)
    shutil.copy(src_index / "cache" / "embeddings.sqlite", dst_index / "cache" / "embeddings.sqlite")


@pytest.fixture(scope="session")
def milvus_index_dir(tmp_path_factory, sample_index_dir, reports_dir, encoder) -> Path:
    from index import build_index

    index_dir = tmp_path_factory.mktemp("milvus") / "idx"
    _seed_cache(sample_index_dir, index_dir)
    report = build_index(sorted(reports_dir.iterdir()), index_dir, encoder=encoder,
                         settings=_milvus_settings(index_dir), progress=False)
    assert not report.failed and report.n_embedded == 0
    return index_dir


@pytest.fixture(scope="session")
def milvus_qa(milvus_index_dir, encoder):
    from app import ReportQA

    return ReportQA.load(milvus_index_dir, _milvus_settings(milvus_index_dir), encoder=encoder)


def _store(qa):
    from index.milvus import MilvusStore

    return MilvusStore.from_settings(qa.settings, qa.index_dir, qa.index.manifest)


def test_milvus_index_answers_yantian_mediation_rate_with_citation(milvus_qa):
    a = milvus_qa.ask(QUESTION)
    assert a.found and "99%" in a.answer
    assert "盐田" in a.citations[0].title and "99%" in a.citations[0].text
    assert milvus_qa.index.remote is not None and milvus_qa.index.bm25 is None  # really Milvus


def test_manifest_records_the_collection_the_alias_points_to(milvus_qa):
    m = milvus_qa.index.manifest
    assert m["store"] == "milvus" and m["milvus"]["analyzer"] == "pretokenized"
    store = _store(milvus_qa)
    assert store.current() == m["milvus"]["collection"]
    assert store.count(store.alias) == len(milvus_qa.index) == m["n_chunks"]


@pytest.mark.parametrize("region,district", [("沙坪坝", "沙坪坝区"), ("盐田区", "盐田区")])
def test_region_filter_applies_inside_both_searches(qa, milvus_qa, region, district):
    for mode in ("hybrid", "bm25", "dense"):
        hits = milvus_qa.search("人民调解成功率", k=8, filters={"region": region}, mode=mode)
        local = qa.search("人民调解成功率", k=8, filters={"region": region}, mode=mode)
        # a full top-k from one of five reports (BM25: every row sharing a query term): the
        # filter ran before the cut, not after it — the same rows the default store returns
        assert len(hits) == len(local) >= 5
        assert {h.chunk.meta["district"] for h in hits} == {district}
        assert {h.chunk.id for h in hits} == {h.chunk.id for h in local}, mode


def test_year_and_doc_filters_become_milvus_expressions(milvus_qa):
    from index.milvus import filter_expr

    expr = filter_expr(milvus_qa.index, {"region": "沙坪坝", "year": [2020, "2021"]})
    assert '"沙坪坝区"' in expr and "year in [2020, 2021]" in expr
    doc = milvus_qa.documents()[0]
    hits = milvus_qa.search("法治政府建设", k=5, filters={"doc_id": doc["doc_id"]})
    assert hits and {h.chunk.doc_id for h in hits} == {doc["doc_id"]}
    assert milvus_qa.search("法治政府建设", k=5, filters={"year": 1990}) == []


def test_unknown_region_filter_is_a_clear_error(milvus_qa):
    from ingest.errors import InvalidQueryError, UnknownRegionError

    with pytest.raises(UnknownRegionError):
        milvus_qa.search("调解", filters={"region": "火星区"})
    with pytest.raises(InvalidQueryError):
        milvus_qa.search("调解", filters={"colour": "red"})


def test_weighted_fusion_ranks_the_yantian_passage_first(milvus_index_dir, encoder):
    from index import HybridSearcher, ReportIndex

    settings = _milvus_settings(milvus_index_dir, fusion="weighted")
    searcher = HybridSearcher(ReportIndex.load(milvus_index_dir, settings), encoder, settings)
    hits = searcher.search("人民调解成功率", k=3, filters={"region": "盐田"})
    assert "99%" in hits[0].chunk.text and hits[0].score > hits[-1].score


def test_delete_and_reingest_remove_and_restore_the_reports_rows(tmp_path, sample_index_dir,
                                                                 encoder):
    from app import ReportQA

    index_dir = tmp_path / "idx"
    _seed_cache(sample_index_dir, index_dir)
    qa = ReportQA(index_dir, _milvus_settings(index_dir), encoder=encoder)
    qa.ingest([report_path("000"), report_path("002")])
    yantian = next(d for d in qa.documents() if d["district"] == "盐田区")
    store = _store(qa)
    expr = f'doc_id == "{yantian["doc_id"]}"'
    assert store.count(store.alias, expr) == yantian["n_chunks"] > 0

    qa.delete(yantian["doc_id"])
    assert store.count(store.alias, expr) == 0
    assert all(h.chunk.doc_id != yantian["doc_id"] for h in qa.search("人民调解成功率", k=10))
    assert not qa.ask(QUESTION).citations or "盐田" not in qa.ask(QUESTION).citations[0].title

    qa.ingest([report_path("000")])
    assert store.count(store.alias, expr) == yantian["n_chunks"]
    assert "99%" in qa.ask(QUESTION).answer
    # only the current and the previous version's collections are kept
    assert len([c for c in store.client.list_collections() if c.startswith("reportqa_v")]) <= 2


def test_alias_swap_under_concurrent_asks_never_breaks_an_answer(tmp_path, sample_index_dir,
                                                                 encoder):
    from app import ReportQA

    index_dir = tmp_path / "idx"
    _seed_cache(sample_index_dir, index_dir)
    qa = ReportQA(index_dir, _milvus_settings(index_dir), encoder=encoder)
    qa.ingest([report_path("000"), report_path("001")])
    store, before = _store(qa), _store(qa).current()
    answers, errors, stop = [], [], threading.Event()

    def ask_loop() -> None:
        while not stop.is_set():
            try:
                answers.append(qa.ask(QUESTION).answer)
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(exc)

    threads = [threading.Thread(target=ask_loop) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        qa.ingest([report_path("002")])
        qa.ingest([report_path("003")])
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors[:3]
    assert len(answers) >= 3 and all("99%" in a for a in answers)
    assert store.current() == qa.index.manifest["milvus"]["collection"] != before
    assert store.count(store.alias) == len(qa.index)


def test_sample_eval_on_milvus_is_within_002_of_the_default_store(qa, milvus_qa):
    from eval.runner import run_eval

    set_path = Path(__file__).resolve().parents[1] / "eval" / "sets" / "sample.jsonl"
    scores = {}
    for name, pipeline in (("local", qa), ("milvus", milvus_qa)):
        report = run_eval(set_path, configs=["hybrid", "full"], qa=pipeline, write=False)
        scores[name] = report["summary"]
    for cfg in ("hybrid", "full"):
        for metric in ("recall@1", "recall@5"):
            local, milvus = scores["local"][cfg][metric], scores["milvus"][cfg][metric]
            assert abs(local - milvus) <= 0.02, (cfg, metric, local, milvus)


def test_cli_ingests_with_workers_and_a_new_process_answers_from_milvus(tmp_path,
                                                                      sample_index_dir):
    """The CLI path end to end: `reportqa ingest --workers 2` into Milvus Lite, then `reportqa
    ask` in a fresh process, where Milvus Lite reopens the collection released on disk."""
    import json
    import os
    import subprocess
    import sys

    index_dir = tmp_path / "idx"
    _seed_cache(sample_index_dir, index_dir)
    env = {**os.environ, "REPORTQA_STORE": "milvus",
           "REPORTQA_MILVUS_URI": str(tmp_path / "cli.db"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    cli = [sys.executable, "-m", "app.cli"]
    subprocess.run([*cli, "ingest", str(report_path("000")), str(report_path("001")),
                    "--index", str(index_dir), "--workers", "2", "--json"],
                   env=env, check=True, capture_output=True)
    env.pop("REPORTQA_STORE")  # the manifest, not the environment, says which store to open
    out = subprocess.run([*cli, "ask", QUESTION, "--index", str(index_dir), "--json"], env=env,
                         check=True, capture_output=True, text=True).stdout
    answer = json.loads(out)
    assert "99%" in answer["answer"] and "盐田" in answer["citations"][0]["title"]
