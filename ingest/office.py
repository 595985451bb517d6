"""The other formats government sites publish: spreadsheets (.xlsx/.xls), old Word and WPS
documents (.doc/.wps) and OFD (GB/T 33190, the national fixed-layout e-document format).

* Spreadsheets are read with python-calamine; each sheet is a table (tables.py). The rows above
  a sheet's grid (a title, "单位：件") are its title and caption.
* .doc/.wps: LibreOffice headless (``soffice``) converts them to .docx, read as any .docx (tables
  kept); without LibreOffice, ``antiword`` gives the text of a .doc. With neither, the error names
  both and how to install them.
* OFD is a zip of XML pages whose text sits in ``TextCode`` elements with X/Y positions; it is
  read directly (zipfile + ElementTree), line by line in page order. (easyofd renders OFD to
  images/PDF through PyMuPDF, which is not needed to read text.)
"""
from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ingest.errors import CorruptDocumentError, EmptyDocumentError, MissingToolError
from ingest.tables import Table, cell_text, from_grid, is_caption

__all__ = ["office_report", "sheet_tables", "ofd_text"]

log = logging.getLogger(__name__)

_TOOL_TIMEOUT_S = 120


def office_report(data: bytes, path: Path):
    from ingest.load import Loaded

    ext = path.suffix.lower()
    if ext in (".xlsx", ".xls"):
        title, tables = sheet_tables(data, path)
        return Loaded(title, "", tables)
    if ext in (".doc", ".wps"):
        return _word97(data, path)
    if ext == ".ofd":
        pages = ofd_text(data, path)
        paras = [(ln, i + 1) for i, page in enumerate(pages) for ln in page]
        return Loaded("\n".join(t for t, _ in paras), "", [], paras)
    raise CorruptDocumentError(path.name, f"no reader for {ext}")


# --- spreadsheets ---------------------------------------------------------------------------
def sheet_tables(data: bytes, path: Path) -> tuple[str, list[Table]]:
    """(the title lines found above the grids, one Table per sheet that states figures)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=True))
                  for name in book.sheet_names]
    except Exception as exc:  # calamine raises its own error types for damaged workbooks
        raise CorruptDocumentError(path.name, f"the spreadsheet is damaged or not an Excel "
                                   f"file ({type(exc).__name__}: {str(exc)[:120]})") from exc
    titles: list[str] = []
    tables: list[Table] = []
    for name, rows in sheets:
        grid = [[_cell(v) for v in row] for row in rows]
        start = next((i for i, r in enumerate(grid) if sum(1 for c in r if c) >= 2), len(grid))
        above = [" ".join(c for c in r if c) for r in grid[:start] if any(r)]
        caption = above[-1] if above and is_caption(above[-1]) else name
        table = from_grid(grid[start:], caption=caption, source_kind="sheet")
        if table is not None:
            tables.append(table)
        titles += [ln for ln in above if ln != caption or len(above) == 1 and ln != name]
    if not tables and not titles:
        raise EmptyDocumentError(path.name, "the spreadsheet has no table with figures")
    return "\n".join(dict.fromkeys(titles)), tables


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell_text(str(value)) if value is not None else ""


# --- .doc / .wps ----------------------------------------------------------------------------
def _word97(data: bytes, path: Path):
    from ingest.load import _docx_report, Loaded

    if shutil.which("soffice") or shutil.which("libreoffice"):
        return _docx_report(_convert_to_docx(data, path), path)
    if shutil.which("antiword") and path.suffix.lower() == ".doc":
        return Loaded(_antiword(data, path), "")
    raise MissingToolError(path.name, "reading .doc/.wps files needs LibreOffice (apt-get install "
                           "libreoffice-writer-nogui) or, for .doc only, antiword (apt-get "
                           "install antiword); or save the file as .docx")


def _convert_to_docx(data: bytes, path: Path) -> bytes:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in{path.suffix.lower()}"
        src.write_bytes(data)
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
               "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=_TOOL_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise CorruptDocumentError(path.name, f"LibreOffice did not convert the file within "
                                       f"{_TOOL_TIMEOUT_S}s") from exc
        out = Path(tmp) / "in.docx"
        if not out.exists():
            raise CorruptDocumentError(path.name, "LibreOffice could not read the file (damaged, "
                                       "or not a Word/WPS document)")
        return out.read_bytes()


def _antiword(data: bytes, path: Path) -> str:
    with tempfile.NamedTemporaryFile(suffix=".doc") as f:
        f.write(data)
        f.flush()
        try:
            run = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", f.name],
                                 capture_output=True, timeout=_TOOL_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise CorruptDocumentError(path.name, "antiword did not finish") from exc
    if run.returncode != 0:
        msg = run.stderr.decode("utf-8", "replace").strip()[:160]
        raise CorruptDocumentError(path.name, f"antiword could not read the file ({msg})")
    return run.stdout.decode("utf-8", "replace")


# --- OFD ------------------------------------------------------------------------------------
def ofd_text(data: bytes, path: Path) -> list[list[str]]:
    """Lines of text per page, in page order (Document.xml's page list), top to bottom."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            pages = _ofd_page_files(z, names)
            return [_ofd_lines(z.read(name)) for name in pages]
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError) as exc:
        raise CorruptDocumentError(path.name, f"the OFD file is damaged or not an OFD document "
                                   f"({type(exc).__name__})") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ofd_page_files(z: zipfile.ZipFile, names: list[str]) -> list[str]:
    docs = [n for n in names if n.endswith("Document.xml")]
    if not docs:
        raise KeyError("Document.xml")
    base = docs[0].rsplit("/", 1)[0]
    root = ElementTree.fromstring(z.read(docs[0]))
    pages = []
    for el in root.iter():
        if _local(el.tag) == "Page" and el.get("BaseLoc"):
            loc = el.get("BaseLoc").lstrip("/")
            pages.append(loc if loc in names else f"{base}/{loc}")
    return [p for p in pages if p in names]


def _ofd_lines(xml: bytes) -> list[str]:
    """TextObjects grouped into lines by their Y (within half a font size), left to right."""
    root = ElementTree.fromstring(xml)
    items: list[tuple[float, float, float, str]] = []
    for obj in root.iter():
        if _local(obj.tag) != "TextObject":
            continue
        box = [float(v) for v in (obj.get("Boundary") or "0 0 0 0").split()]
        size = float(obj.get("Size") or 3.5)
        for code in obj:
            if _local(code.tag) == "TextCode" and code.text:
                x = box[0] + float(code.get("X") or 0)
                y = box[1] + float(code.get("Y") or 0)
                items.append((y, x, size, code.text))
    lines: list[list] = []
    for y, x, size, text in sorted(items):
        if lines and abs(lines[-1][0] - y) <= size / 2:
            lines[-1][1].append((x, text))
        else:
            lines.append([y, [(x, text)]])
    return [re.sub(r"\s+", " ", "".join(t for _, t in sorted(parts))).strip()
            for _, parts in lines if "".join(t for _, t in parts).strip()]
