"""The messaggio municipale as HTML or Markdown, from a ``.html.j2`` / ``.md.j2`` template.

The template runs in the messaggio's sandbox (``messaggio.templates.environment``) with
two filters per format: ``markdown`` (the secretary's Markdown as escaped HTML, or kept as
Markdown) and ``confronto`` (the confronto of one or more articles, or the full table).
The table is drawn by the confronto's own renderers, never a second time here: the HTML
macro ``_confronto_tabella.html.j2`` of the confronto page, the pipe table of
``render.confronto_md``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from markupsafe import Markup

from ..compare.table import Confronto, Row
from ..messaggio.build import LABELS, ArticoloView, Messaggio
from ..messaggio.templates import Formato, environment, template_error
from .confronto_html import add_table_helpers
from .confronto_md import pipe_table
from .markdown import inert_html, markdown_html, markdown_source

TABLE_MACROS = "_confronto_tabella.html.j2"

Fragments = Sequence[ArticoloView]  # the articles of a theme


def render_messaggio_text(path: Path, message: Messaggio, formato: Formato) -> str:
    """Fill the HTML or Markdown template at ``path``; Jinja2 errors become ``InputError``."""
    from jinja2 import TemplateError

    sandbox = environment(path.parent, autoescape=formato == "html")
    if formato == "html":
        add_table_helpers(sandbox)
        sandbox.filters["markdown"] = lambda text: Markup(markdown_html(str(text)))
        table = sandbox.get_template(TABLE_MACROS).module.tabella  # type: ignore[attr-defined]
        sandbox.filters["confronto"] = lambda value: _confronto_html(value, table)
    else:
        sandbox.finalize = _inert  # nothing from messaggio.yaml reaches a Markdown reader as HTML ("<script>")
        sandbox.filters["markdown"] = markdown_source
        sandbox.filters["confronto"] = lambda value: Markup(confronto_md(value))  # drawn by rodiff: its <ins>, <br> stay
    try:
        return sandbox.get_template(path.name).render(message.context())
    except TemplateError as error:
        raise template_error(path.name, error) from error


def _inert(value: object) -> object:
    """A printed value with its HTML made inert (``inert_html``), unless rodiff drew it (``Markup``)."""
    return value if isinstance(value, Markup) else inert_html(str(value))


def rows_and_labels(value: ArticoloView | Confronto | Fragments) -> tuple[list[Row], tuple[str, ...]]:
    """The confronto rows of an article, of a theme's articles, or of the whole table."""
    if isinstance(value, Confronto):
        return list(value.rows), value.labels
    if isinstance(value, ArticoloView):
        return list(value.righe), value.etichette
    views = list(value)
    return [row for view in views for row in view.righe], (views[0].etichette if views else LABELS["articoli"])


def _fragment_table(value: ArticoloView | Confronto | Fragments) -> Confronto | None:
    """The value as a ``Confronto`` the renderers draw (None when it has no rows)."""
    if isinstance(value, Confronto):
        return value if value.rows else None
    rows, labels = rows_and_labels(value)
    return Confronto("articoli", "", "", labels, tuple(rows), {}, False) if rows else None


def confronto_md(value: ArticoloView | Confronto | Fragments) -> str:
    """A Markdown pipe table of the article(s), as ``rodiff confronto --formato md`` draws it."""
    table = _fragment_table(value)
    return pipe_table(table) if table else ""


def _confronto_html(value: ArticoloView | Confronto | Fragments, macro: Callable[[Confronto], str]) -> Markup:
    """The HTML table of the article(s), drawn by the confronto page's own macro."""
    table = _fragment_table(value)
    if table is None:
        return Markup("")
    return Markup('<div class="confronto">\n{}\n</div>').format(macro(table))
