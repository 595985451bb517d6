"""Generate the unseen14-ga evaluation reports (eval/sets/unseen14/reports/ga*.*).

Run from the repository root:  python eval/sets/unseen14/make_files_ga.py
The texts live in ga_texts.py next to this script; SOURCES_GA.md says where each comes from and
which figures are real. Output is deterministic: the HTML carries a fixed 发布时间, the PDF is built
with invariant=1, the GBK text (full-width digits) and the Markdown are plain bytes of fixed texts.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import ga_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def rizhao_html(text: str) -> str:
    """The 日照市 report as a city-government article page: top links, navigation, breadcrumbs,
    an info line (信息来源/发布日期/浏览次数) under the title, a share bar, related articles and a
    footer with site identifiers."""
    title, body_html = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="日照市人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="ArticleTitle" content="{html.escape(title)}">
<title>{html.escape(title)} - 日照市人民政府</title>
</head>
<body>
<div class="topbar">
  <span>欢迎访问日照市人民政府门户网站</span>
  <a href="/wza/">无障碍</a> | <a href="/jt/">简体</a> | <a href="/ft/">繁體</a> | <a href="/app/">移动版</a> | <a href="/login/">登录</a>
</div>
<div class="header"><div class="logo">日照市人民政府 www.rizhao.gov.cn</div>
  <form class="search" action="/search/"><input name="q" placeholder="请输入关键字"><button>搜索</button></form>
</div>
<div class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">政民互动</a></li>
    <li><a href="/zjrz/">走进日照</a></li>
    <li><a href="/ztzl/">专题专栏</a></li>
  </ul>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设</a> &gt; <a href="/zwgk/fzzf/ndbg/">年度报告</a></div>
<div class="main">
  <div class="article">
    <h1 class="title">{html.escape(title)}</h1>
    <div class="info">信息来源：日照市司法局　　发布日期：2024-03-28 10:15　　浏览次数：<span id="hits">1276</span>　　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
    <div class="content" id="zoom">
{body_html}
    </div>
    <div class="tools"><a href="javascript:window.print()">打印本页</a> | <a href="javascript:window.close()">关闭窗口</a> | <a href="#top">返回顶部</a></div>
  </div>
  <div class="related">
    <h4>相关阅读</h4>
    <ul>
      <li><a href="#">日照市人民政府关于2022年度法治政府建设情况的报告</a></li>
      <li><a href="#">日照市2023年政府信息公开工作年度报告</a></li>
      <li><a href="#">日照市行政许可事项清单（2023年版）</a></li>
    </ul>
  </div>
</div>
<div class="footer">
  <p><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sm/">使用帮助</a></p>
  <p>主办单位：日照市人民政府办公室　　承办单位：日照市大数据发展局</p>
  <p>网站标识码：3711000001　　鲁ICP备00000000号-1　　鲁公网安备 37110202000000号</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "ga01_rizhao_2023.html", rizhao_html(t.RIZHAO_2023))
    write_pdf(OUT / "ga02_dongli_2021.pdf", t.DONGLI_2021)
    write_text(OUT / "ga03_xiaxian_2024.txt", to_fullwidth(t.XIAXIAN_2024.strip() + "\n"), "gbk")
    write_text(OUT / "ga04_xuchang_2022.md", t.XUCHANG_2022.strip() + "\n")


if __name__ == "__main__":
    main()
