"""Bad input of every kind: one line naming the file and the problem, exit code 2, and the run goes on.

Also the command-line side of the readers: --input-format, --tracked-changes, directory scans of every
format, sources in the text and JSON reports, and input files left untouched.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import bills
import pytest
from conftest import FIXTURES
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from typer.testing import CliRunner

from lexcheck.cli import app

SMUGGLING = FIXTURES / "smuggling_bill.txt"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def bundled_rules_once(monkeypatch: pytest.MonkeyPatch, rulebook) -> None:  # type: ignore[no-untyped-def]
    import lexcheck.cli

    monkeypatch.setattr(lexcheck.cli, "load_rulebook", lambda paths=None, language=None: rulebook)


def run(runner: CliRunner, *args: str, input: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def _zip_bomb() -> bytes:
    """A Word-looking archive whose one member unpacks to 300 MiB of zeros (about 300 KB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(block)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(20, 20, "1. A person who smuggles a migrant commits an offence.")
    pdf.set_encryption(owner_password="o", user_password="u", encryption_method=EncryptionMethod.RC4)
    return bytes(pdf.output())


def _scanned_pdf() -> bytes:
    from PIL import Image

    image = io.BytesIO()
    Image.new("L", (400, 300), 255).save(image, "PNG")
    image.seek(0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=150)
    return bytes(pdf.output())


BAD_INPUTS = [
    ("empty.txt", b"", "LX002"),
    ("binary.txt", bytes(range(256)) * 4, "LX001"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00", "LX001"),
    ("undecodable.txt", b"\xff\xfeA\x00B", "LX003"),
    ("truncated.docx", bills.to_docx()[:3000], "LX007"),
    ("corrupt.docx", b"PK\x03\x04\x14\x00garbage" * 20, "LX007"),
    ("archive.zip", b"PK\x03\x04\x14\x00garbage", "LX005"),
    ("bomb.docx", None, "LX020"),
    ("truncated.pdf", bills.to_pdf()[:1500], "LX007"),
    ("locked.pdf", None, "LX021"),
    ("scanned.pdf", None, "LX022"),
    ("invalid.xml", b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>', "LX023"),
    ("other.xml", b"<?xml version='1.0'?><catalogue><book>1. Text</book></catalogue>", "LX024"),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "LX026"),
    ("missing.pdf", None, "LX006"),
]


@pytest.mark.parametrize(("name", "data", "code"), BAD_INPUTS, ids=[item[0] for item in BAD_INPUTS])
def test_bad_input_is_one_line_and_the_run_goes_on(
    runner: CliRunner, tmp_path: Path, name: str, data: bytes | None, code: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(SMUGGLING.read_bytes())
    bad = tmp_path / name
    if name == "bomb.docx":
        data = _zip_bomb()
    elif name == "locked.pdf":
        data = _encrypted_pdf()
    elif name == "scanned.pdf":
        data = _scanned_pdf()
    if data is not None:
        bad.write_bytes(data)
    result = run(runner, "check", str(bad), str(good), "--select", "SOM-BENEFIT", "--format", "json")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert [e["path"] for e in report["errors"]] == [str(bad)]
    assert report["errors"][0]["message"].endswith(f"[{code}]")
    assert report["summary"]["files_analysed"] == 1  # the good file was still analysed
    assert result.stderr.strip().splitlines() == [f"{bad}: error: {report['errors'][0]['message']}"]
    # Alone, the bad file still gives exit code 2 and the same one line.
    alone = run(runner, "check", str(bad))
    assert alone.exit_code == 2
    assert [line for line in alone.stdout.splitlines() if "error:" in line] == [
        f"{bad}: error: {report['errors'][0]['message']}"
    ]
    # Nothing is written next to the inputs.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"good.txt"} | ({name} if data is not None else set()))


def test_directory_loop_through_symlinks(runner: CliRunner, tmp_path: Path) -> None:
    bills_dir = tmp_path / "bills"
    (bills_dir / "sub").mkdir(parents=True)
    (bills_dir / "sub" / "bill.txt").write_bytes(SMUGGLING.read_bytes())
    (bills_dir / "sub" / "loop").symlink_to(bills_dir, target_is_directory=True)
    result = run(runner, "check", str(bills_dir), "--format", "json", "--select", "SOM-BENEFIT")
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["summary"]["files"]] == [str(bills_dir / "sub" / "bill.txt")]
    assert result.exit_code == 1


def test_directory_scan_reads_every_format(runner: CliRunner, tmp_path: Path) -> None:
    files = {
        "a.txt": bills.to_text().encode(),
        "b.docx": bills.to_docx(),
        "c.pdf": bills.to_pdf(),
        "d.html": bills.to_html(),
        "e.htm": bills.to_html(),
        "f.xml": bills.to_akn(),
        "~$b.docx": b"\x05lock file of an open Word document",
        "notes.odt": b"PK\x03\x04",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = run(runner, "check", str(tmp_path), "--format", "json", "--select", "death-penalty")
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert [Path(f["path"]).name for f in report["summary"]["files"]] == ["a.txt", "b.docx", "c.pdf", "d.html",
                                                                          "e.htm", "f.xml"]
    assert {(Path(f["path"]).suffix, f["provision"]) for f in report["findings"]} == {
        (suffix, "s. 3(3)") for suffix in (".txt", ".docx", ".pdf", ".html", ".htm", ".xml")
    }
    sources = {Path(f["path"]).suffix: f["source"] for f in report["findings"]}
    assert sources == {".txt": None, ".docx": {"paragraph": 14}, ".pdf": {"page": 1},
                       ".html": sources[".html"], ".htm": sources[".html"], ".xml": {"eid": "sec_3__subsec_3"}}
    assert set(sources[".html"]) == {"line"}


def test_text_report_names_paragraph_page_and_eid(runner: CliRunner, tmp_path: Path) -> None:
    for name, make in (("bill.docx", bills.to_docx), ("bill.pdf", bills.to_pdf), ("bill.xml", bills.to_akn)):
        (tmp_path / name).write_bytes(make())
    result = run(runner, "check", str(tmp_path), "--select", "death-penalty")
    assert result.exit_code == 1
    assert "  ERROR   paragraph 14  " in result.stdout
    assert "  ERROR   page 1  " in result.stdout
    assert "  ERROR   eId sec_3__subsec_3  " in result.stdout


def test_html_and_xml_on_stdin_or_in_a_text_file(runner: CliRunner, tmp_path: Path) -> None:
    for data in (bills.to_html(), bills.to_akn()):
        result = run(runner, "check", "-", "--format", "json", "--select", "death-penalty", input=data)
        findings = json.loads(result.stdout)["findings"]
        assert [(f["path"], f["provision"]) for f in findings] == [("<stdin>", "s. 3(3)")]
        page = tmp_path / "saved-page.txt"
        page.write_bytes(data)
        findings = json.loads(run(runner, "check", str(page), "--format", "json").stdout)["findings"]
        assert not any("<" in f["excerpt"] for f in findings)  # markup is not analysed as words


def test_input_format_overrides_content_and_suffix(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "bill.html"
    page.write_bytes(bills.to_html())
    as_text = run(runner, "check", str(page), "--input-format", "text", "--format", "json", "--select",
                  "death-penalty")
    assert any("<" in f["excerpt"] for f in json.loads(as_text.stdout)["findings"])
    unnamed = tmp_path / "bill.download"
    unnamed.write_bytes(bills.to_akn())
    assert run(runner, "check", str(unnamed)).exit_code == 2  # an unknown suffix, unless the format is given
    forced = run(runner, "check", str(unnamed), "--input-format", "akn", "--format", "json", "--select",
                 "death-penalty")
    assert [f["source"] for f in json.loads(forced.stdout)["findings"]] == [{"eid": "sec_3__subsec_3"}]
    wrong = run(runner, "check", str(page), "--input-format", "pdf")
    assert wrong.exit_code == 2 and "[LX007]" in wrong.stdout


def test_tracked_changes_option(runner: CliRunner, tmp_path: Path) -> None:
    from docx import Document as WordDocument
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = WordDocument()
    document.add_paragraph("5. Assistance")
    paragraph = document.add_paragraph("(1) The Minister shall provide shelter to victims")
    paragraph._p.append(parse_xml(
        f'<w:ins xmlns:w="{w}" w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z">'
        "<w:r><w:t> who are citizens of the Republic</w:t></w:r></w:ins>"))
    paragraph.add_run(".")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    accepted = json.loads(run(runner, "check", str(path), "--format", "json", "--select",
                              "citizen-only-protection").stdout)
    assert [f["provision"] for f in accepted["findings"]] == ["s. 5(1)"]
    rejected = json.loads(run(runner, "check", str(path), "--format", "json", "--select",
                              "citizen-only-protection", "--tracked-changes", "reject").stdout)
    assert rejected["findings"] == []


def test_input_files_are_not_modified(runner: CliRunner, tmp_path: Path) -> None:
    made = {"b.docx": bills.to_docx(), "c.pdf": bills.to_pdf(), "d.html": bills.to_html(), "e.xml": bills.to_akn()}
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    run(runner, "check", str(tmp_path), "--format", "json", "--explain")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before
