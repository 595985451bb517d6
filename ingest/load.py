"""Turn a report file into plain text, tables and page numbers: .txt .md .html/.htm .pdf .docx,
.doc/.wps, .xlsx/.xls, .ofd, and scans (.png .jpg .jpeg .tif .tiff, image-only PDF pages) by OCR.

Text encodings are detected from the bytes (BOM, strict UTF-8, then charset-normalizer), never
from the extension, so a GBK report saved as .txt loads the same as its UTF-8 original. Data
tables are taken out of the running text and returned as ``Table``s (see tables.py). Every
failure is a ``LoadError`` subclass naming the file and saying what to do.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.archives import INFLATE_FACTOR, check_zip
from ingest.clean import is_metadata_line, normalize_whitespace
from ingest.errors import (CorruptDocumentError, DecodeError, EmptyDocumentError,
                           EncryptedDocumentError, FileTooLargeError, LoadError,
                           UnreadableFileError, UnsupportedFormatError)
from ingest.tables import (Table, from_grid, is_caption, markdown_tables, rows_from_docx,
                           rows_from_html)

__all__ = ["load_file", "load_report", "decode_bytes", "Loaded", "SUPPORTED_EXTENSIONS",
           "IMAGE_EXTENSIONS"]

log = logging.getLogger(__name__)

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
# The one list of file types ingest reads (uploads and directory scans use it).
SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc", ".wps",
                        ".xlsx", ".xls", ".ofd") + IMAGE_EXTENSIONS

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# GB2312/GBK guesses are decoded as GB18030, their superset: a rare character outside GB2312
# must not turn the whole file into a decode error.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}
_MIN_TEXT_RATIO = 0.9          # share of printable characters a text file must have

Progress = Callable[[int, int], None]   # (pages done, pages in all), for OCR


@dataclass
class Loaded:
    """A loaded file: running text, its data tables, and for paged formats the page each
    paragraph starts on (1-based) and the pages that were read by OCR."""

    text: str
    file_hash: str
    tables: list[Table] = field(default_factory=list)
    paragraph_pages: list[tuple[str, int]] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)


def load_file(path: Path | str, max_bytes: int) -> tuple[str, str]:
    """Return (text, sha256 of the file bytes). Raises a LoadError subclass on bad input."""
    loaded = load_report(path, max_bytes)
    return loaded.text, loaded.file_hash


def load_report(path: Path | str, max_bytes: int, max_ocr_pages: int = 300,
                progress: Progress | None = None) -> Loaded:
    """Text, tables and pages of one file. Raises a LoadError subclass on bad input."""
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    if data[:2] == b"PK":  # any zip-based format (DOCX, XLSX, OFD): bounded before it inflates
        check_zip(data, path.name, INFLATE_FACTOR * max_bytes)
    loaded = _read(data, path, max_ocr_pages, progress)
    loaded.text = loaded.text.replace("\r\n", "\n").replace("\r", "\n")
    loaded.file_hash = hashlib.sha256(data).hexdigest()
    if not loaded.text.strip() and not loaded.tables:
        raise EmptyDocumentError(path.name, "no text could be extracted from this file "
                                 "(an empty document?)")
    return loaded


def _read(data: bytes, path: Path, max_ocr_pages: int, progress: Progress | None) -> Loaded:
    ext = path.suffix.lower()
    if ext == ".txt":
        return Loaded(decode_bytes(data, path), "")
    if ext == ".md":
        text, tables = markdown_tables(decode_bytes(data, path))
        return Loaded(_strip_markdown(text), "", tables)
    if ext in (".html", ".htm"):
        return _html_report(decode_bytes(data, path), path)
    if ext == ".pdf":
        return _pdf_report(data, path, max_ocr_pages, progress)
    if ext == ".docx":
        return _docx_report(data, path)
    if ext in IMAGE_EXTENSIONS:
        from ingest.ocr import image_report
        return image_report(data, path, max_ocr_pages, progress)
    from ingest.office import office_report
    return office_report(data, path)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise UnreadableFileError(path.name, f"file not found: {path}")
    if path.is_dir():
        raise UnreadableFileError(path.name, "is a directory, not a file; pass the files "
                                  "inside it")
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise UnsupportedFormatError(path.name, f"unsupported file type {ext or '(none)'!r}; "
                                     f"supported: {' '.join(SUPPORTED_EXTENSIONS)}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(path.name, f"file is {size / 2**20:.1f} MB, over the "
                                    f"{max_bytes / 2**20:.1f} MB limit (REPORTQA_MAX_FILE_MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(path.name, f"cannot read the file: {exc.strerror or exc}") \
            from exc
    if not data.strip():
        raise EmptyDocumentError(path.name, "the file is empty")
    return data


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> str:
    """Bytes -> str by BOM, then strict UTF-8, then charset-normalizer's best guess."""
    name = Path(path).name
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        raise DecodeError(name, "contains NUL bytes: this is a binary file, not text "
                          "(renamed? save the report as .txt/.pdf/.docx)")
    if encoding is None:
        try:
            return _check_text(data.decode("utf-8"), name)
        except UnicodeDecodeError:
            encoding = _detect(data, name)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(name, f"cannot decode the text as {encoding}: {exc}") from exc
    return _check_text(text.lstrip("\ufeff"), name)


