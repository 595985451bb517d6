"""Generate the unseen15-hb evaluation reports (eval/sets/unseen15/reports/hb*.*).

Run from the repository root:  python eval/sets/unseen15/make_files_hb.py
The texts live in hb_texts.py next to this script; SOURCES_HB.md says where each comes from and
which figures are real. Output is deterministic (the PDF is built with invariant=1, the DOCX carries
fixed core-property and zip-member dates, the HTML a fixed 发布时间, the Markdown is the bytes of a
fixed text).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import hb_texts as t

from eval.sets.report_forms import html_title_and_body, write_docx, write_pdf, write_text

OUT = HERE / "reports"
ZHENNING_DATE = datetime.datetime(2023, 2, 20, 9, 30, 0)


def gucheng_html(text: str) -> str:
    """The 古城区 report as a district-site article page: top links, a channel menu, a
    "当前位置" breadcrumb, a 信息来源/发布日期/浏览次数 line, a share bar, 上一篇/下一篇 links and a
    footer with the site's 主办/承办 lines."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(title)} - 丽江市古城区人民政府</title>
<meta name="SiteName" content="丽江市古城区人民政府">
<meta name="ColumnName" content="法治政府建设">
<meta name="PubDate" content="2023-03-15 10:42">
</head>
<body>
<div class="top">
  <span>欢迎访问丽江市古城区人民政府门户网站</span>
  <a href="/">设为首页</a> | <a href="/">加入收藏</a> | <a href="/wza/">无障碍</a> | <a href="/en/">English</a>
</div>
<div class="banner"><img src="/images/logo.png" alt="丽江市古城区人民政府"></div>
<div class="menu">
  <a href="/">网站首页</a>
  <a href="/xljgcq/zwgk/">政务公开</a>
  <a href="/xljgcq/zwfw/">政务服务</a>
  <a href="/xljgcq/gzhd/">公众互动</a>
  <a href="/xljgcq/zjgc/">走进古城</a>
  <a href="/xljgcq/ztzl/">专题专栏</a>
</div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xljgcq/zwgk/">政务公开</a> &gt; <a href="/xljgcq/c101518/">法治政府建设</a></div>
<div class="main">
  <div class="detail">
    <h2 class="title">{html.escape(title)}</h2>
    <div class="property">信息来源：古城区司法局　发布日期：2023-03-15　浏览次数：<span id="views">1832</span></div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
    <div class="content">
{body_html}
    </div>
    <div class="page-link">
      <p>上一篇：<a href="#">古城区2022年政府信息公开工作年度报告</a></p>
      <p>下一篇：<a href="#">古城区开展“八五”普法中期自查工作</a></p>
    </div>
  </div>
</div>
<div class="footer">
  <p>主办：丽江市古城区人民政府办公室　承办：古城区融媒体中心</p>
  <p>网站标识码：5307020001　滇ICP备00000000号-1　滇公网安备 53070202000000号</p>
  <p><a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/smsm/">使用帮助</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "hb01_gucheng_2022.html", gucheng_html(t.GUCHENG_2022))
    write_docx(OUT / "hb02_zhenning_2022.docx", t.ZHENNING_2022, "镇宁自治县司法局", ZHENNING_DATE)
    write_pdf(OUT / "hb03_shaoguan_2024.pdf", t.SHAOGUAN_2024)
    write_text(OUT / "hb04_longyan_2023.md", t.LONGYAN_2023.strip() + "\n")


if __name__ == "__main__":
    main()
