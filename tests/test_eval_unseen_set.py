"""The unseen-report question set (eval/sets/unseen): its reports load, every answer string and
gold text is in the report it cites, and it covers what issue 9 asks (places, levels, forms,
types, a dev/test split). The test split is only checked for consistency here, never run."""
from __future__ import annotations

import collections

import pytest

from eval.questions import load_set
from eval.sets.unseen.check import HERE, REPORTS, check_folder

pytestmark = pytest.mark.unit

# Places of these provinces only, so that an independent set of the others stays possible.
PROVINCES = ("上海", "河北", "辽宁", "吉林", "黑龙江", "福建", "湖南", "广西", "贵州", "云南",
             "甘肃", "宁夏", "新疆", "内蒙古")


@pytest.fixture(scope="module")
def splits():
    return {name: load_set(HERE / f"{name}.jsonl") for name in ("dev", "test")}


def test_every_question_agrees_with_its_report():
    assert check_folder() == []


def test_dev_and_test_splits_cover_every_type_and_do_not_overlap(splits):
    all_q = splits["dev"] + splits["test"]
    counts = collections.Counter(q["type"] for q in all_q)
    assert sum(q["found"] for q in all_q) >= 150 and counts["unanswerable"] >= 20
    for qtype in ("fact", "paraphrase", "followup", "compare", "descriptive", "unanswerable"):
        for split in splits.values():
            assert any(q["type"] == qtype for q in split), qtype
    assert not {q["question"] for q in splits["dev"]} & {q["question"] for q in splits["test"]}


def test_reports_are_of_many_places_levels_years_and_forms():
    from ingest import process_file

    docs = [process_file(p)[0] for p in sorted(REPORTS.iterdir())]
    assert len(docs) >= 25
    assert all(d.province.startswith(PROVINCES) for d in docs), [d.province for d in docs]
    names = [d.district or d.city for d in docs]
    assert sum(n.endswith("县") for n in names) >= 5
    assert sum(n.endswith("区") for n in names) >= 8
    assert sum(n.endswith("市") for n in names) >= 5
    assert len(set(names)) < len(names)  # one place with reports of two years
    assert {p.suffix for p in REPORTS.iterdir()} >= {".txt", ".html", ".md", ".docx", ".pdf"}
    assert all(d.year and 2015 <= d.year <= 2024 for d in docs)


def test_the_second_set_agrees_with_its_reports_and_covers_every_type():
    """eval/sets/unseen2: 16 more reports of the same provinces, written after the first set had
    been tuned on; its dev split is for debugging, its test split only for reporting."""
    folder = HERE.parent / "unseen2"
    assert check_folder(folder) == []
    splits = {name: load_set(folder / f"{name}.jsonl") for name in ("dev", "test")}
    for qtype in ("fact", "paraphrase", "followup", "compare", "descriptive", "unanswerable"):
        assert all(any(q["type"] == qtype for q in split) for split in splits.values()), qtype
    assert not {q["question"] for q in splits["dev"]} & {q["question"] for q in splits["test"]}
    assert len({p.name[:3] for p in (folder / "reports").iterdir()}) >= 16
