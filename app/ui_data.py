"""Data the web UI shows, shaped from the index (pure functions, no Gradio): the 指标 list, the
rows of a 数据对比 chart, the 报告管理 search/sort/group/paging, follow-up suggestions and the
Chinese wording of errors.

Everything is derived from what the index holds (its documents, facts and regions): no place,
year or metric name is written here.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ingest import errors as E
from ingest import Fact
from ingest.figures import unit_group, unit_kind

from app.compare import metric_match

__all__ = ["unit_family", "metric_choices", "metric_groups", "metric_label", "searched_group",
           "MetricGroup", "SEARCHED", "kind_of", "FactView", "fact_view", "find_docs", "page_of",
           "follow_ups", "answer_metric", "error_zh", "reason_zh", "doc_label", "SORTS", "GROUPS", "ORDERS"]

ORDERS = ("从高到低", "从低到高")
GROUPS = ("不分组", "按省", "按市")
SORTS = ("地区", "年份（新→旧）", "标题", "段落数")
_GROUP_KEY = {"按省": ("province",), "按市": ("province", "city")}


# --- 数据对比 ------------------------------------------------------------------------------------
def unit_family(unit: str) -> str:
    """Units that count the same kind of thing (ingest.figures): 件, 宗 and 起 all count cases
    or disputes (one report writes 1103宗 where another writes 880件), so they compare; % only
    with %. The family is named by its first unit ("件")."""
    group = unit_group(unit)
    return "件" if "件" in group else unit


_PLACE_END = ("省", "市", "区", "县", "镇", "乡", "街道", "村")


def _names_a_measure(metric: str) -> bool:
    """Whether a metric phrase can name what is measured: two characters name an activity
    (开展, 审查, 参与), not what was counted; a phrase ending in a place suffix (横街镇) names a
    place. Either way it cannot head a comparison."""
    return len(metric) >= 3 and not metric.endswith(_PLACE_END)


# What kind of figure a metric counts, as the 指标 list heads its groups (ingest.figures.unit_kind)
_KIND_ZH = {"percent": "比率", "thing": "件数", "person": "人数", "money": "金额",
            "event": "场次", "time": "时长", "": "其他"}
SEARCHED = "已搜索"


@dataclass
class MetricGroup:
    """One entry of the 指标 list: the wordings the reports use for one metric. Choosing
    ``metric`` charts every fact it matches by meaning (app.compare.metric_match, the matching
    qa.facts uses), so ``reports`` is the number of reports the chart compares."""
    metric: str                 # the most widely used wording: what the chart asks for
    kind: str                   # what it counts: 比率, 件数, 人数 … (the list's group)
    reports: int                # reports whose figure the chart shows (one unit family)
    wordings: list[str]         # the other wordings of the same metric in the reports


def _as_fact(f: dict[str, Any]) -> Fact:
    return Fact(metric=f.get("metric") or "", value=float(f.get("value") or 0),
                unit=f.get("unit") or "", region=f.get("region") or "", year=f.get("year"),
                doc_id=f.get("doc_id") or "", chunk_id=f.get("chunk_id") or "",
                sentence=f.get("sentence") or "", value_text=f.get("value_text") or "")


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _charted(metric: str, candidates: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The facts a chart of ``metric`` shows: those matched by meaning, in the unit family
    most of them use (as fact_view draws them)."""
    matched = [f for f in candidates if metric_match(metric, _as_fact(f))]
    if not matched:
        return []
    fam = Counter(unit_family(f.get("unit", "")) for f in matched).most_common(1)[0][0]
    return [f for f in matched if unit_family(f.get("unit", "")) == fam]


def kind_of(unit: str) -> str:
    """What a figure in ``unit`` counts, as the 指标 list names its groups: 比率, 件数 (件/宗/起),
    人数, 金额, 场次; other measure words of things by their own unit (数量（个）, 数量（项）)."""
    kind = unit_kind(unit)
    if kind == "thing" and unit_family(unit) != "件":
        return f"数量（{unit_family(unit)}）"
    return _KIND_ZH.get(kind, _KIND_ZH[""])


