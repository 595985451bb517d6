"""Comparisons and lists across regions ("盐田、沙坪坝、罗湖的人民调解成功率分别是多少？哪个最高？"),
answered from the facts extracted at ingest, one cited line per region."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest import Chunk, Fact, tokenize
from ingest.figures import PERCENT_UNITS, RATE_HEAD, RATE_WORDS, same_unit, unit_group

from app.answer import Draft, Evidence, figure_pos, find_figures, split_sentences, stated
from app.query import QueryAnalysis

__all__ = ["Row", "metric_score", "metric_match", "figure_value", "compare_answer", "best_fact",
           "merge_drafts", "MIN_METRIC_SCORE"]

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
    # two figures of one sentence share its words: the one whose own phrase holds the asked
    # words wins ("各受理了多少件" -> "依法受理2196件", not "收到复议申请2418件")
    # ...and below the fact whose own phrase is the asked one (期末在册社区矫正对象 1120名, not
    # 接收社区矫正对象 438名 of the same sentence)
    return min(0.95, max(dice, 0.9 * in_sentence) + 0.05 * len(a & b))


def metric_match(metric: str, fact: Fact) -> bool:
    """Does ``fact`` state the asked ``metric``, as its own words name it? The same thing in a
    rate or a count (成功率 is never a count), and one phrase inside the other (with the rest in
    the fact's sentence: 成功率 of "全年共调解纠纷8428件,…成功率97%" for 人民调解成功率), or
    most of their character pairs shared (受理援助案件 ~ 法律援助案件)."""
    if (fact.unit in PERCENT_UNITS) != bool(RATE_WORDS.search(metric)):
        return False
    if metric in fact.metric or (fact.metric in metric and
                                 metric_score(metric, fact.metric, fact.sentence) >= 0.8):
        return True
    a, b = _bigrams(metric), _bigrams(fact.metric)
    return 2 * len(a & b) / (len(a) + len(b)) >= 0.5


def figure_value(figure: str) -> float | None:
    """"2.5万余件" -> 25000.0, "99%" -> 99.0, "1,103宗" -> 1103.0; Chinese numerals -> None."""
    m = re.match(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:余|多)?(万|亿)?", figure)
    if not m:
        return None
    return float(m.group(1).replace(",", "")) * _SCALE.get(m.group(2) or "", 1.0)


def _unit(figure: str) -> str:
    if figure.endswith(PERCENT_UNITS):
        return "%"
    m = re.search(r"[\u4e00-\u9fff]+$", figure)
    return m.group(0).lstrip("余多万亿") if m else ""


# metric_score at which a fact's metric is taken for the asked one: the asked phrase contains
# the fact's metric with the rest in its sentence, or most of the asked words are in it.
MIN_METRIC_SCORE = 0.6
_GENERIC = re.compile(r"的|数量|数目|总数|总量|多少|情况|数据|数字|各类|各项|各")


def _fact_ok(a: QueryAnalysis, fact: Fact) -> bool:
    percent = fact.unit in PERCENT_UNITS
    return percent if a.wants_rate else not percent


def _unit_factor(a: QueryAnalysis, fact: Fact) -> float:
    """1 when the fact is counted in the unit asked for ("多少件": 件/宗); a guessed unit
    ("纠纷数量" -> 件) only lowers a mismatch, a stated one rules it out."""
    if not a.asked_unit or a.wants_rate:
        return 1.0
    unit = _unit(fact.value_text) or fact.unit
    if same_unit(unit, a.asked_unit):
        return 1.0
    return 0.7 if a.unit_implied else 0.0


def _metric_phrases(a: QueryAnalysis) -> list[str]:
    """What a fact's metric is compared with, best first: the question's metric phrases in
    order without generic words ("调解的纠纷数量" -> 调解纠纷), then each phrase longer than a
    bare verb."""
    label = _GENERIC.sub("", _metric_label(a))
    phrases = [label] if len(label) >= 2 else []
    phrases += [m for m in a.metrics if len(m) >= 3 or len(a.metrics) == 1]
    return list(dict.fromkeys(phrases))




def best_fact(a: QueryAnalysis, facts: Sequence[Fact], min_score: float | None = None) -> Fact | None:
    """The fact of one region that best matches the question's metric (and unit). A rate the
    question names (优秀率) must be the fact's rate: 干部学法考试参考率 is not 优秀率."""
    min_score = MIN_METRIC_SCORE if min_score is None else min_score
    phrases = _metric_phrases(a)
    heads = {h for m in a.metrics for h in RATE_HEAD.findall(m)}
    scored = []
    for f in facts:
        if not _fact_ok(a, f) or (a.years and f.year not in a.years):
            continue
        if heads and not any(h in f.metric for h in heads):
            continue
        if _names_another_figure(a, f):
            continue
        # the whole phrase counts fully, a part of it ("干部学法考试" of ...优秀率) a little less
        each = [metric_score(m, f.metric, f.sentence) * (1.0 if i == 0 else 0.9) for i, m in enumerate(phrases)]
        s = max(each, default=0.0)
        s *= _unit_factor(a, f)
        # the word next to 多少 names what is counted: "各受理了多少件" -> the figure after 受理
        s += 0.1 * _next_to_ask(a, f.metric)
        if s >= min_score:
            # facts that a part of the phrase names equally ("成功率" of 化解成功率 and 调处成功率)
            # are told apart by the whole phrase: "调解矛盾纠纷的成功率" is 调处各类矛盾纠纷's
            scored.append(((s, each[0] if each else 0.0), f))
    return max(scored, key=lambda t: t[0])[1] if scored else None


def _next_to_ask(a: QueryAnalysis, metric: str) -> bool:
    """Does ``metric`` hold the question's word right before 多少/几 (受理 of "各受理了多少件")?"""
    words = [t for t in tokenize(a.head or "") if len(t) >= 2]
    return bool(words) and words[-1] in metric


def _names_another_figure(a: QueryAnalysis, f: Fact) -> bool:
    """A word of the question that, in the fact's sentence, names a figure other than the
    fact's: "办结（审结）了多少件" and the fact 59件 of "全年受理复议59件,审结56件"."""
    pos = figure_pos(f.sentence, f.value_text) if f.value_text else -1
    if pos < 0:
        return False
    own = re.split(r"[，,；;、]", f.sentence[:pos])[-1]
    asked = [m for m in a.metrics if len(m) >= 2 and m in f.sentence and m not in own]
    for p, other in find_figures(f.sentence):
        if (_unit(other) in PERCENT_UNITS) != (f.unit in PERCENT_UNITS):
            continue  # the count a rate is of names the rate too: "受理信访事项1876件，按期办结率98.2%"
        before = re.split(r"[，,；;、]", f.sentence[:p])[-1]
        if p != pos and any(before.endswith(m) for m in asked):
            return True  # "审结56件": the asked word right before another figure
    return False


def _row_from_fact(region: str, f: Fact, chunk: Chunk) -> Row | None:
    """The fact's line, quoting the figure exactly as the passage writes it; None when the
    passage does not hold it verbatim (the region then falls back to retrieval)."""
    fig = f.value_text or next((g for _, g in find_figures(f.sentence) if g.startswith(f"{f.value:g}")), "")
    sentence = f.sentence if f.sentence in chunk.text else \
        next((s for s in split_sentences(chunk.text) if fig and fig in s), "")
    if not fig or not sentence or fig not in sentence:
        return None
    value = figure_value(fig)
    return Row(region, fig, f.value if value is None else value, _unit(fig) or f.unit, chunk,
               sentence, f.year)


def _row_from_evidence(region: str, e: Evidence) -> Row:
    return Row(region, e.figure, figure_value(e.figure or ""), _unit(e.figure or ""), e.chunk,
               e.sentence, e.year)


def _metric_label(a: QueryAnalysis) -> str:
    """The question's metric phrases in the order asked, leaving out a parenthetical synonym:
    "罗湖区和海曙区的人民调解组织（调委会）" -> 人民调解组织; "干部学法考试的优秀率" -> 干部学法考试优秀率."""
    q = re.sub(r"[（(][^）)]*[）)]", "", a.effective_question)
    found = sorted((q.find(m), m) for m in a.metrics if m in q)
    if not found:
        return a.metrics[0] if a.metrics else "该项数据"
    return "".join(m for _, m in found)


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
        row = _row_from_fact(name, f, chunk) if f and chunk else None
        if row:
            rows.append(row)
            continue
        e = fallback(reg)
        if e and e.figure:
            rows.append(_row_from_evidence(name, e))
        else:
            missing.append(name)
    return _compose(a, rows, missing if named else [])


def _comparable(rows: list[Row]) -> bool:
    """Figures of one kind (件 and 宗 both count cases): 99% and 1700宗 are not ranked together."""
    return len({unit_group(r.unit) for r in rows}) <= 1


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
        lines.append(f"- {r.region}{year}：{stated(r.sentence, r.figure or '')}，“{r.sentence}”[{n}]")
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


_LEAD = "根据现有报告，"
_MARK = re.compile(r"\[(\d+)\]")


def merge_drafts(drafts: Sequence[Draft]) -> Draft:
    """Several comparisons as one answer: "根据现有报告：" and each one's lines under its own
    metric, the citations numbered once (a passage cited by two parts keeps one number)."""
    out = Draft("", any(d.found for d in drafts))
    blocks = []
    for d in drafts:
        numbers = {i + 1: out.cite(c, q) for i, (c, q) in enumerate(zip(d.citations, d.quotes))}
        text = _MARK.sub(lambda m: f"[{numbers.get(int(m.group(1)), m.group(1))}]", d.text)
        blocks.append(text.removeprefix(_LEAD))
    out.text = _LEAD.rstrip("，") + "：\n" + "\n".join(blocks)
    return out
