"""The file forms the unseen-report sets are written in, shared by their ``make_files_*.py``
scripts: plain text in any encoding, full-width digits, a typeset PDF and a dated DOCX. Each
script keeps only what is its own (a site's HTML boilerplate, a special DOCX layout)."""
from __future__ import annotations

import datetime
import html
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

CN_NUMS = "一二三四五六七八九"


def text_lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped."""
    return [ln.strip() for ln in text.strip().splitlines() if ln.strip()]


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.write_bytes(text.encode(encoding))


def to_fullwidth(text: str) -> str:
    """ASCII digits, '.' and '%' to their full-width forms (U+FF0E, U+FF05, U+FF10..)."""
    return "".join(chr(ord(c) + 0xFEE0) if (c.isdigit() and c.isascii()) or c in ".%" else c
                   for c in text)


def is_heading(line: str) -> bool:
    """A first-level heading: "一、…" to "九、…"."""
    return line[:2] in {f"{n}、" for n in CN_NUMS}


def html_title_and_body(text: str, indent: int = 4, attrs: str = "",
                        tag_of: Callable[[str], str] | None = None) -> tuple[str, str]:
    """The report's title line, and its other lines as HTML paragraphs (headings as <h3>, or
    the tag ``tag_of(line)`` names), each on its own line indented ``indent`` spaces, ``attrs``
    inside each tag: the body of the HTML page generators, whose site boilerplate around it is
    each page's own."""
    lines = text_lines(text)
    paras = []
    for ln in lines[1:]:
        tag = tag_of(ln) if tag_of else "h3" if is_heading(ln) else "p"
        paras.append(f"{' ' * indent}<{tag}{attrs}>{html.escape(ln)}</{tag}>")
    return lines[0], "\n".join(paras)


def write_pdf(path: Path, text: str) -> None:
    """A multi-page A4 PDF in the built-in CID font STSong-Light, page numbers "- n -", the
    first line as a centred 19 pt title (a long one wraps). Deterministic (``invariant=1``)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=26,
                          firstLineIndent=28, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=15, firstLineIndent=0,
                          spaceBefore=8, spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=19, leading=30,
                           firstLineIndent=0, alignment=1, spaceAfter=12)
    lines = text_lines(text)
    story = [Paragraph(html.escape(lines[0]), title), Spacer(1, 4 * mm)]
    for ln in lines[1:]:
        story.append(Paragraph(html.escape(ln), head if is_heading(ln) else body))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 12)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=26 * mm,
                            rightMargin=26 * mm, topMargin=30 * mm, bottomMargin=25 * mm,
                            title=lines[0], creator="reportqa eval", invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def write_docx(path: Path, text: str, author: str, when: datetime.datetime) -> None:
    """A DOCX of ``text``: the first line a Heading 1 title, "一、…" lines Heading 2, the rest
    paragraphs; core properties and zip members dated ``when`` so the bytes are reproducible."""
    import docx  # python-docx

    doc = docx.Document()
    lines = text_lines(text)
    doc.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        if is_heading(ln):
            doc.add_heading(ln, level=2)
        else:
            doc.add_paragraph(ln)
    doc.core_properties.title = lines[0]
    doc.core_properties.author = author
    doc.core_properties.created = when
    doc.core_properties.modified = when
    doc.save(str(path))
    fix_zip_dates(path, when)


def fix_zip_dates(path: Path, when: datetime.datetime) -> None:
    """Rewrite a DOCX (zip) with every member dated ``when``, so the bytes are reproducible."""
    with zipfile.ZipFile(path) as src:
        members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    buf = io.BytesIO()
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for fname, data in members:
            dst.writestr(zipfile.ZipInfo(fname, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buf.getvalue())
