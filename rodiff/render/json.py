"""The stable JSON form of a Document (``rodiff analizza --formato json``).

Every node is an object with ``type`` (``document``, ``division``, ``article``,
``paragraph``, ``item``, ``table``), ``id`` and ``source`` (``{"start", "end", "page"}``:
line numbers for text and PDF input, paragraph indexes for DOCX). Numbers are objects
``{"raw": "27 a", "normalised": "27a"}``. Documented in docs/json.md; the key
``schema_version`` changes whenever a field changes meaning.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Article, Diagnostic, Division, Document, Item, Number, Paragraph, Span, Table

SCHEMA_VERSION = 1


def document_to_dict(document: Document) -> dict[str, Any]:
    meta = document.metadata
    return {
        "type": "document",
        "schema_version": SCHEMA_VERSION,
        "source": {"name": document.source_name, "kind": document.source_kind},
        "metadata": {
            "comune": meta.commune,
            "titolo": meta.title,
            "versione": meta.version,
            "data": meta.date,
            "fonte": meta.source,
        },
        "front": list(document.front),
        "body": [_node(node) for node in document.body],
        "back": list(document.back),
        "furniture": list(document.furniture),
        "diagnostics": [_diagnostic(d) for d in document.diagnostics],
        "counts": {
            "articles": len(document.articles()),
            "divisions": len(document.divisions()),
        },
    }


def render_json(document: Document) -> str:
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=2) + "\n"


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "page": span.page}


def _number(number: Number | None) -> dict[str, str] | None:
    if number is None:
        return None
    return {"raw": number.raw or number.normalised, "normalised": number.normalised}


def _node(node: Division | Article) -> dict[str, Any]:
    if isinstance(node, Division):
        return {
            "type": "division",
            "id": node.eid,
            "kind": node.kind,
            "number": node.number,
            "label": node.label,
            "title": node.title,
            "heading": node.heading,
            "notes": list(node.notes),
            "source": _span(node.span),
            "children": [_node(child) for child in node.children],
        }
    return _article(node)


def _article(article: Article) -> dict[str, Any]:
    return {
        "type": "article",
        "id": article.eid,
        "number": _number(article.number),
        "title": article.title,
        "heading": article.heading,
        "new": article.is_new,
        "repealed": article.is_repealed,
        "source": _span(article.span),
        "children": [_block(block) for block in article.blocks],
    }


def _block(block: Paragraph | Table) -> dict[str, Any]:
    if isinstance(block, Table):
        return {"type": "table", "id": block.eid, "rows": [list(row) for row in block.rows], "source": _span(block.span)}
    return {
        "type": "paragraph",
        "id": block.eid,
        "number": _number(block.number),
        "marker": block.marker,
        "text": block.text,
        "source": _span(block.span),
        "children": [_item(item) for item in block.items],
    }


def _item(item: Item) -> dict[str, Any]:
    return {
        "type": "item",
        "id": item.eid,
        "label": item.label,
        "marker": item.marker,
        "text": item.text,
        "source": _span(item.span),
        "children": [_item(child) for child in item.items],
    }


def _diagnostic(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "position": diagnostic.position,
    }
