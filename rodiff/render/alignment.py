"""The article mapping of ``rodiff allinea``: a readable Italian table, or JSON.

JSON: ``{"pairs": [{"old": "11", "new": "12", "status": "renumbered", "similarity": 0.97}]}``
with normalised numbers ("27a") and null for a missing side; a split or merge also lists
every article in ``old_all`` / ``new_all``; ``paragraphs`` lists renumbered, merged and
split capoversi. Statuses are documented in ``rodiff.align``.
"""

from __future__ import annotations

import json
from typing import Any

from ..align import Alignment, ArticlePair, ParagraphPair
from ..italiano import STATUS_LABELS, summary_sentence
from ..model import Paragraph, Table


def alignment_to_dict(alignment: Alignment) -> dict[str, Any]:
    return {
        "pairs": [_pair(pair) for pair in alignment.pairs],
        "summary": alignment.counts(),
        "identical": alignment.is_identical(),
    }


def render_alignment_json(alignment: Alignment) -> str:
    return json.dumps(alignment_to_dict(alignment), ensure_ascii=False, indent=2) + "\n"


def _pair(pair: ArticlePair) -> dict[str, Any]:
    data: dict[str, Any] = {
        "old": pair.old[0].number.normalised if pair.old else None,
        "new": pair.new[0].number.normalised if pair.new else None,
        "status": pair.status,
        "similarity": pair.similarity,
    }
    if len(pair.old) > 1 or len(pair.new) > 1:
        data["old_all"] = [a.number.normalised for a in pair.old]
        data["new_all"] = [a.number.normalised for a in pair.new]
    changes = [_paragraph_change(p) for p in pair.paragraphs if _is_structural(p)]
    if changes:
        data["paragraphs"] = changes
    return data


def _is_structural(pair: ParagraphPair) -> bool:
    return pair.renumbered or len(pair.old) > 1 or len(pair.new) > 1


def _label(block: Paragraph | Table) -> str:
    if isinstance(block, Paragraph) and block.number is not None:
        return block.number.normalised
    return block.eid.rsplit("__", 1)[-1]


def _paragraph_change(pair: ParagraphPair) -> dict[str, Any]:
    return {"old": [_label(b) for b in pair.old], "new": [_label(b) for b in pair.new]}


def render_alignment_table(alignment: Alignment) -> str:
    header = f"{'Vecchio':<9}{'Nuovo':<9}{'Esito':<26}{'Somiglianza':>11}  Capoversi"
    lines = [header, "-" * len(header)]
    for pair in alignment.pairs:
        old = ", ".join(a.number.normalised for a in pair.old) or "–"
        new = ", ".join(a.number.normalised for a in pair.new) or "–"
        similarity = f"{pair.similarity:.2f}" if pair.old and pair.new else ""
        notes = "; ".join(_paragraph_note(p) for p in pair.paragraphs if _is_structural(p))
        lines.append(f"{old:<9}{new:<9}{STATUS_LABELS[pair.status]:<26}{similarity:>11}  {notes}".rstrip())
    lines.append("")
    lines.append(summary_sentence(alignment.counts()))
    return "\n".join(lines) + "\n"


def _paragraph_note(pair: ParagraphPair) -> str:
    old = " e ".join(_label(b) for b in pair.old)
    new = " e ".join(_label(b) for b in pair.new)
    if len(pair.old) > 1:
        return f"cpv. {old} uniti nel cpv. {new}"
    if len(pair.new) > 1:
        return f"cpv. {old} diviso nei cpv. {new}"
    return f"cpv. {old} diventa cpv. {new}"
