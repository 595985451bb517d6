"""The `reportqa` command line: ingest, docs, delete, ask, search, facts, serve, mcp, eval, bench.

Every option can also come from a REPORTQA_* environment variable (see ingest/settings.py).
A ReportQAError prints its message to stderr and exits with status 2, without a traceback."""
from __future__ import annotations

import json
import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from ingest import ReportQAError, Settings

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="reportqa：法治政府建设报告问答（带引用）。Question answering over Chinese "
                       "rule-of-law reports, with citations.")

IndexOpt = typer.Option(None, "--index", help="index directory (default: REPORTQA_INDEX_DIR or data/index)")
JsonOpt = typer.Option(False, "--json", help="machine-readable JSON output")


def _echo_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, default=str))


def _settings(index: Optional[Path] = None) -> Settings:
    settings = Settings()
    if index is not None:
        settings = settings.model_copy(update={"index_dir": index})
    return settings


def _fail(err: Exception, code: int = 2) -> None:
    typer.echo(f"错误 / error: {err}", err=True)
    raise typer.Exit(code)


def _qa(index: Optional[Path]):
    from app.pipeline import ReportQA
    settings = _settings(index)
    return ReportQA.load(settings.index_dir, settings)


# -- ingest / docs / delete -------------------------------------------------------------------
@app.command()
def ingest(paths: list[Path] = typer.Argument(None, help="report files or folders (default: the corpus dir)"),
           index: Optional[Path] = IndexOpt,
           rebuild: bool = typer.Option(False, "--rebuild", help="start from an empty index"),
           remove: list[str] = typer.Option(None, "--remove", help="doc_id or source to remove"),
           workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                                 help="processes parsing/cleaning/chunking"),
           as_json: bool = JsonOpt) -> None:
    """Add or update reports (unchanged files are skipped by content hash)."""
    from index import build_index
    settings = _settings(index)
    if workers:
        settings = settings.model_copy(update={"ingest_workers": workers})
    targets = list(paths or ([] if remove else [settings.corpus_dir]))
    try:
        report = build_index(targets, settings.index_dir, settings=settings, remove=remove or None,
                             rebuild=rebuild, progress=None if not as_json else False)
    except ReportQAError as err:
        _fail(err)
    except (OSError, sqlite3.OperationalError) as err:  # disk full, read-only: no traceback
        _fail(f"cannot write the index at {settings.index_dir}: "
              f"{getattr(err, 'strerror', None) or err}; the previous index is unchanged")
    if as_json:
        _echo_json(report.to_dict())
    else:
        _print_ingest(report, settings.index_dir)
    # Non-zero only when nothing could be ingested and something failed.
    if not report.ok:
        raise typer.Exit(1)


def _print_ingest(report, index_dir: Path) -> None:
    typer.echo(f"索引 {index_dir}：新增/更新 {len(report.ingested)} 篇，未变跳过 {len(report.skipped)} 篇，"
               f"失败 {len(report.failed)} 篇，删除 {len(report.removed)} 篇；共 {report.n_chunks} 段，"
               f"用时 {report.seconds:.1f} 秒")
    for d in report.ingested:
        typer.echo(f"  + {d.get('source')}  [{d.get('region', '')} {d.get('year') or ''}] {d.get('title', '')}")
    for d in report.skipped:
        typer.echo(f"  = {d.get('source')}  ({d.get('reason', 'unchanged')})")
    for d in report.failed:
        typer.echo(f"  ! {d.get('source')}: {d.get('reason')}", err=True)
    for doc_id in report.removed:
        typer.echo(f"  - {doc_id}")


@app.command()
def docs(index: Optional[Path] = IndexOpt, as_json: bool = JsonOpt) -> None:
    """List the reports in the index."""
    try:
        documents = _qa(index).documents()
    except ReportQAError as err:
        _fail(err)
    if as_json:
        _echo_json(documents)
        return
    for d in documents:
        typer.echo(f"{d['doc_id']}  {d.get('region', ''):<6} {d.get('year') or '----'}  "
                   f"{d.get('n_chunks', '')}段  {d.get('title', '')}  ({d.get('source', '')})")
    if not documents:
        typer.echo("（索引中没有报告）")


