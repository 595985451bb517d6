"""Pure scoring functions for the eval runner: retrieval (recall, MRR, nDCG), answers, citations,
refusals and latency. Definitions are in eval/README.md; every function here is a few lines and
has a known-answer test in tests/test_eval_metrics.py.

A *ranking* is a list of retrieved passages, each a ``(source, text)`` pair: ``source`` is the
path the report was ingested from (only its base name is compared) and ``text`` the passage.
A *gold* entry is ``{"doc": "000_cbb5a60022177387.txt", "text": "调解成功率达99%"}`` (text optional).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any

import numpy as np

__all__ = [
    "normalize", "extract_numbers", "answer_matches", "answer_correct", "answer_cited",
    "wrong_figure", "passage_matches_gold", "strip_quoted_evidence", "figure_correct",
    "relevance", "recall_at_k", "mrr_at_k", "ndcg_at_k", "citation_precision",
    "citation_support", "unsupported_numbers", "refusal_correct", "false_refusal_rate",
    "percentiles", "mean",
]

Passage = tuple[str, str]  # (source path, passage text)

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CITE_MARK = re.compile(r"\[\d+\]")
# 1,700 / 1700 / 99.5% / 2.5万 / 225.75万元 / 3亿. Commas are removed by normalize() first.
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|‰|万|亿)?")
_SCALE = {"万": 1e4, "亿": 1e8}


def normalize(text: str) -> str:
    """Fold full-width forms to half-width (NFKC: "９９％" -> "99%", "，" -> ","), drop all
    whitespace (Chinese has no meaningful spaces) and thousands separators ("1,700" -> "1700"),
    lowercase Latin letters."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"\s+", "", text)
    return _THOUSANDS.sub("", text).lower()


def extract_numbers(text: str) -> list[tuple[float, str]]:
    """Numbers in ``text`` as (value, kind): kind is "%" for percentages and "" otherwise; 万/亿
    are scaled ("2.5万" -> (25000.0, "")). Citation markers like "[1]" are not numbers."""
    text = _CITE_MARK.sub(" ", normalize(text))
    out = []
    for m in _NUMBER.finditer(text):
        token = m.group(0)
        suffix = token[-1] if token[-1] in "%‰万亿" else ""
        value = float(token.rstrip("%‰万亿"))
        value *= _SCALE.get(suffix, 1.0)
        out.append((round(value, 6), "%" if suffix in "%‰" and suffix else ""))
    return out


def _expected_pattern(expected: str) -> re.Pattern[str]:
    """A required answer string as a regex on normalized text. Plain strings that start or end
    with a digit must not be glued to other digits: "700" does not match "1700", "9%" does not
    match "99%"."""
    if expected.startswith("re:"):
        return re.compile(expected[3:])
    body = re.escape(normalize(expected))
    if expected[:1].isdigit():
        body = r"(?<![\d.])" + body
    if expected[-1:].isdigit():
        body += r"(?!\d|\.\d)"
    return re.compile(body)


def answer_matches(expected: str, text: str) -> bool:
    """Does ``text`` contain the required string ``expected`` (see _expected_pattern)?"""
    return _expected_pattern(expected).search(normalize(text)) is not None


def answer_correct(answer: str, expected: Sequence[str]) -> bool:
    """True when the answer contains ALL required strings. An empty list is never correct:
    unanswerable questions are scored by refusal_correct instead."""
    return bool(expected) and all(answer_matches(e, answer) for e in expected)


# The end of a quoted passage: the closing ” and its citation marker(s), “…”[1].
_QUOTE_END = re.compile(r"”\s*(?:\[\d+\])+")


