"""What is worked out once and remembered to keep per-ask CPU low (issue 11 item 7) gives the same
result as working it out each time, on the real sample reports; remembered results go stale
when what they depend on changes (jieba's words, the index version)."""
from __future__ import annotations

import importlib
import re

import numpy as np
import pytest

from app import answer as A
from app.service import ReportService
from index import HybridSearcher, ReportIndex
from ingest import Settings, name_forms, tokenize
from ingest.errors import UnknownRegionError
from ingest.figures import unit_kind

T = importlib.import_module("ingest.tokenize")  # the module (``ingest.tokenize`` is the function)


@pytest.fixture(scope="module")
def chunks(sample_index_dir):
    return ReportIndex.load(sample_index_dir).chunks()


@pytest.fixture(scope="module")
def searcher(sample_index_dir, encoder):
    return HybridSearcher(ReportIndex.load(sample_index_dir), encoder)


# --- question cuts --------------------------------------------------------------------------
@pytest.mark.integration
def test_remembered_cut_of_a_question_is_the_fresh_cut(chunks):
    questions = ["盐田区2020年人民调解成功率是多少？", "沙坪坝区办理法律援助案件多少件",
                 "海曙区行政复议案件有多少件？"] + [c.section for c in chunks[:50] if c.section]
    for q in questions:
        assert tokenize(q) == T._tokens(q, False)
        assert tokenize(q, keep_stopwords=True) == T._tokens(q, True)
        assert tokenize(q) == tokenize(q)  # remembered the second time
    assert "调解" in tokenize(questions[0]) and "成功率" in tokenize(questions[0])


@pytest.mark.unit
def test_a_word_taught_after_a_cut_changes_the_next_cut():
    text = "齾龘靐齉齾"  # characters no report uses: teaching their word affects no other test
    before = tokenize(text)
    assert "龘靐齉" not in before
    T.add_words(["龘靐齉"])
    after = tokenize(text)
    assert "龘靐齉" in after and after == T._tokens(text, False)


@pytest.mark.unit
def test_a_caller_changing_its_tokens_does_not_change_the_next_cut():
    tokens = tokenize("人民调解成功率")
    tokens.append("篡改")
    assert "篡改" not in tokenize("人民调解成功率")


@pytest.mark.unit
def test_name_forms_are_a_fresh_list_each_time():
    forms = name_forms("黔西南布依族苗族自治州")
    assert forms == ["黔西南布依族苗族自治州", "黔西南州", "黔西南"]
    forms.clear()
    assert name_forms("黔西南布依族苗族自治州")[-1] == "黔西南"
    assert name_forms("沙坪坝区") == ["沙坪坝区", "沙坪坝"]


# --- per-sentence work of the answerer ------------------------------------------------------
@pytest.mark.integration
def test_passage_sentences_are_the_sentence_split(chunks):
    for c in chunks:
        assert list(A._passage_sentences(c.text)) == A.split_sentences(c.text)


def _windows_each_time(sent: str, figs: list[tuple[int, str]]) -> list[str]:
    """The naming window of each figure as _pick_figure worked it out per question before."""
    out, prev_end, prev_window, prev_kind = [], 0, "", ""
    nexts = [p for p, _ in figs[1:]] + [len(sent)]
    for (pos, fig), nxt in zip(figs, nexts):
        clause = max((m.end() for m in re.finditer(r"[，,；;：:、]", sent[:pos])), default=0)
        if "等" in sent[clause:pos]:  # "撤销、变更、确认违法等纠错27件": the whole 、 list
            clause = min(clause, re.search(r"[^，,；;。：:\d]*$", sent[:pos]).start())
        kind = unit_kind(A._unit_of(fig))
        shared = prev_window if sent[prev_end:pos].startswith("、") and kind == prev_kind else ""
        start, prev_end, prev_kind = max(prev_end, clause, pos - 20), pos + len(fig), kind
        rest = re.split(r"[，,；;。：:、]", sent[pos + len(fig):])[0]
        after = A._noun_of(re.split(r"[，,；;。：:、]", sent[pos + len(fig):min(pos + len(fig) + 16, nxt)])[0])
        if len(rest) <= nxt - pos - len(fig) and kind == "person":  # "6000余名干部参加考试"
            after = rest[:24]
        out.append(re.sub(r"《[^》]*》?", " ", shared + sent[start:pos] + " " + after))
        prev_window = shared + sent[start:pos]
    return out


@pytest.mark.integration
def test_figure_windows_and_words_before_match_working_them_out(chunks):
    checked = 0
    for c in chunks:
        for sent in A.split_sentences(c.text):
            figs = A.find_figures(sent)
            assert list(A._figure_windows(sent, tuple(figs))) == _windows_each_time(sent, figs)
            for pos, _ in figs:
                assert A._just_before(sent, pos) == A._LINK.sub("", sent[max(0, pos - 24):pos])
            checked += len(figs)
    assert checked > 100
    sent = next(s for c in chunks for s in A.split_sentences(c.text) if "调解成功率达99%" in s)
    figs = A.find_figures(sent)
    pos = next(p for p, f in figs if f == "99%")
    assert "成功率" in A._figure_windows(sent, tuple(figs))[[p for p, _ in figs].index(pos)]


@pytest.mark.integration
def test_holds_and_sentence_year_remembered_give_the_same_answers(chunks):
    sent = next(s for c in chunks for s in A.split_sentences(c.text) if "调解成功率达99%" in s)
    assert A._holds(sent, "调解成功率") and A._holds("42家律所", "律师事务所")
    assert not A._holds(sent, "律师事务所")
    assert A.sentence_year("2019年，全区受理案件10件", 2020) == 2019
    assert A.sentence_year("2021年将继续推进", 2020) == 2020


