"""Generate the unseen3-e evaluation reports (eval/sets/unseen3/reports/e*.*).

Run from the repository root:  python eval/sets/unseen3/make_files_e.py
The texts live in e_texts.py next to this script; SOURCES_E.md says where each comes from and
which figures are real. Output is deterministic (the PDF carries a fixed creation date).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import e_texts as t

from eval.sets.report_forms import text_lines, write_pdf, write_text

OUT = HERE / "reports"


HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}_银州区人民政府</title>
<link rel="stylesheet" href="/yinzhou/css/common.css">
<script src="/yinzhou/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="top"><span>欢迎访问铁岭市银州区人民政府网站</span> <a href="/">网站首页</a> | <a href="/wza/">无障碍</a> | <a href="/jt/">简体</a> | <a href="/ft/">繁體</a></div>
<div class="banner"><img src="/yinzhou/images/banner.jpg" alt="银州区人民政府 The People's Government of Yinzhou Municipality"></div>
<ul class="nav">
<li><a href="/">首页</a></li><li><a href="/yinzhou/zwdt/">政务动态</a></li><li><a href="/yinzhou/zfxxgk/">政府信息公开</a></li>
<li><a href="/yinzhou/zwfw/">政务服务</a></li><li><a href="/yinzhou/hdjl/">政民互动</a></li><li><a href="/yinzhou/zjyz/">走进银州</a></li>
</ul></div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/yinzhou/zfxxgk/">政府信息公开</a> &gt; <a href="/yinzhou/zfxxgk/zdlygk/">重点领域信息公开</a> &gt; <a href="/yinzhou/zfxxgk/zdlygk/ggflfw/">公共法律服务</a> &gt; <a href="/yinzhou/zfxxgk/zdlygk/ggflfw/fzzfjs/">法治政府建设</a></div>
<div class="article">
<h1>【法治政府建设】{title}</h1>
<div class="source">来源：银州区司法局　　发布时间：2023-02-22　　浏览次数：<span id="hits">1386</span>　　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor">
{paras}
</div>
<div class="bdshare">分享到：<a href="#">微信</a> <a href="#">新浪微博</a> <a href="#">QQ空间</a> <a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="/yinzhou/zfxxgk/zdlygk/ggflfw/fzzfjs/2022021510324411857/index.html">【法治政府建设】2021年度银州区法治政府建设报告</a></li>
<li><a href="/yinzhou/zwdt/2023011209145512670/index.html">银州区召开2023年全面依法治区工作会议</a></li>
<li><a href="/yinzhou/zfxxgk/zfxxgknb/2023012810215520931/index.html">铁岭市银州区人民政府2022年政府信息公开工作年度报告</a></li>
</ul></div>
<div class="footer">
<p><a href="/about/">关于本站</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a> | <a href="/jiucuo/">我要纠错</a></p>
<p>主办单位：铁岭市银州区人民政府办公室　承办单位：银州区政务服务中心　地址：辽宁省铁岭市银州区广裕街</p>
<p>网站标识码：2112020001　<a href="https://beian.miit.gov.cn/">辽ICP备05012345号-1</a>　辽公网安备 21120202000321号</p>
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
    write_text(OUT / "e01_pingjiang_2020.txt", t.PINGJIANG_2020, "gbk")
    write_html("e02_yinzhou_2022.html", t.YINZHOU_2022)
    write_pdf(OUT / "e03_harbin_2022.pdf", t.HARBIN_2022)
    write_text(OUT / "e04_qingshui_2023.txt", t.QINGSHUI_2023)
    write_text(OUT / "e05_fengnan_2021.md", t.FENGNAN_2021)


if __name__ == "__main__":
    main()
