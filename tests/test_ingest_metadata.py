"""Metadata of the five sample reports, and the region gazetteer behind it."""
from __future__ import annotations

import pytest
from conftest import report_path

from ingest import RegionGazetteer, clean_text, extract_metadata, gazetteer, process_file

pytestmark = pytest.mark.unit

EXPECTED = {
    "000": dict(title="盐田区司法局2020年法治政府建设工作报告", province="广东省", city="深圳市",
                district="盐田区", year=2020, issuer="盐田区司法局", publish_date="2021-01-14",
                kind="年度报告"),
    "001": dict(title="海曙区人民政府关于2020年度法治政府建设情况的报告", province="浙江省",
                city="宁波市", district="海曙区", year=2020, issuer="海曙区人民政府",
                publish_date="", kind="年度报告"),
    "002": dict(title="重庆市沙坪坝区司法局关于2019年度法治政府建设情况的报告", province="重庆市",
                city="重庆市", district="沙坪坝区", year=2019, issuer="沙坪坝区司法局",
                publish_date="2020-03-31", kind="年度报告"),
    "003": dict(title="罗湖区司法局2020年工作总结", province="广东省", city="深圳市",
                district="罗湖区", year=2020, issuer="罗湖区司法局", publish_date="2021-02-04",
                kind="工作总结"),
    # the document's own date (signature 2015年2月5日), not the portal's 2022-04-28 posting
    "004": dict(province="广东省", city="深圳市", district="宝安区", year=2015,
                issuer="中共深圳市宝安区委", publish_date="2015-02-05", kind="实施意见"),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_sample_report_metadata(prefix):
    raw = report_path(prefix).read_text(encoding="utf-8")
    meta = extract_metadata(raw, clean_text(raw), str(report_path(prefix)))
    for key, value in EXPECTED[prefix].items():
        assert meta[key] == value, (key, meta[key])


def test_004_title_is_the_notice_title():
    raw = report_path("004").read_text(encoding="utf-8")
    title = extract_metadata(raw, clean_text(raw))["title"]
    assert title.startswith("中共深圳市宝安区委关于印发") and title.endswith("工作方案的通知")


def test_document_carries_metadata_and_region():
    doc, chunks, _ = process_file(report_path("002"))
    assert doc.region == "沙坪坝区" and doc.meta()["region"] == "沙坪坝区"
    assert all(c.meta["district"] == "沙坪坝区" and c.meta["year"] == 2019 for c in chunks)


def test_missing_fields_stay_empty():
    text = "关于做好有关工作的通知\n各单位要认真做好有关工作，确保各项任务按期完成，不得拖延推诿。"
    meta = extract_metadata(text, clean_text(text))
    assert meta["title"] == "关于做好有关工作的通知" and meta["kind"] == "通知"
    assert (meta["province"], meta["city"], meta["district"]) == ("", "", "")
    assert meta["year"] is None and meta["publish_date"] == "" and meta["issuer"] == ""


def test_issuer_prefix_normalisation_and_year_from_opening_paragraph():
    text = ("发布机构: 重庆市沙坪坝区司法局 成文日期: 2020-03-31\n法治政府建设情况的报告\n"
            "2019年,沙坪坝区司法局坚持以习近平新时代中国特色社会主义思想为指导,各项工作取得了新成绩。")
    meta = extract_metadata(text, clean_text(text))
    assert meta["issuer"] == "沙坪坝区司法局" and meta["year"] == 2019
    assert meta["publish_date"] == "2020-03-31" and meta["district"] == "沙坪坝区"


@pytest.mark.parametrize("title, city", [
    ("关于牡丹江市2022年度法治政府建设工作情况的报告", "牡丹江市"),   # eval/sets/unseen4 j01
    ("关于吉林市2021年度法治政府建设情况的报告", "吉林市")])
def test_a_title_without_its_issuer_starts_with_guanyu_and_then_names_the_place(title, city):
    """"关于XX市…的报告": the place is XX市, never "关于XX市"."""
    text = f"{title}\n2022年，全市上下深入学习贯彻习近平法治思想，法治政府建设取得新成效。"
    meta = extract_metadata(text, clean_text(text))
    assert meta["city"] == city and meta["district"] == "", meta


# --- gazetteer ----------------------------------------------------------------------------------
YANTIAN = {"province": "广东省", "city": "深圳市", "district": "盐田区"}


def test_resolve_full_and_short_names():
    gaz = gazetteer()
    assert gaz is gazetteer()                     # cached
    assert isinstance(gaz, RegionGazetteer)
    assert gaz.resolve("盐田") == YANTIAN and gaz.resolve("盐田区") == YANTIAN
    assert gaz.resolve("海曙") == {"province": "浙江省", "city": "宁波市", "district": "海曙区"}
    assert gaz.resolve("深圳市宝安区") == {"province": "广东省", "city": "深圳市", "district": "宝安区"}
    assert gaz.resolve("深圳") == {"province": "广东省", "city": "深圳市", "district": ""}
    assert gaz.resolve("火星区") is None


def test_municipality_convention():
    gaz = gazetteer()
    chongqing = {"province": "重庆市", "city": "重庆市", "district": "沙坪坝区"}
    assert gaz.resolve("沙坪坝区") == chongqing and gaz.resolve("沙坪坝") == chongqing
    assert gaz.resolve("重庆") == {"province": "重庆市", "city": "重庆市", "district": ""}
    assert gaz.resolve("忠县")["city"] == "重庆市"


def test_ambiguous_names_keep_what_they_agree_on_and_context_decides():
    gaz = gazetteer()
    assert gaz.resolve("朝阳区") == {"province": "", "city": "", "district": "朝阳区"}
    assert gaz.find_in_text("北京市朝阳区") == [
        {"province": "北京市", "city": "北京市", "district": "朝阳区"}]
    assert gaz.find_in_text("长春朝阳区")[0]["city"] == "长春市"


def test_find_in_text_full_and_short_forms():
    gaz = gazetteer()
    assert gaz.find_in_text("盐田2020年人民调解成功率是多少") == [YANTIAN]
    found = gaz.find_in_text("宝安和罗湖的法律援助案件")
    assert {r["district"] for r in found} == {"宝安区", "罗湖区"}
    # a district's parents are inside its dict, not listed again
    assert gaz.find_in_text("深圳市宝安区委") == [
        {"province": "广东省", "city": "深圳市", "district": "宝安区"}]


def test_find_in_text_avoids_common_word_false_hits():
    gaz = gazetteer()
    assert gaz.find_in_text("区公安局和平安建设,社会安定,同心协力") == []
    assert gaz.find_in_text("加快建设一流法治城区") == []              # 城区 is a word here
    # 和顺 (a county in Shanxi) inside a 沙坪坝 report is a tea-house name
    assert gaz.find_in_text("沙坪坝区打造“和顺茶馆”调解品牌") == [
        {"province": "重庆市", "city": "重庆市", "district": "沙坪坝区"}]


def test_short_names_for_jieba():
    gaz = gazetteer()
    names = gaz.short_names([YANTIAN, gaz.resolve("沙坪坝")])
    assert {"盐田", "深圳", "广东", "沙坪坝", "重庆"} <= set(names)
    assert "盐田区" not in names
    assert len(gaz.short_names()) > 2000
    assert {"盐田区", "盐田"} <= set(gaz.words([YANTIAN]))
