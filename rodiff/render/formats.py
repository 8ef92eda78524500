"""The formats of the documents rodiff writes (confronto, messaggio), as one table for the CLI and the web page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..compare.table import Confronto


@dataclass(frozen=True)
class DocumentFormat:
    """A format of the documents rodiff writes (confronto, messaggio)."""

    name: str  # in Italian, as the messages say it
    extension: str
    render_confronto: Callable[[Confronto], bytes | str]


# The renderers are imported when a command writes (python-docx, Jinja2), so rodiff starts fast.


def _confronto_docx(table: Confronto) -> bytes:
    from .confronto_docx import render_confronto_docx

    return render_confronto_docx(table)


def _confronto_html(table: Confronto) -> str:
    from .confronto_html import render_confronto_html

    return render_confronto_html(table)


def _confronto_md(table: Confronto) -> str:
    from .confronto_md import render_confronto_md

    return render_confronto_md(table)


def _confronto_pdf(table: Confronto) -> bytes:
    from .pdf import docx_to_pdf

    return docx_to_pdf(_confronto_docx(table), "confronto")


DOCUMENT_FORMATS: dict[str, DocumentFormat] = {
    "docx": DocumentFormat("Word", "docx", _confronto_docx),
    "html": DocumentFormat("pagina web", "html", _confronto_html),
    "md": DocumentFormat("Markdown", "md", _confronto_md),
    "pdf": DocumentFormat("PDF", "pdf", _confronto_pdf),
}
