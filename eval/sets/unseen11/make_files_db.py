"""Generate the unseen11-db evaluation reports (eval/sets/unseen11/reports/db*.*).

Run from the repository root:  python eval/sets/unseen11/make_files_db.py
The texts live in db_texts.py next to this script; SOURCES_DB.md says where each comes from and
which figures are real. Output is deterministic: the HTML carries a fixed 发布时间, the DOCX is
dated 2020-05-20 09:00 (core properties and zip members), the GBK text and the Markdown are the
bytes of fixed strings.
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import db_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"
DOCX_WHEN = datetime.datetime(2020, 5, 20, 9, 0, 0)


def dalian_html(text: str) -> str:
    """The 大连市 report as a city-site article page: top links, navigation, breadcrumbs, a
    来源/发布时间 line under the title, share and print links, related links and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{html.escape(title)}_大连市人民政府</title>
<meta name="SiteName" content="大连市人民政府">
<meta name="ColumnName" content="法治政府建设">
</head>
<body>
<div class="topbar">
  <span>欢迎访问大连市人民政府网站</span>
  <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/en/">English</a> | <a href="/jt/">简</a>/<a href="/ft/">繁</a>
</div>
<div class="banner"><div class="logo">大连市人民政府</div>
  <form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键字"><button>搜索</button></form>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">政民互动</a></li>
    <li><a href="/zjdl/">走进大连</a></li>
  </ul>
</div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjs/">法治政府建设</a> &gt; 正文</div>
<div class="main">
  <div class="article">
    <h1 class="title">{html.escape(title)}</h1>
    <div class="meta">来源：大连市司法局　　发布时间：2024-03-29 10:30　　浏览次数：<span id="hits">--</span>　　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
    <div class="content">
{body_html}
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
  <div class="related">
    <h4>相关信息</h4>
    <ul>
      <li><a href="#">大连市2022年法治政府建设情况报告</a></li>
      <li><a href="#">大连市重大行政决策事项目录（2023年度）</a></li>
    </ul>
  </div>
</div>
<div class="footer">
  <p><a href="/gywm/">关于我们</a> | <a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
  <p>主办：大连市人民政府办公室　承办：大连市政务服务中心</p>
  <p>网站标识码：2102000000　辽ICP备00000000号　辽公网安备 00000000000000号</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "db01_dalian_2023.html", dalian_html(t.DALIAN_2023))
    write_docx(OUT / "db02_tiedong_2019.docx", t.TIEDONG_2019, "铁东区人民政府办公室", DOCX_WHEN)
    write_text(OUT / "db03_dongliao_2022.txt", to_fullwidth(t.DONGLIAO_2022.strip() + "\n"), "gbk")
    write_text(OUT / "db04_keyouzhongqi_2024.md", t.KEYOUZHONGQI_2024.strip() + "\n")


if __name__ == "__main__":
    main()
