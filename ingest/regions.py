"""China's administrative divisions (province / city / district) from cpca's bundled adcode table.

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

__all__ = ["RegionGazetteer", "gazetteer", "Region", "short_name"]

_MUNICIPALITIES = ("11", "12", "31", "50")
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区",
             "省", "市", "区", "县", "旗", "盟")
_COMMON_WORD_FREQ = 1000       # jieba dictionary frequency above which a short form is a word


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


def _cpca_table() -> Path:
    """cpca's adcodes.csv, located without importing cpca (its import loads pandas)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("cpca is not installed; it carries the administrative-division table")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


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


class RegionGazetteer:
    """Look up and find Chinese administrative regions by full or short name."""

    def __init__(self, table: Path | None = None):
        table = table or _cpca_table()
        nations = self._nations(table.parent / "56_nations.csv")
        names: dict[str, str] = {}
        with open(table, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code = row["adcode"][:6]
                if row["name"] not in _PLACEHOLDERS:
                    names[code] = row["name"]
        self._regions = [self._make(code, names) for code in sorted(names)]
        self._code = {r.adcode: r for r in self._regions}
        self._full: dict[str, list[Region]] = {}
        self._short: dict[str, list[Region]] = {}
        self._short_of: dict[str, str] = {}
        for reg in self._regions:
            self._full.setdefault(reg.name, []).append(reg)
            short = short_name(reg.name, nations)
            if short and short != reg.name:
                self._short.setdefault(short, []).append(reg)
                self._short_of[reg.name] = short
        # full names of 2 characters (城区, 郊区, 矿区) are ordinary words in reports; skip them
        surfaces = [n for n in self._full if len(n) >= 3] + list(self._short)
        surfaces.sort(key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, surfaces)))

    @staticmethod
    def _nations(path: Path) -> tuple[str, ...]:
        if not path.exists():
            return ()
        rows = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        return tuple(sorted({r.split(",")[0] for r in rows if r.endswith("族")}, key=len,
                            reverse=True))

    @staticmethod
    def _make(code: str, names: dict[str, str]) -> Region:
        prov_code, city_code = code[:2] + "0000", code[:4] + "00"
        rank = 0 if code == prov_code else 1 if code == city_code else 2
        province = names.get(prov_code, "")
        city = names.get(city_code, "") if rank >= 1 else ""
        if code[:2] in _MUNICIPALITIES:
            city = province
        if rank == 1 and not city:
            city = names[code]
        district = names[code] if rank == 2 else ""
        return Region(code, names[code], rank, province, city, district)

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
        for m in self._pattern.finditer(text):
            s = m.group()
            if s in self._full and len(s) >= 3:
                full_hits[s] = full_hits.get(s, 0) + 1
            else:
                short_hits.setdefault(s, []).append(m.start())
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
        if len(regs) != 1:
            return []
        import jieba

        common = short not in added_words() and jieba.dt.FREQ.get(short, 0) > _COMMON_WORD_FREQ
        if common and regs[0].rank == 2:
            return []
        pos, offset = positions[0], max(0, positions[0] - 6)
        for tok in jieba.cut(text[offset:pos + len(short) + 6]):
            if offset >= pos:
                # 宝安 as its own token (or split finer) is the place; 公安 inside 公安局 is not
                return regs if offset == pos and len(tok) <= len(short) else []
            offset += len(tok)
        return []

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


@functools.lru_cache(maxsize=1)
def gazetteer() -> RegionGazetteer:
    """The shared gazetteer (built once, ~3,500 regions)."""
    return RegionGazetteer()
