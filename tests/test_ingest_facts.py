"""Fact extraction: (metric, value, unit, region, year) with the sentence quoted from the chunk."""
from __future__ import annotations

import pytest

from ingest import extract_facts, process_file
from ingest.facts import find_quantities

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def facts(reports_dir):
    return {p.name[:3]: process_file(p) for p in sorted(reports_dir.iterdir())}


def _find(result, metric, value=None):
    _, chunks, facts = result
    found = [f for f in facts if f.metric == metric and (value is None or f.value == value)]
    assert found, (metric, value, sorted({f.metric for f in facts}))
    return found[0]


def test_yantian_mediation_success_rate(facts):
    f = _find(facts["000"], "调解成功率", 99)
    assert (f.unit, f.region, f.year, f.value_text) == ("%", "盐田区", 2020, "99%")
    assert f.sentence == "今年来全区人民调解组织共受理矛盾纠纷案件1700余宗,调解成功率达99%,未发生民转刑案件。"
    f = _find(facts["000"], "受理矛盾纠纷案件", 1700)
    assert (f.unit, f.value_text) == ("宗", "1700余宗")


def test_shapingba_counts_and_a_bare_rate_keep_their_sentence(facts):
    f = _find(facts["002"], "调解纠纷", 8428)
    assert (f.unit, f.region, f.year) == ("件", "沙坪坝区", 2019)
    f = _find(facts["002"], "成功率", 97)       # the sentence says what it is the rate of
    assert f.sentence == "全年共调解纠纷8428件,成功8175件,成功率97%。"


def test_haishu_resolution_rate_and_luohu_rate(facts):
    f = _find(facts["001"], "化解率", 96.9)
    assert (f.unit, f.region, f.year) == ("%", "海曙区", 2020)
    f = _find(facts["003"], "成功率", 94)
    assert f.region == "罗湖区" and "14407件" in f.sentence
    assert _find(facts["003"], "化解矛盾纠纷", 14407).unit == "件"


def test_metrics_keep_the_reports_own_wording(facts):
    """No synonym list renames them: comparisons match 办理/受理援助案件 by meaning."""
    assert _find(facts["000"], "办理法律援助案件", 700).value_text == "700余件"
    assert _find(facts["003"], "办理法律援助案件", 1103).unit == "宗"
    assert _find(facts["002"], "受理援助案件", 578).unit == "件"
    assert _find(facts["003"], "办理国内外公证案件", 26154).unit == "件"
    assert _find(facts["002"], "受理复议", 59).unit == "件"


def test_sentences_are_quoted_from_their_chunks(facts):
    for _, chunks, found in facts.values():
        by_id = {c.id: c for c in chunks}
        for f in found:
            assert f.sentence in by_id[f.chunk_id].text
            assert f.value_text in f.sentence


def test_values_with_wan_yu_jin_and_decimals():
    got = {q[3]: q[1:3] for q in find_quantities(
        "办理公证案件2.5万余件,提供各类法律服务3万余人次,挽回直接经济损失2000余万元,"
        "取得利益225.75万元,法律事务近1千件,掌上执法率98.38%,参与逾10万人次。")}
    assert got["2.5万余件"] == (25000, "件")
    assert got["3万余人次"] == (30000, "人次")
    assert got["2000余万元"] == (2000, "万元")
    assert got["225.75万元"] == (225.75, "万元")
    assert got["近1千件"] == (1000, "件")
    assert got["98.38%"] == (98.38, "%")
    assert got["逾10万人次"] == (100000, "人次")


def test_metric_is_the_noun_phrase_before_the_number():
    q = find_quantities("全年共完成审计项目19个,提出审计建议43条。")
    assert [(m, v, u) for m, v, u, _ in q] == [("完成审计项目", 19, "个"), ("提出审计建议", 43, "条")]
    q = find_quantities("全区干部学法考试参考率达100%,优秀率达99.5%。")
    assert [(m, v) for m, v, _, _ in q] == [("干部学法考试参考率", 100), ("优秀率", 99.5)]


def test_not_quantities():
    # ordinals, ranges, and a count whose noun comes after it (39家 P2P) give no fact
    assert find_quantities("排名全省第10名,选择5至7个单位开展试点,辖区内39家P2P全部出清。") == []
    assert find_quantities("2020年法治政府建设工作报告") == []


def test_extract_facts_uses_document_region_and_year(facts):
    doc, chunks, found = facts["002"]
    again = extract_facts(chunks, doc)
    assert [f.to_dict() for f in again] == [f.to_dict() for f in found]
    assert {f.region for f in found} == {"沙坪坝区"} and {f.year for f in found} == {2019}


def test_metric_phrase_cleanup():
    got = [(m, t) for m, _, _, t in find_quantities(
        "横街镇等4个单位集中述法,有效化解重大矛盾纠纷30宗,发布《公民莫犯9宗罪》等原创宣传材料369篇,"
        "全年通过不同渠道和方式主动公开政府信息4.6万余条。")]
    assert got == [("横街镇", "4个"), ("有效化解重大矛盾纠纷", "30宗"), ("原创宣传材料", "369篇"),
                   ("不同渠道和方式主动公开政府信息", "4.6万余条")]


@pytest.mark.unit
@pytest.mark.parametrize("sentence, expected", [
    ("全市行政复议机关共收到行政复议申请172件，受理153件，审结141件",          # 鹤岗 2018
     [("收到行政复议申请", 172.0), ("受理行政复议申请", 153.0), ("审结行政复议申请", 141.0)]),
    ("规范各项工作流程,建立健全《海曙区行政复议责任追究办法》等20余项制度,全年新收案件86件,办结79件",  # 海曙 2020
     [("新收案件", 86.0), ("办结案件", 79.0)])])
def test_a_bare_verb_fact_is_named_by_what_its_list_counts(sentence, expected):
    got = [(metric, value) for metric, value, _, _ in find_quantities(sentence)]
    assert [g for g in got if g[1] in {v for _, v in expected}] == expected
