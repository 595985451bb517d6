"""OCR of scanned reports: images (.png .jpg .jpeg .tif .tiff, multi-page TIFF included) and PDF
pages without a usable text layer, with RapidOCR (PP-OCRv4 detection + recognition, ONNX; the
models ship inside the ``rapidocr-onnxruntime`` wheel, nothing is downloaded).

Reading order and paragraphs: the detected text boxes are grouped into lines by their vertical
centre (a box whose centre lies within half a line height of a line's centre is on that line),
a line's boxes are read left to right, and the lines go to the same paragraph rebuilder as PDF
text (load._pdf_paragraphs: a wider gap, an indented first line or a short line above start a
new paragraph). One page at a time, so a long scan needs the memory of one page; each page is
logged and reported to ``progress(done, total)``; more than ``max_pages`` pages is refused
before any OCR (REPORTQA_MAX_OCR_PAGES).
"""
from __future__ import annotations

import io
import logging
import statistics
import threading
from collections.abc import Callable
from pathlib import Path

from ingest.errors import (CorruptDocumentError, FileTooLargeError, MissingToolError,
                           NoTextFoundError, TooManyPagesError)

__all__ = ["image_report", "ocr_pdf_pages", "ocr_lines"]

log = logging.getLogger(__name__)

PDF_DPI = 200                  # rendering resolution of a scanned PDF page
_MIN_SCORE = 0.5               # recognition confidence below which a box is noise
_engine_lock = threading.Lock()
_engine = None


def _ocr_engine():
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:
                raise MissingToolError("OCR", "reading scans needs the OCR extra: pip install "
                                       "'reportqa[ocr]' (rapidocr-onnxruntime)") from exc
            # No text-angle classifier: report scans are upright pages, and the classifier
            # turns some upright lines (e.g. with curly quotes) upside down, losing them.
            _engine = RapidOCR(use_cls=False)
        return _engine


def ocr_lines(image) -> list[list]:
    """Lines of a page image (PIL) as [y, x, size, text], y growing upwards like PDF space."""
    import numpy as np

    result, _ = _ocr_engine()(np.asarray(image.convert("RGB")))
    boxes = []
    for box, text, score in result or []:
        if float(score) < _MIN_SCORE or not text.strip():
            continue
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        boxes.append((min(ys), max(ys), min(xs), text.strip()))
    return _as_lines(_group_lines(boxes), image.height)


def _group_lines(boxes: list[tuple[float, float, float, str]]) -> list[list[tuple]]:
    lines: list[list[tuple]] = []
    for box in sorted(boxes, key=lambda b: (b[0] + b[1]) / 2):
        centre, height = (box[0] + box[1]) / 2, box[1] - box[0]
        if lines:
            last = lines[-1]
            mid = statistics.fmean((b[0] + b[1]) / 2 for b in last)
            if abs(centre - mid) <= height / 2:
                last.append(box)
                continue
        lines.append([box])
    return [sorted(line, key=lambda b: b[2]) for line in lines]


def _as_lines(lines: list[list[tuple]], page_height: int) -> list[list]:
    """[y, x, size, text]; size is the page's usual line height unless a line is clearly
    taller (a title), so that body lines of one page share one 'font size'."""
    if not lines:
        return []
    heights = [statistics.fmean(b[1] - b[0] for b in line) for line in lines]
    usual = statistics.median(heights)
    out = []
    for line, h in zip(lines, heights):
        size = usual if h < 1.3 * usual else round(h)
        top = min(b[0] for b in line)
        out.append([float(page_height - top), float(line[0][2]), float(size),
                    "".join(b[3] for b in line)])
    return out


# --- images -------------------------------------------------------------------------------------
def image_report(data: bytes, path: Path, max_pages: int, progress: Callable | None = None):
    """An image file (one page, or a multi-page TIFF) read by OCR."""
    from ingest.load import Loaded, _pdf_paragraphs

    frames = _open_frames(data, path)
    if len(frames) > max_pages:
        raise TooManyPagesError(path.name, f"{len(frames)} pages to OCR, over the limit of "
                                f"{max_pages} (REPORTQA_MAX_OCR_PAGES); split the scan or "
                                "raise the limit")
    pages = []
    for i, frame in enumerate(frames):
        pages.append(_page(frame, i, len(frames), path, progress))
    paras = _pdf_paragraphs(pages)
    if not paras:
        raise NoTextFoundError(path.name, "OCR found no text in this image (a photo or a blank "
                               "page?); scan the report's text pages")
    return Loaded("\n".join(t for t, _ in paras), "", [], paras,
                  [i + 1 for i in range(len(frames))])


def _open_frames(data: bytes, path: Path) -> list:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = [f.copy() for f in ImageSequence.Iterator(image)]
        for f in frames:
            f.load()
    except Image.DecompressionBombError as exc:
        raise FileTooLargeError(path.name, f"the image is too large to OCR ({exc}); scan at "
                                "300 dpi or less") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise CorruptDocumentError(path.name, f"the image is damaged or not an image "
                                   f"({type(exc).__name__}: {str(exc)[:100]})") from exc
    if not frames or min(frames[0].size) < 16:
        raise NoTextFoundError(path.name, "the image is empty or too small to hold text")
    return frames


def _page(image, index: int, total: int, path: Path, progress: Callable | None) -> list[list]:
    lines = ocr_lines(image)
    log.info("%s: OCR page %d/%d, %d lines", path.name, index + 1, total, len(lines))
    if progress is not None:
        progress(index + 1, total)
    return lines


# --- PDF pages ------------------------------------------------------------------------------------
def ocr_pdf_pages(data: bytes, path: Path, indices: list[int], max_pages: int,
                  progress: Callable | None = None) -> dict[int, list[list]]:
    """OCR'd lines of the given (0-based) PDF pages, rendered one at a time at PDF_DPI."""
    if len(indices) > max_pages:
        raise TooManyPagesError(path.name, f"{len(indices)} scanned pages to OCR, over the "
                                f"limit of {max_pages} (REPORTQA_MAX_OCR_PAGES); split the "
                                "PDF or raise the limit")
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(path.name, f"the PDF cannot be rendered for OCR ({exc})") \
            from exc
    out: dict[int, list[list]] = {}
    try:
        for n, i in enumerate(indices):
            image = pdf[i].render(scale=PDF_DPI / 72).to_pil()
            out[i] = _page(image, n, len(indices), path, progress)
    finally:
        pdf.close()
    return out
