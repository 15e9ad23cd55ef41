"""Start-up: spaCy is imported without its command line, which stays importable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import REPO


def test_spacy_is_imported_without_its_command_line() -> None:
    # In a fresh process: the test session may have imported spaCy (and its command line) already.
    script = textwrap.dedent(
        """
        import sys
        from lexcheck.nlp import import_spacy, load_pipeline

        spacy = import_spacy()
        assert spacy is sys.modules["spacy"]
        nlp = load_pipeline(None, ("s.",))
        assert [t.text for t in nlp("See s. 3(1)(a).")] == ["See", "s.", "3(1)(a)", "."]
        assert not [name for name in sys.modules if name.startswith("spacy.cli")]
        assert import_spacy() is spacy
        # The real command line is there for whoever asks for it, as an attribute or by import.
        assert callable(spacy.cli.download)
        import spacy.cli
        assert spacy.cli is sys.modules["spacy.cli"] and callable(spacy.cli.info)
        try:
            spacy.no_such_attribute
        except AttributeError:
            pass
        else:
            raise AssertionError("spacy.no_such_attribute")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
