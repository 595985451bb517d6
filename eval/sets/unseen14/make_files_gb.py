"""Generate the unseen14-gb evaluation reports (eval/sets/unseen14/reports/gb*.*).

Run from the repository root:  python eval/sets/unseen14/make_files_gb.py
The texts live in gb_texts.py next to this script; SOURCES_GB.md says where each comes from
and which figures are real. Output is deterministic: the HTML carries a fixed 发布时间, the PDF
is built with invariant=1, the GBK text and the Markdown are plain bytes of fixed texts.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import gb_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def keqiao_html(text: str) -> str:
    """The 柯桥区 report as a district-government information-disclosure page: top links, a
    navigation bar, breadcrumbs, an index-number metadata table above the article, a
    发布时间/信息来源 line, print/close links, related articles and a footer."""
    title, body_html = html_title_and_body(text, indent=6)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} - 绍兴市柯桥区人民政府</title>
<meta name="SiteName" content="绍兴市柯桥区人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
</head>
<body>
<div class="top">
  <span>欢迎访问绍兴市柯桥区人民政府门户网站</span>
  <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/m/">移动版</a> | <a href="/en/">English</a>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政府信息公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">政民互动</a></li>
    <li><a href="/zjkq/">走进柯桥</a></li>
  </ul>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设年度报告</a></div>
<table class="meta">
  <tr><td>索引号：</td><td>00258207-5/2022-59041</td><td>公开方式：</td><td>主动公开</td></tr>
  <tr><td>发布机构：</td><td>区政府办（外事办）</td><td>发文日期：</td><td>2022-03-28</td></tr>
  <tr><td>组配分类：</td><td>法治政府建设年度报告</td><td>文件编码：</td><td></td></tr>
</table>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="info">发布时间：2022-03-28 14:25　　信息来源：区政府办（外事办）　　访问次数：</div>
  <div class="content">
{body_html}
  </div>
  <div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">
  <h4>相关信息</h4>
  <ul>
    <li><a href="#">绍兴市柯桥区2020年法治政府建设年度报告</a></li>
    <li><a href="#">柯桥区“大综合一体化”行政执法改革实施方案政策解读</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：绍兴市柯桥区人民政府办公室　承办：绍兴市柯桥区大数据发展管理中心</p>
  <p>网站标识码：3306210000　浙ICP备00000000号　<a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "gb01_keqiao_2021.html", keqiao_html(t.KEQIAO_2021))
    write_text(OUT / "gb02_fuliang_2022.txt", to_fullwidth(t.FULIANG_2022.strip() + "\n"), "gbk")
    write_pdf(OUT / "gb03_anqing_2023.pdf", t.ANQING_2023)
    write_text(OUT / "gb04_taixing_2024.md", t.TAIXING_2024.strip() + "\n")


if __name__ == "__main__":
    main()
