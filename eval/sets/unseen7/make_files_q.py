"""Generate the unseen7-q evaluation reports (eval/sets/unseen7/reports/q*.*).

Run from the repository root:  python eval/sets/unseen7/make_files_q.py
The texts live in q_texts.py next to this script; SOURCES_Q.md says where each comes from and
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

import q_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def tianning_html(text: str) -> str:
    """The 天宁区 report as a district-site article page: top bar, navigation, breadcrumbs, a
    来源/发布时间 line under the title, font-size and print links, 责任编辑, related links and a
    footer."""
    title, body_html = html_title_and_body(text, indent=6)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}-常州市天宁区人民政府</title>
<meta name="ColumnName" content="法治政府建设">
</head>
<body>
<div class="header">
  <div class="logo">常州市天宁区人民政府</div>
  <div class="links"><a href="/">首页</a> | <a href="/wza/">无障碍浏览</a> | <a href="/m/">手机版</a> | 政务微信</div>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjtn/">走进天宁</a></li>
  </ul>
</div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjs/">法治政府建设</a> &gt; 内容</div>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="info">来源：天宁区司法局　　发布时间：2025-02-21　　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="content">
{body_html}
  </div>
  <div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  <div class="editor">责任编辑：周敏</div>
</div>
<div class="related">相关文章：<a href="#">天宁区2023年度法治政府建设情况报告</a> <a href="#">天宁区优化营商环境若干措施</a></div>
<div class="footer">
  <p>主办单位：常州市天宁区人民政府办公室　地址：常州市天宁区</p>
  <p>网站标识码：3204020000　苏ICP备00000000号　<a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "q01_tianning_2024.html", tianning_html(t.TIANNING_2024))
    write_text(OUT / "q02_ritu_2023.txt", to_fullwidth(t.RITU_2023.strip() + "\n"), "gbk")
    write_pdf(OUT / "q03_jiangmen_2022.pdf", t.JIANGMEN_2022)
    write_text(OUT / "q04_liyang_2022.md", t.LIYANG_2022.strip() + "\n")


if __name__ == "__main__":
    main()
