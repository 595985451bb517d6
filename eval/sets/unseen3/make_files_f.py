"""Generate the unseen3-f evaluation reports (eval/sets/unseen3/reports/f0*.*).

Run from the repository root:  python eval/sets/unseen3/make_files_f.py
The texts live in f_texts.py next to this script; SOURCES_F.md says where each comes from and
which figures are real. Output text is deterministic (the DOCX carries fixed core properties; its zip
timestamps vary, so the .docx bytes may differ between runs).
"""
from __future__ import annotations

import datetime as dt
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import f_texts as t

from eval.sets.report_forms import is_heading, text_lines, to_fullwidth, write_text

OUT = HERE / "reports"


def _is_subheading(line: str) -> bool:
    """A stand-alone （一）… line without a sentence after it."""
    return line.startswith("（") and line[2:3] == "）" and "。" not in line and len(line) <= 40


def write_docx(name: str, text: str) -> None:
    import docx  # python-docx

    doc = docx.Document()
    lines = text_lines(text)
    doc.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        if is_heading(ln):
            doc.add_heading(ln, level=2)
        elif _is_subheading(ln):
            doc.add_heading(ln, level=3)
        else:
            doc.add_paragraph(ln)
    props = doc.core_properties
    props.title = lines[0]
    props.author = "保山市司法局"
    props.created = props.modified = dt.datetime(2024, 3, 28, 9, 0, 0)
    props.last_modified_by = "保山市司法局"
    doc.save(str(OUT / name))


HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}_长春市九台区人民政府</title>
<link rel="stylesheet" href="/res/css/common.css">
<script src="/res/js/jquery.min.js"></script>
<script src="/res/js/wza.js"></script>
</head>
<body>
<div class="head-top"><div class="w1200"><span class="date">今天是：<em id="nowDate"></em></span><a href="/wza/">无障碍</a> | <a href="/lhb/">长辈版</a> | <a href="/sjb/">手机版</a> | <a href="/login/">登录</a></div></div>
<div class="banner"><img src="/res/images/banner_jt.jpg" alt="长春市九台区人民政府"><form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form></div>
<ul class="nav">
<li><a href="/">首页</a></li><li><a href="/jtyw/">九台要闻</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjjt/">走进九台</a></li>
</ul>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjs/">法治政府建设</a> &gt; 正文</div>
<div class="article">
<h2 class="art-title">{title}</h2>
<div class="art-info">发布日期：2024-03-26 10:12　　信息来源：九台区司法局　　浏览次数：<span id="views">1286</span>　　字号：[ <a href="#">大</a> <a href="#">中</a> <a href="#">小</a> ]</div>
<div class="art-con" id="zoom">
{paras}
</div>
<div class="art-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a> 分享：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="related"><h3>相关文章</h3><ul>
<li><a href="/zwgk/fzzfjs/202303/t20230330_3127741.html">九台区人民政府2022年法治政府建设工作报告</a></li>
<li><a href="/zwgk/zfxxgk/202401/t20240125_3281176.html">长春市九台区人民政府2023年政府信息公开工作年度报告</a></li>
<li><a href="/jtyw/202402/t20240228_3290518.html">九台区召开2024年全面依法治区工作会议</a></li>
</ul></div>
<div class="footer">
<p><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
<p>主办单位：长春市九台区人民政府办公室　承办单位：九台区政务服务和数字化建设管理局</p>
<p>网站标识码：2201130001　<a href="https://beian.miit.gov.cn/">吉ICP备05001234号</a>　吉公网安备 22011302000456号</p>
</div>
</body>
</html>
"""


def write_html(name: str, text: str) -> None:
    lines = text_lines(text)
    paras = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:])
    write_text(OUT / name, HTML_PAGE.format(title=html.escape(lines[0]), paras=paras))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_docx("f01_baoshan_2023.docx", t.BAOSHAN_2023)
    write_text(OUT / "f02_huian_2022.txt", to_fullwidth(t.HUIAN_2022))
    write_html("f03_jiutai_2023.html", t.JIUTAI_2023)
    write_text(OUT / "f04_huian_2021.txt", t.HUIAN_2021)
    write_text(OUT / "f05_guanshanhu_2021.txt", t.GUANSHANHU_2021)


if __name__ == "__main__":
    main()
