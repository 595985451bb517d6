"""Page furniture: running headers/footers and page numbers go, sentences split across lines and
pages are joined, headings stay, and PDF passages carry the page they start on."""
from __future__ import annotations

import html

import pytest
from conftest import report_path
from ingest_variants import report_parts

from ingest import process_file

pytestmark = pytest.mark.unit


def _furnished_pdf(raw: str, path, header: str, footer: str):
    """The report as a printed PDF: a running header on every page and a footer such as
    '第3页 共8页' (total pages from a first pass)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cjk", fontName="STSong-Light", fontSize=10.5, leading=16,
                           wordWrap="CJK", spaceAfter=4)
    title, _, paras = report_parts(raw)
    total = {"n": 0}

    def furniture(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(72, A4[1] - 40, header)
        canvas.drawCentredString(A4[0] / 2, 30, footer.format(n=doc.page, total=total["n"]))
        total["last"] = doc.page

    def build():
        story = [Paragraph(html.escape(p), style) for p in [title, *paras]]
        SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture,
                                                        onLaterPages=furniture)
    build()
    total["n"] = total["last"]
    build()
    return path, title, paras, total["n"]


@pytest.mark.parametrize("prefix,header,footer", [
    ("000", "盐田区司法局 内部资料", "第{n}页 共{total}页"),
    ("003", "罗湖区法治政府建设年度报告（公开版）", "— {n} —"),
])
def test_headers_footers_go_and_split_sentences_join(tmp_path, prefix, header, footer):
    raw = report_path(prefix).read_text(encoding="utf-8")
    path, title, paras, n_pages = _furnished_pdf(raw, tmp_path / "r.pdf", header, footer)
    assert n_pages >= 3
    doc, chunks, _ = process_file(path)
    assert header not in doc.text
    assert "共" + str(n_pages) + "页" not in doc.text and "— 2 —" not in doc.text
    lines = set(doc.text.split("\n"))
    body = [p for p in paras if len(p) > 20]
    joined = sum(p in lines for p in body)       # whole paragraphs, across lines and pages
    assert joined >= 0.95 * len(body), [p[:30] for p in body if p not in lines][:5]
    pages = [c.meta["page"] for c in chunks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= n_pages - 1
    assert any(c.section for c in chunks)       # headings still give the sections