def _detect(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError(name, "the text encoding could not be recognised (not UTF-8, GBK, "
                          "GB18030 or UTF-16); re-save the file as UTF-8")
    enc = best.encoding.lower().replace("-", "").replace("_", "")
    if enc in _GB_FAMILY or enc.startswith("gb"):
        return "gb18030"
    if _looks_gb(data) and enc in {"big5", "cp949", "euckr", "shiftjis", "cp932", "eucjp"}:
        # charset-normalizer sometimes labels short GBK Chinese as another CJK code page;
        # a clean GB18030 decode with mostly common Han characters is the better reading.
        return "gb18030"
    log.debug("%s: detected encoding %s", name, best.encoding)
    return best.encoding


def _looks_gb(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han > 0.3 * len(text)


def _check_text(text: str, name: str) -> str:
    """Reject decoded 'text' that is mostly control characters or replacement marks."""
    sample = text[:20000]
    if not sample.strip():
        raise EmptyDocumentError(name, "the file contains only whitespace")
    good = sum(1 for ch in sample if _plausible(ch))
    if good < _MIN_TEXT_RATIO * len(sample):
        raise DecodeError(name, "mostly non-text characters: this looks like a binary file, "
                          "not a text report")
    return text


def _plausible(ch: str) -> bool:
    """A character a report's text is made of: ASCII, Han, CJK/fullwidth punctuation, general
    punctuation, Latin letters. Bytes decoded with a wrong single-byte code page are not."""
    o = ord(ch)
    return (32 <= o < 127 or ch in "\n\r\t\f" or 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF
            or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F
            or 0x2E80 <= o <= 0x2FDF or 0x20000 <= o <= 0x3134F
            or (0xC0 <= o <= 0x24F and unicodedata.category(ch).startswith("L"))
            or ch in "\u00a0·×÷°±§№™®©─━│┃▪■□●○◆◇★☆※〈〉")


# --- markdown -------------------------------------------------------------------------------
_MD_RULES = (
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),            # heading markers
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),            # links -> their text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                 # bold
    (re.compile(r"^\s{0,3}(?:>\s?)+", re.M), ""),              # block quotes
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M), ""),          # rules
)


def _strip_markdown(text: str) -> str:
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text


# --- HTML -----------------------------------------------------------------------------------
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
               "article", "table", "ul", "ol", "blockquote", "pre", "dd", "dt")
_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form",
              "iframe", "svg", "template", "button", "select")


def _html_report(html: str, path: Path) -> Loaded:
    html, tables = _html_tables(html)
    return Loaded(_html_text(html, path), "", tables)


