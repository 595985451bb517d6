"""The web UI: escaping, highlighting, the sources panel, the data shaping behind 数据对比 /
报告管理 / follow-ups, the 全文 page (unit), and the Gradio API through gradio_client against a real
server (integration)."""
from __future__ import annotations

import pytest

import re

from app.ui import esc_html, esc_md, highlight, sources_html
from app.ui_data import (GROUPS, ORDERS, SORTS, answer_metric, doc_label, error_zh, fact_view,
                         find_docs, follow_ups, kind_of, metric_choices, metric_groups,
                         metric_label, page_of, reason_zh, unit_family)
from app.uploads import safe_filename

PASSAGE = ("全年共调解各类矛盾纠纷1700余宗，人民调解成功率达99%。"
           "<script>window.__pwned=1</script>开展普法活动200场。")


@pytest.mark.unit
def test_esc_md_keeps_text_literal():
    out = esc_md("# 标题 <img src=x onerror=alert(1)> **粗** [1](javascript:x)")
    assert "<img" not in out and "&lt;img" in out
    assert out.startswith("\\#") and "\\*\\*" in out and "\\[1\\]" in out


@pytest.mark.unit
def test_highlight_marks_the_sentence_with_the_answer_figure():
    out = highlight(PASSAGE, "盐田区2020年人民调解成功率为99%[1]。", 1)
    assert "<mark>全年共调解各类矛盾纠纷1700余宗，人民调解成功率达99%。</mark>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.count("<mark>") == 1


@pytest.mark.unit
def test_highlight_uses_quote_and_ignores_years():
    out = highlight("2020年开展普法活动200场。2020年调解成功率99%。", "2020年调解成功率99%[1]", 1)
    assert out == "2020年开展普法活动200场。<mark>2020年调解成功率99%。</mark>"
    quoted = highlight("甲。乙丙丁。", "无数字[1]", 1, quote="乙丙丁")
    assert quoted == "甲。<mark>乙丙丁。</mark>"


@pytest.mark.unit
def test_sources_html_escapes_every_field():
    answer = {"answer": "成功率99%[1]", "citations": [{
        "n": 1, "doc_id": "d'><b>", "title": "<b>报告</b>", "source": "x.txt",
        "region": "<i>盐田区</i>", "year": 2020, "section": "一、<u>概述</u>", "text": PASSAGE}]}
    out = sources_html(answer)
    for raw in ("<b>", "<i>", "<u>", "<script>", "d'><b>"):
        assert raw not in out
    assert "&lt;b&gt;报告&lt;/b&gt;" in out and "[1]" in out and "<mark>" in out
    assert esc_html("a'b\"c") == "a&#x27;b&quot;c"


@pytest.mark.unit
@pytest.mark.parametrize("name, expected", [
    ("../../evil.txt", "evil.txt"), ("..\\..\\win.TXT", "win.txt"), ("/etc/passwd.md", "passwd.md"),
    ("报告\u202e.txt", "报告.txt"), ("a\x00b\n.txt", "ab.txt"), ("..", "upload"),
    ("...txt", "txt"), ("a<b>:c.pdf", "a_b__c.pdf")])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


@pytest.mark.integration
def test_gradio_client_chat(qa, sample_index_dir, tmp_path):
    from gradio_client import Client

    from app.server import create_app
    from app_live import LiveServer
    from ingest.settings import Settings

    app = create_app(qa, Settings(index_dir=sample_index_dir, corpus_dir=tmp_path))
    with LiveServer(app) as live:
        client = Client(live.url + "/", verbose=False, download_files=False)
        try:
            chat, sources, *_ = client.predict("盐田区2020年人民调解成功率是多少？", "全部",
                                               "全部", "全部", "全部", api_name="/chat")
        finally:
            client.close()
        assert chat[0]["role"] == "user" and chat[-1]["role"] == "assistant"
        content = chat[-1]["content"]  # gradio 6: a list of {"type": "text", "text": ...} parts
        reply = "".join(p["text"] for p in content) if isinstance(content, list) else content
        assert "99%" in reply and "[1]</a>" not in reply.replace("<span", "\n<span")
        assert "class='rq-cite'" in reply and "rq-card" in reply  # [1] links to its source
        assert "盐田" in sources and "<mark>" in sources and "report/" in sources