def _quote_start(text: str, close: int) -> int | None:
    """Index of the “ that opens the quote closed at ``close``, counting nested pairs: reports
    quote names inside sentences (“三前移”), so the first “ to the left is not always the one."""
    depth = 0
    for i in range(close, -1, -1):
        depth += {"”": 1, "“": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return None


def strip_quoted_evidence(answer: str) -> str:
    """The answer without its quoted evidence: "…为2278人：“…在册304人…”[1]" -> "…为2278人：".
    Several quotes of one passage run together before its one marker, “…”“…”“…”[1], and are
    all evidence."""
    text = answer or ""
    for m in reversed(list(_QUOTE_END.finditer(text))):
        start = _quote_start(text, m.start())
        while start is not None and start > 0 and text[start - 1] == "”":
            start = _quote_start(text, start - 1)  # the quote right before, of the same passage
        if start is not None:
            text = text[:start] + text[m.end():]
    return text


_YEAR_OR_TITLE = re.compile(r"《[^》]*》|(?:19|20)\d{2}(?=\s*年)")


def figure_correct(answer: str, expected: Sequence[str], question: str = "") -> bool | None:
    """Stricter than answer_correct for figure questions. When the answer states figures in its
    own words (quoted evidence “…”[n], report titles 《…》, years and numbers from the question
    aside), every required string that contains a digit must be among those words: an answer
    that says 2278人 while its quote holds "在册304人" is wrong. An answer that only quotes is
    judged on the whole text. Required strings without a digit may be anywhere. None when no
    required string contains a digit."""
    numeric = [e for e in expected if re.search(r"\d", e)]
    if not numeric:
        return None
    own = strip_quoted_evidence(answer)
    asked = set(extract_numbers(question))
    stated = [n for n in extract_numbers(_YEAR_OR_TITLE.sub(" ", own)) if n not in asked]
    if not stated:
        return answer_correct(answer, expected)
    return (all(answer_matches(e, own) for e in numeric)
            and all(answer_matches(e, answer) for e in expected if e not in numeric))


def _basename(source: str) -> str:
    return PurePath(str(source).replace("\\", "/")).name


def passage_matches_gold(passage: Passage, gold: dict[str, Any]) -> bool:
    """A passage matches a gold entry when it comes from the gold document (base names equal)
    and, if the entry has a text, contains that text (both normalized)."""
    source, text = passage
    if _basename(source) != _basename(gold["doc"]):
        return False
    return not gold.get("text") or normalize(gold["text"]) in normalize(text)


def relevance(ranking: Sequence[Passage], gold: Sequence[dict[str, Any]]) -> list[int]:
    """Binary relevance per rank. Each gold entry is credited once, to the first passage that
    matches it; later passages matching only already-credited entries score 0. So a question
    with G gold entries has at most G relevant ranks and nDCG stays within [0, 1]."""
    credited: set[int] = set()
    rels = []
    for passage in ranking:
        new = [i for i, g in enumerate(gold) if i not in credited and passage_matches_gold(passage, g)]
        credited.update(new)
        rels.append(1 if new else 0)
    return rels


def recall_at_k(rels: Sequence[int], n_gold: int, k: int) -> float:
    """Share of the gold entries found in the top k (relevance() credits each entry once)."""
    return sum(rels[:k]) / n_gold if n_gold else 0.0


def mrr_at_k(rels: Sequence[int], k: int) -> float:
    """1 / rank of the first relevant passage within the top k, 0 if none."""
    for i, r in enumerate(rels[:k]):
        if r:
            return 1.0 / (i + 1)
    return 0.0


def ndcg_at_k(rels: Sequence[int], n_gold: int, k: int) -> float:
    """Binary nDCG: DCG = sum rel_i / log2(i + 1) over ranks i = 1..k; the ideal ranking puts
    min(n_gold, k) relevant passages first."""
    dcg = sum(r / math.log2(i + 2) for i, r in enumerate(rels[:k]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(n_gold, k)))
    return dcg / ideal if ideal else 0.0


def citation_precision(cited_sources: Sequence[str], gold: Sequence[dict[str, Any]]) -> float | None:
    """Share of cited passages that come from a gold document; None when nothing is cited."""
    if not cited_sources:
        return None
    gold_docs = {_basename(g["doc"]) for g in gold}
    return sum(_basename(s) in gold_docs for s in cited_sources) / len(cited_sources)


def answer_cited(answer: str, expected: Sequence[str], question: str, found: bool,
                 cited_sources: Sequence[str], gold: Sequence[dict[str, Any]]) -> bool:
    """The headline metric: found, the answer states every required figure in its own words
    (``figure_correct``; for questions without figures every required string is there) and at
    least one citation comes from a gold report."""
    if not found or not expected:
        return False
    fig = figure_correct(answer, expected, question)
    ok = answer_correct(answer, expected) if fig is None else fig
    return bool(ok) and bool(citation_precision(cited_sources, gold))


def wrong_figure(answer: str, expected: Sequence[str], question: str, found: bool,
                 cited_sources: Sequence[str], gold: Sequence[dict[str, Any]]) -> bool | None:
    """For an answered question (found=True): is a stated figure, or the place, wrong? True when
    an unanswerable question gets a figure, when a figure question's answer does not state the
    required figures, or when no citation comes from a gold report (another place's report).
    None when the question was not answered (refusals are counted elsewhere)."""
    if not found:
        return None
    if not expected:  # unanswerable, answered anyway
        return not refusal_correct(question, answer, False)
    if gold and not citation_precision(cited_sources, gold):
        return True
    return figure_correct(answer, expected, question) is False


def unsupported_numbers(answer: str, cited_texts: Iterable[str]) -> list[tuple[float, str]]:
    """Numbers in the answer that appear in none of the cited texts (compared by value, so
    "1,700" matches "1700" and "2.5万" matches "25000")."""
    supported = {n for t in cited_texts for n in extract_numbers(t)}
    return [n for n in extract_numbers(answer) if n not in supported]


def citation_support(answer: str, cited_texts: Iterable[str]) -> bool:
    """Grounding check: every number in the answer appears in some cited text. The runner passes
    each citation's text plus its title, section and year, so "2020年" taken from the report's
    metadata counts as supported."""
    return not unsupported_numbers(answer, cited_texts)


# A year or span of years as a refusal names them: "2020年", "2019年度", "2014—2016年".
_YEARS = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?:\s*[—\-–~至到]\s*(?:19|20)\d{2})?(?=\s*年)")


def refusal_correct(question: str, answer: str, found: bool) -> bool:
    """For an unanswerable question: the system said found=False and stated no figure. A figure
    is a quantity ("99%", "700余件", a bare "350"); the years a refusal names to say what IS
    covered ("现有2020年的报告") and numbers already in the question are not figures."""
    if found:
        return False
    asked = set(extract_numbers(question))
    return not [n for n in extract_numbers(_YEARS.sub(" ", normalize(answer))) if n not in asked]


def false_refusal_rate(found_flags: Sequence[bool]) -> float:
    """Over answerable questions: the share the system wrongly said it could not answer."""
    return sum(not f for f in found_flags) / len(found_flags) if found_flags else 0.0


def percentiles(values_ms: Sequence[float], qs: Sequence[int] = (50, 95)) -> dict[str, float]:
    """{"p50": …, "p95": …} with linear interpolation; empty input gives an empty dict."""
    if not values_ms:
        return {}
    arr = np.asarray(values_ms, dtype=float)
    return {f"p{q}": round(float(np.percentile(arr, q)), 2) for q in qs}


def mean(values: Iterable[float | bool | None]) -> float | None:
    """Mean of the values that are not None; None when there are none."""
    vals = [float(v) for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None