def _html_tables(html: str) -> tuple[str, list[Table]]:
    """Data tables of a page (innermost <table>s that state figures) and the page without them;
    layout tables and metadata boxes stay in the page. The page is re-serialised only when it
    has a data table."""
    if "<table" not in html.lower():
        return html, []
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    tables: list[Table] = []
    for tag in soup.find_all("table"):
        if tag.find("table") is not None:
            continue
        table = from_grid(rows_from_html(tag), caption=_html_caption(tag))
        if table is not None:
            tables.append(table)
            tag.decompose()
    return (str(soup) if tables else html), tables


def _html_caption(tag) -> str:
    """<caption>, else the text right above the table when it reads like a caption."""
    cap = tag.find("caption")
    if cap is not None and cap.get_text(strip=True):
        return cap.get_text(" ", strip=True)
    for text in tag.find_all_previous(string=True, limit=8):
        line = text.strip()
        if line and text.parent.name not in ("script", "style", "title"):
            return line if is_caption(line) else ""
    return ""


def _html_text(html: str, path: Path) -> str:
    """Main text via trafilatura (drops menus, footers, scripts); the page title goes first
    because scraped reports carry their title in <title>/<h1>, which the body may omit."""
    import trafilatura

    text = ""
    try:
        text = trafilatura.extract(html, include_tables=True, include_comments=False,
                                   favor_recall=True, deduplicate=False) or ""
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        log.warning("%s: trafilatura failed (%s); using the plain-text fallback", path.name, exc)
    soup_text, title = _soup_text(html)
    if len(text) < 0.3 * len(soup_text):
        text = soup_text   # trafilatura kept too little (e.g. a page of bare <p> without <body>)
    # Metadata rows ('发布时间:2021-01-14', '索引号: | … |') are page furniture to trafilatura
    # but the only source of a report's date: keep the ones the page shows, above the text.
    kept = set(normalize_whitespace(text).split("\n"))
    meta = [ln for ln in normalize_whitespace(soup_text).split("\n")
            if is_metadata_line(ln) and ln not in kept][:20]
    head = [title] if title and title not in text[:500] else []
    return "\n".join(head + meta + [text])


def _soup_text(html: str) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = ""
    for tag in (soup.find("h1"), soup.find("title")):
        if tag and tag.get_text(strip=True):
            title = tag.get_text(" ", strip=True)
            break
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    return body.get_text(""), _page_title(title)


def _page_title(title: str) -> str:
    """'盐田区司法局2020年…报告_深圳盐田政府在线' -> the longest part (the site name is shorter)."""
    parts = [p.strip() for p in re.split(r"\s*(?:[_|｜]|\s-\s|——)\s*", title) if p.strip()]
    return max(parts, key=len) if parts else ""


# --- PDF ------------------------------------------------------------------------------------
def _pdf_report(data: bytes, path: Path, max_ocr_pages: int, progress: Progress | None
                ) -> Loaded:
    """Running text by pypdf (fast); tables by pdfplumber, only on pages whose lines look like
    table rows; pages without a text layer by OCR."""
    reader = _pdf_reader(data, path)
    try:
        pages = [_pdf_page_lines(page) for page in reader.pages]
    except (ValueError, KeyError, TypeError, AttributeError, OSError, NotImplementedError) as exc:
        raise CorruptDocumentError(path.name, f"the PDF is damaged ({type(exc).__name__}: "
                                   f"{str(exc)[:120]})") from exc
    lines = [pg.lines for pg in pages]
    tables = _pdf_tables(data, path, pages, lines)
    ocr_pages: list[int] = []
    scanned = [i for i, pg in enumerate(pages) if _needs_ocr(pg, reader.pages[i])]
    if scanned:
        from ingest.ocr import ocr_pdf_pages
        for i, page_lines in ocr_pdf_pages(data, path, scanned, max_ocr_pages, progress).items():
            lines[i] = page_lines
            ocr_pages.append(i + 1)
    paras = _pdf_paragraphs(_drop_running_lines(lines))
    return Loaded("\n".join(t for t, _ in paras), "", tables, paras, ocr_pages)


