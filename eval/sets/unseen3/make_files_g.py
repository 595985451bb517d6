"""Generate the unseen3-g evaluation reports (eval/sets/unseen3/reports/g*.*).

Run from the repository root:  python eval/sets/unseen3/make_files_g.py
The texts live in g_texts.py next to this script; SOURCES_G.md says where each comes from and
which figures are real. Output is deterministic (the PDF carries a fixed creation date and the
DOCX fixed core-property dates).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import g_texts as t  # noqa: E402

OUT = HERE / "reports"
CN_NUMS = "一二三四五六七八九"


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.strip().splitlines() if ln.strip()]


def write_text(name: str, text: str, encoding: str = "utf-8") -> None:
    (OUT / name).write_bytes(text.encode(encoding))


def _is_heading(line: str) -> bool:
    return line[:2] in {f"{n}、" for n in CN_NUMS}


def write_pdf(name: str, text: str) -> None:
    """A multi-page A4 PDF in the built-in CID font STSong-Light, page numbers "- n -".
    The title (19 pt, centred) is long enough to wrap onto a second line."""
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
    lines = _lines(text)
    story = [Paragraph(html.escape(lines[0]), title), Spacer(1, 4 * mm)]
    for ln in lines[1:]:
        story.append(Paragraph(html.escape(ln), head if _is_heading(ln) else body))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 12)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(OUT / name), pagesize=A4, leftMargin=26 * mm,
                            rightMargin=26 * mm, topMargin=30 * mm, bottomMargin=25 * mm,
                            title=lines[0], creator="reportqa eval", invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def write_docx(name: str, text: str) -> None:
    import docx  # python-docx

    doc = docx.Document()
    lines = _lines(text)
    doc.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        if _is_heading(ln):
            doc.add_heading(ln, level=2)
        else:
            doc.add_paragraph(ln)
    fixed = datetime.datetime(2023, 3, 1, 9, 0, 0)
    doc.core_properties.title = lines[0]
    doc.core_properties.author = "阜城县司法局"
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed
    doc.save(str(OUT / name))
    _fix_zip_dates(OUT / name)


def _fix_zip_dates(path: Path) -> None:
    """Rewrite a DOCX (zip) with fixed member timestamps so the bytes are reproducible."""
    import io
    import zipfile

    with zipfile.ZipFile(path) as src:
        members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for fname, data in members:
            dst.writestr(zipfile.ZipInfo(fname, date_time=(2023, 3, 1, 9, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buf.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf("g01_changji_2024.pdf", t.CHANGJI_2024)
    write_text("g02_pingluo_2023.txt", t.PINGLUO_2023)
    write_text("g03_jiading_2022.md", t.JIADING_2022)
    write_text("g04_tianxin_2020.txt", t.TIANXIN_2020, "gbk")
    write_docx("g05_fucheng_2022.docx", t.FUCHENG_2022)


if __name__ == "__main__":
    main()
