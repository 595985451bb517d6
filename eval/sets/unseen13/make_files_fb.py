"""Generate the unseen13-fb evaluation reports (eval/sets/unseen13/reports/fb*.*).

Run from the repository root:  python eval/sets/unseen13/make_files_fb.py
The texts live in fb_texts.py next to this script; SOURCES_FB.md says where each comes from and
which figures are real. Output is deterministic (the HTML carries a fixed 发布时间, the PDF is
built with invariant=1, the GBK text and the Markdown are plain bytes of fixed texts).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import fb_texts as t

from eval.sets.report_forms import (html_title_and_body, is_heading, text_lines, to_fullwidth,
                                    write_pdf, write_text)

OUT = HERE / "reports"


def _tag(line: str) -> str:
    """"一、…" lines as <h3>, "（一）…" lines as <h4>, the rest as <p>."""
    if is_heading(line):
        return "h3"
    if line.startswith("（") and "）" in line[:4]:
        return "h4"
    return "p"


def zhaoqing_html(text: str) -> str:
    """The 肇庆市 report as a city-government article page: service bar, navigation, a
    "现在位置" breadcrumb, 来源/撰写时间 and font-size links under the title, share and print
    tools, related links and a footer with the site's registration lines."""
    title, body_html = html_title_and_body(text, indent=8, tag_of=_tag)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="肇庆市人民政府网">
<meta name="ColumnName" content="最新文件">
<title>{html.escape(title)}_肇庆市人民政府网</title>
</head>
<body>
<div class="topbar">
  <span>长者助手</span> | <a href="/login/">市民登录</a> | <a href="/mail/">政务邮箱</a> | <a href="/wza/">网站无障碍</a> | 网站支持IPv6
</div>
<div class="banner"><div class="logo">肇庆市人民政府</div><form class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></form></div>
<ul class="mainnav">
  <li><a href="/">首页</a></li>
  <li><a href="/zwdt/">政务动态</a></li>
  <li><a href="/xxgk/">信息公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/zjzq/">走进肇庆</a></li>
</ul>
<div class="crumb">现在位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xxgk/zcfg/">政策法规</a> &gt; <a href="/xxgk/zcfg/zxwj/">最新文件</a></div>
<div class="article">
  <h1 class="title">{html.escape(title)}</h1>
  <div class="meta">保护视力色：<a href="#">绿</a>　来源：肇庆市人民政府　　撰写时间：2024-01-29 17:22　　字体大小：[<a href="#">大</a>] [<a href="#">中</a>] [<a href="#">小</a>]</div>
  <div class="content">
{body_html}
  </div>
  <div class="tools"><a href="#">分享到微信</a> <a href="#">分享到微博</a> <a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">
  <h4>相关链接</h4>
  <ul>
    <li><a href="#">肇庆市2022年法治政府建设年度报告</a></li>
    <li><a href="#">肇庆市人民政府关于印发2024年重大行政决策事项目录的通知</a></li>
  </ul>
</div>
<div class="footer">
  <p><a href="/about/">关于本网</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p>
  <p>主办：肇庆市人民政府办公室　承办：肇庆市政务服务数据管理局</p>
  <p>网站标识码：4412000000　粤ICP备00000000号　粤公网安备 00000000000000号</p>
</div>
</body>
</html>
"""


def meijiang_txt(text: str) -> str:
    """The 梅江区 report as a plain text file: full-width digits, a blank line between
    paragraphs (it is written in GBK by main)."""
    return to_fullwidth("\n\n".join(text_lines(text)) + "\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "fb01_zhaoqing_2023.html", zhaoqing_html(t.ZHAOQING_2023))
    write_pdf(OUT / "fb02_haifeng_2023.pdf", t.HAIFENG_2023)
    write_text(OUT / "fb03_meijiang_2022.txt", meijiang_txt(t.MEIJIANG_2022), "gbk")
    write_text(OUT / "fb04_xingning_2024.md", t.XINGNING_2024.strip() + "\n")


if __name__ == "__main__":
    main()
