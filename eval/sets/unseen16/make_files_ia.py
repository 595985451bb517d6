"""Generate the unseen16-ia evaluation reports (eval/sets/unseen16/reports/ia*.*).

Run from the repository root:  python eval/sets/unseen16/make_files_ia.py
The texts live in ia_texts.py next to this script; SOURCES_IA.md says where each comes from and
which figures are real. Output is deterministic: the HTML carries a fixed 发布时间, the PDF is
built with invariant=1, the GBK text and the Markdown are plain bytes of fixed texts.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import ia_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def hedong_html(text: str) -> str:
    """The 河东区 report as a district-government article page: top bar, navigation,
    breadcrumbs, a 来源/发布时间 line under the title, share and print links, and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_天津市河东区人民政府</title>
<meta name="SiteName" content="天津市河东区人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="PubDate" content="2023-03-03 10:15">
</head>
<body>
<div class="topbar">
  <span>欢迎访问天津市河东区人民政府网站</span>
  <a href="/wza/">无障碍</a> | <a href="#">简体</a> | <a href="#">繁体</a> | <a href="/m/">移动版</a>
</div>
<div class="banner"><img src="/images/logo.png" alt="天津市河东区人民政府"></div>
<ul class="mainnav">
  <li><a href="/">首页</a></li>
  <li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zmhd/">政民互动</a></li>
  <li><a href="/bsfw/">办事服务</a></li>
  <li><a href="/zjhd/">走进河东</a></li>
</ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a> &gt; <a href="/zwgk/zcwj/bdwwj/">本单位文件</a> &gt; 正文</div>
<div class="detail">
  <h1 class="detail-title">{html.escape(title)}</h1>
  <div class="detail-info">
    <span>来源：河东区人民政府办公室</span>
    <span>发布时间：2023-03-03 10:15</span>
    <span>【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>
  </div>
  <div class="detail-content">
{body_html}
  </div>
  <div class="detail-tools">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="pager">上一篇：<a href="#">河东区2022年政府信息公开工作年度报告</a><br>下一篇：<a href="#">河东区优化营商环境三年行动方案</a></div>
<div class="footer">
  <p>主办：天津市河东区人民政府办公室　承办：天津市河东区政务服务办</p>
  <p>网站标识码：1200000000　津ICP备00000000号　津公网安备 12010200000000号</p>
  <p><a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sybz/">使用帮助</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "ia01_hedong_2022.html", hedong_html(t.HEDONG_2022))
    write_pdf(OUT / "ia02_changzhi_2023.pdf", t.CHANGZHI_2023)
    write_text(OUT / "ia03_xiping_2020.txt", to_fullwidth(t.XIPING_2020.strip() + "\n"), "gbk")
    write_text(OUT / "ia04_jimo_2024.md", t.JIMO_2024.strip() + "\n")


if __name__ == "__main__":
    main()
