"""Regenerate helper fresh-a's second-set report files (reports/c*.*) from bodies_c/*.body.

Run from the repository root:  python eval/sets/unseen2/make_files_c.py
Each body is UTF-8 text, one paragraph or heading per line; the first line is the title.
The output is deterministic (the PDF is written with reportlab's invariant mode).
"""
from __future__ import annotations

import html
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
BODIES = HERE / "bodies_c"
OUT = HERE / "reports"

# file stem -> output form
FORMATS = {
    "c01_zhaoxian_2022": "gbk",
    "c02_taoyuan_2017": "html",
    "c03_jilinshi_2021": "md",
    "c04_jilinshi_2022": "docx",
    "c05_dadong_2022": "pdf",
    "c06_shuangcheng_2021": "txt",
    "c07_baoshan_2023": "txt",
    "c08_shenyang_2021": "txt",
}

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")

_HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}-桃源县人民政府</title></head>
<body>
<div class="topbar">桃源县人民政府门户网站 | 设为首页 | 加入收藏 | 无障碍浏览 | 手机版</div>
<ul class="nav"><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjty/">走进桃源</a></li></ul>
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 依法行政 &gt; 法治政府建设</div>
<div class="info">文章来源：县政府法制办　发布时间：2017年12月13日　点击数：736　字号：【小】【大】</div>
<div class="content">
{paras}
</div>
<div class="share">分享到：微信 微博 QQ空间　【打印本页】【关闭窗口】</div>
<div class="links"><h4>相关文章</h4><ul>
<li><a href="#">桃源县2016年度法治政府建设情况报告</a></li>
<li><a href="#">关于开展“七五”普法中期督查的通知</a></li>
<li><a href="#">桃源县行政执法主体资格清理结果公告</a></li></ul></div>
<div class="footer">主办：桃源县人民政府办公室　承办：桃源县政务信息中心<br>
湘ICP备05008431号　湘公网安备43072502000123号　网站标识码：4307250001<br>
地址：桃源县漳江镇　联系电话：0736-6622345</div>
</body></html>
"""


def _lines(stem: str) -> list[str]:
    text = (BODIES / f"{stem}.body").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_txt(stem: str, encoding: str = "utf-8") -> None:
    (OUT / f"{stem}.txt").write_text("\n\n".join(_lines(stem)) + "\n", encoding=encoding)


def write_md(stem: str) -> None:
    text = (BODIES / f"{stem}.body").read_text(encoding="utf-8")
    (OUT / f"{stem}.md").write_text(text, encoding="utf-8")


def write_html(stem: str) -> None:
    lines = _lines(stem)
    paras = "\n".join(f"<h1>{html.escape(ln)}</h1>" if i == 0 else f"<p>{html.escape(ln)}</p>"
                      for i, ln in enumerate(lines))
    (OUT / f"{stem}.html").write_text(_HTML.format(title=lines[0], paras=paras), encoding="utf-8")


def write_docx(stem: str) -> None:
    import docx  # python-docx

    doc = docx.Document()
    lines = _lines(stem)
    doc.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        if _HEADING.match(ln) and len(ln) < 40:
            doc.add_heading(ln, level=2 if ln[0] != "（" else 3)
        else:
            doc.add_paragraph(ln)
    doc.core_properties.title = lines[0]
    doc.save(str(OUT / f"{stem}.docx"))


def write_pdf(stem: str) -> None:
    """A4 PDF in reportlab's built-in CID font STSong-Light, page numbers "- n -"."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=26,
                          firstLineIndent=28, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, firstLineIndent=0, spaceBefore=8, spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=19, leading=30, firstLineIndent=0,
                           alignment=1, spaceAfter=12)
    lines = _lines(stem)
    story = [Paragraph(html.escape(lines[0]), title), Spacer(1, 4 * mm)]
    for ln in lines[1:]:
        short_head = _HEADING.match(ln) and len(ln) < 40
        story.append(Paragraph(html.escape(ln), head if short_head else body))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 11)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(OUT / f"{stem}.pdf"), pagesize=A4, leftMargin=26 * mm,
                            rightMargin=26 * mm, topMargin=30 * mm, bottomMargin=25 * mm,
                            title=lines[0], creator="reportqa eval", invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, form in FORMATS.items():
        if form == "gbk":
            write_txt(stem, "gbk")
        elif form == "txt":
            write_txt(stem)
        elif form == "md":
            write_md(stem)
        elif form == "html":
            write_html(stem)
        elif form == "docx":
            write_docx(stem)
        else:
            write_pdf(stem)


if __name__ == "__main__":
    main()
