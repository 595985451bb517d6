"""Storing uploaded report files safely inside ``<corpus_dir>/uploads``.

Shared by the REST upload route and the web UI: a file name from a browser is untrusted, so it is
reduced to a bare, printable base name with an allowed extension; sizes are capped; a different
file never overwrites an existing one (a numbered suffix is added instead).

Concurrency: every request writes its own private temporary file (``tempfile.mkstemp`` in the
upload directory) and places it with ``os.link``, which fails when the name is taken; there is no
check-then-move window, so parallel uploads with one name never mix or lose each other's bytes.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ingest import SUPPORTED_EXTENSIONS
from ingest.errors import FileTooLargeError, LoadError, UnsafePathError, UnsupportedFormatError
from ingest.settings import Settings

__all__ = ["UploadStore", "StoredFile", "safe_filename", "supported_extensions", "TEMP_PREFIX"]

log = logging.getLogger(__name__)

_CHUNK = 1 << 20
_MAX_NAME_CHARS = 120
# Characters that are unsafe in file names on some OS or in shells; replaced by "_".
_UNSAFE = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')
# private temporary files of uploads in progress; hidden (leading dot) so ingest never reads them
TEMP_PREFIX = ".upload-"


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
    sha256: str = ""     # of the bytes stored (== the bytes the client sent)
    size: int = 0

    def to_dict(self, root: Path | None = None) -> dict[str, object]:
        """What the client is told was stored: its name, the stored name (relative to ``root``,
        the corpus directory), the sha256 and size of the stored bytes."""
        stored = self.path.relative_to(root) if root and self.path.is_relative_to(root) \
            else Path(self.path.name)
        return {"name": self.name, "stored_as": stored.as_posix(), "sha256": self.sha256,
                "size": self.size, "created": self.created}


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
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=self.dir)
        tmp = Path(tmp_name)
        fcntl.flock(fd, fcntl.LOCK_EX)  # "in use"; the kernel drops it if this process dies
        try:
            with os.fdopen(fd, "wb") as out:
                digest, size = self._copy_limited(stream, out, safe)
                out.flush()
                os.fsync(out.fileno())
            return self._place(name, safe, tmp, digest, size)
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

    def leftovers(self) -> list[Path]:
        """Temporary files of uploads whose process died (no one holds their lock); those of
        uploads in progress, in this or another server process, are left alone."""
        if not self.dir.is_dir():
            return []
        return [p for p in sorted(self.dir.glob(f"{TEMP_PREFIX}*.part")) if _abandoned(p)]

    def stored_files(self) -> list[Path]:
        """The uploads kept in the upload directory (not the temporary ones)."""
        if not self.dir.is_dir():
            return []
        return sorted(p for p in self.dir.iterdir() if p.is_file() and not p.name.startswith(".")
                      and p.suffix.lower() in self.extensions)

    def _copy_limited(self, stream: BinaryIO, out: BinaryIO, safe: str) -> tuple[str, int]:
        h, size = hashlib.sha256(), 0
        while block := stream.read(_CHUNK):
            size += len(block)
            if size > self.max_bytes:
                raise FileTooLargeError(safe, f"larger than the upload limit of "
                                        f"{self.max_bytes / 1048576:g} MB (REPORTQA_MAX_UPLOAD_MB)")
            h.update(block)
            out.write(block)
        if size == 0:
            raise LoadError(safe, "the file is empty")
        return h.hexdigest(), size

    def _place(self, name: str, safe: str, tmp: Path, digest: str, size: int) -> StoredFile:
        """Link ``tmp`` under the first free name (``x.txt``, ``x-1.txt`` ...). ``os.link``
        refuses an existing name atomically, so two requests never get the same file; a file
        already there with the same bytes is reused."""
        stem, ext = Path(safe).stem, Path(safe).suffix
        for i in range(1000):
            target = self.dir / (safe if i == 0 else f"{stem}-{i}{ext}")
            if target.resolve().parent != self.dir:  # defence in depth; safe_filename ensures it
                raise LoadError(safe, "invalid file name")
            try:
                os.link(tmp, target)
            except FileExistsError:
                if _same_bytes(target, digest):
                    return StoredFile(name, target, False, digest, size)
                continue
            except OSError as exc:
                if exc.errno != errno.EEXIST:
                    raise
                continue
            log.info("stored upload %r as %s", name, target.name)
            return StoredFile(name, target, True, digest, size)
        raise LoadError(safe, "too many files with this name in the upload directory")


def _inside(path: Path, root: Path) -> bool:
    """True when ``path`` (symlinks resolved) is a file strictly inside ``root``."""
    real, top = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    return real != top and real.is_relative_to(top) and real.is_file()


def _abandoned(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
    except (BlockingIOError, FileNotFoundError):
        return False


def _same_bytes(path: Path, digest: str) -> bool:
    try:
        return _sha256(path) == digest
    except FileNotFoundError:  # removed meanwhile (a failed upload discarded it)
        return False


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_CHUNK):
            h.update(block)
    return h.hexdigest()
