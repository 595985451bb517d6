"""Generate the unseen5-k evaluation reports (eval/sets/unseen5/reports/k*.*).

Run from the repository root:  python eval/sets/unseen5/make_files_k.py
The texts live in k_texts.py next to this script; SOURCES_K.md says where each comes from and
which figures are real. Output is deterministic (the PDF is built with ``invariant=1``, the HTML
carries a fixed 发布时间, the Markdown and GBK text are plain writes).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import k_texts as t

from eval.sets.report_forms import is_heading, text_lines, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def honggutan_html(text: str) -> str:
    """The 红谷滩区 report as a district-government site article: top links, a navigation bar,
    breadcrumbs, an info line (发布时间/来源/字号), the article, a 扫一扫 box, related links and a
    footer with 主办/备案 lines."""
    lines = text_lines(text)
    title, body = lines[0], lines[1:]
    paras = []
    for ln in body:
        tag = "h4" if (is_heading(ln) or ln.startswith("（")) else "p"
        paras.append(f'    <{tag} style="text-indent:2em">{html.escape(ln)}</{tag}>')
    body_html = "\n".join(paras)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(title)} - 南昌市红谷滩区人民政府</title>
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="2022-02-16 10:25">
<meta name="ContentSource" content="红谷滩区司法局">
</head>
<body>
<div class="header">
  <div class="toplinks"><a href="/">设为首页</a> <a href="#">加入收藏</a> <a href="/wza/">无障碍浏览</a> <a href="#">长者模式</a></div>
  <div class="logo">南昌市红谷滩区人民政府</div>
  <form class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></form>
</div>
<ul class="nav">
  <li><a href="/">网站首页</a></li>
  <li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/zjhgt/">走进红谷滩</a></li>
</ul>
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/bmxxgk/">部门信息公开</a> &gt; <a href="/zwgk/bmxxgk/sfj/">区司法局</a> &gt; 计划总结</div>
<div class="article">
  <h2>{html.escape(title)}</h2>
  <div class="info">发布时间：2022-02-16 10:25　信息来源：红谷滩区司法局　点击数：<span>972</span>　字号：【大 中 小】</div>
  <div class="TRS_Editor">
{body_html}
  </div>
  <div class="share">扫一扫在手机打开当前页　<a href="javascript:window.print()">[打印本页]</a>　<a href="javascript:window.close()">[关闭窗口]</a></div>
</div>
<div class="xgxx">相关信息：<a href="#">红谷滩区司法局2020年工作总结</a>　<a href="#">红谷滩区“八五”普法规划</a></div>
<div class="footer">
  <p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>
  <p>主办单位：南昌市红谷滩区人民政府办公室　技术支持：红谷滩区大数据中心</p>
  <p>赣ICP备00000000号-1　赣公网安备 36010000000000号　网站标识码：3601000000</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "k01_honggutan_2021.html", honggutan_html(t.HONGGUTAN_2021))
    write_pdf(OUT / "k02_jiashan_2022.pdf", t.JIASHAN_2022)
    write_text(OUT / "k03_jingdezhen_2024.md", t.JINGDEZHEN_2024.strip() + "\n")
    write_text(OUT / "k04_shitai_2020.txt", to_fullwidth(t.SHITAI_2020.strip() + "\n"), "gbk")


if __name__ == "__main__":
    main()
