"""The web chat in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright), on
a live server over a copy of the sample index, asking as an official would (issue 12):

- item 2: a question that names its own scope ("各区…") is not held to the place of the previous
  question, and a place chosen in the filters beats the place the conversation was about;
- item 5: an answer reads as an official writes it — its first sentence states the place, the
  year, the metric as the report names it and the figure; then the quote; no stiff phrasing.

Expected figures come from the index's own facts (qa.facts), not from this file. Screenshots land
in tests/artifacts/."""
from __future__ import annotations

import re

import pytest

from app_live import ask, open_ui, sample_ui_server, shot
from ingest import short_name

pytestmark = pytest.mark.integration

# Phrasings issue 12 found in answers: a figure handed over without saying what it is, and the
# question's own filler ("对比一下", "介绍一下") echoed as a heading.
STIFF = ("相关数字为", "相关数据为", "数字为", "一下：", "一下:")


@pytest.fixture(scope="module")
def live(sample_index_dir, tmp_path_factory):
    with sample_ui_server(sample_index_dir, tmp_path_factory.mktemp("ui_chat")) as server:
        yield server


def _answers(page) -> list[str]:
    """The rendered text of every answer in the chat, in order (hover cards and the phone's
    source blocks are hidden, so not part of it)."""
    return page.locator("#rq-chat .bot-row").all_inner_texts()


def _first_sentence(text: str) -> str:
    """The answer's own first sentence: up to the first 。！？, line end or the colon that opens
    a quote, outside quotation marks."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "“") - (ch == "”")
        if depth == 0 and (ch in "。！？\n" or (ch in "：:" and text[i + 1:i + 2] == "“")):
            return text[:i]
    return text


def _pick(page, elem_id: str, option: str) -> None:
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function("([id, v]) => document.querySelector('#' + id + ' input').value === v",
                           arg=[elem_id, option], timeout=10_000)


def _lines_naming(text: str, place: str) -> list[str]:
    """The lines (table rows, list items, clauses) of ``text`` that name ``place``."""
    short = short_name(place) or place
    return [p for p in re.split(r"[\n；;。]", text) if short in p]


# --- item 2: the new question's own scope, and the filters, beat the conversation ---------------
def test_a_question_about_every_place_is_not_held_to_the_previous_place(page, live, qa):
    rates = {f.region: f.value_text for f in qa.facts(metric="人民调解成功率")}
    assert {"盐田区", "罗湖区", "沙坪坝区"} <= set(rates)  # the premise: three reports state it
    open_ui(page, live.url)
    ask(page, "沙坪坝区2019年普法做了哪些工作？")
    assert "沙坪坝" in _answers(page)[-1]
    ask(page, "各区的人民调解成功率对比一下", turns=2)
    answer = _answers(page)[-1]
    for place, figure in rates.items():  # every place, each with its own report's figure
        assert any(figure in line for line in _lines_naming(answer, place)), (place, answer)
    cited = page.locator("#rq-sources .rq-meta").all_inner_texts()
    assert {"盐田区", "罗湖区", "沙坪坝区"} <= {m.split(" · ")[0] for m in cited}
    shot(page, "ui_chat_every_place")


def test_a_place_chosen_in_the_filter_beats_the_place_of_the_conversation(page, live, qa):
    luohu = {f.value_text for f in qa.facts(metric="法律援助案件", region="罗湖区")}
    others = {f.value_text for f in qa.facts(metric="法律援助案件") if f.region != "罗湖区"}
    assert luohu and others and not luohu & others  # the premise: the figures tell them apart
    open_ui(page, live.url)
    ask(page, "盐田区2020年人民调解成功率是多少？")
    assert "盐田" in _answers(page)[-1]
    _pick(page, "rq-f-district", "罗湖区")
    ask(page, "法律援助案件多少宗？", turns=2)
    answer = _answers(page)[-1]
    assert "罗湖" in answer and "盐田" not in answer, answer
    assert any(v in answer for v in luohu) and not any(v in answer for v in others), answer
    cited = page.locator("#rq-sources .rq-meta").all_inner_texts()
    assert cited and all(m.startswith("罗湖区") for m in cited), cited
    shot(page, "ui_chat_filter_beats_history")


# --- item 5: answers read as an official writes them ---------------------------------------------
@pytest.mark.parametrize("question, place, year, metric", [
    ("罗湖区2020年办理法律援助案件多少宗？", "罗湖区", 2020, "法律援助案件"),
    ("海曙区2020年行政复议新收了多少件案件？", "海曙区", 2020, "新收案件"),
])
def test_a_figure_answer_states_place_year_metric_and_figure_first(page, live, qa, question,
                                                                     place, year, metric):
    figures = {f.value_text for f in qa.facts(metric=metric, region=place, year=year)}
    assert figures  # the premise: the report states it
    open_ui(page, live.url)
    ask(page, question)
    answer = _answers(page)[-1]
    first = _first_sentence(answer)
    assert short_name(place) in first and str(year) in first and metric in first, answer
    assert any(v in first for v in figures), answer  # the figure itself, not only in the quote
    assert "“" in answer[len(first):] and "[1]" in answer  # then the report's words, cited
    assert not [s for s in STIFF if s in answer], answer


@pytest.mark.parametrize("question, place, year, topic", [
    ("盐田区2020年是如何开展人民调解工作的？", "盐田区", 2020, "调解"),
    ("沙坪坝区2019年普法做了哪些工作？", "沙坪坝区", 2019, "普法"),
])
def test_a_descriptive_answer_names_place_year_and_topic_before_quoting(page, live, question,
                                                                        place, year, topic):
    open_ui(page, live.url)
    ask(page, question)
    answer = _answers(page)[-1]
    first = _first_sentence(answer)
    assert short_name(place) in first and str(year) in first, answer
    quoted = answer[len(first):]
    assert topic in quoted and "“" in quoted and re.search(r"\d", quoted), answer  # the measures
    assert not [s for s in STIFF if s in answer], answer
    assert "一下" not in first and "如何" not in first, answer  # not the question echoed
    # a long answer is shown from its start: its first line is inside the chat's view
    top = page.evaluate("(() => { const a = [...document.querySelectorAll('#rq-chat .bot-row')]"
                        ".pop(), box = a.closest('.bubble-wrap').getBoundingClientRect(),"
                        " r = a.getBoundingClientRect(); return [r.top - box.top, box.height]; })()")
    assert 0 <= top[0] < top[1] / 2, top
    shot(page, f"ui_answer_{short_name(place)}")
