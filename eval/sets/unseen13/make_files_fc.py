"""Generate the unseen13-fc evaluation reports (eval/sets/unseen13/reports/fc*.*).

Run from the repository root:  python eval/sets/unseen13/make_files_fc.py
The texts live in fc_texts.py next to this script; SOURCES_FC.md says where each comes from and
which figures are real. Output is deterministic (the HTML carries a fixed 发布时间, the DOCX is
dated 2021-03-11 in its core properties and zip members, the GBK text and the Markdown are plain
bytes of fixed texts).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import fc_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_docx, write_text

OUT = HERE / "reports"
DOCX_WHEN = datetime.datetime(2021, 3, 11, 9, 30, 0)


def rongchang_html(text: str) -> str:
    """The 荣昌区 report as a district-site article page: top links, navigation, "当前位置"
    breadcrumb, 日期/字体/分享 line under the title, print/close links, related articles and a
    footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_重庆市荣昌区人民政府</title>
<meta name="SiteName" content="重庆市荣昌区人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="PubDate" content="2024-02-26">
</head>
<body>
<div class="top-bar">
  <span>欢迎访问重庆市荣昌区人民政府网站</span>
  <a href="/wza/">无障碍</a> | <a href="/ft/">繁體</a> | <a href="/mobile/">移动版</a> | <a href="/login/">登录</a>
</div>
<div class="header"><div class="logo">重庆市荣昌区人民政府</div>
  <form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键词"><button>搜索</button></form>
</div>
<ul class="main-nav">
  <li><a href="/">首页</a></li>
  <li><a href="/zwxx/">政务信息</a></li>
  <li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/bsfw/">办事服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/zjrc/">走进荣昌</a></li>
</ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfxxgkml/">政府信息公开目录</a> &gt; <a href="/zwgk/fzzfjsndbg/">法治政府建设年度报告</a> &gt; 区政府</div>
<div class="detail">
  <h1 class="detail-title">{html.escape(title)}</h1>
  <div class="detail-info">日期：2024-02-26　　字体：【<a href="#">默认</a> <a href="#">超大</a> <a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】　　分享：<a href="#">微信</a> <a href="#">微博</a></div>
  <div class="detail-content">
{body_html}
  </div>
  <div class="detail-tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">
  <h4>相关阅读</h4>
  <ul>
    <li><a href="#">荣昌区2024年法治政府建设工作要点</a></li>
    <li><a href="#">荣昌区行政执法“三项制度”实施情况通报</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：重庆市荣昌区人民政府办公室　承办：荣昌区大数据应用发展管理局</p>
  <p>网站标识码：5001530000　渝ICP备00000000号　渝公网安备 50015302000000号</p>
  <p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/yszc/">隐私政策</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "fc01_rongchang_2023.html", rongchang_html(t.RONGCHANG_2023))
    write_text(OUT / "fc02_bachu_2022.txt", to_fullwidth(t.BACHU_2022.strip() + "\n"), "gbk")
    write_docx(OUT / "fc03_liuyang_2020.docx", t.LIUYANG_2020, "浏阳市司法局", DOCX_WHEN)
    write_text(OUT / "fc04_kelamayi_2024.md", t.KARAMAY_2024.strip() + "\n")


if __name__ == "__main__":
    main()
