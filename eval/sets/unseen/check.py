"""Check the unseen-report question sets against their reports.

Loads every ``*.jsonl`` in this folder (both helpers' dev/test files), validates each with
``eval.questions.load_set`` and checks, for every answerable question:

* each gold document exists in ``reports/`` and loads with ``ingest.load_report``;
* each ``gold.text`` appears (normalized) in its document's loaded text;
* each required answer string matches (``eval.metrics.answer_matches``: NFKC, whitespace,
  thousands separators, digit-edge rule, ``re:`` regexes) in the loaded text of some gold doc;
* for a single-gold question with a ``gold.text``, each answer matches inside that text.

Unanswerable questions must have ``found: false`` and no answers or gold. Ids must be unique
across all files. A split written to stay independent of the test split (``dev2.jsonl`` to ``dev4.jsonl``, see
``INDEPENDENT_OF_TEST``) must not repeat a question of another file, and none of its gold
passages may overlap a passage that a ``test.jsonl`` gold covers. Prints one line per problem
and exits 1 when there is any.

Run from the repository root:  python -m eval.sets.unseen.check [FOLDER]
(FOLDER holds ``*.jsonl`` and ``reports/``; default: this folder)
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from eval.metrics import answer_matches, normalize
from eval.questions import EvalSetError, load_set
from ingest import load_report

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "reports"
MAX_BYTES = 50 * 2**20
# Splits written after the dev split had been tuned on, for tuning only: they must not share a
# gold passage with test.jsonl (tuning on them would otherwise teach the test answers).
INDEPENDENT_OF_TEST = ("dev2.jsonl", "dev3.jsonl", "dev4.jsonl")
TEST_SPLIT = "test.jsonl"


def report_texts(reports: Path = REPORTS) -> dict[str, str]:
    """File name -> loaded text of every report in reports/, its tables' rows written as
    "| label | cell | cell |" lines (the loader keeps tables apart from the running text)."""
    out = {}
    for p in sorted(reports.iterdir()):
        if p.is_file():
            loaded = load_report(p, MAX_BYTES)
            rows = ["| " + " | ".join(r) + " |" for t in loaded.tables for r in t.header + t.rows]
            out[p.name] = "\n".join([loaded.text, *rows])
    return out


def question_problems(q: dict, texts: dict[str, str]) -> list[str]:
    """Problems of one question (empty when it is consistent with its reports)."""
    if not q["found"]:
        return [] if not q["answers"] and not q["gold"] else ["unanswerable with answers or gold"]
    problems, gold_texts = [], []
    for g in q["gold"]:
        doc = texts.get(g["doc"])
        if doc is None:
            problems.append(f"gold doc {g['doc']} not in reports/")
            continue
        gold_texts.append(doc)
        if g.get("text") and normalize(g["text"]) not in normalize(doc):
            problems.append(f"gold.text {g['text'][:30]!r} not in {g['doc']}")
    for a in q["answers"]:
        if gold_texts and not any(answer_matches(a, t) for t in gold_texts):
            problems.append(f"answer {a!r} not in its gold report(s)")
    if len(q["gold"]) == 1 and q["gold"][0].get("text"):
        problems += [f"answer {a!r} not inside gold.text" for a in q["answers"]
                     if not answer_matches(a, q["gold"][0]["text"])]
    return problems


def _occurrences(needle: str, text: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of ``needle`` (a ``re:`` regex or a plain string) in the
    normalized ``text``, which must already be normalized."""
    pattern = needle[3:] if needle.startswith("re:") else re.escape(normalize(needle))
    return [m.span() for m in re.finditer(pattern, text) if m.end() > m.start()]


def gold_spans(q: dict, ntexts: dict[str, str]) -> set[tuple[str, int, int]]:
    """(doc, start, end) in the normalized report text of every passage ``q``'s gold covers: each
    occurrence of its ``gold.text``; for a gold without text (a whole-report summary), each
    occurrence of the question's answer strings in that report."""
    spans = set()
    for g in q["gold"]:
        doc = ntexts.get(g["doc"], "")
        needles = [g["text"]] if g.get("text") else q["answers"]
        spans |= {(g["doc"], a, b) for n in needles for a, b in _occurrences(n, doc)}
    return spans


def overlap_with_test(questions: list[dict], test: list[dict], ntexts: dict[str, str]) -> list[str]:
    """Questions whose gold passages overlap a passage that a test question's gold covers."""
    covered = [(s, tq["id"]) for tq in test for s in gold_spans(tq, ntexts)]
    problems = []
    for q in questions:
        for doc, a, b in sorted(gold_spans(q, ntexts)):
            hits = {tid for (d, ta, tb), tid in covered if d == doc and a < tb and ta < b}
            problems += [f"{q['id']}: gold passage in {doc} overlaps test {t}" for t in sorted(hits)]
    return problems


def independence_problems(sets: dict[str, list[dict]], texts: dict[str, str]) -> list[str]:
    """Problems of the splits in INDEPENDENT_OF_TEST: a question repeated from another file, or a
    gold passage shared with the test split."""
    ntexts = {name: normalize(t) for name, t in texts.items()}
    problems = []
    for name in INDEPENDENT_OF_TEST:
        if name not in sets:
            continue
        others = {q["question"] for other, qs in sets.items() if other != name for q in qs}
        problems += [f"{name} {q['id']}: repeats a question of another file"
                     for q in sets[name] if q["question"] in others]
        problems += [f"{name} {p}" for p in overlap_with_test(sets[name], sets.get(TEST_SPLIT, []), ntexts)]
    return problems


def check_folder(folder: Path = HERE) -> list[str]:
    """All problems of all question sets in ``folder`` (each prefixed with file and id)."""
    texts, problems, ids, sets = report_texts(folder / "reports"), [], Counter(), {}
    for path in sorted(folder.glob("*.jsonl")):
        try:
            sets[path.name] = questions = load_set(path)
        except EvalSetError as exc:
            problems.append(str(exc))
            continue
        for q in questions:
            ids[q["id"]] += 1
            problems += [f"{path.name} {q['id']}: {p}" for p in question_problems(q, texts)]
    problems += [f"id {i!r} used {n} times across files" for i, n in ids.items() if n > 1]
    return problems + independence_problems(sets, texts)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    problems = check_folder(Path(argv[0]) if argv else HERE)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
