"""Generate the unseen2-d evaluation reports (eval/sets/unseen2/reports/d*.*).

Run from the repository root:  python eval/sets/unseen2/make_files_d.py
The texts live in d_texts.py next to this script; SOURCES_D.md says where each comes from and
which figures are real. Output is deterministic (the PDF carries a fixed creation date).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import d_texts as t  # noqa: E402

OUT = HERE / "reports"
CN_NUMS = "一二三四五六七八九"


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.strip().splitlines() if ln.strip()]


def write_text(name: str, text: str, encoding: str = "utf-8") -> None:
    (OUT / name).write_bytes(text.encode(encoding))


def to_fullwidth(text: str) -> str:
    """ASCII digits, '.' and '%' to their full-width forms (U+FF0E, U+FF05, U+FF10..)."""
    return "".join(chr(ord(c) + 0xFEE0) if (c.isdigit() and c.isascii()) or c in ".%" else c
                   for c in text)


def _is_heading(line: str) -> bool:
    return line[:2] in {f"{n}、" for n in CN_NUMS}


def write_pdf(name: str, text: str) -> None:
    """A multi-page A4 PDF in the built-in CID font STSong-Light, page numbers "- n -"."""
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


HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - 南宁市江南区人民政府门户网站</title>
<link rel="stylesheet" href="/statics/css/style.css">
<script src="/statics/js/jquery-1.12.4.min.js"></script>
</head>
<body>
<div class="topbar"><span>今天是：<span id="today"></span></span> <a href="/">设为首页</a> | <a href="/">加入收藏</a> | <a href="/wza/">无障碍浏览</a> | <a href="/old/">长者模式</a></div>
<div class="logo"><img src="/statics/images/logo.png" alt="南宁市江南区人民政府门户网站"></div>
<ul class="menu">
<li><a href="/">首页</a></li><li><a href="/zwdt/">政务动态</a></li><li><a href="/xxgk/">政府信息公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjjn/">走进江南</a></li>
</ul>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/fzzfgzbg/">法治政府工作报告</a></div>
<div class="content">
<h1>{title}</h1>
<div class="info">发布时间：2023-03-29 16:27　　来源：江南区司法局　　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】　<a href="javascript:window.print()">打印</a></div>
<div class="TRS_Editor">
{paras}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
</div>
<div class="xglj"><h3>相关信息</h3><ul>
<li><a href="/xxgk/fzzfgzbg/t4978612.html">江南区人民政府2021年法治政府建设工作报告</a></li>
<li><a href="/xxgk/zfxxgknb/t5512094.html">南宁市江南区人民政府2022年政府信息公开工作年度报告</a></li>
<li><a href="/zwdt/t5530311.html">江南区召开2023年全面依法治区工作会议</a></li>
</ul></div>
<div class="footer">
<p><a href="/about/">关于我们</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a> | <a href="/sm/">使用帮助</a></p>
<p>主办：南宁市江南区人民政府办公室　地址：南宁市江南区星光大道　电话：0771-4829000</p>
<p>网站标识码：4501050001　<a href="https://beian.miit.gov.cn/">桂ICP备12001234号-1</a>　桂公网安备 45010502000123号</p>
</div>
</body>
</html>
"""


def write_html(name: str, text: str) -> None:
    lines = _lines(text)
    paras = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:])
    write_text(name, HTML_PAGE.format(title=html.escape(lines[0]), paras=paras))


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
    doc.core_properties.title = lines[0]
    doc.save(str(OUT / name))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text("d01_xiwuqi_2024.txt", t.XIWUQI_2024)
    write_pdf("d02_qianxinan_2020.pdf", t.QIANXINAN_2020)
    write_html("d03_jiangnan_2022.html", t.JIANGNAN_2022)
    write_text("d04_jiangnan_2021.txt", t.JIANGNAN_2021, "gbk")
    write_docx("d05_xishan_2022.docx", t.XISHAN_2022)
    write_text("d06_jinping_2024.txt", to_fullwidth(t.JINPING_2024))
    write_text("d07_urumqi_2024.md", t.URUMQI_2024)
    write_text("d08_wuhua_2019.txt", t.WUHUA_2019)


if __name__ == "__main__":
    main()
