"""lexcheck: review draft laws on trafficking in persons and smuggling of migrants."""

__version__ = "0.1.0"
# Where the project lives; machine reports (SARIF) link to it.
HOMEPAGE = "https://github.com/lexcheck/lexcheck"
