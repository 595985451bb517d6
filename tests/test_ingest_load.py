"""Loading: every supported format and encoding yields the same report; bad input fails clearly."""
from __future__ import annotations

import hashlib
import os

import pytest
from conftest import report_path
from ingest_variants import write_docx, write_encoded, write_html, write_pdf

from ingest import SUPPORTED_EXTENSIONS, load_file, process_file
from ingest.errors import (CorruptDocumentError, DecodeError, EmptyDocumentError,
                           EncryptedDocumentError, FileTooLargeError, LoadError,
                           UnreadableFileError, UnsupportedFormatError)

pytestmark = pytest.mark.unit
MB = 1024 * 1024
KEY = "调解成功率达99%"


@pytest.fixture(scope="module")
def yantian():
    """The 盐田 report as loaded from its original UTF-8 .txt, and its ingest result."""
    path = report_path("000")
    return path.read_text(encoding="utf-8"), process_file(path)


def test_sample_reports_load_with_hash(reports_dir):
    for path in sorted(reports_dir.iterdir()):
        text, file_hash = load_file(path, 20 * MB)
        assert file_hash == hashlib.sha256(path.read_bytes()).hexdigest()
        assert "法治" in text and "\x00" not in text
    text, _ = load_file(report_path("000"), 20 * MB)
    assert KEY in text


@pytest.mark.parametrize("name,writer", [
    ("gbk.txt", lambda raw, p: write_encoded(raw, p, "gbk")),
    ("gb18030.txt", lambda raw, p: write_encoded(raw, p, "gb18030")),
    ("bom.txt", lambda raw, p: write_encoded(raw, p, "utf-8-sig")),
    ("utf16.txt", lambda raw, p: write_encoded(raw, p, "utf-16")),          # LE with BOM
    ("utf16be.txt", lambda raw, p: write_encoded("\ufeff" + raw, p, "utf-16-be")),
    ("page.html", write_html),
    ("page_gbk.htm", lambda raw, p: write_html(raw, p, encoding="gbk")),
    ("report.docx", write_docx),
    ("report.pdf", write_pdf),
])
def test_other_formats_give_the_same_document(yantian, tmp_path, name, writer):
    raw, (doc0, chunks0, _) = yantian
    doc, chunks, facts = process_file(writer(raw, tmp_path / name))
    assert KEY in doc.text
    assert doc.doc_id == doc0.doc_id            # same cleaned text -> same document
    for key in ("title", "province", "city", "district", "year", "issuer", "publish_date",
                "kind"):
        assert getattr(doc, key) == getattr(doc0, key), key
    assert [c.id for c in chunks] == [c.id for c in chunks0]
    assert any("调解成功率" in f.metric and f.value == 99 for f in facts)


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
@pytest.mark.parametrize("writer,suffix", [(write_html, ".html"), (write_pdf, ".pdf"),
                                           (write_docx, ".docx")])
def test_every_sample_survives_html_pdf_docx(tmp_path, prefix, writer, suffix):
    src = report_path(prefix)
    doc0, _, _ = process_file(src)
    doc, _, _ = process_file(writer(src.read_text(encoding="utf-8"), tmp_path / f"r{suffix}"))
    assert doc.doc_id == doc0.doc_id
    assert (doc.title, doc.district, doc.year, doc.publish_date) == \
        (doc0.title, doc0.district, doc0.year, doc0.publish_date)


def test_html_leaves_no_markup_script_or_menus(yantian, tmp_path):
    raw, _ = yantian
    text, _ = load_file(write_html(raw, tmp_path / "p.html"), 20 * MB)
    for junk in ("<", "alert(1)", "tracker", "function", "机构设置", "网站地图", "ICP备"):
        assert junk not in text, junk
    assert KEY in text and "发布时间:2021-01-14" in text


def test_html_without_article_falls_back_to_block_text(tmp_path):
    page = ("<html><body><div>盐田区司法局2020年工作总结</div><div>今年来全区人民调解组织共受理矛盾纠纷"
            "案件1700余宗,调解成功率达99%。</div><script>alert(1)</script></body></html>")
    path = tmp_path / "bare.html"
    path.write_text(page, encoding="utf-8")
    text, _ = load_file(path, MB)
    assert KEY in text and "alert" not in text
    assert "工作总结\n" in text or text.splitlines()[0].endswith("工作总结")


