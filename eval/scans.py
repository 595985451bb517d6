"""Scanned reports made by the tests: paragraphs rendered to page images with a CJK font
(Debian's fonts-wqy-microhei, installed by `make setup`), saved as PNG/TIFF or as an image-only
PDF, the way a stamped paper copy comes back from a scanner. Also the character error rate."""
from __future__ import annotations

import unicodedata
from pathlib import Path

FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
              "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
PAGE = (1240, 1754)            # A4 at 150 dpi
MARGIN = 110
FONT_PX = 30
LEADING = 1.6


def cjk_font() -> str | None:
    return next((p for p in FONT_PATHS if Path(p).exists()), None)


def _wrap(paragraph: str, font, width: int) -> list[str]:
    """Lines of a paragraph with a two-character first-line indent, broken by width."""
    lines, line = [], "\u3000\u3000"
    for ch in paragraph:
        if font.getlength(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line.strip() else lines


def render_pages(paragraphs: list[str], title: str = "") -> list:
    """PIL page images of a title (large, centred) and paragraphs."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font(), FONT_PX)
    big = ImageFont.truetype(cjk_font(), int(FONT_PX * 1.4))
    width = PAGE[0] - 2 * MARGIN
    pages, page, y = [], None, PAGE[1]
    items = ([(big, [title], True)] if title else []) + \
        [(font, _wrap(p, font, width), False) for p in paragraphs]
    for f, lines, centred in items:
        for line in lines:
            if y + FONT_PX * LEADING > PAGE[1] - MARGIN:
                page = Image.new("L", PAGE, 255)
                pages.append(page)
                y = MARGIN
            draw = ImageDraw.Draw(page)
            x = (PAGE[0] - f.getlength(line)) / 2 if centred else MARGIN
            draw.text((x, y), line, font=f, fill=0)
            y += int(f.size * LEADING)
        y += int(FONT_PX * 0.3)
    return pages


def write_scan_pdf(paragraphs: list[str], path: Path, title: str = "") -> Path:
    pages = [p.convert("RGB") for p in render_pages(paragraphs, title)]
    pages[0].save(path, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    return path


def write_scan_image(paragraphs: list[str], path: Path, title: str = "",
                     per_page: int | None = None) -> Path:
    """One image, or a multi-page TIFF; ``per_page`` paragraphs on each page when given."""
    if per_page:
        pages = [page for i in range(0, len(paragraphs), per_page)
                 for page in render_pages(paragraphs[i:i + per_page], title if i == 0 else "")]
    else:
        pages = render_pages(paragraphs, title)
    if path.suffix.lower() in (".tif", ".tiff"):
        pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_lzw")
    else:
        pages[0].save(path)
    return path


def _norm(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def char_error_rate(hypothesis: str, reference: str) -> float:
    """Levenshtein distance / reference length, after NFKC (，= ,) and without whitespace."""
    hyp, ref = _norm(hypothesis), _norm(reference)
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1] / max(1, len(ref))
