"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright):
ask the 盐田 question and see 99% with its cited passage; a report containing <script> and
onerror= attributes is shown as text and runs nothing."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from app.server import create_app
from app_live import LiveServer
from ingest.settings import Settings

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]
HOSTILE_REPORT = """福田区司法局2021年法治政府建设工作报告<img src=x onerror="window.__pwned=4">

发布时间：2022-01-18

2021年，福田区司法局全面推进法治政府建设。

一、矛盾纠纷化解

全区人民调解组织共受理矛盾纠纷2100宗，人民调解成功率达97.7%。<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> **加粗** [链接](javascript:window.__pwned=3)

二、下一步工作

继续做好人民调解工作。
"""


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    apt = shutil.which("apt-get")
    if apt is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("Chromium is not installed at /usr/bin/chromium and cannot be installed here "
                    "(needs root and apt-get): apt-get install -y chromium")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "update"], [apt, "install", "-y", "chromium"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.skip(f"could not install Chromium ({' '.join(cmd)}): {done.stderr[-300:]}")
    if not CHROMIUM.exists():
        pytest.skip("apt-get install chromium did not provide /usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    _ensure_chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def live(sample_index_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("ui")
    index_dir = root / "idx"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    settings = Settings(index_dir=index_dir, corpus_dir=root / "corpus")
    with LiveServer(create_app(settings=settings)) as server:
        yield server


def _ask(page, url: str, question: str, figure: str) -> None:
    page.goto(url + "/")
    box = page.locator("#rq-question textarea")
    box.wait_for(timeout=60_000)
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "([fig]) => { const c = document.querySelector('#rq-chat');"
        " const s = document.querySelector('#rq-sources');"
        " return c && c.innerText.includes(fig) && s && s.querySelector('mark') !== null; }",
        arg=[figure], timeout=120_000)


def test_chat_shows_answer_and_cited_passage(browser, live):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        _ask(page, live.url, "盐田区2020年人民调解成功率是多少？", "99%")
        chat = page.inner_text("#rq-chat")
        assert "99%" in chat and "[1]" in chat
        sources = page.inner_text("#rq-sources")
        assert "[1]" in sources and "盐田区" in sources and "2020" in sources
        assert "99%" in page.inner_text("#rq-sources mark")
        link = page.locator("#rq-sources a").first.get_attribute("href")
        assert link.startswith("api/documents/") and link.endswith("/text")
        full = httpx.get(f"{live.url}/{link}", timeout=60)
        assert full.status_code == 200 and "调解成功率达99%" in full.text
        page.screenshot(path=str(_artifacts() / "ui.png"), full_page=True)
    finally:
        page.close()


def test_upload_in_ui_then_markup_is_shown_as_text_and_never_runs(browser, live, tmp_path):
    report = tmp_path / "hostile.txt"
    report.write_text(HOSTILE_REPORT, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(live.url + "/")
        page.get_by_role("tab", name="报告管理").click()
        page.locator("#rq-upload input[type=file]").set_input_files(str(report))
        page.wait_for_function(
            "(document.querySelector('#rq-upload')?.textContent || '')"
            ".replace(/\\s+/g, '').includes('hostile.txt')",
            timeout=60_000)
        page.get_by_role("button", name="上传并建立索引").click()
        page.wait_for_function(
            "document.querySelector('#rq-manage-status')?.innerText.includes('入库 1 份')",
            timeout=300_000)
        page.wait_for_function(
            "document.querySelector('#rq-docs')?.innerText.includes('福田区司法局2021年')",
            timeout=60_000)
        assert 'onerror="window.__pwned=4"' in page.inner_text("#rq-docs")  # the title, as text
        page.screenshot(path=str(_artifacts() / "ui_manage.png"), full_page=True)

        _ask(page, live.url, "福田区2021年人民调解成功率是多少？", "97.7%")
        sources = page.inner_text("#rq-sources")
        assert "<script>window.__pwned=1</script>" in sources  # shown as text
        assert '<img src=x onerror="window.__pwned=2">' in sources
        assert page.locator("#rq-sources img, #rq-sources script, #rq-chat img").count() == 0
        page.locator("#rq-doc-pick input").click()  # the cited reports' titles as options
        page.get_by_role("option").first.click()
        page.wait_for_function(
            "document.querySelector('#rq-doc-text textarea')?.value.includes('97.7%')",
            timeout=60_000)
        assert "<script>" in page.input_value("#rq-doc-text textarea")
        page.get_by_role("tab", name="数据对比").click()
        metric = page.locator("#rq-metric input")
        metric.click()
        metric.fill("人民调解成功率")
        metric.press("Enter")
        metric.press("Escape")
        page.wait_for_function(
            "document.querySelector('#rq-facts')?.innerText.includes('97.7%')", timeout=60_000)
        page.wait_for_timeout(800)  # let the dropdown close and the chart settle
        page.screenshot(path=str(_artifacts() / "ui_facts.png"), full_page=True)
        assert page.locator("img[src='x']").count() == 0
        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
    except Exception:
        page.screenshot(path=str(_artifacts() / "ui_failure.png"), full_page=True)
        raise
    finally:
        page.close()


def _artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def test_delete_report_through_the_ui_api(live):
    from gradio_client import Client

    text = HOSTILE_REPORT.replace("福田", "龙华").replace("97.7%", "95.5%")
    r = httpx.post(f"{live.url}/api/documents", timeout=300, headers={"X-Requested-With": "t"},
                   files=[("files", ("longhua.txt", text.encode(), "text/plain"))])
    assert r.status_code == 200, r.text
    doc_id = r.json()["ingested"][0]["doc_id"]
    before = len(httpx.get(f"{live.url}/api/documents").json()["documents"])
    client = Client(live.url + "/", verbose=False, download_files=False)
    try:
        status = client.predict(doc_id, api_name="/delete_report")
    finally:
        client.close()
    assert "已删除 1 份" in status and doc_id in status
    docs = httpx.get(f"{live.url}/api/documents").json()["documents"]
    assert len(docs) == before - 1 and doc_id not in {d["doc_id"] for d in docs}
