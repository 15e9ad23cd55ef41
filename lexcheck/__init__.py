"""lexcheck: review draft laws on trafficking in persons and smuggling of migrants."""

__version__ = "0.1.0"
