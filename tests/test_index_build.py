"""build_index: incremental, atomic, per-file errors, duplicates, removal, crash safety.
Real ingest of the sample reports; a counting hashing encoder stands in for the model so that
"how many passages were embedded" is observable and the tests stay fast."""
from __future__ import annotations

import os
import shutil
import threading

import pytest

import index.build as build_mod
from index import ReportIndex, build_index, expand_paths
from index_testing import HashingEncoder, report_path
from ingest import Settings
from ingest.errors import EncoderMismatchError

pytestmark = pytest.mark.unit
HASH = Settings(encoder="hash-test")


@pytest.fixture
def corpus(tmp_path):
    """Private copies of the 盐田 (a.txt) and 沙坪坝 (b.txt) reports."""
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copy(report_path("000"), d / "a.txt")
    shutil.copy(report_path("002"), d / "b.txt")
    return d


def _build(paths, index_dir, enc, **kw):
    return build_index(paths, index_dir, HASH, encoder=enc, progress=False, **kw)


def _load(index_dir):
    return ReportIndex.load(index_dir, HASH)


def test_unchanged_files_are_skipped_without_embedding(corpus, tmp_path):
    enc = HashingEncoder()
    first = _build([corpus], tmp_path / "idx", enc)
    assert [i["source"] for i in first.ingested] == [str(corpus / "a.txt"), str(corpus / "b.txt")]
    assert first.n_embedded == enc.passages_encoded == first.n_chunks > 10
    version = first.version
    calls = enc.passages_encoded
    again = _build([corpus], tmp_path / "idx", enc)
    assert enc.passages_encoded == calls  # zero embeddings
    assert again.ingested == [] and again.n_embedded == 0
    assert [s["reason"] for s in again.skipped] == ["unchanged", "unchanged"]
    assert again.version == version == _load(tmp_path / "idx").version  # no new version
    assert again.n_chunks == first.n_chunks and again.ok


def test_changed_file_replaces_its_chunks(corpus, tmp_path):
    enc = HashingEncoder()
    _build([corpus], tmp_path / "idx", enc)
    before = _load(tmp_path / "idx")
    old_id = next(d["doc_id"] for d in before.documents() if d["region"] == "沙坪坝区")
    n_old = len(before.chunks(old_id))
    with open(corpus / "b.txt", "a", encoding="utf-8") as f:
        f.write("\n七、2020年工作打算\n全区将新增专职人民调解员45名，建成智慧调解平台一个。\n")
    calls = enc.passages_encoded
    rep = _build([corpus / "b.txt"], tmp_path / "idx", enc)
    assert len(rep.ingested) == 1 and rep.ingested[0]["doc_id"] != old_id
    assert 0 < enc.passages_encoded - calls < n_old  # only new/changed passages are embedded
    after = _load(tmp_path / "idx")
    assert old_id not in {d["doc_id"] for d in after.documents()}
    assert len(after.documents()) == 2
    new_id = rep.ingested[0]["doc_id"]
    assert any("专职人民调解员45名" in c.text for c in after.chunks(new_id))
    assert all(c.doc_id != old_id for c in after.chunks())
    assert len(list((tmp_path / "idx" / "versions").iterdir())) == 2  # new + previous kept


def test_remove_by_doc_id_and_source(corpus, tmp_path):
    enc = HashingEncoder()
    _build([corpus], tmp_path / "idx", enc)
    docs = _load(tmp_path / "idx").documents()
    rep = _build([], tmp_path / "idx", enc, remove=[docs[0]["doc_id"], "no-such-doc"])
    assert rep.removed == [docs[0]["doc_id"]]
    assert rep.failed[0]["source"] == "no-such-doc" and "reportqa docs" in rep.failed[0]["reason"]
    left = _load(tmp_path / "idx")
    assert [d["doc_id"] for d in left.documents()] == [docs[1]["doc_id"]]
    assert {c.doc_id for c in left.chunks()} == {docs[1]["doc_id"]}
    rep = _build([], tmp_path / "idx", enc, remove=[docs[1]["source"]])
    assert rep.removed == [docs[1]["doc_id"]] and rep.n_chunks == 0
    empty = _load(tmp_path / "idx")
    assert empty.documents() == [] and len(empty) == 0


