"""Generate the unseen-b evaluation reports (eval/sets/unseen/reports/b*.{txt,md,pdf,html}).

Run from the repository root:  python eval/sets/unseen/make_files_b.py
The report texts live in texts_b1.py .. texts_b3.py next to this script; SOURCES_B.md says
where each one comes from. Output is deterministic (the PDFs carry a fixed creation date).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import texts_b1 as t1  # noqa: E402
import texts_b2 as t2  # noqa: E402
import texts_b3 as t3  # noqa: E402

OUT = HERE / "reports"


def write_text(name: str, text: str, encoding: str = "utf-8") -> None:
    (OUT / name).write_bytes(text.encode(encoding))


def _is_heading(line: str) -> bool:
    return line[:2] in {f"{n}、" for n in "一二三四五六七八九"}


def write_pdf(name: str, text: str) -> None:
    """A multi-page A4 PDF in the built-in CID font STSong-Light, page numbers "— n —"."""
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
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=32,
                           firstLineIndent=0, alignment=1, spaceAfter=12)
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    story = [Paragraph(html.escape(lines[0]), title), Spacer(1, 4 * mm)]
    for ln in lines[1:]:
        story.append(Paragraph(html.escape(ln), head if _is_heading(ln) else body))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 12)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(OUT / name), pagesize=A4, leftMargin=25 * mm,
                            rightMargin=25 * mm, topMargin=28 * mm, bottomMargin=25 * mm,
                            title=lines[0], creator="reportqa eval", invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


HTML_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_包头市人民政府</title>
<meta name="keywords" content="法治政府建设,年度报告,包头">
<link rel="stylesheet" href="/images/common.css">
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="top-bar"><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/en">English</a> | <a href="/mgl">ᠮᠣᠩᠭᠣᠯ</a> | 长者模式</div>
<div class="header"><img src="/images/logo.png" alt="包头市人民政府"></div>
<ul class="nav">
<li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/zjbt">走进包头</a></li>
</ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zwgk/fzzf">法治政府建设</a> &gt; 正文</div>
<div class="article">
<div class="meta">发布时间：2023-03-28 16:05　来源：包头市司法局　浏览次数：<span id="hits">2316</span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
"""

HTML_TAIL = """<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="/info/2054/240001.htm">包头市2021年法治政府建设情况报告</a></li>
<li><a href="/info/2054/267413.htm">包头市2024年法治政府建设情况报告</a></li>
<li><a href="/info/2054/250111.htm">包头市政府信息公开工作年度报告</a></li>
</ul></div>
<div class="footer">
<p><a href="/gywm">关于我们</a> | <a href="/wzdt">网站地图</a> | <a href="/lxwm">联系我们</a></p>
<p>主办：包头市人民政府办公室　承办：包头市大数据中心</p>
<p>网站标识码：1502000001　<a href="https://beian.miit.gov.cn">蒙ICP备05003165号</a>　蒙公网安备 15020702000101号</p>
</div>
</body>
</html>
"""


def write_html(name: str, blocks: list[tuple[str, str]]) -> None:
    parts = [HTML_HEAD.format(title=html.escape(blocks[0][1]))]
    for tag, text in blocks:
        parts.append(f"<{tag}>{html.escape(text)}</{tag}>\n")
    parts.append(HTML_TAIL)
    write_text(name, "".join(parts))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text("b01_hengxian_2020.txt", t1.HENGXIAN_2020, "gbk")
    write_text("b02_liuchengxian_2023.md", t1.LIUCHENG_2023)
    write_pdf("b03_wuzhou_2018.pdf", t1.WUZHOU_2018)
    write_text("b04_lanzhou_2020.txt", t1.LANZHOU_2020)
    write_html("b05_baotou_2022.html", t1.BAOTOU_2022)
    write_text("b06_yinchuan_2018.txt", t2.YINCHUAN_2018)
    write_text("b07_shuimogou_2022.md", t2.SHUIMOGOU_2022)
    write_text("b08_huhehaote_2024.txt", t2.HUHEHAOTE_2024)
    write_pdf("b09_zhongwei_2020.pdf", t2.ZHONGWEI_2020)
    write_text("b10_luquan_2015.txt", t2.LUQUAN_2015)
    write_text("b11_linhe_2024.txt", t3.LINHE_2024)
    write_text("b12_nanming_2021.txt", t3.NANMING_2021)
    write_text("b13_wanxiu_2019.txt", t3.WANXIU_2019)


if __name__ == "__main__":
    main()
