"""Write the ``ja`` writer's reports of the unseen17 set into eval/sets/unseen17/reports/.

Run from the repository root: ``python eval/sets/unseen17/make_files_ja.py``. Deterministic: the
same bytes on every run (no clock, no randomness)."""
from __future__ import annotations

import sys

sys.dont_write_bytecode = True
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval.sets.report_forms import (  # noqa: E402
    html_title_and_body, text_lines, to_fullwidth, write_pdf, write_text)
from ja_texts import GUANGLING_2024, LINFEN_2023, PANJIN_2023, YUNGANG_2024  # noqa: E402

OUT = Path(__file__).resolve().parent / "reports"


def yungang_html(text: str) -> str:
    """A district government portal page around the report body."""
    title, body = html_title_and_body(text, indent=8)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="大同市云冈区人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2025-01-24 10:32">
<title>{title}_大同市云冈区人民政府</title>
<link rel="stylesheet" href="/ygqrmzfz/css/common.css">
</head>
<body>
<div class="top-bar">
  <span>无障碍</span> | <span>长者模式</span> | <a href="/ygqrmzfz/wap/">手机版</a> | <span>简体</span>/<span>繁體</span>
  <span class="weather">今天是：2025年01月24日 星期五</span>
</div>
<div class="header">
  <img src="/ygqrmzfz/images/logo.png" alt="大同市云冈区人民政府">
  <form class="search" action="/search"><input type="text" name="q" placeholder="请输入关键字"><button>搜索</button></form>
</div>
<ul class="nav">
  <li><a href="/">首页</a></li>
  <li><a href="/ygqrmzfz/zwyw/">政务要闻</a></li>
  <li class="on"><a href="/ygqrmzfz/zfxxgk/">政府信息公开</a></li>
  <li><a href="/ygqrmzfz/zwfw/">政务服务</a></li>
  <li><a href="/ygqrmzfz/hdjl/">互动交流</a></li>
  <li><a href="/ygqrmzfz/zjyg/">走进云冈</a></li>
</ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/ygqrmzfz/zfxxgk/">政府信息公开</a> &gt; <a href="/ygqrmzfz/fzzfjsnb2024/">法治政府建设年度报告</a> &gt; 正文</div>
<div class="main">
  <table class="xxgk-meta">
    <tr><td>索 引 号：</td><td>11140214MB1942157X/2025-00031</td><td>信息分类：</td><td>2024</td></tr>
    <tr><td>发布机构：</td><td>云冈区人民政府</td><td>发布日期：</td><td>2025-01-24 10:32</td></tr>
    <tr><td>标　　题：</td><td colspan="3">{title}</td></tr>
  </table>
  <div class="article">
    <h1 class="article-title">{title}</h1>
    <div class="article-info">发布时间：2025-01-24 10:32　来源：云冈区人民政府　浏览次数：<span id="views">1287</span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
    <div class="article-content">
{body}
    </div>
    <div class="article-tools">
      <a href="javascript:window.print()">【打印本页】</a>
      <a href="javascript:window.close()">【关闭窗口】</a>
      <span class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></span>
    </div>
    <div class="related">
      <h4>相关链接</h4>
      <ul>
        <li><a href="/ygqrmzfz/fzzfjsnb2023/">大同市云冈区2023年法治政府建设年度报告</a></li>
        <li><a href="/ygqrmzfz/zfxxgk/ndbg/">云冈区人民政府2024年政府信息公开工作年度报告</a></li>
      </ul>
    </div>
  </div>
</div>
<div class="footer">
  <p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>
  <p>主办：大同市云冈区人民政府办公室　承办：云冈区政务信息中心</p>
  <p>地址：山西省大同市云冈区五一路27号　网站标识码：1402140001</p>
  <p>晋ICP备05004851号-1　晋公网安备 14021402000123号</p>
</div>
</body>
</html>
"""


def linfen_markdown(text: str) -> str:
    """Markdown: the title as ``#``, "一、" headings as ``##``, "（一）" as ``###``; the table lines
    kept as a GFM table (blank lines around it)."""
    lines = text_lines(text)
    out = [f"# {lines[0]}", "", "来源：中共临汾市委 临汾市人民政府　发布时间：2024-02-05", ""]
    in_table = False
    for ln in lines[1:]:
        if ln.startswith("|"):
            if not in_table:
                out.append("")
                in_table = True
            out.append(ln)
            continue
        if in_table:
            out.append("")
            in_table = False
        if ln[:2] in {f"{n}、" for n in "一二三四五六七八九"}:
            out += [f"## {ln}", ""]
        elif ln.startswith("（") and ln[2:3] == "）":
            out += [f"### {ln}", ""]
        else:
            out += [ln, ""]
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_text(OUT / "ja01_yungang_2024.html", yungang_html(YUNGANG_2024))
    write_pdf(OUT / "ja02_panjin_2023.pdf", PANJIN_2023)
    gl = "\r\n".join(text_lines(GUANGLING_2024)) + "\r\n"
    write_text(OUT / "ja03_guangling_2024.txt", to_fullwidth(gl), encoding="gbk")
    write_text(OUT / "ja04_linfen_2023.md", linfen_markdown(LINFEN_2023))


if __name__ == "__main__":
    main()
