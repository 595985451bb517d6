"""Query analysis: regions (any district the gazetteer knows), years, metric, follow-ups."""
from __future__ import annotations

import pytest

from app import analyze_query

pytestmark = pytest.mark.unit

REGIONS = [
    {"province": "广东省", "city": "深圳市", "district": "盐田区"},
    {"province": "广东省", "city": "深圳市", "district": "罗湖区"},
    {"province": "广东省", "city": "深圳市", "district": "宝安区"},
    {"province": "浙江省", "city": "宁波市", "district": "海曙区"},
    {"province": "重庆市", "city": "重庆市", "district": "沙坪坝区"},
]
YEARS = [2015, 2019, 2020]


def ask(q, history=None):
    return analyze_query(q, REGIONS, YEARS, history)


def test_full_question():
    a = ask("盐田区2020年人民调解成功率是多少？")
    assert a.districts == ["盐田区"] and a.years == (2020,)
    assert a.metrics[0] == "人民调解成功率"
    assert a.wants_number and a.wants_rate and not a.comparison and a.superlative is None


@pytest.mark.parametrize("q,district", [("盐田的调解成功率", "盐田区"), ("沙坪坝调解了多少纠纷", "沙坪坝区"),
                                        ("宝安打算拿几个单位先试点", "宝安区"), ("海曙那条热线", "海曙区")])
def test_short_region_names(q, district):
    assert ask(q).districts == [district]


def test_region_not_in_index_is_unknown():
    a = ask("福田区2020年人民调解成功率是多少？")
    assert a.regions == () and a.unknown_regions == ("福田区",)
    assert ask("浦东新区受理法律援助案件多少件？").unknown_regions == ("浦东新区",)
    assert ask("北京的调解成功率").unknown_regions == ("北京市",)


def test_a_city_asked_for_every_district_means_its_covered_districts():
    assert sorted(ask("深圳各区的法律援助案件分别是多少").districts) == ["宝安区", "盐田区", "罗湖区"]
    assert sorted(ask("深圳市哪个区的人民调解成功率最高").districts) == ["宝安区", "盐田区", "罗湖区"]


def test_a_city_asked_alone_is_not_one_of_its_districts():
    # a district's figure is not the city's: 重庆 as a whole has no report here
    a = ask("重庆的调解成功率是多少")
    assert a.regions == () and a.unknown_regions == ("重庆市",)
    assert ask("宁波市2020年行政复议案件多少件").unknown_regions == ("宁波市",)


def test_comparison_and_superlative():
    a = ask("盐田、沙坪坝、罗湖的人民调解成功率分别是多少？哪个最高？")
    assert a.districts == ["盐田区", "沙坪坝区", "罗湖区"]
    assert a.comparison and a.superlative == "max" and a.metrics == ("人民调解成功率",)
    b = ask("哪个区的调解成功率最低？")
    assert b.regions == () and b.comparison and b.superlative == "min"


def test_years_and_plan_periods():
    assert ask("截至2020年底罗湖区在册社区矫正对象有多少人？").years == (2020,)
    assert ask("盐田区2021—2025年规划有哪些任务").years == ()  # a plan period, not a report year


def test_asked_unit_and_not_a_rate():
    assert ask("罗湖区2020年办理了多少宗法律援助案件？").asked_unit == "宗"
    assert ask("宝安区要开展几大专项工作？").asked_unit == "大"
    a = ask("罗湖区在全市率先构建的政府法律服务制度体系是什么？")
    assert not a.wants_rate and not a.wants_number  # 率先 is not a rate


def test_followup_inherits_metric_and_year():
    hist = [{"role": "user", "content": "盐田区2020年人民调解成功率是多少？"},
            {"role": "assistant", "content": "99%[1]"}]
    a = ask("那罗湖区呢？", hist)
    assert a.districts == ["罗湖区"] and a.years == (2020,) and a.metrics == ("人民调解成功率",)
    assert a.inherited == {"year", "metric"}
    assert a.effective_question == "罗湖区2020年人民调解成功率是多少？"
    b = ask("那2019年呢", hist)
    assert b.districts == ["盐田区"] and b.years == (2019,) and b.inherits("region")
    assert b.effective_question == "盐田区2019年人民调解成功率是多少？"


def test_followup_with_own_metric_inherits_region_only_when_missing():
    hist = [{"role": "user", "content": "盐田区2020年办理了多少法律援助案件？"}]
    a = ask("挽回了多少直接经济损失？", hist)
    assert a.districts == ["盐田区"] and a.metrics[0] == "直接经济损失" and not a.inherits("metric")
    assert a.effective_question.startswith("盐田区2020年")
    b = ask("那盐田区有多少名行政执法人员？", [{"role": "user", "content": "海曙区2020年持证执法人员有多少？"}])
    assert b.districts == ["盐田区"] and b.metrics == ("行政执法人员",) and not b.inherited


def test_no_history_no_inheritance():
    a = ask("那罗湖区呢？")
    assert a.districts == ["罗湖区"] and a.metrics == () and not a.inherited