def _pdf_reader(data: bytes, path: Path):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedDocumentError(path.name, "the PDF is encrypted (password protected); "
                                         "save an unprotected copy and ingest that")
        len(reader.pages)
        return reader
    except LoadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError,
            NotImplementedError) as exc:
        msg = str(exc)
        if "crypt" in msg.lower() or "password" in msg.lower():
            raise EncryptedDocumentError(path.name, "the PDF is encrypted and cannot be read "
                                         "without its password") from exc
        raise CorruptDocumentError(path.name, f"the PDF is damaged or not a PDF "
                                   f"({type(exc).__name__}: {msg[:120]})") from exc


def _needs_ocr(page: "_PdfPage", pdf_page) -> bool:
    """A page with an image and no usable text layer: no text, or text that is mostly not
    characters a report is written in (a broken font encoding, a scanner's junk layer)."""
    text = "".join(ln[3] for ln in page.lines)
    usable = sum(1 for ch in text if _plausible(ch) and not ch.isspace())
    if len(text.strip()) >= 20 and usable >= 0.5 * len(text.replace(" ", "")):
        return False
    try:
        return len(pdf_page.images) > 0
    except Exception:  # pypdf cannot list this page's images: treat it as not scanned
        return False


@dataclass
class _PdfPage:
    lines: list[list]          # [y, x, font size, text], top to bottom
    table_rows: int            # baselines with several separately placed pieces, one a figure


_FIGURE_PIECE = re.compile(r"^[+\-−]?\d[\d,]*(?:\.\d+)?\s*(?:%|％|万|亿)?\S{0,2}$")


def _pdf_page_lines(page) -> _PdfPage:
    """The page's visual lines as [y, x, font size, text], top to bottom, and how many of them
    look like table rows (a label and figures drawn as separate pieces on one baseline)."""
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            pieces.append((y, x, size * abs(cm[3] or 1), text.replace("\n", "")))

    plain = page.extract_text(visitor_text=visit) or ""
    lines: list[list] = []
    figures = 0
    rows = 0
    for y, x, size, text in pieces:
        if lines and abs(lines[-1][0] - y) <= 2:      # same baseline: one line
            lines[-1][3] += text
            figures += bool(_FIGURE_PIECE.match(text.strip()))
        else:
            rows += figures >= 2
            figures = 0
            lines.append([y, x, size, text])
    rows += figures >= 2
    if not lines and plain.strip():                    # no positions: keep pypdf's lines
        lines = [[0.0, 0.0, 0.0, ln] for ln in plain.split("\n")]
    return _PdfPage([ln for ln in lines if not _PAGE_NUMBER.match(ln[3].strip())], rows)


def _pdf_tables(data: bytes, path: Path, pages: list[_PdfPage], lines: list[list]
                ) -> list[Table]:
    """Ruled tables (pdfplumber) on the pages with at least two table-like rows; their lines
    are taken out of ``lines`` so that the running text does not repeat them as loose cells."""
    candidates = [i for i, pg in enumerate(pages) if pg.table_rows >= 2]
    if not candidates:
        return []
    import pdfplumber

    tables: list[Table] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i in candidates:
                tables += _page_tables(pdf.pages[i], i, lines)
    except Exception as exc:  # pdfminer raises assorted errors on odd pages; keep the text
        log.warning("%s: table extraction failed (%s); tables read as text", path.name, exc)
    return tables


def _page_tables(page, index: int, lines: list[list]) -> list[Table]:
    out = []
    for found in page.find_tables():
        top, bottom = page.height - found.bbox[1], page.height - found.bbox[3]
        above = [ln for ln in lines[index] if top < ln[0] <= top + 3 * max(ln[2], 10)]
        caption = above[-1][3].strip() if above and is_caption(above[-1][3].strip()) else ""
        table = from_grid(found.extract(), caption=caption, page=index + 1)
        if table is None:
            continue
        out.append(table)
        lines[index] = [ln for ln in lines[index] if not bottom - 2 <= ln[0] <= top + 2]
    return out


