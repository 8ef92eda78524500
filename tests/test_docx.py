"""The DOCX reader on real .docx files built in tmp_path (see tests/support/builders.py).

Covers plain paragraphs and positions, Word automatic numbering (direct and by style),
tables (data and two-column layout), tracked changes, soft line breaks, content controls,
text boxes, and damaged or wrong files, which must give an ``InputError`` and nothing else.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import nsdecls, qn

from rodiff.errors import InputError
from rodiff.model import Article, Document, Paragraph, Table, source_strings
from rodiff.parse import parse_file
from rodiff.parse.docx import read_docx_lines

from .support.builders import (
    LayoutRow,
    add_broken_lines,
    add_data_table,
    add_layout_table,
    add_lines,
    add_numbering,
    add_raw_run,
    add_revision,
    add_text_box,
    docx_members,
    docx_with_member,
    level_definition,
    minimal_regulation_docx,
    new_docx,
    numbered,
    ole_file,
    restart_numbering,
    save_docx,
    style_num_id,
    wrap_in_content_control,
    write_zip,
)


def article(document: Document, number: str) -> Article:
    found = document.article(number)
    assert found is not None, f"art. {number} missing: {[a.number.normalised for a in document.articles()]}"
    return found


def texts(art: Article) -> list[str]:
    return [block.text for block in art.paragraphs]


def all_strings(document: Document) -> list[str]:
    return [s for s in source_strings(document) if s]


# ---------------------------------------------------------------------------- plain paragraphs


@pytest.fixture
def plain_docx(tmp_path: Path) -> Path:
    document = new_docx()
    add_lines(
        document,
        "REGOLAMENTO ORGANICO DEI DIPENDENTI DEL COMUNE DI VACALLO",  # 1
        "TITOLO I",  # 2
        "Disposizioni generali",  # 3
        "Art. 1",  # 4
        "Campo d'applicazione",  # 5
        "Il presente regolamento disciplina il rapporto d'impiego dei dipendenti del Comune.",  # 6
        "Sono riservate le disposizioni della legislazione cantonale.",  # 7
        "",  # 8: an empty paragraph still counts as a block
        "Art. 2",  # 9
        "Competenza",  # 10
        "Le nomine e le assunzioni sono di esclusiva competenza del Municipio.",  # 11
        "TITOLO II",  # 12
        "Costituzione del rapporto d'impiego",  # 13
        "Art. 3",  # 14
        "Modalità",  # 15
        "La nomina avviene mediante concorso pubblicato all'albo comunale.",  # 16
    )
    return save_docx(document, tmp_path / "regolamento.docx")


def test_plain_docx_articles_titles_and_texts(plain_docx: Path) -> None:
    document = parse_file(plain_docx)
    assert document.source_kind == "docx"
    assert document.source_name == "regolamento.docx"
    assert document.front == ("REGOLAMENTO ORGANICO DEI DIPENDENTI DEL COMUNE DI VACALLO",)
    assert [a.number.normalised for a in document.articles()] == ["1", "2", "3"]
    assert [a.title for a in document.articles()] == ["Campo d'applicazione", "Competenza", "Modalità"]
    assert texts(article(document, "2")) == ["Le nomine e le assunzioni sono di esclusiva competenza del Municipio."]
    assert texts(article(document, "3")) == ["La nomina avviene mediante concorso pubblicato all'albo comunale."]
    divisions = document.divisions()
    assert [(d.kind, d.number, d.title) for d in divisions] == [
        ("titolo", 1, "Disposizioni generali"),
        ("titolo", 2, "Costituzione del rapporto d'impiego"),
    ]
    assert [a.number.normalised for a in divisions[0].children if isinstance(a, Article)] == ["1", "2"]


def test_plain_docx_positions_are_block_indexes(plain_docx: Path) -> None:
    document = parse_file(plain_docx)
    first, second, third = document.articles()
    assert (first.span.start, first.span.end) == (4, 7)
    assert first.paragraphs[0].span.start == 6
    assert (second.span.start, second.span.end) == (9, 11)
    assert [p.span.start for p in second.paragraphs] == [11]
    assert third.span.start == 14
    assert document.divisions()[1].span.start == 12
    assert all(a.span.page is None for a in document.articles())  # pages exist only for PDF


def test_each_docx_paragraph_is_its_own_capoverso(plain_docx: Path) -> None:
    first = parse_file(plain_docx).articles()[0]
    assert texts(first) == [
        "Il presente regolamento disciplina il rapporto d'impiego dei dipendenti del Comune.",
        "Sono riservate le disposizioni della legislazione cantonale.",
    ]
    assert [p.span.start for p in first.paragraphs] == [6, 7]


def test_docx_lines_one_per_paragraph(plain_docx: Path) -> None:
    lines = read_docx_lines(plain_docx)
    assert [line.position for line in lines] == list(range(1, 17))
    assert lines[7].text == ""
    assert lines[14].text == "Modalità"


# ---------------------------------------------------------------------------- automatic numbering


def test_word_numbering_gives_capoversi_and_lettere(tmp_path: Path) -> None:
    document = new_docx()
    num = add_numbering(document, [("decimal", "%1."), ("lowerLetter", "%2)")])
    add_lines(document, "Art. 5", "Requisiti")
    numbered(document.add_paragraph("I candidati devono adempiere ai seguenti requisiti:"), num, 0)
    numbered(document.add_paragraph("cittadinanza svizzera;"), num, 1)
    numbered(document.add_paragraph("condotta irreprensibile;"), num, 1)
    numbered(document.add_paragraph("idoneità alla funzione."), num, 1)
    numbered(document.add_paragraph("Il Municipio può derogare:"), num, 0)
    numbered(document.add_paragraph("per i supplenti;"), num, 1)  # the lettere restart after "2."
    numbered(document.add_paragraph("per gli ausiliari."), num, 1)
    add_lines(document, "Art. 6", "Modalità")
    again = restart_numbering(document, num)  # Word's "Restart at 1" for the next article
    numbered(document.add_paragraph("La nomina avviene per concorso."), again, 0)
    numbered(document.add_paragraph("Il bando indica la funzione."), again, 0)
    path = save_docx(document, tmp_path / "numerato.docx")

    lines = [line.text for line in read_docx_lines(path)]
    assert lines[2:9] == [
        "1. I candidati devono adempiere ai seguenti requisiti:",
        "a) cittadinanza svizzera;",
        "b) condotta irreprensibile;",
        "c) idoneità alla funzione.",
        "2. Il Municipio può derogare:",
        "a) per i supplenti;",
        "b) per gli ausiliari.",
    ]

    parsed = parse_file(path)
    art5 = article(parsed, "5")
    assert art5.title == "Requisiti"
    assert [(p.number.normalised if p.number else None, p.marker) for p in art5.paragraphs] == [("1", "1."), ("2", "2.")]
    first, second = art5.paragraphs
    assert first.text == "I candidati devono adempiere ai seguenti requisiti:"
    assert [(i.label, i.marker, i.text) for i in first.items] == [
        ("a", "a)", "cittadinanza svizzera;"),
        ("b", "b)", "condotta irreprensibile;"),
        ("c", "c)", "idoneità alla funzione."),
    ]
    assert [(i.label, i.text) for i in second.items] == [("a", "per i supplenti;"), ("b", "per gli ausiliari.")]
    art6 = article(parsed, "6")
    assert [p.number.normalised if p.number else None for p in art6.paragraphs] == ["1", "2"]
    assert texts(art6) == ["La nomina avviene per concorso.", "Il bando indica la funzione."]
    assert not [d for d in parsed.diagnostics if d.code == "paragraph_gap"]


def test_word_numbering_continues_within_one_list(tmp_path: Path) -> None:
    """Without a restart Word goes on counting across articles: the reader shows what Word shows."""
    document = new_docx()
    num = add_numbering(document, [("decimal", "%1."), ("lowerLetter", "%2)")])
    add_lines(document, "Art. 1", "Scopo")
    numbered(document.add_paragraph("Primo."), num)
    add_lines(document, "Art. 2", "Campo")
    numbered(document.add_paragraph("Secondo."), num)
    numbered(document.add_paragraph("lettera"), num, 1)
    numbered(document.add_paragraph("Terzo."), num)
    numbered(document.add_paragraph("altra lettera"), num, 1)
    lines = [line.text for line in read_docx_lines(save_docx(document, tmp_path / "continua.docx"))]
    assert lines == [
        *("Art. 1", "Scopo", "1. Primo."),
        *("Art. 2", "Campo", "2. Secondo.", "a) lettera", "3. Terzo.", "a) altra lettera"),
    ]


def test_list_number_style_numbers_paragraphs(tmp_path: Path) -> None:
    document = new_docx()
    num_id = style_num_id(document, "List Number")
    assert num_id is not None, "python-docx's default template: 'List Number' carries w:numPr"
    assert level_definition(document, num_id) == ("decimal", "%1.")
    add_lines(document, "Art. 7", "Periodo di prova")
    add_lines(
        document,
        "Il primo anno d'impiego è considerato periodo di prova.",
        "Durante il periodo di prova il rapporto può essere disdetto.",
        style="List Number",
    )
    path = save_docx(document, tmp_path / "stile.docx")
    art = article(parse_file(path), "7")
    assert art.title == "Periodo di prova"
    assert [(p.number.normalised if p.number else None, p.marker) for p in art.paragraphs] == [("1", "1."), ("2", "2.")]
    assert texts(art) == [
        "Il primo anno d'impiego è considerato periodo di prova.",
        "Durante il periodo di prova il rapporto può essere disdetto.",
    ]


def test_numbering_inherited_from_base_style_and_switched_off(tmp_path: Path) -> None:
    """A house style based on "List Number" numbers too; numId 0 on a paragraph removes it."""
    document = new_docx()
    capoverso = document.styles.add_style("Capoverso ROD", WD_STYLE_TYPE.PARAGRAPH)
    capoverso.base_style = document.styles["List Number"]
    add_lines(document, "Art. 8", "Domicilio")
    add_lines(document, "Il Municipio può imporre il domicilio.", style="Capoverso ROD")
    numbered(add_lines(document, "Testo senza numero.", style="Capoverso ROD")[0], "0")  # numId 0: no number
    add_lines(document, "Sono riservati i casi particolari.", style="Capoverso ROD")
    lines = [line.text for line in read_docx_lines(save_docx(document, tmp_path / "base.docx"))]
    assert lines[2:] == [
        "1. Il Municipio può imporre il domicilio.",
        "Testo senza numero.",
        "2. Sono riservati i casi particolari.",
    ]


def test_bullet_levels_become_dash_sub_items(tmp_path: Path) -> None:
    """Word's second bullet level is an "o" in Courier New: it must read as a sub-item, not as text."""
    document = new_docx()
    num = add_numbering(document, [("decimal", "%1."), ("lowerLetter", "%2)"), ("bullet", "o")])
    add_lines(document, "Art. 9", "Nomina a tempo parziale")
    numbered(document.add_paragraph("Il Municipio può nominare a tempo parziale:"), num, 0)
    numbered(document.add_paragraph("alle seguenti condizioni:"), num, 1)
    numbered(document.add_paragraph("che l'orario sia compatibile;"), num, 2)
    numbered(document.add_paragraph("che sia rispettato l'art. 23."), num, 2)
    art = article(parse_file(save_docx(document, tmp_path / "puntini.docx")), "9")
    (paragraph,) = art.paragraphs
    (letter,) = paragraph.items
    assert (letter.label, letter.text) == ("a", "alle seguenti condizioni:")
    assert [(i.label, i.text) for i in letter.items] == [
        ("-", "che l'orario sia compatibile;"),
        ("-", "che sia rispettato l'art. 23."),
    ]