# --- highlight: exactly the quoted sentences ---------------------------------------------------
@pytest.mark.unit
@pytest.mark.parametrize("passage, quote, marked, unmarked", [
    ("一是推进复议改革。规范工作流程,全年新收案件86件,办结79件,直接纠错8件。二是应诉86件次。",
     "规范工作流程,全年新收案件86件,办结79件,直接纠错8件。", ["全年新收案件86件,办结79件"],
     ["应诉86件次"]),
    ("全年调解纠纷1700宗。调解成功率达99%。另有培训99%覆盖。",
     "全年调解纠纷1700宗。调解成功率达99%。", ["全年调解纠纷1700宗。", "调解成功率达99%。"],
     ["培训"]),
])
def test_highlight_marks_exactly_the_quoted_sentences(passage, quote, marked, unmarked):
    out = highlight(passage, "数字为86件、99%[1]", 1, quote=quote)
    marks = re.findall(r"<mark>(.*?)</mark>", out)
    assert all(any(m in x for x in marks) for m in marked)
    assert not any(u in x for u in unmarked for x in marks)


# --- 数据对比 -----------------------------------------------------------------------------------
def _fact(metric, value, unit, region, year, doc):
    return {"metric": metric, "value": value, "unit": unit, "region": region, "year": year,
            "doc_id": doc, "value_text": f"{value:g}{unit}", "sentence": f"{region}{value:g}{unit}"}


@pytest.mark.unit
def test_case_counters_compare_and_other_units_are_counted_apart():
    facts = [_fact("法律援助案件", 1103, "宗", "罗湖区", 2020, "a"),
             _fact("法律援助案件", 700, "件", "盐田区", 2020, "b"),
             _fact("法律援助案件", 12, "万元", "盐田区", 2020, "b")]
    view = fact_view(facts, {"a": {"province": "广东省"}, "b": {"province": "广东省"}})
    assert [r["text"] for r in view.rows] == ["1103宗", "700件"] and view.other_units == {"万元": 1}
    rates = [_fact("成功率", v, "%", r, 2020, d) for v, r, d in ((97, "甲区", "a"), (99, "乙区", "b"),
                                                              (94, "丙区", "c"))]
    up = fact_view(rates, {}, order=ORDERS[1], top_n=2)
    assert [r["value"] for r in up.rows] == [94, 97] and up.total == 3 and up.unit == "%"
    assert unit_family("起") == unit_family("件") != unit_family("%")


@pytest.mark.unit
def test_metric_list_holds_metrics_stated_by_two_reports():
    facts = [_fact("调解纠纷", 1, "件", "甲区", 2020, "a"), _fact("调解纠纷", 2, "件", "乙区", 2020, "b"),
             _fact("5位专家学者", 5, "位", "甲区", 2020, "a"),
             _fact("开展", 5, "场", "甲区", 2020, "a"), _fact("开展", 6, "场", "乙区", 2020, "b"),
             _fact("横街镇", 5, "个", "甲区", 2020, "a"), _fact("横街镇", 6, "个", "乙区", 2020, "b"),
             _fact("公证案件", 3, "件", "甲区", 2020, "a"), _fact("公证案件", 4, "件", "甲区", 2020, "a")]
    assert metric_choices(facts) == [("件数 · 调解纠纷（2 份报告）", "调解纠纷")]
    more = facts + [_fact("公证案件", 9, "件", "丙区", 2021, "c")]
    assert [m for _, m in metric_choices(more)] == ["公证案件", "调解纠纷"]


