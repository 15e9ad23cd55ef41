"""Reading bills: decoding, line ends, Markdown masking, input errors, and offset → line/column mapping."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lexcheck.document import Document, read_document, read_text_bytes
from lexcheck.document.readers import mask_markdown
from lexcheck.errors import LexcheckError

TEXT = "Section 1. Short title.\nThis Act is the “Anti-Trafficking Act” — 2025.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- decoding ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom"],
)
def test_unicode_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes, encoding: str) -> None:
    doc = read_document(write(tmp_path, "bill.txt", data))
    assert doc.text == TEXT  # no BOM character left at the start, quotes and dashes intact
    assert doc.encoding == encoding
    assert doc.position(doc.text.index("This Act")) == (2, 1)


def test_cp1252_curly_quotes_and_dashes(tmp_path: Path) -> None:
    # 0x93/0x94 are “ ”, 0x96 is an en dash and 0x97 an em dash in Windows-1252; they are invalid UTF-8.
    data = b"3.\x97(1) A \x93victim\x94 means a person aged 12\x9618.\n"
    doc = read_document(write(tmp_path, "legacy.txt", data))
    assert doc.encoding == "cp1252"
    assert doc.text == "3.—(1) A “victim” means a person aged 12–18.\n"


def test_crlf_line_ends_keep_line_numbers(tmp_path: Path) -> None:
    data = b"1. Title.\r\n\r\n2. A person who traffics another person commits an offence.\r\n"
    doc = read_document(write(tmp_path, "crlf.txt", data))
    assert "\r" not in doc.text
    offset = doc.text.index("traffics")
    assert doc.position(offset) == (3, 17)
    assert doc.line_of(offset) == 3


def test_lone_cr_line_ends_are_lines_too() -> None:
    doc = read_text_bytes(b"first\rsecond\rthird", "cr.txt")
    assert doc.text == "first\nsecond\nthird"
    assert doc.position(doc.text.index("third")) == (3, 1)


def test_markdown_markup_is_blanked_not_removed(tmp_path: Path) -> None:
    source = "# Anti-Trafficking Bill\n\n## Section 3\n\n**(1)** A person who *knowingly* traffics a child commits an offence.\n"
    doc = read_document(write(tmp_path, "bill.md", source.encode("utf-8")))
    assert doc.format == "markdown"
    assert len(doc.text) == len(source)
    for original, masked in zip(source.splitlines(), doc.text.splitlines(), strict=True):
        assert len(original) == len(masked)
    assert "#" not in doc.text and "*" not in doc.text
    assert doc.text.startswith("  Anti-Trafficking Bill\n")
    # Columns of the analysed text are those of the file the user opened.
    for word in ("Section 3", "(1)", "knowingly", "traffics"):
        offset = doc.text.index(word)
        assert source[offset : offset + len(word)] == word
    line, column = doc.position(doc.text.index("traffics"))
    assert (line, column) == (5, source.splitlines()[4].index("traffics") + 1)


def test_mask_markdown_keeps_plain_text_and_offsets() -> None:
    plain = "(a) a person who is 18 - 25 years old; and\n"
    assert mask_markdown(plain) == plain
    quoted = "> 4. Quoted section.\n"
    assert mask_markdown(quoted) == "  4. Quoted section.\n"


# -- input errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "LX002"),
        (b"   \n\t\r\n  \n", "LX002"),
        (codecs.BOM_UTF8, "LX002"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "LX001"),
        (b"Section 1.\x00\x00\x00 binary \x00 padding", "LX001"),
    ],
    ids=["empty", "whitespace-only", "bom-only", "png-header", "nul-bytes"],
)
def test_empty_and_binary_files_are_errors(tmp_path: Path, data: bytes, code: str) -> None:
    path = write(tmp_path, "input.txt", data)
    with pytest.raises(LexcheckError) as info:
        read_document(path)
    assert info.value.code == code
    assert info.value.path == str(path)
    assert info.value.one_line().startswith(f"{path}: ")
    assert info.value.one_line().endswith(f"[{code}]")


def test_markdown_that_is_only_markup_is_empty(tmp_path: Path) -> None:
    with pytest.raises(LexcheckError) as info:
        read_document(write(tmp_path, "rule.md", b"---\n\n***\n"))
    assert info.value.code == "LX002"


def test_invalid_bytes_after_a_bom_are_undecodable(tmp_path: Path) -> None:
    with pytest.raises(LexcheckError) as info:
        read_document(write(tmp_path, "odd.txt", codecs.BOM_UTF16_LE + b"A\x00B"))
    assert info.value.code == "LX003"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "bill.odt", b"PK\x03\x04")
    with pytest.raises(LexcheckError) as info:
        read_document(path)
    assert info.value.code == "LX005"
    assert "'.odt'" in info.value.message and ".txt" in info.value.message and ".docx" in info.value.message


def test_missing_file(tmp_path: Path) -> None:
    for name in ("absent.txt", "absent.pdf"):
        with pytest.raises(LexcheckError) as info:
            read_document(tmp_path / name)
        assert info.value.code == "LX006"


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "BILL.TXT", b"1. A short bill.\n"))
    assert doc.format == "text"


# -- Document positions -------------------------------------------------------------------------------

def test_position_is_one_based_line_and_column() -> None:
    doc = Document("x.txt", "ab\ncde\n\nf")
    assert doc.position(0) == (1, 1)
    assert doc.position(1) == (1, 2)
    assert doc.position(3) == (2, 1)
    assert doc.position(5) == (2, 3)
    assert doc.position(7) == (3, 1)
    assert doc.position(8) == (4, 1)
    assert doc.position(10_000) == (4, 2)  # clamped to the end of the text
    assert doc.line_span(2) == (3, 6)


def test_first_line_shifts_reported_lines() -> None:
    doc = Document("x.txt", "ab\ncde\n", first_line=5)
    assert doc.position(0) == (5, 1)
    assert doc.position(4) == (6, 2)
    assert doc.line_of(4) == 6
    assert doc.line_span(6) == (3, 6)


# -- NUL bytes and stray bytes ------------------------------------------------------------------------

def test_a_nul_byte_after_the_first_8_kb_is_refused_not_dropped(tmp_path: Path) -> None:
    # Dropping the NUL would shift every later column on its line; the file is refused as binary instead.
    data = b"Section 1. Interpretation.\n" * 400 + b"(1) A person who\x00 traffics another person.\n"
    assert len(data) > 8192
    with pytest.raises(LexcheckError) as info:
        read_document(write(tmp_path, "bill.txt", data))
    assert info.value.code == "LX001"


def test_nul_padding_at_the_end_is_dropped_and_columns_stay_exact(tmp_path: Path) -> None:
    data = b"Section 1. Offences.\n" * 500 + b"(1) A person who traffics another person.\n" + b"\x00" * 64
    doc = read_document(write(tmp_path, "padded.txt", data))
    assert "\x00" not in doc.text
    offset = doc.text.index("traffics")
    assert doc.position(offset) == (501, data.splitlines()[500].index(b"traffics") + 1)


def test_one_stray_byte_in_a_utf8_bill_is_replaced_and_reported(tmp_path: Path) -> None:
    text = "Section 1. Offences.—\n(1) A “victim” means a person\xff who is trafficked — in any way.\n"
    data = text.encode("utf-8").replace("\xff".encode(), b"\xff")
    doc = read_document(write(tmp_path, "bill.txt", data))
    assert doc.encoding == "utf-8"
    assert doc.text == text.replace("\xff", "\ufffd")  # every dash and quote intact, not "â€”"
    [warning] = doc.warnings
    assert warning.code == "LX015"
    assert warning.message == "1 byte(s) that are not UTF-8 replaced by U+FFFD (the first on line 2, column 30)"
    assert doc.position(doc.text.index("\ufffd")) == (2, 30)


def test_a_file_that_is_cp1252_throughout_is_still_read_as_cp1252(tmp_path: Path) -> None:
    data = b"1. A \x93victim\x94 means \x96 for this Act \x97 a person.\n" * 3
    doc = read_document(write(tmp_path, "legacy.txt", data))
    assert (doc.encoding, doc.warnings) == ("cp1252", [])
    assert "“victim”" in doc.text
