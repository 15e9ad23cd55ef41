"""The engine: a Statute and compiled rules → findings and per-concern decisions."""

from lexcheck.engine.analyzer import Analysis, Analyzer

__all__ = ["Analysis", "Analyzer"]
