"""The `reportqa` CLI through typer's CliRunner, on the real sample index."""
from __future__ import annotations

import json
from pathlib import PurePath

import pytest
from typer.testing import CliRunner

from app.cli import app

pytestmark = pytest.mark.integration

runner = CliRunner()

NEW_REPORT = """福田区司法局2020年法治政府建设工作报告

2020年,福田区司法局坚持以习近平法治思想为指导,扎实推进法治政府建设。

一、2020年法治政府建设工作概述

(一)化解矛盾纠纷。全区人民调解组织全年共调解矛盾纠纷3125件,调解成功率达98%,有力维护了社会和谐稳定。
"""


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_ask_json_shape(sample_index_dir):
    r = run("ask", "盐田区2020年人民调解成功率是多少？", "--json", "--index", str(sample_index_dir))
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert {"question", "answer", "found", "citations", "timings_ms"} <= set(d)
    assert d["found"] and "99%" in d["answer"]
    c = d["citations"][0]
    assert {"n", "doc_id", "title", "source", "region", "year", "section", "text"} <= set(c)
    assert c["n"] == 1 and PurePath(c["source"]).name.startswith("000_")


def test_ask_batch_from_stdin(sample_index_dir):
    questions = "盐田区2020年人民调解成功率是多少？\n\n福田区2020年人民调解成功率是多少？\n \n"
    r = run("ask", "--index", str(sample_index_dir), input=questions)
    assert r.exit_code == 0, r.output
    lines = [json.loads(ln) for ln in r.stdout.splitlines() if ln.strip()]
    assert [d["found"] for d in lines] == [True, False]
    assert "99%" in lines[0]["answer"] and "福田区" in lines[1]["answer"]


def test_search_and_docs_json(sample_index_dir):
    r = run("search", "法律援助案件", "--k", "3", "--region", "罗湖区", "--json", "--index", str(sample_index_dir))
    assert r.exit_code == 0, r.output
    hits = json.loads(r.stdout)
    assert [h["rank"] for h in hits] == [1, 2, 3] and all(h["meta"]["district"] == "罗湖区" for h in hits)
    assert any("1103宗" in h["text"] for h in hits)
    r = run("docs", "--json", "--index", str(sample_index_dir))
    docs = json.loads(r.stdout)
    assert len(docs) == 5 and {d["region"] for d in docs} == {"盐田区", "海曙区", "沙坪坝区", "罗湖区", "宝安区"}


def test_facts_json(sample_index_dir):
    r = run("facts", "--region", "盐田区", "--json", "--index", str(sample_index_dir))
    assert r.exit_code == 0, r.output
    assert all(f["region"] == "盐田区" for f in json.loads(r.stdout))


def test_errors_exit_2_without_traceback(tmp_path, sample_index_dir):
    r = run("ask", "盐田区调解成功率", "--index", str(tmp_path / "none"))
    assert r.exit_code == 2 and "reportqa ingest" in r.stderr and "Traceback" not in r.output
    r = run("ask", "", "--index", str(sample_index_dir))
    assert r.exit_code == 2 and "问题为空" in r.stderr
    r = run("delete", "no-such-doc", "--index", str(sample_index_dir))
    assert r.exit_code == 2 and "no-such-doc" in r.stderr


def test_ingest_reports_bad_files_and_exit_code(index_copy, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a pdf")
    r = run("ingest", str(bad), "--index", str(index_copy))
    assert r.exit_code == 1  # nothing ingested and something failed
    assert "broken.pdf" in r.output and "失败 1" in r.output
    good = tmp_path / "futian.txt"
    good.write_text(NEW_REPORT, encoding="utf-8")
    r = run("ingest", str(bad), str(good), "--index", str(index_copy))
    assert r.exit_code == 0, r.output  # one failure, but something was ingested
    assert "新增/更新 1" in r.output and "broken.pdf" in r.output
    r = run("ask", "福田区2020年人民调解成功率是多少？", "--json", "--index", str(index_copy))
    d = json.loads(r.stdout)
    assert d["found"] and "98%" in d["answer"] and d["citations"][0]["source"].endswith("futian.txt")
