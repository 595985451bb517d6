"""Generate the unseen6-o evaluation reports (eval/sets/unseen6/reports/o*.*).

Run from the repository root:  python eval/sets/unseen6/make_files_o.py
The texts live in o_texts.py next to this script; SOURCES_O.md says where each comes from and
which figures are real. Output is deterministic (the PDF is written with ``invariant=1``, the HTML
carries a fixed 发布时间, the text and Markdown files are plain encodings of fixed strings).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import o_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def yubei_html(text: str) -> str:
    """The 渝北区 report as a district-site article page: a top bar, navigation, breadcrumbs, an
    index-number table, a 日期 line, print/close links, a related-links box and a footer."""
    title, body_html = html_title_and_body(text, indent=6)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_重庆市渝北区人民政府</title>
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="SiteName" content="重庆市渝北区人民政府">
</head>
<body>
<div class="topbar">中国政府网 | 重庆市人民政府网 | 智能问答 | 无障碍浏览 | 长者模式 | 登录 注册</div>
<div class="header"><img src="/images/logo.png" alt="重庆市渝北区人民政府"></div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjyb/">走进渝北</a></li>
  </ul>
</div>
<div class="location">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjsndbg/">法治政府建设年度报告</a> &gt; 区政府</div>
<table class="meta">
  <tr><td>[ 索引号 ]</td><td>11500112009315877L/2022-00041</td><td>[ 发文字号 ]</td><td></td></tr>
  <tr><td>[ 主题分类 ]</td><td>司法</td><td>[ 发布机构 ]</td><td>渝北区人民政府</td></tr>
</table>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="info">日期：2022-03-10　　来源：渝北区司法局　　字号：大 中 小　　分享：</div>
  <div class="content">
{body_html}
  </div>
  <div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">
  <h4>相关阅读</h4>
  <a href="#">渝北区2020年度法治政府建设情况报告</a>
  <a href="#">渝北区“八五”普法规划</a>
</div>
<div class="footer">
  <p>主办：重庆市渝北区人民政府办公室　承办：重庆市渝北区大数据应用发展管理局</p>
  <p>网站标识码：5001120001　渝ICP备00000000号-1　渝公网安备 50011202000000号</p>
  <p>联系电话：023-00000000　地址：重庆市渝北区双龙大道</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "o01_yubei_2021.html", yubei_html(t.YUBEI_2021))
    write_text(OUT / "o02_xiushan_2020.txt", to_fullwidth(t.XIUSHAN_2020.strip() + "\n"), "gbk")
    write_pdf(OUT / "o03_lianyungang_2022.pdf", t.LIANYUNGANG_2022)
    write_text(OUT / "o04_qingjiangpu_2023.md", t.QINGJIANGPU_2023.strip() + "\n")


if __name__ == "__main__":
    main()