def test_duplicate_content_is_ingested_once(corpus, tmp_path):
    # the same report under another name, and re-encoded as GBK: same cleaned text, same doc_id
    shutil.copy(corpus / "a.txt", corpus / "c_copy.txt")
    text = (corpus / "a.txt").read_text(encoding="utf-8")
    (corpus / "d_gbk.txt").write_bytes(text.encode("gb18030"))
    rep = _build([corpus], tmp_path / "idx", HashingEncoder())
    assert len(rep.ingested) == 2
    reasons = {s["source"]: s["reason"] for s in rep.skipped}
    assert reasons == {str(corpus / "c_copy.txt"): f"duplicate of {corpus / 'a.txt'}",
                       str(corpus / "d_gbk.txt"): f"duplicate of {corpus / 'a.txt'}"}
    assert len(_load(tmp_path / "idx").documents()) == 2


def test_file_overwritten_with_another_reports_text(corpus, tmp_path):
    enc = HashingEncoder()
    _build([corpus], tmp_path / "idx", enc)
    shutil.copy(corpus / "a.txt", corpus / "b.txt")  # b.txt now holds the 盐田 report
    rep = _build([corpus], tmp_path / "idx", enc)
    assert rep.skipped[-1]["reason"] == f"duplicate of {corpus / 'a.txt'}"
    assert len(rep.removed) == 1  # the 沙坪坝 text b.txt used to hold is gone
    assert [d["region"] for d in _load(tmp_path / "idx").documents()] == ["盐田区"]


def test_a_failing_file_does_not_stop_the_others(corpus, tmp_path):
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    bad = tmp_path / "notes.xyz"
    bad.write_text("hello", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    rep = _build([corpus, bad, missing], tmp_path / "idx", HashingEncoder())
    assert len(rep.ingested) == 2 and rep.ok
    failed = {f["source"]: f["reason"] for f in rep.failed}
    assert set(failed) == {str(corpus / "empty.txt"), str(bad), str(missing)}
    assert ".xyz" in failed[str(bad)] or "support" in failed[str(bad)]
    assert len(_load(tmp_path / "idx").documents()) == 2


def test_crash_mid_build_leaves_previous_index(corpus, tmp_path, monkeypatch):
    enc = HashingEncoder()
    _build([corpus / "a.txt"], tmp_path / "idx", enc)
    before = _load(tmp_path / "idx")
    docs_before = before.documents()

    def boom(self, path):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_mod.DenseIndex, "save", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        _build([corpus / "b.txt"], tmp_path / "idx", enc)
    after = _load(tmp_path / "idx")
    assert after.version == before.version and after.documents() == docs_before
    assert [p.name for p in (tmp_path / "idx" / "versions").iterdir()] == [before.version]
    monkeypatch.undo()
    # the next build works and only embeds what the crashed one had not cached
    calls = enc.passages_encoded
    rep = _build([corpus], tmp_path / "idx", enc)
    assert len(rep.ingested) == 1 and enc.passages_encoded == calls


def test_rebuild_starts_empty_but_reuses_embeddings(corpus, tmp_path):
    enc = HashingEncoder()
    _build([corpus], tmp_path / "idx", enc)
    calls = enc.passages_encoded
    rep = _build([corpus / "a.txt"], tmp_path / "idx", enc, rebuild=True)
    assert len(rep.ingested) == 1 and rep.n_embedded == 0 and enc.passages_encoded == calls
    assert [d["region"] for d in _load(tmp_path / "idx").documents()] == ["盐田区"]


def test_other_encoder_cannot_extend_an_index(corpus, tmp_path):
    _build([corpus / "a.txt"], tmp_path / "idx", HashingEncoder())
    with pytest.raises(EncoderMismatchError):
        build_index([corpus / "b.txt"], tmp_path / "idx", Settings(encoder="other"),
                    encoder=HashingEncoder(name="other"), progress=False)


def test_expand_paths_skips_hidden_and_unsupported(tmp_path):
    (tmp_path / "sub" / ".git").mkdir(parents=True)
    for name in ["b.txt", "a.md", "sub/c.html", "sub/.hidden.txt", "sub/.git/x.txt", "d.json"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])]
    assert got == ["a.md", "b.txt", "sub/c.html"]
    assert expand_paths([tmp_path / "d.json"]) == [tmp_path / "d.json"]  # explicit: tried


def test_concurrent_ingests_do_not_interleave(corpus, tmp_path):
    results = []

    def ingest(path):
        results.append(_build([path], tmp_path / "idx", HashingEncoder()))

    threads = [threading.Thread(target=ingest, args=(corpus / n,)) for n in ("a.txt", "b.txt")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(len(r.ingested) == 1 for r in results)
    assert len(_load(tmp_path / "idx").documents()) == 2  # neither build lost the other's file
    assert not [p for p in os.listdir(tmp_path / "idx") if p.endswith(".tmp")]
