"""Generate the unseen4-h evaluation reports (eval/sets/unseen4/reports/h*.*).

Run from the repository root:  python eval/sets/unseen4/make_files_h.py
The texts live in h_texts.py next to this script; SOURCES_H.md says where each comes from and
which figures are real. Output is deterministic (the PDF carries a fixed creation date, the DOCX
fixed core-property and zip-member dates, the HTML a fixed 发布时间).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import h_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_pdf, write_text

OUT = HERE / "reports"


def jingan_html(text: str) -> str:
    """The 静安区 report as a district-site article page: navigation, breadcrumbs, a 发布时间
    line before the title, print/share links, 责任编辑 and a footer."""
    title, body_html = html_title_and_body(text, indent=6)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_上海市静安区人民政府</title>
<meta name="keywords" content="法治政府建设,年度报告,静安区">
</head>
<body>
<div class="top-bar"><a href="/">上海静安</a> | <a href="/en/">English</a> | <a href="/wza/">无障碍</a> | 繁体</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/govxxgk/">政务公开</a></li>
    <li><a href="/bsfw/">办事服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjja/">走进静安</a></li>
  </ul>
</div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/govxxgk/">政务公开</a> &gt; <a href="/govxxgk/fzzf/">法治政府建设</a> &gt; 正文</div>
<div class="article">
  <div class="info">发布时间：2025-03-04　　来源：静安区司法局　　浏览次数：1862</div>
  <h1>{html.escape(title)}</h1>
  <div class="content">
{body_html}
  </div>
  <div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a> 分享到：微信 微博 QQ空间</div>
  <div class="editor">责任编辑：陈颖</div>
</div>
<div class="related">相关链接：<a href="#">2023年度静安区法治政府建设情况报告</a> <a href="#">静安区法治政府建设“十四五”规划</a></div>
<div class="footer">
  <p>主办：上海市静安区人民政府办公室　承办：静安区大数据中心</p>
  <p>版权所有 上海市静安区人民政府　沪ICP备2022000000号　网站标识码 3101060000</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "h01_jingan_2024.html", jingan_html(t.JINGAN_2024))
    write_pdf(OUT / "h02_eerduosi_2023.pdf", t.ORDOS_2023)
    write_docx(OUT / "h03_yanbian_2022.docx", t.YANBIAN_2022, "延边州司法局",
               datetime.datetime(2023, 3, 20, 9, 0, 0))
    write_text(OUT / "h04_qingliu_2020.txt", to_fullwidth(t.QINGLIU_2020.strip() + "\n"), "gbk")
    write_text(OUT / "h05_yangpu_2024.md", t.YANGPU_2024.strip() + "\n")


if __name__ == "__main__":
    main()
