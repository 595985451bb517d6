"""Structure-aware chunking: heading path kept on every chunk, sentence-bounded passages.

Headings, outermost first:
    level 0  a document title inside the body (004 holds a notice, an 实施意见 and a 工作方案)
    level 1  一、  二、
    level 2  （一） (一)   - full- or half-width brackets
    level 3  1.  1、  1．
    level 4  （1） (1)
A heading may share its line with its body: "(一)抓主体责任,落实…职责。局领导班子将…" - the
heading is the first sentence (without its 。), the whole line stays in the text as written.

Chunks end at sentence ends (。！？；!?;), hold up to ``max_chars`` and prefer to end at a
paragraph end once they have ``min_chars``; a chunk never spans two top-level sections (levels
0-1). Small neighbouring subsections are packed together; the chunk's section is then their
common parent and the subsection headings are kept in the text. A sentence longer than
``max_chars`` is cut at commas not between digits, so "1,700件" or "99%" is never split.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.clean import TITLE_WORDS
from ingest.types import Chunk, Document

__all__ = ["chunk_document", "split_sentences", "heading_of"]

_CN_NUM = "一二三四五六七八九十百零〇"
_HEADINGS = (
    (1, re.compile(rf"^[{_CN_NUM}]+[、．.]")),
    (2, re.compile(rf"^[（(][{_CN_NUM}]+[）)]")),
    (3, re.compile(r"^\d{1,2}\s*[、．.](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)
_SENT_END = "。！？!?；;"
_SENT_RE = re.compile(rf"[^{_SENT_END}]*(?:[{_SENT_END}]+[”’」』）)\]]*|$)")
_MAX_HEADING = 60              # a first sentence longer than this is body, not a heading
_TITLE_RE = re.compile("|".join(TITLE_WORDS))
_SEP = " > "


@dataclass
class _Block:
    """One paragraph and the heading path it sits under."""

    path: tuple[tuple[int, str], ...]
    text: str
    sentences: list[str] = field(default_factory=list)


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, heading text as written) when ``line`` opens a section, else None."""
    for level, pattern in _HEADINGS:
        if pattern.match(line):
            if not re.search(rf"[{_SENT_END}]", line):
                return (level, line) if len(line) <= 2 * _MAX_HEADING else None
            first = split_sentences(line)[0]
            if len(first) <= _MAX_HEADING:
                return level, first.rstrip(_SENT_END + "”’」』")
            return None
    return None


def split_sentences(text: str) -> list[str]:
    """Sentences with their end punctuation and closing quotes; the pieces re-join to text."""
    return [s for s in _SENT_RE.findall(text) if s]


def chunk_document(doc: Document, min_chars: int = 200, max_chars: int = 500) -> list[Chunk]:
    if min_chars > max_chars:
        raise ValueError(f"min_chars ({min_chars}) must not exceed max_chars ({max_chars})")
    blocks, standalone = _blocks(doc.text, max_chars)
    pieces: list[tuple[tuple, str]] = []
    for group in _top_level_groups(blocks):
        pieces.extend(_pack(group, standalone, min_chars, max_chars))
    base = {"doc_id": doc.doc_id, **{k: v for k, v in doc.meta().items()
                                     if k not in ("file_hash", "doc_id")}}
    chunks = []
    for position, (path, text) in enumerate(pieces):
        meta = {**base, "section": _SEP.join(t for _, t in path), "position": position}
        chunks.append(Chunk.create(text, meta))
    return chunks


def _blocks(text: str, max_chars: int) -> tuple[list[_Block], set[str]]:
    """Paragraphs with their heading paths; also the set of headings that stand on their own
    line (they are not inside any paragraph's text)."""
    path: list[tuple[int, str]] = []
    blocks: list[_Block] = []
    standalone: set[str] = set()
    shift = 0  # levels added to numbered headings under an unnumbered closing part
    for line in _merge_title_lines([ln.strip() for ln in text.split("\n") if ln.strip()]):
        head = heading_of(line)
        if head is not None:
            head = (head[0] + shift, head[1])
        elif _UNNUMBERED_PART.match(line) and _is_plain_short(line):
            head, shift = (1, line), 1
        elif _is_title_line(line):
            head = (0, line)
        if head is not None:
            level, heading = head
            path = [p for p in path if p[0] < level] + [head]
            if heading == line:
                standalone.add(heading)
                continue
        blocks.append(_Block(tuple(path), line, _split_long(split_sentences(line), max_chars)))
    return blocks, standalone


