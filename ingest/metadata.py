"""Report metadata: title, region, year covered, issuer, publish date, kind.

Decisions (documented because the pages are ambiguous):
* year = the year the report covers: a year in the title ("2020年法治政府建设工作报告",
  "关于2019年度…报告"), else the year an opening paragraph starts with ("2019年,在区委…"), else
  the year of the document's own date (a 实施意见 signed 2015年2月5日 -> 2015).
* publish_date = the document's own date: a labelled 成文日期, else the signature date line
  ("2015年2月5日" under the issuer), else a labelled 发布日期/发布时间/生成日期. A portal's
  "Admin 于2022年04月28日发表" is when the site re-posted it, so it is not used.
* issuer = the body's own name as in the title ("盐田区司法局", "海曙区人民政府",
  "中共深圳市宝安区委"), else the 发布机构 row; a government body drops the city/province
  prefix in front of its district ("重庆市沙坪坝区司法局" -> "沙坪坝区司法局"), a party committee
  ("中共深圳市宝安区委") keeps its official name.
* region: gazetteer over the title first, then the issuer, then the body.
Missing fields stay empty ("" / None); nothing is guessed.
"""
from __future__ import annotations

import re
from typing import Any

from ingest.clean import split_page
from ingest.regions import gazetteer


def region_key(region: dict) -> str:
    return region.get("district") or region.get("city") or region.get("province") or ""

__all__ = ["extract_metadata", "KINDS"]

# (kind, pattern over the title), first match wins: an 印发…实施意见…的通知 is an 实施意见.
KINDS: tuple[tuple[str, str], ...] = (
    ("年度报告", r"法治政府建设(工作)?(情况|年度)?的?报告|年度报告|情况的?报告|工作报告"),
    ("工作总结", r"总结"),
    ("实施意见", r"实施意见|意见"),
    ("工作方案", r"方案"),
    ("工作要点", r"要点"),
    ("规划", r"规划|纲要"),
    ("通知", r"通知|通报"),
    ("报告", r"报告"),
)
_ORGAN = (r"(?:人民政府|政府|司法局|法制办公室|法制办|依法治[区县市]办公室|依法治[区县市]办|"
          r"区委|县委|市委|委员会|办公室|人民法院|人民检察院|法院|检察院|局|委|办|厅)")
_ISSUER_RE = re.compile(rf"^(中共)?(.{{2,24}}?{_ORGAN})(?=关于|印发|\d{{4}}\s*年|20\d\d|工作|$)")
_REGION_PREFIX = re.compile(r"^.{2,12}?[省市](?=.{2,10}?[区县])")
_DATE_PATTERNS = (
    re.compile(r"(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(\d{4})\s*/\s*(\d{1,2})\s*/\s*(\d{1,2})"),
    re.compile(r"(\d{4})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})"),
)
_SIGNATURE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_YEAR = r"((?:19|20)\d{2})"


def extract_metadata(raw_text: str, clean_text: str, source: str = "") -> dict[str, Any]:
    """Metadata of one report. ``raw_text`` is the loaded page (its header lines carry dates and
    the 名称/发布机构 rows), ``clean_text`` the body from ``clean_text()``."""
    page = split_page(raw_text)
    fields = _labelled_fields(page.header)
    title = page.title or fields.get("名称") or fields.get("标题") or ""
    issuer = _issuer(title) or _normalise_issuer(fields.get("发布机构") or
                                                 fields.get("发文机关") or "")
    publish_date = _publish_date(fields, raw_text)
    region = _region(title, issuer, clean_text, raw_text)
    return {
        "title": title,
        **region,
        "year": _year(title, clean_text, publish_date),
        "issuer": issuer,
        "publish_date": publish_date,
        "kind": _kind(title),
    }


def _labelled_fields(lines: list[str]) -> dict[str, str]:
    """'发布机构: | 沙坪坝区司法局 | 生成日期: | 2020-03-31 |' and '发布机构: 深圳市罗湖区司法局
    成文日期: 2021-02-04' -> {'发布机构': …, '生成日期': …, '成文日期': …}."""
    fields: dict[str, str] = {}
    label = r"(索引号|分类|信息分类名称|发布机构|发文机关|生成日期|成文日期|发布日期|发布时间|文号|名称|标题|主题词)"
    for line in lines:
        flat = line.replace("|", " ")
        parts = re.split(rf"{label}\s*[:：]", flat)
        for key, value in zip(parts[1::2], parts[2::2]):
            value = value.strip()
            if value and key not in fields:
                fields[key] = re.split(r"\s{2,}|浏览次数", value)[0].strip()
    return fields


def _iso(text: str) -> str:
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1949 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""


