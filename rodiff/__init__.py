"""rodiff: drafting revisions of municipal staff regulations (ROD) of canton Ticino.

Pipeline, one module or package per stage, data flowing one way::

    text/DOCX/PDF --parse--> Document --align--> Alignment --diff--> documents

``Revisione`` (``rodiff.session``) runs them for a pair of texts, each stage once.

    >>> from pathlib import Path
    >>> import rodiff
    >>> doc = rodiff.parse_file(Path(rodiff.__file__).parent.parent / "corpus" / "vacallo" / "rod-1991.txt")
    >>> len(doc.articles())
    74
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import InputError, OutputError, RodiffError
from .model import Article, Diagnostic, Division, Document, Item, Metadata, Number, Paragraph, Span, Table
from .parse import parse_file, parse_text

if TYPE_CHECKING:
    from .session import Revisione

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``rodiff.Revisione`` on first use: the session imports every stage, which a command
    such as ``rodiff analizza`` (or ``--help``) does not need to pay for at start-up."""
    if name == "Revisione":
        from .session import Revisione

        return Revisione
    raise AttributeError(f"module 'rodiff' has no attribute {name!r}")


__all__ = [
    "Article",
    "Diagnostic",
    "Division",
    "Document",
    "InputError",
    "Item",
    "Metadata",
    "Number",
    "OutputError",
    "Paragraph",
    "Revisione",
    "RodiffError",
    "Span",
    "Table",
    "parse_file",
    "parse_text",
]
