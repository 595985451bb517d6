"""Generate the unseen15-ha evaluation reports (eval/sets/unseen15/reports/ha*.*).

Run from the repository root:  python eval/sets/unseen15/make_files_ha.py
The texts live in ha_texts.py next to this script; SOURCES_HA.md says where each comes from and
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

import ha_texts as t

from eval.sets.report_forms import (html_title_and_body, text_lines, to_fullwidth, write_pdf,
                                    write_text)

OUT = HERE / "reports"


def _tag(line: str) -> str:
    """h3 for "一、…" headings, h4 for "（一）…" sub-headings, p otherwise."""
    if line[:2] in {f"{n}、" for n in "一二三四五六七八九"}:
        return "h3"
    if line.startswith("（") and "）" in line[:4] and len(line) < 40:
        return "h4"
    return "p"


def mentougou_html(text: str) -> str:
    """The 门头沟区 report as a district-site article page: top links, navigation, a
    “当前位置” breadcrumb, 发布时间/来源/浏览次数 under the title, share and print links,
    a previous/next article bar and a footer."""
    title, body_html = html_title_and_body(text, indent=8, tag_of=_tag)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="北京市门头沟区人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="PubDate" content="2025-03-19">
<title>{html.escape(title)}_北京市门头沟区人民政府网站</title>
</head>
<body>
<div class="top">
  <span>欢迎访问北京市门头沟区人民政府网站</span>
  <a href="/wza/">无障碍</a> | <a href="/en/">English</a> | <a href="/m/">移动版</a> | <a href="/login/">登录</a>
</div>
<div class="banner"><img src="/images/logo.png" alt="北京市门头沟区人民政府"></div>
<nav class="menu">
  <a href="/">首页</a>
  <a href="/zwgk/">政务公开</a>
  <a href="/bsfw/">办事服务</a>
  <a href="/hdjl/">互动交流</a>
  <a href="/zjmtg/">走进门头沟</a>
</nav>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjsbg/">法治政府建设年度报告</a> &gt; 正文</div>
<div class="main">
  <div class="art-title">{html.escape(title)}</div>
  <div class="art-info">发布时间：2025-03-19　　来源：门头沟区司法局　　浏览次数：<span id="hits">1083</span>　　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="art-body">
      <div class="TRS_Editor">
{body_html}
      </div>
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　　<a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
  <div class="prev-next">
    <p>上一篇：<a href="#">门头沟区2023年法治政府建设年度情况报告</a></p>
    <p>下一篇：<a href="#">门头沟区关于推进法治政府建设“八大专项行动”的实施方案</a></p>
  </div>
</div>
<div class="footer">
  <p><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/yssm/">隐私声明</a></p>
  <p>主办：北京市门头沟区人民政府办公室　承办：门头沟区政务服务和数据管理局</p>
  <p>京ICP备00000000号　京公网安备11010900000000号　网站标识码：1101090000</p>
</div>
</body>
</html>
"""


def miyun_markdown(text: str) -> str:
    """The 密云区 report as Markdown: "# " title, the ##/### headings and the data table as
    written, other lines as paragraphs separated by blank lines."""
    lines = text_lines(text)
    out = [f"# {lines[0]}", ""]
    for ln in lines[1:]:
        if ln.startswith("|"):
            out.append(ln)  # table rows stay together
            continue
        if out and out[-1].startswith("|"):
            out.append("")
        out += [ln, ""]
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "ha01_mentougou_2024.html", mentougou_html(t.MENTOUGOU_2024))
    write_pdf(OUT / "ha02_wulanchabu_2024.pdf", t.WULANCHABU_2024)
    write_text(OUT / "ha03_fusong_2023.txt", to_fullwidth(t.FUSONG_2023.strip() + "\n"), "gbk")
    write_text(OUT / "ha04_miyun_2022.md", miyun_markdown(t.MIYUN_2022))


if __name__ == "__main__":
    main()