@pytest.mark.unit
def test_metric_list_groups_wordings_by_meaning_and_by_what_they_count():
    facts = [  # one metric, three wordings, three reports; none of them alone in two reports
        _fact("受理矛盾纠纷", 3200, "宗", "甲区", 2021, "a"),
        _fact("受理矛盾纠纷案件", 1700, "宗", "乙区", 2020, "b"),
        _fact("受理各类矛盾纠纷事项", 40083, "件", "丙区", 2020, "c"),
        # a rate is never a count, even when its words overlap
        _fact("人民调解成功率", 99, "%", "乙区", 2020, "b"), _fact("调解成功率", 97, "%", "丁区", 2019, "d"),
        # the same words counted in people do not join the cases
        _fact("受理矛盾纠纷当事人", 500, "人", "甲区", 2021, "a"),
        _fact("法律顾问", 23, "人", "甲区", 2021, "a"), _fact("政府部门法律顾问", 49, "人", "丙区", 2020, "c"),
        # a narrower thing counted in the same words does not rename the group
        _fact("人民调解组织", 169, "个", "乙区", 2020, "b"), _fact("区法院人民调解室", 1, "个", "丁区", 2019, "d")]
    groups = metric_groups(facts)
    by_head = {g.metric: g for g in groups}
    # named by the qualified wording (人民调解成功率, 政府部门法律顾问) when its chart reaches every
    # report of the group, not by a bare head that would match more
    assert set(by_head) == {"受理矛盾纠纷", "人民调解成功率", "政府部门法律顾问", "人民调解组织"}
    assert by_head["人民调解组织"].wordings == ["区法院人民调解室"]
    assert by_head["人民调解组织"].kind == "数量（个）"
    disputes = by_head["受理矛盾纠纷"]
    assert (disputes.kind, disputes.reports) == ("件数", 3)
    assert set(disputes.wordings) == {"受理矛盾纠纷案件", "受理各类矛盾纠纷事项"}
    assert (by_head["人民调解成功率"].kind, by_head["人民调解成功率"].wordings) == ("比率", ["调解成功率"])
    assert (by_head["政府部门法律顾问"].kind, by_head["政府部门法律顾问"].reports) == ("人数", 2)
    # grouped: every kind is one run of entries, widest kind first
    kinds = [g.kind for g in groups]
    assert kinds == sorted(kinds, key=kinds.index) and kinds[0] == "件数"
    label = metric_label(disputes)
    assert label.startswith("件数 · 受理矛盾纠纷（3 份报告；又作 ") and "受理矛盾纠纷案件" in label
    # a metric the user typed joins the list first, under 已搜索; one nobody states does not
    typed = metric_choices(facts, searched=["矛盾纠纷", "公证案件"])
    assert typed[0] == ("已搜索 · 矛盾纠纷（3 份报告；又作 受理矛盾纠纷、受理矛盾纠纷案件等）", "矛盾纠纷")
    assert len(typed) == len(groups) + 1
    assert kind_of("个") == "数量（个）" and kind_of("宗") == kind_of("起") == "件数"


# --- 报告管理 -----------------------------------------------------------------------------------
DOCS = [{"doc_id": f"{i:016x}", "title": f"{d}{y}年报告", "province": p, "city": c, "district": d,
         "region": d, "year": y, "n_chunks": i}
        for i, (p, c, d, y) in enumerate([("广东省", "深圳市", "盐田区", 2020),
                                          ("广东省", "深圳市", "罗湖区", 2019),
                                          ("浙江省", "宁波市", "海曙区", 2021),
                                          ("广东省", "广州市", "天河区", 2020)])]


@pytest.mark.unit
def test_report_search_sort_group_and_paging():
    assert [d["district"] for d in find_docs(DOCS, "深圳市")] == ["盐田区", "罗湖区"]
    assert [d["district"] for d in find_docs(DOCS, "广东省 2020")] == ["天河区", "盐田区"]
    assert find_docs(DOCS, "宁波 2020") == []
    newest = find_docs(DOCS, "", SORTS[1])
    assert [d["year"] for d in newest] == [2021, 2020, 2020, 2019]
    grouped = find_docs(DOCS, "", SORTS[1], GROUPS[1])
    assert [d["province"] for d in grouped] == ["广东省"] * 3 + ["浙江省"]
    rows, page, pages = page_of(list(range(45)), 9, 20)
    assert (rows, page, pages) == (list(range(40, 45)), 3, 3)
    assert doc_label(DOCS[0]) == "盐田区2020年报告（盐田区 2020）"


