"""Reading bills: bytes on disk → a :class:`Document` (normalised text + map back to the source)."""

from lexcheck.document.model import Document, SourceLocation
from lexcheck.document.options import INPUT_FORMATS, ReadOptions
from lexcheck.document.readers import SUPPORTED_SUFFIXES, read_bytes, read_document, read_text_bytes

__all__ = [
    "INPUT_FORMATS",
    "SUPPORTED_SUFFIXES",
    "Document",
    "ReadOptions",
    "SourceLocation",
    "read_bytes",
    "read_document",
    "read_text_bytes",
]
