"""Generate the unseen12-ec evaluation reports (eval/sets/unseen12/reports/ec*.*).

Run from the repository root:  python eval/sets/unseen12/make_files_ec.py
The texts live in ec_texts.py next to this script; SOURCES_EC.md says where each comes from and
which figures are real. Output is deterministic (the DOCX carries fixed core-property and zip
dates, the HTML a fixed 发布时间, the GBK text and the Markdown are plain bytes of fixed texts).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import ec_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"


def weinan_html(text: str) -> str:
    """The 渭南市 report as a city-site article page: top links, navigation, breadcrumbs, an
    索引号/发布机构 table and a 发布时间 line above the text, share and print links, related
    articles and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="渭南市人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<title>{html.escape(title)}_渭南市人民政府</title>
</head>
<body>
<div class="top">
  <span>欢迎访问渭南市人民政府网站</span>
  <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/ft/">繁体</a> | <a href="/m/">移动版</a> | <a href="/en/">English</a>
</div>
<div class="nav">
  <a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hygq/">互动交流</a><a href="/zjwn/">走进渭南</a><a href="/ztzl/">专题专栏</a>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fdzdgk/">法定主动公开内容</a> &gt; <a href="/zwgk/fzzfjs/">法治政府建设年度报告</a></div>
<table class="meta">
  <tr><td>索引号：11610500016101234X/2024-00318</td><td>发布机构：渭南市司法局</td></tr>
  <tr><td>主题分类：法治政府建设</td><td>成文日期：2024-03-25</td></tr>
</table>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="info">发布时间：2024-03-29 10:26　来源：渭南市司法局　浏览次数：<span id="hits"></span>　【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="TRS_Editor">
{body_html}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">
  <h4>相关阅读</h4>
  <ul>
    <li><a href="#">渭南市人民政府关于2022年度法治政府建设情况的报告</a></li>
    <li><a href="#">渭南市人民政府2023年度政府信息公开工作年度报告</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：渭南市人民政府办公室　承办：渭南市大数据服务中心</p>
  <p>网站标识码：6105000000　陕ICP备00000000号　陕公网安备 00000000000000号</p>
  <p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sybz/">使用帮助</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_docx(OUT / "ec01_fangxian_2022.docx", t.FANGXIAN_2022, "房县司法局",
               datetime.datetime(2023, 3, 20, 9, 0, 0))
    write_text(OUT / "ec02_weinan_2023.html", weinan_html(t.WEINAN_2023))
    write_text(OUT / "ec03_lintong_2020.txt", to_fullwidth(t.LINTONG_2020.strip() + "\n"), "gbk")
    write_text(OUT / "ec04_wuwei_2022.md", t.WUWEI_2022.strip() + "\n")


if __name__ == "__main__":
    main()
