"""Generate the unseen9-z evaluation reports (eval/sets/unseen9/reports/z*.*).

Run from the repository root:  python eval/sets/unseen9/make_files_z.py
The texts live in z_texts.py next to this script; SOURCES_Z.md says where each comes from and
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

import z_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def jiangjin_html(text: str) -> str:
    """The 江津区 report as a district-site 法治政府建设年度报告 page: a top bar, navigation,
    a “当前位置” breadcrumb, the title with a 发布机构/发布日期 line, an index table (索引号,
    发文字号), print links, related reports and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_法治政府建设年度报告_重庆市江津区人民政府</title>
<meta name="SiteName" content="重庆市江津区人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="PubDate" content="2023-03-09 10:30">
</head>
<body>
<div class="top">
  <span>重庆市江津区人民政府 www.jiangjin.gov.cn</span>
  <span><a href="/wza/">无障碍</a> | <a href="/zhzx/">长者模式</a> | <a href="/yjdz/">移动版</a></span>
</div>
<div class="menu">
  <a href="/">首页</a> <a href="/zwgk_180/">政务公开</a> <a href="/bsfw/">办事服务</a>
  <a href="/hdjl/">互动交流</a> <a href="/zjjj/">走进江津</a>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk_180/">政务公开</a> &gt; <a href="/zwgk_180/zfxxgkml/">政府信息公开目录</a> &gt; <a href="/zwgk_180/zfxxgkml/fzzfjsndbg/">法治政府建设年度报告</a></div>
<table class="index">
  <tr><td>[ 索引号 ]</td><td>11500381009320238D/2023-00061</td><td>[ 发文字号 ]</td><td></td></tr>
  <tr><td>[ 发布机构 ]</td><td>江津区人民政府</td><td>[ 发布日期 ]</td><td>2023-03-09</td></tr>
</table>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="source">发布机构：江津区人民政府　　发布日期：2023-03-09　　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
  <div class="TRS_Editor">
{body_html}
  </div>
  <div class="share">分享到：微信 微博 | <a href="javascript:window.print()">打印</a> | <a href="javascript:window.close()">关闭</a></div>
</div>
<div class="related">
  <h4>相关报告</h4>
  <ul>
    <li><a href="#">重庆市江津区人民政府关于2021年法治政府建设情况的报告</a></li>
    <li><a href="#">重庆市江津区人民政府关于2020年法治政府建设情况的报告</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：重庆市江津区人民政府办公室　承办：江津区大数据应用发展管理局</p>
  <p>网站标识码：5001160001　渝ICP备00000000号　<a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "z01_jiangjin_2022.html", jiangjin_html(t.JIANGJIN_2022))
    write_pdf(OUT / "z02_haidong_2021.pdf", t.HAIDONG_2021)
    write_text(OUT / "z03_yanqi_2022.txt", to_fullwidth(t.YANQI_2022.strip() + "\n"), "gbk")
    write_text(OUT / "z04_bazhou_2023.md", t.BAZHOU_2023.strip() + "\n")


if __name__ == "__main__":
    main()
