"""Create the Word templates of the messaggio municipale in ``templates/messaggio/``.

    .venv/bin/python tools/crea_modelli.py

writes ``revisione-parziale.docx`` and ``revisione-totale.docx`` into ``templates/messaggio/``
(A4 portrait, Arial, Jinja2 tags that docxtpl renders), the one template root that the wheel
packages as ``rodiff.templates``. The .docx files are committed: a commune opens one in
Word, puts its letterhead, logo and fonts around the tags, and uses it with
``rodiff messaggio --modello FILE``.

The tags are those of the text templates (``*.md.j2``, ``*.html.j2``) with docxtpl's
paragraph forms: ``{%p if ... %}`` / ``{%p for ... %}`` on a paragraph of their own (the
paragraph disappears), and ``{{p ... }}`` for content that is made of whole paragraphs or
tables (the Markdown texts, the confronto fragments, the allegato).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from rodiff.render.oxml import blocks as xml
from rodiff.render.oxml import elements as ooxml
from rodiff.render.oxml.properties import drop_parts
from rodiff.render.oxml.sections import set_a4
from rodiff.render.oxml.styles import set_style_font

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "templates" / "messaggio"
FONT = "Arial"

DESCRIPTIONS = {
    "revisione-parziale": "Revisione parziale (come i messaggi di Stabio 2023 e Mendrisio 2018): premessa, scopo, "
    "una sezione per tema con i frammenti del confronto e il commento.",
    "revisione-totale": "Revisione totale (come il messaggio di Vacallo 2023): premessa, considerazioni, "
    "commento agli articoli, la tabella di confronto completa come allegato.",
}


def main() -> None:
    for name, body in (("revisione-parziale", _partial_body), ("revisione-totale", _total_body)):
        document = _document(name)
        _heading_block(document)
        body(document)
        _closing_block(document)
        if name == "revisione-totale":
            _tag(document, "{{p confronto_completo|allegato }}")
        target = TARGET / f"{name}.docx"
        document.save(str(target))
        print(f"scritto {target.relative_to(ROOT)}")


# ------------------------------------------------------------------------- document


def _document(name: str) -> Any:
    document = Document()
    drop_parts(document)
    section = document.sections[0]
    set_a4(section, side_mm=22, top_mm=25, bottom_mm=20, header_footer_mm=10)

    styles = document.styles
    ooxml.set_fonts(ooxml.default_run_properties(styles.element), FONT)
    ooxml.set_language(ooxml.default_run_properties(styles.element), "it-CH")
    normal = styles["Normal"]
    set_style_font(normal, FONT)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for style_name, size in (("Heading 1", 12), ("Heading 2", 11), ("Title", 15)):
        style = styles[style_name]
        set_style_font(style, FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(14 if style_name != "Heading 2" else 10)
        style.paragraph_format.space_after = Pt(6)
    xml.remove_paragraph_borders(styles["Title"])  # the default "Title" has a blue bottom rule: plain here

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("Municipio di {{ comune }}")
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("MM No. {{ mm }} – pagina ").font.size = Pt(8)
    xml.append_field(footer, "PAGE", size=16)
    footer.add_run(" di ").font.size = Pt(8)
    xml.append_field(footer, "NUMPAGES", size=16)

    properties = document.core_properties
    properties.title = "Messaggio municipale – " + name
    properties.subject = DESCRIPTIONS[name]
    properties.author = "rodiff"
    properties.language = "it-CH"
    properties.comments = (
        "Modello di rodiff (docxtpl): i tag Jinja2 tra graffe vengono sostituiti. "
        "Variabili e filtri: templates/messaggio/LEGGIMI.md."
    )
    return document


def _p(document: Any, text: str = "", *, style: str | None = None, bold: bool = False, italic: bool = False,
       align: str | None = None, after: int | None = None, indent_mm: float | None = None,
       together: bool = False) -> Any:  # fmt: skip
    """A paragraph; ``together``: kept on the page of the next one, and its lines on one page."""
    paragraph = document.add_paragraph(style=style)
    if together:
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "justify":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    if indent_mm is not None:
        paragraph.paragraph_format.left_indent = Mm(indent_mm)
        paragraph.paragraph_format.first_line_indent = Mm(-indent_mm)
    return paragraph


def _tag(document: Any, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %} or {{p ... }})."""
    document.add_paragraph(tag)


def _section(document: Any, title: str) -> None:
    """A numbered section heading ("2. Premessa"); the number counts only printed sections."""
    _p(document, "{% set sezione.numero = sezione.numero + 1 %}{{ sezione.numero }}. " + title, style="Heading 1")


# --------------------------------------------------------------------------- blocks


def _heading_block(document: Any) -> None:
    _p(document, "Al Consiglio comunale", align="right", after=0)
    _p(document, "di {{ comune }}", align="right", after=24)
    _p(document, "Risoluzione municipale no. {{ risoluzione.numero }} del {{ risoluzione.data|data }}", after=2)
    _tag(document, "{%p if per_esame %}")
    _p(document, "{{ per_esame }}")
    _tag(document, "{%p endif %}")
    _p(document, "MESSAGGIO MUNICIPALE No. {{ mm }}", style="Title", after=2)
    _p(document, "{{ oggetto }}", bold=True, after=18)
    _p(document, "Onorevole signor Presidente,", after=0)
    _p(document, "Onorevoli signori Consiglieri comunali,", after=12)
    _tag(document, "{%p set sezione = namespace(numero=0) %}")


