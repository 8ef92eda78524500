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

``patterns.py`` holds every regular expression, ``laws.toml`` the acts whose references are
external (LOC, CO, LAINF...).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .check import Classified, check_against, check_alone, classify
    from .extract import Part, Reference, ReferenceKind, Target, article_references, find_references, node_text, scan
    from .findings import Finding, FindingKind
    from .fix import FixResult, Rewrite, apply_fixes
    from .renumbering import Renumbering, Translation
    from .report import external_references, findings_json, format_report
    from .resolve import DocumentIndex, Resolution, resolve, resolve_target
    from .terms import Renaming, check_terms, find_renamings

# Where each public name lives. The submodules are imported on first use (PEP 562), so that a
# command which needs one of them (the confronto's notes need only ``extract``) does not pay
# for the others, nor for their regular expressions, at start-up.
_HOME = {
    "check": ("Classified", "check_against", "check_alone", "classify"),
    "extract": ("Part", "Reference", "ReferenceKind", "Target", "article_references", "find_references", "node_text", "scan"),
    "findings": ("Finding", "FindingKind"),
    "fix": ("FixResult", "Rewrite", "apply_fixes"),
    "renumbering": ("Renumbering", "Translation"),
    "report": ("external_references", "findings_json", "format_report"),
    "resolve": ("DocumentIndex", "Resolution", "resolve", "resolve_target"),
    "terms": ("Renaming", "check_terms", "find_renamings"),
}
_MODULE_OF = {name: module for module, names in _HOME.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # once: later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])


class _Package(types.ModuleType):
    """The submodule ``resolve`` shares its name with its function: importing the submodule sets
    the package's attribute, and the function must win, as it did when everything was imported
    here eagerly."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _MODULE_OF:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
