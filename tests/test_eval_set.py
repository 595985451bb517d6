"""The bundled question set: format, coverage per type, and every answer string and gold text
checked against the report it cites (so a typo in the set cannot silently lower the scores)."""
from __future__ import annotations

import collections
import json

import pytest

from eval.metrics import answer_matches, normalize
from eval.questions import QUESTION_TYPES, SAMPLE_SET, EvalSetError, load_set

from conftest import REPORTS



MINIMUMS = {"fact": 30, "paraphrase": 10, "descriptive": 6, "compare": 6, "followup": 6,
            "unanswerable": 8}


HOLDOUT_SET = SAMPLE_SET.with_name("sample_dev.jsonl")


@pytest.fixture(scope="module")
def questions():
    return load_set(SAMPLE_SET)


@pytest.fixture(scope="module", params=["sample", "holdout"])
def any_set(request):
    return load_set(SAMPLE_SET if request.param == "sample" else HOLDOUT_SET)


@pytest.fixture(scope="module")
def report_texts():
    return {p.name: p.read_text(encoding="utf-8") for p in REPORTS.glob("*.txt")}


@pytest.mark.unit
def test_counts_per_type_meet_minimums(questions):
    counts = collections.Counter(q["type"] for q in questions)
    assert len(questions) >= 70
    for qtype, minimum in MINIMUMS.items():
        assert counts[qtype] >= minimum, (qtype, counts[qtype])
    assert set(counts) <= set(QUESTION_TYPES)


@pytest.mark.unit
def test_fact_questions_cover_all_five_reports(questions, report_texts):
    docs = collections.Counter(g["doc"] for q in questions if q["type"] == "fact" for g in q["gold"])
    assert set(docs) == set(report_texts)
    assert min(docs.values()) >= 4


@pytest.mark.unit
def test_every_gold_text_is_in_its_report(any_set, report_texts):
    for q in any_set:
        for g in q["gold"]:
            assert g["doc"] in report_texts, (q["id"], g["doc"])
            if g.get("text"):
                assert normalize(g["text"]) in normalize(report_texts[g["doc"]]), (q["id"], g["text"])


@pytest.mark.unit
def test_every_answer_string_is_in_a_gold_report(any_set, report_texts):
    for q in any_set:
        gold_text = "\n".join(report_texts[g["doc"]] for g in q["gold"])
        for a in q["answers"]:
            assert answer_matches(a, gold_text), (q["id"], a)


@pytest.mark.unit
def test_single_gold_answers_sit_in_the_gold_passage(any_set):
    """For one-document questions the required strings are inside the gold text itself, so a
    retrieved passage that holds the gold text holds the answer."""
    for q in any_set:
        if len(q["gold"]) == 1 and q["gold"][0].get("text"):
            for a in q["answers"]:
                assert answer_matches(a, q["gold"][0]["text"]), (q["id"], a)


@pytest.mark.unit
def test_unanswerable_and_followup_shapes(questions):
    for q in questions:
        if q["type"] == "unanswerable":
            assert q["found"] is False and not q["answers"] and not q["gold"]
        else:
            assert q["found"] is True
        if q["type"] == "followup":
            assert [t["role"] for t in q["history"]][:2] == ["user", "assistant"]
    ids = {q["id"] for q in questions} & {q["id"] for q in load_set(HOLDOUT_SET)}
    assert not ids  # the held-out set shares no id (and no question) with the sample set
    assert not {q["question"] for q in questions} & {q["question"] for q in load_set(HOLDOUT_SET)}
    # the brief's canonical examples are in the set
    by_q = {q["question"]: q for q in questions}
    assert by_q["盐田区2020年人民调解成功率是多少？"]["answers"] == ["99%"]
    assert by_q["盐田、沙坪坝、罗湖的人民调解成功率分别是多少？哪个最高？"]["answers"] == [
        "99%", "97%", "94%", "盐田"]


@pytest.mark.unit
def test_unanswerable_regions_or_years_are_really_absent(questions, report_texts):
    corpus = normalize("".join(report_texts.values()))
    assert "浦东新区" not in corpus
    assert not [ln for t in report_texts.values() for ln in t.splitlines()
                if "2023" in ln and "盐田" in ln]
    # 福田区 appears only in the link list scraped with the 宝安 page, never with a 调解 figure
    lines = [ln for t in report_texts.values() for ln in t.splitlines() if "福田" in ln]
    assert lines and not [ln for ln in lines if "调解" in ln]


@pytest.mark.unit
def test_load_set_rejects_bad_lines(tmp_path):
    good = {"id": "a", "question": "盐田区2020年人民调解成功率是多少？", "type": "fact",
            "answers": ["99%"], "gold": [{"doc": "000_cbb5a60022177387.txt"}]}
    cases = [
        ("not json", "not valid JSON"),
        (json.dumps({**good, "type": "trivia"}), "type must be one of"),
        (json.dumps({**good, "answers": []}), "needs answers and gold"),
        (json.dumps({**good, "answers": ["re:("]}), "bad regex"),
        (json.dumps({**good, "history": [{"role": "bot", "content": "x"}]}), "history turn"),
        (json.dumps(good) + "\n" + json.dumps(good), "duplicate id"),
    ]
    for i, (text, msg) in enumerate(cases):
        path = tmp_path / f"set{i}.jsonl"
        path.write_text(text + "\n", encoding="utf-8")
        with pytest.raises(EvalSetError, match=msg):
            load_set(path)
    with pytest.raises(EvalSetError, match="No question set"):
        load_set(tmp_path / "missing.jsonl")


@pytest.mark.integration
def test_every_gold_text_survives_chunking(sample_index_dir, any_set):
    """Each gold text lies inside one chunk of the real sample index (not split across chunk
    boundaries, not only in a heading), so retrieval metrics can reach 1.0."""
    from index import ReportIndex

    from eval.metrics import passage_matches_gold

    chunks = [(c.meta.get("source", ""), c.text) for c in ReportIndex.load(sample_index_dir).chunks()]
    missing = [(q["id"], g["text"]) for q in any_set for g in q["gold"] if g.get("text")
               and not any(passage_matches_gold(c, g) for c in chunks)]
    assert not missing
