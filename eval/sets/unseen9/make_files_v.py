"""Generate the unseen9-v evaluation reports (eval/sets/unseen9/reports/v*.*).

Run from the repository root:  python eval/sets/unseen9/make_files_v.py
The texts live in v_texts.py next to this script; SOURCES_V.md says where each comes from and
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

import v_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def liling_html(text: str) -> str:
    """The 醴陵市 report as a city-site article page: top bar, navigation, the “您当前的位置”
    breadcrumb, a 发布时间/来源 line under the title, share and print links, related links and a
    footer."""
    title, body_html = html_title_and_body(text, indent=6)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_醴陵市人民政府</title>
<meta name="keywords" content="法治政府建设,年度报告">
</head>
<body>
<div class="top">
  <span>欢迎访问醴陵市人民政府门户网站</span>
  <span><a href="/zxjg/">长者模式</a> | <a href="/wza/">无障碍</a> | <a href="/ft/">繁体版</a></span>
</div>
<div class="nav">
  <a href="/">首页</a> <a href="/c21700/">政务</a> <a href="/c21800/">服务</a>
  <a href="/c21900/">互动</a> <a href="/c22000/">专题</a> <a href="/c22100/">瓷城醴陵</a>
</div>
<div class="crumb">您当前的位置: <a href="/">首页</a> &gt; <a href="/c22000/">专题</a> &gt; <a href="/c21705/">法治政府建设</a></div>
<div class="article">
  <h1>{html.escape(title)}</h1>
  <div class="meta">发布时间：2025-01-26　访问量：　作者：　来源：醴陵市司法局　字体[ <a href="#">大</a> <a href="#">中</a> <a href="#">小</a> ]</div>
  <div class="content">
{body_html}
  </div>
  <div class="share">分享到：微信 微博 QQ空间　<a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></div>
</div>
<div class="related">
  <h4>相关链接</h4>
  <ul>
    <li><a href="#">醴陵市2023年度法治政府建设工作情况的报告</a></li>
    <li><a href="#">醴陵市行政执法主体清单（2024年版）</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：醴陵市人民政府办公室　承办：醴陵市政务服务中心　地址：湖南省醴陵市</p>
  <p>网站标识码：4302810000　湘ICP备00000000号　<a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "v01_liling_2024.html", liling_html(t.LILING_2024))
    write_pdf(OUT / "v02_heyuan_2023.pdf", t.HEYUAN_2023)
    write_text(OUT / "v03_nankang_2023.txt", to_fullwidth(t.NANKANG_2023.strip() + "\n"), "gbk")
    write_text(OUT / "v04_nanchangxian_2019.md", t.NANCHANGXIAN_2019.strip() + "\n")


if __name__ == "__main__":
    main()
