"""Generate the unseen9-t evaluation reports (eval/sets/unseen9/reports/t*.*).

Run from the repository root:  python eval/sets/unseen9/make_files_t.py
The texts live in t_texts.py next to this script; SOURCES_T.md says where each comes from and
which figures are real. Output is deterministic (the HTML carries a fixed 发布时间, the DOCX is
dated by a fixed timestamp with its zip members re-dated, the Markdown and the GBK text are the
bytes of fixed texts).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import t_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"
DOCX_DATE = datetime.datetime(2024, 2, 28, 9, 30, 0)


def baoding_html(text: str) -> str:
    """The 保定市 report as a city-government article page: top links, a navigation bar,
    breadcrumbs, a 发布时间/来源 line, the body paragraphs (headings as <h3>), print/close tools,
    a share bar, related articles and a footer with the site's registration lines."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="保定市人民政府">
<meta name="ColumnName" content="政府信息公开">
<meta name="ArticleTitle" content="{html.escape(title)}">
<title>{html.escape(title)}_保定市人民政府</title>
</head>
<body>
<div class="top-bar">
  <span>今天是：2023年2月24日</span>
  <a href="/">返回首页</a> | <a href="/wza/">无障碍</a> | <a href="/lhb/">长者模式</a> | <a href="/en/">English</a>
</div>
<div class="header"><div class="site-name">保定市人民政府</div>
  <form class="search" action="/search/"><input name="q" placeholder="请输入关键字"><button>搜索</button></form>
</div>
<ul class="main-nav">
  <li><a href="/">首页</a></li>
  <li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">政民互动</a></li>
  <li><a href="/zjbd/">走进保定</a></li>
</ul>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fdzdgknr/">法定主动公开内容</a> &gt; 正文</div>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="meta">发布时间：2023-02-24 10:15　　来源：保定市人民政府办公室　　浏览次数：<span id="hits">--</span></div>
  <div class="article-body">
{body_html}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
  <div class="tools"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></div>
</div>
<div class="related">
  <h4>相关链接</h4>
  <ul>
    <li><a href="#">保定市人民政府关于保定市2021年度法治政府建设情况的报告</a></li>
    <li><a href="#">保定市法治政府建设示范创建工作方案</a></li>
  </ul>
</div>
<div class="footer">
  <p><a href="/about/">关于本站</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p>
  <p>主办：保定市人民政府办公室　承办：保定市政务服务和数据管理局</p>
  <p>网站标识码：1306000000　冀ICP备00000000号　冀公网安备 00000000000000号</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "t01_baoding_2022.html", baoding_html(t.BAODING_2022))
    write_docx(OUT / "t02_xiangfang_2023.docx", t.XIANGFANG_2023, "香坊区司法局", DOCX_DATE)
    write_text(OUT / "t03_changhai_2020.md", t.CHANGHAI_2020.strip() + "\n")
    write_text(OUT / "t04_tielingxian_2021.txt", to_fullwidth(t.TIELINGXIAN_2021.strip() + "\n"), "gbk")


if __name__ == "__main__":
    main()
