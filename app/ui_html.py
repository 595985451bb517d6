"""HTML the web UI renders itself (pure functions, no Gradio): escaping, the cited-passage cards
with their highlight, clickable ``[n]`` markers, the 数据对比 bar chart and the 报告管理 table.

Report text is untrusted: everything taken from a report goes through ``esc_html`` / ``esc_md``
before it is put into HTML or Markdown, so a report containing ``<script>`` shows as text.
"""
from __future__ import annotations

import html
import re
from typing import Any, Callable, Iterable, Sequence

from ingest.chunk import split_sentences

__all__ = ["esc_html", "esc_md", "highlight", "sources_html", "cite_links", "bar_chart_html",
           "table_html", "LinkFn"]

# (doc_id, citation) -> the URL of the report's full-text page, or None for no link
LinkFn = Callable[[str, dict[str, Any]], "str | None"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?")
_MARKER = re.compile(r"\[(\d+)\]")
_ESCAPED_MARKER = re.compile(r"\\\[(\d+)\\\]")
_YEAR = re.compile(r"^(19|20)\d\d$")
_QUOTE_TRIM = "“”\"'‘’「」『』 \t"


# --- escaping ---------------------------------------------------------------------------------
def esc_html(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def esc_md(text: Any) -> str:
    """Text for a Markdown component shown literally: HTML escaped, Markdown syntax backslashed
    ("[1]" still reads "[1]", "<script>" reads "<script>", "# x" is not a heading)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape("" if text is None else str(text), quote=False))


def _text_html(text: str) -> str:
    """Escaped text with line breaks as <br> (no raw newline: the HTML may sit inside Markdown,
    where a blank line would end an HTML block)."""
    return esc_html(text).replace("\n", "<br>")


# --- which sentences to highlight -------------------------------------------------------------
def sentences(text: str) -> list[str]:
    """The text cut into sentences, line breaks kept as their own pieces; the pieces re-join to
    the text (so marking some of them never changes what is shown)."""
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("\n")
        out.extend(split_sentences(line))
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s).strip(_QUOTE_TRIM)


def quoted_marks(pieces: Sequence[str], quote: str) -> list[bool]:
    """Which pieces the quote consists of: a sentence is marked when the quote contains it whole
    (so a quote of two sentences marks both) or it contains the whole quote (a quoted clause)."""
    q = _norm(quote)
    if not q:
        return [False] * len(pieces)
    return [bool(_norm(p)) and (_norm(p) in q or q in _norm(p)) for p in pieces]


def _claims(answer: str, n: int) -> str:
    """The answer sentences that cite [n] (all of the answer when none does)."""
    sents = [s for s in split_sentences(answer) if f"[{n}]" in s]
    return _MARKER.sub("", " ".join(sents) if sents else answer)


def _figures(claim: str) -> list[str]:
    figs = set(_FIGURE.findall(claim))
    non_years = {f for f in figs if not _YEAR.match(f)}
    return sorted(non_years or figs, key=len, reverse=True)


def _has_figure(sentence: str, fig: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(fig)}(?![\d])", sentence) is not None


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _claim_marks(pieces: Sequence[str], answer: str, n: int) -> list[bool]:
    """Without a quote: the sentences holding a figure the answer states for [n]; failing that,
    the one sharing most character bigrams with the claim (Chinese has no spaces)."""
    claim = _claims(answer, n)
    figs = _figures(claim)
    marked = [any(_has_figure(s, f) for f in figs) for s in pieces]
    if not any(marked) and pieces:
        cb = _bigrams(claim)
        scores = [len(cb & _bigrams(s)) / (len(_bigrams(s)) or 1) for s in pieces]
        best = max(range(len(pieces)), key=scores.__getitem__)
        marked[best] = scores[best] >= 0.2
    return marked


def highlight(passage: str, answer: str, n: int, quote: str | None = None) -> str:
    """The passage as escaped HTML (line breaks as <br>) with the sentences that support [n] in
    <mark>: exactly the quoted sentences when the answer quotes some, else those holding the
    answer's figure for [n]."""
    pieces = sentences(passage)
    marked = quoted_marks(pieces, quote or "")
    if not any(marked):
        marked = _claim_marks(pieces, answer, n)
    return "".join(f"<mark>{_text_html(s)}</mark>" if m and s != "\n" else _text_html(s)
                   for s, m in zip(pieces, marked))


# --- citations --------------------------------------------------------------------------------
def _card_id(prefix: str, n: int) -> str:
    return f"{prefix}-{n}"


def sources_html(answer: dict[str, Any], link: LinkFn | None = None, prefix: str = "rq-src"
                 ) -> str:
    """One card per citation (report, region, year, section, passage with the quote marked);
    ``link`` gives each card a 全文 link to the report's page at the passage."""
    cites = answer.get("citations") or []
    if not cites:
        return "<div class='rq-src'>没有可引用的段落。</div>"
    cards = []
    for c in cites:
        n = int(c.get("n", 0))
        meta = " · ".join(esc_html(v) for v in (c.get("region"), c.get("year"), c.get("section"))
                          if v not in (None, ""))
        url = link(c.get("doc_id", ""), c) if link else None
        full = (f" <a class='rq-full' href='{esc_html(url)}' target='_blank' "
                "rel='noopener noreferrer'>全文</a>") if url else ""
        body = highlight(c.get("text", ""), answer.get("answer", ""), n, c.get("quote"))
        cards.append(f"<div class='rq-src' id='{_card_id(prefix, n)}' data-n='{n}'>"
                     f"<div class='rq-head'>[{n}] {esc_html(c.get('title') or c.get('source'))}"
                     f"{full}</div><div class='rq-meta'>{meta}</div>"
                     f"<div class='rq-text'>{body}</div></div>")
    return "".join(cards)


def _card_quote(c: dict[str, Any]) -> str:
    quote = (c.get("quote") or "").strip() or (c.get("text") or "")[:120]
    return quote if len(quote) <= 160 else quote[:160] + "…"


def cite_links(md: str, citations: Iterable[dict[str, Any]]) -> str:
    """Escaped Markdown with each ``\\[n\\]`` made a link to source card n, with a hover card
    holding the quote and the report's title (keyboard focus shows it too)."""
    by_n = {int(c.get("n", 0)): c for c in citations}

    def one(m: re.Match) -> str:
        n = int(m.group(1))
        c = by_n.get(n)
        if c is None:
            return m.group(0)
        card = (f"<span class='rq-card' role='tooltip'><b>{esc_html(c.get('title') or '')}</b>"
                f"<br>{esc_html(_card_quote(c))}</span>")
        return (f"<a class='rq-cite' href='#rq-src-{n}' data-n='{n}' "
                f"aria-label='引用 {n}'>[{n}]{card}</a>")

    return _ESCAPED_MARKER.sub(one, md)


# --- 数据对比 chart ------------------------------------------------------------------------------
def bar_chart_html(rows: Sequence[dict[str, Any]], title: str, unit: str,
                   groups: Sequence[tuple[str, Sequence[dict[str, Any]]]] | None = None) -> str:
    """Horizontal bars, one per row ({"label", "value", "text", "sentence"}): labels sit on their
    own line, so the chart reads the same with 3 bars or 50 and at any width. Each bar carries
    its figure in data-value (what the browser test reads)."""
    if not rows:
        return "<div class='rq-chart rq-empty'>没有可对比的数据。</div>"
    top = max(float(r["value"]) for r in rows) or 1.0
    sections = groups if groups else [("", rows)]
    parts = [f"<div class='rq-chart' data-unit='{esc_html(unit)}'>"
             f"<div class='rq-chart-title'>{esc_html(title)}</div>"]
    for name, members in sections:
        if name:
            parts.append(f"<div class='rq-chart-group'>{esc_html(name)}</div>")
        for r in members:
            pct = max(0.5, 100 * float(r["value"]) / top)
            parts.append(
                f"<div class='rq-bar' data-label='{esc_html(r['label'])}' "
                f"data-value='{float(r['value']):g}' title='{esc_html(r.get('sentence', ''))}'>"
                f"<div class='rq-bar-label'>{esc_html(r['label'])}</div>"
                f"<div class='rq-bar-track'><div class='rq-bar-fill' style='width:{pct:.1f}%'>"
                f"</div><span class='rq-bar-value'>{esc_html(r['text'])}</span></div></div>")
    parts.append("</div>")
    return "".join(parts)


# --- tables -----------------------------------------------------------------------------------
def table_html(columns: Sequence[str], rows: Sequence[Sequence[Any]], elem_class: str = "",
               groups: Sequence[str] | None = None) -> str:
    """A plain table in a horizontally scrolling box (phones scroll it instead of squeezing the
    columns); ``groups`` (one name per row) inserts a heading row where the name changes."""
    head = "".join(f"<th>{esc_html(c)}</th>" for c in columns)
    body, last = [], None
    for i, row in enumerate(rows):
        if groups is not None and groups[i] != last:
            last = groups[i]
            body.append(f"<tr class='rq-group'><th colspan='{len(columns)}'>"
                        f"{esc_html(last or '（未知）')}</th></tr>")
        body.append("<tr>" + "".join(f"<td>{esc_html(v)}</td>" for v in row) + "</tr>")
    if not rows:
        body.append(f"<tr><td colspan='{len(columns)}'>没有符合条件的记录。</td></tr>")
    return (f"<div class='rq-table-wrap {esc_html(elem_class)}'><table class='rq-table'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")
