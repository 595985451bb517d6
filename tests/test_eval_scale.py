"""eval.scale: store-level scale figures, run tiny (300 passages) on each backend."""
from __future__ import annotations

import pytest

from eval.scale import format_scale, run_backend, synth_chunks

pytestmark = pytest.mark.integration


def test_synthetic_passages_spread_over_regions_and_years():
    chunks = synth_chunks(200, seed=1)
    assert len({c.id for c in chunks}) == 200
    assert len({c.meta["district"] for c in chunks}) > 20
    assert {c.meta["year"] for c in chunks} == set(range(2018, 2023))
    assert all("年" in c.text and "%" in c.text for c in chunks)


@pytest.mark.parametrize("backend", ["flat", "hnsw", "milvus"])
def test_backend_figures_are_measured(backend, tmp_path):
    if backend == "milvus":
        pytest.importorskip("pymilvus")
    row = run_backend(backend, 300, tmp_path / backend, n_queries=5)
    assert row["n"] == 300 and row["build_s"] >= 0 and row["disk_mb"] > 0
    assert row["search_ms"]["p50"] > 0 and row["filtered_search_ms"]["p95"] > 0
    assert row["dense_recall@10"] >= (1.0 if backend in ("flat", "milvus") else 0.9)
    assert f"| {backend} | 300 |" in format_scale([row])
