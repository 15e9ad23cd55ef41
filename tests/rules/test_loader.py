"""Loading rule files: validation errors are one line each, ``file:line: what is wrong``, with stable codes.

Loading is slow-ish (the bundled catalogue and pattern sets are parsed each time), so the broken rule files
live in one folder loaded once; each test then checks the one-line error reported for its own file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lexcheck.engine import Analyzer
from lexcheck.errors import LexcheckError
from lexcheck.rules.loader import RuleBook, RuleErrors, load_rulebook

VALID = """\
id: test-death-rule
concern: DEATH-PENALTY
title: Test rule
severity: warning
toolkit: Tool 1.9
message: A test message.
rationale: A test rationale.
recommendation: A test recommendation.
references:
  - {instrument: International Covenant on Civil and Political Rights, article: art. 6}
flag:
  match:
    phrases: [hanged by the neck]
examples:
  fire: [The offender shall be hanged by the neck.]
  pass: [The offender shall be imprisoned.]
"""


def variant(rule_id: str, *replacements: tuple[str, str]) -> str:
    text = VALID.replace("id: test-death-rule", f"id: {rule_id}")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


BROKEN: dict[str, str] = {
    # name: file text
    "yaml-flow.yaml": variant("yaml-flow", ("severity: warning", "severity: [warning")),
    "yaml-indent.yaml": variant("yaml-indent", ("title: Test rule", "title: Test rule\n  bad: indentation: here")),
    "unknown-key.yaml": variant("unknown-key", ("severity: warning", "severity: warning\nseverty: error")),
    "repeated-key.yaml": variant("repeated-key", ("    phrases: [hanged by the neck]",
                                                  "    phrases: [hanged by the neck]\n    phrases: [shot]")),
    "unknown-nested-key.yaml": variant("unknown-nested-key", ("    phrases: [hanged by the neck]",
                                                              "    phrases: [hanged by the neck]\n    lemmata: [hang]")),
    "missing-key.yaml": variant("missing-key", ("message: A test message.\n", "")),
    "bad-severity.yaml": variant("bad-severity", ("severity: warning", "severity: fatal")),
    "unknown-concern.yaml": variant("unknown-concern", ("concern: DEATH-PENALTY", "concern: NO-SUCH-CONCERN")),
    "unknown-set.yaml": variant("unknown-set", ("phrases: [hanged by the neck]", "sets: [no-such-set]")),
    "dup-a.yaml": variant("dup-rule"),
    "dup-b.yaml": variant("dup-rule"),
    "flag-without-block.yaml": variant("flag-without-block", ("flag:\n  match:\n    phrases: [hanged by the neck]\n", "")),
    "two-kinds.yaml": variant("two-kinds", ("flag:\n", "penalty: {check: mandatory_minimum}\nflag:\n")),
    "kind-key.yaml": variant("kind-key", ("severity: warning", "severity: warning\nkind: flag")),
    "bad-id.yaml": variant("Test_Rule"),
    "not-a-mapping.yaml": "- just\n- a list\n",
    # Nine levels of nine aliases: 1.6 KB of YAML that expands to 387 million strings when built.
    "alias-bomb.yaml": variant("alias-bomb", ("phrases: [hanged by the neck]", "tokens: [[{LOWER: {IN: *a8}}]]"))
    .replace("flag:\n", "a0: &a0 [w, w, w, w, w, w, w, w, w]\n"
             + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)) + "flag:\n"),
    "huge-gap.yaml": variant("huge-gap", ("phrases: [hanged by the neck]",
                                          'tokens: [[{LOWER: hanged}, {OP: "{0,99999999}"}, {LOWER: neck}]]')),
    "huge-repeat.yaml": variant("huge-repeat", ("phrases: [hanged by the neck]",
                                                'tokens: [[{LOWER: hanged}, {OP: "{99999999}"}]]')),
    "long-pattern.yaml": variant("long-pattern", ("phrases: [hanged by the neck]",
                                                  "tokens: [[" + ", ".join(["{LOWER: a}"] * 101) + "]]")),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[LexcheckError]]]:
    folder = tmp_path_factory.mktemp("broken-rules")
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(RuleErrors) as info:
        load_rulebook([folder, folder / "nowhere"])
    by_file: dict[str, list[LexcheckError]] = {}
    for problem in info.value.problems:
        by_file.setdefault(Path(problem.path).name if problem.path else "", []).append(problem)
    assert str(info.value) == "\n".join(p.one_line() for p in info.value.problems)
    return folder, by_file


def problem_for(broken, name: str) -> tuple[Path, LexcheckError]:
    folder, by_file = broken
    problems = by_file.get(name, [])
    assert len(problems) == 1, f"{name}: {[p.one_line() for p in problems]}"
    return folder / name, problems[0]


def test_every_broken_file_is_reported_once(broken) -> None:
    _, by_file = broken
    expected = set(BROKEN) - {"dup-a.yaml"}
    assert set(by_file) == expected | {"nowhere"}
    assert all(len(problems) == 1 for problems in by_file.values())
    assert all("\n" not in p.one_line() for problems in by_file.values() for p in problems)


def test_malformed_yaml_reports_file_and_line(broken) -> None:
    path, problem = problem_for(broken, "yaml-flow.yaml")
    assert problem.code == "LX101"
    line = int(problem.one_line()[len(str(path)) + 1 :].split(":", 1)[0])
    assert 4 <= line <= 6  # the flow sequence opened on line 4 is broken by the key that follows
    assert problem.one_line().startswith(f"{path}:{line}: invalid YAML")


def test_malformed_yaml_exact_line(broken) -> None:
    path, problem = problem_for(broken, "yaml-indent.yaml")
    assert problem.one_line().startswith(f"{path}:4: invalid YAML")
    assert problem.one_line().endswith("[LX101]")


def test_a_key_written_twice_is_refused_not_silently_overwritten(broken) -> None:
    path, problem = problem_for(broken, "repeated-key.yaml")
    assert problem.one_line() == (
        f"{path}:14: invalid YAML: key 'phrases' appears twice in one mapping [LX101]"
    )


def test_unknown_key(broken) -> None:
    path, problem = problem_for(broken, "unknown-key.yaml")
    assert problem.one_line() == f"{path}:5: rule unknown-key: severty: unknown key [LX102]"


def test_unknown_nested_key_points_at_its_line(broken) -> None:
    path, problem = problem_for(broken, "unknown-nested-key.yaml")
    assert problem.one_line() == f"{path}:14: rule unknown-nested-key: flag.match.lemmata: unknown key [LX102]"


def test_missing_required_key(broken) -> None:
    path, problem = problem_for(broken, "missing-key.yaml")
    assert problem.code == "LX102"
    assert problem.one_line().startswith(f"{path}:")
    assert "rule missing-key: message: required key is missing" in problem.one_line()


def test_invalid_severity_value(broken) -> None:
    path, problem = problem_for(broken, "bad-severity.yaml")
    assert problem.one_line().startswith(f"{path}:4: rule bad-severity: severity:")


def test_unknown_concern(broken) -> None:
    path, problem = problem_for(broken, "unknown-concern.yaml")
    assert problem.code == "LX107"
    assert problem.one_line() == f"{path}:2: rule unknown-concern: unknown concern 'NO-SUCH-CONCERN' [LX107]"


def test_unknown_pattern_set(broken) -> None:
    path, problem = problem_for(broken, "unknown-set.yaml")
    assert problem.code == "LX106"
    assert problem.one_line().startswith(str(path))
    assert "rule unknown-set: unknown pattern set 'no-such-set'" in problem.one_line()


def test_duplicate_rule_id(broken) -> None:
    folder, _ = broken
    _, problem = problem_for(broken, "dup-b.yaml")
    assert problem.code == "LX105"
    assert f"duplicate rule id 'dup-rule' (also defined in {folder / 'dup-a.yaml'})" in problem.one_line()


def test_rule_without_a_logic_block(broken) -> None:
    path, problem = problem_for(broken, "flag-without-block.yaml")
    assert problem.code == "LX102"
    assert problem.one_line().startswith(f"{path}:")
    assert "needs exactly one of the blocks flag, require, absent or penalty (found: none)" in problem.one_line()


def test_rule_with_two_logic_blocks(broken) -> None:
    _, problem = problem_for(broken, "two-kinds.yaml")
    assert "found: flag, penalty" in problem.one_line()


def test_kind_is_inferred_and_no_longer_written(broken) -> None:
    """The kind is the block a rule carries; a leftover `kind:` key is reported as unknown."""
    path, problem = problem_for(broken, "kind-key.yaml")
    assert problem.one_line().startswith(f"{path}:5:") and "kind" in problem.one_line()
    rule = load_rulebook().get("death-penalty")
    assert rule is not None and rule.kind == "flag"


def test_bad_rule_id_form(broken) -> None:
    path, problem = problem_for(broken, "bad-id.yaml")
    assert problem.one_line().startswith(f"{path}:1: rule Test_Rule: id:")


def test_rule_file_must_be_a_mapping(broken) -> None:
    path, problem = problem_for(broken, "not-a-mapping.yaml")
    assert problem.one_line() == f"{path}:1: a rule file must be a YAML mapping [LX102]"


def test_missing_rules_path(broken) -> None:
    folder, by_file = broken
    (problem,) = by_file["nowhere"]
    assert problem.code == "LX006"
    assert problem.one_line() == f"{folder / 'nowhere'}: no such file or directory [LX006]"


# -- valid rules ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def own_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RuleBook]:
    folder = tmp_path_factory.mktemp("own-rules")
    (folder / "hanging.yaml").write_text(VALID, encoding="utf-8")
    (folder / "sets.yaml").write_text(variant("uses-bundled-set", ("phrases: [hanged by the neck]",
                                                                   "sets: [death-penalty]")), encoding="utf-8")
    return folder, load_rulebook([folder])


def test_own_rules_load_with_bundled_pattern_sets(own_book) -> None:
    folder, book = own_book
    assert [rule.id for rule in book.rules] == ["test-death-rule", "uses-bundled-set"]
    assert "death-penalty" in book.sets  # the bundled sets are always loaded alongside
    assert book.sources["test-death-rule"] == str(folder / "hanging.yaml")
    assert book.catalogue.get("SOM-BENEFIT") is not None


def test_own_rule_runs(own_book) -> None:
    from lexcheck.document import read_text_bytes
    from lexcheck.structure import build_statute

    _, book = own_book
    analyzer = Analyzer(book, [book.get("test-death-rule")])
    doc = read_text_bytes(b"5. The offender shall be hanged by the neck until dead.\n", "x.txt")
    findings = analyzer.analyse(build_statute(doc, analyzer.lexicon)).findings
    assert [(f.rule, f.severity, f.start_line, f.start_column, f.evidence.matched) for f in findings] == [
        ("test-death-rule", "warning", 1, 26, "hanged by the neck")
    ]


def test_select(own_book) -> None:
    _, book = own_book
    assert [r.id for r in book.select(["DEATH-PENALTY"])] == ["test-death-rule", "uses-bundled-set"]
    assert [r.id for r in book.select(["test-death-rule"])] == ["test-death-rule"]
    assert [r.id for r in book.select([], ["uses-bundled-set"])] == ["test-death-rule"]
    with pytest.raises(LexcheckError) as info:
        book.select(["NOPE"])
    assert info.value.code == "LX104"


def test_bundled_rules_load(rulebook) -> None:
    ids = {rule.id for rule in rulebook.rules}
    assert {"som-offence-without-benefit", "citizen-only-protection", "gendered-victim-definition",
            "no-non-punishment-clause", "death-penalty", "female-only-assistance"} <= ids
    assert [rule.id for rule in rulebook.rules] == sorted(ids)
    assert all(rule.concern in rulebook.catalogue.ids() for rule in rulebook.rules)


def test_bad_token_pattern_fails_when_compiled(tmp_path: Path) -> None:
    path = tmp_path / "rule.yaml"
    path.write_text(VALID.replace("phrases: [hanged by the neck]", "tokens: [[{LOWER: hanged}, {LOWER: {BADOP: x}}]]"),
                    encoding="utf-8")
    book = load_rulebook([path])  # the schema accepts any mapping; spaCy rejects it at compile time
    with pytest.raises(LexcheckError) as info:
        Analyzer(book)
    assert info.value.code == "LX103"
    assert info.value.one_line().startswith("rule test-death-rule: pattern cannot be compiled:")


def test_validating_the_bundled_folder_by_path_loads_each_pattern_set_once(monkeypatch) -> None:
    from lexcheck.rules.loader import default_rules_dir, load_rulebook

    monkeypatch.chdir(default_rules_dir().parent)
    book = load_rulebook([Path("rules")])
    assert len(book.rules) == len(load_rulebook().rules)


def test_yaml_aliases_are_refused_before_anything_is_built(broken) -> None:
    path, problem = problem_for(broken, "alias-bomb.yaml")
    assert problem.code == "LX108"
    assert problem.one_line() == (
        f"{path}:12: YAML aliases (*name) are not allowed in rule files; write the values out [LX108]"
    )


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("huge-gap.yaml", "token pattern 1: quantifier '{0,99999999}' repeats a token more than 100 times"),
        ("huge-repeat.yaml", "token pattern 1: quantifier '{99999999}' repeats a token more than 100 times"),
        ("long-pattern.yaml", "token pattern 1 has 101 tokens (at most 100)"),
    ],
)
def test_patterns_that_would_explode_matching_are_refused(broken, name: str, detail: str) -> None:
    path, problem = problem_for(broken, name)
    assert problem.code == "LX102"
    assert problem.one_line().startswith(f"{path}:")
    assert problem.message.endswith(f"flag.match.tokens: {detail}")


def test_a_rule_file_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "rule.yaml")
    with pytest.raises(RuleErrors) as info:
        load_rulebook([tmp_path])
    assert [p.one_line() for p in info.value.problems] == [
        f"{tmp_path / 'rule.yaml'}: not a regular file but a FIFO (named pipe) [LX008]"
    ]
