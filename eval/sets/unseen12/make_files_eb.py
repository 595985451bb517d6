"""Generate the unseen12-eb evaluation reports (eval/sets/unseen12/reports/eb*.*).

Run from the repository root:  python eval/sets/unseen12/make_files_eb.py
The texts live in eb_texts.py next to this script; SOURCES_EB.md says where each comes from and
which figures are real. Output is deterministic (the PDF is built with invariant=1, the HTML
carries a fixed 发布日期, the GBK text and the Markdown are plain bytes of fixed texts).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import eb_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def xianju_html(text: str) -> str:
    """The 仙居县 report as a county-site article page: top links, navigation, a 当前位置
    breadcrumb, a 索引号/成文日期/发布机构 metadata table above the title, a 发布日期 line,
    print/close links, related links and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} - 仙居县人民政府</title>
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="ColumnName" content="计划总结">
</head>
<body>
<div class="top">
  <span>欢迎访问仙居县人民政府门户网站</span>
  <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/jtb/">繁體</a> | <a href="/m/">移动版</a>
</div>
<div class="nav">
  <a href="/">首页</a> <a href="/col/zwgk/">政务公开</a> <a href="/col/zwfw/">政务服务</a>
  <a href="/col/hdjl/">互动交流</a> <a href="/col/zjxj/">走进仙居</a>
</div>
<div class="crumb">当前位置: <a href="/">首页</a> &gt; <a href="/col/zwgk/">政务公开</a> &gt; <a href="/col/ghjh/">规划计划</a> &gt; 计划总结</div>
<table class="xxgk-meta">
  <tr><td>索 引 号</td><td>331024ZF010000/2024-105321</td><td>公开方式</td><td>主动公开</td></tr>
  <tr><td>成文日期</td><td>2024-02-08</td><td>发布机构</td><td>县府办</td></tr>
  <tr><td>组配分类</td><td>计划总结</td><td></td><td></td></tr>
</table>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="info">发布日期: 2024-02-08　访问次数: <span id="hits"></span>　【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="zoom">
{body_html}
  </div>
  <div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related">相关链接: <a href="#">仙居县2022年法治政府建设年度报告</a> <a href="#">台州市法治政府建设工作要点</a></div>
<div class="footer">
  <p>主办: 仙居县人民政府办公室　承办: 仙居县大数据发展中心</p>
  <p>网站标识码: 3310240001　浙ICP备00000000号　<a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "eb01_huaibei_2020.pdf", t.HUAIBEI_2020)
    write_text(OUT / "eb02_xianju_2023.html", xianju_html(t.XIANJU_2023))
    write_text(OUT / "eb03_licheng_2022.txt", to_fullwidth(t.LICHENG_2022.strip() + "\n"), "gbk")
    write_text(OUT / "eb04_haimen_2019.md", t.HAIMEN_2019.strip() + "\n")


if __name__ == "__main__":
    main()