def _drop_running_lines(pages: list[list[list]]) -> list[list[list]]:
    """Running headers and footers: a first or last line of a page that recurs (digits aside)
    on at least half of the pages, three at least ("XX区司法局 2021年工作报告", "内部资料")."""
    if len(pages) < 3:
        return pages
    counts: dict[str, int] = {}
    for page in pages:
        for ln in {_digitless(ln[3]) for ln in page[:1] + page[-1:]}:
            counts[ln] = counts.get(ln, 0) + 1
    running = {k for k, n in counts.items() if k and n >= max(3, len(pages) / 2)}
    if not running:
        return pages
    return [[ln for j, ln in enumerate(page)
             if not ((j == 0 or j == len(page) - 1) and _digitless(ln[3]) in running)]
            for page in pages]


def _digitless(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


_PAGE_NUMBER = re.compile(r"^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|"
                          r"\d+\s*/\s*\d+)$")
_PARA_END = re.compile(r"[。！？!?；;:：|]$")
_LIST_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))")


def _pdf_paragraphs(pages: list[list[list]]) -> list[tuple[str, int]]:
    """Rebuild paragraphs from visual lines. A line continues the one above unless the gap is
    wider than the usual leading for its font size, it is indented, or the line above is
    clearly shorter than a full line ("…调解成功" + "率达99%" -> "…调解成功率达99%")."""
    lines = [ln + [i] for i, page in enumerate(pages) for ln in page if ln[3].strip()]
    if not lines:
        return []
    leading: dict[float, list[float]] = {}
    for a, b in zip(lines, lines[1:]):
        if a[4] == b[4] and a[2] == b[2] and a[0] > b[0]:
            leading.setdefault(a[2], []).append(a[0] - b[0])
    typical = {size: sorted(g)[len(g) // 2] for size, g in leading.items()}
    left = min(ln[1] for ln in lines)
    counts: dict[float, list[int]] = {}
    for ln in lines:
        counts.setdefault(ln[2], []).append(len(ln[3].strip()))
    full = {size: sorted(c)[int(len(c) * 0.9)] for size, c in counts.items()}
    paras: list[list] = []
    prev = None
    for ln in lines:
        y, x, size, text, page = ln
        if prev is None:
            new = True
        else:
            same_page = prev[4] == page
            gap = prev[0] - y
            wide_gap = same_page and not (0 < gap <= typical.get(size, gap) * 1.15)
            new = (wide_gap or prev[2] != size or x > left + 0.9 * size
                   or len(prev[3].strip()) < 0.8 * full[prev[2]]
                   or prev[3].rstrip().endswith("|")
                   or (_PARA_END.search(prev[3].strip()) and _LIST_START.match(text.strip())))
        if new:
            paras.append([text.strip(), page + 1])
        else:
            paras[-1][0] += text.strip()
        prev = ln
    return [(t, p) for t, p in paras]


# --- DOCX -----------------------------------------------------------------------------------
def _docx_report(data: bytes, path: Path) -> Loaded:
    """Paragraphs and tables in document order: a data table becomes a Table (its caption the
    short paragraph above it), any other table a 'cell | cell' line per row (metadata boxes)."""
    import zipfile

    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptDocumentError(path.name, f"the DOCX file is damaged or not a Word .docx "
                                   f"document ({type(exc).__name__}); save old .doc files as "
                                   ".docx") from exc
    lines: list[str] = []
    tables: list[Table] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, DocxTable):
            caption = next((ln.strip() for ln in reversed(lines) if ln.strip()), "")
            table = from_grid(rows_from_docx(block), caption if is_caption(caption) else "")
            if table is not None:
                tables.append(table)
                continue
            lines += [" | ".join(_unique_cells(row.cells)) for row in block.rows]
    return Loaded("\n".join(lines), "", tables)


def _unique_cells(cells) -> list[str]:
    """Merged cells repeat in python-docx's row.cells; keep each once."""
    seen, out = set(), []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell.text.strip())
    return out
