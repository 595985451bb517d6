"""Generate the unseen12-ea evaluation reports (eval/sets/unseen12/reports/ea*.*).

Run from the repository root:  python eval/sets/unseen12/make_files_ea.py
The texts live in ea_texts.py next to this script; SOURCES_EA.md says where each comes from and
which figures are real. Output is deterministic: the HTML carries a fixed 发布时间, the PDF is
built with invariant=1, the GBK text and the Markdown are the bytes of fixed strings.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import ea_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def handan_html(text: str) -> str:
    """The 邯郸市 report as a city-site article page: top bar, navigation, breadcrumb, an
    information table (索引号/发布机构/发布日期) above the title, print links and a footer."""
    title, body_html = html_title_and_body(text, indent=6)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_邯郸市人民政府</title>
<meta name="ColumnName" content="法治政府建设">
</head>
<body>
<div class="top">
  <span>邯郸市人民政府</span>
  <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/m/">移动版</a> | <a href="/login/">登录</a>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/hdzfxxgk/">政府信息公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjhd/">走进邯郸</a></li>
  </ul>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/hdzfxxgk/">政府信息公开</a> &gt; <a href="/hdzfxxgk/fzzfjs/">法治政府建设</a></div>
<table class="xxgk-info">
  <tr><td>索引号：</td><td>000014348/2023-00021</td><td>发布机构：</td><td>邯郸市人民政府</td></tr>
  <tr><td>主题分类：</td><td>法治政府建设</td><td>发布日期：</td><td>2023-02-08</td></tr>
</table>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="info">发布时间：2023-02-08 16:20　　来源：邯郸市司法局　　【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="content">
{body_html}
  </div>
  <div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer">
  <p><a href="/gywm/">关于我们</a> | <a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
  <p>主办：邯郸市人民政府办公室　网站标识码：1304000000　冀ICP备00000000号</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "ea01_handan_2022.html", handan_html(t.HANDAN_2022))
    write_pdf(OUT / "ea02_xinxian_2022.pdf", t.XINXIAN_2022)
    write_text(OUT / "ea03_xinzhou_2020.txt", to_fullwidth(t.XINZHOU_2020.strip() + "\n"), "gbk")
    write_text(OUT / "ea04_yanzhou_2023.md", t.YANZHOU_2023.strip() + "\n")


if __name__ == "__main__":
    main()
