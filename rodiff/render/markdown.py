"""The Markdown of the messaggio's texts (premessa, commenti, ...) as HTML and Word paragraphs.

The secretaries write a small Markdown in ``messaggio.yaml``: paragraphs (a blank line
between them), bullet and numbered lists ("- ", "1. "), headings ("### "), **bold** and
*italic*. mistune 3 parses it to an AST, with only those rules switched on (an indented
line is not code, a "<b>" is text, not markup); small renderers turn the AST into escaped
HTML and into WordprocessingML paragraphs. In a Markdown document the text stays the
secretary's Markdown (``markdown_source``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import mistune
from mistune.block_parser import BlockParser
from mistune.inline_parser import InlineParser

from .oxml import blocks as xml
from .oxml import elements as ooxml

Node = dict[str, Any]  # a node of mistune's AST: {"type": ..., "children": [...], "raw": ..., "attrs": {...}}

BLOCK_RULES = ["atx_heading", "list", "blank_line"]
INLINE_RULES = ["escape", "emphasis", "linebreak", "softbreak"]
LIST_STYLES = {False: "ListBullet", True: "ListNumber"}  # Word's built-in "List Bullet", "List Number"

# Bullets pasted from Word ("• ", "– ") are list bullets too: "– voce" -> "- voce".
_WORD_BULLET = re.compile(r"^(?P<indent>[ \t]*)[•–](?=[ \t])", re.MULTILINE)


@dataclass(frozen=True)
class Span:
    """Inline text with its marks; ``line_break`` is a hard break (two spaces at line end)."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    line_break: bool = False


@cache
def _parser() -> mistune.Markdown:
    block = BlockParser()
    block.rules = list(BLOCK_RULES)
    block.list_rules = list(BLOCK_RULES)
    inline = InlineParser()
    inline.rules = list(INLINE_RULES)
    return mistune.Markdown(renderer=None, block=block, inline=inline)


def parse(text: str) -> list[Node]:
    """mistune's AST of the supported subset."""
    tokens = _parser()(_WORD_BULLET.sub(r"\g<indent>-", str(text)))
    return tokens if isinstance(tokens, list) else []


def markdown_source(text: str) -> str:
    """Markdown output keeps the secretary's Markdown, tidied (no trailing spaces)."""
    return "\n".join(line.rstrip() for line in str(text).strip().splitlines())


# ---------------------------------------------------------------------------- inline


def spans(children: Sequence[Node], bold: bool = False, italic: bool = False) -> list[Span]:
    """The inline nodes as spans, neighbours with the same marks merged ("a" + " " + "b")."""
    merged: list[Span] = []
    for span in _spans(children, bold, italic):
        last = merged[-1] if merged else None
        if last and not last.line_break and not span.line_break and (last.bold, last.italic) == (span.bold, span.italic):
            merged[-1] = replace(last, text=last.text + span.text)
        else:
            merged.append(span)
    return merged


def _spans(children: Sequence[Node], bold: bool, italic: bool) -> Iterator[Span]:
    for node in children:
        kind = node["type"]
        if kind == "strong":
            yield from _spans(node["children"], True, italic)
        elif kind == "emphasis":
            yield from _spans(node["children"], bold, True)
        elif kind == "softbreak":
            yield Span(" ", bold, italic)
        elif kind == "linebreak":
            yield Span(line_break=True)
        elif "children" in node:
            yield from _spans(node["children"], bold, italic)
        else:
            yield Span(node.get("raw", ""), bold, italic)


def _item_spans(item: Node) -> list[Span]:
    """The text of a list item (its paragraphs joined with a space), without nested lists."""
    texts = [child["children"] for child in item["children"] if child["type"] in ("block_text", "paragraph")]
    joined: list[Node] = []
    for index, children in enumerate(texts):
        joined += ([{"type": "softbreak"}] if index else []) + children
    return spans(joined)


# ------------------------------------------------------------------------------ HTML


def markdown_html(text: str) -> str:
    """HTML of the Markdown: every text escaped, headings as ``<h4>`` (under the sections)."""
    return "\n".join(_html_block(node) for node in parse(text) if node["type"] not in ("blank_line", "thematic_break"))


def _html_block(node: Node) -> str:
    if node["type"] == "list":
        return _html_list(node)
    inline = _html_spans(spans(node.get("children", [])))
    return f"<h4>{inline}</h4>" if node["type"] == "heading" else f"<p>{inline}</p>"


def _html_list(node: Node) -> str:
    tag = "ol" if node["attrs"]["ordered"] else "ul"
    items = []
    for item in node["children"]:
        nested = "".join(f"\n{_html_list(child)}\n" for child in item["children"] if child["type"] == "list")
        items.append(f"<li>{_html_spans(_item_spans(item))}{nested}</li>")
    return "\n".join([f"<{tag}>", *items, f"</{tag}>"])


def _html_spans(found: Sequence[Span]) -> str:
    return "".join(_html_span(span) for span in found)


def _html_span(span: Span) -> str:
    if span.line_break:
        return "<br>"
    text = html.escape(span.text, quote=False)
    if span.bold:
        text = f"<strong>{text}</strong>"
    if span.italic:
        text = f"<em>{text}</em>"
    return text


# ------------------------------------------------------------------------------ DOCX


def markdown_paragraphs(text: str) -> list[Any]:
    """Word paragraphs (``w:p``) of the Markdown: list items with the template's "List
    Bullet" and "List Number" styles, headings bold and kept with the next paragraph."""
    paragraphs: list[Any] = []
    for node in parse(text):
        if node["type"] == "list":
            paragraphs += _docx_list(node)
        elif node["type"] not in ("blank_line", "thematic_break"):
            heading = node["type"] == "heading"
            runs = _docx_runs(spans(node.get("children", [])), bold=heading)
            paragraphs.append(ooxml.paragraph(runs, keep_next=heading))
    return paragraphs


def _docx_list(node: Node) -> list[Any]:
    style = LIST_STYLES[bool(node["attrs"]["ordered"])]
    paragraphs = []
    for item in node["children"]:
        paragraphs.append(ooxml.paragraph(_docx_runs(_item_spans(item)), style=style))
        for child in item["children"]:
            if child["type"] == "list":
                paragraphs += _docx_list(child)
    return paragraphs


def _docx_runs(found: Sequence[Span], bold: bool = False) -> list[Any]:
    return [
        xml.line_break() if span.line_break else ooxml.run(span.text, bold=span.bold or bold, italic=span.italic)
        for span in found
    ]


# Where Markdown would read markup: "<" opening a tag, comment or autolink ("<script>", "</p>",
# "<!--", "<https://...>"), "&" opening an entity ("&lt;", "&#60;"). "a < b" and "A & B" stay as written.
_HTML_OPENING = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")


def inert_html(text: str) -> str:
    """The text with no raw HTML for a Markdown reader: ``<script>`` becomes ``&lt;script>``, shown as typed."""
    return _HTML_OPENING.sub(lambda match: "&lt;" if match.group() == "<" else "&amp;", str(text))
