"""Generate the unseen10-b evaluation reports (eval/sets/unseen10/reports/b*.*).

Run from the repository root:  python eval/sets/unseen10/make_files_b.py
The texts live in b_texts.py next to this script; SOURCES_B.md says where each comes from and
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

import b_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def wujiang_html(text: str) -> str:
    """The 吴江区 report as a district-site article page: top links, navigation, breadcrumbs,
    a 来源/发布时间 line under the title, share/print tools, related links and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_依法行政_苏州市吴江区人民政府</title>
<meta name="SiteName" content="苏州市吴江区人民政府">
<meta name="ColumnName" content="依法行政">
</head>
<body>
<div class="top">
  <span>欢迎访问苏州市吴江区人民政府网站</span>
  <a href="/">设为首页</a> <a href="/wza/">无障碍</a> <a href="/en/">English</a> <a href="/search/">站内搜索</a>
</div>
<div class="menu">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zgwj/">中国吴江</a></li>
    <li><a href="/xxgk/">信息公开</a></li>
    <li><a href="/bsfw/">办事服务</a></li>
    <li><a href="/gzcy/">公众参与</a></li>
  </ul>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zgwj/">中国吴江</a> &gt; <a href="/zgwj/yfxz/">依法行政</a></div>
<div class="main">
  <div class="title"><h1>{html.escape(title)}</h1></div>
  <div class="meta">发布时间：2024-03-15　　来源：吴江区司法局　　浏览次数：　　【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="article-content">
{body_html}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">
  <h4>相关链接</h4>
  <a href="#">吴江区2022年度法治政府建设情况报告</a> | <a href="#">吴江区2023年度法治政府建设工作要点</a>
</div>
<div class="foot">
  <p>主办：苏州市吴江区人民政府办公室　承办：苏州市吴江区大数据管理中心</p>
  <p>网站标识码：3205090000　苏ICP备00000000号-1　苏公网安备 32050900000000号</p>
  <p><a href="/about/">关于本站</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "b01_wujiang_2023.html", wujiang_html(t.WUJIANG_2023))
    write_text(OUT / "b02_wuyi_2022.txt", to_fullwidth(t.WUYI_2022.strip() + "\n"), "gbk")
    write_pdf(OUT / "b03_ningde_2020.pdf", t.NINGDE_2020)
    write_text(OUT / "b04_langxi_2024.md", t.LANGXI_2024.strip() + "\n")


if __name__ == "__main__":
    main()
