"""Generate the unseen4-i evaluation reports (eval/sets/unseen4/reports/i*.*).

Run from the repository root:  python eval/sets/unseen4/make_files_i.py
The texts live in i_texts.py next to this script; SOURCES_I.md says where each comes from and
which figures are real. Output is deterministic (the PDF carries a fixed creation date, the
DOCX fixed core-property dates and fixed zip member timestamps).
"""
from __future__ import annotations

import datetime
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import i_texts as t

from eval.sets.report_forms import fix_zip_dates, is_heading, text_lines, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"
FIXED = datetime.datetime(2025, 1, 13, 9, 0, 0)


def write_docx(name: str, text: str) -> None:
    """The issuer on its own centred line above a Heading 1 title (as on the real page),
    一、… as Heading 2, （一）… kept inside the paragraphs."""
    import docx  # python-docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = docx.Document()
    lines = text_lines(text)
    issuer = doc.add_paragraph()
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issuer.add_run(lines[0]).bold = True
    doc.add_heading(lines[1], level=1)
    for ln in lines[2:]:
        if is_heading(ln):
            doc.add_heading(ln, level=2)
        else:
            doc.add_paragraph(ln)
    props = doc.core_properties
    props.title = lines[0] + lines[1]
    props.author = "栾城区司法局"
    props.last_modified_by = "栾城区司法局"
    props.created = props.modified = FIXED
    doc.save(str(OUT / name))
    fix_zip_dates(OUT / name, FIXED)


HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}-衡阳市蒸湘区人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css">
<script src="/js/jquery-1.11.3.min.js"></script>
</head>
<body>
<div class="top"><div class="wrap"><span>欢迎访问衡阳市蒸湘区人民政府门户网站</span><a href="/wza/">无障碍浏览</a> | <a href="/jt/">简体</a> | <a href="/ft/">繁体</a> | <a href="/m/">移动版</a></div></div>
<div class="header"><img src="/images/logo_zx.png" alt="衡阳市蒸湘区人民政府"><form action="/search/" class="sch"><input name="kw" placeholder="请输入搜索内容"><input type="submit" value="搜索"></form></div>
<ul class="menu">
<li><a href="/">首页</a></li><li><a href="/zwdt/">政务动态</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjzx/">走进蒸湘</a></li>
</ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/lzyj/">履职依据</a> &gt; <a href="/zwgk/lzyj/qzfbwj/">区政府办文件</a></div>
<div class="xxgk-meta"><ul>
<li>索引号：00000000/2023-27201</li><li>公布时间：2023-03-30</li><li>来源：区政府办</li>
</ul></div>
<div class="content">
<div class="info">蒸湘区人民政府门户网站　www.zhengxiang.gov.cn　　发布时间：2023-03-30　　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<h1 class="title">{title}</h1>
<div class="article" id="zoom">
{paras}
</div>
<div class="editor">责任编辑：刘芳</div>
<div class="tools"><a href="javascript:window.print();">【打印本页】</a> <a href="javascript:window.close();">【关闭窗口】</a> <span class="share">分享到：<a href="#">微信</a> <a href="#">QQ空间</a> <a href="#">新浪微博</a></span></div>
</div>
<div class="xgwz"><h3>相关文章</h3><ul>
<li><a href="/zwgk/tzgg/20220228/i2629721.html">蒸湘区2021年法治政府建设年度报告</a></li>
<li><a href="/zwgk/zfxxgknb/20230131/i2890554.html">蒸湘区人民政府2022年政府信息公开工作年度报告</a></li>
<li><a href="/zwdt/20230412/i2981172.html">蒸湘区召开2023年全面依法治区工作会议</a></li>
</ul></div>
<div class="footer">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sm/">网站声明</a></p>
<p>主办：衡阳市蒸湘区人民政府办公室　　承办：蒸湘区政务服务中心</p>
<p>网站标识码：4304080001　<a href="https://beian.miit.gov.cn/">湘ICP备05004567号</a>　湘公网安备 43040802000123号</p>
</div>
</body>
</html>
"""


def write_html(name: str, text: str) -> None:
    lines = text_lines(text)
    paras = "\n".join(f"<p>　　{html.escape(ln)}</p>" for ln in lines[1:])
    write_text(OUT / name, HTML_PAGE.format(title=html.escape(lines[0]), paras=paras))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_docx("i01_luancheng_2024.docx", t.LUANCHENG_2024)
    write_text(OUT / "i02_faku_2023.txt", to_fullwidth(t.FAKU_2023), "gbk")
    write_pdf(OUT / "i03_tulufan_2021.pdf", t.TULUFAN_2021)
    write_html("i04_zhengxiang_2022.html", t.ZHENGXIANG_2022)
    write_text(OUT / "i05_yuanjiang_2022.md", t.YUANJIANG_2022)


if __name__ == "__main__":
    main()
