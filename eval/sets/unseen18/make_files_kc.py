"""Write the report files of writer ``kc`` of the unseen18 set into reports/: a PDF, an HTML page
with a district government site's boilerplate, a dated DOCX and a Markdown file with a table.
Deterministic: run it twice and the bytes are the same. Run from the repository root:

    python eval/sets/unseen18/make_files_kc.py
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from eval.sets.report_forms import html_title_and_body, write_docx, write_pdf, write_text  # noqa: E402
from eval.sets.unseen18.kc_texts import TEXTS  # noqa: E402

OUT = Path(__file__).resolve().parent / "reports"

BISHAN_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="SiteName" content="重庆市璧山区人民政府">
  <meta name="ColumnName" content="法治政府建设年度报告">
  <meta name="PubDate" content="2025-03-26 16:30">
  <title>{title}_法治政府建设年度报告_重庆市璧山区人民政府</title>
</head>
<body>
  <div class="top-bar">
    <span>欢迎访问重庆市璧山区人民政府网站</span>
    <a href="#">无障碍</a> | <a href="#">长者模式</a> | <a href="#">简体</a> | <a href="#">繁體</a> | <a href="#">手机版</a>
  </div>
  <div class="header">
    <h1 class="site-name">重庆市璧山区人民政府</h1>
    <form class="search"><input type="text" placeholder="请输入关键词"><button type="button">搜索</button></form>
  </div>
  <ul class="nav">
    <li><a href="#">首页</a></li>
    <li><a href="#">走进璧山</a></li>
    <li><a href="#">政务公开</a></li>
    <li><a href="#">政务服务</a></li>
    <li><a href="#">互动交流</a></li>
    <li><a href="#">专题专栏</a></li>
  </ul>
  <div class="breadcrumb">当前位置：<a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">法定主动公开内容</a> &gt; <a href="#">法治政府建设年度报告</a></div>
  <table class="info-table">
    <tr><td>索引号：</td><td>11500227MB1****/2025-00041</td><td>主题分类：</td><td>司法</td></tr>
    <tr><td>发布机构：</td><td>璧山区人民政府</td><td>成文日期：</td><td>2025-03-21</td></tr>
    <tr><td>标题：</td><td colspan="3">{title}</td></tr>
  </table>
  <div class="article">
    <h2 class="article-title">{title}</h2>
    <div class="article-meta">来源：璧山区司法局　　发布时间：2025-03-26 16:30　　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
    <div class="article-content">
{body}
    </div>
    <div class="article-tools">
      <span>分享到：</span><a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a>
      <a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a>
    </div>
  </div>
  <div class="related">
    <h4>相关链接</h4>
    <ul>
      <li><a href="#">重庆市璧山区人民政府关于2023年度法治政府建设情况的报告</a></li>
      <li><a href="#">璧山区2024年政府信息公开工作年度报告</a></li>
    </ul>
  </div>
  <div class="footer">
    <p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a> | <a href="#">网站纠错</a></p>
    <p>主办单位：重庆市璧山区人民政府办公室　承办单位：璧山区大数据应用发展管理中心</p>
    <p>地址：重庆市璧山区璧泉街道双星大道　联系电话：023-4142****</p>
    <p>网站标识码：5002270000　渝ICP备0500****号　渝公网安备 5002270200****号</p>
  </div>
</body>
</html>
"""


def bishan_html(text: str) -> str:
    title, body = html_title_and_body(text, indent=6)
    return BISHAN_PAGE.format(title=title, body=body)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "kc01_tongguan_2022.pdf", TEXTS["kc01_tongguan_2022.pdf"])
    write_text(OUT / "kc02_bishan_2024.html", bishan_html(TEXTS["kc02_bishan_2024.html"]))
    write_docx(OUT / "kc03_xian_2021.docx", TEXTS["kc03_xian_2021.docx"], author="西安市司法局",
               when=datetime.datetime(2022, 3, 16, 9, 30, 0))
    write_text(OUT / "kc04_wuding_2022.md", TEXTS["kc04_wuding_2022.md"])


if __name__ == "__main__":
    main()
