"""Rendering evaluation scores: a plain-text table per concern, or JSON."""

from __future__ import annotations

import json

from lexcheck.evaluation import Score


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.2f}"


def score_table(result: Score, title: str) -> str:
    """A plain-text table of the scores, per concern and overall."""
    lines = [
        title,
        f"{'concern':28} {'TP':>3} {'FP':>3} {'FN':>3} {'prec':>6} {'recall':>6} {'F1':>6} {'located':>8}",
    ]
    for concern, t in result.tallies.items():
        located = f"{t.located}/{t.locatable}" if t.locatable else "-"
        lines.append(
            f"{concern:28} {t.tp:3} {t.fp:3} {t.fn:3} {_pct(t.precision)} {_pct(t.recall)} {_pct(t.f1)} "
            f"{located:>8}"
        )
        for name in t.false_positives:
            lines.append(f"    false alarm: {name}")
        for name in t.misses:
            lines.append(f"    missed: {name}")
    micro = result.micro()
    macro_p, macro_r = result.macro()
    located = f"{micro.located}/{micro.locatable}" if micro.locatable else "-"
    lines.append(
        f"{'micro':28} {micro.tp:3} {micro.fp:3} {micro.fn:3} {_pct(micro.precision)} {_pct(micro.recall)} "
        f"{_pct(micro.f1)} {located:>8}"
    )
    lines.append(f"{'macro':28} {'':3} {'':3} {'':3} {_pct(macro_p)} {_pct(macro_r)}")
    if micro.locatable and micro.findings_judged:
        lines.append(
            f"location level: recall {micro.located / micro.locatable:.2f} (true findings on a gold line, "
            f"{micro.located}/{micro.locatable}); precision {micro.findings_on_lines / micro.findings_judged:.2f} "
            f"(reported findings on a gold line, {micro.findings_on_lines}/{micro.findings_judged})"
        )
    if micro.presence_locatable:
        share = micro.presence_located / micro.presence_locatable
        lines.append(
            f"presence findings located on the gold lines: {micro.presence_located}/{micro.presence_locatable} "
            f"({share:.2f})"
        )
    return "\n".join(lines)


def score_json(scores: dict[str, Score]) -> str:
    """Scores per concern as JSON, for each labelled scoring (with and without uncertain labels)."""
    data = {
        label: {
            concern: {
                "tp": t.tp,
                "fp": t.fp,
                "fn": t.fn,
                "precision": t.precision,
                "recall": t.recall,
                "located": t.located,
                "locatable": t.locatable,
            }
            for concern, t in result.tallies.items()
        }
        for label, result in scores.items()
    }
    return json.dumps(data, indent=2, sort_keys=True)
