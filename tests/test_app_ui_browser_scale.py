"""The web UI over a few hundred reports (eval.synth corpus; random unit vectors, as eval/bench
does, since nothing here searches by meaning), in real Chromium: 报告管理 searches by place, sorts,
groups by province/city and pages; the delete picker lists the search's matches, not every
report; 数据对比 shows the top N, sorted and grouped, and stays readable at both sizes."""
from __future__ import annotations

import re

import pytest

from app.server import create_app
from app_live import PHONE, WIDE, LiveServer, open_ui, shot
from ingest.settings import Settings

pytestmark = pytest.mark.integration

N_REPORTS = 200


@pytest.fixture(scope="module")
def big(tmp_path_factory, encoder):
    from eval.bench import _random_encoder
    from eval.synth import generate
    from index import build_index

    root = tmp_path_factory.mktemp("ui_big")
    paths = generate(root / "corpus", N_REPORTS, seed=11)
    fake = _random_encoder(encoder.name, encoder.dim, seed=11)
    report = build_index(paths, root / "idx", encoder=fake, progress=False)
    assert len(report.ingested) == N_REPORTS, report.failed
    app = create_app(settings=Settings(index_dir=root / "idx", corpus_dir=root / "up"))
    with LiveServer(app) as server:
        server.qa = app.state.service.current()
        yield server


def _rows(page) -> list[list[str]]:
    return page.evaluate("[...document.querySelectorAll('#rq-docs tbody tr:not(.rq-group)')]"
                         ".map(r => [...r.cells].map(c => c.innerText))")


def test_report_list_searches_sorts_groups_and_pages(browser, big):
    docs = big.qa.documents()
    page = browser.new_page(viewport=WIDE)
    try:
        open_ui(page, big.url)
        page.get_by_role("tab", name="报告管理").click()
        page.wait_for_function("document.querySelector('#rq-page-info')?.innerText"
                               f".includes('共 {N_REPORTS} 份报告')", timeout=60_000)
        assert f"第 1/{-(-N_REPORTS // 20)} 页" in page.inner_text("#rq-page-info")
        assert len(_rows(page)) == 20
        first = _rows(page)
        page.locator("#rq-next").click()
        page.wait_for_function("document.querySelector('#rq-page-info').innerText"
                               ".includes('第 2/')")
        assert not {r[0] for r in _rows(page)} & {r[0] for r in first}

        # a place: every row is about it, and the delete picker offers just these reports
        city = max({d["city"] for d in docs}, key=lambda c: sum(d["city"] == c for d in docs))
        n_city = sum(d["city"] == city for d in docs)
        page.locator("#rq-doc-search textarea").fill(city)
        page.locator("#rq-doc-search textarea").press("Enter")
        page.wait_for_function("([n]) => document.querySelector('#rq-page-info').innerText"
                               ".includes('共 ' + n + ' 份报告')", arg=[n_city], timeout=30_000)
        page.locator("#rq-delete-pick input").click()
        options = page.get_by_role("option").all_inner_texts()
        page.keyboard.press("Escape")
        assert 0 < len(options) == min(n_city, 50)
        assert not any(re.search(r"[0-9a-f]{16}", o) for o in options)  # titles, not ids

        page.locator("#rq-doc-search textarea").fill("")
        page.locator("#rq-doc-search textarea").press("Enter")
        page.locator("#rq-doc-sort input").click()
        page.get_by_role("option", name="年份（新→旧）").click()
        page.wait_for_timeout(800)
        years = [int(r[2]) for r in _rows(page) if r[2]]
        assert years == sorted(years, reverse=True) and years[0] == max(d["year"] for d in docs)
        page.locator("#rq-doc-group").get_by_label("按省").check()
        page.wait_for_function("document.querySelector('#rq-docs tr.rq-group') !== null")
        heads = page.locator("#rq-docs tr.rq-group").all_inner_texts()
        assert heads and set(heads) <= {d["province"] for d in docs}
        shot(page, "ui_scale_manage")
    finally:
        page.close()


def test_facts_show_top_n_sorted_and_grouped_at_any_size(browser, big):
    for size, name in ((WIDE, "wide"), (PHONE, "phone")):
        page = browser.new_page(viewport=size)
        try:
            open_ui(page, big.url)
            page.get_by_role("tab", name="数据对比").click()
            page.wait_for_function("document.querySelector('#rq-chart .rq-bar') !== null",
                                   timeout=60_000)
            values = page.evaluate("[...document.querySelectorAll('#rq-chart .rq-bar')]"
                                   ".map(b => parseFloat(b.dataset.value))")
            assert 1 < len(values) <= 20 and values == sorted(values, reverse=True)
            assert "条可比数据" in page.inner_text("#rq-fact-note")
            # labels never overlap: each bar is its own row
            tops = page.evaluate("[...document.querySelectorAll('#rq-chart .rq-bar-label')]"
                                 ".map(l => l.getBoundingClientRect().top)")
            assert all(b - a >= 12 for a, b in zip(tops, tops[1:]))
            page.locator("#rq-fact-order").get_by_label("从低到高").check()
            page.wait_for_timeout(1000)
            up = page.evaluate("[...document.querySelectorAll('#rq-chart .rq-bar')]"
                               ".map(b => parseFloat(b.dataset.value))")
            assert up == sorted(up) and up[0] <= min(values)
            page.locator("#rq-fact-group").get_by_label("按省").check()
            page.wait_for_function("document.querySelector('#rq-chart .rq-chart-group') !== null")
            assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
            shot(page, f"ui_scale_facts_{name}")
            page.locator("#rq-metric input").click()
            page.locator("#rq-metric input").fill("")
            page.get_by_role("option").first.wait_for(timeout=5_000)
            n_options = page.get_by_role("option").count()
            page.keyboard.press("Escape")
            assert 0 < n_options <= 50  # the most shared metrics, not every phrase
        finally:
            page.close()
