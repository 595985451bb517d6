"""Generate the unseen13-fa evaluation reports (eval/sets/unseen13/reports/fa*.*).

Run from the repository root:  python eval/sets/unseen13/make_files_fa.py
The texts live in fa_texts.py next to this script; SOURCES_FA.md says where each comes from and
which figures are real. Output is deterministic (the HTML carries a fixed 发布时间, the DOCX fixed
dates, the GBK text and the Markdown are plain bytes of fixed texts).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import fa_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"


def anshan_html(text: str) -> str:
    """The 鞍山市 report as a city-government article page: top links, navigation, breadcrumbs,
    an info line (文号, 来源, 发布时间), share/print links, related articles and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_鞍山市人民政府</title>
<meta name="SiteName" content="鞍山市人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="PubDate" content="2023-03-10 09:30">
</head>
<body>
<div class="top">
  <span>欢迎访问鞍山市人民政府门户网站</span>
  <a href="/wza/">无障碍</a> <a href="/ft/">繁体</a> <a href="/m/">移动版</a> <a href="/en/">English</a>
</div>
<div class="banner"><img src="/images/logo.png" alt="鞍山市人民政府"></div>
<ul class="menu">
  <li><a href="/">首页</a></li>
  <li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/zjas/">走进鞍山</a></li>
</ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjs/">法治政府建设</a> &gt; 正文</div>
<div class="main">
  <div class="art-title">{html.escape(title)}</div>
  <div class="art-info">文号：鞍委〔2023〕20号　来源：鞍山市人民政府办公室　发布时间：2023-03-10 09:30　浏览次数：<span id="hits"></span></div>
  <div class="art-share">分享到：<a href="#">微信</a> <a href="#">微博</a>　【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="art-body">
{body_html}
  </div>
  <div class="art-tools"><a href="javascript:window.print()">打印</a> | <a href="javascript:window.close()">关闭</a></div>
</div>
<div class="related">
  <h4>相关链接</h4>
  <ul>
    <li><a href="#">鞍山市2021年度法治政府建设情况报告</a></li>
    <li><a href="#">鞍山市行政执法突出问题专项整治实施方案</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：鞍山市人民政府办公室　承办：鞍山市大数据管理局</p>
  <p>网站标识码：2103000000　辽ICP备00000000号　辽公网安备 00000000000000号</p>
  <p><a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/yssm/">隐私声明</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "fa01_anshan_2022.html", anshan_html(t.ANSHAN_2022))
    write_text(OUT / "fa02_suibin_2024.txt", to_fullwidth(t.SUIBIN_2024.strip() + "\n"), "gbk")
    write_docx(OUT / "fa03_yuanbaoshan_2021.docx", t.YUANBAOSHAN_2021, "元宝山区司法局",
               datetime.datetime(2022, 2, 8, 9, 30, 0))
    write_text(OUT / "fa04_daxinganling_2023.md", t.DAXINGANLING_2023.strip() + "\n")


if __name__ == "__main__":
    main()
