"""Regenerate helper unseen-a's non-plain report files from bodies_a/*.body.

Run from the repository root:  python eval/sets/unseen/make_files.py
Plain UTF-8 .txt reports are hand-written in reports/ and are not touched here.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
BODIES = HERE / "bodies_a"
OUT = HERE / "reports"

# file stem -> (format, site name for HTML boilerplate)
FORMATS = {
    "a02_putuo_2020": ("html", "上海市普陀区人民政府"),
    "a06_huli_2015": ("html", "厦门市湖里区人民政府"),
    "a03_qinghe_2022": ("gbk", ""),
    "a05_haicang_2015": ("gbk", ""),
    "a07_fuzhou_2022": ("docx", ""),
    "a08_fuzhou_2024": ("fullwidth", ""),
}

_HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_{site}</title></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a> | <a href="/zjxq/">走进{short}</a> | 无障碍 | 长者模式</div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设 &gt; 年度报告</div>
<div class="meta">发布日期：{date}　来源：司法局　浏览次数：1032　字号：【大 中 小】 打印</div>
<div class="article">
{paras}
</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="#">{short}2019年政府信息公开工作年度报告</a></li>
<li><a href="#">关于印发{short}“八五”普法规划的通知</a></li>
<li><a href="#">{short}行政执法公示平台</a></li></ul></div>
<div class="footer">主办单位：{site}办公室　承办：{short}大数据中心<br>
网站标识码：3101070001　备案号：{icp}ICP备05012345号-1　公安机关备案号：31010702001234<br>
地址：{short}行政中心　联系电话：{tel}</div>
</body></html>
"""

_DATES = {"a02_putuo_2020": "2021-03-30", "a06_huli_2015": "2016-02-24"}


def _lines(stem: str) -> list[str]:
    text = (BODIES / f"{stem}.body").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def write_html(stem: str, site: str) -> None:
    lines = _lines(stem)
    paras = "\n".join(f"<p>{line}</p>" if i else f"<h1>{line}</h1>" for i, line in enumerate(lines))
    short = site.replace("人民政府", "")
    sh = "上海" in site
    html = _HTML.format(title=lines[0], site=site, short=short, date=_DATES[stem], paras=paras,
                        icp="沪" if sh else "闽", tel="021-52564588" if sh else "0592-5553611")
    (OUT / f"{stem}.html").write_text(html, encoding="utf-8")


def write_gbk(stem: str) -> None:
    (OUT / f"{stem}.txt").write_text("\n".join(_lines(stem)) + "\n", encoding="gbk")


def write_docx(stem: str) -> None:
    import docx  # python-docx

    doc = docx.Document()
    lines = _lines(stem)
    doc.add_heading(lines[0], level=1)
    for line in lines[1:]:
        doc.add_paragraph(line)
    doc.save(str(OUT / f"{stem}.docx"))


def to_fullwidth(text: str) -> str:
    """Digits, '.', '%' and ASCII letters to their full-width forms (U+FF01..U+FF5E)."""
    return "".join(chr(ord(c) + 0xFEE0) if (c.isascii() and (c.isalnum() or c in ".%-")) else c
                   for c in text)


def write_fullwidth(stem: str) -> None:
    text = "\n".join(_lines(stem)) + "\n"
    (OUT / f"{stem}.txt").write_text(to_fullwidth(text), encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, (fmt, site) in FORMATS.items():
        if fmt == "html":
            write_html(stem, site)
        elif fmt == "gbk":
            write_gbk(stem)
        elif fmt == "docx":
            write_docx(stem)
        else:
            write_fullwidth(stem)


if __name__ == "__main__":
    main()
