"""Generate the unseen7-s evaluation reports (eval/sets/unseen7/reports/s*.*).

Run from the repository root:  python eval/sets/unseen7/make_files_s.py
The texts live in s_texts.py next to this script; SOURCES_S.md says where each comes from and
which figures are real. Output is deterministic (the PDF is built with invariant=1, the HTML
carries a fixed 发布时间, the text files are plain bytes).

Forms: s01 GBK text with full-width digits, s02 PDF, s03 HTML page with site boilerplate,
s04 Markdown with a data table.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import s_texts as t

from eval.sets.report_forms import html_title_and_body, is_heading, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def _is_subheading(line: str) -> bool:
    """A stand-alone second-level heading "（一）…" with no sentence after it."""
    return line.startswith("（") and "。" not in line


def luolong_html(text: str) -> str:
    """The 洛龙区 report as a district-site article page: top bar, navigation, breadcrumbs
    (首页 > 结果公开 > 依法行政), a 发布时间/来源/浏览次数 line under the title, font-size and
    print links, 责任编辑, related links and a footer."""
    title, body_html = html_title_and_body(
        text, indent=8, tag_of=lambda ln: "h3" if is_heading(ln) else "h4" if _is_subheading(ln) else "p")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}-洛阳市洛龙区人民政府</title>
<meta name="keywords" content="洛龙区,法治政府建设,年度报告,依法行政">
<meta name="description" content="{html.escape(title)}">
</head>
<body>
<div class="topbar">
  <span>欢迎访问洛阳市洛龙区人民政府网站</span>
  <a href="/wza/">无障碍浏览</a> | <a href="/m/">手机版</a> | <a href="/search/">站内搜索</a>
</div>
<div class="header"><img src="/images/logo.png" alt="洛阳市洛龙区人民政府"></div>
<div class="nav">
  <ul>
    <li><a href="/">网站首页</a></li>
    <li><a href="/html/1/m/2/">政务公开</a></li>
    <li><a href="/html/1/m/3/">政务服务</a></li>
    <li><a href="/html/1/m/4/">政民互动</a></li>
    <li><a href="/html/1/m/5/">走进洛龙</a></li>
  </ul>
</div>
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/html/1/m/2/151/">结果公开</a> &gt; <a href="/html/1/m/2/151/161/">依法行政</a></div>
<div class="main">
  <div class="article">
    <h1>{html.escape(title)}</h1>
    <div class="info">发布时间：2024-03-15 10:26　　来源：洛龙区司法局　　浏览次数：2317　　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
    <div class="content">
{body_html}
    </div>
    <div class="sign">洛阳市洛龙区人民政府<br>2024年3月12日</div>
    <div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a> <a href="#top">【返回顶部】</a></div>
    <div class="editor">责任编辑：王静怡　　审核：李志强</div>
  </div>
  <div class="related">
    <h4>相关文章</h4>
    <ul>
      <li><a href="#">洛龙区2022年度法治政府建设情况报告</a></li>
      <li><a href="#">洛龙区2023年度法治政府建设工作安排</a></li>
      <li><a href="#">洛龙区行政执法“三项制度”实施情况公示</a></li>
    </ul>
  </div>
</div>
<div class="footer">
  <p>主办单位：洛阳市洛龙区人民政府办公室　　承办单位：洛龙区大数据中心</p>
  <p>地址：洛阳市洛龙区开元大道　　联系电话：0379-00000000</p>
  <p>网站标识码：4103110000　　豫ICP备00000000号　　豫公网安备 41031102000000号</p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "s01_daying_2021.txt", to_fullwidth(t.DAYING_2021.strip() + "\n"), "gbk")
    write_pdf(OUT / "s02_changge_2022.pdf", t.CHANGGE_2022)
    write_text(OUT / "s03_luolong_2023.html", luolong_html(t.LUOLONG_2023))
    write_text(OUT / "s04_yichun_2023.md", t.YICHUN_2023.strip() + "\n")


if __name__ == "__main__":
    main()
