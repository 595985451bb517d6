"""Test helpers for the server tests (not collected: no test_ prefix): a real uvicorn server on a
free 127.0.0.1 port, run in a background thread, and the small reports the tests upload."""
from __future__ import annotations

import socket
import threading
import time
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


def write_report(dir_: Path, name: str, text: str = FUTIAN_REPORT) -> Path:
    path = dir_ / name
    path.write_text(text, encoding="utf-8")
    return path
