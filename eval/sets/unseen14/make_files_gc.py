"""Generate the unseen14-gc evaluation reports (eval/sets/unseen14/reports/gc*.*).

Run from the repository root:  python eval/sets/unseen14/make_files_gc.py
The texts live in gc_texts.py next to this script; SOURCES_GC.md says where each comes from and
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

import gc_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def weiyang_html(text: str) -> str:
    """The 未央区 report as a district-site article page: top links, navigation, a breadcrumb
    trail, a 来源/发布时间/浏览次数 line, share and print links, and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="西安市未央区人民政府">
<meta name="ColumnName" content="年度法治建设情况报告">
<title>{html.escape(title)}_西安市未央区人民政府</title>
</head>
<body>
<div class="top">
  <span>欢迎访问西安市未央区人民政府网站</span>
  <a href="/">设为首页</a> <a href="/">加入收藏</a> <a href="/wza/">无障碍</a> <a href="/en/">English</a>
</div>
<div class="menu">
  <a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a>
  <a href="/gzhd/">公众互动</a> <a href="/ztzl/">专题专栏</a> <a href="/zjwy/">走进未央</a>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/ztzl/">专题专栏</a> &gt;&gt; <a href="/ztzl/fzzfjs/">法治政府建设</a> &gt;&gt; <a href="/ztzl/fzzfjs/ndfzjsqkbg/">年度法治建设情况报告</a></div>
<div class="main">
  <div class="title"><h1>{html.escape(title)}</h1></div>
  <div class="meta">来源：未央区司法局　发布时间：2023-03-28 10:12　浏览次数：　【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="TRS_Editor">
{body_html}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">[打印]</a> <a href="javascript:window.close()">[关闭]</a></div>
</div>
<div class="friend">相关链接：<a href="#">陕西省人民政府</a> | <a href="#">西安市人民政府</a> | <a href="#">中国政府网</a></div>
<div class="foot">
  <p>主办：西安市未央区人民政府办公室　承办：西安市未央区政务服务和数据资源管理局</p>
  <p>网站标识码：6101120000　陕ICP备00000000号　陕公网安备 00000000000000号</p>
  <p><a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a> | 建议使用1920×1080分辨率浏览</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "gc01_weiyang_2022.html", weiyang_html(t.WEIYANG_2022))
    write_pdf(OUT / "gc02_mianyang_2024.pdf", t.MIANYANG_2024)
    write_text(OUT / "gc03_zhuxi_2023.txt", to_fullwidth(t.ZHUXI_2023.strip() + "\n"), "gbk")
    write_text(OUT / "gc04_haiyuan_2023.md", t.HAIYUAN_2023.strip() + "\n")


if __name__ == "__main__":
    main()
