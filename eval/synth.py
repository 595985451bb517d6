"""Synthetic reports for scale benchmarks: paragraphs of the sample reports recombined under
other districts' names (the current administrative-division table), other years and perturbed figures.

    python -m eval.synth OUT_DIR -n 1000 --seed 0

Same seed, same inputs -> byte-identical files. The text reads like a real report to the
chunker, BM25 and the fact extractor; it is not meant to be true.
"""
from __future__ import annotations

import argparse
import logging
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ingest import gazetteer

__all__ = ["District", "districts", "SourcePool", "synth_report", "generate", "main"]

log = logging.getLogger(__name__)

DEFAULT_SOURCE = Path(__file__).resolve().parents[1] / "data" / "reports"
# Region names of the sample reports, longest first, to be replaced by the synthetic district's.
_SAMPLE_NAMES = {
    "district": ["盐田区", "海曙区", "沙坪坝区", "罗湖区", "宝安区"],
    "district_short": ["沙坪坝", "盐田", "海曙", "罗湖", "宝安"],
    "city": ["深圳市", "宁波市", "重庆市"],
    "city_short": ["深圳", "宁波", "重庆"],
    "province": ["广东省", "浙江省"],
    "province_short": ["广东", "浙江"],
}
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_YEAR = re.compile(r"(?<!\d)(20[01]\d|202[0-9])(?=\s*年)")
# A quantity: digits followed by a unit word; years (…年) and list numbers ("1. ") are left alone.
_QUANTITY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*(?:%|万|亿|余|多|件|宗|人|名|个|家|项|场|次|"
                       r"条|篇|张|起|户|部|份|元|卷))")
_BOILERPLATE = ("分享到", "扫一扫", "发布时间", "发布日期", "浏览次数", "索引号", "客服热线", "版权",
                "网站地图", "本文章内容来源")
_ISSUERS = ("司法局", "人民政府")
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class District:
    province: str
    city: str
    district: str

    @staticmethod
    def short(name: str) -> str:
        for suffix in ("自治县", "新区", "区", "县", "市", "省"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return name


def districts() -> list[District]:
    """Every district/county with its city and province, from the gazetteer's division table
    (the one ingest uses), in the table's stable order so that a seed picks the same ones."""
    out = [District(r.province, r.city or r.province, r.name)
           for r in gazetteer().regions(rank=2) if r.name.endswith(("区", "县"))]
    if not out:
        raise ValueError("the division table yielded no districts")
    return out


class SourcePool:
    """Headings and body paragraphs of the sample reports, each with its report's main year."""

    def __init__(self, source_dir: Path = DEFAULT_SOURCE):
        files = sorted(p for p in Path(source_dir).glob("*.txt"))
        if not files:
            raise FileNotFoundError(f"no .txt reports in {source_dir} to build synthetic reports from")
        self.headings: list[str] = []
        self.paragraphs: list[tuple[str, int]] = []
        for path in files:
            text = path.read_text(encoding="utf-8")
            year = self._main_year(text)
            for line in (ln.strip() for ln in text.splitlines()):
                if not line or any(b in line for b in _BOILERPLATE):
                    continue
                if _HEADING.match(line) and len(line) <= 60:
                    self.headings.append(_HEADING.sub("", line).strip())
                elif len(line) >= 60 and ("。" in line or "," in line or "，" in line):
                    self.paragraphs.append((line, year))

    @staticmethod
    def _main_year(text: str) -> int:
        years = Counter(int(y) for y in _YEAR.findall(text))
        return years.most_common(1)[0][0] if years else 2020


def _replace_regions(text: str, d: District) -> str:
    short = {"district": District.short(d.district), "city": District.short(d.city),
             "province": District.short(d.province)}
    full = {"district": d.district, "city": d.city, "province": d.province}
    pairs = [(old, full[level]) for level in ("district", "city", "province")
             for old in _SAMPLE_NAMES[level]]
    pairs += [(old, short[level]) for level in ("district", "city", "province")
              for old in _SAMPLE_NAMES[f"{level}_short"]]
    pattern = re.compile("|".join(re.escape(old) for old, _ in sorted(pairs, key=lambda p: -len(p[0]))))
    lookup = dict(pairs)
    return pattern.sub(lambda m: lookup[m.group()], text)


def _perturb(text: str, rng: random.Random, year_shift: int) -> str:
    def quantity(m: re.Match) -> str:
        raw = m.group(1)
        value = float(raw) * rng.uniform(0.6, 1.4)
        after = text[m.end():m.end() + 1]
        if after == "%" and float(raw) <= 100:
            value = min(value, 100.0)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        return f"{value:.{decimals}f}" if decimals else str(max(1, round(value)))

    text = _YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), text)
    return _QUANTITY.sub(quantity, text)


def synth_report(pool: SourcePool, district: District, year: int, rng: random.Random) -> str:
    """One report: title, publish date, 3–5 numbered sections of 2–4 recombined paragraphs."""
    issuer = rng.choice(_ISSUERS)
    title = f"{district.district}{issuer}关于{year}年度法治政府建设情况的报告"
    lines = [title, "", f"发布日期:{year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}", ""]
    for s in range(rng.randint(3, 5)):
        heading = rng.choice(pool.headings) if pool.headings else "法治政府建设"
        lines += [f"{_NUMERALS[s]}、{_replace_regions(heading, district)}", ""]
        for para, src_year in rng.sample(pool.paragraphs, k=min(len(pool.paragraphs), rng.randint(2, 4))):
            para = _perturb(_replace_regions(para, district), rng, year - src_year)
            lines += [f"  {para}", ""]
    return "\n".join(lines)


def generate(out_dir: Path | str, n: int, seed: int = 0, source_dir: Path | str = DEFAULT_SOURCE,
             years: tuple[int, int] = (2015, 2022)) -> list[Path]:
    """Write ``n`` synthetic reports ``synth_00000.txt`` … into ``out_dir``; returns their paths."""
    if n < 0:
        raise ValueError("n must be >= 0")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool, regions = SourcePool(Path(source_dir)), districts()
    paths = []
    for i in range(n):
        text = synth_report(pool, rng.choice(regions), rng.randint(*years), rng)
        path = out / f"synth_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    log.info("wrote %d synthetic reports to %s", n, out)
    return paths


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = ap.parse_args(argv)
    paths = generate(args.out_dir, args.n, args.seed, args.source)
    print(f"{len(paths)} reports in {args.out_dir}")


if __name__ == "__main__":
    main()
