"""Turn a report file into plain text: .txt .md .html/.htm .pdf .docx.

Text encodings are detected from the bytes (BOM, strict UTF-8, then charset-normalizer), never
from the extension, so a GBK report saved as .txt loads the same as its UTF-8 original. Every
failure is a ``LoadError`` subclass naming the file and saying what to do.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
from pathlib import Path

from ingest.archives import INFLATE_FACTOR, check_zip
from ingest.clean import is_metadata_line, normalize_whitespace
from ingest.errors import (CorruptDocumentError, DecodeError, EmptyDocumentError,
                           EncryptedDocumentError, FileTooLargeError, LoadError,
                           UnreadableFileError, UnsupportedFormatError)

__all__ = ["load_file", "decode_bytes", "SUPPORTED_EXTENSIONS"]

log = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# GB2312/GBK guesses are decoded as GB18030, their superset: a rare character outside GB2312
# must not turn the whole file into a decode error.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}
_MIN_TEXT_RATIO = 0.9          # share of printable characters a text file must have


def load_file(path: Path | str, max_bytes: int) -> tuple[str, str]:
    """Return (text, sha256 of the file bytes). Raises a LoadError subclass on bad input."""
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    ext = path.suffix.lower()
    if ext in (".txt", ".md"):
        text = decode_bytes(data, path)
        if ext == ".md":
            text = _strip_markdown(text)
    elif ext in (".html", ".htm"):
        text = _html_text(decode_bytes(data, path), path)
    elif ext == ".pdf":
        text = _pdf_text(data, path)
    else:
        check_zip(data, path.name, INFLATE_FACTOR * max_bytes)  # before any parser inflates it
        text = _docx_text(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyDocumentError(path.name, "no text could be extracted from this file "
                                 "(a scanned PDF or an empty document?)")
    return text, hashlib.sha256(data).hexdigest()


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
def _pdf_text(data: bytes, path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedDocumentError(path.name, "the PDF is encrypted (password protected); "
                                         "save an unprotected copy and ingest that")
        pages = [_pdf_page_lines(page) for page in reader.pages]
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
    return "\n".join(_pdf_paragraphs(pages))


def _pdf_page_lines(page) -> list[list]:
    """The page's visual lines as [y, x, font size, text], top to bottom."""
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            pieces.append((y, x, size * abs(cm[3] or 1), text.replace("\n", "")))

    plain = page.extract_text(visitor_text=visit) or ""
    lines: list[list] = []
    for y, x, size, text in pieces:
        if lines and abs(lines[-1][0] - y) <= 2:      # same baseline: one line
            lines[-1][3] += text
        else:
            lines.append([y, x, size, text])
    if not lines and plain.strip():                    # no positions: keep pypdf's lines
        lines = [[0.0, 0.0, 0.0, ln] for ln in plain.split("\n")]
    return [ln for ln in lines if not _PAGE_NUMBER.match(ln[3].strip())]


_PAGE_NUMBER = re.compile(r"^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|"
                          r"\d+\s*/\s*\d+)$")
_PARA_END = re.compile(r"[。！？!?；;:：|]$")
_LIST_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))")


def _pdf_paragraphs(pages: list[list[list]]) -> list[str]:
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
    paras: list[str] = []
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
            paras.append(text.strip())
        else:
            paras[-1] += text.strip()
        prev = ln
    return paras


# --- DOCX -----------------------------------------------------------------------------------
def _docx_text(data: bytes, path: Path) -> str:
    """Paragraphs and table rows in document order (a table row -> 'cell | cell')."""
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptDocumentError(path.name, f"the DOCX file is damaged or not a Word .docx "
                                   f"document ({type(exc).__name__}); save old .doc files as "
                                   ".docx") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = _unique_cells(row.cells)
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def _unique_cells(cells) -> list[str]:
    """Merged cells repeat in python-docx's row.cells; keep each once."""
    seen, out = set(), []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell.text.strip())
    return out
