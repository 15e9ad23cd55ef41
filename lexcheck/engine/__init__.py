"""The engine: a Statute and compiled rules → findings (match, scope, exceptions, required elements)."""

from lexcheck.engine.analyzer import Analysis, Analyzer
from lexcheck.engine.finding import Finding, Suppressed

__all__ = ["Analysis", "Analyzer", "Finding", "Suppressed"]
