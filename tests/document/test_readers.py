"""Readers of Word, PDF, HTML and Akoma Ntoso files: text, numbering, source locations and their errors.

Every document is generated here (python-docx, fpdf2, strings) or stored small in tests/fixtures/.
"""

from __future__ import annotations

import io
import zipfile

import bills
import pytest
from conftest import FIXTURES, english
from docx import Document as WordDocument
from docx.oxml import parse_xml
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from lexcheck.document import Document, ReadOptions, read_bytes
from lexcheck.document.pdf_layout import Page, TextLine, lay_out
from lexcheck.document.sniff import sniff
from lexcheck.errors import LexcheckError
from lexcheck.structure import build_statute

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def error_code(data: bytes, name: str, options: ReadOptions | None = None) -> str:
    with pytest.raises(LexcheckError) as info:
        read_bytes(data, name, "." + name.rsplit(".", 1)[-1], options)
    assert info.value.path == name
    assert "\n" not in info.value.one_line()
    return info.value.code


def labels(document: Document) -> list[str]:
    return [p.label for p in build_statute(document, english()).provisions]


def docx_bytes(document) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- Word ---------------------------------------------------------------------------------------------

def test_word_list_numbering_gives_provision_labels() -> None:
    data = bills.to_docx(numbering=True)
    assert b"(1) A person" not in data  # the numbers exist only as list formatting
    document = read_bytes(data, "bill.docx", ".docx")
    assert document.format == "docx"
    assert "(1) A person who facilitates" in document.text
    assert "(b) \"victim\" means" in document.text
    assert labels(document) == labels(read_bytes(bills.to_text().encode(), "bill.txt", ".txt"))


def _numbered(abstract: str, paragraphs: list[tuple[str, int, str]], nums: str) -> bytes:
    document = WordDocument()
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(abstract))
    for num in parse_xml(f'<w:x xmlns:w="{W}">{nums}</w:x>'):
        root.append(num)
    for num_id, ilvl, text in paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
    return docx_bytes(document)


def test_word_numbering_levels_formats_restarts_and_shared_counters() -> None:
    abstract = f"""<w:abstractNum xmlns:w="{W}" w:abstractNumId="50">
      <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
      <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
    </w:abstractNum>"""
    nums = (
        '<w:num w:numId="60"><w:abstractNumId w:val="50"/></w:num>'
        '<w:num w:numId="61"><w:abstractNumId w:val="50"/></w:num>'
        '<w:num w:numId="62"><w:abstractNumId w:val="50"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>'
    )
    data = _numbered(
        abstract,
        [
            ("60", 0, "Offences"),
            ("60", 1, "first"),
            ("60", 2, "one"),
            ("60", 2, "two"),
            ("60", 2, "three"),
            ("60", 3, "a bullet"),
            ("61", 1, "second (another instance of the same list continues it)"),
            ("61", 0, "Penalties"),
            ("61", 1, "restarted under a new section"),
            ("62", 0, "Restarted at ten"),
            ("62", 0, "then eleven"),
        ],
        nums,
    )
    lines = read_bytes(data, "n.docx", ".docx").text.splitlines()
    assert lines == [
        "3. Offences",
        "(1) first",
        "(i) one",
        "(ii) two",
        "(iii) three",
        "a bullet",
        "(2) second (another instance of the same list continues it)",
        "4. Penalties",
        "(1) restarted under a new section",
        "10. Restarted at ten",
        "11. then eleven",
    ]


def test_word_numbering_from_a_paragraph_style() -> None:
    document = WordDocument()
    root = document.part.numbering_part.element
    root.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="70"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
        ),
    )
    root.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="71"><w:abstractNumId w:val="70"/></w:num>'))
    style = document.styles.add_style("Bill Paragraph", 1)
    style.element.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr xmlns:w="{W}"><w:numId w:val="71"/></w:numPr>')
    )
    for text in ("the threat or use of force;", "abduction;", "deception."):
        document.add_paragraph(text, style="Bill Paragraph")
    text = read_bytes(docx_bytes(document), "s.docx", ".docx").text
    assert text.splitlines() == ["(a) the threat or use of force;", "(b) abduction;", "(c) deception."]


