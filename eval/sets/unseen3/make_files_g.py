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

from eval.sets.report_forms import write_docx, write_pdf, write_text

OUT = HERE / "reports"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_pdf(OUT / "g01_changji_2024.pdf", t.CHANGJI_2024)
    write_text(OUT / "g02_pingluo_2023.txt", t.PINGLUO_2023)
    write_text(OUT / "g03_jiading_2022.md", t.JIADING_2022)
    write_text(OUT / "g04_tianxin_2020.txt", t.TIANXIN_2020, "gbk")
    write_docx(OUT / "g05_fucheng_2022.docx", t.FUCHENG_2022, "阜城县司法局",
               datetime.datetime(2023, 3, 1, 9, 0, 0))


if __name__ == "__main__":
    main()
