"""Generate the unseen16-ic evaluation reports (eval/sets/unseen16/reports/ic*.*).

Run from the repository root:  python eval/sets/unseen16/make_files_ic.py
The texts live in ic_texts.py next to this script; SOURCES_IC.md says where each comes from and
which figures are real. Output is deterministic (the PDF is built with invariant=1, the HTML
carries a fixed 发文日期, the GBK text and the Markdown are plain bytes of fixed texts).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import ic_texts as t

from eval.sets.report_forms import html_title_and_body, to_fullwidth, write_pdf, write_text

OUT = HERE / "reports"


def huangpi_html(text: str) -> str:
    """The 黄陂区 report as a district-site information-disclosure page: top links, navigation,
    "当前位置" breadcrumb, a metadata table (发文单位, 发文日期, 索引号 …) above the title, share and
    print links, related links and a footer."""
    title, body_html = html_title_and_body(text, indent=6)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}_武汉市黄陂区人民政府</title>
<meta name="ColumnName" content="法治政府建设年度报告">
</head>
<body>
<div class="top">
  <span>武汉市黄陂区人民政府</span>
  <a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/english/">English</a> | <a href="/app/">移动端</a>
</div>
<div class="nav">
  <ul>
    <li><a href="/">网站首页</a></li>
    <li><a href="/zjhp/">走进黄陂</a></li>
    <li><a href="/fbjd_33/">发布解读</a></li>
    <li><a href="/bsfw/">办事服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
  </ul>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/fbjd_33/">发布解读</a> &gt; <a href="/fbjd_33/xxgkml/">信息公开目录</a> &gt; <a href="/fbjd_33/xxgkml/qtzdgknr/fzzfjsndbg/">法治政府建设年度报告</a></div>
<div class="article">
  <table class="meta">
    <tr><td>发文单位</td><td>区人民政府</td><td>发文字号</td><td></td></tr>
    <tr><td>发文日期</td><td>2020-12-03</td><td>效力状态</td><td>有效</td></tr>
    <tr><td>索引号</td><td>010898141/2022-06521</td><td>主题分类</td><td>其他</td></tr>
  </table>
  <h1>{html.escape(title)}</h1>
  <div class="info">发布时间：2020-12-22 11:50　　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】　分享到：微信 微博</div>
  <div class="content">
{body_html}
  </div>
  <div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="related">相关链接：<a href="#">黄陂区2019年法治政府建设工作报告</a> <a href="#">区人民政府关于全面推进政务公开工作的实施意见</a></div>
<div class="footer">
  <p>主办：武汉市黄陂区人民政府办公室　承办：黄陂区政务服务和大数据管理局</p>
  <p>网站标识码：4201160000　鄂ICP备00000000号　<a href="/sitemap/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "ic01_bazhong_2022.pdf", t.BAZHONG_2022)
    write_text(OUT / "ic02_zhongxian_2021.txt", to_fullwidth(t.ZHONGXIAN_2021.strip() + "\n"), "gbk")
    write_text(OUT / "ic03_huangpi_2020.html", huangpi_html(t.HUANGPI_2020))
    write_text(OUT / "ic04_yuzhong_2024.md", t.YUZHONG_2024.strip() + "\n")


if __name__ == "__main__":
    main()