# ---------------------------------------------------------------------------- tables


def test_data_table_inside_article(tmp_path: Path) -> None:
    document = new_docx()
    add_lines(document, "Art. 30", "Classi di stipendio", "Le funzioni sono attribuite alle classi seguenti:")  # 1-3
    add_data_table(
        document,
        [["Classe", "Funzione"], ["1", "Segretario comunale"], ["2", "Tecnico comunale"], ["3", "Operaio"]],
    )  # 4-7
    add_lines(document, "Il Municipio può modificare l'attribuzione.")  # 8
    add_lines(document, "Art. 31", "Gratifica", "La gratifica è pari a uno stipendio.")  # 9-11
    parsed = parse_file(save_docx(document, tmp_path / "tabella.docx"))
    art = article(parsed, "30")
    assert art.title == "Classi di stipendio"
    assert [type(b).__name__ for b in art.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = art.blocks[1]
    assert isinstance(table, Table)
    assert table.rows == (
        ("Classe", "Funzione"),
        ("1", "Segretario comunale"),
        ("2", "Tecnico comunale"),
        ("3", "Operaio"),
    )
    assert (table.span.start, table.span.end) == (4, 7)
    last = art.blocks[2]
    assert isinstance(last, Paragraph) and last.text == "Il Municipio può modificare l'attribuzione."
    assert last.span.start == 8
    art31 = article(parsed, "31")
    assert (art31.title, texts(art31), art31.span.start) == ("Gratifica", ["La gratifica è pari a uno stipendio."], 9)


def test_merged_cells_are_kept_once_and_columns_stay_aligned(tmp_path: Path) -> None:
    document = new_docx()
    add_lines(document, "Art. 30", "Classi", "Le classi sono:")
    table = add_data_table(
        document,
        [
            ["Classe", "Funzione", "Servizio"],
            ["1", "Segretario", "Amministrazione"],
            ["2", "Contabile", ""],
            ["Totale: due funzioni", "", ""],
        ],
    )
    table.cell(1, 2).merge(table.cell(2, 2))  # "Amministrazione" spans two rows
    table.cell(3, 0).merge(table.cell(3, 2)).text = "Totale: due funzioni"  # one cell across the row
    parsed = parse_file(save_docx(document, tmp_path / "unite.docx"))
    (block,) = [b for b in article(parsed, "30").blocks if isinstance(b, Table)]
    assert block.rows == (
        ("Classe", "Funzione", "Servizio"),
        ("1", "Segretario", "Amministrazione"),
        ("2", "Contabile", ""),
        ("Totale: due funzioni",),
    )
    assert all_strings(parsed).count("Amministrazione") == 1


@pytest.fixture
def layout_docx(tmp_path: Path) -> Path:
    document = new_docx()
    add_lines(document, "REGOLAMENTO ORGANICO DEI DIPENDENTI")  # 1
    add_layout_table(
        document,
        [
            LayoutRow(body=["TITOLO I", "Disposizioni generali"], full=True),  # 2
            LayoutRow(
                ["Art. 1", "Scopo"],
                ["1. Il presente regolamento disciplina il rapporto d'impiego.", "2. Sono riservate le leggi cantonali."],
            ),  # 3
            LayoutRow(["Art. 2", "Campo di", "applicazione"], ["Si applica a tutti i dipendenti del Comune."]),  # 4
            LayoutRow([], ["Sono esclusi i docenti delle scuole comunali."]),  # 5: the body goes on
            LayoutRow(["Art. 3", "Competenza"], ["Le assunzioni sono di competenza del Municipio."]),  # 6
        ],
    )
    add_lines(document, "Per il Municipio")  # 7
    return save_docx(document, tmp_path / "colonne.docx")


def test_layout_table_is_read_as_articles(layout_docx: Path) -> None:
    parsed = parse_file(layout_docx)
    assert parsed.front == ("REGOLAMENTO ORGANICO DEI DIPENDENTI",)
    assert [(d.kind, d.number, d.title) for d in parsed.divisions()] == [("titolo", 1, "Disposizioni generali")]
    assert [(a.number.normalised, a.title) for a in parsed.articles()] == [
        ("1", "Scopo"),
        ("2", "Campo di applicazione"),
        ("3", "Competenza"),
    ]
    art1 = article(parsed, "1")
    assert [p.number.normalised if p.number else None for p in art1.paragraphs] == ["1", "2"]
    assert texts(art1) == ["Il presente regolamento disciplina il rapporto d'impiego.", "Sono riservate le leggi cantonali."]
    assert texts(article(parsed, "2")) == [
        "Si applica a tutti i dipendenti del Comune.",
        "Sono esclusi i docenti delle scuole comunali.",
    ]
    assert not any(isinstance(b, Table) for a in parsed.articles() for b in a.blocks)
    assert parsed.back == ("Per il Municipio",)


def test_layout_table_positions_and_no_duplicates(layout_docx: Path) -> None:
    parsed = parse_file(layout_docx)
    assert [a.span.start for a in parsed.articles()] == [3, 4, 6]
    assert article(parsed, "2").span.end == 5
    strings = all_strings(parsed)
    for text in ("TITOLO I", "Disposizioni generali", "Scopo", "Sono riservate le leggi cantonali."):
        assert sum(text in s for s in strings) == 1, text
    hints = {line.text: line.hint for line in read_docx_lines(layout_docx)}
    assert hints["Disposizioni generali"] is None  # a division title is not an article title
    assert (hints["Campo di"], hints["applicazione"], hints["Art. 2"]) == ("article_title", "article_title", None)


# ---------------------------------------------------------------------------- revisions, breaks, wrappers


def test_tracked_changes_accepted(tmp_path: Path) -> None:
    document = new_docx()
    add_lines(document, "Art. 1", "Scopo")
    body = document.add_paragraph("Il presente regolamento si applica ")
    add_revision(body, "ins", "a tutti i collaboratori", 1)
    add_revision(body, "del", "ai soli dipendenti nominati", 2)
    body.add_run(" del Comune.")
    inserted = document.add_paragraph()
    add_revision(inserted, "ins", "Art. 2", 3)
    add_lines(document, "Competenza")
    moved = document.add_paragraph("Le assunzioni spettano al Municipio")
    add_raw_run(
        moved,
        f'<w:moveFrom {nsdecls("w")} w:id="4" w:author="R" w:date="2024-03-01T10:00:00Z">'
        '<w:r><w:t xml:space="preserve"> (spostato altrove)</w:t></w:r></w:moveFrom>',
    )
    add_raw_run(  # a writer that puts w:t (not w:delText) inside w:del: still deleted text
        moved,
        f'<w:del {nsdecls("w")} w:id="5" w:author="R" w:date="2024-03-01T10:00:00Z">'
        '<w:r><w:t xml:space="preserve"> e al Consiglio</w:t><w:br/></w:r></w:del>',
    )
    moved.add_run(".")
    gone = document.add_paragraph()
    add_revision(gone, "del", "Art. 3 abrogato per intero", 6)
    parsed = parse_file(save_docx(document, tmp_path / "revisioni.docx"))
    assert [a.number.normalised for a in parsed.articles()] == ["1", "2"]
    assert texts(article(parsed, "1")) == ["Il presente regolamento si applica a tutti i collaboratori del Comune."]
    assert (article(parsed, "2").title, texts(article(parsed, "2"))) == ("Competenza", ["Le assunzioni spettano al Municipio."])
    joined = " ".join(all_strings(parsed))
    for deleted in ("soli dipendenti", "spostato", "Consiglio", "Art. 3"):
        assert deleted not in joined


def test_soft_line_breaks_split_lines(tmp_path: Path) -> None:
    document = new_docx()
    add_broken_lines(document, ["Art. 2", "Rapporto d'impiego"])
    add_broken_lines(
        document,
        ["I dipendenti sono suddivisi in due ordini:", "a) i nominati in pianta stabile;", "b) il personale straordinario."],
    )
    path = save_docx(document, tmp_path / "a_capo.docx")
    lines = read_docx_lines(path)
    assert [(line.text, line.position) for line in lines] == [
        ("Art. 2", 1),
        ("Rapporto d'impiego", 1),
        ("I dipendenti sono suddivisi in due ordini:", 2),
        ("a) i nominati in pianta stabile;", 2),
        ("b) il personale straordinario.", 2),
    ]
    art = article(parse_file(path), "2")
    assert art.title == "Rapporto d'impiego"
    (paragraph,) = art.paragraphs
    assert paragraph.text == "I dipendenti sono suddivisi in due ordini:"
    assert [(i.label, i.text) for i in paragraph.items] == [
        ("a", "i nominati in pianta stabile;"),
        ("b", "il personale straordinario."),
    ]


def test_content_controls_are_read(tmp_path: Path) -> None:
    """Paragraphs inside a block-level content control (w:sdt) are body text too."""
    document = new_docx()
    add_lines(document, "Art. 1", "Scopo", "Il regolamento disciplina il rapporto d'impiego.")
    wrapped = add_lines(document, "Art. 2", "Competenza", "Le assunzioni spettano al Municipio.")
    wrap_in_content_control(wrapped)
    add_lines(document, "Art. 3", "Durata", "La nomina è a tempo indeterminato.")
    parsed = parse_file(save_docx(document, tmp_path / "controlli.docx"))
    assert [(a.number.normalised, a.title) for a in parsed.articles()] == [("1", "Scopo"), ("2", "Competenza"), ("3", "Durata")]
    assert texts(article(parsed, "2")) == ["Le assunzioni spettano al Municipio."]
    assert [a.span.start for a in parsed.articles()] == [1, 4, 7]


def test_text_box_read_once(tmp_path: Path) -> None:
    document = new_docx()
    add_lines(document, "Art. 1", "Scopo")
    paragraph = document.add_paragraph("Si veda la nota")
    add_text_box(paragraph, " a margine")
    lines = [line.text for line in read_docx_lines(save_docx(document, tmp_path / "riquadro.docx"))]
    assert lines[2] == "Si veda la nota a margine"


def test_tab_stops_are_not_text(tmp_path: Path) -> None:
    from docx.shared import Cm

    document = new_docx()
    paragraph = document.add_paragraph("Art. 1")
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(3))
    paragraph.add_run().add_tab()
    paragraph.add_run("Scopo")
    assert [line.text for line in read_docx_lines(save_docx(document, tmp_path / "tab.docx"))] == ["Art. 1 Scopo"]