def test_markdown_syntax_is_stripped(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 盐田区司法局2020年工作总结\n\n发布时间:2021-01-14\n\n今年来全区人民调解组织"
                    "共受理矛盾纠纷案件1700余宗,**调解成功率达99%**,见[附表](http://x/y)。\n",
                    encoding="utf-8")
    doc, _, _ = process_file(path)
    assert doc.title == "盐田区司法局2020年工作总结" and doc.publish_date == "2021-01-14"
    assert KEY in doc.text and "**" not in doc.text and "http" not in doc.text


def test_supported_extensions():
    assert set(SUPPORTED_EXTENSIONS) == {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc",
                                         ".wps", ".xlsx", ".xls", ".ofd", ".png", ".jpg",
                                         ".jpeg", ".tif", ".tiff"}


# --- bad input: a LoadError subclass naming the file and the reason -----------------------------
def _fails(path, error, words, max_bytes=20 * MB):
    with pytest.raises(error) as info:
        load_file(path, max_bytes)
    msg = str(info.value)
    assert path.name in msg, msg
    assert any(w in msg for w in words), msg
    return info.value


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t ")
    _fails(tmp_path / "empty.txt", EmptyDocumentError, ["empty"])
    _fails(tmp_path / "blank.txt", EmptyDocumentError, ["empty"])


def test_binary_renamed_txt(tmp_path):
    (tmp_path / "nul.txt").write_bytes(os.urandom(2000) + b"\x00" * 10)
    _fails(tmp_path / "nul.txt", DecodeError, ["binary"])
    (tmp_path / "noise.txt").write_bytes(bytes(b % 255 + 1 for b in os.urandom(5000)))
    _fails(tmp_path / "noise.txt", DecodeError, ["encoding", "non-text"])
    (tmp_path / "ctrl.txt").write_bytes(bytes(range(1, 32)) * 100)
    _fails(tmp_path / "ctrl.txt", DecodeError, ["non-text", "binary"])


def test_unknown_extension_missing_path_and_directory(tmp_path):
    (tmp_path / "r.pages").write_bytes(b"PK\x03\x04")
    err = _fails(tmp_path / "r.pages", UnsupportedFormatError, [".pages"])
    assert ".docx" in str(err)                      # says what would work
    _fails(tmp_path / "missing.txt", UnreadableFileError, ["not found"])
    (tmp_path / "dir.txt").mkdir()
    _fails(tmp_path / "dir.txt", UnreadableFileError, ["directory"])


def test_oversize(tmp_path, yantian):
    raw, _ = yantian
    path = write_encoded(raw * 10, tmp_path / "big.txt", "utf-8")
    _fails(path, FileTooLargeError, ["limit"], max_bytes=100_000)


def test_encrypted_pdf(tmp_path, yantian):
    from pypdf import PdfReader, PdfWriter

    raw, _ = yantian
    _fails(write_pdf(raw, tmp_path / "rl_enc.pdf", encrypt_with="secret"),
           EncryptedDocumentError, ["encrypted"])
    writer = PdfWriter(clone_from=PdfReader(write_pdf(raw, tmp_path / "plain.pdf")))
    writer.encrypt("pw", algorithm="RC4-128")
    writer.write(tmp_path / "pypdf_enc.pdf")
    _fails(tmp_path / "pypdf_enc.pdf", EncryptedDocumentError, ["encrypted"])


def test_corrupt_pdf_and_docx(tmp_path, yantian):
    raw, _ = yantian
    good = write_pdf(raw, tmp_path / "good.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(good[: len(good) // 3])
    (tmp_path / "fake.pdf").write_bytes(b"not a pdf " * 50)
    (tmp_path / "fake.docx").write_bytes(b"not a zip " * 50)
    _fails(tmp_path / "cut.pdf", LoadError, ["damaged", "no text"])
    _fails(tmp_path / "fake.pdf", CorruptDocumentError, ["damaged"])
    _fails(tmp_path / "fake.docx", CorruptDocumentError, ["damaged"])
    assert issubclass(CorruptDocumentError, LoadError)


def test_page_of_only_chrome_is_an_empty_document(tmp_path):
    path = tmp_path / "chrome.txt"
    path.write_text("首页\n>>政务公开>>政府建设\n分享到:\n扫一扫在手机上打开当前页\n", encoding="utf-8")
    with pytest.raises(EmptyDocumentError, match="chrome.txt"):
        process_file(path)
