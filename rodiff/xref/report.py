"""Readable Italian report and JSON of reference findings, grouped by article.

Rinvii da controllare: 1 (1 non aggiornato)

Art. 32
  Art. 32 cpv. 2: "art. 31 cpv. 5" rinvia al vecchio art. 31 cpv. 5 (Promozione), ora art. 31 cpv. 4 -> proporre "art. 31 cpv. 4"
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Number
from .extract import MARKERS, Reference, find_references
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


def findings_json(findings: Sequence[Finding], references: Sequence[Reference] | None = None) -> dict[str, object]:
    """``{"findings": [{"article": "35", "paragraph": "3", "text": "art. 30", "kind": "stale",
    "suggestion": "art. 33", "reason": "renumbered", ...}]}``; with ``references``, also
    ``"external_references"``: every reference to another act, with the marker that decided it
    (``{"text": "art. 4 cpv. 2 lett. c LSR", "law": "LSR", "reason": "abbreviation",
    "marker": "seguito dalla sigla di un atto", ...}``)."""
    data: dict[str, object] = {"findings": [finding.as_dict() for finding in findings]}
    if references is not None:
        data["external_references"] = [external_json(r) for r in references if not r.internal]
    return data


def external_json(reference: Reference) -> dict[str, object]:
    """One reference to another act, and why it was judged external."""
    return {
        "article": reference.article,
        "paragraph": reference.paragraph,
        "text": reference.raw,
        "law": reference.law,
        "reason": reference.marker,
        "marker": MARKERS.get(reference.marker, ""),
        "eid": reference.eid,
        "field": reference.field,
        "span": list(reference.span),
        "line": reference.line,
    }


def external_references(document: Document) -> dict[str, object]:
    """``{"external_references": [...]}``: the references of ``document`` to other acts, for ``--json``."""
    return {"external_references": [external_json(r) for r in find_references(document) if not r.internal]}
