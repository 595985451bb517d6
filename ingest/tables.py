"""Tables kept as tables: a ``Table`` (caption, header rows, body rows, page) read from HTML,
DOCX, Markdown, PDF or a spreadsheet, turned into self-explaining chunks and one fact per cell.

How a table of a government report is read (true of statistical tables in general, not of one
report):

* header rows are the top rows that hold no figure (a year such as "2021年" is a label there);
  a column's header is its header cells joined top to bottom ("2021年 / 受理");
* the row label is the first column; a table whose first column holds the years and whose header
  names the metrics ("年份 | 法律援助案件 | 调解纠纷") is read transposed;
* a column is a *year* column when its header names one year ("2020年", "2020") or a relative
  year ("上年", "去年", "本年", "今年"), resolved against the report's own year;
* a column is a *change* column when its header says so (同比, 增长, 增减, 增幅, 变化, 比上年);
  its cells are their own metric ("法律援助案件同比"), in the table's latest year;
* the unit of a cell is the unit written in it ("99%"), else the one in its row label
  ("法律援助案件（宗）"), its column header, or the table's caption ("单位：件").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ingest.facts import UNITS
from ingest.types import Chunk, Document, Fact

__all__ = ["Table", "is_data_table", "table_chunks", "table_facts", "table_years",
           "markdown_tables", "rows_from_html", "rows_from_docx", "cell_text"]

_UNIT_ALT = "|".join(map(re.escape, UNITS))
_NUMBER = re.compile(
    r"^(?P<sign>[+\-−＋－]|增加|减少|增长|下降|上升)?\s*(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(?P<mult>万|亿|千)?\s*(?P<unit>" + _UNIT_ALT + r"|个百分点)?$")
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, None: 1.0}
# "（宗）", "(万元)", "单位：件", "单位:人次"
_BRACKET_UNIT = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?(" + _UNIT_ALT + r")\s*[)）]")
_LABEL_UNIT = re.compile(r"单位\s*[:：]\s*(" + _UNIT_ALT + ")")
_YEAR = re.compile(r"^(?:(?P<y>(?:19|20)\d{2})\s*年?(?:度)?|(?P<rel>上年|去年|上一年|本年|今年|当年|本年度|上年度))"
                   r"(?:同期)?\s*(?P<rest>.*)$")
_RELATIVE = {"上年": -1, "去年": -1, "上一年": -1, "上年度": -1, "本年": 0, "今年": 0, "当年": 0,
             "本年度": 0}
_CHANGE = re.compile(r"同比|环比|增长|增减|增幅|增加|减少|变化|变动|比上年|较上年|升降")
_EMPTY = {"", "-", "—", "--", "/", "——", "－", "无"}


@dataclass
class Table:
    """One table as printed: ``header`` rows (labels only) over ``rows`` (label + cells)."""

    header: list[list[str]]
    rows: list[list[str]]
    caption: str = ""
    page: int | None = None        # 1-based, for PDFs
    source_kind: str = "table"     # "table" or "sheet"

    @property
    def columns(self) -> list[str]:
        """Each column's header: its header cells joined top to bottom, repeats dropped."""
        width = max((len(r) for r in self.header + self.rows), default=0)
        out = []
        for j in range(width):
            parts: list[str] = []
            for row in self.header:
                cell = row[j] if j < len(row) else ""
                if cell and cell not in parts:
                    parts.append(cell)
            out.append(" / ".join(parts))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"caption": self.caption, "header": self.header, "rows": self.rows,
                "page": self.page}


# --- building a Table from a grid ------------------------------------------------------------
def cell_text(text: str) -> str:
    """A cell's text on one line, blanks collapsed."""
    return re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip()


def _is_figure(cell: str) -> bool:
    return bool(_NUMBER.match(cell.replace(" ", ""))) and not _year_of_header(cell)