def _tracked_docx() -> bytes:
    document = WordDocument()
    paragraph = document.add_paragraph("A person who traffics a ")
    paragraph._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z">'
            "<w:r><w:delText>woman</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="2" w:author="A" w:date="2025-01-01T00:00:00Z">'
            "<w:r><w:t>person</w:t></w:r></w:ins>"
        )
    )
    paragraph.add_run(" commits an offence.")
    return docx_bytes(document)


def test_word_tracked_changes_accepted_by_default_or_rejected_on_request() -> None:
    data = _tracked_docx()
    assert read_bytes(data, "t.docx", ".docx").text == "A person who traffics a person commits an offence.\n"
    original = read_bytes(data, "t.docx", ".docx", ReadOptions(tracked_changes="reject"))
    assert original.text == "A person who traffics a woman commits an offence.\n"


def test_word_comments_hidden_text_and_tables() -> None:
    document = WordDocument()
    document.add_paragraph("4. Smuggling of migrants")
    paragraph = document.add_paragraph("(1) A person who facilitates unlawful entry commits an offence.")
    document.add_comment(paragraph.runs, text="Reviewer: add the benefit element", author="R")
    hidden = document.add_paragraph("Visible words.")
    run = hidden.add_run(" Hidden drafting note.")
    run.font.hidden = True
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Offence"
    table.cell(0, 1).text = "Maximum penalty"
    table.cell(1, 0).text = "Section 4"
    table.cell(1, 1).text = "Fifteen years"
    document.add_paragraph("5. Assistance")
    result = read_bytes(docx_bytes(document), "c.docx", ".docx")
    assert "Reviewer" not in result.text and "Hidden" not in result.text
    assert result.text.splitlines() == [
        "4. Smuggling of migrants",
        "(1) A person who facilitates unlawful entry commits an offence.",
        "Visible words.",
        "Offence",
        "Maximum penalty",
        "Section 4",
        "Fifteen years",
        "5. Assistance",
    ]
    # Paragraphs are counted in reading order, table cells included.
    assert result.source_at(result.text.index("Fifteen")) == {"paragraph": 7}
    assert result.source_at(result.text.index("5. Assistance")) == {"paragraph": 8}


def test_word_headings_are_set_apart_by_a_blank_line() -> None:
    text = read_bytes(bills.to_docx(), "b.docx", ".docx").text
    assert "\n\nPART II - OFFENCES\n\n3. Trafficking in persons\n(1) A person who recruits" in text


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_word_zip_bomb_is_refused_before_unpacking() -> None:
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 3_000_000})
    assert len(bomb) < 20_000
    with pytest.raises(LexcheckError) as info:
        read_bytes(bomb, "bomb.docx", ".docx", ReadOptions(max_unpacked_bytes=1_000_000))
    assert info.value.code == "LX020"
    assert "3000" in info.value.message and "not unpacked" in info.value.message


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (bills.to_docx()[:5000], "LX007"),  # truncated
        (b"PK\x03\x04" + b"\x00" * 100, "LX007"),  # corrupt zip
        (_zip({"hello.txt": b"not a Word file"}), "LX007"),  # a zip, but no Word package
        (_zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}), "LX007"),
        (b"plain text saved with a .docx name", "LX007"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "LX026"),  # Word 97-2003 .doc
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "LX021"),
    ],
    ids=["truncated", "corrupt-zip", "other-zip", "invalid-xml", "text", "legacy-doc", "password"],
)
def test_bad_word_files(data: bytes, code: str) -> None:
    assert error_code(data, "bad.docx") == code


def test_word_file_without_text() -> None:
    assert error_code(docx_bytes(WordDocument()), "empty.docx") == "LX025"


def test_libreoffice_saved_word_file_keeps_its_numbering() -> None:
    # LibreOffice writes one list instance per paragraph; they continue each other's numbering.
    document = read_bytes((FIXTURES / "cross_bill.libreoffice.docx").read_bytes(), "lo.docx", ".docx")
    assert labels(document) == labels(read_bytes(bills.to_text().encode(), "bill.txt", ".txt"))


# -- PDF ------------------------------------------------------------------------------------------------

# PDF page headers and line breaks are read with the words of the bill's language.
ENGLISH = ReadOptions(lexicon=english())


