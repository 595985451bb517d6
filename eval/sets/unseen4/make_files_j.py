"""Generate the unseen4-j evaluation reports (eval/sets/unseen4/reports/j*.*).

Run from the repository root:  python eval/sets/unseen4/make_files_j.py
The texts live in j_texts.py next to this script; SOURCES_J.md says where each comes from and
which figures are real. Output is deterministic (the PDF carries a fixed creation date, the
DOCX fixed core-property and zip dates, the HTML a fixed publication date).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import j_texts as t

from eval.sets.report_forms import is_heading, text_lines, to_fullwidth, write_docx, write_pdf, write_text

OUT = HERE / "reports"


def songjiang_html(text: str) -> str:
    """The report inside a district-government page: nav, breadcrumbs, a 发布时间 line before
    the title, share/print links, a 责任编辑 line and a footer."""
    lines = text_lines(text)
    title, body = lines[0], lines[1:]
    paras = []
    for ln in body:
        if is_heading(ln):
            paras.append(f"<h3>{html.escape(ln)}</h3>")
        else:
            paras.append(f"<p style=\"text-indent:2em\">{html.escape(ln)}</p>")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_上海市松江区人民政府</title>
<link rel="stylesheet" href="/css/common.css">
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="top-bar">无障碍浏览 | 长者模式 | 简 / 繁 | 登录</div>
<div class="header"><img src="/images/logo.png" alt="上海市松江区人民政府"></div>
<div class="nav">
<ul>
<li><a href="/">首页</a></li>
<li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li>
<li><a href="/zjsj/">走进松江</a></li>
</ul>
</div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fdzdgknr/">法定主动公开内容</a> &gt; 法治政府建设</div>
<div class="article">
<div class="info">发布时间：2025-03-26　来源：松江区司法局　字号：<a>大</a> <a>中</a> <a>小</a></div>
<h1 class="title">{html.escape(title)}</h1>
<div class="content">
{chr(10).join(paras)}
</div>
<div class="editor">责任编辑：沈晓雯</div>
<div class="tools">分享到：<a class="share-wx">微信</a> <a class="share-wb">微博</a> <a class="share-qq">QQ空间</a>　<a href="javascript:window.print()">【打印本页】</a>　<a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h4>相关链接</h4><ul><li><a href="#">上海市松江区2023年度法治政府建设情况报告</a></li><li><a href="#">上海市松江区2025年政府信息公开工作年度报告</a></li></ul></div>
<div class="footer">
<p>主办单位：上海市松江区人民政府办公室　承办：松江区大数据中心</p>
<p>地址：上海市松江区园中路1号　邮编：201620</p>
<p>网站标识码：示例0000000000　沪ICP备00000000号</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "j01_mudanjiang_2022.pdf", t.MUDANJIANG_2022)
    write_docx(OUT / "j02_liupanshui_2024.docx", t.LIUPANSHUI_2024, "六盘水市人民政府",
               datetime.datetime(2025, 3, 11, 9, 0, 0))
    write_text(OUT / "j03_songjiang_2024.html", songjiang_html(t.SONGJIANG_2024))
    write_text(OUT / "j04_chengzhong_2023.txt", to_fullwidth(t.CHENGZHONG_2023.strip() + "\n"), "gbk")
    write_text(OUT / "j05_gaotai_2022.md", t.GAOTAI_2022.strip() + "\n")


if __name__ == "__main__":
    main()
