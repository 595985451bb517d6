"""Test helpers for the server tests (not collected: no test_ prefix): a real uvicorn server on a
free 127.0.0.1 port, run in a background thread, and the small reports the tests upload."""
from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn

FUTIAN_REPORT = """福田区司法局2021年法治政府建设工作报告

发布时间：2022-01-20

2021年，福田区司法局坚持以习近平法治思想为指导，全面推进法治政府建设。

一、2021年法治政府建设工作概述

（一）深化矛盾纠纷多元化解

全区各级人民调解组织共受理矛盾纠纷3200宗，人民调解成功率达96.5%，有效维护了社会和谐稳定。

（二）完善公共法律服务体系

全年办理法律援助案件880宗，为群众挽回经济损失1200余万元。

二、2022年工作计划

持续推进矛盾纠纷多元化解，提升公共法律服务质效。
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """``with LiveServer(app) as url:`` serves ``app`` on 127.0.0.1 until the block ends."""

    def __init__(self, app, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on", timeout_graceful_shutdown=2)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@contextlib.contextmanager
def sample_ui_server(sample_index_dir: Path, root: Path) -> Iterator[LiveServer]:
    """The whole app (UI, REST, /v1) served on a private copy of the sample index."""
    from app.server import create_app
    from ingest.settings import Settings

    index_dir = root / "idx"
    shutil.copytree(sample_index_dir, index_dir, symlinks=True)
    with LiveServer(create_app(settings=Settings(index_dir=index_dir, corpus_dir=root / "corpus"))) as server:
        yield server


def write_report(dir_: Path, name: str, text: str = FUTIAN_REPORT) -> Path:
    path = dir_ / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the web UI in real Chromium (Debian's /usr/bin/chromium driven by playwright) ---------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "artifacts"
WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def ensure_chromium() -> None:
    """Chromium at /usr/bin/chromium, installed with apt-get when missing (as root), else skip."""
    import os
    import shutil
    import subprocess

    import pytest

    if CHROMIUM.exists():
        return
    apt = shutil.which("apt-get")
    if apt is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("Chromium is not installed at /usr/bin/chromium and cannot be installed here "
                    "(needs root and apt-get): apt-get install -y chromium fonts-noto-cjk")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "update"], [apt, "install", "-y", "chromium", "fonts-noto-cjk"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.skip(f"could not install Chromium ({' '.join(cmd)}): {done.stderr[-300:]}")
    if not CHROMIUM.exists():
        pytest.skip("apt-get install chromium did not provide /usr/bin/chromium")


def launch_chromium():
    """(playwright context manager, browser): close the browser, then exit the manager."""
    import pytest

    ensure_chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    pw = sync_api.sync_playwright()
    p = pw.__enter__()
    return pw, p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def shot(page, name: str) -> Path:
    """A full-page screenshot in tests/artifacts/ (look at them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def open_ui(page, url: str) -> None:
    page.goto(url + "/")
    page.locator("#rq-question textarea").wait_for(timeout=60_000)


def ask(page, question: str, turns: int = 1) -> None:
    """Type a question, press Enter, wait until answer number ``turns`` has its citations."""
    box = page.locator("#rq-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "([n]) => document.querySelectorAll('#rq-chat a.rq-cite[data-n=\"1\"]').length >= n"
        " && document.querySelector('#rq-sources mark') !== null", arg=[turns], timeout=120_000)
