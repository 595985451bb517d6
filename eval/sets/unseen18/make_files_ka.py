"""Write writer ``ka``'s four report files into eval/sets/unseen18/reports/.

Run from the repository root: ``python eval/sets/unseen18/make_files_ka.py``. The output is
deterministic (fixed dates, no timestamps), so two runs give byte-identical files."""
from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from eval.sets.report_forms import (html_title_and_body, text_lines, to_fullwidth,  # noqa: E402
                                    write_pdf, write_text)
from eval.sets.unseen18 import ka_texts as T  # noqa: E402

OUT = Path(__file__).resolve().parent / "reports"


def make_html(path: Path, text: str) -> None:
    """临江市人民政府 portal page: navigation, breadcrumb, 来源/发布时间, share/print, footer."""
    title, body = html_title_and_body(text, indent=8)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="临江市人民政府">
<meta name="ColumnName" content="公示公告">
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="2024-02-02 09:30">
<title>{html.escape(title)}_公示公告_临江市人民政府</title>
<link rel="stylesheet" href="/images/common.css">
</head>
<body>
<div class="top-bar">
  <span>欢迎访问临江市人民政府门户网站</span>
  <a href="/wza/">无障碍</a> | <a href="/ll/">长者模式</a> | <a href="/m/">手机版</a> | <a href="/wx/">微信公众号</a>
</div>
<div class="header">
  <div class="logo"><img src="/images/logo.png" alt="临江市人民政府"></div>
  <form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键字"><button>搜索</button></form>
</div>
<ul class="nav">
  <li><a href="/">首页</a></li>
  <li><a href="/sy/zwdt/">政务动态</a></li>
  <li><a href="/sy/zwgk/">政务公开</a></li>
  <li><a href="/sy/zwfw/">政务服务</a></li>
  <li><a href="/sy/hdjl/">互动交流</a></li>
  <li><a href="/sy/zjlj/">走进临江</a></li>
</ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/sy/">政务公开</a> &gt; <a href="/sy/gsgg/">公示公告</a> &gt; 正文</div>
<div class="article">
  <h1 class="article-title">{html.escape(title)}</h1>
  <div class="article-info">
    <span>来源：临江市司法局</span>
    <span>发布时间：2024-02-02 09:30</span>
    <span>浏览次数：<em id="hits">1286</em></span>
    <span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span>
  </div>
  <div class="article-content" id="zoom">
{body}
        <p style="text-align:right">临江市人民政府</p>
        <p style="text-align:right">2024年1月31日</p>
  </div>
  <div class="article-tools">
    <span>分享到：<a href="#" class="wx">微信</a> <a href="#" class="wb">微博</a> <a href="#" class="qq">QQ空间</a></span>
    <a href="javascript:window.print()">【打印本页】</a>
    <a href="javascript:window.close()">【关闭窗口】</a>
  </div>
  <div class="related">
    <h4>相关链接</h4>
    <ul>
      <li><a href="/sy/gsgg/">临江市2023年政府信息公开工作年度报告</a></li>
      <li><a href="/sy/gsgg/">临江市行政执法公示专栏</a></li>
    </ul>
  </div>
</div>
<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/map/">网站地图</a> | <a href="/contact/">联系我们</a></p>
  <p>主办单位：临江市人民政府办公室　承办单位：临江市政务服务和数字化建设管理局</p>
  <p>地址：吉林省临江市　网站标识码：（略）　吉ICP备（略）</p>
</div>
</body>
</html>
"""
    write_text(path, page)


def make_txt_gbk(path: Path, text: str) -> None:
    """A GBK plain-text copy with full-width digits, CRLF line ends and a dated signature."""
    lines = text_lines(text)
    out = [lines[0], ""] + [("　　" + ln) for ln in lines[1:]]
    out += ["", "　　　　　　　　　　　　　　　　周口市人民政府", "　　　　　　　　　　　　　　　　2022年3月25日", ""]
    write_text(path, to_fullwidth("\r\n".join(out)), encoding="gbk")


def make_md(path: Path, text: str) -> None:
    """Markdown: '#' title, '##' for 一、…, '###' for （一）…, one 2023/2024 data table."""
    lines = text_lines(text)
    out = [f"# {lines[0]}", ""]
    for ln in lines[1:]:
        if ln[:2] in {f"{n}、" for n in "一二三四五六七八九"}:
            out += [f"## {ln}", ""]
        elif ln.startswith("（") and ln[1:3] in {f"{n}）" for n in "一二三四五六七八九"}:
            out += [f"### {ln}", ""]
        else:
            out += [ln, ""]
        if ln == T.KA04_TABLE_AFTER:
            head, *rows = T.KA04_TABLE
            out.append("| " + " | ".join(head) + " |")
            out.append("| " + " | ".join(["---"] + ["---:"] * (len(head) - 1)) + " |")
            out += ["| " + " | ".join(r) + " |" for r in rows]
            out.append("")
    out += ["阳城县人民政府", "", "2025年2月10日", ""]
    write_text(path, "\n".join(out))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    make_html(OUT / "ka01_linjiang_2023.html", T.KA01_LINJIANG_2023)
    write_pdf(OUT / "ka02_yicheng_2022.pdf", T.KA02_YICHENG_2022)
    make_txt_gbk(OUT / "ka03_zhoukou_2021.txt", T.KA03_ZHOUKOU_2021)
    make_md(OUT / "ka04_yangcheng_2024.md", T.KA04_YANGCHENG_2024)


if __name__ == "__main__":
    main()
