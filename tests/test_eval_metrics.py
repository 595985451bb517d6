"""Known-answer tests for eval/metrics.py."""
from __future__ import annotations

import math

import pytest

from eval import metrics as m

pytestmark = pytest.mark.unit

YT = "000_cbb5a60022177387.txt"
LH = "003_a5b31776a3b246d7.txt"
HIT = (f"/data/reports/{YT}", "今年来全区人民调解组织共受理矛盾纠纷案件1700余宗,调解成功率达99%,未发生民转刑案件。")
SAME_DOC_MISS = (f"data/reports/{YT}", "办理公证案件2.5万余件")
OTHER_DOC = (f"data/reports/{LH}", "各类人民调解组织全年化解矛盾纠纷14407件,成功率94%。")
GOLD = [{"doc": YT, "text": "调解成功率达99%"}]


def test_normalize_folds_width_whitespace_and_thousands():
    assert m.normalize("调解成功率 达 ９９％，共1,700 宗") == "调解成功率达99%,共1700宗"


def test_passage_matches_gold_needs_doc_and_text():
    assert m.passage_matches_gold(HIT, GOLD[0])
    assert not m.passage_matches_gold(SAME_DOC_MISS, GOLD[0])
    assert not m.passage_matches_gold((f"x/{LH}", HIT[1]), GOLD[0])       # right text, wrong doc
    assert m.passage_matches_gold(SAME_DOC_MISS, {"doc": YT})              # no text: any passage


def test_mrr_ndcg_recall_known_rankings():
    rels = m.relevance([OTHER_DOC, HIT], GOLD)
    assert rels == [0, 1]
    assert m.mrr_at_k(rels, 10) == 0.5
    assert m.mrr_at_k(rels, 1) == 0.0
    assert m.recall_at_k(rels, 1, 1) == 0.0 and m.recall_at_k(rels, 1, 2) == 1.0
    assert m.ndcg_at_k(rels, 1, 10) == pytest.approx(1 / math.log2(3))
    assert m.ndcg_at_k([1, 0, 0], 1, 10) == 1.0
    assert m.mrr_at_k([0, 0, 1], 10) == pytest.approx(1 / 3)
    assert m.mrr_at_k([], 10) == 0.0 and m.ndcg_at_k([], 1, 10) == 0.0


def test_each_gold_entry_credited_once_and_ndcg_bounded():
    # two passages matching the same single gold entry: only the first counts
    rels = m.relevance([HIT, HIT], GOLD)
    assert rels == [1, 0]
    # compare question with two gold docs, found at ranks 2 and 3
    gold2 = [{"doc": YT, "text": "调解成功率达99%"}, {"doc": LH, "text": "成功率94%"}]
    rels = m.relevance([SAME_DOC_MISS, HIT, OTHER_DOC], gold2)
    assert rels == [0, 1, 1]
    assert m.recall_at_k(rels, 2, 2) == 0.5 and m.recall_at_k(rels, 2, 3) == 1.0
    ideal = 1 + 1 / math.log2(3)
    assert m.ndcg_at_k(rels, 2, 10) == pytest.approx((1 / math.log2(3) + 1 / math.log2(4)) / ideal)
    assert 0 <= m.ndcg_at_k(m.relevance([HIT] * 5, GOLD), 1, 5) <= 1


def test_answer_correct_all_strings_regex_and_digit_boundaries():
    assert m.answer_correct("盐田区2020年人民调解成功率达９９％。[1]", ["99%"])
    assert not m.answer_correct("成功率达99%", ["99%", "盐田"])           # all strings needed
    assert not m.answer_correct("共受理1700余宗", ["700"])                 # 700 is not 1700
    assert m.answer_correct("办理法律援助案件700余件", ["700"])
    assert not m.answer_correct("成功率99%", ["9%"])
    assert not m.answer_correct("优秀率99.86%", ["99.8"])
    assert m.answer_correct("共受理1,700余宗", ["1700"])                   # thousands separator
    assert m.answer_correct("公证案件25,000件", [r"re:2\.5万|25000"])      # regex
    assert m.answer_correct("公证案件2.5万余件", [r"re:2\.5万|25000"])
    assert not m.answer_correct("公证案件26154件", [r"re:2\.5万|25000"])
    assert not m.answer_correct("anything", [])


