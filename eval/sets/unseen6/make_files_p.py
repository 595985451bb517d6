"""Generate the unseen6-p evaluation reports (eval/sets/unseen6/reports/p*.*).

Run from the repository root:  python eval/sets/unseen6/make_files_p.py
The texts live in p_texts.py next to this script; SOURCES_P.md says where each comes from and
which figures are real. Output is deterministic (the PDF is written with invariant=1, the HTML
carries a fixed 发布时间).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import p_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def haikou_html(text: str) -> str:
    """The 海口市 report as an article page of the city 司法局 site: top links, navigation,
    a breadcrumb, a 发布时间/来源 line, print links, a related-links box and a footer."""
    title, body_html = html_title_and_body(text, indent=4)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}-海口市司法局</title>
<meta name="ColumnName" content="总结报告">
<meta name="keywords" content="法治政府建设,年度报告,海口">
</head>
<body>
<div class="topbar">欢迎访问海口市司法局网站 | <a href="/wza/">无障碍浏览</a> | <a href="/m/">手机版</a> | 设为首页</div>
<div class="menu">
  <a href="/">首页</a>
  <a href="/xxgk/">信息公开</a>
  <a href="/fzgz/">法治工作</a>
  <a href="/ggflfw/">公共法律服务</a>
  <a href="/hdjl/">互动交流</a>
</div>
<div class="position">首页 &gt;&gt; 信息公开 &gt;&gt; 总结报告 &gt;&gt; 正文</div>
<div class="detail">
  <h1>{html.escape(title)}</h1>
  <div class="source">2023-03-31 17:05:00　来源：海口市司法局　【字号：大 中 小】　打印</div>
  <div class="TRS_Editor">
{body_html}
  </div>
  <div class="btns"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="xggj">相关稿件：<a href="#">海口市人民政府2021年度法治政府建设情况报告</a> <a href="#">海口市法治政府建设实施方案（2021—2025年）</a></div>
<div class="footer">
  <p>主办单位：海口市司法局　地址：海口市龙华区长滨路第一期市政府办公区</p>
  <p>琼ICP备05000000号　琼公网安备 46010000000000号　网站标识码：4601000000</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "p01_haikou_2022.html", haikou_html(t.HAIKOU_2022))
    write_pdf(OUT / "p02_zhanjiang_2023.pdf", t.ZHANJIANG_2023)
    write_text(OUT / "p03_huzhu_2020.txt", to_fullwidth(t.HUZHU_2020.strip() + "\n"), "gbk")
    write_text(OUT / "p04_liwan_2024.md", t.LIWAN_2024.strip() + "\n")


if __name__ == "__main__":
    main()