def test_pdf_running_header_page_numbers_and_pages() -> None:
    document = read_bytes(bills.to_pdf(), "bill.pdf", ".pdf", ENGLISH)
    assert document.format == "pdf"
    assert "DRAFT FOR CONSULTATION" not in document.text
    assert "Page 1" not in document.text and "Page 2" not in document.text
    assert document.text.startswith("BORDER CONTROL AND ANTI-TRAFFICKING BILL\n\nPART I - PRELIMINARY\n")
    assert document.source_at(document.text.index("1. Short title")) == {"page": 1}
    assert document.source_at(document.text.index("5. Assistance")) == {"page": 2}
    assert labels(document) == labels(read_bytes(bills.to_text().encode(), "bill.txt", ".txt"))


def _pdf(place) -> bytes:  # type: ignore[no-untyped-def]
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    place(pdf)
    return bytes(pdf.output())


def test_pdf_words_hyphenated_at_a_line_end_are_joined() -> None:
    def place(pdf: FPDF) -> None:
        rows = [
            "(1) A person who facilitates the unlawful entry of another person for a financial or other",
            "material benefit commits an offence, including by non-govern-",
            "mental organiza-",
            "tions in cross-",
            "border cases.",
        ]
        for index, row in enumerate(rows):
            pdf.text(20, 30 + 6 * index, row)

    text = read_bytes(_pdf(place), "h.pdf", ".pdf", ENGLISH).text
    words = text.split()
    # A word broken by hyphenation is joined; a hyphen that belongs to the word ("cross-border") stays.
    assert "non-governmental" in words and "organizations" in words and "cross-border" in words
    assert "organiza-" not in text and "tions" not in words


def test_pdf_prefixes_that_keep_their_hyphen_are_the_lexicons() -> None:
    lines = [TextLine("(1) A person who facilitates the unlawful entry of another person by non-", 50, 550, 100, 110),
             TextLine("governmental means commits an offence.", 50, 300, 112, 122)]
    assert "non-governmental" in lay_out([Page(1, 600, 800, lines)], english())[0].text
    # Without a lexicon no word is known to be a prefix: the hyphen only broke the word.
    assert "nongovernmental" in lay_out([Page(1, 600, 800, lines)])[0].text


def test_pdf_two_columns_are_read_one_after_the_other() -> None:
    left = [f"(a) left column line {n} of the first column;" for n in range(1, 9)]
    right = [f"(b) right column line {n} of the second column;" for n in range(1, 9)]

    def place(pdf: FPDF) -> None:
        pdf.text(20, 20, "3. Trafficking in persons")
        for index, (one, two) in enumerate(zip(left, right, strict=True)):
            pdf.text(20, 32 + 6 * index, one)
            pdf.text(110, 32 + 6 * index, two)

    lines = read_bytes(_pdf(place), "c.pdf", ".pdf", ENGLISH).text.split("\n")
    lines = [line for line in lines if line]
    assert lines == ["3. Trafficking in persons", *left, *right]


def test_pdf_layout_reads_a_paragraph_over_a_page_break() -> None:
    first = Page(1, 600, 800, [TextLine("(1) A person who facilitates the unlawful entry of", 50, 550, 100, 110)])
    second = Page(2, 600, 800, [TextLine("another person commits an offence.", 50, 300, 100, 110),
                                TextLine("(2) A person", 50, 120, 112, 122)])
    paragraphs = lay_out([first, second], english())
    assert [p.text for p in paragraphs] == [
        "(1) A person who facilitates the unlawful entry of another person commits an offence.",
        "(2) A person",
    ]
    assert paragraphs[0].pieces == [(1, "(1) A person who facilitates the unlawful entry of"),
                                    (2, "another person commits an offence.")]


def test_libreoffice_pdf_reads_like_the_text() -> None:
    document = read_bytes((FIXTURES / "cross_bill.libreoffice.pdf").read_bytes(), "lo.pdf", ".pdf", ENGLISH)
    assert labels(document) == labels(read_bytes(bills.to_text().encode(), "bill.txt", ".txt"))
    assert document.source_at(0) == {"page": 1}
    assert document.source_at(len(document.text) - 2) == {"page": 2}


