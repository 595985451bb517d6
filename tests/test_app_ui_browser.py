"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright), on a
live server over a copy of the sample index: answers with clickable citations and the 全文 page,
数据对比 following the metric, upload progress and confirmed deletes, the phone layout, Chinese
everywhere, the conversation kept across a reload with follow-up suggestions; a report containing
<script> shows as text and runs nothing. Screenshots land in tests/artifacts/."""
from __future__ import annotations

import re

import httpx
import pytest

from app.server import create_app
from app_live import PHONE, WIDE, LiveServer, ask, open_ui, sample_ui_server, shot
from ingest.settings import Settings

pytestmark = pytest.mark.integration

HOSTILE_REPORT = """福田区司法局2021年法治政府建设工作报告<img src=x onerror="window.__pwned=4">

发布时间：2022-01-18

2021年，福田区司法局全面推进法治政府建设。

一、矛盾纠纷化解

全区人民调解组织共受理矛盾纠纷2100宗，人民调解成功率达97.7%。<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> **加粗** [链接](javascript:window.__pwned=3)

二、下一步工作

继续做好人民调解工作。
"""
ENGLISH = ("Drop File Here", "Click to Upload", "Use via API", "Clear", "Submit", "Loading",
           "Invalid file", "Error")


@pytest.fixture(scope="module")
def live(sample_index_dir, tmp_path_factory):
    with sample_ui_server(sample_index_dir, tmp_path_factory.mktemp("ui")) as server:
        yield server


def _bars(page) -> dict[str, float]:
    """The bars the chart shows, read from the rendered chart: {label: value}."""
    return page.evaluate("Object.fromEntries([...document.querySelectorAll('#rq-chart .rq-bar')]"
                         ".map(b => [b.dataset.label, parseFloat(b.dataset.value)]))")


def _pick_metric(page, metric: str) -> None:
    box = page.locator("#rq-metric input")
    box.click()
    box.fill(metric)
    box.press("Enter")
    box.press("Escape")
    page.wait_for_function(
        "([m]) => (document.querySelector('#rq-chart .rq-chart-title')?.innerText || '')"
        ".startsWith(m)", arg=[metric], timeout=60_000)
    page.get_by_role("option").first.wait_for(state="hidden", timeout=5_000)  # list closed


# --- item 1: 数据对比 --------------------------------------------------------------------------
def test_facts_chart_follows_the_metric_and_keeps_every_case_unit(page, live, qa):
    open_ui(page, live.url)
    page.get_by_role("tab", name="数据对比").click()
    page.wait_for_function("document.querySelector('#rq-chart .rq-bar') !== null",
                           timeout=60_000)
    # the reports word it 办理法律援助案件 and 受理援助案件: one metric, matched by meaning
    _pick_metric(page, "办理法律援助案件")
    legal = {f"{f.region} {f.year}": f.value for f in qa.facts(metric="办理法律援助案件")}
    assert {f.unit for f in qa.facts(metric="办理法律援助案件")} >= {"件", "宗"}  # the premise
    assert len(legal) == 3  # 盐田 700余件, 罗湖 1103宗, 沙坪坝 578件
    assert _bars(page) == legal  # 罗湖's 1103宗 is there next to the 件 figures
    assert "1103宗" in page.inner_text("#rq-facts")
    shot(page, "ui_facts_legal_aid")

    _pick_metric(page, "人民调解成功率")
    rates = {f"{f.region} {f.year}": f.value for f in qa.facts(metric="人民调解成功率")}
    assert _bars(page) == rates and not set(_bars(page).values()) & set(legal.values())
    assert page.evaluate("document.querySelector('#rq-chart .rq-chart').dataset.unit") == "%"

    # the 指标 list: metrics grouped by meaning, each charting at least two reports, as one run
    # per kind of figure; what the user typed is listed too, first (as no report words it)
    _pick_metric(page, "法律援助案件数量")
    assert _bars(page) == {f"{f.region} {f.year}": f.value
                           for f in qa.facts(metric="法律援助案件数量")} and len(_bars(page)) >= 2
    page.locator("body").click(position={"x": 5, "y": 5})  # leave the box, then open it again:
    page.locator("#rq-metric input").click()  # opening the list shows every entry
    page.get_by_role("option").first.wait_for(timeout=5_000)
    options = page.get_by_role("option").all_inner_texts()
    page.wait_for_timeout(500)  # the list fades in
    shot(page, "ui_facts_metric_list")
    page.keyboard.press("Escape")
    page.get_by_role("option").first.wait_for(state="hidden", timeout=5_000)
    parsed = [re.fullmatch(r"(.+?) · (.+?)（(\d+) 份报告(?:；又作 (.+))?）", o.replace("✓", "").strip())
              for o in options]
    assert all(parsed), options
    kinds = [m.group(1) for m in parsed]
    searched = {m.group(2) for m in parsed if m.group(1) == "已搜索"}
    assert kinds[0] == "已搜索" and "法律援助案件数量" in searched, options
    assert kinds == sorted(kinds, key=kinds.index)  # each kind is one run of entries
    listed = {m.group(2): (m.group(1), int(m.group(3))) for m in parsed}
    for metric, (kind, n) in listed.items():  # n: the reports the chart of it compares
        assert 2 <= n <= len({f.doc_id for f in qa.facts(metric=metric)}), (metric, n)
    heads = {m for m, (kind, _) in listed.items() if kind != "已搜索"}
    assert {"办理法律援助案件", "人民调解成功率"} <= heads | searched  # all typed, all listed
    units = {m: {f.unit for f in qa.facts(metric=m)} for m in heads}
    rate_kinds = {listed[m][0] for m in heads if units[m] == {"%"}}
    case_kinds = {listed[m][0] for m in heads if units[m] <= {"件", "宗", "起"}}
    assert rate_kinds == {"比率"} and case_kinds == {"件数"}, options
    # the other wordings of a metric are named inside its entry, each once, never on their own
    by_metric: dict[str, set[str]] = {}
    for f in qa.facts():
        by_metric.setdefault(f.metric, set()).add(f.doc_id)
    wordings = [w for m in parsed if m.group(4) and m.group(1) != "已搜索"
                for w in m.group(4).rstrip("等").split("、")]
    assert wordings and set(wordings) <= set(by_metric) and not set(wordings) & set(listed)
    assert len(wordings) == len(set(wordings))
    assert len(listed) < len(by_metric) / 3 and "开展" not in listed  # not every phrase
    shot(page, "ui_facts")


# --- item 3: citations lead to the passage -----------------------------------------------------
def test_citation_marker_shows_quote_and_scrolls_to_its_source(page, live):
    open_ui(page, live.url)
    ask(page, "盐田区2020年人民调解成功率是多少？")
    cite = page.locator("#rq-chat a.rq-cite").first
    cite.hover()
    card = page.locator("#rq-chat a.rq-cite .rq-card").first
    assert card.is_visible() and "调解成功率达99%" in card.inner_text()
    shot(page, "ui_chat_hover")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    cite.click()
    source = page.locator("#rq-sources .rq-src[data-n='1']")
    page.wait_for_function("document.querySelector('#rq-sources .rq-src[data-n=\"1\"]')"
                           ".classList.contains('rq-flash')", timeout=5_000)
    box = source.bounding_box()
    assert box is not None and 0 <= box["y"] < WIDE["height"]  # scrolled into view
    assert "99%" in page.inner_text("#rq-sources mark")


def test_full_text_page_opens_at_the_passage_with_exactly_the_quote_marked(page, live, qa):
    open_ui(page, live.url)
    ask(page, "海曙区2020年行政复议新收了多少件案件？")
    href = page.locator("#rq-sources a.rq-full").first.get_attribute("href")
    assert href.startswith("report/") and href.endswith("#rq-passage")
    page.goto(f"{live.url}/{href}")
    doc = next(d for d in qa.documents() if d["region"] == "海曙区")
    assert page.inner_text("h1") == doc["title"]
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "浙江省" in page.inner_text("dl.rq-meta") and page.locator("article :is(h2, h3)").count() >= 3
    marks = page.locator("#rq-passage mark").all_inner_texts()
    assert marks and "全年新收案件86件,办结79件" in "".join(marks)
    assert page.locator("mark").count() == len(marks)  # nothing outside the passage
    answer = page.evaluate("document.title")
    assert answer == doc["title"]
    top = page.locator("#rq-passage").bounding_box()["y"]
    assert page.evaluate("window.scrollY") > 0 and 0 <= top < WIDE["height"]
    shot(page, "ui_report_page")


def test_full_text_links_work_for_a_signed_in_session_when_an_api_key_is_set(browser, qa,
                                                                              sample_index_dir):
    key = "test-key-123"
    app = create_app(qa, Settings(index_dir=sample_index_dir, api_key=key))
    with LiveServer(app) as keyed:
        page = browser.new_page(viewport=WIDE)
        try:
            page.goto(keyed.url + "/")
            page.locator("input[type=password]").fill(key)
            page.locator("input[type=text]").first.fill("user")
            page.locator("button[type=submit], button:has-text('登录'), button:has-text('Login')"
                         ).first.click()
            page.locator("#rq-question textarea").wait_for(timeout=60_000)
            ask(page, "盐田区2020年人民调解成功率是多少？")
            href = page.locator("#rq-sources a.rq-full").first.get_attribute("href")
            opened = page.goto(f"{keyed.url}/{href}")
            assert opened.status == 200 and "调解成功率达99%" in page.inner_text("#rq-passage mark")
        finally:
            page.close()
        bare = href.split("&sig=")[0].split("#")[0]
        assert httpx.get(f"{keyed.url}/{bare}").status_code == 401  # no key, no signature
        forged = re.sub(r"sig=\w+", "sig=" + "0" * 32, href.split("#")[0])
        assert httpx.get(f"{keyed.url}/{forged}").status_code == 401


# --- item 4 (+7, and reports are text): upload with progress, confirmed delete -----------------
def test_upload_shows_progress_then_markup_is_text_and_delete_asks_naming_the_title(
        page, live, tmp_path):
    report = tmp_path / "hostile.txt"
    report.write_text(HOSTILE_REPORT, encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is no docx")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_ui(page, live.url)
    page.get_by_role("tab", name="报告管理").click()
    page.locator("#rq-upload input[type=file]").set_input_files([str(report), str(broken)])
    page.wait_for_function("(document.querySelector('#rq-upload')?.textContent || '')"
                           ".replace(/\\s+/g, '').includes('broken.docx')", timeout=60_000)
    page.evaluate("""() => { window.__status = []; window.__disabled = false;
        new MutationObserver(() => {
          window.__status.push(document.querySelector('#rq-manage-status').innerText);
          window.__disabled ||= document.querySelector('#rq-upload-btn').disabled;
        }).observe(document.body, {subtree: true, childList: true, characterData: true,
                                   attributes: true}); }""")
    page.locator("#rq-upload-btn").click()
    page.wait_for_function("document.querySelector('#rq-manage-status')?.innerText"
                           ".includes('入库 1 份')", timeout=300_000)
    seen = "\n".join(page.evaluate("window.__status"))
    # each file's state (a fast machine may show 正在解析 only briefly), then the passages
    assert re.search(r"hostile\.txt：(正在解析|已解析)", seen) and "broken.docx：" in seen
    assert re.search(r"向量编码：已完成 \d+/\d+ 段", seen)
    assert page.evaluate("window.__disabled") and page.locator("#rq-upload-btn").is_enabled()
    status = page.inner_text("#rq-manage-status")
    assert "已入库：福田区司法局2021年" in status
    assert "broken.docx：文件已损坏，或内容与扩展名不符" in status  # Chinese, by error class
    assert "BadZip" not in status and "damaged" not in status
    page.wait_for_function("!(document.querySelector('#rq-upload')?.textContent || '')"
                           ".replace(/\\s+/g, '').includes('hostile')", timeout=10_000)  # cleared
    page.wait_for_function("document.querySelector('#rq-docs')?.innerText"
                           ".includes('福田区司法局2021年')", timeout=60_000)
    assert 'onerror="window.__pwned=4"' in page.inner_text("#rq-docs")  # the title, as text
    shot(page, "ui_manage")

    page.get_by_role("tab", name="智能问答").click()
    ask(page, "福田区2021年人民调解成功率是多少？")
    sources = page.inner_text("#rq-sources")
    assert "<script>window.__pwned=1</script>" in sources  # shown as text
    assert '<img src=x onerror="window.__pwned=2">' in sources
    assert page.locator("#rq-sources img, #rq-sources script, #rq-chat img, "
                        "#rq-chat script").count() == 0

    page.get_by_role("tab", name="报告管理").click()
    search = page.locator("#rq-doc-search textarea")
    search.fill("福田")
    search.press("Enter")
    page.wait_for_function("document.querySelector('#rq-page-info')?.innerText"
                           ".includes('共 1 份报告')", timeout=30_000)
    page.locator("#rq-delete-pick input").click()
    page.get_by_role("option").first.click()
    page.locator("#rq-delete-btn").click()
    confirm = page.locator("#rq-delete-confirm")
    confirm.wait_for(timeout=10_000)
    assert "确定删除《福田区司法局2021年" in confirm.inner_text()
    assert httpx.get(f"{live.url}/api/documents").json()["documents"][-1]  # nothing deleted yet
    n_before = len(httpx.get(f"{live.url}/api/documents").json()["documents"])
    page.locator("#rq-confirm-yes").click()
    page.wait_for_function("document.querySelector('#rq-manage-status')?.innerText"
                           ".includes('已删除')", timeout=120_000)
    done = page.inner_text("#rq-manage-status")
    assert "福田区司法局2021年" in done and not re.search(r"[0-9a-f]{16}", done)
    assert len(httpx.get(f"{live.url}/api/documents").json()["documents"]) == n_before - 1
    assert page.evaluate("window.__pwned") is None and dialogs == []


# --- item 6: phone ------------------------------------------------------------------------------
def test_phone_layout_puts_sources_under_the_answer_and_scrolls_tables(browser, live):
    page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        open_ui(page, live.url)
        ask(page, "盐田区2020年人民调解成功率是多少？")
        assert not page.locator("#rq-side").is_visible()
        block = page.locator("#rq-chat details.rq-inline").last
        assert block.is_visible()
        answer_box = page.locator("#rq-chat a.rq-cite").last.bounding_box()
        block_box = block.bounding_box()
        assert 0 <= block_box["y"] - answer_box["y"] < 200  # right under the answer
        page.locator(".rq-suggestion").first.wait_for(timeout=30_000)  # the answer is final
        block.locator("summary").click()
        assert "99%" in block.locator("mark").first.inner_text()
        page.locator("#rq-chat a.rq-cite").last.click()
        page.wait_for_function("document.querySelector('#rq-chat details.rq-inline "
                               ".rq-src.rq-flash') !== null", timeout=5_000)
        shot(page, "ui_phone_chat")
        page.get_by_role("tab", name="报告管理").click()
        page.wait_for_function("document.querySelector('#rq-docs table') !== null")
        wrap = page.evaluate("(() => { const w = document.querySelector('#rq-docs "
                             ".rq-table-wrap'); const td = w.querySelector('tbody td:nth-child(2)');"
                             " return [w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX,"
                             " td.getBoundingClientRect().width]; })()")
        assert wrap[0] > wrap[1] and wrap[2] == "auto" and wrap[3] >= 48  # scrolls, not squeezed
        shot(page, "ui_phone_manage")
        page.get_by_role("tab", name="数据对比").click()
        page.wait_for_function("document.querySelector('#rq-chart .rq-bar') !== null")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(page, "ui_phone_facts")
    finally:
        page.close()


# --- item 7: Chinese ----------------------------------------------------------------------------
def test_everything_shown_is_chinese_and_tabbing_opens_no_dropdown(browser, live):
    context = browser.new_context(locale="en-US", viewport=WIDE)  # an English browser
    page = context.new_page()
    try:
        open_ui(page, live.url)
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        for tab in ("报告管理", "数据对比", "智能问答"):
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(300)
            text = page.evaluate("document.body.innerText + ' ' + [...document.querySelectorAll("
                                 "'[aria-label],[title],[placeholder]')].map(e => [e.ariaLabel, "
                                 "e.title, e.placeholder].join(' ')).join(' ')")
            assert not [w for w in ENGLISH if re.search(rf"\b{w}\b", text)], tab
        page.locator("body").click(position={"x": 5, "y": 5})
        opened = 0
        for _ in range(10):
            page.keyboard.press("Tab")
            page.wait_for_timeout(120)
            opened = max(opened, page.evaluate(
                "[...document.querySelectorAll('[role=listbox]')].filter(e => e.offsetParent)"
                ".length"))
        assert page.evaluate("document.activeElement.getAttribute('role')") in (
            "combobox", "tab", "button", "textbox", None)
        assert opened <= 1  # at most the focused dropdown's list, never all of them
        shot(page, "ui_chat_en_browser")
    finally:
        context.close()


# --- item 8: the conversation is kept; follow-ups -----------------------------------------------
def test_conversation_survives_reload_and_offers_followups_from_the_index(page, live):
    open_ui(page, live.url)
    ask(page, "盐田区2020年人民调解成功率是多少？")
    page.wait_for_function("document.querySelectorAll('.rq-suggestion').length > 0 && "
                           "[...document.querySelectorAll('.rq-suggestion')]"
                           ".some(b => b.offsetParent)", timeout=30_000)
    shown = [s for s in page.locator(".rq-suggestion").all_inner_texts() if s.strip()]
    facts = httpx.get(f"{live.url}/api/facts", params={"metric": "人民调解成功率"}).json()
    others = {f["region"] for f in facts["facts"]} - {"盐田区"}
    assert 2 <= len(shown) <= 3
    assert any(any(o in s for o in others) and "调解成功率" in s for s in shown)
    assert not any("盐田区2020年" in s for s in shown)  # not the same question again
    shot(page, "ui_chat")
    follow = next(s for s in shown if any(o in s for o in others))
    page.locator(".rq-suggestion", has_text=follow).click()
    page.wait_for_function("document.querySelectorAll('#rq-chat a.rq-cite[data-n=\"1\"]')"
                           ".length >= 2", timeout=120_000)
    page.reload()
    page.wait_for_function("(document.querySelector('#rq-chat')?.innerText || '')"
                           ".includes('99%')", timeout=60_000)
    chat = page.inner_text("#rq-chat")
    assert "盐田区2020年人民调解成功率是多少？" in chat and follow in chat
    assert page.locator("#rq-chat a.rq-cite").count() >= 2  # citations still clickable
    page.locator("#rq-new-chat").click()
    page.wait_for_function("!(document.querySelector('#rq-chat')?.innerText || '')"
                           ".includes('99%')", timeout=10_000)
    page.reload()
    page.locator("#rq-question textarea").wait_for()
    page.wait_for_timeout(1500)
    assert "99%" not in page.inner_text("#rq-chat")


def test_screenshots_at_both_sizes(browser, live):
    for size, name in ((WIDE, "wide"), (PHONE, "phone")):
        page = browser.new_page(viewport=size)
        try:
            open_ui(page, live.url)
            ask(page, "罗湖区2020年办理法律援助案件多少宗？")
            shot(page, f"ui_{name}")
        finally:
            page.close()