# ---------------------------------------------------------------------------- bad input


def _corrupt_xml(tmp_path: Path) -> Path:
    base = minimal_regulation_docx(tmp_path / "base.docx")
    return docx_with_member(base, tmp_path / "rotto.docx", "word/document.xml", b"<w:document><w:body><w:p><w:r>")


def _wrong_root(tmp_path: Path) -> Path:
    base = minimal_regulation_docx(tmp_path / "base.docx")
    return docx_with_member(base, tmp_path / "radice.docx", "word/document.xml", b'<?xml version="1.0"?><html><body/></html>')


def _no_body(tmp_path: Path) -> Path:
    base = minimal_regulation_docx(tmp_path / "base.docx")
    xml = f"<w:document {nsdecls('w')}/>".encode()
    return docx_with_member(base, tmp_path / "senza_corpo.docx", "word/document.xml", xml)


def _no_content_types(tmp_path: Path) -> Path:
    base = minimal_regulation_docx(tmp_path / "base.docx")
    return docx_with_member(base, tmp_path / "senza_tipi.docx", "[Content_Types].xml", None)


def _zip_without_document(tmp_path: Path) -> Path:
    return write_zip(tmp_path / "archivio.docx", {"leggimi.txt": b"Art. 1\nScopo\nTesto."})


