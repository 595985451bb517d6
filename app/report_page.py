"""The 全文 page: one report as a readable HTML page (title, metadata, headings, paragraphs),
with the cited passage framed (its page number for PDFs) and exactly the quoted sentences
marked; the link's ``#rq-passage`` fragment scrolls the browser to it.

With an API key set the page is reachable with the key, or with the link's ``sig`` (an HMAC of
the doc_id under the key), which only the UI hands out, to users that signed in with the key.
"""
from __future__ import annotations

import hashlib
import hmac
from typing import TYPE_CHECKING, Any
from urllib.parse import quote as urlquote

from ingest.chunk import heading_of

from app.ui_html import esc_html, quoted_marks, sentences

if TYPE_CHECKING:
    from app.pipeline import ReportQA

__all__ = ["report_url", "link_token", "valid_token", "render_report", "PAGE_CSS"]

ANCHOR = "rq-passage"
FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
         '"Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif')
PAGE_CSS = f"""
body {{font-family:{FONTS}; max-width:46rem; margin:0 auto; padding:1rem 1.25rem 4rem;
  line-height:1.8; color:#1f2328; background:#fff;}}
h1 {{font-size:1.45rem; line-height:1.4;}} h2 {{font-size:1.2rem; margin-top:1.6rem;}}
h3 {{font-size:1.05rem;}} h4 {{font-size:1rem;}}
dl.rq-meta {{display:grid; grid-template-columns:max-content 1fr; gap:.1rem 1rem; color:#57606a;}}
dl.rq-meta dt {{font-weight:600;}} dl.rq-meta dd {{margin:0;}}
#{ANCHOR} {{border-left:4px solid #d4a72c; background:#fffbea; padding:.25rem .9rem;
  margin:1rem -1rem; scroll-margin-top:1rem;}}
.rq-cite-head {{font-size:.9rem; color:#7d4e00; font-weight:600;}}
mark {{background:#ffe066; padding:0 .1rem;}}
"""
_LEVEL_TAG = {0: "h2", 1: "h2", 2: "h3"}  # heading_of levels: 1 一、 2 (一) 3 1.


# --- links ------------------------------------------------------------------------------------
def link_token(key: str, doc_id: str) -> str:
    return hmac.new(key.encode(), f"report:{doc_id}".encode(), hashlib.sha256).hexdigest()[:32]


def valid_token(key: str, doc_id: str, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(link_token(key, doc_id), token or "")


def report_url(doc_id: str, citation: dict[str, Any] | None = None, key: str | None = None
               ) -> str:
    """The page's URL relative to the UI root, at the citation's passage and quote."""
    params = []
    c = citation or {}
    if c.get("chunk_id"):
        params.append(f"chunk={urlquote(str(c['chunk_id']))}")
    if c.get("quote"):
        params.append(f"q={urlquote(str(c['quote']))}")
    if c.get("n"):
        params.append(f"n={int(c['n'])}")
    if key:
        params.append(f"sig={link_token(key, doc_id)}")
    query = ("?" + "&".join(params)) if params else ""
    return f"report/{urlquote(doc_id)}{query}" + (f"#{ANCHOR}" if c else "")


# --- the page ---------------------------------------------------------------------------------
def _lines_html(text: str, quote: str = "") -> str:
    """Paragraphs and headings (the chunker's own heading rule; a heading that opens a paragraph
    is set apart from it), quoted sentences marked."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        head = heading_of(line)
        if head is not None and line.startswith(head[1]):
            tag = _LEVEL_TAG.get(head[0], "h4")
            out.append(f"<{tag}>{esc_html(head[1])}</{tag}>")
            line = line[len(head[1]):].lstrip("。；;.!?！？ ")
            if not line:
                continue
        pieces = sentences(line)
        marks = quoted_marks(pieces, quote)
        out.append("<p>" + "".join(f"<mark>{esc_html(p)}</mark>" if m else esc_html(p)
                                   for p, m in zip(pieces, marks)) + "</p>")
    return "".join(out)


def _span(text: str, passage: str, quote: str) -> tuple[int, int] | None:
    """Where the cited passage (else the quote's line) is in the report text."""
    for needle in (passage, quote):
        at = text.find(needle) if needle else -1
        if at >= 0:
            if needle is quote:  # widen to the whole line
                start = text.rfind("\n", 0, at) + 1
                end = text.find("\n", at)
                return start, len(text) if end < 0 else end
            return at, at + len(needle)
    return None


def _meta_html(doc: dict[str, Any]) -> str:
    fields = [("地区", " ".join(v for v in (doc.get("province"), doc.get("city"),
                                          doc.get("district")) if v)),
              ("年份", doc.get("year")), ("发布单位", doc.get("issuer")),
              ("发布日期", doc.get("publish_date")), ("类型", doc.get("kind"))]
    rows = "".join(f"<dt>{k}</dt><dd>{esc_html(v)}</dd>" for k, v in fields if v not in (None, ""))
    return f"<dl class='rq-meta'>{rows}</dl>"


def render_report(qa: "ReportQA", doc_id: str, chunk_id: str | None = None,
                  quote: str | None = None, n: int | None = None) -> str:
    """The whole page (raises DocumentNotFoundError for an unknown doc_id)."""
    doc = qa.index.document(doc_id)
    text = qa.document_text(doc_id)
    chunk = _chunk(qa, doc_id, chunk_id)
    quote = (quote or "").strip()
    span = _span(text, chunk.text if chunk is not None else "", quote)
    if span is None:
        body = _lines_html(text, quote)
    else:
        page = chunk.meta.get("page") if chunk is not None else None
        label = "引用段落" + (f" [{int(n)}]" if n else "") + (f" · 第 {page} 页" if page else "")
        body = (_lines_html(text[:span[0]]) +
                f"<section id='{ANCHOR}' aria-label='{esc_html(label)}'>"
                f"<div class='rq-cite-head'>{esc_html(label)}</div>"
                f"{_lines_html(text[span[0]:span[1]], quote)}</section>" +
                _lines_html(text[span[1]:]))
    title = esc_html(doc.get("title") or doc.get("source") or doc_id)
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{title}</title><style>{PAGE_CSS}</style></head><body>"
            f"<header><h1>{title}</h1>{_meta_html(doc)}</header><article>{body}</article>"
            "</body></html>")


def _chunk(qa: "ReportQA", doc_id: str, chunk_id: str | None):
    if not chunk_id:
        return None
    try:
        chunk = qa.index.chunk(chunk_id)
    except KeyError:
        return None
    return chunk if chunk.doc_id == doc_id else None
