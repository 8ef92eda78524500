"""rodiff: drafting revisions of municipal staff regulations (ROD) of canton Ticino.

Pipeline, one module or package per stage, data flowing one way::

    text/DOCX/PDF --parse--> Document --align--> Alignment --diff--> documents

    >>> import rodiff
    >>> doc = rodiff.parse_file("corpus/vacallo/rod-1991.txt")  # doctest: +SKIP
"""

from __future__ import annotations

from .errors import InputError, OutputError, RodiffError
from .model import Article, Diagnostic, Division, Document, Item, Metadata, Number, Paragraph, Span, Table
from .parse import parse_file, parse_text

__version__ = "0.1.0"

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
    "RodiffError",
    "Span",
    "Table",
    "parse_file",
    "parse_text",
]
