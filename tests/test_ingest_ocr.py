"""Scanned reports: OCR'd text matches the source (CER), keeps paragraphs and page numbers, gives
the same facts and answers as the text version; bad scans fail clearly and lose nothing."""
from __future__ import annotations

import pytest
from conftest import report_path
from ingest_variants import report_parts
from eval.scans import char_error_rate, cjk_font, write_scan_image, write_scan_pdf

from ingest import Settings, load_report, process_file
from ingest.errors import CorruptDocumentError, NoTextFoundError, TooManyPagesError

pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra is not installed: pip install "
                    "'reportqa[ocr]'")
needs_font = pytest.mark.skipif(cjk_font() is None, reason="no CJK font to render a scan with: "
                                "apt-get install fonts-wqy-microhei (make setup does)")
MB = 1024 * 1024
N_PARAGRAPHS = 8      # the 盐田 report's title and first paragraphs: one scanned page


@pytest.fixture(scope="module")
def yantian_parts():
    title, _, paras = report_parts(report_path("000").read_text(encoding="utf-8"))
    return title, paras[:N_PARAGRAPHS]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory, yantian_parts):
    """(scan PDF path, its ingest result, progress calls), OCR'd once for the module."""
    title, paras = yantian_parts
    path = write_scan_pdf(paras, tmp_path_factory.mktemp("scan") / "yantian_scan.pdf", title)
    calls = []
    return path, process_file(path, progress=lambda done, total: calls.append((done, total))), \
        calls


@pytest.fixture(scope="module")
def text_version(tmp_path_factory, yantian_parts):
    title, paras = yantian_parts
    path = tmp_path_factory.mktemp("text") / "yantian_text.txt"
    path.write_text("\n".join([title, *paras]), encoding="utf-8")
    return path, process_file(path)


@needs_font
@pytest.mark.unit
def test_scanned_pdf_text_matches_the_source(scanned, yantian_parts):
    title, paras = yantian_parts
    _, (doc, chunks, _), calls = scanned
    assert char_error_rate(doc.text, "\n".join(paras)) <= 0.02
    assert (doc.title, doc.region, doc.year) == (title, "盐田区", 2020)
    # paragraphs kept: each source paragraph is one line of the document (OCR aside)
    assert len(doc.text.split("\n")) == len(paras)
    assert all(c.meta.get("ocr") is True and c.meta.get("page") == 1 for c in chunks)
    assert calls == [(1, 1)]


@needs_font
@pytest.mark.unit
def test_scan_gives_the_same_facts_as_the_text(scanned, text_version):
    _, (_, _, scan_facts), _ = scanned
    _, (_, _, text_facts) = text_version
    key = lambda facts: {(f.metric, f.value, f.unit, f.year) for f in facts}  # noqa: E731
    assert key(text_facts) and key(scan_facts) == key(text_facts)
    assert ("干部学法考试参考率", 100, "%", 2020) in key(scan_facts)


@needs_font
@pytest.mark.unit
def test_multipage_tiff_reads_in_page_order_with_progress(tmp_path, yantian_parts):
    paras = ["2020年，全区共办理法律援助案件700余件。", "人民调解成功率达99%。",
             "全年开展普法活动120场。"]
    path = write_scan_image(paras, tmp_path / "scan.tiff", per_page=1)
    calls = []
    loaded = load_report(path, 20 * MB, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 3), (2, 3), (3, 3)] and loaded.ocr_pages == [1, 2, 3]
    assert [p for _, p in loaded.paragraph_pages] == [1, 2, 3]
    assert char_error_rate(loaded.text, "".join(paras)) <= 0.02


@pytest.mark.unit
def test_blank_corrupt_and_oversized_scans_fail_clearly(tmp_path):
    from PIL import Image

    Image.new("L", (800, 600), 255).save(tmp_path / "blank.png")
    with pytest.raises(NoTextFoundError, match="blank.png.*no text"):
        load_report(tmp_path / "blank.png", 20 * MB)
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    with pytest.raises(CorruptDocumentError, match="broken.jpg.*damaged"):
        load_report(tmp_path / "broken.jpg", 20 * MB)
    # a 301-page scan is refused before any page is OCR'd (limit 300 by default)
    pages = [Image.new("RGB", (60, 80), (255, 255, 255)) for _ in range(301)]
    pages[0].save(tmp_path / "huge.pdf", "PDF", save_all=True, append_images=pages[1:])
    with pytest.raises(TooManyPagesError, match="301 scanned pages.*REPORTQA_MAX_OCR_PAGES"):
        process_file(tmp_path / "huge.pdf", Settings())
    three = [Image.new("L", (60, 80), 255) for _ in range(3)]
    three[0].save(tmp_path / "three.tif", save_all=True, append_images=three[1:])
    with pytest.raises(TooManyPagesError, match="3 pages"):
        process_file(tmp_path / "three.tif", Settings(max_ocr_pages=2))


@needs_font
@pytest.mark.integration
def test_scan_answers_like_the_text_version(scanned, text_version, tmp_path, encoder):
    """Both versions in one index would be duplicates of each other only if OCR were perfect;
    each gets its own index and the same questions."""
    from app import ReportQA
    from index import build_index

    answers = []
    for name, (path, _) in (("scan", scanned[:2]), ("text", text_version)):
        bad = tmp_path / f"{name}_broken.png"
        bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        report = build_index([path, bad], tmp_path / name, encoder=encoder, progress=False)
        assert [f["source"] for f in report.failed] == [str(bad)]    # nothing else lost
        qa = ReportQA.load(tmp_path / name)
        answers.append([qa.ask(q) for q in ("盐田区2020年干部学法考试参考率是多少？",
                                            "盐田区2020年干部任前法治审查了多少人次？")])
    for scan, text in zip(*answers):
        assert scan.found and text.found
        assert ("100%" in scan.answer) == ("100%" in text.answer)
        assert ("254" in scan.answer) == ("254" in text.answer)
    assert "100%" in answers[0][0].answer and "254" in answers[0][1].answer