def _markdown_section(document: Any, variable: str, title: str) -> None:
    _tag(document, f"{{%p if {variable} %}}")
    _section(document, title)
    _tag(document, f"{{{{p {variable}|markdown }}}}")
    _tag(document, "{%p endif %}")


def _summary(document: Any, repealed_label: str) -> None:
    _p(document, "{{ riepilogo }}")
    for condition, text in (
        ("nuovi", "Nuovi articoli: {{ nuovi|elenco }}."),
        ("abrogati", repealed_label + ": {{ abrogati|elenco }}."),
    ):
        _tag(document, f"{{%p if {condition} %}}")
        _p(document, "– " + text, indent_mm=5, after=2)
        _tag(document, "{%p endif %}")
    _tag(document, "{%p if rinumerati and rinumerati|length <= 12 %}")
    _p(document, "– Articoli rinumerati: {{ rinumerati|elenco }}.", indent_mm=5, after=2)
    _tag(document, "{%p elif rinumerati %}")
    _p(
        document,
        "– {{ rinumerati|length }} articoli rinumerati (i numeri vecchi e nuovi sono nella tabella di confronto).",
        indent_mm=5,
        after=2,
    )
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for vecchio, nuovo in rinomine %}")
    _p(document, "– «{{ vecchio }}» diventa «{{ nuovo }}».", indent_mm=5, after=2)
    _tag(document, "{%p endfor %}")


def _partial_body(document: Any) -> None:
    _markdown_section(document, "premessa", "Premessa")
    _markdown_section(document, "scopo", "Scopo del progetto")
    _tag(document, "{%p for tema in temi %}")
    _section(document, "{{ tema.titolo }}")
    _tag(document, "{{p tema.commento|markdown }}")
    _tag(document, "{%p for articolo in tema.articoli %}")
    _p(document, "{{ articolo.intestazione }}", style="Heading 2")
    _tag(document, "{{p articolo|confronto }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if altre_modifiche %}")
    _section(document, "Altre modifiche")
    _tag(document, "{%p for articolo in altre_modifiche %}")
    _p(document, "{{ articolo.intestazione }}", style="Heading 2")
    _tag(document, "{{p articolo|confronto }}")
    _tag(document, "{%p if articolo.nota %}")
    _p(document, "Commento: {{ articolo.nota }}", italic=True)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    _section(document, "Riepilogo delle modifiche")
    _summary(document, "Articoli abrogati")


def _total_body(document: Any) -> None:
    _markdown_section(document, "premessa", "Premessa")
    _markdown_section(document, "scopo", "Scopo")
    _markdown_section(document, "considerazioni", "Considerazioni generali")
    _section(document, "Commento agli articoli")
    _summary(document, "Articoli abrogati (numerazione in vigore)")
    _p(
        document,
        "Tutte le modifiche sono riportate nella tabella di confronto allegata{% if motivi_completi %}, dove la "
        "colonna «Osservazioni» ne indica il motivo{% endif %}.",
    )
    _tag(document, "{%p for tema in temi %}")
    _p(document, "{{ tema.titolo }}", style="Heading 2")
    _tag(document, "{%p if tema.articoli %}")
    _p(document, 'Articoli: {{ tema.articoli|map(attribute="numero")|elenco }}.', italic=True)
    _tag(document, "{%p endif %}")
    _tag(document, "{{p tema.commento|markdown }}")
    _tag(document, "{%p endfor %}")


def _closing_block(document: Any) -> None:
    _markdown_section(document, "conclusioni", "Conclusioni")
    _p(
        document,
        "Il Municipio e la Cancelleria comunale sono a disposizione per ogni complemento d'informazione che potrà "
        "occorrere in sede di esame e discussione.",
    )
    # From "Nel mentre vi proponiamo" to the signatures, one block that never splits across pages:
    # every paragraph keeps with the next, the signature rows do not split and keep with each other.
    _p(document, "Nel mentre vi proponiamo, Signor Presidente e Consiglieri comunali, di", together=True)
    _p(document, "r i s o l v e r e:", bold=True, align="center", after=12, together=True)
    _tag(document, "{%p for punto in dispositivo %}")
    _p(document, "{{ loop.index }}.\t{{ punto }}", indent_mm=8, align="justify", together=True)
    _tag(document, "{%p endfor %}")
    _p(document, "Con la massima stima.", after=18, together=True)
    _p(document, "PER IL MUNICIPIO", bold=True, align="center", after=6, together=True)
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (row, texts) in enumerate(
        zip(table.rows, (("Il Sindaco", "Il Segretario"), ("{{ firmatari.sindaco }}", "{{ firmatari.segretario }}")), strict=True)
    ):
        xml.set_cant_split(row)
        for cell, text in zip(row.cells, texts, strict=True):
            cell.paragraphs[0].add_run(text)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.paragraphs[0].paragraph_format.keep_with_next = index == 0  # the names stay under the titles
    _p(document, "", after=18)
    _tag(document, "{%p if allegati %}")
    _p(document, "Allegati:", bold=True, after=2)
    _tag(document, "{%p for allegato in allegati %}")
    _p(document, "– {{ allegato }}", indent_mm=5, after=2)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")


if __name__ == "__main__":
    main()
