"""Every error reportqa raises on purpose. Each message says what went wrong and how to fix it.

They live in ``ingest`` because it is the bottom layer: ``index`` and ``app`` may import it, so one
module can serve all three packages without breaking the one-way data flow.
"""
from __future__ import annotations

__all__ = [
    "ReportQAError", "LoadError", "UnsupportedFormatError", "EmptyDocumentError",
    "FileTooLargeError", "DecodeError", "UnreadableFileError", "EncryptedDocumentError",
    "CorruptDocumentError", "UnsafePathError", "MissingToolError", "NoTextFoundError",
    "TooManyPagesError", "IndexNotFoundError", "IndexCorruptError",
    "EncoderMismatchError", "EncoderUnavailableError", "InvalidQueryError", "UnknownRegionError",
    "LLMError", "DocumentNotFoundError",
]


class ReportQAError(Exception):
    """Base class. ``str(err)`` is a message a user can act on."""


# --- ingest ---------------------------------------------------------------------------------
class LoadError(ReportQAError):
    """A file could not be turned into text. The other files of the same run are unaffected."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


class UnsupportedFormatError(LoadError):
    pass


class EmptyDocumentError(LoadError):
    pass


class FileTooLargeError(LoadError):
    pass


class DecodeError(LoadError):
    pass


class UnreadableFileError(LoadError):
    """Missing path, a directory, or no permission to read."""


class EncryptedDocumentError(LoadError):
    """A password-protected PDF."""


class CorruptDocumentError(LoadError):
    """A damaged PDF/DOCX, or a file that is not what its extension says."""


class UnsafePathError(LoadError):
    """A client named a server path instead of sending a file (refused, nothing is read)."""


class MissingToolError(LoadError):
    """Reading this kind of file needs a program that is not installed (the message names it
    and how to install it)."""


class NoTextFoundError(EmptyDocumentError):
    """A scan or image in which OCR found no text."""


class TooManyPagesError(LoadError):
    """A scan with more pages than REPORTQA_MAX_OCR_PAGES allows to OCR."""


# --- index ----------------------------------------------------------------------------------
class IndexNotFoundError(ReportQAError):
    def __init__(self, index_dir: str):
        super().__init__(f"No index at {index_dir}. Build one with: reportqa ingest data/reports "
                         f"--index {index_dir}")


class IndexCorruptError(ReportQAError):
    def __init__(self, index_dir: str, detail: str):
        super().__init__(f"The index at {index_dir} is unreadable ({detail}). Rebuild it with: "
                         f"reportqa ingest data/reports --index {index_dir} --rebuild")


class EncoderMismatchError(ReportQAError):
    def __init__(self, index_dir: str, built_with: str, asked_for: str):
        super().__init__(f"The index at {index_dir} was built with encoder {built_with!r} but "
                         f"{asked_for!r} is configured. Use the same encoder (REPORTQA_ENCODER="
                         f"{built_with}) or rebuild: reportqa ingest data/reports --rebuild")


class EncoderUnavailableError(ReportQAError):
    pass


class DocumentNotFoundError(ReportQAError):
    def __init__(self, doc_id: str):
        super().__init__(f"No document with id {doc_id!r} in the index; list ids with: "
                         "reportqa docs")


# --- app ------------------------------------------------------------------------------------
class InvalidQueryError(ReportQAError):
    pass


class UnknownRegionError(ReportQAError):
    def __init__(self, region: str, available: list[str]):
        self.region, self.available = region, available
        super().__init__(f"No report in the index covers {region}. Regions in the index: "
                         f"{'、'.join(available) or '(none)'}")


class LLMError(ReportQAError):
    pass