def from_grid(grid: list[list[str]], caption: str = "", page: int | None = None,
              source_kind: str = "table") -> Table | None:
    """A Table from a rectangular grid of cell texts, or None when it is not a data table (no
    figure below the header, a single row or column: layout tables and metadata boxes)."""
    grid = [[cell_text(c or "") for c in row] for row in grid]
    grid = [row for row in grid if any(row)]
    if len(grid) < 2:
        return None
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    grid = _drop_empty_columns(grid)
    if not grid or len(grid[0]) < 2:
        return None
    n_head = 0
    while n_head < len(grid) and not any(_is_figure(c) for c in grid[n_head][1:]):
        n_head += 1
    if n_head == len(grid) or n_head == 0 and not _first_column_years(grid):
        return None
    table = Table(header=grid[:n_head], rows=grid[n_head:], caption=cell_text(caption),
                  page=page, source_kind=source_kind)
    if _first_column_years(grid) and not any(_year_of_header(c) for c in table.columns[1:]):
        table = _transpose(table)
    return table if is_data_table(table) else None


def _drop_empty_columns(grid: list[list[str]]) -> list[list[str]]:
    keep = [j for j in range(len(grid[0])) if any(row[j] for row in grid)]
    return [[row[j] for j in keep] for row in grid]


def _first_column_years(grid: list[list[str]]) -> bool:
    firsts = [row[0] for row in grid[1:] if row[0]]
    return len(firsts) >= 2 and all(_year_of_header(c) and not _year_of_header(c)[1]
                                    for c in firsts)


def _transpose(table: Table) -> Table:
    grid = table.header + table.rows
    flipped = [list(col) for col in zip(*grid)]
    return Table(header=[flipped[0]], rows=flipped[1:], caption=table.caption, page=table.page,
                 source_kind=table.source_kind)


def is_data_table(table: Table) -> bool:
    """At least one row with a label and a figure: a table that states quantities."""
    return any(row and row[0] and any(_is_figure(c) for c in row[1:]) for row in table.rows)


