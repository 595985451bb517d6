"""Write the ``kb`` reports of the unseen18 set into eval/sets/unseen18/reports/:
kb01 DOCX, kb02 HTML page with site boilerplate, kb03 GBK text with full-width digits,
kb04 Markdown with a data table. Deterministic: run twice, same bytes.

    python eval/sets/unseen18/make_files_kb.py      (from the repository root)
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from eval.sets.report_forms import (html_title_and_body, text_lines, to_fullwidth,  # noqa: E402
                                    write_docx, write_text)
from eval.sets.unseen18.kb_texts import (GUANGDE_2022, GUILIN_2018, JIANNING_2023,  # noqa: E402
                                         PANYU_2020)

OUT = Path(__file__).resolve().parent / "reports"

GUILIN_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="ArticleTitle" content="{title}">
  <meta name="PubDate" content="2019-09-06 15:46">
  <meta name="ContentSource" content="自治区党委依法治区办秘书处">
  <title>{title}_法治政府建设年度报告_广西壮族自治区司法厅</title>
  <link rel="stylesheet" href="/css/common.css">
</head>
<body>
  <div class="top-bar">
    <span>网站支持IPv6</span>
    <a href="/wza/">无障碍</a> | <a href="/zhfw/">长者模式</a> | <a href="/m/">手机版</a> | <a href="javascript:void(0)">繁體</a>
  </div>
  <div class="header">
    <div class="logo"><img src="/images/logo.png" alt="广西壮族自治区司法厅"></div>
    <form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>
  </div>
  <ul class="nav">
    <li><a href="/">首页</a></li>
    <li><a href="/sfyw/">司法要闻</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/fzgx/">法治广西</a></li>
    <li><a href="/ggflfw/">公共法律服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/ztzl/">专题专栏</a></li>
  </ul>
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgk/">信息公开</a> &gt; <a href="/zwgk/xxgk/fzzfjsndbg/">法治政府建设年度报告</a></div>
  <div class="article">
    <h1>{title}</h1>
    <div class="info">
      <span>2019-09-06 15:46</span>
      <span>来源：自治区党委依法治区办秘书处</span>
      <span>【字体：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>】</span>
      <a href="javascript:window.print()">打印</a>
    </div>
    <div class="content">
{body}
    </div>
    <div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a> <a href="javascript:void(0)">QQ空间</a></div>
    <div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
    <div class="related">
      <h4>相关阅读</h4>
      <ul>
        <li><a href="/zwgk/xxgk/fzzfjsndbg/20190906-2158120.shtml">柳州市2018年度法治政府建设情况报告</a></li>
        <li><a href="/zwgk/xxgk/fzzfjsndbg/20190906-2158141.shtml">梧州市2018年度法治政府建设情况报告</a></li>
      </ul>
    </div>
  </div>
  <div class="footer">
    <p><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
    <p>主办单位：广西壮族自治区司法厅　地址：南宁市民族大道</p>
    <p>桂ICP备05008743号　桂公网安备 45010302000563号　网站标识码：4500000025</p>
  </div>
</body>
</html>
"""


def write_markdown(path: Path, text: str) -> None:
    """The Markdown source as written (headings and table already in the text)."""
    write_text(path, "\n".join(ln.rstrip() for ln in text.strip().splitlines()) + "\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_docx(OUT / "kb01_panyu_2020.docx", PANYU_2020, author="番禺区司法局",
               when=datetime.datetime(2021, 3, 18, 10, 30, 0))
    title, body = html_title_and_body(GUILIN_2018, indent=6)
    write_text(OUT / "kb02_guilin_2018.html", GUILIN_PAGE.format(title=title, body=body))
    write_text(OUT / "kb03_guangde_2022.txt",
               to_fullwidth("\r\n".join(text_lines(GUANGDE_2022)) + "\r\n"), encoding="gbk")
    write_markdown(OUT / "kb04_jianning_2023.md", JIANNING_2023)


if __name__ == "__main__":
    main()
