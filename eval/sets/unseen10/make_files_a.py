"""Generate the unseen10-a evaluation reports (eval/sets/unseen10/reports/a*.*).

Run from the repository root:  python eval/sets/unseen10/make_files_a.py
The texts live in a_texts.py next to this script; SOURCES_A.md says where each comes from and
which figures are real. Output is deterministic (the HTML carries a fixed 发布时间, the DOCX is
dated with a fixed timestamp, the GBK text and the Markdown are plain bytes of fixed texts).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import a_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"
DOCX_WHEN = datetime.datetime(2024, 3, 1, 9, 30, 0)


def yichang_html(text: str) -> str:
    """The 宜昌市 report as a city-site article page: top links, navigation, breadcrumb, a
    栏目/发布时间 line under the title, share and print links, related links and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="宜昌市人民政府">
<meta name="ColumnName" content="通知公告">
<title>{html.escape(title)} - 宜昌市人民政府门户网站</title>
</head>
<body>
<div id="top">
  <span>欢迎访问宜昌市人民政府门户网站</span>
  <a href="/">设为首页</a> | <a href="/jianti/">简体</a> | <a href="/fanti/">繁體</a> | <a href="/wza/">无障碍</a> | <a href="/m/">移动版</a>
</div>
<div id="nav">
  <a href="/">首页</a>
  <a href="/zwgk/">政务公开</a>
  <a href="/bsfw/">办事服务</a>
  <a href="/hdjl/">互动交流</a>
  <a href="/zjyc/">走进宜昌</a>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a> &gt; 正文</div>
<div class="main">
  <div class="article">
    <h1 class="title">{html.escape(title)}</h1>
    <div class="meta">栏目：宜昌市人民政府办公室-通知公告　　发布时间：2021-02-02　　浏览次数：<span id="hits">2318</span></div>
    <div class="content" id="zoom">
{body_html}
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
  </div>
  <div class="related">
    <h4>相关链接</h4>
    <ul>
      <li><a href="#">宜昌市2019年法治政府建设年度报告</a></li>
      <li><a href="#">宜昌市获评首批全国法治政府建设示范市</a></li>
    </ul>
  </div>
</div>
<div id="footer">
  <p><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
  <p>主办：宜昌市人民政府办公室　承办：宜昌市大数据中心</p>
  <p>网站标识码：4205000000　鄂ICP备00000000号　鄂公网安备 42050000000000号</p>
</div>
</body>
</html>
"""


def kaifeng_md(text: str) -> str:
    """The 开封市司法局 summary as Markdown: "# title", a 发布日期/来源 line, the body as written
    (its ##/### headings, numbered lists and the data table)."""
    lines = text.strip().splitlines()
    head = f"# {lines[0].strip()}\n\n> 发布日期：2023-01-16　来源：开封市司法局\n"
    body, prev_table = [], False
    for ln in lines[1:]:
        is_table = ln.startswith("|")
        if body and not (is_table and prev_table):
            body.append("")  # a blank line between blocks, none inside the table
        body.append(ln)
        prev_table = is_table
    return head + "\n" + "\n".join(body) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "a01_yichang_2020.html", yichang_html(t.YICHANG_2020))
    write_docx(OUT / "a02_gushi_2023.docx", t.GUSHI_2023, "固始县人民政府办公室", DOCX_WHEN)
    write_text(OUT / "a03_shibei_2022.txt", to_fullwidth(t.SHIBEI_2022.strip() + "\n"), "gbk")
    write_text(OUT / "a04_kaifeng_2022.md", kaifeng_md(t.KAIFENG_2022))


if __name__ == "__main__":
    main()
