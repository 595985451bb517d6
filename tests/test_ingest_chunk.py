"""Structure-aware chunking: heading paths, sentence boundaries, size bounds, stable ids."""
from __future__ import annotations

import re

import pytest
from conftest import report_path

from ingest import Document, Settings, chunk_document, process_file
from ingest.chunk import heading_of

pytestmark = pytest.mark.unit
NUMBER_UNIT = re.compile(r"\d+(?:\.\d+)?(?:余|多)?(?:万|千)?(?:余|多)?(?:%|件|宗|人次|人|次|场|家|个|万元|元|项)")
SENT_END = "。！？!?；;"


@pytest.fixture(scope="module")
def ingested(reports_dir):
    return {p.name[:3]: process_file(p) for p in sorted(reports_dir.iterdir())}


def test_99_percent_chunk_has_its_heading_path(ingested):
    _, chunks, _ = ingested["000"]
    hit = [c for c in chunks if "调解成功率达99%" in c.text]
    assert len(hit) == 1
    assert hit[0].section == "一、2020年法治政府建设工作概述 > (五)善用法治方式防范化解风险,维护社会和谐稳定"
    assert hit[0].meta["district"] == "盐田区" and hit[0].meta["year"] == 2020
    assert hit[0].context_text.startswith("盐田区司法局2020年法治政府建设工作报告 一、2020年")


def test_inline_heading_is_split_from_its_body(ingested):
    """002: '(六)抓人民调解,社会矛盾纠纷多元化解。一是…' - heading and body on one line."""
    _, chunks, _ = ingested["002"]
    hit = next(c for c in chunks if "全年共调解纠纷8428件" in c.text)
    assert hit.section == ("一、2019年度推进法治政府建设的主要举措和成效 > "
                           "(六)抓人民调解,社会矛盾纠纷多元化解")
    assert hit.text.startswith("(六)抓人民调解,社会矛盾纠纷多元化解。一是推进调解阵地建设。")
    _, chunks, _ = ingested["004"]
    # 004: the intro of (二) and item 1 share a chunk, so its path is their common parent
    hit = next(c for c in chunks if "1. 健全依法决策机制。" in c.text)
    assert hit.section.endswith("实施意见 > 二、深入开展六大专项工作 > (二)法治政府建设")
    hit = next(c for c in chunks if c.text.startswith("4. 规范和提升行政执法工作。"))
    assert hit.section.endswith("(二)法治政府建设 > 4. 规范和提升行政执法工作")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_bounds_boundaries_and_coverage(ingested, prefix):
    doc, chunks, _ = ingested[prefix]
    settings = Settings()
    sizes = [len(c.text) for c in chunks]
    paragraphs = doc.text.split("\n")
    assert max(sizes) <= settings.chunk_max_chars
    assert sum(s >= settings.chunk_min_chars for s in sizes) >= 0.75 * len(sizes)
    for i, chunk in enumerate(chunks):
        assert chunk.meta["position"] == i and chunk.meta["doc_id"] == doc.doc_id
        # a chunk ends at a sentence end, or where its paragraph ends ("…实施意见:")
        last_line = chunk.text.split("\n")[-1]
        ends_sentence = chunk.text.rstrip("”’」』）)】")[-1] in SENT_END
        assert ends_sentence or any(p.endswith(last_line) for p in paragraphs), last_line[-30:]
        for line in chunk.text.split("\n"):
            assert line in doc.text            # text as written, quotable
    # every body character is in exactly one chunk (headings may live in the path instead)
    body = "".join(doc.text.split("\n"))
    joined = "".join("".join(c.text.split("\n")) for c in chunks)
    paths = "".join(c.section for c in chunks)
    assert len(joined) <= len(body)
    for para in doc.text.split("\n"):
        assert para in joined or para in paths, para[:40]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_numbers_never_split_from_units(ingested, prefix):
    doc, chunks, _ = ingested[prefix]
    for m in NUMBER_UNIT.finditer(doc.text):
        assert any(m.group() in c.text for c in chunks), m.group()


