"""The lexicon: loading, validation errors (one line, file:line, LX codes), and choosing a language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lexcheck.errors import LexcheckError
from lexcheck.language import Lexicon, read_lexicon
from lexcheck.rules.loader import RuleErrors, default_rules_dir, load_rulebook

ENGLISH = default_rules_dir() / "lexicon" / "en.yaml"
ENGLISH_TEXT = ENGLISH.read_text(encoding="utf-8")


def broken(text: str, name: str = "en.yaml", language: str = "en") -> LexcheckError:
    with pytest.raises(LexcheckError) as caught:
        read_lexicon(text.encode("utf-8"), name, language)
    return caught.value


def edited(old: str, new: str) -> str:
    assert old in ENGLISH_TEXT, old
    return ENGLISH_TEXT.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_bundled_lexicon_loads_and_compiles_its_patterns() -> None:
    lexicon = read_lexicon(ENGLISH.read_bytes(), str(ENGLISH), "en")
    assert isinstance(lexicon, Lexicon)
    assert lexicon.language == "en"
    assert isinstance(lexicon.context.negation, re.Pattern)
    assert lexicon.context.negation.search("The victim shall not be punished.")
    assert not lexicon.context.negation.search("imprisonment for a term not exceeding 5 years")


def test_a_loaded_lexicon_is_known_by_its_language_and_file_hash() -> None:
    first = read_lexicon(ENGLISH.read_bytes(), "a.yaml", "en")
    again = read_lexicon(ENGLISH.read_bytes(), "b.yaml", "en")
    assert again is first  # compiled once
    assert first.key[0] == "en" and len(first.key[1]) == 64
    changed = read_lexicon((ENGLISH_TEXT + "\n# a comment\n").encode("utf-8"), "c.yaml", "en")
    assert changed is not first and changed.key != first.key


def test_word_lists_are_literal_and_tried_in_the_order_written() -> None:
    from lexcheck.language.patterns import alternation

    assert alternation(["Sec.", "body corporate", "a+b"]) == r"(?:Sec\.|body\s+corporate|a\+b)"


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("  negator: not\n", "  negator: not\n  negatr: not\n", "negatr:", "context.negatr: unknown key"),
        ("  negator: not\n", "", "  modals:", "context.negator: required key is missing"),
        ("  relative_before: '", "  relative_before: '(", "relative_before:", "context.relative_before: not a valid regular expression"),
        ("'\\b{modals}\\s+not", "'\\b{modal}\\s+not", "{modal}", "context.negation: {modal} is not a word list or pattern written above it"),
        ("(?P<modal>shall", "(?P<verb>shall", "no_opening:", "context.no_opening: the pattern needs the named group(s) (?P<modal>…)"),
        ("  modals: [shall,", "  modals: [' ', shall,", "modals:", "context.modals.0: String should match pattern"),
    ],
)
def test_a_malformed_lexicon_is_one_line_naming_the_file_line_and_key(old: str, new: str, needle: str, message: str) -> None:
    text = edited(old, new)
    problem = broken(text)
    assert problem.code == "LX117"
    assert problem.one_line().startswith(f"en.yaml:{line_of(text, needle)}: {message}")
    assert "\n" not in problem.one_line()


def test_yaml_that_does_not_parse_is_lx101() -> None:
    problem = broken(edited("  negator: not\n", "  negator: [not\n"))
    assert problem.code == "LX101"
    assert problem.one_line().startswith("en.yaml:")


def test_aliases_are_refused_in_lexicon_files() -> None:
    problem = broken(edited("  negator: not\n", "  negator: &word not\n  no_cue: *word\n").replace("  no_cue: No …\n", ""))
    assert problem.code == "LX117"
    assert "YAML aliases (*name) are not allowed in lexicon files" in problem.one_line()


def test_a_lexicon_must_be_a_mapping_for_its_own_language() -> None:
    assert broken("- a\n- b\n").code == "LX117"
    problem = broken(ENGLISH_TEXT, "fr.yaml", "fr")
    assert problem.one_line() == f"fr.yaml:{line_of(ENGLISH_TEXT, 'language: en')}: language: 'en' in the lexicon file for 'fr' [LX117]"


def rule_pack(folder: Path, language: str | None) -> Path:
    """A rule folder with one rule, optionally naming its language."""
    rule = yaml.safe_load((default_rules_dir() / "sentencing" / "death-penalty.yaml").read_text(encoding="utf-8"))
    rule["id"] = "pack-death-penalty"
    if language:
        rule["language"] = language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "death.yaml").write_text(yaml.safe_dump(rule, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_rule_pack_names_its_language_and_brings_its_lexicon(tmp_path: Path) -> None:
    pack = rule_pack(tmp_path / "pack", "xx")
    (pack / "lexicon").mkdir()
    (pack / "lexicon" / "xx.yaml").write_text(ENGLISH_TEXT.replace("language: en", "language: xx"), encoding="utf-8")
    book = load_rulebook([pack])
    assert book.lexicon.language == "xx"


def test_an_unknown_language_and_a_rule_in_another_language_are_errors(tmp_path: Path) -> None:
    with pytest.raises(RuleErrors) as caught:
        load_rulebook([rule_pack(tmp_path / "pack", "xx")])
    assert [problem.code for problem in caught.value.problems] == ["LX118"]
    with pytest.raises(RuleErrors) as caught:
        load_rulebook([rule_pack(tmp_path / "other", "xx")], language="en")
    assert [problem.code for problem in caught.value.problems] == ["LX119"]
    assert "rule pack-death-penalty is written for language 'xx', but this run reads 'en'" in str(caught.value)


def test_the_cli_reports_a_broken_lexicon_in_one_line_with_exit_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from lexcheck.cli import app

    pack = rule_pack(tmp_path / "pack", "xx")
    (pack / "lexicon").mkdir()
    (pack / "lexicon" / "xx.yaml").write_text(
        ENGLISH_TEXT.replace("language: en", "language: xx").replace("  negator: not\n", "  negator: not\n  typo: 1\n"),
        encoding="utf-8",
    )
    bill = tmp_path / "bill.txt"
    bill.write_text("1. A person shall not be punished.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(bill), "--rules", str(pack)], catch_exceptions=False)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].endswith("context.typo: unknown key [LX117]"), lines
    assert "xx.yaml:" in lines[0]


XX_NUMBERING = Path(__file__).with_name("xx_numbering.yaml")
XX_BILL = """\
TEIL 1 — Allgemeines

