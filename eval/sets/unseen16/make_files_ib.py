"""Generate the unseen16-ib evaluation reports (eval/sets/unseen16/reports/ib*.*).

Run from the repository root:  python eval/sets/unseen16/make_files_ib.py
The texts live in ib_texts.py next to this script; SOURCES_IB.md says where each comes from and
which figures are real. Output is deterministic (the DOCX carries fixed core-property and zip
dates, the HTML a fixed 发布时间, the GBK text and the Markdown are the bytes of fixed texts).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import ib_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"


def jinxian_html(text: str) -> str:
    """The 进贤县 report as a county-site article page: top links, navigation, a 当前位置
    breadcrumb, an info table (索引号/发布机构/生成日期), share and font-size links, a 相关链接
    list and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} - 进贤县人民政府</title>
<meta name="SiteName" content="进贤县人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
</head>
<body>
<div class="top">
  <span>欢迎访问进贤县人民政府网站</span>
  <a href="/jxx/">首页</a> | <a href="/jxx/wza/">无障碍</a> | <a href="/jxx/yh/">长者模式</a> | <a href="/jxx/sj/">手机版</a>
</div>
<div class="nav">
  <a href="/jxx/">首页</a>
  <a href="/jxx/xxgk/">信息公开</a>
  <a href="/jxx/zwfw/">政务服务</a>
  <a href="/jxx/hdjl/">互动交流</a>
  <a href="/jxx/zjjx/">走进进贤</a>
</div>
<div class="crumb">当前位置：<a href="/jxx/">首页</a> &gt; <a href="/jxx/xxgk/">信息公开</a> &gt; <a href="/jxx/xxgk/fzzf/">法治政府建设年度报告</a></div>
<div class="detail">
  <table class="xxgk-info">
    <tr><td>索引号：</td><td>014502316/2023-00117</td><td>主题分类：</td><td>综合政务</td></tr>
    <tr><td>发布机构：</td><td>进贤县人民政府</td><td>生成日期：</td><td>2023-04-12</td></tr>
    <tr><td>文件编号：</td><td></td><td>有效性：</td><td>有效</td></tr>
  </table>
  <h1>{html.escape(title)}</h1>
  <div class="meta">浏览量：<span id="views"></span>　字体：【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】　分享到：<a href="#">微信</a> <a href="#">微博</a></div>
  <div class="content">
{body_html}
  </div>
  <div class="print"><a href="javascript:window.print()">打印本页</a> | <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="links">
  <h4>相关链接</h4>
  <ul>
    <li><a href="#">进贤县2021年法治政府建设情况报告</a></li>
    <li><a href="#">进贤县2022年政府信息公开工作年度报告</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：进贤县人民政府办公室　承办：进贤县政务服务数据管理局</p>
  <p>网站标识码：3601240000　赣ICP备00000000号　<a href="/jxx/wzdt/">网站地图</a> | <a href="/jxx/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_docx(OUT / "ib01_chuzhou_2023.docx", t.CHUZHOU_2023, "滁州市司法局",
               datetime.datetime(2024, 3, 8, 10, 44, 0))
    write_text(OUT / "ib02_jinxian_2022.html", jinxian_html(t.JINXIAN_2022))
    write_text(OUT / "ib03_qingtian_2020.txt", to_fullwidth(t.QINGTIAN_2020.strip() + "\n"), "gbk")
    write_text(OUT / "ib04_lieshan_2024.md", t.LIESHAN_2024.strip() + "\n")


if __name__ == "__main__":
    main()
