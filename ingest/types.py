"""The three records every stage shares: a report, its chunks, and the figures found in it."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Document", "Chunk", "Fact", "content_hash"]

TITLE_CONTEXT_CHARS = 40


def content_hash(*parts: str, length: int = 16) -> str:
    """Stable id from content: same text in, same id out (sha256, hex, truncated)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass
class Document:
    """One report after loading and cleaning. ``doc_id`` is the hash of the cleaned text, so the
    same report saved as GBK, HTML or under another name is one document."""

    doc_id: str
    text: str                      # cleaned main text, paragraphs separated by "\n"
    source: str                    # path as given to ingest (or the uploaded file's stored path)
    file_hash: str                 # sha256 of the raw file bytes (incremental ingest)
    title: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    year: int | None = None        # the year the report covers, not the publish year
    issuer: str = ""               # 区司法局 / 区人民政府 / 区委 ...
    publish_date: str = ""         # ISO yyyy-mm-dd, "" when unknown
    kind: str = ""                 # 年度报告 / 工作总结 / 实施意见 / 工作方案 ...
    # every year the report states figures for: its own year and each year a table column covers
    years_covered: list[int] = field(default_factory=list)

    @property
    def region(self) -> str:
        """The most specific region name: district, else city, else province."""
        return self.district or self.city or self.province

    def meta(self) -> dict[str, Any]:
        """Metadata without the text, as stored in the docstore and shown by `reportqa docs`."""
        d = asdict(self)
        d.pop("text")
        d["region"] = self.region
        return d


@dataclass
class Chunk:
    """A passage of a report. ``id`` hashes the document id, heading path and text: the same file
    always yields the same chunk ids. The same dataclass is a FAISS row, a BM25 row and an eval
    label."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    # meta keys: doc_id, title, source, province, city, district, region, year, issuer, kind,
    # publish_date, section (heading path "一、… > （五）…"), position (0-based order in the doc)

    @classmethod
    def create(cls, text: str, meta: dict[str, Any]) -> "Chunk":
        return cls(id=content_hash(meta.get("doc_id", ""), meta.get("section", ""), text),
                   text=text, meta=dict(meta))

    @property
    def doc_id(self) -> str:
        return self.meta.get("doc_id", "")

    @property
    def section(self) -> str:
        return self.meta.get("section", "")

    @property
    def context_text(self) -> str:
        """What the encoder and BM25 see: title and heading path give a passage its context
        (which district, which topic) that the sentences alone often lack."""
        # Titles such as 宝安's 150-character "中共深圳市宝安区委关于印发…的通知" name the district
        # early; the cap keeps that and stops the title from dominating every short passage.
        title = self.meta.get("title", "")[:TITLE_CONTEXT_CHARS]
        head = " ".join(p for p in (title, self.section) if p)
        return f"{head}\n{self.text}" if head else self.text

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "meta": dict(self.meta)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Chunk":
        return cls(id=d["id"], text=d["text"], meta=dict(d.get("meta", {})))


@dataclass
class Fact:
    """A quantitative statement: (人民调解成功率, 99, %, 盐田区, 2020) and the sentence it is in."""

    metric: str          # normalised name, e.g. 人民调解成功率, 调解纠纷, 法律援助案件
    value: float
    unit: str            # %, 件, 宗, 人次, 万元 ...
    region: str
    year: int | None
    doc_id: str
    chunk_id: str
    sentence: str
    value_text: str = ""  # as written, e.g. "1700余宗", "99%"
    source_kind: str = "text"   # "text" (a sentence), "table" or "sheet" (a cell)
    row: str = ""               # a cell's row label, e.g. "法律援助案件（宗）"
    column: str = ""            # a cell's column header, e.g. "2021年"
    page: int | None = None     # 1-based page of a PDF, when known

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
