"""Scraped page -> report body. Works by page structure, not by known strings:

* the body starts after the title line (the last title-like line before the first real
  paragraph); what comes before it is site chrome (menus, breadcrumbs, "分享到:") and metadata
  rows ("索引号: | … |", "发布时间:2021-01-14") kept aside as ``Page.header`` for metadata;
* the body ends at the last line that ends a sentence; trailing lines that don't ("附件:",
  "扫一扫在手机上打开当前页", a disclaimer, a site footer) and a trailing run of numbered short
  headlines without "。" ("1. 多位名人做客三月文化大讲堂" … "95. 深圳市空气质量日报…") are dropped;
* a short list of generic widget words (分享到, 打印, 浏览次数 …) removes widget lines that sit
  inside the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Page", "split_page", "clean_text", "normalize_whitespace", "is_metadata_line",
           "TITLE_WORDS"]

# Words that name a kind of official document; a title line contains one of them.
TITLE_WORDS = ("报告", "总结", "意见", "方案", "通知", "决定", "规划", "办法", "要点", "纲要",
               "公报", "计划", "汇报", "规定", "细则", "通报", "讲话", "情况")
_TITLE_RE = re.compile("|".join(TITLE_WORDS))
# A title is a noun phrase: clause punctuation ("2022年，西山区…现将有关情况报告如下：") marks a
# sentence, however many title words it contains.
_CLAUSE = re.compile(r"[。，；]|[:：]$")
_TITLE_END = re.compile(r"(?:报告|总结|通知|意见|方案|要点|规划|纲要|决定|办法)$")
# Generic page-widget words (not strings of any one site). A short line containing one is chrome.
_WIDGET_RE = re.compile(
    r"分享到|轻触这里|关闭目录|打开目录|【?打印】?|【?关闭】?|【字体|字号|扫一扫|二维码|手机上打开|"
    r"浏览次数|阅读次数|访问量|点击数|客服热线|服务热线|联系电话|无障碍|长者助手|我的收藏|收藏本页|"
    r"加入收藏|设为首页|网站地图|关于我们|联系我们|加入我们|版权所有|免责声明|仅供参考|来源于网络|"
    r"上一篇|下一篇|返回顶部|返回首页|相关链接|相关阅读|责任编辑|附件[:：]?$|^首页|>>|>\s*>|"
    r"当前位置|您的位置|现在的位置|所在位置|(?:[^>]{1,12}>){2}|"  # breadcrumbs: 首页 > 政务公开 > …
    r"ICP备|公网安备|Copyright|©")
_SENT_END = re.compile(r"[。！？!?；;…]$")
_CLOSERS = "”’」』）)]】》\"'"
_NUMBERED = re.compile(r"^\d{1,3}\s*[.．、]\s*(?!\d)")
_META_LABEL = re.compile(
    r"^(索引号|分类|信息分类|发布机构|发文机关|生成日期|成文日期|发布日期|发布时间|文号|名称|标题|"
    r"主题词|主题分类|来源|作者|时间|日期|有效性|公开方式|公开范围)\s*[:：]")
_POSTED_RE = re.compile(r"(于|发布于)\s*\d{4}\s*[年/-]\s*\d{1,2}\s*[月/-]\s*\d{1,2}\s*日?\s*发[表布]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# zero-width marks and private-use icon-font glyphs (portal toolbars render icons as U+E7E3 …)
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\ue000-\uf8ff]")


@dataclass
class Page:
    """A scraped page split into its parts. ``header`` holds the lines outside the body
    (metadata rows, bylines, signature) that metadata extraction reads."""

    title: str
    body: str
    header: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)


def clean_text(text: str) -> str:
    """The report body: paragraphs separated by "\\n", page chrome and headline lists removed."""
    return split_page(text).body


def normalize_whitespace(text: str) -> str:
    """One space for any run of blanks, none after Chinese sentence punctuation, no blank lines."""
    text = _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = re.sub(r"(?<=[。，、；：！？）”])\s+", "", line)
        if line:
            lines.append(line)
    return "\n".join(lines)


def split_page(text: str) -> Page:
    lines = normalize_whitespace(text).split("\n") if text.strip() else []
    header = [ln for ln in lines if is_metadata_line(ln)]
    lines = [ln for ln in lines if not _is_table_row(ln)]
    first = _first_paragraph(lines)
    if first is None:
        body = [ln for ln in lines if not _is_chrome(ln)]
        return Page(title="", body="\n".join(body), header=header)
    title_at = _title_index(lines, first)
    title = lines[title_at] if title_at is not None else ""
    start = title_at + 1 if title_at is not None else first
    if title and start < first and _title_continues(title, lines[start]):
        title, start = title + lines[start], start + 1
    if title_at and (_is_issuer_line(lines[title_at - 1], title)
                     or _title_wrapped_before(lines[title_at - 1], title)):
        title = lines[title_at - 1] + title
    lead = [ln for ln in lines[start:first] if _is_lead_paragraph(ln)]
    header += [ln for ln in lines[:first] if not is_metadata_line(ln) and ln not in lead
               and ln != title]
    end = _body_end(lines, first)
    body = lead + [ln for ln in lines[first:end] if not _is_inline_widget(ln)]
    return Page(title=title, body="\n".join(_dedupe(body)), header=header,
                trailer=lines[end:])


def is_metadata_line(line: str) -> bool:
    """'索引号: | 1150…|', '发布时间:2021-01-14', 'Admin - admin 于2022年04月28日发表'."""
    if len(line) > 160:
        return False
    return bool(_META_LABEL.match(line) or _POSTED_RE.search(line) or _is_table_row(line))


def _is_table_row(line: str) -> bool:
    """A scraped metadata table row: '发布机构: | 沙坪坝区司法局 | 生成日期: | 2020-03-31 |'."""
    return line.count("|") >= 2 and bool(re.match(r"^[^|]{1,12}[:：]\s*\|", line))


def _sentence_like(line: str) -> bool:
    return bool(_SENT_END.search(line.rstrip(_CLOSERS)))


def _first_paragraph(lines: list[str]) -> int | None:
    """Index of the first real paragraph: a long line with a full stop that is not chrome, or
    an opening that leads into the report ("…，现将有关情况报告如下：")."""
    for i, ln in enumerate(lines):
        opening = "，" in ln and ln.endswith(("：", ":"))  # clauses: a sentence, never chrome
        if len(ln) >= 30 and (opening or re.search(r"[。！？!?]", ln) and not _is_chrome(ln)):
            return i
    return None


def _title_index(lines: list[str], first: int) -> int | None:
    """The last title-like line before the first paragraph ('…2020年法治政府建设工作报告')."""
    candidates = [i for i in range(first) if 6 <= len(lines[i]) <= 160 and not _CLAUSE.search(lines[i])
                  and not is_metadata_line(lines[i]) and not _is_widget(lines[i]) and not _opens_unclosed(lines[i])]
    # a title wrapped in a PDF layout is judged whole: "…2020年法治政府建设情况" + "的报告"
    titled = [i for i in candidates if _TITLE_RE.search(lines[i] + (
        lines[i + 1] if i + 1 < len(lines) and _title_continues(lines[i], lines[i + 1]) else ""))]
    if titled:
        return titled[-1]
    # no document word in any line: the longest plain line (a site name is usually shorter)
    plain = [i for i in candidates if len(lines[i]) >= 8 and not _sentence_like(lines[i])]
    return max(plain, key=lambda i: len(lines[i])) if plain else None


def _opens_unclosed(line: str) -> bool:
    """A line that leaves 《 or （ open is the head of a sentence wrapped by the layout ("根据
    中共中央、国务院印发的《法治政府建设实施纲要（"), never a whole title."""
    return line.count("《") > line.count("》") or line.count("（") > line.count("）")


def _title_continues(title: str, line: str) -> bool:
    """A long title wraps in a PDF or DOCX layout: "…关于2020年度法治政府建设情况的" + "报告".
    The rest is a short line without punctuation that ends the way titles end."""
    return (len(line) <= 16 and not _CLAUSE.search(line) and not re.search(r"[:：]", line)
            and bool(_TITLE_END.search(title + line)) and not _TITLE_END.search(title))


_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")


def _title_wrapped_before(line: str, title: str) -> bool:
    """A long title wraps mid-word, so the line found by its ending holds only its tail:
    "中共晋城市委 晋城市人民政府关于晋城市2021年法" / "治政府建设工作情况的报告". The head is a line
    without punctuation that names the year (or 关于) the tail lacks and is not a title itself."""
    return (len(line) <= 40 and not _CLAUSE.search(line) and not re.search(r"[:：]", line)
            and not is_metadata_line(line) and not _TITLE_END.search(line)
            and not _TITLE_YEAR.search(title) and not title.startswith("关于")
            and bool(_TITLE_YEAR.search(line) or "关于" in line))


_ISSUER_END = re.compile(r"(?:人民政府|政府|司法局|委员会|办公室|办公厅|局|委)$")


def _is_issuer_line(line: str, title: str) -> bool:
    """An official document's title names its issuer, then 关于 and the matter; set on two
    lines, the issuer comes first: "秦皇岛市山海关区人民政府" / "关于2020年度法治政府建设工作情况的
    报告". The issuer line is short, without punctuation, and ends in an organ's name."""
    return (title.startswith("关于") and len(line) <= 24 and not _CLAUSE.search(line)
            and not is_metadata_line(line) and bool(_ISSUER_END.search(line)))


def _is_lead_paragraph(line: str) -> bool:
    """Between title and first paragraph only full lines survive, e.g. the addressee line
    '各街道党工委,区委各部委办局,…党组织:' of a notice; bylines and '分享到:' do not."""
    return (len(line) >= 20 and (_sentence_like(line) or line.endswith((":", "：")))
            and not is_metadata_line(line) and not _is_widget(line))


def _is_widget(line: str) -> bool:
    return len(line) <= 60 and bool(_WIDGET_RE.search(line))


def _is_inline_widget(line: str) -> bool:
    return len(line) <= 20 and bool(_WIDGET_RE.search(line))


def _is_headline(line: str) -> bool:
    """'12. 宝龙街道工商联(商会)成立' - a numbered short line without a full stop."""
    return bool(_NUMBERED.match(line)) and len(line) <= 80 and "。" not in line


def _is_chrome(line: str) -> bool:
    return _is_widget(line) or is_metadata_line(line) or (len(line) <= 60 and "。" not in line
                                                          and not _sentence_like(line))


def _body_end(lines: list[str], first: int) -> int:
    """One past the last body line. Trailing lines that don't end a sentence are chrome, as is
    a disclaimer/footer line with widget words; then a headline list (a run of >= 5 numbered
    short lines without 。) near the end cuts the body too, together with what follows it."""
    end = len(lines)
    while end > first + 1:
        ln = lines[end - 1]
        if _is_headline(ln) or _is_widget(ln) or not _sentence_like(ln):
            end -= 1
            continue
        break
    run_start, run = None, 0
    for i in range(first, end):
        if _is_headline(lines[i]):
            run_start = i if run == 0 else run_start
            run += 1
            if run >= 5 and _only_chrome_after(lines, i + 1, end):
                return run_start
        else:
            run = 0
    return end


def _only_chrome_after(lines: list[str], start: int, end: int) -> bool:
    """After a headline run there is no more report: only more headlines or short chrome."""
    return all(_is_headline(ln) or len(ln) <= 80 for ln in lines[start:end])


def _dedupe(lines: list[str]) -> list[str]:
    """Drop a paragraph that repeats its neighbour, e.g. the bracketed abstract '(2020年,…)'
    that some portals print above the identical first paragraph."""
    out: list[str] = []
    for ln in lines:
        key = ln.strip("()（）")
        if out and out[-1].strip("()（）") == key:
            if out[-1].startswith(("(", "（")):
                out[-1] = ln          # keep the unbracketed copy
            continue
        out.append(ln)
    return out
