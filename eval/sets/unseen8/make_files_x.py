"""Generate the unseen8-x evaluation reports (eval/sets/unseen8/reports/x*.*).

Run from the repository root:  python eval/sets/unseen8/make_files_x.py
The texts live in x_texts.py next to this script; SOURCES_X.md says where each comes from and
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

import x_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def jingmen_html(text: str) -> str:
    """The 荆门市 report as a city-government article page: top links, navigation, a
    "当前位置" breadcrumb, 发布日期/信息来源 line, share/print links, related links, footer."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="2023-02-01 17:07">
<meta name="ContentSource" content="荆门市人民政府">
<title>{html.escape(title)} - 荆门市人民政府门户网站</title>
</head>
<body>
<div class="top">
  <span>欢迎访问荆门市人民政府门户网站</span>
  <a href="/wza/">无障碍</a> <a href="/en/">English</a> <a href="/m/">移动版</a> <a href="/login/">登录</a>
</div>
<div class="banner"><img src="/images/logo.png" alt="荆门市人民政府"></div>
<div class="menu">
  <a href="/">首页</a>
  <a href="/zwgk/">政府信息公开</a>
  <a href="/bsfw/">办事服务</a>
  <a href="/hdjl/">互动交流</a>
  <a href="/zjjm/">走进荆门</a>
</div>
<div class="search"><form action="/search/"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/fdzdgk/">法定主动公开内容</a> &gt; <a href="/zwgk/fdzdgk/qt/">其他主动公开内容</a> &gt; <a href="/zwgk/fdzdgk/qt/fzzf/">法治政府建设年度报告</a></div>
<div class="main">
  <div class="article-title"><h1>{html.escape(title)}</h1></div>
  <div class="article-info">发布日期：2023-02-01 17:07　信息来源：荆门市人民政府　字体：[ <a href="#">大</a> <a href="#">中</a> <a href="#">小</a> ]</div>
  <div class="article-content">
      <div class="TRS_Editor">
{body_html}
      </div>
  </div>
  <div class="article-tools">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print()">打印本页</a>　<a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related">
  <h4>相关链接</h4>
  <ul>
    <li><a href="#">荆门市人民政府关于2021年法治政府建设情况的报告</a></li>
    <li><a href="#">荆门市2022年政府信息公开工作年度报告</a></li>
  </ul>
</div>
<div class="footer">
  <p><a href="/about/">关于本网</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p>
  <p>主办：荆门市人民政府办公室　承办：荆门市政务服务和大数据管理局</p>
  <p>网站标识码：4208000000　鄂ICP备00000000号　鄂公网安备 00000000000000号</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "x01_jingmen_2022.html", jingmen_html(t.JINGMEN_2022))
    write_text(OUT / "x02_xiaoyi_2022.md", t.XIAOYI_2022.strip() + "\n")
    write_pdf(OUT / "x03_gaoling_2023.pdf", t.GAOLING_2023)
    write_text(OUT / "x04_yuxian_2020.txt", to_fullwidth(t.YUXIAN_2020.strip() + "\n"), "gbk")


if __name__ == "__main__":
    main()
