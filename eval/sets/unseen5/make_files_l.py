"""Generate the unseen5-l evaluation reports (eval/sets/unseen5/reports/l*.*).

Run from the repository root:  python eval/sets/unseen5/make_files_l.py
The texts live in l_texts.py next to this script; SOURCES_L.md says where each comes from and
which figures are real. Output is deterministic (the PDF carries a fixed creation date, the HTML a
fixed 发布时间, the text files no dates of their own).

Forms: l01 PDF (晋城市), l02 HTML article page with site boilerplate (中原区), l03 GBK text with
full-width digits (郏县), l04 Markdown with a data table (天桥区).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import l_texts as t

from eval.sets.report_forms import html_title_and_body, text_lines, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def zhongyuan_html(text: str) -> str:
    """The 中原区 report as a district-site article page: header links, navigation, breadcrumbs,
    an info line (发布时间, 来源, 字号), share/print tools, related links and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}-郑州市中原区人民政府</title>
<meta name="ColumnName" content="法治政府建设">
<meta name="keywords" content="中原区,法治政府,年度报告">
</head>
<body>
<div class="header">
  <div class="logo">郑州市中原区人民政府</div>
  <div class="links"><a href="/">首页</a> | <a href="/wza/">无障碍浏览</a> | <a href="/zhg/">长者模式</a> | <a href="/search/">站内搜索</a></div>
</div>
<div class="menu">
  <a href="/">网站首页</a>
  <a href="/zwgk/">政务公开</a>
  <a href="/zwfw/">政务服务</a>
  <a href="/gzhd/">公众互动</a>
  <a href="/zjzy/">走进中原</a>
</div>
<div class="location">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjs/">法治政府建设</a> &gt; 年度报告</div>
<div class="main">
  <div class="article">
    <h1>{html.escape(title)}</h1>
    <div class="property">发布时间：2022-03-28 16:05　来源：中原区司法局　字号：[大 中 小]　阅读次数：2417</div>
    <div class="TRS_Editor">
{body_html}
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">[打印]</a> <a href="javascript:window.close()">[关闭]</a></div>
  </div>
  <div class="xgwz">
    <h4>相关文章</h4>
    <ul>
      <li><a href="#">中原区2020年法治政府建设工作报告</a></li>
      <li><a href="#">中原区召开2022年全面依法治区工作会议</a></li>
    </ul>
  </div>
</div>
<div class="footer">
  <p>主办单位：郑州市中原区人民政府办公室　技术支持：中原区大数据管理中心</p>
  <p>网站标识码：4101020000　豫ICP备00000000号　豫公网安备 41010202000000号</p>
  <p>联系电话：0371-00000000　最佳浏览分辨率 1366×768</p>
</div>
</body>
</html>
"""


def jiaxian_text(text: str) -> str:
    """The 郏县 report as a GBK text file: full-width digits, '.' and '%' throughout."""
    return to_fullwidth("\n".join(text_lines(text)) + "\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "l01_jincheng_2021.pdf", t.JINCHENG_2021)
    write_text(OUT / "l02_zhongyuan_2021.html", zhongyuan_html(t.ZHONGYUAN_2021))
    write_text(OUT / "l03_jiaxian_2022.txt", jiaxian_text(t.JIAXIAN_2022), "gbk")
    write_text(OUT / "l04_tianqiao_2023.md", t.TIANQIAO_2023.strip() + "\n")


if __name__ == "__main__":
    main()
