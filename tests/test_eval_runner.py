"""eval.runner: aggregation on a scripted pipeline (unit) and an end-to-end run over the real
sample index (integration)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from eval.questions import SAMPLE_SET, load_set
from eval.runner import format_table, naive_answer, run_eval
from ingest.types import Chunk

YT, LH = "000_cbb5a60022177387.txt", "003_a5b31776a3b246d7.txt"
YT_TEXT = "今年来全区人民调解组织共受理矛盾纠纷案件1700余宗,调解成功率达99%,未发生民转刑案件。"
LH_TEXT = "各类人民调解组织全年化解矛盾纠纷14407件,成功率94%。"


@dataclass
class _Hit:
    chunk: Chunk


@dataclass
class _Answer:
    answer: str
    found: bool
    hits: list = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        cites = [{"n": i + 1, "source": h.chunk.meta["source"], "text": h.chunk.text,
                  "title": h.chunk.meta["title"], "section": "", "year": 2020}
                 for i, h in enumerate(self.hits[:1])] if self.found else []
        return {"answer": self.answer, "found": self.found, "citations": cites, "timings_ms": {}}


def _hit(doc: str, text: str, title: str) -> _Hit:
    return _Hit(Chunk.create(text, {"doc_id": doc[:3], "source": f"data/reports/{doc}", "title": title}))


class ScriptedQA:
    """Ranks 罗湖 first for bm25 (a miss at rank 1) and 盐田 first otherwise; refuses 福田."""

    def search(self, query, k=None, filters=None, mode=None):
        yt, lh = _hit(YT, YT_TEXT, "盐田区司法局2020年法治政府建设工作报告"), _hit(LH, LH_TEXT, "罗湖区司法局2020年工作总结")
        return [lh, yt] if mode == "bm25" else [yt, lh]

    def ask(self, question, history=None, filters=None):
        if "福田" in question:
            return _Answer("报告中没有福田区的相关内容。", False)
        hits = self.search(question)
        return _Answer("盐田区2020年人民调解成功率达99%[1],受理1700余宗。", True, hits)

    def documents(self):
        return [{"doc_id": "000"}, {"doc_id": "003"}]


def _write_set(path, questions):
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in questions) + "\n", encoding="utf-8")
    return path


@pytest.mark.unit
def test_run_eval_aggregates_known_results(tmp_path):
    qs = [{"id": "f1", "type": "fact", "question": "盐田区2020年人民调解成功率是多少？", "answers": ["99%"],
           "gold": [{"doc": YT, "text": "调解成功率达99%"}]},
          {"id": "u1", "type": "unanswerable", "question": "福田区2020年人民调解成功率是多少？",
           "answers": [], "gold": [], "found": False}]
    rep = run_eval(_write_set(tmp_path / "s.jsonl", qs), qa=ScriptedQA(), out_dir=tmp_path / "out", k=10)
    s = rep["summary"]
    assert s["bm25"]["mrr@10"] == 0.5 and s["bm25"]["recall@1"] == 0.0      # [miss, hit]
    assert s["hybrid"]["mrr@10"] == 1.0 and s["full"]["ndcg@10"] == 1.0
    assert s["bm25"]["answer_accuracy"] == 0.0      # naive answer from the 罗湖 passage: 14407件
    assert s["hybrid"]["answer_accuracy"] == 1.0    # naive answer: first sentence with a number
    assert s["full"]["answer_accuracy"] == 1.0 and s["full"]["citation_support"] == 1.0
    assert s["full"]["refusal_accuracy"] == 1.0 and s["hybrid"]["refusal_accuracy"] == 0.0
    assert s["full"]["false_refusal_rate"] == 0.0
    assert rep["by_type"]["full"]["fact"]["answer_accuracy"] == 1.0
    assert rep["failures"] == []
    for name in ("report.json", "report.md", "report.png"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    assert json.loads((tmp_path / "out" / "report.json").read_text())["summary"]["full"]["n"] == 2
    table = format_table(rep)
    assert "hybrid" in table and "mrr@10" in table and "unanswerable" in table


@pytest.mark.unit
def test_naive_answer_and_bad_config(tmp_path):
    assert naive_answer("加强调解。共受理1700余宗,成功率达99%。其他。") == "共受理1700余宗,成功率达99%。"
    assert naive_answer("没有数字。第二句。") == "没有数字。"
    with pytest.raises(ValueError, match="unknown config"):
        run_eval(SAMPLE_SET, qa=ScriptedQA(), configs=["bm99"], write=False)


@pytest.mark.integration
def test_run_eval_end_to_end_on_sample_index(qa, tmp_path):
    wanted = {"fact-01", "paraphrase-01", "compare-01", "followup-01", "unanswerable-01"}
    subset = [q for q in load_set(SAMPLE_SET) if q["id"] in wanted]
    set_path = _write_set(tmp_path / "five.jsonl", subset)
    out = tmp_path / "out"
    run_eval(set_path, qa=qa, out_dir=out, k=10)
    for name in ("report.json", "report.md", "report.png"):
        assert (out / name).stat().st_size > 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(data["summary"]) == {"bm25", "dense", "hybrid", "full"}
    for cfg in ("hybrid", "full"):
        assert 0.0 <= data["summary"][cfg]["recall@10"] <= 1.0
        assert data["summary"][cfg]["latency_ms"]["p50"] > 0
    by_id = {q["id"]: q for q in data["questions"]}
    # the 盐田 99% passage is retrieved by hybrid search, and the pipeline answers with 99%
    assert by_id["fact-01"]["results"]["hybrid"]["recall@10"] == 1.0
    assert "99%" in by_id["fact-01"]["results"]["full"]["answer"]
    assert by_id["fact-01"]["results"]["full"]["ranking_from"] == "answer.hits"
    assert "## Failures" in (out / "report.md").read_text(encoding="utf-8")