def test_chunks_never_cross_a_top_level_section(ingested):
    for doc, chunks, _ in ingested.values():
        for chunk in chunks:
            for line in chunk.text.split("\n")[1:]:
                head = heading_of(line)
                assert head is None or head[0] > 1, line[:40]


def test_ids_are_stable_and_content_based(ingested):
    doc, chunks, _ = ingested["000"]
    again = chunk_document(doc, 200, 500)
    assert [c.id for c in again] == [c.id for c in chunks]
    assert len({c.id for c in chunks}) == len(chunks)
    _, chunks2, _ = process_file(report_path("000"))
    assert [c.id for c in chunks2] == [c.id for c in chunks]


def test_chunk_meta_keys(ingested):
    _, chunks, _ = ingested["003"]
    keys = {"doc_id", "title", "source", "province", "city", "district", "region", "year",
            "issuer", "kind", "publish_date", "section", "position"}
    assert keys <= set(chunks[0].meta)
    assert chunks[0].meta["region"] == "罗湖区" and chunks[0].meta["kind"] == "工作总结"


def _doc(text: str) -> Document:
    return Document(doc_id="t", text=text, source="t.txt", file_hash="h", title="测试报告")


def test_full_and_half_width_brackets_and_numbered_items():
    text = ("一、主要工作\n（一）强化调解\n全年共调解纠纷5210件，调解成功率达98.6%。\n"
            "(二)法律援助\n1、扩大覆盖面。办理法律援助案件700余件。\n2. 提升质量。开展案件评估70场。\n"
            "二、下一步计划\n继续完善多元化纠纷解决机制。")
    chunks = chunk_document(_doc(text), 20, 80)
    sections = {c.text.split("\n")[0][:8]: c.section for c in chunks}
    assert any(s == "一、主要工作 > （一）强化调解" for s in sections.values())
    assert any(s == "一、主要工作 > (二)法律援助 > 1、扩大覆盖面" for s in sections.values())
    assert any(s == "一、主要工作 > (二)法律援助 > 2. 提升质量" for s in sections.values())
    assert chunks[-1].section == "二、下一步计划"


@pytest.mark.parametrize("closing", ["2023年工作计划", "下一步工作打算"])
def test_items_numbered_under_an_unnumbered_closing_part_belong_to_it(closing):
    """"2021年工作计划" above "一、…" "二、…" (eval/sets/unseen4 h04): the items are the plan's,
    one level down, not new parts of the report."""
    text = ("一、主要工作\n全年共调解纠纷5210件，调解成功率达98.6%。\n二、存在的问题\n基层力量薄弱。\n"
            f"{closing}\n一、推进乡镇综合执法改革，提升基层执法规范化水平。\n二、启动“八五”普法。")
    chunks = chunk_document(_doc(text), 20, 80)
    assert chunks[-1].section.startswith(f"{closing} > 二、"), [c.section for c in chunks]
    assert any(c.section.startswith(f"{closing} > 一、推进乡镇") for c in chunks)
    assert chunks[0].section == "一、主要工作"


def test_small_subsections_pack_under_their_parent_with_headings_kept():
    text = "一、工作安排\n(一)甲\n加强甲工作。\n(二)乙\n加强乙工作。\n二、其他\n其他工作。"
    chunks = chunk_document(_doc(text), 100, 300)
    assert chunks[0].section == "一、工作安排"
    assert chunks[0].text == "(一)甲\n加强甲工作。\n(二)乙\n加强乙工作。"
    assert chunks[1].section == "二、其他"          # never merged across 一、/二、


def test_over_long_sentence_is_cut_at_commas_not_inside_numbers():
    clause = "办理案件1,700件,调解成功率达99%"
    text = "，".join([clause] * 40) + "。"
    chunks = chunk_document(_doc(text), 50, 120)
    assert len(chunks) > 3 and all(len(c.text) <= 120 for c in chunks)
    assert "".join(c.text for c in chunks) == text
    for c in chunks:
        assert c.text.count("1,700件") == c.text.count("办理案件")


def test_bad_bounds_rejected():
    with pytest.raises(ValueError):
        chunk_document(_doc("一句话。"), 300, 200)
