"""`reportqa serve --corpus DIR` as a real process: it says at start where uploads go, and an
upload through the REST API lands there."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from app_live import FUTIAN_REPORT, free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]


def _wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"serve exited with status {proc.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("serve did not start")


def _read_until(proc: subprocess.Popen, text: str, max_lines: int = 50) -> str:
    """The first stderr line containing ``text`` (library warnings may come before it)."""
    for _ in range(max_lines):
        line = proc.stderr.readline()
        if text in line or not line:
            return line
    return ""


def test_serve_corpus_flag_says_and_uses_the_upload_folder(index_copy, tmp_path):
    corpus, port = tmp_path / "my corpus", free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    env.pop("REPORTQA_CORPUS_DIR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--index", str(index_copy), "--corpus",
         str(corpus), "--port", str(port)], cwd=tmp_path, env=env,
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        said = _read_until(proc, "uploads go to:")
        assert said.rstrip().endswith(f"uploads go to: {(corpus / 'uploads').resolve()}"), said
        # keep reading the server's log so a full pipe never blocks it
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, proc)
        r = httpx.post(f"{url}/api/documents", timeout=300, headers={"X-Requested-With": "test"},
                       files={"files": ("福田区2021年报告.txt", FUTIAN_REPORT.encode(), "text/plain")})
        assert r.status_code == 200, r.text
        stored = list((corpus / "uploads").iterdir())
        assert [p.read_text(encoding="utf-8") for p in stored] == [FUTIAN_REPORT]
        assert not (tmp_path / "data").exists()  # nothing under the working directory's default
    finally:
        proc.terminate()
        proc.wait(timeout=30)
