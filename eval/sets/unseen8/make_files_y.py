"""Generate the unseen8-y evaluation reports (eval/sets/unseen8/reports/y*.*).

Run from the repository root:  python eval/sets/unseen8/make_files_y.py
The texts live in y_texts.py next to this script; SOURCES_Y.md says where each comes from and
which figures are real. Output is deterministic (the PDF is built with invariant=1, the HTML
carries a fixed 发布时间, the GBK text and the Markdown are plain bytes of fixed texts).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import y_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def _is_subheading(line: str) -> bool:
    """A second-level heading: "（一）…" to "（九）…"."""
    return line[:3] in {f"（{n}）" for n in "一二三四五六七八九"}


def yongan_html(text: str) -> str:
    """The 永安市 report as a government information-disclosure page: top links, navigation,
    breadcrumbs, the 索引号/文号/发布机构 metadata table, a 发布时间 line, h3/h4 headings, a
    print bar and a footer."""
    title, body_html = html_title_and_body(
        text, indent=6,
        tag_of=lambda ln: "h3" if ln[:2] in {f"{n}、" for n in "一二三四五六七八九"}
        else "h4" if _is_subheading(ln) else "p")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_其他依法应主动公开的信息_永安市人民政府</title>
<meta name="SiteName" content="永安市人民政府">
<meta name="ColumnName" content="其他依法应主动公开的信息">
</head>
<body>
<div class="top">
  <span>欢迎访问永安市人民政府网站</span>
  <a href="/wza/">无障碍</a> | <a href="/jt/">简体</a> | <a href="/ft/">繁體</a> | <a href="/m/">移动版</a>
</div>
<div class="banner"><img src="/images/logo.png" alt="永安市人民政府"></div>
<ul class="menu">
  <li><a href="/">首页</a></li>
  <li><a href="/zwyw/">政务要闻</a></li>
  <li><a href="/zfxxgkzl/">政府信息公开</a></li>
  <li><a href="/bsfw/">办事服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/zjya/">走进永安</a></li>
</ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgkzl/">政府信息公开</a> &gt; <a href="/zfxxgkzl/zfxxgkml/">政府信息公开目录</a> &gt; 其他依法应主动公开的信息</div>
<table class="meta">
  <tr><td>索 引 号</td><td>SM03100-3000-2023-00002</td><td>文号</td><td>永政文〔2023〕1号</td></tr>
  <tr><td>发布机构</td><td>永安市人民政府</td><td>生成日期</td><td>2023-01-11</td></tr>
  <tr><td>标题</td><td colspan="3">{html.escape(title)}</td></tr>
  <tr><td>有效性</td><td colspan="3">有效</td></tr>
</table>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="time">发布时间：2023-01-12 16:33　　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
  <div class="zoom">
{body_html}
  </div>
  <div class="bar"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></div>
</div>
<div class="links">相关链接：<a href="#">永安市人民政府关于2021年法治政府建设情况的报告</a> <a href="#">永安市法治政府建设示范创建工作方案</a></div>
<div class="footer">
  <p>主办：永安市人民政府办公室　　承办：永安市大数据中心</p>
  <p>闽ICP备00000000号　　闽公网安备 35048102000000号　　网站标识码：3504810000</p>
  <p><a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "y01_yongan_2022.html", yongan_html(t.YONGAN_2022))
    write_pdf(OUT / "y02_yuxi_2023.pdf", t.YUXI_2023)
    write_text(OUT / "y03_ganzhou_2021.txt", to_fullwidth(t.GANZHOU_2021.strip() + "\n"), "gbk")
    write_text(OUT / "y04_rongan_2024.md", t.RONGAN_2024.strip() + "\n")


if __name__ == "__main__":
    main()
