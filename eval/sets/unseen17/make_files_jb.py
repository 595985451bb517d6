"""Write the jb reports of the unseen17 set into eval/sets/unseen17/reports/ (run from the repo
root): a DOCX, an HTML page with site boilerplate, a GBK text with full-width digits and a
Markdown file with a table. Deterministic: running it twice gives byte-identical files."""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from eval.sets.report_forms import (html_title_and_body, to_fullwidth, write_docx,  # noqa: E402
                                    write_text)
from eval.sets.unseen17.jb_texts import HEFEI_2020, HUADU_2022, LUOYUAN_2023, ZHUJI_2019  # noqa: E402

OUT = Path(__file__).resolve().parent / "reports"

HUADU_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_区政府法治政府建设报告_广州市花都区人民政府门户网站</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-03-29 16:20">
<meta name="ContentSource" content="花都区司法局">
<link rel="stylesheet" href="/css/common.css">
</head>
<body>
<div class="top-bar">
  <span>欢迎访问广州市花都区人民政府门户网站</span>
  <a href="/">首页</a> | <a href="javascript:;">长者助手</a> | <a href="javascript:;">无障碍浏览</a> | <a href="javascript:;">繁体版</a> | <a href="/wzdt/">网站地图</a>
  <form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键词"><button>搜索</button></form>
</div>
<div class="header"><img src="/images/logo.png" alt="广州市花都区人民政府"></div>
<ul class="nav">
  <li><a href="/">首页</a></li>
  <li><a href="/zwdt/">政务动态</a></li>
  <li class="on"><a href="/xxgk/">信息公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/zjhd/">走进花都</a></li>
</ul>
<div class="breadcrumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xxgk/fzzfjs/">法治政府建设</a> &gt; <a href="/xxgk/fzzfjs/qzffzzfjsbg/">区政府法治政府建设报告</a></div>
<div class="article">
  <h1 class="title">{title}</h1>
  <div class="info">
    <span>发布日期：2023-03-29 16:20</span>
    <span>文章来源：花都区司法局</span>
    <span>访问量：-</span>
    <span>【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】</span>
  </div>
  <div class="content" id="zoom">
{body}
  </div>
  <div class="share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a> <a href="javascript:;">QQ空间</a></div>
  <div class="tools"><a href="javascript:window.print();">【打印本页】</a> <a href="javascript:window.close();">【关闭窗口】</a> <a href="#top">【返回顶部】</a></div>
  <div class="related">
    <h4>相关链接</h4>
    <ul>
      <li><a href="/xxgk/fzzfjs/qzffzzfjsbg/content/post_7990474.html">广州市花都区人民政府2021年法治政府建设年度报告</a></li>
      <li><a href="/xxgk/fzzfjs/bmfzzfjsbg/">部门法治政府建设年度报告</a></li>
    </ul>
  </div>
</div>
<div class="footer">
  <p>主办：广州市花都区人民政府办公室　承办：广州市花都区政务服务数据管理局</p>
  <p>地址：广州市花都区新华街公益路8号　邮编：510800</p>
  <p>网站标识码：4401140001　粤ICP备12012345号　粤公网安备 44011402000123号</p>
  <p><a href="/wzsm/">网站声明</a> | <a href="/lxwm/">联系我们</a> | <a href="/wzdt/">网站地图</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_docx(OUT / "jb01_luoyuan_2023.docx", LUOYUAN_2023, author="罗源县人民政府办公室",
               when=datetime.datetime(2024, 1, 9, 16, 9, 0))
    title, body = html_title_and_body(HUADU_2022)
    write_text(OUT / "jb02_huadu_2022.html", HUADU_PAGE.format(title=title, body=body))
    write_text(OUT / "jb03_hefei_2020.txt", to_fullwidth(HEFEI_2020.strip() + "\n"), encoding="gbk")
    write_text(OUT / "jb04_zhuji_2019.md", ZHUJI_2019.strip() + "\n")


if __name__ == "__main__":
    main()
