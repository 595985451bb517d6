"""Generate the unseen15-hc evaluation reports (eval/sets/unseen15/reports/hc*.*).

Run from the repository root:  python eval/sets/unseen15/make_files_hc.py
The texts live in hc_texts.py next to this script; SOURCES_HC.md says where each comes from and
which figures are real. Output is deterministic: the GBK text and the Markdown are plain bytes
of fixed texts, the DOCX carries a fixed date (core properties and zip members), the HTML page a
fixed 发布日期.
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import hc_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"
HAIXI_DATE = datetime.datetime(2021, 2, 26, 9, 30, 0)


def jiangxia_html(text: str) -> str:
    """The 江夏区 report as a district-site article page: top links, navigation, breadcrumbs, a
    发布日期/来源 line, share and print tools, previous/next links and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_武汉市江夏区人民政府</title>
<meta name="SiteName" content="武汉市江夏区人民政府">
<meta name="ColumnName" content="法治政府建设报告">
<meta name="PubDate" content="2023-03-15 17:26">
</head>
<body>
<div class="top-bar">
  <span>欢迎访问武汉市江夏区人民政府门户网站</span>
  <a href="/wza/">无障碍</a> | <a href="/ydb/">移动版</a> | <a href="/yhzx/">用户中心</a>
</div>
<div class="header"><div class="logo">武汉市江夏区人民政府</div>
  <form class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></form>
</div>
<div class="nav">
  <a href="/">首页</a><a href="/zjjx/">走进江夏</a><a href="/xxgk/">信息公开</a>
  <a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a><a href="/ztzl/">专题专栏</a>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xxgk/qtzdgknr/">其他主动公开内容</a> &gt; <a href="/xxgk/qtzdgknr/fzzfjsbg/">法治政府建设报告</a></div>
<div class="main">
  <div class="article">
    <h1 class="title">{html.escape(title)}</h1>
    <div class="meta">发布日期：2023-03-15 17:26　　来源：江夏区司法局　　【字号 <a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】　<a href="#">分享</a></div>
    <div class="TRS_Editor">
{body_html}
    </div>
    <div class="tools"><a href="javascript:window.print()">打印本页</a> | <a href="javascript:window.close()">关闭窗口</a></div>
    <div class="pager">
      <p>上一篇：<a href="#">江夏区2022年政府信息公开工作年度报告</a></p>
      <p>下一篇：<a href="#">江夏区2023年法治政府建设工作要点</a></p>
    </div>
  </div>
</div>
<div class="footer">
  <p><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
  <p>主办：武汉市江夏区人民政府办公室　承办：江夏区政务服务和大数据管理局</p>
  <p>网站标识码：4201150000　鄂ICP备00000000号　鄂公网安备 42011502000000号</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "hc01_yecheng_2023.txt", to_fullwidth(t.YECHENG_2023.strip() + "\n"), "gbk")
    write_docx(OUT / "hc02_haixi_2020.docx", t.HAIXI_2020, "海西州人民政府办公室", HAIXI_DATE)
    write_text(OUT / "hc03_jiangxia_2022.html", jiangxia_html(t.JIANGXIA_2022))
    write_text(OUT / "hc04_qiaokou_2023.md", t.QIAOKOU_2023.strip() + "\n")


if __name__ == "__main__":
    main()
