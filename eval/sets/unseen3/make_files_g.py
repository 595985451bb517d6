"""Generate the unseen3-g evaluation reports (eval/sets/unseen3/reports/g*.*).

Run from the repository root:  python eval/sets/unseen3/make_files_g.py
The texts live in g_texts.py next to this script; SOURCES_G.md says where each comes from and
which figures are real. Output is deterministic (the PDF carries a fixed creation date and the
DOCX fixed core-property dates).
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))  # the repository root, for eval.sets.report_forms

import g_texts as t

from eval.sets.report_forms import is_heading, text_lines, write_pdf, write_text

OUT = HERE / "reports"


def write_docx(name: str, text: str) -> None:
    import docx  # python-docx

    doc = docx.Document()
    lines = text_lines(text)
    doc.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        if is_heading(ln):
            doc.add_heading(ln, level=2)
        else:
            doc.add_paragraph(ln)
    fixed = datetime.datetime(2023, 3, 1, 9, 0, 0)
    doc.core_properties.title = lines[0]
    doc.core_properties.author = "阜城县司法局"
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed
    doc.save(str(OUT / name))
    _fix_zip_dates(OUT / name)


def _fix_zip_dates(path: Path) -> None:
    """Rewrite a DOCX (zip) with fixed member timestamps so the bytes are reproducible."""
    import io
    import zipfile

    with zipfile.ZipFile(path) as src:
        members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for fname, data in members:
            dst.writestr(zipfile.ZipInfo(fname, date_time=(2023, 3, 1, 9, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buf.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "g01_changji_2024.pdf", t.CHANGJI_2024)
    write_text(OUT / "g02_pingluo_2023.txt", t.PINGLUO_2023)
    write_text(OUT / "g03_jiading_2022.md", t.JIADING_2022)
    write_text(OUT / "g04_tianxin_2020.txt", t.TIANXIN_2020, "gbk")
    write_docx("g05_fucheng_2022.docx", t.FUCHENG_2022)


if __name__ == "__main__":
    main()
