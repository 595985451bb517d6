"""Generate the unseen5-m evaluation reports (eval/sets/unseen5/reports/m*.*).

Run from the repository root:  python eval/sets/unseen5/make_files_m.py
The texts live in m_texts.py next to this script; SOURCES_M.md says where each comes from and
which figures are real. Output is deterministic (the PDF is written with invariant=1, the HTML
carries a fixed 发布时间, the text files are plain byte encodings).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import m_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def yanta_html(text: str) -> str:
    """The 雁塔区 report as a district-site article page: header, navigation, breadcrumbs, an
    info line (发布时间/来源/浏览量) under the title, font-size and print links, a 附件 note, a
    previous/next article pair and a footer with the site's registration lines."""
    title, body_html = html_title_and_body(text, indent=4, attrs=' style="text-indent:2em"')
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(title)}-西安市雁塔区人民政府</title>
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="2024-01-22 10:15">
<meta name="ColumnName" content="法治政府建设">
</head>
<body>
<div class="header">
  <div class="logo">西安市雁塔区人民政府</div>
  <div class="top-links"><a href="/wza/">无障碍浏览</a> | <a href="/zzb/">长者模式</a> | <a href="/search/">站内搜索</a></div>
</div>
<ul class="main-nav">
  <li><a href="/">首页</a></li>
  <li><a href="/xwzx/">新闻中心</a></li>
  <li><a href="/xxgk/">信息公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/zsyt/">走进雁塔</a></li>
</ul>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xxgk/zdxxgk/">重点信息公开</a> &gt; <a href="/xxgk/zdxxgk/fzzfjs/">法治政府建设</a> &gt; 正文</div>
<div class="detail">
  <h1 class="detail-title">{html.escape(title)}</h1>
  <div class="detail-info">发布时间：2024-01-22 10:15　　来源：雁塔区司法局　　浏览量：2317　　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
  <div class="detail-content">
{body_html}
  </div>
  <div class="attach">附件：无</div>
  <div class="detail-tools"><a href="javascript:window.print();">[打印]</a> <a href="javascript:window.close();">[关闭]</a></div>
  <div class="prev-next">
    <p>上一篇：<a href="#">雁塔区2023年“八五”普法中期工作总结</a></p>
    <p>下一篇：<a href="#">雁塔区2024年法治政府建设工作要点</a></p>
  </div>
</div>
<div class="footer">
  <p>主办单位：西安市雁塔区人民政府办公室　技术支持：雁塔区大数据服务中心</p>
  <p>地址：西安市雁塔区 联系电话：029-00000000　陕ICP备00000000号　政府网站标识码：6101130000</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "m01_xianning_2022.pdf", t.XIANNING_2022)
    write_text(OUT / "m02_yanta_2023.html", yanta_html(t.YANTA_2023))
    write_text(OUT / "m03_linshui_2024.md", t.LINSHUI_2024.strip() + "\n")
    write_text(OUT / "m04_pingli_2019.txt", to_fullwidth(t.PINGLI_2019.strip() + "\n"), "gbk")


if __name__ == "__main__":
    main()