def _group(metric: str, charted: Sequence[dict[str, Any]]) -> MetricGroup:
    wordings = [m for m in dict.fromkeys(f["metric"] for f in charted) if m != metric]
    kind = kind_of(charted[0].get("unit", "")) if charted else ""
    return MetricGroup(metric, kind, len({f.get("doc_id") for f in charted}), wordings)


def _most_specific(head: str, charted: list[dict[str, Any]], pool: list[dict[str, Any]]
                   ) -> tuple[str, list[dict[str, Any]]]:
    """The group named by its head with a qualifier in front, when one of its wordings has it
    and that wording's chart still reaches every report the group does: 调解成功率 names the
    metric, a bare 成功率 would match any success rate. Chinese puts the counted noun last, so
    only a wording that ends with the head keeps its meaning (人民调解组织负责人 counts people,
    区法院人民调解室 a narrower body: neither renames 人民调解组织)."""
    reach = {f.get("doc_id") for f in charted}
    for m in sorted({f["metric"] for f in charted}, key=lambda x: (-len(x), x)):
        if len(m) <= len(head):
            break
        if not m.endswith(head) or not _names_a_measure(m):
            continue
        mine = _charted(m, pool)
        if reach <= {f.get("doc_id") for f in mine}:
            return m, mine
    return head, charted


def metric_groups(facts: Sequence[dict[str, Any]], min_reports: int = 2, limit: int = 50
                  ) -> list[MetricGroup]:
    """The metrics worth comparing, grouped by meaning: reports word one metric differently
    (受理矛盾纠纷 / 受理矛盾纠纷案件, 人民调解成功率 / a bare 成功率 about 调解), so each wording,
    most widely reported first, takes every other wording that means the same (metric_match,
    in one unit family) and the group is kept when its figures come from at least
    ``min_reports`` reports (a figure one report alone gives has nothing to be compared with).
    Groups are ordered by what they count (比率, 件数 …), the kind with the widest metric first."""
    by_metric: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in facts:
        if f.get("metric"):
            by_metric[f["metric"]].append(f)
    near: dict[str, set[str]] = defaultdict(set)  # a match always shares a character pair
    for m in by_metric:
        for p in _pairs(m):
            near[p].add(m)
    heads = sorted((m for m in by_metric if _names_a_measure(m)),
                   key=lambda m: (-len({f.get("doc_id") for f in by_metric[m]}), len(m), m))
    taken: set[str] = set()
    groups: list[MetricGroup] = []
    for head in heads:
        if head in taken:
            continue
        nearby = sorted({x for p in _pairs(head) for x in near[p]} - taken)
        pool = [f for m in nearby for f in by_metric[m]]
        charted = _charted(head, pool)
        taken |= {f["metric"] for f in charted} | {head}
        if len({f.get("doc_id") for f in charted}) >= min_reports:
            head, charted = _most_specific(head, charted, pool)
            taken |= {f["metric"] for f in charted}
            groups.append(_group(head, charted))
            if len(groups) >= limit:
                break
    return _by_kind(groups)


def _by_kind(groups: list[MetricGroup]) -> list[MetricGroup]:
    best: dict[str, int] = {}
    for g in groups:
        best[g.kind] = max(best.get(g.kind, 0), g.reports)
    # within a kind: the widest first; at equal reach the surer (fewer wordings merged) first
    return sorted(groups, key=lambda g: (-best[g.kind], g.kind, -g.reports, len(g.wordings),
                                         g.metric))


