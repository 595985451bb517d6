"""Generate the unseen8-w evaluation reports (eval/sets/unseen8/reports/w*.*).

Run from the repository root:  python eval/sets/unseen8/make_files_w.py
The texts live in w_texts.py next to this script; SOURCES_W.md says where each comes from and
which figures are real. Output is deterministic (the HTML carries a fixed 发布时间, the DOCX
fixed core-property and zip dates, the GBK text and the Markdown are plain bytes of fixed texts).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import w_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"


def huangshan_html(text: str) -> str:
    """The 黄山市 report as a city-government article page: top links, navigation, a
    "当前位置" breadcrumb, an info table (索引号, 发布机构, 发布日期) over the title, a share/print
    bar, related links and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_黄山市人民政府</title>
<meta name="SiteName" content="黄山市人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
</head>
<body>
<div class="top">
  <span>欢迎访问黄山市人民政府网站</span>
  <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/en/">English</a> | <a href="/m/">移动版</a>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zmhd/">政民互动</a></li>
    <li><a href="/bsfw/">办事服务</a></li>
    <li><a href="/zjhs/">走进黄山</a></li>
  </ul>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设年度报告</a></div>
<div class="detail">
  <table class="meta">
    <tr><td>索引号：</td><td>11341000003129573D/202203-00021</td><td>信息分类：</td><td>法治政府建设</td></tr>
    <tr><td>发布机构：</td><td>黄山市人民政府办公室</td><td>发布日期：</td><td>2022-03-15</td></tr>
  </table>
  <h1>{html.escape(title)}</h1>
  <div class="info">发布时间：2022-03-15 09:30　　阅读次数：<span>1268</span>　　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="article-content">
{body_html}
  </div>
  <div class="share">分享到：微信 微博 QQ空间　　<a href="javascript:window.print()">【打印】</a>　<a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">
  <h4>相关信息</h4>
  <ul>
    <li><a href="#">黄山市人民政府2020年度法治政府建设情况报告</a></li>
    <li><a href="#">黄山市法治政府建设实施方案（2021—2025年）</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：黄山市人民政府办公室　承办：黄山市数据资源管理局</p>
  <p>网站标识码：3410000001　皖ICP备00000000号　<a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "w01_huangshan_2021.html", huangshan_html(t.HUANGSHAN_2021))
    write_docx(OUT / "w02_xingguo_2022.docx", t.XINGGUO_2022, "兴国县司法局",
               datetime.datetime(2023, 2, 24, 9, 0, 0))
    write_text(OUT / "w03_tengzhou_2021.txt", to_fullwidth(t.TENGZHOU_2021.strip() + "\n"), "gbk")
    write_text(OUT / "w04_changqing_2023.md", t.CHANGQING_2023.strip() + "\n")


if __name__ == "__main__":
    main()
