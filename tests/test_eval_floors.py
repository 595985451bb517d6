"""Accuracy floors: the sample set, the dev splits (dev to dev4) of the first two unseen-report sets and
the dev split of the third run through the
whole pipeline (real encoder, FAISS, BM25) and must not fall below the figures measured when these
floors were set (README, "Measured figures"). The *test* splits never run here."""
from __future__ import annotations

from pathlib import Path

import pytest

from eval.runner import run_eval
from eval.questions import SAMPLE_SET

pytestmark = pytest.mark.integration

UNSEEN = Path(__file__).resolve().parents[1] / "eval" / "sets" / "unseen"
UNSEEN2 = UNSEEN.with_name("unseen2")

# (set, metric) -> floor; a few points under the measured value, so that noise passes and a
# real regression does not. wrong_figure_rate is a ceiling.
FLOORS = {
    "sample": {"answer_cited": 0.93, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
               "wrong_figure_rate": 0.03},
    "sample_dev": {"answer_cited": 0.85, "refusal_accuracy": 0.8, "false_refusal_rate": 0.1,
                   "wrong_figure_rate": 0.10},
    "unseen_dev": {"answer_cited": 0.90, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                   "wrong_figure_rate": 0.05},
    "unseen2_dev": {"answer_cited": 0.90, "refusal_accuracy": 0.9, "false_refusal_rate": 0.06,
                    "wrong_figure_rate": 0.05},
    # the second dev splits (dev2.jsonl), written after the first were tuned on
    "unseen_dev2": {"answer_cited": 0.93, "refusal_accuracy": 0.85, "false_refusal_rate": 0.04,
                    "wrong_figure_rate": 0.05},
    "unseen2_dev2": {"answer_cited": 0.95, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.03},
    # the third (dev3.jsonl), written by people who saw neither the code nor the test split
    "unseen_dev3": {"answer_cited": 0.93, "refusal_accuracy": 0.88, "false_refusal_rate": 0.05,
                    "wrong_figure_rate": 0.04},
    "unseen2_dev3": {"answer_cited": 0.94, "refusal_accuracy": 0.9, "false_refusal_rate": 0.04,
                     "wrong_figure_rate": 0.03},
    # the fourth (dev4.jsonl), written the same way in the next session
    "unseen_dev4": {"answer_cited": 0.92, "refusal_accuracy": 0.8, "false_refusal_rate": 0.05,
                    "wrong_figure_rate": 0.06},
    "unseen2_dev4": {"answer_cited": 0.95, "refusal_accuracy": 0.9, "false_refusal_rate": 0.04,
                     "wrong_figure_rate": 0.03},
    # the third set's dev split (15 new reports, 2026-11-26; 0.867 before it was tuned on)
    "unseen3_dev": {"answer_cited": 0.93, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                    "wrong_figure_rate": 0.03},
    # the fourth set's dev split (15 new reports, 2026-11-26; 0.717 before it was tuned on)
    "unseen4_dev": {"answer_cited": 0.90, "refusal_accuracy": 0.9, "false_refusal_rate": 0.06,
                    "wrong_figure_rate": 0.06},
    # the fifth set's dev split (12 new reports, 2026-11-27; 0.862 before it was tuned on)
    "unseen5_dev": {"answer_cited": 0.88, "refusal_accuracy": 0.9, "false_refusal_rate": 0.09,
                    "wrong_figure_rate": 0.05},
    # the sixth set's dev split (12 new reports, 2026-11-27; 0.789 before it was tuned on)
    "unseen6_dev": {"answer_cited": 0.92, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                    "wrong_figure_rate": 0.05},
    # the seventh set's dev split (12 new reports, 2026-11-27; 0.825 before it was tuned on)
    "unseen7_dev": {"answer_cited": 0.90, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                    "wrong_figure_rate": 0.06},
    # the eighth set's dev split (12 new reports, 2026-11-27; 0.895 before it was tuned on)
    "unseen8_dev": {"answer_cited": 0.93, "refusal_accuracy": 0.9, "false_refusal_rate": 0.06,
                    "wrong_figure_rate": 0.05},
    # the ninth set's dev split (12 new reports, 2026-11-27; 0.684 before it was tuned on)
    "unseen9_dev": {"answer_cited": 0.90, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                    "wrong_figure_rate": 0.08},
    # the tenth set's dev split (12 new reports, 2026-11-27; 0.930 before it was tuned on)
    "unseen10_dev": {"answer_cited": 0.93, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.05},
    # the eleventh set's dev split (12 new reports, 2026-11-27; 0.912 before it was tuned on)
    "unseen11_dev": {"answer_cited": 0.95, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.03},
    # the twelfth set's dev split (12 new reports, 2026-11-27; 0.877 before it was tuned on)
    "unseen12_dev": {"answer_cited": 0.95, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.03},
    # the thirteenth set's dev split (12 new reports, 2026-11-27; 0.895 before it was tuned on)
    "unseen13_dev": {"answer_cited": 0.95, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.03},
    # the fourteenth set's dev split (12 new reports, 2026-11-27; 0.947 before it was tuned on)
    "unseen14_dev": {"answer_cited": 0.95, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.03},
    # the fifteenth set's dev split (12 new reports, 2026-11-27; 0.912 before it was tuned on)
    "unseen15_dev": {"answer_cited": 0.90, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.05},
    # the sixteenth set's dev split (12 new reports, 2026-11-27; 0.881 before it was tuned on)
    "unseen16_dev": {"answer_cited": 0.90, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.05},
    # the seventeenth set's dev split (12 new reports, 2026-11-27; 0.900 before it was tuned on)
    "unseen17_dev": {"answer_cited": 0.90, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.05},
    # the eighteenth set's dev split (12 new reports, 2026-11-28; 0.862 before it was tuned on,
    # 0.914 after, wrong figures 13.8 % -> 7.0 %)
    "unseen18_dev": {"answer_cited": 0.88, "refusal_accuracy": 0.9, "false_refusal_rate": 0.05,
                     "wrong_figure_rate": 0.09},
}
CEILINGS = ("false_refusal_rate", "wrong_figure_rate")


