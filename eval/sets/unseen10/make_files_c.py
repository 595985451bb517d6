"""Generate the unseen10-c evaluation reports (eval/sets/unseen10/reports/c*.*).

Run from the repository root:  python eval/sets/unseen10/make_files_c.py
The texts live in c_texts.py next to this script; SOURCES_C.md says where each comes from and
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

import c_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def hantai_html(text: str) -> str:
    """The 汉台区 report as an article page of the district government site: top links,
    navigation, breadcrumbs, a 来源/发布时间/浏览次数 line, share and print links, related
    articles and a footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_汉中市汉台区人民政府</title>
<meta name="SiteName" content="汉中市汉台区人民政府">
<meta name="ColumnName" content="工作总结">
</head>
<body>
<div class="top">
  <span>欢迎访问汉中市汉台区人民政府网站</span>
  <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/yd/">移动版</a> | <a href="/fanti/">繁体</a>
</div>
<div class="nav">
  <a href="/">首　页</a><a href="/zjht/">走进汉台</a><a href="/xwzx/">新闻中心</a><a href="/zwgk/">政府信息公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a><a href="/ztzl/">专题专栏</a>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/bmxxgk/">部门信息公开</a> &gt; <a href="/zwgk/bmxxgk/sfj/">区司法局</a> &gt; 正文</div>
<div class="detail">
  <h1>{html.escape(title)}</h1>
  <div class="meta">来源：区司法局　发布时间：2022-01-14 10:26　浏览次数：1378　【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="TRS_Editor">
{body_html}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a>　<a href="javascript:window.print()">打印本页</a>　<a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related">
  <h4>相关阅读</h4>
  <ul>
    <li><a href="#">汉台区司法局2020年工作总结</a></li>
    <li><a href="#">汉台区召开2021年全面依法治区工作会议</a></li>
    <li><a href="#">汉台区司法局2022年工作要点</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：汉中市汉台区人民政府办公室　承办：汉台区政务数据服务中心</p>
  <p>网站标识码：6107020000　陕ICP备00000000号　<a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "c01_hanzhong_2023.pdf", t.HANZHONG_2023)
    write_text(OUT / "c02_hantai_2021.html", hantai_html(t.HANTAI_2021))
    write_text(OUT / "c03_zhenba_2024.md", t.ZHENBA_2024.strip() + "\n")
    write_text(OUT / "c04_gannan_2020.txt", to_fullwidth(t.GANNAN_2020.strip() + "\n"), "gbk")


if __name__ == "__main__":
    main()
