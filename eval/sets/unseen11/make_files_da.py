"""Generate the unseen11-da evaluation reports (eval/sets/unseen11/reports/da*.*).

Run from the repository root:  python eval/sets/unseen11/make_files_da.py
The texts live in da_texts.py next to this script; SOURCES_DA.md says where each comes from and
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

import da_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def tongliang_html(text: str) -> str:
    """The 铜梁区 report as a district-site 政府信息公开 page: top links, navigation, a
    “您当前的位置” breadcrumb, the 信息公开 metadata table (索引号, 发布机构, 成文/发布日期), the
    title twice (metadata box and article), share/print links and a footer."""
    title, body_html = html_title_and_body(text, indent=6)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_重庆市铜梁区人民政府</title>
<meta name="ColumnName" content="区政府法治政府建设年度报告">
<meta name="PubDate" content="2024-03-22">
</head>
<body>
<div class="top">
  <span>重庆市铜梁区人民政府</span>
  <a href="/">首页</a> | <a href="/ghb/">关怀版</a> | <a href="/wza/">无障碍</a> | <a href="/en/">English</a>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjtl/">走进铜梁</a></li>
  </ul>
</div>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/fdzdgknr/">法定主动公开内容</a> &gt; <a href="/qtfdxx/">其他法定信息</a> &gt; 区政府法治政府建设年度报告</div>
<table class="xxgk-meta">
  <tr><th>索引号</th><td>115002242037431382/2024-00011</td><th>主题分类</th><td>法制</td></tr>
  <tr><th>体裁分类</th><td>工作报告</td><th>发布机构</th><td>铜梁区司法局</td></tr>
  <tr><th>成文日期</th><td>2024-03-22</td><th>发布日期</th><td>2024-03-22</td></tr>
  <tr><th>标题</th><td colspan="3">{html.escape(title)}</td></tr>
</table>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="info">发布日期：2024-03-22　　来源：铜梁区司法局　　字号：<a href="#">[大]</a> <a href="#">[中]</a> <a href="#">[小]</a></div>
  <div class="content">
{body_html}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">【打印正文】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer">
  <p>主办：重庆市铜梁区人民政府办公室　承办：重庆市铜梁区大数据应用发展管理局</p>
  <p>政府网站标识码：5002240001　渝ICP备00000000号　<a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "da01_tongliang_2023.html", tongliang_html(t.TONGLIANG_2023))
    write_pdf(OUT / "da02_luzhou_2022.pdf", t.LUZHOU_2022)
    write_text(OUT / "da03_kaiyang_2023.txt", to_fullwidth(t.KAIYANG_2023.strip() + "\n"), "gbk")
    write_text(OUT / "da04_zunyi_2020.md", t.ZUNYI_2020.strip() + "\n")


if __name__ == "__main__":
    main()
