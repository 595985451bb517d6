"""Limits for zip-based inputs (DOCX today; any Office Open XML or zip format tomorrow).

A zip declares each member's uncompressed size in its central directory, and Python's zipfile
refuses to inflate a member past its declared size (the CRC check fails), so the declared sizes
bound what a parser can be made to inflate. ``check_zip`` checks them before any parsing:
the total must stay within ``max_inflated`` bytes and no member may be compressed more than
``MAX_RATIO`` times. Deflate cannot pass ~1032:1; ordinary XML and text compress 5-30:1, so a
member beyond 200:1 is a decompression bomb, not a report.
"""
from __future__ import annotations

import io
import zipfile

from ingest.errors import CorruptDocumentError, FileTooLargeError

__all__ = ["check_zip", "MAX_RATIO", "INFLATE_FACTOR"]

MAX_RATIO = 200
# a report's inflated parts may be this many times the file size limit (REPORTQA_MAX_FILE_MB)
INFLATE_FACTOR = 5
_MIN_SIZE_FOR_RATIO = 1 << 20  # tiny members (styles, rels) may compress oddly well


def check_zip(data: bytes, name: str, max_inflated: int) -> None:
    """Raise FileTooLargeError when the zip in ``data`` would inflate past ``max_inflated``
    bytes or holds a member compressed beyond MAX_RATIO; CorruptDocumentError when it is not
    a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptDocumentError(name, f"not a readable zip/DOCX file ({exc}); save it again "
                                   "as .docx") from exc
    total = sum(m.file_size for m in members)
    if total > max_inflated:
        raise FileTooLargeError(name, f"unpacks to {total / 1048576:.0f} MB, over the limit of "
                                f"{max_inflated / 1048576:.0f} MB (a decompression bomb, or raise "
                                "REPORTQA_MAX_FILE_MB)")
    for m in members:
        if m.file_size >= _MIN_SIZE_FOR_RATIO and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise FileTooLargeError(name, f"member {m.filename[:80]!r} is compressed "
                                    f"{m.file_size // max(m.compress_size, 1)}:1 (a decompression "
                                    "bomb; real documents compress far less)")