# A report's closing part may stand under an unnumbered heading ("2021年工作计划", "下一步
#工作打算") whose items are numbered 一、二、 like the report's own parts: they are that part's
# items, one level down, not new parts of the report.
_UNNUMBERED_PART = re.compile(r"^(?:(?:19|20)\d{2}年度?)?(?:下一步)?(?:主要)?(?:工作)?(?:计划|打算|安排|思路)$"
                              r"|^下一步(?:工作)?$")


def _is_plain_short(line: str) -> bool:
    return (len(line) <= 60 and not re.search(rf"[{_SENT_END}:：]", line)
            and heading_of(line) is None)


def _merge_title_lines(lines: list[str]) -> list[str]:
    """A title broken over lines ('…一流法治城区的' + '工作方案') is one line again."""
    out: list[str] = []
    for line in lines:
        if out and _is_plain_short(out[-1]) and _is_plain_short(line) and \
                len(out[-1]) >= 15 and out[-1].endswith(("的", "和", "与", "及", "关于")):
            out[-1] += line
        else:
            out.append(line)
    return out


def _is_title_line(line: str) -> bool:
    return _is_plain_short(line) and len(line) >= 8 and bool(_TITLE_RE.search(line))


def _top_level_groups(blocks: list[_Block]) -> list[list[_Block]]:
    groups: list[list[_Block]] = []
    key = None
    for block in blocks:
        k = tuple(p for p in block.path if p[0] <= 1)
        if not groups or k != key:
            groups.append([])
            key = k
        groups[-1].append(block)
    return groups


def _pack(group: list[_Block], standalone: set[str], min_chars: int,
          max_chars: int) -> list[tuple[tuple, str]]:
    """Greedy packing of paragraph pieces into chunks; a new subsection starts a new chunk
    once the current one has ``min_chars``."""
    out: list[tuple[tuple, str]] = []
    cur: list[tuple[_Block, list[str]]] = []
    size = 0
    for block in group:
        for piece in _balanced_pieces(block.sentences, max_chars):
            new_section = bool(cur) and block.path != cur[-1][0].path
            grown = len(_render(cur + [(block, piece)], standalone)[1]) if cur else 0
            if cur and ((size >= min_chars and new_section) or grown > max_chars):
                out.append(_render(cur, standalone))
                cur = []
            cur.append((block, piece))
            size = len(_render(cur, standalone)[1])
    if cur:
        out.append(_render(cur, standalone))
    return out


def _balanced_pieces(sentences: list[str], max_chars: int) -> list[list[str]]:
    """A paragraph longer than ``max_chars`` cut at sentence ends into near-equal pieces, so a
    600-character paragraph gives 2 x 300, not 500 + 100."""
    total = sum(map(len, sentences))
    if total <= max_chars:
        return [sentences]
    target = total / -(-total // max_chars)
    pieces: list[list[str]] = [[]]
    size = 0
    for s in sentences:
        if pieces[-1] and (size + len(s) > max_chars or size >= target):
            pieces.append([])
            size = 0
        pieces[-1].append(s)
        size += len(s)
    return pieces


def _render(parts: list[tuple[_Block, list[str]]], standalone: set[str]) -> tuple[tuple, str]:
    """(section path, text). Parts from several subsections -> their common parent path, and
    the subsection headings that stood on their own line go into the text."""
    paths = [b.path for b, _ in parts]
    prefix = paths[0]
    for p in paths[1:]:
        n = 0
        while n < min(len(prefix), len(p)) and prefix[n] == p[n]:
            n += 1
        prefix = prefix[:n]
    lines: list[str] = []
    shown: set[str] = set()
    for block, sentences in parts:
        for _, heading in block.path[len(prefix):]:
            if heading in standalone and heading not in shown:
                lines.append(heading)
                shown.add(heading)
        lines.append("".join(sentences))
    return prefix, "\n".join(lines)


# --- over-long sentences --------------------------------------------------------------------
def _split_long(sentences: list[str], max_chars: int) -> list[str]:
    """Cut a sentence longer than ``max_chars`` after a comma - never after a comma that sits
    inside a number ("1,700") - as a last resort."""
    out: list[str] = []
    for s in sentences:
        while len(s) > max_chars:
            cut = _last_comma(s, max_chars)
            out.append(s[:cut])
            s = s[cut:]
        if s:
            out.append(s)
    return out


def _last_comma(s: str, limit: int) -> int:
    for i in range(min(limit, len(s) - 1), limit // 3, -1):
        if s[i - 1] in "，、；" or (s[i - 1] == "," and not (s[i - 2:i - 1].isdigit()
                                                              and s[i:i + 1].isdigit())):
            return i
    # no comma at all: cut where no digit run is broken (a number and its unit stay together)
    i = limit
    while i > limit // 2 and (s[i - 1].isdigit() or s[i].isdigit() or s[i] in "%‰万亿千百余多"):
        i -= 1
    return i
