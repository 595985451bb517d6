"""Generate the unseen7-r evaluation reports (eval/sets/unseen7/reports/r*.*).

Run from the repository root:  python eval/sets/unseen7/make_files_r.py
The texts live in r_texts.py next to this script; SOURCES_R.md says where each comes from and
which figures are real. Output is deterministic (the DOCX carries fixed core-property and
zip-member dates, the HTML a fixed 发布日期).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import r_texts as t

from eval.sets.report_forms import html_title_and_body, is_heading, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"


def tonglu_html(text: str) -> str:
    """The 桐庐县 report as a county-site article page: header, navigation, breadcrumbs, a
    发布日期/访问次数/信息来源 block under the title, font-size and print links, and a footer."""
    title, body_html = html_title_and_body(
        text, indent=4, tag_of=lambda ln: "h3" if is_heading(ln) or ln.startswith("（") else "p")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="ColumnName" content="法治政府建设">
</head>
<body>
<div class="header">
  <div class="logo">桐庐县人民政府</div>
  <div class="search">请输入关键字 <a href="/search/">搜索</a></div>
  <div class="links"><a href="/wza/">无障碍</a> | <a href="/zxb/">长者版</a> | 繁体 | <a href="/rss/">RSS</a></div>
</div>
<div class="menu">
  <a href="/">首页</a> <a href="/col/zwgk/">政府信息公开</a> <a href="/col/zwfw/">政务服务</a>
  <a href="/col/hdjl/">互动交流</a> <a href="/col/zjtl/">走进桐庐</a>
</div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/col/zwgk/">政府信息公开</a> &gt; <a href="/col/fzzf/">法治政府建设</a></div>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <table class="meta"><tr><td>发布日期：2024-02-05</td><td>访问次数：</td><td>信息来源：县政府办公室</td></tr></table>
  <div class="font">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
  <div id="zoom">
{body_html}
  </div>
  <div class="actions"><a href="javascript:window.print()">打印本页</a> | <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/map/">网站地图</a> | <a href="/contact/">联系我们</a></p>
  <p>主办单位：桐庐县人民政府办公室　承办单位：桐庐县大数据发展中心</p>
  <p>浙ICP备00000000号-1　浙公网安备 33012202000000号　网站标识码：3301220000</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "r01_tonglu_2023.html", tonglu_html(t.TONGLU_2023))
    write_docx(OUT / "r02_lishui_2021.docx", t.LISHUI_2021, "丽水市司法局",
               datetime.datetime(2022, 3, 16, 10, 0, 0))
    write_text(OUT / "r03_kaifu_2020.txt", to_fullwidth(t.KAIFU_2020.strip() + "\n"), "gbk")
    write_text(OUT / "r04_chenzhou_2024.md", t.CHENZHOU_2024.strip() + "\n")


if __name__ == "__main__":
    main()