def _check(summary: dict, floors: dict) -> list[str]:
    bad = []
    for metric, bound in floors.items():
        value = summary[metric]
        if (value > bound) if metric in CEILINGS else (value < bound):
            bad.append(f"{metric} = {value} (bound {bound})")
    return bad


@pytest.mark.parametrize("name, set_path", [("sample", SAMPLE_SET),
                                            ("sample_dev", SAMPLE_SET.with_name("sample_dev.jsonl"))])
def test_sample_sets_stay_above_their_floors(qa, name, set_path, tmp_path):
    report = run_eval(set_path, qa=qa, configs=["full"], out_dir=tmp_path)
    assert _check(report["summary"]["full"], FLOORS[name]) == [], report["failures"]


def test_unseen_dev_split_stays_above_its_floors(unseen_qa, tmp_path):
    report = run_eval(UNSEEN / "dev.jsonl", qa=unseen_qa, configs=["full"], out_dir=tmp_path)
    summary = report["summary"]["full"]
    assert _check(summary, FLOORS["unseen_dev"]) == [], report["failures"]
    by_type = report["by_type"]["full"]
    assert by_type["descriptive"]["answer_cited"] >= 0.7
    assert by_type["unanswerable"]["refusal_accuracy"] >= 0.9


def test_second_unseen_dev_split_stays_above_its_floors(unseen2_qa, tmp_path):
    report = run_eval(UNSEEN2 / "dev.jsonl", qa=unseen2_qa, configs=["full"], out_dir=tmp_path)
    assert _check(report["summary"]["full"], FLOORS["unseen2_dev"]) == [], report["failures"]
    assert report["by_type"]["full"]["unanswerable"]["refusal_accuracy"] >= 0.9


@pytest.mark.parametrize("name", ["unseen_dev2", "unseen2_dev2", "unseen_dev3", "unseen2_dev3",
                                  "unseen_dev4", "unseen2_dev4"])
def test_later_dev_splits_stay_above_their_floors(unseen_qa, unseen2_qa, name, tmp_path):
    folder, qa = (UNSEEN, unseen_qa) if name.startswith("unseen_") else (UNSEEN2, unseen2_qa)
    report = run_eval(folder / f"{name[-4:]}.jsonl", qa=qa, configs=["full"], out_dir=tmp_path)
    assert _check(report["summary"]["full"], FLOORS[name]) == [], report["failures"]


@pytest.mark.parametrize("n", range(3, 19))
def test_each_blind_sets_dev_split_stays_above_its_floors(n, request, tmp_path):
    """unseen3 … unseen18: each set's dev split on its own index (the ``unseenN_qa`` fixture)."""
    qa = request.getfixturevalue(f"unseen{n}_qa")
    report = run_eval(UNSEEN.with_name(f"unseen{n}") / "dev.jsonl", qa=qa, configs=["full"], out_dir=tmp_path)
    assert _check(report["summary"]["full"], FLOORS[f"unseen{n}_dev"]) == [], report["failures"]