Artikel 1 — Zweck
Dieses Gesetz schützt die Opfer.

Artikel 2 — Begriffe
(1) Im Sinne dieses Gesetzes ist ein Opfer jede Person.
"""


def second_language(folder: Path) -> Path:
    """A rule folder holding one more lexicon file, for "xx": the English lexicon with xx's numbering words."""
    data = yaml.safe_load(ENGLISH_TEXT)
    data["language"], data["name"] = "xx", "Test language"
    data["numbering"] = yaml.safe_load(XX_NUMBERING.read_text(encoding="utf-8"))
    (folder / "lexicon").mkdir(parents=True)
    (folder / "lexicon" / "xx.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def test_a_second_language_is_one_more_file_and_numbering_reads_its_headings(tmp_path: Path) -> None:
    from lexcheck.document import Document
    from lexcheck.rules.loader import load_lexicon
    from lexcheck.structure import build_statute
    from lexcheck.structure.numbering import container_match, section_marker

    xx = load_lexicon("xx", [second_language(tmp_path / "pack")])
    en = load_lexicon("en")
    assert xx.language == "xx" and xx.key != en.key

    marker = section_marker("Artikel 2 — Begriffe", xx)
    assert marker is not None and (marker.style, marker.number, marker.rest) == ("article", "2", "Begriffe")
    assert section_marker("Artikel 2 — Begriffe", en) is None
    assert section_marker("Article 2 — Definitions", xx) is None
    heading = container_match("TEIL 1 — Allgemeines", xx)
    assert heading is not None and xx.numbering.container_kind(heading.group("kind")) == "part"
    assert container_match("TEIL 1 — Allgemeines", en) is None

    document = Document("gesetz.txt", XX_BILL)
    sections = [(p.label, p.heading) for p in build_statute(document, xx).provisions if p.kind == "section"]
    assert sections == [("Art. 1", "Zweck"), ("Art. 2", "Begriffe")]
    parts = [p.label for p in build_statute(document, xx).provisions if p.is_container]
    assert parts == ["Teil 1"]
    assert not [p for p in build_statute(document, en).provisions if p.kind == "section"]


def test_every_bundled_lexicon_loads_and_follows_the_published_schema() -> None:
    import json

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "schemas" / "lexicon.schema.json").read_text("utf-8"))
    files = sorted((default_rules_dir() / "lexicon").glob("*.yaml"))
    assert "en" in [path.stem for path in files]
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
        assert read_lexicon(path.read_bytes(), str(path), path.stem).language == path.stem


def test_the_configuration_names_the_language_of_the_bills(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from lexcheck.cli import app

    second_language(tmp_path / "pack")
    bill = tmp_path / "gesetz.txt"
    bill.write_text(XX_BILL, encoding="utf-8")
    config = tmp_path / "lexcheck.toml"
    runner = CliRunner()
    import json

    def provisions(config_text: str) -> int:
        config.write_text(config_text, encoding="utf-8")
        args = ["check", str(bill), "--config", str(config), "--format", "json"]
        result = runner.invoke(app, args, catch_exceptions=False)
        assert result.exit_code in (0, 1), result.stderr
        return int(json.loads(result.stdout)["summary"]["files"][0]["provisions"])

    # Read as xx: a Part, two articles and a paragraph; read as English: the bill has no provision.
    assert provisions('language = "xx"\nrules = ["pack"]\n') == 4
    assert provisions('language = "en"\n') == 1

    config.write_text('language = "zz"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(bill), "--config", str(config)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "no lexicon for language 'zz'" in result.stderr and "[LX118]" in result.stderr

    config.write_text('language = "English"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(bill), "--config", str(config)], catch_exceptions=False)
    assert result.exit_code == 2 and "[LX112]" in result.stderr