@app.command()
def delete(doc_id: str = typer.Argument(..., help="doc_id (see `reportqa docs`) or source path"),
           index: Optional[Path] = IndexOpt, as_json: bool = JsonOpt) -> None:
    """Remove one report from the index."""
    try:
        report = _qa(index).delete(doc_id)
    except ReportQAError as err:
        _fail(err)
    except (OSError, sqlite3.OperationalError) as err:
        _fail(f"cannot write the index: {getattr(err, 'strerror', None) or err}; the previous "
              "index is unchanged")
    if as_json:
        _echo_json(report.to_dict())
    else:
        typer.echo(f"已删除 {', '.join(report.removed) or doc_id}；索引现有 {report.n_chunks} 段")


# -- ask / search / facts ---------------------------------------------------------------------
def _print_answer(ans) -> None:
    typer.echo(ans.answer)
    if ans.note:
        typer.echo(f"（{ans.note}）")
    for c in ans.citations:
        typer.echo(f"\n[{c.n}] 《{c.title}》 {c.section}\n    {c.source}\n    “{c.quote or c.text[:200]}”")
    if not ans.found and ans.closest:
        typer.echo("\n最接近的段落：")
        for p in ans.closest:
            typer.echo(f"  - 《{p['title']}》 {p['section']}: {p['text'][:80]}…")


def _filters(region: Optional[str], year: Optional[int]) -> Optional[dict]:
    f = {k: v for k, v in (("region", region), ("year", year)) if v}
    return f or None


@app.command()
def ask(question: Optional[str] = typer.Argument(None, help="the question; omit to read one per line from stdin"),
        index: Optional[Path] = IndexOpt, as_json: bool = JsonOpt,
        llm: bool = typer.Option(False, "--llm", help="answer with the configured LLM (REPORTQA_LLM_*)"),
        region: Optional[str] = typer.Option(None, "--region"),
        year: Optional[int] = typer.Option(None, "--year")) -> None:
    """Answer a question with citations (no question: batch mode, one JSON object per line)."""
    answerer = "llm" if llm else "extractive"
    try:
        qa = _qa(index)
        if question is not None:
            ans = qa.ask(question, filters=_filters(region, year), answerer=answerer)
            _echo_json(ans.to_dict()) if as_json else _print_answer(ans)
            return
    except ReportQAError as err:
        _fail(err)
    _ask_batch(qa, _filters(region, year), answerer)


def _ask_batch(qa, filters: Optional[dict], answerer: str) -> None:
    """One question per stdin line -> one JSON object per stdout line; a bad line gets
    {"question", "error"} and the batch goes on."""
    for line in sys.stdin:
        q = line.strip()
        if not q:
            continue
        try:
            _echo_json(qa.ask(q, filters=filters, answerer=answerer).to_dict())
        except ReportQAError as err:
            _echo_json({"question": q, "error": str(err)})


@app.command()
def search(query: str = typer.Argument(...), k: Optional[int] = typer.Option(None, "--k"),
           region: Optional[str] = typer.Option(None, "--region"),
           year: Optional[int] = typer.Option(None, "--year"),
           mode: str = typer.Option("hybrid", "--mode", help="hybrid | bm25 | dense"),
           index: Optional[Path] = IndexOpt, as_json: bool = JsonOpt) -> None:
    """Ranked passages with scores and metadata."""
    try:
        hits = _qa(index).search(query, k=k, filters=_filters(region, year), mode=mode)
    except ReportQAError as err:
        _fail(err)
    if as_json:
        _echo_json([{"rank": i + 1, **h.to_dict()} for i, h in enumerate(hits)])
        return
    for i, h in enumerate(hits, 1):
        m = h.chunk.meta
        typer.echo(f"{i:>2}. {h.score:.4f}  [{m.get('region', '')} {m.get('year') or ''}] "
                   f"《{m.get('title', '')}》 {h.chunk.section}\n    {h.chunk.text[:160]}")