def test_scanned_pdf_needs_ocr() -> None:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(image, "PNG")
    image.seek(0)
    assert error_code(_pdf(lambda pdf: pdf.image(image, x=10, y=10, w=150)), "scan.pdf") == "LX022"


def test_password_protected_pdf() -> None:
    def encrypted(user: str) -> bytes:
        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.text(20, 20, "1. A person who traffics another person commits an offence.")
        pdf.set_encryption(owner_password="owner", user_password=user, encryption_method=EncryptionMethod.RC4)
        return bytes(pdf.output())

    assert error_code(encrypted("secret"), "locked.pdf") == "LX021"
    # Only an owner password (printing or copying restricted): the text can be read.
    assert "traffics" in read_bytes(encrypted(""), "owner.pdf", ".pdf", ENGLISH).text


@pytest.mark.parametrize(
    "data",
    [bills.to_pdf()[: len(bills.to_pdf()) // 2], b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF"],
    ids=["truncated", "header-only", "no-pages"],
)
def test_corrupt_pdf(data: bytes) -> None:
    assert error_code(data, "broken.pdf") == "LX007"


# -- HTML -------------------------------------------------------------------------------------------------

def test_html_main_text_without_navigation_scripts_or_footer() -> None:
    page = bills.to_html()
    document = read_bytes(page, "bill.html", ".html")
    assert document.format == "html"
    for chrome in ("Home", "Acts", "Not a section", "Copyright", "font-family", "Parliament of the Republic"):
        assert chrome not in document.text
    assert "(1) A person who facilitates the illegal entry" in document.text  # list number written out
    assert labels(document) == labels(read_bytes(bills.to_text().encode(), "bill.txt", ".txt"))
    line = page.decode().splitlines().index(next(x for x in page.decode().splitlines() if "5. Assistance" in x)) + 1
    assert document.source_at(document.text.index("5. Assistance")) == {"line": line}


def test_html_ordered_list_styles_and_numbers_already_in_the_text() -> None:
    page = b"""<html><body><article>
    <h2>Section 6</h2>
    <ol start="2"><li>second</li><li>third
      <ol style="list-style-type: lower-roman"><li>one</li><li>two</li></ol></li></ol>
    <ol style="list-style: none"><li>(4) typed by the page</li></ol>
    <ol type="A"><li>upper</li></ol>
    <ul><li>a bullet</li></ul>
    </article></body></html>"""
    lines = read_bytes(page, "l.html", ".html").text.split("\n")
    assert [line for line in lines if line] == [
        "Section 6", "(2) second", "(3) third", "(i) one", "(ii) two", "(4) typed by the page", "(A) upper",
        "a bullet",
    ]


def test_html_in_a_text_file_or_on_stdin_is_read_as_html() -> None:
    page = bills.to_html()
    for name, suffix in (("bill.txt", ".txt"), ("<stdin>", "")):
        document = read_bytes(page, name, suffix)
        assert document.format == "html"
        assert "<li>" not in document.text
    forced = read_bytes(page, "bill.txt", ".txt", ReadOptions(input_format="text"))
    assert forced.format == "text" and "<li>" in forced.text


def test_html_without_text() -> None:
    assert error_code(b"<html><body><nav>Home</nav><script>x()</script></body></html>", "e.html") == "LX025"


# -- Akoma Ntoso --------------------------------------------------------------------------------------------

def test_akoma_ntoso_labels_from_num_and_locations_from_eid() -> None:
    document = read_bytes(bills.to_akn(), "bill.xml", ".xml")
    assert document.format == "akn"
    assert labels(document) == labels(read_bytes(bills.to_text().encode(), "bill.txt", ".txt"))
    assert document.source_at(document.text.index("(2) A victim may be detained")) == {"eid": "sec_5__subsec_2"}
    assert document.source_at(document.text.index("Section 4. Smuggling")) == {"eid": "sec_4"}


def test_akoma_ntoso_numbers_notes_and_deletions() -> None:
    xml = f"""<akomaNtoso xmlns="{AKN_NS}"><act><meta><references/></meta><body>
    <article eId="art_7"><num>7</num><heading>Non-punishment</heading>
      <paragraph eId="art_7__para_1"><num>1</num><content><p>A victim shall not be punished
      <del>for immigration offences only</del>for offences committed as a result of being trafficked.
      <authorialNote eId="n1"><p>Footnote: see Directive 2011/36/EU.</p></authorialNote></p></content></paragraph>
    </article></body></act></akomaNtoso>""".encode()
    document = read_bytes(xml, "a.akn", ".akn")
    assert "Footnote" not in document.text and "immigration offences only" not in document.text
    assert document.text.startswith("Article 7. Non-punishment\n(1) A victim shall not be punished for offences")
    assert labels(document) == ["Art. 7", "Art. 7(1)"]


def test_xml_external_entities_and_entity_bombs_are_not_expanded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY leak SYSTEM "file://{secret}"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>
<akomaNtoso xmlns="{AKN_NS}"><act><body><section eId="sec_1"><num>1</num>
<content><p>Text &leak; and &net; here.</p></content></section></body></act></akomaNtoso>""".encode()
    document = read_bytes(xxe, "xxe.xml", ".xml")
    assert "TOP-SECRET" not in document.text
    assert "Text" in document.text and "here." in document.text
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f"""<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY l0 "lol">{laughs}]>
<akomaNtoso xmlns="{AKN_NS}"><act><body><section eId="sec_1"><num>1</num><content><p>&l9;</p></content>
</section></body></act></akomaNtoso>""".encode()
    try:
        result = read_bytes(bomb, "bomb.xml", ".xml")
        assert len(result.text) < 1000
    except LexcheckError as problem:
        assert problem.code in ("LX023", "LX025")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (f'<akomaNtoso xmlns="{AKN_NS}"><act><body><section><p>unclosed</section>'.encode(), "LX023"),
        (b'<?xml version="1.0"?>\n<uslm><section>1. Text</section></uslm>', "LX024"),
        (f'<akomaNtoso xmlns="{AKN_NS}"><act><meta/></act></akomaNtoso>'.encode(), "LX025"),
        (b'<?xml version="1.0"?>', "LX023"),
    ],
    ids=["invalid", "other-vocabulary", "no-text", "no-root"],
)
def test_bad_xml(data: bytes, code: str) -> None:
    assert error_code(data, "bad.xml") == code


def test_invalid_xml_names_the_line() -> None:
    with pytest.raises(LexcheckError) as info:
        read_bytes(f'<akomaNtoso xmlns="{AKN_NS}">\n<act>\n<body></act>'.encode(), "x.xml", ".xml")
    assert info.value.line == 3
    assert info.value.one_line().startswith("x.xml:3: invalid Akoma Ntoso XML")


def test_akoma_ntoso_in_a_text_file_is_read_as_akoma_ntoso() -> None:
    assert read_bytes(bills.to_akn(), "bill.txt", ".txt").format == "akn"


# -- recognising formats -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (b"%PDF-1.7 ...", ".txt", "pdf"),
        (b"%PDF-1.7 ...", "", "pdf"),
        (b"PK\x03\x04....word/document.xml", ".bin", "docx"),
        (b"PK\x03\x04....other", ".zip", "zip"),
        (b"\xef\xbb\xbf<!DOCTYPE html><p>x</p>", "", "html"),
        ("\ufeff<html><body>x</body></html>".encode("utf-16"), ".txt", "html"),
        (b"<!-- saved -->\n<akomaNtoso xmlns='x'/>", ".txt", "akn"),
        (b"<?xml version='1.0'?><other/>", ".txt", "akn"),  # the reader names the root it found
        (b"< 18 years is a child", ".txt", "text"),
        (b"Section 1. Short title", ".md", "markdown"),
        (b"Section 1.", ".odt", "unknown"),
    ],
)
def test_sniffing(data: bytes, suffix: str, expected: str) -> None:
    assert sniff(data, suffix) == expected


def test_word_equations_are_read_as_text() -> None:
    document = WordDocument()
    paragraph = document.add_paragraph("(2) The fine is ")
    paragraph._p.append(parse_xml(
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        "<m:r><m:t>10 × U</m:t></m:r></m:oMath>"))
    paragraph.add_run(" dollars.")
    assert read_bytes(docx_bytes(document), "m.docx", ".docx").text == "(2) The fine is 10 × U dollars.\n"
