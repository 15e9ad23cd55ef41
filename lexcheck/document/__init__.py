"""Reading bills: bytes on disk → a :class:`Document` (normalised text + map back to the source)."""

from lexcheck.document.model import Document
from lexcheck.document.readers import SUPPORTED_SUFFIXES, read_bytes_as, read_document, read_text_bytes

__all__ = ["SUPPORTED_SUFFIXES", "Document", "read_bytes_as", "read_document", "read_text_bytes"]