def _publish_date(fields: dict[str, str], raw_text: str) -> str:
    if fields.get("成文日期") and _iso(fields["成文日期"]):
        return _iso(fields["成文日期"])
    for line in raw_text.splitlines():
        m = _SIGNATURE_DATE.match(line)
        if m:
            return _iso(m.group())
    for key in ("发布日期", "发布时间", "生成日期"):
        if fields.get(key) and _iso(fields[key]):
            return _iso(fields[key])
    return ""


def _issuer(title: str) -> str:
    m = _ISSUER_RE.match(title.strip())
    if not m:
        return ""
    party, body = m.group(1) or "", m.group(2)
    return party + body if party else _normalise_issuer(body)


def _normalise_issuer(name: str) -> str:
    """'重庆市沙坪坝区司法局' -> '沙坪坝区司法局'; '中共深圳市宝安区委' unchanged."""
    name = name.strip()
    if not name or name.startswith("中共"):
        return name
    return _REGION_PREFIX.sub("", name)


# The place a title starts with, before the issuing body, the year or the subject:
# "营口市鲅鱼圈区2021年…" -> 营口市鲅鱼圈区, "横县人民政府关于…" -> 横县, "2020年闵行区司法局…" -> 闵行区,
# "黔西南州人民政府…" -> 黔西南州. A title is "[issuer]关于[matter]的报告"; without its issuer
# (a report addressed upward, the issuer in the letterhead) it starts with 关于: "关于牡丹江市2022年度…".
_TITLE_PLACE = re.compile(
    r"^(?:关于)?(?:中共)?(?:(?:19|20)\d{2}\s*年度?)?"
    r"((?:[\u4e00-\u9fff]{2,12}?(?:省|自治区|市|自治州|州|地区|盟))*"
    r"[\u4e00-\u9fff]{1,12}?(?:自治县|自治旗|自治州|新区|地区|区|县|市|旗|州|盟))"
    r"(?=人民政府|政府|司法局|法制|依法治|区委|县委|市委|委员会|关于|(?:19|20)\d{2}|法治|依法|工作|年度)")


def _region(title: str, issuer: str, body: str, raw: str) -> dict[str, str]:
    """The report's own title is the first source of truth for its place; the division table
    supplies the hierarchy. A place the table does not hold under that name (renamed or new:
    横县, now 横州市) keeps the title's name, with the parents the page names. Without a place
    in the title, the first source that names a region wins; a name shared by several regions
    (南山区) is settled by which parent the whole page names (深圳, even in the site footer)."""
    gaz = gazetteer()
    own = _title_place(title)
    if own:
        hits = gaz.find_in_text(own)
        if hits and (region_key(hits[0]) == own or  # or its everyday form: 黔西南州
                     any(c.name == region_key(hits[0]) for c in gaz.candidates(own))):
            return gaz.disambiguate(hits, raw)[0] if len(hits) > 1 else hits[0]
    for text in (title, issuer, body[:3000], body):
        hits = gaz.find_in_text(text) if text else []
        if hits:
            found = gaz.disambiguate(hits, raw)[0] if len(hits) > 1 else hits[0]
            return _with_own_place(found, own) if own else found
    return {"province": "", "city": "", "district": ""}


def _title_place(title: str) -> str:
    """The most specific place the title starts with ("" when it names none)."""
    m = _TITLE_PLACE.match(title.strip())
    if not m:
        return ""
    # the issuer ends the place: "保定市人民政府关于保定市2022年度…" is 保定市, never "人民政府关于保定市"
    place = re.split(r"人民政府|政府|关于|司法局|委员会|区委|县委|市委", m.group(1))[0]
    parts = re.findall(r".+?(?:自治区|自治州|自治县|自治旗|新区|地区|省|盟|市|区|县|旗)", place)
    return parts[-1] if parts else place


def _with_own_place(found: dict[str, str], own: str) -> dict[str, str]:
    """The title's place under the parents found in the page: 横县 under 广西/南宁市."""
    if own in found.values():
        return found
    if own.endswith(("区", "县", "旗")) or found.get("city"):
        return {**found, "district": own}
    return {**found, "city": own, "district": ""}


def _year(title: str, body: str, publish_date: str) -> int | None:
    m = re.search(_YEAR + r"\s*年", title)
    if m:
        return int(m.group(1))
    for para in body.split("\n")[:3]:
        m = re.match(_YEAR + r"\s*年(度)?(以来)?[,，、]", para)
        if m:
            return int(m.group(1))
    return int(publish_date[:4]) if publish_date else None


def _kind(title: str) -> str:
    for kind, pattern in KINDS:
        if re.search(pattern, title):
            return kind
    return ""
