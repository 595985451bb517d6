"""Comparisons and lists across regions ("盐田、沙坪坝、罗湖的人民调解成功率分别是多少？哪个最高？"),
answered from the facts extracted at ingest, one cited line per region."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest import Chunk, Fact, tokenize

from app.answer import Draft, Evidence, find_figures
from app.query import QueryAnalysis

__all__ = ["Row", "metric_score", "figure_value", "compare_answer"]

_PERCENT_UNITS = ("%", "％", "个百分点")
_SCALE = {"万": 1e4, "亿": 1e8}


@dataclass
class Row:
    """One region's line of a comparison."""
    region: str
    figure: str | None = None      # as written: "99%", "1700余宗"
    value: float | None = None     # comparable number: 2.5万 -> 25000
    unit: str = ""
    chunk: Chunk | None = None
    sentence: str = ""
    year: int | None = None


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def metric_score(metric: str, fact_metric: str, sentence: str) -> float:
    """How well a question's metric phrase names a fact's metric, in [0, 1].
    人民调解成功率 ≈ 调解成功率 (substring); 调解成功率 vs a fact named 成功率 counts only when
    the rest of the phrase (调解) is in the fact's sentence ("全年共调解纠纷8428件,…成功率97%")."""
    if not metric or not fact_metric:
        return 0.0
    if metric == fact_metric or metric in fact_metric:
        return 1.0
    if fact_metric in metric:
        rest = metric.replace(fact_metric, "")
        toks = [t for t in tokenize(rest) if len(t) >= 2] or [rest]
        hits = sum(t in sentence for t in toks)
        return 1.0 if hits == len(toks) else 0.8 if hits else 0.3
    a, b = _bigrams(metric), _bigrams(fact_metric)
    dice = 2 * len(a & b) / (len(a) + len(b))
    in_sentence = len({g for g in a if g in sentence}) / len(a)
    return max(dice, 0.9 * in_sentence)


def figure_value(figure: str) -> float | None:
    """"2.5万余件" -> 25000.0, "99%" -> 99.0, "1,103宗" -> 1103.0; Chinese numerals -> None."""
    m = re.match(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:余|多)?(万|亿)?", figure)
    if not m:
        return None
    return float(m.group(1).replace(",", "")) * _SCALE.get(m.group(2) or "", 1.0)


def _unit(figure: str) -> str:
    if figure.endswith(_PERCENT_UNITS):
        return "%"
    m = re.search(r"[\u4e00-\u9fff]+$", figure)
    return m.group(0).lstrip("余多万亿") if m else ""


def _fact_ok(a: QueryAnalysis, fact: Fact) -> bool:
    percent = fact.unit in _PERCENT_UNITS
    return percent if a.wants_rate else not percent


def best_fact(a: QueryAnalysis, facts: Sequence[Fact], min_score: float = 0.6) -> Fact | None:
    """The fact of one region that best matches the question's metric (and unit kind)."""
    scored = []
    for f in facts:
        if not _fact_ok(a, f) or (a.years and f.year not in a.years):
            continue
        s = max((metric_score(m, f.metric, f.sentence) for m in a.metrics), default=0.0)
        if s >= min_score:
            scored.append((s, f))
    return max(scored, key=lambda t: t[0])[1] if scored else None


def _row_from_fact(region: str, f: Fact, chunk: Chunk) -> Row:
    fig = f.value_text or next((g for _, g in find_figures(f.sentence) if g.startswith(f"{f.value:g}")), "")
    fig = fig or f"{f.value:g}{f.unit}"
    sentence = f.sentence if f.sentence in chunk.text else _sentence_in(chunk.text, fig)
    value = figure_value(fig) if figure_value(fig) is not None else f.value
    return Row(region, fig, value, _unit(fig) or f.unit, chunk, sentence, f.year)


def _sentence_in(text: str, figure: str) -> str:
    from app.answer import split_sentences
    return next((s for s in split_sentences(text) if figure in s), "")


def _row_from_evidence(region: str, e: Evidence) -> Row:
    return Row(region, e.figure, figure_value(e.figure or ""), _unit(e.figure or ""), e.chunk,
               e.sentence, e.year)


def _metric_label(a: QueryAnalysis) -> str:
    """The stretch of the question that names the metric: "干部学法考试的优秀率"."""
    q = a.effective_question
    spans = [(q.find(m), q.find(m) + len(m)) for m in a.metrics if m in q]
    if not spans:
        return a.metrics[0] if a.metrics else "该项数据"
    return q[min(s for s, _ in spans):max(e for _, e in spans)]


def compare_answer(a: QueryAnalysis, targets: Sequence[dict], facts: Sequence[Fact],
                   chunk_of: Callable[[str], Chunk | None],
                   fallback: Callable[[dict], Evidence | None],
                   named: bool = True) -> Draft:
    """One cited line per target region, ordered by value, with the maximum/minimum stated.
    ``fallback(region)`` answers one region extractively when no fact matches. With
    ``named=False`` (no region in the question) regions without the figure are left out."""
    rows: list[Row] = []
    missing: list[str] = []
    for reg in targets:
        name = reg.get("district") or reg.get("city") or reg.get("province", "")
        mine = [f for f in facts if f.region == name]
        f = best_fact(a, mine)
        chunk = chunk_of(f.chunk_id) if f else None
        if f and chunk:
            rows.append(_row_from_fact(name, f, chunk))
            continue
        e = fallback(reg)
        if e and e.figure:
            rows.append(_row_from_evidence(name, e))
        else:
            missing.append(name)
    return _compose(a, rows, missing if named else [])


def _comparable(rows: list[Row]) -> bool:
    """Figures of one kind (件 and 宗 both count cases): 99% and 1700宗 are not ranked together."""
    units = {r.unit for r in rows}
    return len(units) <= 1 or units <= {"件", "宗", "起"} or units <= {"人", "名", "人次"}


def _ranked(a: QueryAnalysis, rows: list[Row]) -> list[Row]:
    if not _comparable(rows):
        return rows  # keep the question's order, no ranking
    reverse = a.superlative != "min"
    return sorted(rows, key=lambda r: (r.value is None, -(r.value or 0) if reverse else (r.value or 0)))


def _compose(a: QueryAnalysis, rows: list[Row], missing: list[str]) -> Draft:
    label = _metric_label(a)
    if not rows:
        return Draft(f"现有报告中没有找到{label}的相关数据。", False)
    d = Draft("", True)
    rows = _ranked(a, rows)
    lines = [f"根据现有报告，{label}："]
    for r in rows:
        n = d.cite(r.chunk, r.sentence)
        year = f"（{r.year}年）" if r.year and _year_cited(r) else ""
        lines.append(f"- {r.region}{year}：{r.figure}，“{r.sentence}”[{n}]")
    for name in missing + list(a.unknown_regions):
        lines.append(f"- {name}：现有报告中没有{name}的这项数据。")
    valued = [r for r in rows if r.value is not None]
    if len(valued) >= 2 and _comparable(rows):
        top = valued[0]
        if a.superlative == "min":
            lines.append(f"其中{top.region}最低（{top.figure}）。")
        else:
            word = "最高" if top.unit == "%" else "最多"
            lines.append(f"其中{top.region}{word}（{top.figure}）。")
    d.text = "\n".join(lines)
    return d


def _year_cited(r: Row) -> bool:
    c = r.chunk
    return c is not None and str(r.year) in f"{c.meta.get('title', '')}{c.section}{c.text}"
