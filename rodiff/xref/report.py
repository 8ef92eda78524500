"""Readable Italian report and JSON of reference findings, grouped by article.

Rinvii da controllare: 1 (1 non aggiornato)

Art. 32
  Art. 32 cpv. 2: "art. 31 cpv. 5" rinvia al vecchio art. 31 cpv. 5 (Promozione), ora art. 31 cpv. 4 -> proporre "art. 31 cpv. 4"
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Number
from .findings import Finding

KIND_WORDS = {
    "stale": ("non aggiornato", "non aggiornati"),
    "dangling": ("senza oggetto", "senza oggetto"),
    "suspicious": ("da verificare", "da verificare"),
    "term": ("termine non aggiornato", "termini non aggiornati"),
}


def _article_key(number: str) -> tuple[int, tuple[int, ...]]:
    try:
        return Number.parse(number).sort_key()
    except ValueError:
        return (10**9, ())


def format_report(findings: Sequence[Finding]) -> str:
    """The findings as text, grouped by article in article order, with a count by kind."""
    if not findings:
        return "Rinvii: nessun problema trovato.\n"
    counts = {kind: sum(f.kind == kind for f in findings) for kind in KIND_WORDS}
    summary = ", ".join(f"{n} {KIND_WORDS[k][0 if n == 1 else 1]}" for k, n in counts.items() if n)
    lines = [f"Rinvii da controllare: {len(findings)} ({summary})", ""]
    ordered = sorted(findings, key=lambda f: (_article_key(f.article), f.line or 0, f.span))
    current: str | None = None
    for finding in ordered:
        if finding.article != current:
            if current is not None:
                lines.append("")
            current = finding.article
            lines.append(f"Art. {finding.article}" if finding.article else "Fuori dagli articoli")
        lines.append(f"  {finding.message}")
    return "\n".join(lines) + "\n"


def findings_json(findings: Sequence[Finding]) -> dict[str, object]:
    """``{"findings": [{"article": "35", "paragraph": "3", "text": "art. 30", "kind": "stale",
    "suggestion": "art. 33", ...}]}``"""
    return {"findings": [finding.as_dict() for finding in findings]}
