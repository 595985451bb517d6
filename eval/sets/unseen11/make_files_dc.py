"""Generate the unseen11-dc evaluation reports (eval/sets/unseen11/reports/dc*.*).

Run from the repository root:  python eval/sets/unseen11/make_files_dc.py
The texts live in dc_texts.py next to this script; SOURCES_DC.md says where each comes from and
which figures are real. Output is deterministic (the HTML carries a fixed 发布日期, the DOCX has
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

import dc_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"
DOCX_DATE = datetime.datetime(2024, 3, 18, 9, 30, 0)


def nansha_html(text: str) -> str:
    """The 南沙区 report as a district-site article page: top links, navigation, a "您现在的位置"
    breadcrumb, a 来源/发布日期 line under the title, font-size links, share and print links,
    related articles and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} - 广州市南沙区人民政府网站</title>
<meta name="SiteName" content="广州市南沙区人民政府">
<meta name="ColumnName" content="区法治政府建设报告">
<meta name="PubDate" content="2025-01-22 10:15">
</head>
<body>
<div class="top-bar">
  <span>网站支持IPv6</span>
  <a href="/">明珠湾区</a> | <a href="/en/">English</a> | <a href="#">简体版</a> | <a href="#">繁体版</a> | <a href="/wza/">无障碍浏览</a> | <a href="#">长者助手</a> | <a href="/login/">登录</a>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">政民互动</a></li>
    <li><a href="/tzns/">投资南沙</a></li>
    <li><a href="/zjns/">走进南沙</a></li>
  </ul>
</div>
<div class="location">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjs/">法治政府建设</a> &gt; <a href="/zwgk/fzzfjs/qfzzfjs/">区法治政府建设报告</a></div>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="meta">来源：广州市南沙区司法局　发布日期：2025-01-22　【浏览字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
  <div class="content">
{body_html}
  </div>
  <div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">
  <h4>相关链接</h4>
  <ul>
    <li><a href="#">广州市南沙区2023年法治政府建设情况报告</a></li>
    <li><a href="#">南沙区行政复议工作指引</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：广州市南沙区人民政府办公室　承办：广州市南沙区政务服务数据管理局</p>
  <p>网站标识码：4401150000　粤ICP备00000000号　粤公网安备00000000000000号</p>
  <p><a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/smsm/">隐私声明</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "dc01_nansha_2024.html", nansha_html(t.NANSHA_2024))
    write_docx(OUT / "dc02_ganzhou_2023.docx", t.GANZHOU_2023, author="赣州市司法局", when=DOCX_DATE)
    write_text(OUT / "dc03_yueyangxian_2021.txt", to_fullwidth(t.YUEYANG_2021.strip() + "\n"), "gbk")
    write_text(OUT / "dc04_changshaxian_2020.md", t.CHANGSHA_2020.strip() + "\n")


if __name__ == "__main__":
    main()