# --- follow-ups ----------------------------------------------------------------------------------
REGIONS = [{"province": "广东省", "city": "深圳市", "district": "盐田区", "years": [2019, 2020]},
           {"province": "广东省", "city": "深圳市", "district": "罗湖区", "years": [2020]},
           {"province": "重庆市", "city": "重庆市", "district": "沙坪坝区", "years": [2019]}]


@pytest.mark.unit
def test_followups_come_from_the_answer_and_the_index_coverage():
    answer = {"question": "盐田区2020年人民调解成功率是多少？", "analysis": {
        "regions": [{"district": "盐田区"}], "years": [2020], "metrics": ["人民调解成功率"]},
        "citations": [{"region": "盐田区", "year": 2020}]}
    facts = [_fact("人民调解成功率", 94, "%", "罗湖区", 2020, "b"),
             _fact("人民调解成功率", 97, "%", "沙坪坝区", 2019, "c")]
    qs = follow_ups(answer, REGIONS, "人民调解成功率", facts)
    assert qs == ["盐田区2019年人民调解成功率是多少？", "罗湖区2020年人民调解成功率是多少？",
                  "各地区的人民调解成功率分别是多少？哪个最高？"]
    topic = {"question": "沙坪坝2019年普法做了哪些工作？", "analysis": {
        "regions": [{"district": "沙坪坝区"}], "years": [2019], "metrics": []},
        "citations": [{"region": "沙坪坝区", "year": 2019}]}
    assert follow_ups(topic, REGIONS, None, []) == ["盐田区2020年普法做了哪些工作？"]
    assert answer_metric({"answer": "成功率为99%：“纠纷1700宗,成功率达99%。”[1]",
                          "citations": [{"doc_id": "a", "quote": "纠纷1700宗,成功率达99%。"}]},
                         [{**_fact("调解纠纷", 1700, "宗", "盐田区", 2020, "a"),
                           "sentence": "纠纷1700宗,成功率达99%。"},
                          {**_fact("人民调解成功率", 99, "%", "盐田区", 2020, "a"),
                           "sentence": "纠纷1700宗,成功率达99%。"}]) == "人民调解成功率"


# --- errors in Chinese --------------------------------------------------------------------------
@pytest.mark.unit
def test_errors_are_worded_in_chinese_by_class():
    from ingest import errors as E

    assert error_zh(E.CorruptDocumentError("/x/a.docx", "the DOCX file is damaged (BadZipFile)")
                    ) == "a.docx：文件已损坏，或内容与扩展名不符"
    assert error_zh(E.UnsupportedFormatError("b.exe", "Invalid file type")).startswith("b.exe：不支持")
    assert reason_zh({"reason": "damaged", "error": "EncryptedDocumentError"}).startswith("文件有密码")
    assert reason_zh({"reason": "odd", "error": "KeyError"}) == "无法读取该文件"
    assert not re.search(r"[A-Za-z]{4,}", error_zh(E.InvalidQueryError("question too long")))


# --- the 全文 page ---------------------------------------------------------------------------------
@pytest.mark.integration
def test_report_page_has_title_headings_and_marks_only_the_quote(qa):
    from app.report_page import render_report, report_url, valid_token

    doc = next(d for d in qa.documents() if d["region"] == "盐田区")
    chunk = next(c for c in qa.index.chunks(doc["doc_id"]) if "调解成功率达99%" in c.text)
    quote = next(s for s in chunk.text.split("。") if "99%" in s).split("\n")[-1] + "。"
    page = render_report(qa, doc["doc_id"], chunk.id, quote, 1)
    assert f"<h1>{doc['title']}</h1>" in page and "<h2>" in page and "id='rq-passage'" in page
    assert re.findall(r"<mark>(.*?)</mark>", page) == [quote]
    url = report_url(doc["doc_id"], {"chunk_id": chunk.id, "quote": quote, "n": 1}, key="k")
    sig = re.search(r"sig=(\w+)", url).group(1)
    assert valid_token("k", doc["doc_id"], sig) and not valid_token("other", doc["doc_id"], sig)