# --- per-format readers ----------------------------------------------------------------------
def rows_from_html(table_tag) -> list[list[str]]:
    """A BeautifulSoup <table> as a grid, colspan/rowspan expanded (a spanned cell repeats)."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}
    for i, tr in enumerate(r for r in table_tag.find_all("tr")
                           if r.find_parent("table") is table_tag):
        row: list[str] = []
        j = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (i, j) in pending:
                row.append(pending.pop((i, j)))
                j += 1
            text = cell_text(cell.get_text(" "))
            rs, cs = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            for dj in range(cs):
                row.append(text)
                for di in range(1, rs):
                    pending[(i + di, j + dj)] = text
            j += cs
        while (i, j) in pending:
            row.append(pending.pop((i, j)))
            j += 1
        grid.append(row)
    return grid


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 50))
    except (TypeError, ValueError):
        return 1


def rows_from_docx(table) -> list[list[str]]:
    """A python-docx table as a grid; a merged cell repeats across the cells it spans."""
    return [[cell.text for cell in row.cells] for row in table.rows]


_MD_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_tables(text: str) -> tuple[str, list[Table]]:
    """Pipe tables of a Markdown text: (the text without them, the tables). A pipe table is a
    header line, a separator line ('|---|---|') and body lines, all holding '|'. The caption is
    the short line right above it."""
    lines = text.split("\n")
    out: list[str] = []
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if "|" in lines[i] and i + 1 < len(lines) and _MD_SEP.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and "|" in lines[end] and lines[end].strip():
                end += 1
            grid = [_md_cells(lines[i])] + [_md_cells(ln) for ln in lines[i + 2:end]]
            table = from_grid(grid, caption=_caption_above(out))
            if table is not None:
                tables.append(table)
                i = end
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out), tables


def _md_cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") else line
    return [re.sub(r"(\*\*|__)(.+?)\1", r"\2", c).strip() for c in line.split("|")]


def _caption_above(lines: list[str]) -> str:
    """The last non-empty line before a table, when it reads like a caption: short, no full
    stop ("表1 2021年主要业务数据（单位：件）")."""
    for line in reversed(lines):
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line).strip().strip("*_ ")
        if line:
            return line if is_caption(line) else ""
    return ""


def is_caption(line: str) -> bool:
    """A short line without sentence punctuation ('表1 主要业务数据', '单位：件')."""
    return 0 < len(line) <= 60 and not re.search(r"[。！？；]", line.rstrip("：:"))


# --- table -> chunks ------------------------------------------------------------------------
def table_title(table: Table, index: int) -> str:
    """The caption without its unit note and without years: each cell sentence names exactly
    one year, its own, so that no reader takes a figure for another year the caption lists
    ("表1 2021年、2022年业务数据（单位：件）" -> "表1 业务数据")."""
    caption = re.sub(r"[（(]?\s*单位\s*[:：][^）)]*[）)]?", "", table.caption)
    caption = re.sub(r"(?:19|20)\d{2}\s*年度?(?:\s*[、，,和及至到~～—-]\s*)?", "", caption)
    return re.sub(r"\s+", " ", caption).strip(" ：:、") or f"表{index + 1}"


def table_chunks(tables: list[Table], doc: Document, start_position: int,
                 max_chars: int = 500) -> list[list[Chunk]]:
    """For each table, chunks of whole rows. Every row is written out with its column headers
    (one self-explaining sentence per cell, see ``cell_sentence``), so a row retrieved on its
    own still says what its figures are. Chunk meta: ``table: true``, ``page`` where known."""
    base = {"doc_id": doc.doc_id, **{k: v for k, v in doc.meta().items()
                                     if k not in ("file_hash", "doc_id")}}
    out: list[list[Chunk]] = []
    position = start_position
    for index, table in enumerate(tables):
        title = table_title(table, index)
        head = f"表：{title}（{' | '.join(c or '项目' for c in table.columns)}）"
        chunks: list[Chunk] = []
        lines: list[str] = []
        for row in table.rows:
            line = _row_text(table, title, row, doc.year)
            if lines and len(head) + sum(map(len, lines)) + len(line) > max_chars:
                chunks.append(_chunk(head, lines, title, table, base, position))
                position += 1
                lines = []
            lines.append(line)
        if lines:
            chunks.append(_chunk(head, lines, title, table, base, position))
            position += 1
        out.append(chunks)
    return out


def _chunk(head: str, lines: list[str], title: str, table: Table, base: dict,
           position: int) -> Chunk:
    meta = {**base, "section": f"表：{title}", "position": position, "table": True,
            "source_kind": table.source_kind}
    if table.page is not None:
        meta["page"] = table.page
    return Chunk.create("\n".join([head, *lines]), meta)


def _row_text(table: Table, title: str, row: list[str], report_year: int | None) -> str:
    sentences = [c.sentence for c in _row_cells(table, title, row, report_year)]
    if not sentences:   # a row of words only: label and cells with their headers
        pairs = [f"{h}：{v}" for h, v in zip(table.columns[1:], row[1:]) if v]
        return f"{row[0]}（{'；'.join(pairs)}）。" if pairs else f"{row[0]}。"
    return "".join(sentences)


# --- table -> facts -------------------------------------------------------------------------
@dataclass
class _Cell:
    metric: str
    value: float
    unit: str
    year: int | None
    value_text: str
    sentence: str
    row: str
    column: str
    change: bool = False


def _year_of_header(header: str, report_year: int | None = None
                    ) -> tuple[int | None, str] | None:
    """(year, the rest of the header) when the header names a year, else None. A relative year
    without a report year gives (None, rest)."""
    m = _YEAR.match(header.replace(" ", "").replace("/", ""))
    if not m:
        return None
    if m.group("y"):
        return int(m.group("y")), m.group("rest")
    offset = _RELATIVE[m.group("rel")]
    return (report_year + offset if report_year else None), m.group("rest")


def _unit_in(text: str) -> str:
    m = _BRACKET_UNIT.search(text) or _LABEL_UNIT.search(text)
    return m.group(1).replace("％", "%") if m else ""


def _strip_unit(label: str) -> str:
    return _BRACKET_UNIT.sub("", label).strip()


def _parse_value(cell: str) -> tuple[float, str, str] | None:
    """(value, unit written in the cell or "", the figure as written) for a figure cell."""
    text = cell.replace(" ", "")
    m = _NUMBER.match(text)
    if not m or _year_of_header(text):
        return None
    value = float(m.group("num").replace(",", "")) * _MULT[m.group("mult")]
    if m.group("sign") in ("-", "−", "－", "减少", "下降"):
        value = -value
    unit = (m.group("unit") or "").replace("％", "%")
    return round(value, 6), unit, text


def _latest_year(table: Table, report_year: int | None) -> int | None:
    years = [y[0] for c in table.columns[1:] if (y := _year_of_header(c, report_year)) and y[0]]
    return max(years) if years else (_caption_year(table.caption) or report_year)


def _caption_year(caption: str) -> int | None:
    m = re.search(r"((?:19|20)\d{2})\s*年", caption)
    return int(m.group(1)) if m else None


def _row_cells(table: Table, title: str, row: list[str], report_year: int | None) -> list[_Cell]:
    label = row[0]
    if not label:
        return []
    cols = table.columns
    metric_base = _strip_unit(label)
    default_unit = _unit_in(label) or _unit_in(cols[0] if cols else "") or _unit_in(table.caption)
    latest = _latest_year(table, report_year)
    cells = []
    for j in range(1, len(row)):
        parsed = _parse_value(row[j]) if row[j] not in _EMPTY else None
        if parsed is None:
            continue
        cells.append(_cell(table, title, label, metric_base, cols[j] if j < len(cols) else "",
                           parsed, default_unit, latest, report_year))
    # The report's own year first: a row is read as "this year's figure, then the others", as a
    # question that names no other year asks about the year the report covers.
    current = report_year or latest
    return sorted(cells, key=lambda c: c.change or c.year != current)


def _cell(table: Table, title: str, label: str, metric_base: str, column: str,
          parsed: tuple[float, str, str], default_unit: str, latest: int | None,
          report_year: int | None) -> _Cell:
    value, unit, written = parsed
    col = _strip_unit(column)
    year_info = _year_of_header(col, report_year)
    change = bool(_CHANGE.search(col)) and not (year_info and not _CHANGE.search(year_info[1]))
    if year_info and not change:
        year, qualifier = year_info[0], year_info[1]
    else:
        year, qualifier = (_caption_year(table.caption) or latest or report_year), col
        if change:
            year = latest
    unit = unit or _unit_in(column) or ("" if change and not default_unit else default_unit)
    if change and not parsed[1] and "%" in column:
        unit = "%"
    metric = _metric(metric_base, qualifier, unit)
    shown = written if parsed[1] or not unit else f"{written}{unit}"
    sentence = _sentence(year, metric_base, qualifier, shown, title, label, column)
    return _Cell(metric, value, unit, year, shown, sentence, label, column, change)


def _metric(label: str, qualifier: str, unit: str) -> str:
    """Row label (+ a column qualifier that is not a plain 'count' column), worded as the
    table words it, like the facts of running text."""
    qualifier = re.sub(r"^(?:数量|数值|数据|数|合计|总计|总数|情况|指标值|完成数|完成情况)$", "", qualifier)
    return f"{label}{qualifier}" if qualifier else label


def _sentence(year: int | None, label: str, qualifier: str, shown: str, title: str,
              row: str, column: str) -> str:
    """'2021年，法律援助案件1103宗（表：主要业务数据，行：法律援助案件（宗），列：2021年）。'"""
    when = f"{year}年，" if year else ""
    return (f"{when}{label}{qualifier}{shown}（表：{title}，行：{row}，列：{column or '数值'}）。")


def table_facts(tables: list[Table], chunks: list[list[Chunk]], doc: Document) -> list[Fact]:
    """One Fact per figure cell, pointing at the table chunk that holds its row."""
    facts: list[Fact] = []
    for index, (table, table_chunks_) in enumerate(zip(tables, chunks)):
        title = table_title(table, index)
        for row in table.rows:
            for cell in _row_cells(table, title, row, doc.year):
                chunk = next((c for c in table_chunks_ if cell.sentence in c.text),
                             table_chunks_[0] if table_chunks_ else None)
                facts.append(Fact(metric=cell.metric, value=cell.value, unit=cell.unit,
                                  region=doc.region, year=cell.year, doc_id=doc.doc_id,
                                  chunk_id=chunk.id if chunk else "", sentence=cell.sentence,
                                  value_text=cell.value_text, source_kind=table.source_kind,
                                  row=cell.row, column=cell.column, page=table.page))
    return facts


def table_years(tables: Iterable[Table], report_year: int | None) -> list[int]:
    """Every year a table column (or a transposed table's row) covers."""
    years: set[int] = set()
    for table in tables:
        for col in table.columns[1:]:
            info = _year_of_header(_strip_unit(col), report_year)
            if info and info[0]:
                years.add(info[0])
        if (y := _caption_year(table.caption)) and table.rows:
            years.add(y)
    return sorted(years)
