"""The messaggio municipale: what only people know (a YAML file), what rodiff computes, and
the templates that put them together.

A revision of the ROD reaches the Consiglio comunale as a *messaggio municipale* (MM):
heading, salutation, premessa, scopo, sections per theme with fragments of the confronto
and a commento, conclusioni, the ritual closing, the dispositivo ("r i s o l v e r e"),
signatures, allegati. The secretary writes only the reasons; rodiff writes the rest:

- ``data``: ``read_messaggio_data`` reads ``messaggio.yaml`` into ``DatiMessaggio``
  against a schema table; every error names the line and the field, in Italian.
- ``dispositivo``: the list of what changes, from the alignment.
- ``build``: ``build_messaggio`` joins the data with what the documents say (summary,
  confronto of each article, dispositivo, warnings for the terminal) into a ``Messaggio``,
  each stage once.
- ``templates``: ``render_messaggio`` fills a template with a built ``Messaggio``: a
  ``.docx`` with Jinja2 tags (docxtpl, so a commune keeps its own Word letterhead) or a
  ``.html.j2`` / ``.md.j2`` text template, always in a Jinja2 sandbox. The renderers are
  ``rodiff.render.messaggio_docx`` and ``rodiff.render.messaggio_text``.

Templates live in ``templates/messaggio/``, packaged as ``rodiff.templates``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build import LABELS, ArticoloView, Avviso, Messaggio, TemaView, build_messaggio, dispositivo_points
    from .data import DATA_FILE, DatiMessaggio, Firmatari, Risoluzione, Tema, parse_messaggio_data, read_messaggio_data
    from .templates import FORMATS, Formato, TemplateInfo, list_templates, render_messaggio, resolve_template, templates_dir

# Each name is imported from its module on first use: «rodiff confronto» needs none of them,
# and the templates module (Jinja2) is the dearest import of rodiff.
_MODULE_OF = {
    **dict.fromkeys(
        ("LABELS", "ArticoloView", "Avviso", "Messaggio", "TemaView", "build_messaggio", "dispositivo_points"), "build"
    ),
    **dict.fromkeys(
        ("DATA_FILE", "DatiMessaggio", "Firmatari", "Risoluzione", "Tema", "parse_messaggio_data", "read_messaggio_data"), "data"
    ),
    **dict.fromkeys(
        ("FORMATS", "Formato", "TemplateInfo", "list_templates", "render_messaggio", "resolve_template", "templates_dir"),
        "templates",
    ),
}


def __getattr__(name: str) -> object:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
    globals()[name] = value  # once
    return value


__all__ = [
    "DATA_FILE",
    "FORMATS",
    "LABELS",
    "ArticoloView",
    "Avviso",
    "DatiMessaggio",
    "Firmatari",
    "Formato",
    "Messaggio",
    "Risoluzione",
    "Tema",
    "TemaView",
    "TemplateInfo",
    "build_messaggio",
    "dispositivo_points",
    "list_templates",
    "parse_messaggio_data",
    "read_messaggio_data",
    "render_messaggio",
    "resolve_template",
    "templates_dir",
]
