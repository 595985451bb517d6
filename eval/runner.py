"""Run a question set against the pipeline and its baselines; write report.json / .md / .png.

Configs: "bm25", "dense", "hybrid" (plain ``ReportQA.search`` in that mode, no query analysis or
filters, naive answer = the top passage's first sentence with a number) and "full" (the whole
``ReportQA.ask`` pipeline). Metric definitions: eval/README.md and eval/metrics.py.
"""
from __future__ import annotations

import json
import logging
import re
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from eval import metrics as M
from eval.questions import load_set
from ingest.errors import ReportQAError

__all__ = ["CONFIGS", "run_eval", "format_table", "write_report", "naive_answer"]

log = logging.getLogger(__name__)

CONFIGS = ("bm25", "dense", "hybrid", "full")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_HAS_NUMBER = re.compile(r"\d")


# --- one question, one config ------------------------------------------------------------------
def naive_answer(passage_text: str) -> str:
    """Baseline answer: the first sentence of the passage that contains a number (else its first
    sentence). It never refuses, so the baselines' answer accuracy is comparable with ``full``."""
    sentences = [s.strip() for s in _SENTENCE.findall(passage_text or "") if s.strip()]
    return next((s for s in sentences if _HAS_NUMBER.search(s)), sentences[0] if sentences else "")


def _hit_passage(hit: Any) -> dict[str, Any]:
    chunk = hit.chunk
    meta = chunk.meta
    return {"source": str(meta.get("source", "")), "text": chunk.text, "chunk_id": chunk.id,
            "title": meta.get("title", ""), "section": meta.get("section", ""),
            "year": meta.get("year")}


def _citation_passage(c: dict[str, Any]) -> dict[str, Any]:
    return {"source": str(c.get("source", "")), "text": c.get("text", ""),
            "chunk_id": c.get("chunk_id") or c.get("id"), "title": c.get("title", ""),
            "section": c.get("section", ""), "year": c.get("year")}


def _support_texts(passages: list[dict[str, Any]]) -> list[str]:
    """What a cited passage vouches for: its text plus its report's title, heading and year."""
    return [" ".join(str(p.get(f) or "") for f in ("text", "title", "section", "year"))
            for p in passages]


