"""Storing uploaded report files safely inside ``<corpus_dir>/uploads``.

Shared by the REST upload route and the web UI: a file name from a browser is untrusted, so it is
reduced to a bare, printable base name with an allowed extension; sizes are capped; a different
file never overwrites an existing one (a numbered suffix is added instead).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ingest import SUPPORTED_EXTENSIONS
from ingest.errors import FileTooLargeError, LoadError, UnsafePathError, UnsupportedFormatError
from ingest.settings import Settings

__all__ = ["UploadStore", "StoredFile", "safe_filename", "supported_extensions"]

log = logging.getLogger(__name__)

_CHUNK = 1 << 20
_MAX_NAME_CHARS = 120
# Characters that are unsafe in file names on some OS or in shells; replaced by "_".
_UNSAFE = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')


def supported_extensions() -> tuple[str, ...]:
    """The extensions ingest can read (lower case, with the dot)."""
    return tuple(sorted(SUPPORTED_EXTENSIONS))


def safe_filename(name: str) -> str:
    """A bare file name that cannot leave the upload directory.

    ``"../../evil.txt"`` -> ``"evil.txt"``; ``"C:\\x\\报告.txt"`` -> ``"报告.txt"``; control and
    format characters (e.g. U+202E right-to-left override) are dropped.
    """
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))
    base = _UNSAFE.sub("_", unicodedata.normalize("NFC", base)).strip().lstrip(".")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = stem.strip(" ._") or "upload"
    ext = f".{ext.lower()}" if ext else ""
    return stem[: _MAX_NAME_CHARS - len(ext)] + ext


@dataclass
class StoredFile:
    name: str            # the name the client sent
    path: Path           # where it was stored
    created: bool        # False when an identical file was already there


class UploadStore:
    """Writes uploads into ``settings.corpus_dir / "uploads"``."""

    def __init__(self, settings: Settings):
        if settings.max_upload_mb <= 0:
            raise ValueError("max_upload_mb must be > 0")
        self.dir = Path(settings.corpus_dir).resolve() / "uploads"
        self.max_bytes = int(settings.max_upload_mb * 1024 * 1024)
        self.extensions = supported_extensions()

    def check_name(self, name: str) -> str:
        """The sanitised name, or UnsupportedFormatError for an extension ingest cannot read."""
        safe = safe_filename(name)
        ext = Path(safe).suffix.lower()
        if ext not in self.extensions:
            raise UnsupportedFormatError(
                safe_filename(name), f"unsupported file type {ext or '(none)'!r}; "
                f"upload one of: {' '.join(self.extensions)}")
        return safe

    def store(self, name: str, stream: BinaryIO) -> StoredFile:
        """Copy ``stream`` into the upload directory under a safe, unused name."""
        safe = self.check_name(name)
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / f".{safe}.{hashlib.sha256(safe.encode()).hexdigest()[:8]}.part"
        digest = self._copy_limited(stream, tmp, safe)
        try:
            return self._place(name, safe, tmp, digest)
        finally:
            tmp.unlink(missing_ok=True)

    def store_path(self, name: str, src: Path, within: Path | str | None = None) -> StoredFile:
        """Store a copy of the file at ``src``. With ``within`` (the web UI passes Gradio's upload
        folder), ``src`` must resolve inside that folder: a path a client names is never trusted
        to be a file the client uploaded."""
        src = Path(src)
        if within is not None and not _inside(src, Path(within)):
            raise UnsafePathError(safe_filename(name), "only files uploaded through the web page "
                                  "can be added; server paths are refused")
        with open(src, "rb") as fh:
            return self.store(name, fh)

    def remove(self, path: Path | str) -> bool:
        """Delete a stored upload (only files inside the upload directory)."""
        p = Path(path).resolve()
        if p.parent != self.dir or not p.is_file():
            return False
        p.unlink()
        return True

    def _copy_limited(self, stream: BinaryIO, tmp: Path, safe: str) -> str:
        h, size = hashlib.sha256(), 0
        with open(tmp, "wb") as out:
            while block := stream.read(_CHUNK):
                size += len(block)
                if size > self.max_bytes:
                    out.close()
                    tmp.unlink(missing_ok=True)
                    raise FileTooLargeError(safe, f"larger than the upload limit of "
                                            f"{self.max_bytes / 1048576:g} MB (REPORTQA_MAX_UPLOAD_MB)")
                h.update(block)
                out.write(block)
        if size == 0:
            tmp.unlink(missing_ok=True)
            raise LoadError(safe, "the file is empty")
        return h.hexdigest()

    def _place(self, name: str, safe: str, tmp: Path, digest: str) -> StoredFile:
        stem, ext = Path(safe).stem, Path(safe).suffix
        for i in range(1000):
            target = self.dir / (safe if i == 0 else f"{stem}-{i}{ext}")
            if target.resolve().parent != self.dir:  # defence in depth; safe_filename ensures it
                raise LoadError(safe, "invalid file name")
            if target.exists():
                if _sha256(target) == digest:
                    return StoredFile(name, target, created=False)
                continue
            shutil.move(str(tmp), target)
            log.info("stored upload %r as %s", name, target)
            return StoredFile(name, target, created=True)
        raise LoadError(safe, "too many files with this name in the upload directory")


def _inside(path: Path, root: Path) -> bool:
    """True when ``path`` (symlinks resolved) is a file strictly inside ``root``."""
    real, top = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    return real != top and real.is_relative_to(top) and real.is_file()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_CHUNK):
            h.update(block)
    return h.hexdigest()