def metric_label(g: MetricGroup, kind: str | None = None) -> str:
    """"比率 · 人民调解成功率（3 份报告）", "件数 · 受理矛盾纠纷（2 份报告；又作 受理矛盾纠纷案件）"."""
    also = f"；又作 {'、'.join(g.wordings[:2])}{'等' if len(g.wordings) > 2 else ''}" \
        if g.wordings else ""
    return f"{kind or g.kind} · {g.metric}（{g.reports} 份报告{also}）"


def searched_group(metric: str, facts: Sequence[dict[str, Any]]) -> MetricGroup | None:
    """A metric a user typed, as the list shows it (None when no report states it)."""
    charted = _charted(metric, facts)
    return _group(metric, charted) if charted else None


def metric_choices(facts: Sequence[dict[str, Any]], min_reports: int = 2, limit: int = 50,
                   searched: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(label, metric) for the 指标 list: the metrics a user searched for (typed) first, under
    已搜索, then metric_groups under what they count; each label says how many reports the
    chart compares and the other wordings it covers."""
    groups = metric_groups(facts, min_reports, limit)
    listed = {g.metric for g in groups}
    mine = [g for m in dict.fromkeys(searched) if m not in listed
            for g in [searched_group(m, facts)] if g]
    return ([(metric_label(g, SEARCHED), g.metric) for g in mine]
            + [(metric_label(g), g.metric) for g in groups])


@dataclass
class FactView:
    rows: list[dict[str, Any]]          # the bars, in order: label, value, text, sentence, group
    unit: str                           # the unit family charted
    total: int                          # comparable facts before top-N
    other_units: dict[str, int]         # facts left out because their unit does not compare
    groups: list[tuple[str, list[dict[str, Any]]]] | None


def _label(f: dict[str, Any], seen: Counter) -> str:
    label = f"{f.get('region') or '?'} {f.get('year') or ''}".strip()
    seen[label] += 1
    return label if seen[label] == 1 else f"{label} #{seen[label]}"


def _group_name(doc: dict[str, Any], group: str) -> str:
    keys = _GROUP_KEY.get(group, ())
    return " ".join(str(doc.get(k) or "") for k in keys).strip() or "（未知）"


def fact_view(facts: Sequence[dict[str, Any]], docs: dict[str, dict[str, Any]],
              order: str = ORDERS[0], top_n: int = 20, group: str = GROUPS[0]) -> FactView:
    """The facts of one metric as chart rows: the unit family most facts use (others counted,
    not mixed in), sorted, cut to the top ``top_n``, optionally grouped by province or city
    (groups ordered by their best bar)."""
    fams = Counter(unit_family(f.get("unit", "")) for f in facts)
    unit = fams.most_common(1)[0][0] if fams else ""
    kept = [f for f in facts if unit_family(f.get("unit", "")) == unit]
    kept.sort(key=lambda f: float(f.get("value") or 0), reverse=order == ORDERS[0])
    seen: Counter = Counter()
    rows = [{"label": _label(f, seen), "value": float(f.get("value") or 0),
             "text": f.get("value_text") or f"{f.get('value', '')}{f.get('unit', '')}",
             "sentence": f.get("sentence", ""), "region": f.get("region", ""),
             "unit": f.get("unit", ""),
             "year": f.get("year"), "doc_id": f.get("doc_id", ""),
             "title": docs.get(f.get("doc_id", ""), {}).get("title", ""),
             "group": _group_name(docs.get(f.get("doc_id", ""), {}), group)}
            for f in kept[:max(1, int(top_n))]]
    others = {u: k for u, k in fams.items() if u != unit}
    return FactView(rows, unit, len(kept), others, _grouped(rows) if group in _GROUP_KEY else None)


def _grouped(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:  # rows are sorted, so a group's first row is its best
        out.setdefault(r["group"], []).append(r)
    return list(out.items())


# --- 报告管理 ------------------------------------------------------------------------------------
_SEARCHED = ("title", "region", "province", "city", "district", "issuer", "source")


def find_docs(docs: Sequence[dict[str, Any]], query: str = "", sort: str = SORTS[0],
              group: str = GROUPS[0]) -> list[dict[str, Any]]:
    """Reports whose title, place, issuer or year contains every word of ``query``, sorted
    (grouping sorts by the group first, so each group is one run of rows)."""
    words = (query or "").split()
    hits = [d for d in docs
            if all(any(w in str(d.get(k) or "") for k in _SEARCHED) or w == str(d.get("year"))
                   for w in words)]
    keys = {"地区": lambda d: (d.get("province") or "", d.get("city") or "",
                             d.get("district") or "", -(d.get("year") or 0)),
            "年份（新→旧）": lambda d: (-(d.get("year") or 0), d.get("region") or ""),
            "标题": lambda d: d.get("title") or "",
            "段落数": lambda d: -(int(d.get("n_chunks") or 0))}
    hits.sort(key=keys.get(sort, keys["地区"]))
    if group in _GROUP_KEY:
        hits.sort(key=lambda d: _group_name(d, group))  # stable: keeps the order within groups
    return hits


def page_of(items: Sequence[Any], page: int, size: int) -> tuple[list[Any], int, int]:
    """(items on page, page clamped to range, number of pages); pages count from 1."""
    pages = max(1, -(-len(items) // size))
    page = min(max(1, int(page or 1)), pages)
    return list(items[(page - 1) * size: page * size]), page, pages


def doc_label(d: dict[str, Any]) -> str:
    """How the UI names a report: its title, place and year (never its hex id)."""
    title = d.get("title") or Path(str(d.get("source", ""))).name
    where = " ".join(str(v) for v in (d.get("region"), d.get("year")) if v)
    return f"{title}（{where}）" if where else title


group_of_doc = _group_name


# --- follow-up suggestions --------------------------------------------------------------------
def answer_metric(answer: dict[str, Any], doc_facts: Sequence[dict[str, Any]]) -> str | None:
    """The metric the answer gives a figure for: that of the fact (from the cited reports'
    ``doc_facts``) whose sentence the answer quotes and whose figure it states."""
    text = re.sub(r"“[^”]*”", "", answer.get("answer", ""))  # the answer's own words
    quotes = {c.get("doc_id"): c.get("quote") or "" for c in answer.get("citations") or []}
    hits = [f for f in doc_facts if f.get("metric") and f.get("sentence")
            and f["sentence"].strip() in quotes.get(f.get("doc_id"), "")]
    stated = [f for f in hits if (f.get("value_text") or "\0") in text]
    return stated[0]["metric"] if stated else None


def _asked_place(answer: dict[str, Any]) -> tuple[str, int | None]:
    a = answer.get("analysis") or {}
    regions, years = a.get("regions") or [], a.get("years") or []
    cites = answer.get("citations") or []
    place = ""
    if regions:
        r = regions[0]
        place = r.get("district") or r.get("city") or r.get("province") or ""
    elif cites:
        place = cites[0].get("region") or ""
    year = years[0] if years else (cites[0].get("year") if cites else None)
    return place, year


def _swap(question: str, place: str, year: int | None, new_place: str, new_year: int | None
          ) -> str | None:
    """The question asked again about another place and/or year (None when it names neither)."""
    from ingest import short_name

    out = question
    for name in (place, short_name(place) if place else ""):
        if name and name in out:
            out = out.replace(name, new_place if new_place != place else name)
            break
    if year and new_year and str(year) in out:
        out = out.replace(str(year), str(new_year))
    return out if out != question else None


def _ask(question: str, metric: str | None, place: str, year: int | None, new_place: str,
         new_year: int | None) -> str | None:
    if metric:
        when = f"{new_year}年" if new_year else ""
        return f"{new_place}{when}{metric}是多少？"
    return _swap(question, place, year, new_place, new_year)


def follow_ups(answer: dict[str, Any], regions: Sequence[dict[str, Any]], metric: str | None,
               metric_facts: Sequence[dict[str, Any]], limit: int = 3) -> list[str]:
    """Up to ``limit`` questions the index can answer next, built from the answer itself: the
    same place in another year the index has a report for, the same metric (or, for a question
    without one, the same question) for another place the index covers, and, for a metric
    several places state, a comparison."""
    place, year = _asked_place(answer)
    question = answer.get("question", "")
    out: list[str | None] = []
    mine = next((r for r in regions if place and place in
                 (r.get("district"), r.get("city"), r.get("province"))), None)
    if mine:
        others = sorted((y for y in mine.get("years") or [] if y != year),
                        key=lambda y: (abs(y - (year or y)), -y))
        out += [_ask(question, metric, place, year, place, y) for y in others[:1]]
    latest: dict[str, int] = {}
    if metric:
        for f in metric_facts:  # matched by meaning (qa.facts): 调解成功率, 成功率 …
            if f.get("region"):
                latest[f["region"]] = max(latest.get(f["region"], 0), int(f.get("year") or 0))
    else:
        for r in regions:
            name = r.get("district") or r.get("city") or r.get("province") or ""
            latest[name] = max(r.get("years") or [0])
    elsewhere = sorted(((p, y) for p, y in latest.items() if p != place),
                       key=lambda kv: (-kv[1], kv[0]))
    out += [_ask(question, metric, place, year, p, y or None) for p, y in elsewhere[:1]]
    if metric and len(latest) >= 2:
        out.append(f"各地区的{metric}分别是多少？哪个最高？")
    return list(dict.fromkeys(q for q in out if q and q != question))[:limit]


# --- errors in Chinese ------------------------------------------------------------------------
# By error class (ingest/errors.py), so the wording does not depend on English messages.
_ERRORS_ZH: tuple[tuple[type[Exception], str], ...] = (
    (E.UnsupportedFormatError, "不支持该文件格式"),
    (E.EmptyDocumentError, "文件中没有可读取的文字（扫描件请先做文字识别）"),
    (E.FileTooLargeError, "文件超过上传大小上限"),
    (E.DecodeError, "无法识别文件的文字编码，请另存为 UTF-8 文本后再上传"),
    (E.UnreadableFileError, "无法读取该文件"),
    (E.EncryptedDocumentError, "文件有密码保护，请解除密码后再上传"),
    (E.CorruptDocumentError, "文件已损坏，或内容与扩展名不符"),
    (E.LoadError, "无法读取该文件"),
    (E.DocumentNotFoundError, "索引中没有这份报告（可能已被删除），请刷新页面"),
    (E.InvalidQueryError, "无法处理这个问题，请换一种问法"),
    (E.UnknownRegionError, "索引中没有该地区的报告"),
    (E.LLMError, "大模型服务暂时不可用，请稍后再试"),
    (E.IndexNotFoundError, "还没有建立索引，请先上传报告"),
    (E.IndexCorruptError, "索引无法读取，请联系管理员重建索引"),
    (E.EncoderMismatchError, "索引与当前的向量模型不一致，请联系管理员重建索引"),
    (E.EncoderUnavailableError, "向量模型无法加载，请联系管理员"),
    (E.ReportQAError, "处理失败，请稍后再试"),
)


def error_zh(err: BaseException) -> str:
    """The Chinese message for an error, by its class; a file error names the file."""
    text = next((zh for cls, zh in _ERRORS_ZH if isinstance(err, cls)), "处理失败，请稍后再试")
    path = getattr(err, "path", "")
    return f"{Path(path).name}：{text}" if path else text


def reason_zh(failed: dict[str, Any]) -> str:
    """The Chinese reason for one failed file of an ingest report (by its ``error`` class)."""
    cls = getattr(E, str(failed.get("error") or ""), None)
    if isinstance(cls, type) and issubclass(cls, Exception):
        return next((zh for c, zh in _ERRORS_ZH if issubclass(cls, c)), "无法读取该文件")
    return "无法读取该文件"