def _run_baseline(qa: Any, q: dict[str, Any], mode: str, k: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    hits = qa.search(q["question"], k=k, mode=mode)
    latency = (time.perf_counter() - t0) * 1000
    ranking = [_hit_passage(h) for h in hits]
    answer = naive_answer(ranking[0]["text"]) if ranking else ""
    return {"ranking": ranking, "answer": answer, "found": bool(ranking),
            "cited": ranking[:1], "latency_ms": latency}


def _analysis_filters(analysis: Any) -> dict[str, Any] | None:
    """Filters the pipeline derived from the question (regions, years), for re-running search."""
    if analysis is None:
        return None
    data = analysis.to_dict() if hasattr(analysis, "to_dict") else dict(analysis)
    filters: dict[str, Any] = {}
    names = [r.get("district") or r.get("city") or r.get("province") for r in data.get("regions") or []]
    if names := [n for n in names if n]:
        filters["region"] = names
    if data.get("years"):
        filters["year"] = list(data["years"])
    return filters or None


def _full_ranking(qa: Any, q: dict[str, Any], answer: Any, k: int) -> tuple[list[dict], str]:
    """The passages the pipeline retrieved: Answer.hits when present, else search re-run with the
    analysed query and filters, else the citations. Returns (ranking, how it was obtained)."""
    hits = getattr(answer, "hits", None)
    if hits:
        return [_hit_passage(h) for h in hits][:k], "answer.hits"
    analysis = getattr(answer, "analysis", None)
    if analysis:
        data = analysis.to_dict() if hasattr(analysis, "to_dict") else analysis
        query = data.get("effective_question") or q["question"]
        filters = {**(_analysis_filters(analysis) or {}), **(q.get("filters") or {})} or None
        try:
            return [_hit_passage(h) for h in qa.search(query, k=k, filters=filters)], "search(analysis)"
        except ReportQAError as exc:
            log.debug("re-running search for %s failed: %s", q["id"], exc)
            return [], "search(analysis) failed"
    return [_citation_passage(c) for c in answer.to_dict().get("citations", [])], "citations"


def _run_full(qa: Any, q: dict[str, Any], k: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        answer = qa.ask(q["question"], history=q.get("history") or None, filters=q.get("filters"))
    except ReportQAError as exc:  # e.g. UnknownRegionError for 福田区: a refusal, not a crash
        latency = (time.perf_counter() - t0) * 1000
        return {"ranking": [], "answer": str(exc), "found": False, "cited": [],
                "latency_ms": latency, "error": type(exc).__name__, "ranking_from": "error"}
    latency = (time.perf_counter() - t0) * 1000
    d = answer.to_dict()
    ranking, how = _full_ranking(qa, q, answer, k)
    return {"ranking": ranking, "answer": d.get("answer", ""), "found": bool(d.get("found")),
            "cited": [_citation_passage(c) for c in d.get("citations", [])],
            "latency_ms": latency, "ranking_from": how, "timings_ms": d.get("timings_ms", {})}


def _score(q: dict[str, Any], run: dict[str, Any], k: int) -> dict[str, Any]:
    """Attach every metric that applies to this question to the run record."""
    ranking = [(p["source"], p["text"]) for p in run["ranking"]]
    out: dict[str, Any] = {"answer": run["answer"], "found": run["found"],
                           "latency_ms": round(run["latency_ms"], 2)}
    cited_sources = [p["source"] for p in run["cited"]]
    if q["found"]:
        rels = M.relevance(ranking, q["gold"])
        n = len(q["gold"])
        out.update({"recall@1": M.recall_at_k(rels, n, 1), "recall@5": M.recall_at_k(rels, n, 5),
                    f"recall@{k}": M.recall_at_k(rels, n, k), f"mrr@{k}": M.mrr_at_k(rels, k),
                    f"ndcg@{k}": M.ndcg_at_k(rels, n, k), "rels": rels[:k],
                    "answer_correct": M.answer_correct(run["answer"], q["answers"]),
                    "figure_correct": M.figure_correct(run["answer"], q["answers"], q["question"]),
                    "citation_precision": M.citation_precision(cited_sources, q["gold"]),
                    "answer_cited": M.answer_cited(run["answer"], q["answers"], q["question"],
                                                   run["found"], cited_sources, q["gold"])})
    else:
        out["refusal_correct"] = M.refusal_correct(q["question"], run["answer"], run["found"])
    out["wrong_figure"] = M.wrong_figure(run["answer"], q["answers"], q["question"], run["found"],
                                         cited_sources, q["gold"])
    if run["found"]:
        out["citation_support"] = M.citation_support(run["answer"], _support_texts(run["cited"]))
    out["retrieved"] = [Path(s).name for s, _ in ranking[:k]]
    for key in ("error", "ranking_from"):
        if key in run:
            out[key] = run[key]
    return out


# --- aggregation ----------------------------------------------------------------------------------
def _metric_keys(k: int) -> list[str]:
    return ["recall@1", "recall@5", f"recall@{k}", f"mrr@{k}", f"ndcg@{k}", "answer_accuracy",
            "figure_accuracy", "answer_cited", "wrong_figure_rate", "citation_precision",
            "citation_support", "refusal_accuracy", "false_refusal_rate"]


def _aggregate(questions: list[dict], results: list[dict[str, Any]], k: int) -> dict[str, Any]:
    """Means over the questions each metric applies to (see README)."""
    answerable = [r for q, r in zip(questions, results) if q["found"]]
    unanswerable = [r for q, r in zip(questions, results) if not q["found"]]
    agg: dict[str, Any] = {key: M.mean(r[key] for r in answerable)
                           for key in ("recall@1", "recall@5", f"recall@{k}", f"mrr@{k}", f"ndcg@{k}")}
    agg["answer_accuracy"] = M.mean(r["answer_correct"] for r in answerable)
    agg["figure_accuracy"] = M.mean(r["figure_correct"] for r in answerable)
    agg["answer_cited"] = M.mean(r["answer_cited"] for r in answerable)
    agg["wrong_figure_rate"] = M.mean(r.get("wrong_figure") for r in results)
    agg["citation_precision"] = M.mean(r.get("citation_precision") for r in answerable)
    agg["citation_support"] = M.mean(r.get("citation_support") for r in results)
    agg["refusal_accuracy"] = M.mean(r["refusal_correct"] for r in unanswerable)
    agg["false_refusal_rate"] = (round(M.false_refusal_rate([r["found"] for r in answerable]), 4)
                                 if answerable else None)
    agg["latency_ms"] = M.percentiles([r["latency_ms"] for r in results])
    agg["n"] = len(results)
    return agg


def _summarise(questions: list[dict], per_q: list[dict], configs: list[str], k: int) -> dict:
    summary, by_type = {}, {}
    for cfg in configs:
        results = [r["results"][cfg] for r in per_q]
        summary[cfg] = _aggregate(questions, results, k)
        groups: dict[str, list[int]] = defaultdict(list)
        for i, q in enumerate(questions):
            groups[q["type"]].append(i)
        by_type[cfg] = {t: _aggregate([questions[i] for i in idx], [results[i] for i in idx], k)
                        for t, idx in groups.items()}
    return {"summary": summary, "by_type": by_type}


def _failures(questions: list[dict], per_q: list[dict], cfg: str) -> list[dict[str, Any]]:
    out = []
    for q, r in zip(questions, per_q):
        res = r["results"].get(cfg)
        if res is None:
            continue
        ok = res["answer_correct"] if q["found"] else res["refusal_correct"]
        figure_only = ok and q["found"] and not res.get("answer_cited")
        if not ok or figure_only:
            out.append({"id": q["id"], "type": q["type"], "question": q["question"],
                        "expected": q["answers"] if q["found"] else "found=false, no figure",
                        "got": res["answer"], "found": res["found"],
                        "failed": "figure not stated, or not cited from the right report" if figure_only
                        else ("answer" if q["found"] else "refusal"),
                        "retrieved": res["retrieved"][:3]})
    return out


# --- entry point ---------------------------------------------------------------------------------
def _load_qa(index_dir: Path | str | None, settings: Any = None) -> Any:
    from app import ReportQA  # eval -> app, loaded lazily so the metrics import without a model

    return ReportQA.load(index_dir, settings=settings)


def run_eval(set_path: Path | str, index_dir: Path | str | None = None,
             configs: list[str] | None = None, out_dir: Path | str | None = None, k: int = 10,
             qa: Any = None, settings: Any = None, write: bool = True) -> dict[str, Any]:
    """Evaluate every question of ``set_path`` under each config; return the report dict and
    (``write``) save report.json, report.md and report.png into ``out_dir`` (default
    eval/out/<UTC timestamp>). ``qa`` reuses an already loaded ReportQA."""
    configs = list(configs or CONFIGS)
    if unknown := [c for c in configs if c not in CONFIGS]:
        raise ValueError(f"unknown config(s) {unknown}; choose from {', '.join(CONFIGS)}")
    if k < 1:
        raise ValueError("k must be >= 1")
    questions = load_set(set_path)
    results: list[dict[str, Any]] = [{} for _ in questions]
    last = qa
    for cfg in configs:
        # A fresh pipeline per config (unless one is given) so that no config gets query vectors
        # another config already encoded: the searcher caches them, which would hide their cost.
        cfg_qa = qa if qa is not None else _load_qa(index_dir, settings)
        if hasattr(cfg_qa, "warm_up"):
            cfg_qa.warm_up()
        for i, q in enumerate(questions):
            run = _run_full(cfg_qa, q, k) if cfg == "full" else _run_baseline(cfg_qa, q, cfg, k)
            results[i][cfg] = _score(q, run, k)
        log.info("eval %s: %d questions done", cfg, len(questions))
        last = cfg_qa
    per_q = [{"id": q["id"], "type": q["type"], "question": q["question"], "expected": q["answers"],
              "found_expected": q["found"], "results": res} for q, res in zip(questions, results)]
    report = {"set": str(set_path), "n_questions": len(questions), "k": k, "configs": configs,
              "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "index": _index_info(last), **_summarise(questions, per_q, configs, k),
              "failures": _failures(questions, per_q, "full" if "full" in configs else configs[-1]),
              "questions": per_q}
    if write:
        out = Path(out_dir) if out_dir else Path("eval/out") / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        report["out_dir"] = str(out)
        write_report(report, out)
    return report


def _index_info(qa: Any) -> dict[str, Any]:
    try:
        docs = qa.documents()
    except (ReportQAError, AttributeError):
        docs = []
    return {"n_documents": len(docs)}


# --- output ----------------------------------------------------------------------------------------
def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, dict):
        return "/".join(f"{x:.0f}" for x in v.values()) if v else "–"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def _table(rows: list[tuple[str, dict]], keys: list[str], first: str) -> list[list[str]]:
    head = [first] + [("lat p50/p95 ms" if key == "latency_ms" else key) for key in keys]
    return [head] + [[name] + [_fmt(vals.get(key)) for key in keys] for name, vals in rows]


def _render_plain(table: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _render_md(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(r) + " |" for r in table]
    lines.insert(1, "|" + "---|" * len(table[0]))
    return "\n".join(lines)


def format_table(report: dict[str, Any], markdown: bool = False) -> str:
    """The per-config summary table (and answer accuracy per type) as text for the CLI."""
    k = report["k"]
    keys = _metric_keys(k) + ["latency_ms"]
    render = _render_md if markdown else _render_plain
    summary = render(_table(list(report["summary"].items()), keys, "config"))
    types = sorted({t for cfg in report["by_type"].values() for t in cfg})
    rows = [[t] + [_fmt(report["by_type"][c].get(t, {}).get("answer_cited")
                        if t != "unanswerable" else report["by_type"][c].get(t, {}).get("refusal_accuracy"))
                   for c in report["configs"]] for t in types]
    by_type = render([["type (answer+citation; refusal acc)"] + report["configs"]] + rows)
    return f"{summary}\n\n{by_type}"


def _markdown(report: dict[str, Any]) -> str:
    k = report["k"]
    keys = _metric_keys(k) + ["latency_ms"]
    parts = [f"# reportqa eval — {report['set']}", "",
             f"{report['n_questions']} questions, k={k}, {report['index'].get('n_documents')} documents, "
             f"created {report['created']}", "", "## Summary per config", "",
             _render_md(_table(list(report["summary"].items()), keys, "config")), ""]
    for cfg in report["configs"]:
        parts += [f"## By question type — {cfg}", "",
                  _render_md(_table(sorted(report["by_type"][cfg].items()), keys, "type")), ""]
    parts += [f"## Failures ({len(report['failures'])})", "",
              "| id | failed | question | expected | got | found |", "|---|---|---|---|---|---|"]
    for f in report["failures"]:
        got = str(f["got"]).replace("\n", " ").replace("|", "\\|")[:160]
        parts.append(f"| {f['id']} | {f.get('failed', '')} | {f['question']} | {f['expected']} | {got} | "
                     f"{f['found']} |")
    return "\n".join(parts) + "\n"


def _plot(report: dict[str, Any], path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    k = report["k"]
    keys = ["recall@5", f"mrr@{k}", f"ndcg@{k}", "answer_accuracy", "figure_accuracy",
            "citation_support", "refusal_accuracy"]
    configs = report["configs"]
    types = sorted({t for c in configs for t in report["by_type"][c]})
    fig = Figure(figsize=(14, 4.8))
    FigureCanvasAgg(fig)
    panels = [(fig.add_subplot(1, 2, 1), keys, lambda c, key: report["summary"][c].get(key),
               f"summary ({report['n_questions']} questions)"),
              (fig.add_subplot(1, 2, 2), types, lambda c, t: report["by_type"][c].get(t, {}).get(
                  "refusal_accuracy" if t == "unanswerable" else "answer_accuracy"),
               "answer accuracy by type (unanswerable: refusal accuracy)")]
    width = 0.8 / len(configs)
    for ax, labels, value, title in panels:
        for i, cfg in enumerate(configs):
            ax.bar([x + i * width for x in range(len(labels))],
                   [value(cfg, label) or 0.0 for label in labels], width, label=cfg)
        ax.set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(labels))], labels,
                      rotation=20, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(title, fontsize=10)
    handles, labels = panels[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(configs), fontsize=9)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, dpi=100)


def write_report(report: dict[str, Any], out_dir: Path) -> None:
    """report.json (everything), report.md (tables + failures) and report.png (bar chart)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    (out_dir / "report.md").write_text(_markdown(report), encoding="utf-8")
    _plot(report, out_dir / "report.png")