def _truncated(tmp_path: Path) -> Path:
    data = minimal_regulation_docx(tmp_path / "base.docx").read_bytes()
    path = tmp_path / "troncato.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _plain_text(tmp_path: Path) -> Path:
    path = tmp_path / "testo.docx"
    path.write_text("Art. 1\nScopo\nIl presente regolamento disciplina il rapporto d'impiego.\n", encoding="utf-8")
    return path


def _ole(tmp_path: Path) -> Path:
    return ole_file(tmp_path / "protetto.docx")


BAD_FILES = {
    "xml danneggiato": (_corrupt_xml, "danneggiato"),
    "radice sbagliata": (_wrong_root, "danneggiato"),
    "senza w:body": (_no_body, "danneggiato"),
    "senza [Content_Types].xml": (_no_content_types, "danneggiato"),
    "zip senza document.xml": (_zip_without_document, "non un documento Word"),
    "zip troncato": (_truncated, "danneggiato o incompleto"),
    "testo con estensione .docx": (_plain_text, "estensione .docx"),
    "OLE (cifrato o .doc)": (_ole, "password"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_docx_is_an_input_error(tmp_path: Path, case: str) -> None:
    make, expected = BAD_FILES[case]
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert f"«{path.name}»" in message
    assert expected in message
    assert message == caught.value.message


def test_damaged_document_xml_never_escapes(tmp_path: Path) -> None:
    """Random damage to document.xml gives a document or an InputError, never another exception."""
    base = minimal_regulation_docx(tmp_path / "base.docx")
    xml = docx_members(base)["word/document.xml"]
    rng = random.Random(20240301)
    outcomes = {"ok": 0, "error": 0}
    for index in range(40):
        damaged = bytearray(xml)
        for _ in range(rng.randint(1, 6)):
            damaged[rng.randrange(len(damaged))] = rng.choice(b'<>/="w:x0 ')
        path = docx_with_member(base, tmp_path / f"danno{index}.docx", "word/document.xml", bytes(damaged))
        try:
            parse_file(path)
            outcomes["ok"] += 1
        except InputError as error:
            assert path.name in str(error)
            outcomes["error"] += 1
    assert outcomes["error"] > 0


def test_numbering_with_malformed_values_does_not_crash(tmp_path: Path) -> None:
    document = new_docx()
    num = add_numbering(document, [("decimal", "%1.")])
    root = document.part.numbering_part.element
    for node in root.iter():
        for name in list(node.attrib):
            if name.endswith("}ilvl") or (name.endswith("}val") and node.tag.endswith("}start")):
                node.set(name, "x")
    add_lines(document, "Art. 1", "Scopo")
    paragraph = numbered(document.add_paragraph("Il regolamento."), num, 0)
    paragraph._p.pPr.numPr.ilvl.set(qn("w:val"), "uno")
    lines = [line.text for line in read_docx_lines(save_docx(document, tmp_path / "valori.docx"))]
    assert lines == ["Art. 1", "Scopo", "1. Il regolamento."]