@app.command()
def facts(metric: Optional[str] = typer.Option(None, "--metric"),
          region: Optional[str] = typer.Option(None, "--region"),
          year: Optional[int] = typer.Option(None, "--year"),
          index: Optional[Path] = IndexOpt, as_json: bool = JsonOpt) -> None:
    """Figures extracted at ingest (metric, value, unit, region, year, sentence)."""
    try:
        found = _qa(index).facts(metric=metric, region=region, year=year)
    except ReportQAError as err:
        _fail(err)
    if as_json:
        _echo_json([f.to_dict() for f in found])
        return
    for f in found:
        typer.echo(f"{f.region:<6} {f.year or '----'}  {f.metric}: {f.value_text or f'{f.value:g}{f.unit}'}"
                   f"    “{f.sentence[:80]}”")


# -- serve / eval / bench ---------------------------------------------------------------------
@app.command()
def serve(host: Optional[str] = typer.Option(None, "--host", help="default 127.0.0.1"),
          port: Optional[int] = typer.Option(None, "--port", help="default 7860"),
          index: Optional[Path] = IndexOpt,
          corpus: Optional[Path] = typer.Option(
              None, "--corpus", help="folder for the report files; uploads are stored in its "
              "uploads/ subfolder (default: REPORTQA_CORPUS_DIR or data/reports)")) -> None:
    """Web UI at /, REST under /api/, OpenAI-compatible /v1/, MCP at /mcp, health at /healthz."""
    from app.server import serve as run_server
    settings = _settings(index)
    if corpus is not None:
        settings = settings.model_copy(update={"corpus_dir": corpus})
    from app.uploads import UploadStore
    typer.echo(f"索引 index: {Path(settings.index_dir).resolve()}\n"
               f"上传的报告保存在 uploads go to: {UploadStore(settings).dir}", err=True)
    try:
        run_server(index_dir=settings.index_dir, host=host, port=port, settings=settings)
    except ReportQAError as err:
        _fail(err)


@app.command("mcp")
def mcp_cmd(index: Optional[Path] = IndexOpt) -> None:
    """MCP server over stdio (tools: ask, search, facts, list_documents) for agent clients."""
    from app.mcp_server import run_stdio
    from app.service import ReportService
    settings = _settings(index)
    try:
        run_stdio(ReportService(settings, index_dir=settings.index_dir))
    except ReportQAError as err:
        _fail(err)


@app.command("eval")
def eval_cmd(set_path: Path = typer.Argument(..., help="question set (.jsonl)"),
             config: list[str] = typer.Option(None, "--config", help="bm25 | dense | hybrid | full (repeatable)"),
             out: Optional[Path] = typer.Option(None, "--out"), k: int = typer.Option(10, "--k"),
             index: Optional[Path] = IndexOpt, as_json: bool = JsonOpt) -> None:
    """Retrieval, answer, citation and refusal metrics, with baselines."""
    from eval.runner import format_table, run_eval
    settings = _settings(index)
    try:
        report = run_eval(set_path, index_dir=settings.index_dir, configs=config or None,
                          out_dir=out, k=k, settings=settings)
    except (ReportQAError, ValueError, FileNotFoundError) as err:
        _fail(err)
    if as_json:
        _echo_json(report)
    else:
        typer.echo(format_table(report))
        if report.get("out_dir"):
            typer.echo(f"\nreport: {report['out_dir']}")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def bench(ctx: typer.Context) -> None:
    """Ingest / search / memory benchmark (options as `python -m eval.bench --help`)."""
    from eval.bench import main as bench_main
    bench_main(list(ctx.args))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
