"""Cleaning scraped pages: body kept whole, site chrome and headline lists gone (by structure)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import report_path

from ingest import clean_text, process_file, split_page
from ingest.clean import normalize_whitespace

pytestmark = pytest.mark.unit

CHROME = ["轻触这里", "关闭目录", "分享到", "扫一扫", "客服热线", "浏览次数", "无障碍", "长者助手",
          "我的收藏", "【打印】", "【字体", "Admin", "于2022年04月28日发表", ">>政务公开", "附件:",
          "本文章内容来源于网络", "关于我们", "劳务派遣", "空气质量日报", "多位名人做客",
          "深圳盐田政府在线", "政府信息公开 规章库", "索引号", "莲花街道紫荆社区"]


@pytest.fixture(scope="module")
def ingested(reports_dir):
    return {p.name[:3]: process_file(p) for p in sorted(reports_dir.iterdir())}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_chrome_reaches_any_chunk(ingested, prefix):
    doc, chunks, _ = ingested[prefix]
    for chunk in chunks:
        for junk in CHROME:
            assert junk not in chunk.text, (junk, chunk.text[:80])
    for junk in CHROME:
        assert junk not in doc.text, junk


def test_body_starts_after_title_and_keeps_the_first_paragraph(ingested):
    starts = {"000": "2020年,盐田区司法局坚持以习近平法治思想为指导",
              "001": "2020年,在市委、市政府和区委的坚强领导下",
              "002": "2019年,在区委区政府的坚强领导下",
              "003": "2020年,罗湖区司法局以习近平新时代中国特色社会主义思想为指导",
              "004": "各街道党工委,区委各部委办局"}
    for prefix, start in starts.items():
        assert ingested[prefix][0].text.startswith(start), prefix


def test_body_ends_at_the_last_report_sentence(ingested):
    ends = {"000": "促进调解成果当场固定、矛盾纠纷就地化解。",
            "001": "切实提升基层法治建设整体水平。",
            "002": "确保法律顾问作用得到有效发挥。",
            "003": "全部人员稳定,无脱管、漏管情形。",
            "004": "确保加快推进一流法治城区建设的各项专项工作任务的顺利完成。"}
    for prefix, end in ends.items():
        assert ingested[prefix][0].text.endswith(end), prefix


def test_headline_list_of_004_is_gone_but_numbered_report_items_stay(ingested):
    doc = ingested["004"][0]
    for title in ("宝安区政府召开专题会议落实宝中新高中部建设", "廉租住房建设贷款利率将下浮10%",
                  "深圳市空气质量日报AQI(20151224)", "福田区政协围绕全面建设一流国际化中心城区积极履职"):
        assert title not in doc.text
    for item in ("1. 健全依法决策机制。", "44. 出台和实施《规范社区管理体制提升基层治理水平》",
                 "(牵头区领导:李勇,牵头单位:区委组织部〈区编办〉", "进度安排:2015年6月底前完成。"):
        assert item in doc.text, item


def test_metadata_rows_are_kept_aside_not_in_body():
    page = split_page(report_path("002").read_text(encoding="utf-8"))
    assert any("生成日期" in ln and "2020-03-31" in ln for ln in page.header)
    assert "索引号" not in page.body and "11500106009290729H" not in page.body
    page = split_page(report_path("003").read_text(encoding="utf-8"))
    assert page.title == "罗湖区司法局2020年工作总结"
    assert any(ln.startswith("发布机构") for ln in page.header)


def test_duplicated_bracketed_abstract_is_dropped(ingested):
    doc = ingested["003"][0]
    assert doc.text.count("为打造“湾区枢纽、万象罗湖”提供坚强法治保障") == 1
    assert not doc.text.startswith("(")


# A page from another portal written for this test: other widgets in another order, another
# headline list, a copyright footer, and a real numbered list (with 。) that must stay.
VARIANT = """\
网站首页 | 新闻中心 | 政务公开 | 互动交流
当前位置：首页 > 政务公开 > 规划计划
字号：大 中 小   打印本页   关闭窗口
南山区司法局2021年法治政府建设年度报告
来源：南山区司法局   发布时间：2022-01-20   浏览次数：318
　　2021年，南山区司法局深入学习贯彻习近平法治思想，扎实推进法治政府建设，取得明显成效。
　　一、主要工作
　　（一）强化矛盾纠纷化解
　　全年全区人民调解组织共调解纠纷5210件，调解成功率达98.6%，协议履行率100%。
　　1. 完善调解网络。新建行业性专业性调解委员会6个，覆盖医疗、物业、劳动等领域。
　　2. 加强队伍建设。组织调解员培训12场，参训人员超过800人次。
　　二、下一步计划
　　继续完善多元化纠纷解决机制，推动调解工作提质增效。
上一篇：南山区召开2022年普法工作会议
下一篇：南山区司法局开展宪法宣传周活动
【相关阅读】
1、深圳市公安局交通警察局关于调整部分路段限速的通告
2、南山区2022年春节期间烟花爆竹禁放公告
3、蛇口街道开展消防安全大排查
4、西丽湖畔举办读书节系列活动
5、南头古城夜间经济活动周启幕
6、粤海街道举办科技企业座谈会
版权所有：深圳市南山区人民政府  粤ICP备05000000号
"""


def test_a_differently_arranged_page_is_cleaned_too():
    page = split_page(VARIANT)
    assert page.title == "南山区司法局2021年法治政府建设年度报告"
    body = page.body
    assert body.startswith("2021年，南山区司法局深入学习贯彻习近平法治思想")
    assert body.endswith("推动调解工作提质增效。")
    for keep in ("调解成功率达98.6%", "1. 完善调解网络。", "2. 加强队伍建设。", "（一）强化矛盾纠纷化解"):
        assert keep in body, keep
    for junk in ("网站首页", "当前位置", "字号", "打印本页", "浏览次数", "上一篇", "下一篇", "相关阅读",
                 "烟花爆竹", "读书节", "版权所有", "ICP"):
        assert junk not in body, junk
    assert any("发布时间：2022-01-20" in ln for ln in page.header)


def test_variant_metadata_from_the_header():
    from ingest import extract_metadata

    meta = extract_metadata(VARIANT, clean_text(VARIANT), "nanshan.txt")
    assert (meta["province"], meta["city"], meta["district"]) == ("广东省", "深圳市", "南山区")
    assert meta["year"] == 2021 and meta["publish_date"] == "2022-01-20"
    assert meta["issuer"] == "南山区司法局" and meta["kind"] == "年度报告"


def test_whitespace_normalised_paragraphs_kept():
    text = "标题\r\n\r\n\u3000\u3000第一段，有  多余\u00a0空格。 第二句。\n\n\n\ue7e3 第二段。\u200b\n"
    assert normalize_whitespace(text) == "标题\n第一段，有 多余 空格。第二句。\n第二段。"


def test_plain_text_without_page_chrome_is_left_alone():
    text = "今年来全区人民调解组织共受理矛盾纠纷案件1700余宗,调解成功率达99%,未发生民转刑案件。\n" \
           "社矫安帮人员纳管率、安置率均为100%,未出现脱管、漏管和重新犯罪现象。"
    assert clean_text(text) == text


def test_title_without_a_document_word_falls_back_to_the_longest_plain_line():
    page = split_page("首页\n深圳盐田政府在线\n盐田区2020年法治建设成效回顾\n发布时间:2021-01-14\n分享到:\n"
                      "2020年,盐田区司法局坚持以习近平法治思想为指导,深入贯彻党的十九大精神,取得明显成效。")
    assert page.title == "盐田区2020年法治建设成效回顾"
    assert page.body.startswith("2020年,盐田区司法局") and "分享到" not in page.body


@pytest.mark.parametrize("path, title", [
    ("eval/sets/unseen/reports/a04_shanhaiguan_2020.txt",
     "秦皇岛市山海关区人民政府关于2020年度法治政府建设工作情况的报告"),
    ("eval/sets/unseen3/reports/f05_guanshanhu_2021.txt", "贵阳市观山湖区人民政府关于2021年度法治政府建设情况的报告")])
def test_a_title_set_on_two_lines_keeps_its_issuer(path, title):
    """"XX区人民政府" / "关于…的报告": the issuer's line above 关于 is the title's first half."""
    root = Path(__file__).resolve().parents[1]
    assert process_file(root / path)[0].title == title


def test_a_short_line_before_a_title_that_names_no_issuer_is_not_joined():
    page = split_page("首页 > 政务公开\n关于2020年度法治政府建设情况的报告\n"
                      "2020年，我区坚持以习近平法治思想为指导，全面推进依法行政，现将有关情况报告如下：\n一、主要工作")
    assert page.title == "关于2020年度法治政府建设情况的报告"


@pytest.mark.parametrize("head, tail, title", [
    ("桐庐县人民政府关于2021年度法治政府建设情况的报", "告",               # wrapped inside 报告
     "桐庐县人民政府关于2021年度法治政府建设情况的报告"),
    ("中共泸州市委 泸州市人民政府关于泸州市2020年法", "治政府建设工作情况的报告",  # inside 法治
     "中共泸州市委 泸州市人民政府关于泸州市2020年法治政府建设工作情况的报告")])
def test_a_title_wrapped_mid_word_is_joined_whole(head, tail, title):
    """A PDF wraps a long title at the line width, wherever the word falls: both halves join."""
    page = split_page(f"{head}\n{tail}\n2021年，全县坚持以习近平法治思想为指导，全面推进依法行政，"
                      "法治政府建设取得新成效。现将有关情况报告如下：\n一、主要工作")
    assert page.title == title


@pytest.mark.parametrize("path, title, city, year", [
    ("eval/sets/unseen5/reports/l01_jincheng_2021.pdf",
     "中共晋城市委 晋城市人民政府关于晋城市2021年法治政府建设工作情况的报告", "晋城市", 2021),
    ("eval/sets/unseen5/reports/m01_xianning_2022.pdf", "咸宁市人民政府关于2022年度法治政府建设情况的报告",
     "咸宁市", 2022)])
def test_a_pdf_title_wrapped_mid_word_keeps_its_year_and_place(path, title, city, year):
    root = Path(__file__).resolve().parents[1]
    doc = process_file(root / path)[0]
    assert (doc.title, doc.city, doc.year) == (title, city, year)
