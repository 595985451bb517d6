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
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import d_texts as t

from eval.sets.report_forms import (
    is_heading,
    text_lines,
    to_fullwidth,
    write_pdf,
    write_text,
)

OUT = HERE / "reports"


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
    lines = text_lines(text)
    paras = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:])
    write_text(OUT / name, HTML_PAGE.format(title=html.escape(lines[0]), paras=paras))


def write_docx(name: str, text: str) -> None:
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
    doc.save(str(OUT / name))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "d01_xiwuqi_2024.txt", t.XIWUQI_2024)
    write_pdf(OUT / "d02_qianxinan_2020.pdf", t.QIANXINAN_2020)
    write_html("d03_jiangnan_2022.html", t.JIANGNAN_2022)
    write_text(OUT / "d04_jiangnan_2021.txt", t.JIANGNAN_2021, "gbk")
    write_docx("d05_xishan_2022.docx", t.XISHAN_2022)
    write_text(OUT / "d06_jinping_2024.txt", to_fullwidth(t.JINPING_2024))
    write_text(OUT / "d07_urumqi_2024.md", t.URUMQI_2024)
    write_text(OUT / "d08_wuhua_2019.txt", t.WUHUA_2019)


if __name__ == "__main__":
    main()
