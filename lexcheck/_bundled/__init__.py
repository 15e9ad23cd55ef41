"""Data installed with the package: the top-level rules/ and corpora/ folders are mapped here on install."""
