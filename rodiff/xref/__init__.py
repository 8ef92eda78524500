"""Cross-references ("rinvii") between the articles of a regulation: find, resolve, check, fix.

Stages, one module each, like eyecite's citations::

    text --extract--> Reference --resolve--> nodes | reason
    old, new, alignment --check--> Finding (stale, dangling, suspicious) --fix--> text
        (``renumbering.py``: what each old target became; ``findings.py``: the Finding, worded)
    alignment --terms--> Renaming --> Finding (term): old terms that survive a renaming

    >>> from rodiff.parse import parse_text
    >>> from rodiff.xref import check_alone
    >>> doc = parse_text("Art. 1\\nScopo\\nSi applica l'art. 7 e l'art. 134 LOC.")
    >>> [f.message for f in check_alone(doc)]
    ['Art. 1: "art. 7" non trova il suo oggetto: l\\'art. 7 non esiste nel testo']

``patterns.py`` holds every regular expression, ``laws.yaml`` the acts whose references are
external (LOC, CO, LAINF...).
"""

from __future__ import annotations

from .check import Classified, check_against, check_alone, classify
from .extract import Part, Reference, ReferenceKind, Target, article_references, find_references, node_text, scan
from .findings import Finding, FindingKind
from .fix import FixResult, Rewrite, apply_fixes
from .renumbering import Renumbering, Translation
from .report import external_references, findings_json, format_report
from .resolve import DocumentIndex, Resolution, resolve, resolve_target
from .terms import Renaming, check_terms, find_renamings

__all__ = [
    "Classified",
    "DocumentIndex",
    "Finding",
    "FindingKind",
    "FixResult",
    "Part",
    "Reference",
    "ReferenceKind",
    "Renaming",
    "Renumbering",
    "Resolution",
    "Rewrite",
    "Target",
    "Translation",
    "apply_fixes",
    "article_references",
    "check_against",
    "check_alone",
    "check_terms",
    "classify",
    "external_references",
    "find_references",
    "find_renamings",
    "findings_json",
    "format_report",
    "node_text",
    "resolve",
    "resolve_target",
    "scan",
]
