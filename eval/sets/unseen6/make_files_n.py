"""Generate the unseen6-n evaluation reports (eval/sets/unseen6/reports/n*.*).

Run from the repository root:  python eval/sets/unseen6/make_files_n.py
The texts live in n_texts.py next to this script; SOURCES_N.md says where each comes from and
which figures are real. Output is deterministic (the PDF is built with ``invariant=1``, the HTML
carries a fixed 发布时间, the text files have no dates of their own).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import n_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def dongcheng_html(text: str) -> str:
    """The 东城区 report as an article page of the district site: top bar, navigation,
    breadcrumbs, a 发布时间/来源 line, font-size and print links, 责任编辑 and a footer."""
    title, body_html = html_title_and_body(text, indent=4)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}_北京市东城区人民政府网站</title>
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="2024-03-27 10:00">
<meta name="ContentSource" content="东城区司法局">
</head>
<body>
<div class="topbar">欢迎访问北京市东城区人民政府网站 | <a href="/wza/">无障碍浏览</a> | <a href="/lnb/">长者版</a> | <a href="/big5/">繁體</a> | <a href="/search/">搜索</a></div>
<div class="header"><img src="/images/logo.png" alt="北京市东城区人民政府"></div>
<ul class="nav">
  <li><a href="/">首页</a></li>
  <li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjy/">互动交流</a></li>
  <li><a href="/zjdc/">走进东城</a></li>
</ul>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjs/">法治政府建设</a> &gt; <a href="/zwgk/fzzfjs/ndbg/">年度报告</a></div>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="meta">发布时间：2024-03-27　来源：东城区司法局　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
  <div class="TRS_Editor">
{body_html}
  </div>
  <div class="share">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】 分享：微信 微博</div>
  <div class="editor">【责任编辑：刘思远】</div>
</div>
<div class="links">相关阅读：<a href="#">东城区2022年法治政府建设年度情况报告</a> <a href="#">东城区法治政府建设实施方案（2021—2025年）</a></div>
<div class="footer">
  <p>主办：北京市东城区人民政府办公室　技术支持：东城区政务服务和数据管理局</p>
  <p>京ICP备05000000号　京公网安备11010102000000号　网站标识码：1101010000</p>
  <p>地址：北京市东城区钱粮胡同3号　邮编：100010</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "n01_beijing_2021.pdf", t.BEIJING_2021)
    write_text(OUT / "n02_dongcheng_2023.html", dongcheng_html(t.DONGCHENG_2023))
    write_text(OUT / "n03_jinghai_2020.txt", to_fullwidth(t.JINGHAI_2020.strip() + "\n"), "gbk")
    write_text(OUT / "n04_jinnan_2024.md", t.JINNAN_2024.strip() + "\n")


if __name__ == "__main__":
    main()
