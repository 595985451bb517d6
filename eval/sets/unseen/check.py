"""Check the unseen-report question sets against their reports.

Loads every ``*.jsonl`` in this folder (both helpers' dev/test files), validates each with
``eval.questions.load_set`` and checks, for every answerable question:

* each gold document exists in ``reports/`` and loads with ``ingest.load_report``;
* each ``gold.text`` appears (normalized) in its document's loaded text;
* each required answer string matches (``eval.metrics.answer_matches``: NFKC, whitespace,
  thousands separators, digit-edge rule, ``re:`` regexes) in the loaded text of some gold doc;
* for a single-gold question with a ``gold.text``, each answer matches inside that text.

Unanswerable questions must have ``found: false`` and no answers or gold. Ids must be unique
across all files. Prints one line per problem and exits 1 when there is any.

Run from the repository root:  python -m eval.sets.unseen.check [FOLDER]
(FOLDER holds ``*.jsonl`` and ``reports/``; default: this folder)
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from eval.metrics import answer_matches, normalize
from eval.questions import EvalSetError, load_set
from ingest import load_report

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "reports"
MAX_BYTES = 50 * 2**20


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


def check_folder(folder: Path = HERE) -> list[str]:
    """All problems of all question sets in ``folder`` (each prefixed with file and id)."""
    texts, problems, ids = report_texts(folder / "reports"), [], Counter()
    for path in sorted(folder.glob("*.jsonl")):
        try:
            questions = load_set(path)
        except EvalSetError as exc:
            problems.append(str(exc))
            continue
        for q in questions:
            ids[q["id"]] += 1
            problems += [f"{path.name} {q['id']}: {p}" for p in question_problems(q, texts)]
    problems += [f"id {i!r} used {n} times across files" for i, n in ids.items() if n > 1]
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    problems = check_folder(Path(argv[0]) if argv else HERE)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
