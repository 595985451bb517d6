"""The other formats government sites publish: .doc/.wps (LibreOffice), .xls/.xlsx, .ofd - each
ingested with its text, tables and metadata; a missing tool is named in the error."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from eval.table_reports import FUTIAN, NANSHAN, write_docx, write_xlsx

from ingest import load_report, process_file
from ingest.errors import CorruptDocumentError, MissingToolError

pytestmark = pytest.mark.unit
MB = 1024 * 1024
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed: "
                                   "apt-get install libreoffice-writer-nogui "
                                   "libreoffice-calc-nogui (make setup does)")


def _convert(src: Path, fmt: str, out: Path) -> Path:
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{out}/profile", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(src)],
                   capture_output=True, timeout=180, check=True)
    return out / f"{src.stem}.{fmt}"


def _cells(facts):
    return {(f.metric, f.value, f.unit, f.year) for f in facts if f.source_kind != "text"}


@needs_soffice
def test_word97_doc_and_wps_keep_text_and_tables(tmp_path):
    """A .doc saved by LibreOffice from the 福田 report; the same bytes as .wps (WPS Writer's
    files are the same OLE compound format, which LibreOffice reads by content)."""
    doc_path = _convert(write_docx(FUTIAN, tmp_path / "futian.docx"), "doc", tmp_path)
    wps_path = tmp_path / "futian.wps"
    wps_path.write_bytes(doc_path.read_bytes())
    for path in (doc_path, wps_path):
        doc, chunks, facts = process_file(path)
        assert (doc.title, doc.region, doc.year) == (FUTIAN.title, "福田区", 2021)
        assert FUTIAN.paragraphs[0] in doc.text
        assert ("法律援助案件", 1103, "宗", 2021) in _cells(facts)
        assert ("法律援助案件同比增长", 10.3, "%", 2021) in _cells(facts)


@needs_soffice
def test_xls_sheets_are_tables(tmp_path):
    xls = _convert(write_xlsx(NANSHAN, tmp_path / "nanshan.xlsx"), "xls", tmp_path)
    doc, _, facts = process_file(xls)
    assert (doc.region, doc.year) == ("南山区", 2021)
    assert ("律师事务所", 126, "家", 2020) in _cells(facts)
    assert ("普法宣传活动增减", 46, "场", 2021) in _cells(facts)


def test_doc_without_any_reader_names_the_tools(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(MissingToolError, match="old.doc.*LibreOffice.*libreoffice-writer-nogui"):
        load_report(tmp_path / "old.doc", MB)


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed: "
                    "apt-get install antiword")
@needs_soffice
def test_doc_falls_back_to_antiword_without_libreoffice(tmp_path, monkeypatch):
    doc_path = _convert(write_docx(FUTIAN, tmp_path / "futian.docx"), "doc", tmp_path)
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name in ("soffice", "libreoffice")
                        else real(name))
    text = load_report(doc_path, MB).text
    assert FUTIAN.paragraphs[0] in text.replace("\n", "")


def test_damaged_spreadsheet_and_ofd_are_corrupt(tmp_path):
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(CorruptDocumentError, match="bad.xlsx"):
        load_report(tmp_path / "bad.xlsx", MB)
    (tmp_path / "bad.ofd").write_bytes(b"%PDF-1.4 renamed")
    with pytest.raises(CorruptDocumentError, match="bad.ofd.*OFD"):
        load_report(tmp_path / "bad.ofd", MB)


# --- OFD --------------------------------------------------------------------------------------
_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _text_objects(lines: list[str], top: float) -> str:
    """One TextObject per line, written out of order (last line first) and with each line split
    in two objects, as OFD producers do; the reader must restore the order."""
    objs = []
    for i, line in reversed(list(enumerate(lines))):
        y = top + i * 6
        half = len(line) // 2
        for n, (x, part) in enumerate(((20, line[:half]), (20 + half * 3.5, line[half:]))):
            objs.append(f'<ofd:TextObject ID="{i}{n}" Boundary="{x} {y} 170 5" Font="1" '
                        f'Size="3.5"><ofd:TextCode X="0" Y="3.5">{part}</ofd:TextCode>'
                        f'</ofd:TextObject>')
    return "".join(objs)


def write_ofd(pages: list[list[str]], path: Path) -> Path:
    """A minimal OFD (GB/T 33190): OFD.xml -> Doc_0/Document.xml -> one Content.xml per page."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("OFD.xml", f'<ofd:OFD {_NS} Version="1.0"><ofd:DocBody><ofd:DocRoot>'
                              'Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        refs = "".join(f'<ofd:Page ID="{i}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                       for i in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f"<ofd:Document {_NS}><ofd:Pages>{refs}</ofd:Pages>"
                                         "</ofd:Document>")
        for i, lines in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                       f"<ofd:Page {_NS}><ofd:Content><ofd:Layer ID='L'>"
                       f"{_text_objects(lines, 30)}</ofd:Layer></ofd:Content></ofd:Page>")
    return path


def test_ofd_text_in_reading_order_with_pages(tmp_path):
    title = "深圳市南山区司法局2021年法治政府建设情况报告"
    p1 = [title, "2021年，南山区司法局认真贯彻落实上级关于法治政府建设的部署要求，全年办理法律援助案件865件。"]
    p2 = ["全区人民调解组织共调解纠纷7310件，调解成功率达98.5%，未发生民转刑案件。"]
    path = write_ofd([p1, p2], tmp_path / "ns.ofd")
    assert load_report(path, MB).paragraph_pages == [(p1[0], 1), (p1[1], 1), (p2[0], 2)]
    doc, chunks, facts = process_file(path)
    assert (doc.title, doc.region, doc.year) == (title, "南山区", 2021)
    assert p1[1] in doc.text and p2[0] in doc.text
    assert doc.text.index(p1[1]) < doc.text.index(p2[0])
    assert ("办理法律援助案件", 865, "件") in {(f.metric, f.value, f.unit) for f in facts}
    assert [c.meta["page"] for c in chunks] == [1]     # the page the passage starts on
