"""Write writer jc's four unseen17 reports (run from the repo root; deterministic).

jc01 丽江市 2022 -> PDF, jc02 长武县 2021 -> plain UTF-8 text, jc03 武昌区 2023 -> HTML page
with site boilerplate, jc04 安居区 2024 -> Markdown with a data table."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval.sets.report_forms import html_title_and_body, write_pdf, write_text  # noqa: E402
from jc_texts import ANJU_2024_MD, CHANGWU_2021, LIJIANG_2022, WUCHANG_2023  # noqa: E402

OUT = Path(__file__).resolve().parent / "reports"

WUCHANG_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="武汉市武昌区人民政府">
<meta name="ColumnName" content="法治政府建设年度报告">
<meta name="PubDate" content="2024-03-18 16:20">
<title>{title}_武汉市武昌区人民政府</title>
</head>
<body>
<div class="top-bar">
  <span>欢迎访问武汉市武昌区人民政府门户网站</span>
  <a href="/wza/">无障碍</a> | <a href="/zhzb/">长者模式</a> | <a href="/search/">站内搜索</a>
</div>
<div class="header"><a href="/"><img src="/images/logo.png" alt="武汉市武昌区人民政府"></a></div>
<ul class="nav">
  <li><a href="/">首页</a></li>
  <li><a href="/zjwc/">走进武昌</a></li>
  <li><a href="/xwzx/">新闻中心</a></li>
  <li><a href="/xxgk/">信息公开</a></li>
  <li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
</ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xxgk/sfj/">区司法局</a> &gt; <a href="/xxgk/sfj/fdzdgknr/">法定主动公开内容</a> &gt; 法治政府建设年度报告</div>
<table class="xxgk-meta">
  <tr><td>索引号：</td><td>011111604/2024-04127</td><td>发布机构：</td><td>武昌区司法局</td></tr>
  <tr><td>分类：</td><td>法治政府建设年度报告</td><td>发布日期：</td><td>2024-03-18</td></tr>
</table>
<div class="article">
  <h1>{title}</h1>
  <div class="info">来源：武昌区司法局　发布时间：2024-03-18 16:20　浏览次数：<span id="hits">1326</span>　字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
  <div class="content">
{body}
  </div>
  <div class="tools">
    <a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a>
    分享到：<a href="#" class="wx">微信</a> <a href="#" class="wb">微博</a> <a href="#" class="qq">QQ空间</a>
  </div>
</div>
<div class="related">
  <h4>相关链接</h4>
  <ul>
    <li><a href="/xxgk/sfj/fdzdgknr/qtzdgknr/fazfjsndbg/">武昌区关于2022年推进法治政府建设工作情况的报告</a></li>
    <li><a href="/xxgk/sfj/">区司法局信息公开指南</a></li>
  </ul>
</div>
<div class="footer">
  <p>主办：武汉市武昌区人民政府办公室　承办：武昌区政务服务和大数据管理局</p>
  <p>地址：武汉市武昌区中山路307号　邮编：430060　联系电话：027-88800000</p>
  <p>网站标识码：4201060001　鄂ICP备05003317号　鄂公网安备 42010602000123号</p>
  <p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sybz/">使用帮助</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "jc01_lijiang_2022.pdf", LIJIANG_2022)
    write_text(OUT / "jc02_changwu_2021.txt", CHANGWU_2021)
    title, body = html_title_and_body(WUCHANG_2023)
    write_text(OUT / "jc03_wuchang_2023.html", WUCHANG_PAGE.format(title=title, body=body))
    write_text(OUT / "jc04_anju_2024.md", ANJU_2024_MD)


if __name__ == "__main__":
    main()
