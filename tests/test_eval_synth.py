"""eval.synth: deterministic synthetic reports under other districts' names."""
from __future__ import annotations

import random

import pytest

from eval.synth import District, SourcePool, _perturb, _replace_regions, districts, generate

pytestmark = pytest.mark.unit


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a = generate(tmp_path / "a", 4, seed=7)
    b = generate(tmp_path / "b", 4, seed=7)
    c = generate(tmp_path / "c", 4, seed=8)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]
    assert [p.name for p in a] == ["synth_00000.txt", "synth_00001.txt", "synth_00002.txt", "synth_00003.txt"]


def test_reports_carry_a_new_district_and_no_sample_district(tmp_path):
    for path in generate(tmp_path, 5, seed=1):
        text = path.read_text(encoding="utf-8")
        title = text.splitlines()[0]
        assert title.endswith("法治政府建设情况的报告") and ("区" in title or "县" in title)
        for old in ("盐田区", "海曙区", "沙坪坝区", "罗湖区", "宝安区"):
            assert old not in text or old in title  # the sample names are all replaced
        assert len(text) > 500


def test_districts_come_from_the_division_table_with_parents():
    ds = districts()
    assert len(ds) > 2000
    assert District("重庆市", "重庆市", "沙坪坝区") in ds
    assert District("广东省", "深圳市", "盐田区") in ds


def test_region_replacement_and_figure_perturbation():
    d = District("浙江省", "杭州市", "西湖区")
    assert _replace_regions("盐田区司法局,盐田公证处,深圳市", d) == "西湖区司法局,西湖公证处,杭州市"
    out = _perturb("2020年调解成功率达99%,受理1700余宗", random.Random(0), year_shift=2)
    assert out.startswith("2022年")
    assert "1700余宗" not in out and "余宗" in out
    pct = float(out.split("达")[1].split("%")[0])
    assert 0 < pct <= 100


def test_pool_reads_sample_reports():
    pool = SourcePool()
    assert len(pool.paragraphs) > 100 and pool.headings
    assert any("调解成功率达99%" in p for p, _ in pool.paragraphs)