def test_extract_numbers_handles_separators_percent_and_wan():
    nums = m.extract_numbers("受理1,700余宗,成功率99.5%,公证2.5万件,见[1][2]")
    assert nums == [(1700.0, ""), (99.5, "%"), (25000.0, "")]
    assert m.extract_numbers("挽回225.75万元") == [(2257500.0, "")]


def test_citation_support_catches_an_unsupported_number():
    cited = [HIT[1], "盐田区司法局2020年法治政府建设工作报告"]
    assert m.citation_support("盐田区2020年人民调解成功率达99%[1],共1,700余宗。", cited)
    assert not m.citation_support("盐田区2020年人民调解成功率达98%[1]。", cited)
    assert m.unsupported_numbers("成功率达98%,受理1700宗", cited) == [(98.0, "%")]
    assert m.citation_support("公证案件25000件", ["办理公证案件2.5万余件"])   # by value
    assert not m.citation_support("成功率99%", [])                             # nothing cited


def test_citation_precision_by_document():
    assert m.citation_precision([HIT[0], OTHER_DOC[0]], GOLD) == 0.5
    assert m.citation_precision([HIT[0]], GOLD) == 1.0
    assert m.citation_precision([], GOLD) is None


def test_refusal_and_false_refusal():
    q = "盐田区2023年办理了多少件法律援助案件？"
    assert m.refusal_correct(q, "报告中没有盐田区2023年的相关数据。", found=False)
    assert not m.refusal_correct(q, "盐田区办理法律援助案件700余件。", found=False)  # a figure
    assert not m.refusal_correct(q, "未找到。", found=True)
    # the years a refusal offers instead are not figures; a quantity still is
    assert m.refusal_correct(q, "现有报告中没有盐田区2023年的数据。盐田区有2020年的报告。", found=False)
    assert m.refusal_correct(q, "现有报告覆盖：盐田区（2020年）、宝安区（2014—2016年）。", found=False)
    assert not m.refusal_correct(q, "盐田区有2020年的报告，调解成功率99%。", found=False)
    assert not m.refusal_correct(q, "没有2023年的数据，2020年为350。", found=False)
    assert m.false_refusal_rate([True, False, True, True]) == 0.25
    assert m.false_refusal_rate([]) == 0.0


def test_percentiles_and_mean():
    p = m.percentiles(list(range(1, 101)))
    assert p == {"p50": 50.5, "p95": 95.05}
    assert m.percentiles([]) == {}
    assert m.mean([1, 0, None, True]) == pytest.approx(0.6667, abs=1e-4)
    assert m.mean([None]) is None


def test_figure_correct_ignores_figures_only_quoted():
    wrong = "罗湖区2020年社区矫正对象为2278人：“全区累计接收社区矫正对象2278人,解除矫正1974人,在册304人。”[1]"
    right = "罗湖区在册社区矫正对象304人：“全区累计接收社区矫正对象2278人,解除矫正1974人,在册304人。”[1]"
    assert m.answer_correct(wrong, ["304"])            # lenient: the quote holds 304
    assert m.figure_correct(wrong, ["304"]) is False   # strict: the stated figure is 2278
    assert m.figure_correct(right, ["304"]) is True
    assert m.strip_quoted_evidence("创新实施“三前移”模式：“创新实施矛盾纠纷化解“三前移”模式”[1]") == "创新实施“三前移”模式："
    # several quotes of one passage before its one marker are all evidence
    assert m.strip_quoted_evidence("主要做法：“学法5次。”“分值占比5%。”[1]") == "主要做法："
    assert m.figure_correct("赵县在“健全机制”方面：“出台《方案》。”“将68项任务逐项分解。”[1]", ["68项任务"]) is True
    # no digit in the required strings: not a figure question
    assert m.figure_correct("“三前移”[1]", ["三前移"]) is None
    # an answer that only quotes (title and years aside) is judged on the quote
    quote_only = "根据《罗湖区司法局2020年工作总结》：“在全市率先构建“1+4+1”政府法律服务制度体系。”[1]"
    assert m.figure_correct(quote_only, ["1+4+1"]) is True
    # a partial answer: states 105 in its own words, 210 only in the quote
    partial = "海曙区2020年人大代表建议为105件：“答复人大代表建议105件、政协提案210件。”[1]"
    assert m.figure_correct(partial, ["105", "210"], "海曙区2020年答复了多少件建议和提案？") is False
    # non-numeric strings may sit in the quote, numeric ones may not
    assert m.figure_correct("盐田最高，为99%：“调解成功率达99%”[1]", ["99%", "盐田"]) is True
