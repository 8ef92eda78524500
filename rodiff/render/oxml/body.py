"""The body and the comments of a DOCX that a renderer rewrites (the tracked-changes DOCX
keeps a template's page setup, headers and styles and replaces its body)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from .elements import Element


def replace_body(document: Any, elements: Iterable[Element]) -> None:
    """Every paragraph and table of the body replaced by ``elements``; the last ``w:sectPr`` stays."""
    body = document.element.body
    section = body.sectPr
    del body[:]  # in one go: removing the children one by one makes a Python object for each
    body.extend(elements)
    if section is not None:
        body.append(section)


def drop_comments(document: Any) -> None:
    """Remove every comment of the comments part (a template's comments would lose their anchors)."""
    try:
        comments_part = document.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return
    root = comments_part.element
    for comment in root.findall(qn("w:comment")):
        root.remove(comment)


def is_table(element: Element) -> bool:
    return bool(element.tag == qn("w:tbl"))
