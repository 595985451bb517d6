"""Ingest benchmarks for tables, scans and PDFs (small and bounded; figures in README
"Tables, scans and other formats").

    python -m eval.ingest_bench pdf            # text-PDF ingest speed: the 5 sample reports as PDFs
    python -m eval.ingest_bench ocr --paragraphs 24   # OCR of a rendered scan: CER, pages/min

``pdf`` writes each sample report as a text PDF (reportlab, no tables) and times ``process_file``
over them (best of 3). ``ocr`` renders the 盐田 report's title and first paragraphs to an
image-only PDF with a CJK font, ingests it and prints the character error rate against the
source text and the OCR throughput.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["pdf_speed", "ocr_scan"]

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def pdf_speed(repeats: int = 3) -> dict:
    sys.path.insert(0, str(REPORTS.parents[1] / "tests"))
    from ingest_variants import write_pdf

    from ingest import process_file

    with tempfile.TemporaryDirectory() as tmp:
        paths = [write_pdf(p.read_text(encoding="utf-8"), Path(tmp) / f"{p.stem}.pdf")
                 for p in sorted(REPORTS.iterdir())]
        process_file(paths[0])                     # jieba, gazetteer: one-time set-up
        best = min(_timed(lambda: [process_file(p) for p in paths]) for _ in range(repeats))
    return {"pdfs": len(paths), "seconds": round(best, 3), "docs_per_s": round(len(paths) / best, 2)}


def ocr_scan(paragraphs: int = 24) -> dict:
    from eval.scans import char_error_rate, write_scan_pdf
    from ingest import process_file
    from ingest.clean import split_page

    page = split_page((REPORTS / next(p.name for p in sorted(REPORTS.iterdir()))).read_text(
        encoding="utf-8"))
    paras = page.body.split("\n")[:paragraphs]
    with tempfile.TemporaryDirectory() as tmp:
        path = write_scan_pdf(paras, Path(tmp) / "scan.pdf", page.title)
        pages: list[int] = []
        start = time.perf_counter()
        doc, chunks, _ = process_file(path, progress=lambda done, total: pages.append(done))
        seconds = time.perf_counter() - start
    return {"pages": len(pages), "seconds": round(seconds, 1),
            "pages_per_min": round(len(pages) / seconds * 60, 2),
            "cer": round(char_error_rate(doc.text, "\n".join(paras)), 4),
            "chunks": len(chunks), "title_ok": doc.title == page.title}


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=["pdf", "ocr"])
    parser.add_argument("--paragraphs", type=int, default=24)
    args = parser.parse_args(argv)
    out = pdf_speed() if args.what == "pdf" else ocr_scan(args.paragraphs)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
