"""Question sets: load and validate the JSONL format documented in eval/README.md."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ingest.errors import ReportQAError

__all__ = ["QUESTION_TYPES", "EvalSetError", "load_set", "validate_question", "SAMPLE_SET"]

QUESTION_TYPES = ("fact", "paraphrase", "descriptive", "compare", "followup", "unanswerable")
SAMPLE_SET = Path(__file__).resolve().parent / "sets" / "sample.jsonl"


class EvalSetError(ReportQAError):
    """A question set line is malformed; the message names the file, line and field."""


def _check(cond: bool, where: str, msg: str) -> None:
    if not cond:
        raise EvalSetError(f"{where}: {msg}")


def _check_history(history: Any, where: str) -> None:
    _check(isinstance(history, list), where, "history must be a list of {role, content}")
    for turn in history:
        _check(isinstance(turn, dict) and turn.get("role") in ("user", "assistant")
               and isinstance(turn.get("content"), str), where,
               'each history turn must be {"role": "user"|"assistant", "content": str}')


def validate_question(q: Any, where: str = "question") -> dict[str, Any]:
    """Check one record and fill defaults (history [], filters None, found True)."""
    _check(isinstance(q, dict), where, "each line must be a JSON object")
    for key in ("id", "question", "type"):
        _check(isinstance(q.get(key), str) and q[key].strip() != "", where, f"missing {key!r}")
    _check(q["type"] in QUESTION_TYPES, where, f"type must be one of {', '.join(QUESTION_TYPES)}")
    q = {"answers": [], "gold": [], "history": [], "filters": None, "found": True, **q}
    _check(isinstance(q["answers"], list) and all(isinstance(a, str) and a for a in q["answers"]),
           where, "answers must be a list of non-empty strings")
    for a in q["answers"]:
        if a.startswith("re:"):
            try:
                re.compile(a[3:])
            except re.error as exc:
                raise EvalSetError(f"{where}: bad regex {a!r} ({exc})") from exc
    _check(isinstance(q["gold"], list) and all(isinstance(g, dict) and g.get("doc") for g in q["gold"]),
           where, 'gold must be a list of {"doc": file name, "text": optional passage text}')
    _check(isinstance(q["found"], bool), where, "found must be true or false")
    if q["found"]:
        _check(bool(q["answers"]) and bool(q["gold"]), where, "an answerable question needs answers and gold")
    _check(q["type"] != "unanswerable" or not q["found"], where, "unanswerable questions need found=false")
    _check(q["filters"] is None or isinstance(q["filters"], dict), where, "filters must be an object")
    _check_history(q["history"], where)
    return q


def load_set(path: Path | str) -> list[dict[str, Any]]:
    """All questions of a JSONL set (blank lines and lines starting with # are skipped).
    Raises EvalSetError on a missing file, a malformed line or a duplicate id."""
    path = Path(path)
    if not path.is_file():
        raise EvalSetError(f"No question set at {path}; see eval/README.md for the format")
    questions, seen = [], set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}:{lineno}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalSetError(f"{where}: not valid JSON ({exc.msg})") from exc
        q = validate_question(raw, where)
        _check(q["id"] not in seen, where, f"duplicate id {q['id']!r}")
        seen.add(q["id"])
        questions.append(q)
    _check(bool(questions), str(path), "the set has no questions")
    return questions