# --- retrieval ------------------------------------------------------------------------------
@pytest.mark.integration
def test_remembered_filter_rows_match_the_index_mask(searcher):
    filters = {"region": ["盐田区"], "year": [2020]}
    mask, allowed = searcher._filter_rows(filters)
    fresh = searcher.index.row_mask(filters)
    assert np.array_equal(mask, fresh) and np.array_equal(allowed, np.flatnonzero(fresh))
    assert searcher._filter_rows(dict(filters))[0] is mask  # remembered
    assert not mask.flags.writeable and not allowed.flags.writeable
    assert searcher._filter_rows(None) == (None, None)
    for _ in range(2):  # an unknown region is refused every time, never remembered
        with pytest.raises(UnknownRegionError):
            searcher._filter_rows({"region": "不存在区"})


@pytest.mark.integration
def test_search_with_remembered_filters_is_the_same_search(searcher, encoder):
    fresh = HybridSearcher(searcher.index, encoder)
    filters = {"region": "盐田", "year": 2020}
    first = searcher.search("人民调解成功率是多少", k=5, filters=filters)
    again = searcher.search("人民调解成功率是多少", k=5, filters=filters)
    other = fresh.search("人民调解成功率是多少", k=5, filters=filters)
    ids = [h.chunk.id for h in first]
    assert ids == [h.chunk.id for h in again] == [h.chunk.id for h in other]
    assert all(h.chunk.meta["district"] == "盐田区" for h in first)
    assert any("调解成功率达99%" in h.chunk.text for h in first)


@pytest.mark.integration
def test_fusing_only_the_returned_rows_keeps_their_order(searcher):
    bm25 = {1: (1, 9.0), 2: (2, 8.0), 3: (3, 7.0), 7: (4, 1.0)}
    dense = {3: (1, 0.9), 1: (2, 0.8), 5: (3, 0.7)}
    every = searcher._fuse(bm25, dense, "hybrid")
    top = searcher._fuse(bm25, dense, "hybrid", 2)
    assert [(h.chunk.id, h.score) for h in top] == [(h.chunk.id, h.score) for h in every[:2]]
    assert len(every) == 5 and top[0].bm25_rank == 1 and top[0].dense_rank == 2


# --- the HTTP layer -------------------------------------------------------------------------
@pytest.mark.unit
def test_public_paths_are_relative_and_stay_so_when_remembered(tmp_path):
    svc = ReportService(Settings(index_dir=tmp_path / "idx", corpus_dir=tmp_path / "corpus"))
    body = {"citations": [{"source": str(tmp_path / "corpus" / "uploads" / "a.txt"),
                           "text": f"见 {tmp_path}/corpus/x.txt，共受理99件"}],
            "closest": [{"source": "/elsewhere/b.txt"}], "answer": "99%"}
    for _ in range(2):  # the second time the sources come from memory
        out = svc.public(body)
        assert out["citations"][0]["source"] == "uploads/a.txt"
        assert out["closest"][0]["source"] == "b.txt"
        assert str(tmp_path) not in out["citations"][0]["text"]
        assert out["citations"][0]["text"].endswith("x.txt，共受理99件") and out["answer"] == "99%"
    assert svc.scrub(f"cannot read {tmp_path}/idx/current") == "cannot read index/current"


@pytest.mark.unit
def test_the_web_ui_queue_no_longer_polls_every_millisecond():
    import gradio as gr

    from app.server import QUEUE_POLL_S, _calm_queue

    with gr.Blocks() as blocks:
        gr.Markdown("x")
    assert blocks._queue.sleep_when_free < QUEUE_POLL_S  # gradio's own: 1 ms
    _calm_queue(blocks)
    assert blocks._queue.sleep_when_free == QUEUE_POLL_S
    assert blocks._queue.progress_update_sleep_when_free >= 0.1


@pytest.mark.integration
def test_analysis_as_a_dict_is_what_asdict_gave(sample_index_dir):
    from dataclasses import asdict

    from app.query import INHERITABLE, analyze_query

    index = ReportIndex.load(sample_index_dir)
    history = [{"role": "user", "content": "盐田区2020年人民调解成功率是多少？"},
               {"role": "assistant", "content": "99%"}]
    for q, h in (("盐田区2020年人民调解成功率是多少？", None), ("那罗湖区呢？", history),
                 ("盐田区和罗湖区哪个法律援助案件多？", None), ("不存在区办理公证多少件", None)):
        a = analyze_query(q, index.regions(), index.years(), h)
        old = asdict(a)
        old.update({k: list(v) for k, v in old.items() if isinstance(v, tuple)})
        old["inherited"] = {k: k in a.inherited for k in INHERITABLE}
        new = a.to_dict()
        assert new == old
        assert all(r is not s for r, s in zip(new["regions"], a.regions))  # copies, as before
    assert analyze_query("盐田区2020年人民调解成功率是多少？", index.regions(), index.years()
                         ).to_dict()["regions"][0]["district"] == "盐田区"


@pytest.mark.integration
def test_ask_cpu_splits_an_asks_cpu_into_encoding_and_the_rest(sample_index_dir):
    from eval.ask_cpu import ask_cpu

    out = ask_cpu(sample_index_dir, asks=4, warm=1)
    assert out["asks"] == 4 and out["encoder_calls"] >= 3  # unique questions: (nearly) all encoded
    assert out["encode_cpu_ms_per_ask"] > 1 and out["rest_cpu_ms_per_ask"] > 0
    assert out["thread_cpu_ms_per_ask"] == pytest.approx(
        out["encode_cpu_ms_per_ask"] + out["rest_cpu_ms_per_ask"], abs=0.02)
