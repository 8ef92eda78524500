"""Akoma Ntoso 3.0 XML for a Document (``rodiff analizza --formato akn``), with lxml.

Mapping: Titolo -> ``title``, Capitolo -> ``chapter``, Sezione -> ``section``,
Parte -> ``part``, article -> ``article``, capoverso -> ``paragraph``, lettera and
sub-item -> ``point``, table -> ``table`` inside a ``paragraph``; the front matter goes to
``preface``, the back matter (signatures) to ``conclusions``. Element ``eId``s are the
model's ids. The output validates against the official AKN 3.0 schema (tests use the
copy packaged with ``cobalt``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from lxml import etree

from ..errors import InputError
from ..model import Article, Division, Document, Item, Paragraph, Table

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_E = f"{{{AKN_NS}}}"
_DIVISION_ELEMENTS = {"parte": "part", "titolo": "title", "capitolo": "chapter", "sezione": "section"}


def render_akn(document: Document, today: dt.date | None = None) -> bytes:
    try:
        return _render_akn(document, today)
    except ValueError as error:  # lxml: "All strings must be XML compatible" (NUL, control characters)
        raise InputError(
            f"Il testo di «{document.source_name}» contiene caratteri di controllo (per esempio NUL) che il formato "
            "Akoma Ntoso (XML) non ammette. Salvi di nuovo il testo da Word o da un editor, poi riprovi."
        ) from error


def _render_akn(document: Document, today: dt.date | None) -> bytes:
    root = etree.Element(_E + "akomaNtoso", nsmap={None: AKN_NS})
    act = etree.SubElement(root, _E + "act", name="regolamento")
    act.append(_meta(document, today or dt.date.today()))
    if document.front:
        preface = etree.SubElement(act, _E + "preface")
        for line in document.front:
            _p(preface, line)
    body = etree.SubElement(act, _E + "body")
    for node in document.body:
        body.append(_node(node))
    if document.back:
        conclusions = etree.SubElement(act, _E + "conclusions")
        for line in document.back:
            _p(conclusions, line)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "comune"


def _meta(document: Document, today: dt.date) -> etree._Element:
    metadata = document.metadata
    date = metadata.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", metadata.date or "") else today.isoformat()
    work = f"/akn/ch-ti/act/regolamento/{_slug(metadata.commune)}/{date}/rod"
    expression = f"{work}/ita@{date}"
    meta = etree.Element(_E + "meta")
    identification = etree.SubElement(meta, _E + "identification", source="#rodiff")
    for level, this, uri, extra in (
        ("FRBRWork", f"{work}/!main", work, "country"),
        ("FRBRExpression", f"{expression}/!main", expression, "language"),
        ("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", None),
    ):
        frbr = etree.SubElement(identification, _E + level)
        etree.SubElement(frbr, _E + "FRBRthis", value=this)
        etree.SubElement(frbr, _E + "FRBRuri", value=uri)
        if level == "FRBRWork" and (metadata.title or document.front):
            etree.SubElement(frbr, _E + "FRBRalias", value=metadata.title or document.front[0], name="titolo")
        manifestation = level == "FRBRManifestation"
        etree.SubElement(
            frbr,
            _E + "FRBRdate",
            date=today.isoformat() if manifestation else date,
            name="generazione" if manifestation else "versione",
        )
        etree.SubElement(frbr, _E + "FRBRauthor", href="#municipio" if not manifestation else "#rodiff")
        if extra == "country":
            etree.SubElement(frbr, _E + "FRBRcountry", value="ch")
        elif extra == "language":
            etree.SubElement(frbr, _E + "FRBRlanguage", language="ita")
    references = etree.SubElement(meta, _E + "references", source="#rodiff")
    etree.SubElement(
        references, _E + "TLCOrganization", eId="municipio", href="/ontology/organization/ch-ti/municipio", showAs="Municipio"
    )
    etree.SubElement(references, _E + "TLCOrganization", eId="rodiff", href="/ontology/organization/rodiff", showAs="rodiff")
    return meta


def _p(parent: etree._Element, text: str) -> etree._Element:
    element = etree.SubElement(parent, _E + "p")
    element.text = text
    return element


def _num_heading(element: etree._Element, num: str, heading: str) -> None:
    if num:
        etree.SubElement(element, _E + "num").text = num
    if heading:
        etree.SubElement(element, _E + "heading").text = heading


def _node(node: Division | Article) -> etree._Element:
    if isinstance(node, Article):
        return _article(node)
    element = etree.Element(_E + _DIVISION_ELEMENTS[node.kind], eId=node.eid)
    word = node.heading.split()[0] if node.heading else node.kind.upper()
    _num_heading(element, f"{word} {node.label}", node.title)
    if node.notes:
        intro = etree.SubElement(element, _E + "intro")
        for note in node.notes:
            _p(intro, note)
    for child in node.children:
        element.append(_node(child))
    if not node.children:
        _p(etree.SubElement(element, _E + "content"), "")
    return element


def _article(article: Article) -> etree._Element:
    attributes = {"eId": article.eid}
    if article.is_repealed:
        attributes["status"] = "repealed"
    element = etree.Element(_E + "article", attributes)
    _num_heading(element, article.display_heading, article.title)
    for block in article.blocks:
        element.append(_table(block) if isinstance(block, Table) else _paragraph(block))
    if not article.blocks:
        _p(etree.SubElement(element, _E + "content"), "")
    return element


def _paragraph(paragraph: Paragraph) -> etree._Element:
    element = etree.Element(_E + "paragraph", eId=paragraph.eid)
    _num_heading(element, paragraph.marker, "")
    _text_and_points(element, paragraph.text, paragraph.items)
    return element


def _item(item: Item) -> etree._Element:
    element = etree.Element(_E + "point", eId=item.eid)
    _num_heading(element, item.marker, "")
    _text_and_points(element, item.text, item.items)
    return element


def _text_and_points(element: etree._Element, text: str, items: tuple[Item, ...]) -> None:
    if items:
        if text:
            _p(etree.SubElement(element, _E + "intro"), text)
        for item in items:
            element.append(_item(item))
    else:
        _p(etree.SubElement(element, _E + "content"), text)


def _table(table: Table) -> etree._Element:
    element = etree.Element(_E + "paragraph", eId=table.eid)
    content = etree.SubElement(element, _E + "content")
    xml_table = etree.SubElement(content, _E + "table", eId=f"{table.eid}__tabella")
    for row in table.rows:
        tr = etree.SubElement(xml_table, _E + "tr")
        for cell in row:
            _p(etree.SubElement(tr, _E + "td"), cell)
    return element
