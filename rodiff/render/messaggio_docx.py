"""The messaggio municipale as a Word document, from a ``.docx`` template with Jinja2 tags.

Why docxtpl: the commune's own Word file (letterhead, logo, fonts, page numbers, header
and footer) *is* the template; docxtpl renders Jinja2 tags written in Word and keeps
everything else untouched, headers and footers included. It renders in the same sandbox,
with the same variables and filters, as the HTML and Markdown templates. Rich content is
inserted through ``{{p ...}}`` tags as WordprocessingML (``render.oxml.blocks``):

- ``markdown``: the Markdown texts, as paragraphs (``render.markdown``);
- ``confronto``: the confronto of one or more articles, drawn by ``render.confronto_docx``
  as wide as the template's text;
- ``allegato``: the full confronto on landscape pages after a section break, the last
  part of the document (the template's own page setup stays for the pages before it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from io import BytesIO
from pathlib import Path
from typing import Any

from ..compare.table import Confronto, Row
from ..errors import InputError
from ..messaggio.build import ArticoloView, Messaggio
from ..messaggio.templates import environment, template_error
from ..parse.inputs import require_docx
from . import confronto_docx as drawing
from .markdown import markdown_paragraphs
from .messaggio_text import Fragments, rows_and_labels
from .oxml import blocks as xml
from .oxml import elements as ooxml
from .oxml.highlight import highlight_texts
from .oxml.properties import PREVIEW, drop_parts, set_file_properties
from .oxml.sections import last_section, text_width, turn_landscape

ALLEGATO_TITLE = "Allegato – Tabella di confronto"


@dataclass
class _Page:
    """The template's page, as the filters need it while docxtpl renders."""

    text_width: int  # twips between the margins of the template's last section
    section: Any  # a copy of the template's last w:sectPr (page size, margins, header refs)
    landscape_allegato: bool = False


def render_messaggio_docx(path: Path, message: Messaggio) -> bytes:
    """Fill the Word template at ``path``; Jinja2 errors become Italian ``InputError``."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    require_docx(path)  # a Word file within the limits, no DTD: else an Italian message
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as error:  # a corrupt or non-Word file
        raise InputError(
            f"Il modello «{path.name}» non è un documento Word (.docx) leggibile. Lo apra in Word e lo salvi di nuovo come .docx."
        ) from error
    section = last_section(template.get_docx())  # a template without w:sectPr gets A4
    page = _Page(text_width(section), xml.section_properties(section))
    sandbox = environment(path.parent, autoescape=True)
    sandbox.filters["markdown"] = markdown_docx
    sandbox.filters["confronto"] = partial(confronto_docx, page=page)
    sandbox.filters["allegato"] = partial(allegato_docx, page=page)
    context = message.context()
    try:
        template.render(context, jinja_env=sandbox)
    except TemplateError as error:
        raise template_error(path.name, error, docx_line=True) from error
    document = template.docx  # not get_docx(): after rendering it reloads the template
    _highlight_placeholders(document, message)
    if page.landscape_allegato:
        turn_landscape(document.sections[-1])  # the allegato; margins kept, so the letterhead keeps its room
    title = f"Messaggio municipale No. {context['mm']} – {context['oggetto']}"
    set_file_properties(document, title=title, author=f"Municipio di {context['comune']}")
    drop_parts(document, frozenset({PREVIEW}))  # a picture of the template and its tags, not of the message
    buffer = BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _highlight_placeholders(document: Any, message: Messaggio) -> None:
    """A draft (``rodiff messaggio --bozza``): the texts still to write, highlighted in yellow,
    in the body and in the header and footer (the commune's name)."""
    texts = [placeholder.testo for placeholder in message.da_compilare]
    if not texts:
        return
    highlight_texts(document.element.body, texts)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                highlight_texts(part.part.element, texts)


def markdown_docx(text: str) -> xml.Blocks:
    """Word paragraphs for the Markdown text: lists with the template's "List Bullet" and
    "List Number" styles, headings bold, **bold** and *italic* runs."""
    return xml.Blocks(markdown_paragraphs(str(text)))


def confronto_docx(value: ArticoloView | Confronto | Fragments, page: _Page | None = None) -> xml.Blocks:
    """A Word table of the article(s), drawn as ``rodiff confronto`` draws it, as wide as
    the template's text."""
    rows, labels = rows_and_labels(value)
    if not rows:
        return xml.Blocks([])
    width = page.text_width if page else xml.PORTRAIT_A4_WIDTH
    return xml.Blocks([_table(rows, labels, width), xml.empty_paragraph()])


def allegato_docx(value: Confronto, page: _Page | None = None) -> xml.Blocks:
    """The full confronto on landscape pages after a section break."""
    breaker = [xml.section_break(page.section)] if page is not None else []
    title = ooxml.paragraph([ooxml.run(ALLEGATO_TITLE, bold=True, size=28)], after=120, keep_next=True)
    subtitle = ooxml.paragraph([ooxml.run(value.subtitle, size=20)], after=200, keep_next=True)
    width = xml.landscape_width(page.section) if page else xml.LANDSCAPE_A4_WIDTH

    def landscape() -> None:
        if page is not None:
            page.landscape_allegato = True

    return xml.Blocks([*breaker, title, subtitle, _table(list(value.rows), value.labels, width)], landscape)


def _table(rows: list[Row], labels: tuple[str, ...], width: int) -> Any:
    widths = drawing.column_widths(len(labels), width)
    drawn = [drawing.header_row(labels, widths), *(drawing.table_row(row, widths) for row in rows)]
    return xml.bordered_table(drawn, widths, cell_top=drawing.CELL_PADDING_TOP)
