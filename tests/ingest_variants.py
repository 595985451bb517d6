"""Builders for the same report in other shapes (GBK, UTF-16, HTML, DOCX, PDF) and for broken
files, shared by the ingest tests. Each builder writes into a directory it is given."""
from __future__ import annotations

import html
from pathlib import Path

from ingest.clean import is_metadata_line, split_page


def report_parts(raw: str) -> tuple[str, list[str], list[str]]:
    """(title, metadata lines such as '发布时间:2021-01-14', body paragraphs) of a sample page."""
    page = split_page(raw)
    return page.title, [ln for ln in page.header if is_metadata_line(ln)], page.body.split("\n")


def write_encoded(raw: str, path: Path, encoding: str) -> Path:
    path.write_bytes(raw.encode(encoding))
    return path


def write_html(raw: str, path: Path, encoding: str = "utf-8") -> Path:
    title, meta, paras = report_parts(raw)
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    info = "".join(f"<div class=\"info\">{html.escape(m)}</div>" for m in meta)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>{html.escape(title)}_政府在线</title>
<script>var tracker = "alert(1)"; function share() {{ return "分享到微信"; }}</script>
<style>.nav {{ color: red; }}</style></head>
<body>
<nav class="nav"><a href="/">首页</a> &gt; <a href="/gk">政务公开</a> &gt; <a href="/x">工作报告</a>
<ul><li><a href="/a">机构设置</a></li><li><a href="/b">政策法规</a></li><li><a href="/c">办事服务</a></li></ul></nav>
<div class="toolbar">轻触这里 关闭目录 【打印】【字体：大 中 小】</div>
<article>
<h1>{html.escape(title)}</h1>
{info}
{body}
</article>
<script>alert(1)</script>
<footer><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a>
<p>版权所有 &copy; 深圳市某区人民政府 粤ICP备00000000号</p></footer>
</body></html>"""
    path.write_bytes(page.encode(encoding))
    return path


def write_docx(raw: str, path: Path) -> Path:
    import docx

    title, meta, paras = report_parts(raw)
    document = docx.Document()
    if title:
        document.add_heading(title, level=1)
    table = document.add_table(rows=len(meta), cols=2)
    for row, line in zip(table.rows, meta):   # '发布时间:2021-01-14' -> a two-cell row
        label, _, value = line.partition(":")
        row.cells[0].text, row.cells[1].text = label + ":", value.strip()
    for p in paras:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def write_pdf(raw: str, path: Path, encrypt_with: str | None = None) -> Path:
    """A real CJK PDF (reportlab's built-in STSong-Light CID font, no font file needed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cjk", fontName="STSong-Light", fontSize=10.5, leading=16,
                           wordWrap="CJK")
    head = ParagraphStyle("head", parent=style, fontSize=15, leading=22)
    title, meta, paras = report_parts(raw)
    story = [Paragraph(html.escape(line), head if line == title else style)
             for line in [title, *meta] if line] + [Spacer(1, 8)]
    for p in paras:
        story += [Paragraph(html.escape(p), style), Spacer(1, 4)]
    kwargs = {}
    if encrypt_with:
        from reportlab.lib import pdfencrypt
        kwargs["encrypt"] = pdfencrypt.StandardEncryption(encrypt_with, canPrint=0)
    def page_number(canvas, doc):          # "- 2 -" footers, as printed reports have
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    SimpleDocTemplate(str(path), pagesize=A4, **kwargs).build(
        story, onFirstPage=page_number, onLaterPages=page_number)
    return path
