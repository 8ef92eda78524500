"""Osservazioni per capoverso: reading the file (every spelling, the errors), and the note drawn
beside its capoverso in the confronto (DOCX, HTML, Markdown), in the two-column styles, in the
Word comments of ``revisioni`` and in the messaggio's article views."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from rodiff.align import Alignment, align
from rodiff.compare.notes import (
    Osservazione,
    Osservazioni,
    check_notes,
    entry_yaml,
    note_text,
    notes_skeleton,
    parse_notes,
    read_notes,
)
from rodiff.compare.table import Confronto, Row, build_confronto
from rodiff.errors import InputError
from rodiff.parse import parse_text
from rodiff.render.confronto_docx import render_confronto_docx
from rodiff.render.confronto_html import render_confronto_html
from rodiff.render.confronto_md import render_confronto_md
from rodiff.render.revisioni_docx import render_revisions_docx

from .conftest import CORPUS

OLD = """Art. 1
Scopo
1. Il regolamento disciplina il rapporto d'impiego dei dipendenti del Comune.
2. Si applica al personale nominato.

Art. 2
Orario
1. L'orario di lavoro è di 42 ore settimanali.
2. La ripartizione è di competenza del Municipio.
3. In caso di necessità il Municipio può ordinare lavoro straordinario.

Art. 3
Vacanze
Il dipendente ha diritto a quattro settimane di vacanza.
"""

NEW = """Art. 1
Scopo
1. Il regolamento disciplina il rapporto d'impiego dei dipendenti del Comune e delle sue aziende.
2. Si applica al personale nominato.

Art. 2
Orario
1. L'orario di lavoro è di 40 ore settimanali.
2. La ripartizione è di competenza del Municipio, che può introdurre l'orario flessibile.
3. In caso di necessità il Municipio può ordinare lavoro straordinario, compensato con congedo.

Art. 3
Telelavoro
Il Municipio può concedere il telelavoro.
Per i dettagli si rimanda all'ordinanza.

Art. 4
Vacanze
Il dipendente ha diritto a cinque settimane di vacanza.
"""

NOTES = """\
"1": "Adattamento alle diciture correnti."
"2":
  articolo: "Orario rivisto."
  cpv 2: "Specifica delle possibilità."
  cpv. 3: |
    Compensazione esplicita.
    Come per lo Stato.
"3": {capoverso 2: "Rinvio all'ordinanza."}
"""


@pytest.fixture(scope="module")
def alignment() -> Alignment:
    return align(parse_text(OLD), parse_text(NEW))


@pytest.fixture(scope="module")
def notes() -> Osservazioni:
    return parse_notes(NOTES)


@pytest.fixture(scope="module")
def completo(alignment: Alignment, notes: Osservazioni) -> Confronto:
    return build_confronto(alignment, "completo", notes, proposals={"3": "Nuovo articolo.", "4": "Adattamento numerazione."})


def article_row(confronto: Confronto, key: str) -> Row:
    return next(row for row in confronto.rows if row.kind == "article" and row.key == key)


# ------------------------------------------------------------------------------ reading


@pytest.mark.parametrize("spelling", ["cpv 2", "cpv. 2", "Cpv.2", "capoverso 2", "2", "cpv 2bis", "2 bis", "CPV. 2 BIS"])
def test_every_spelling_of_a_capoverso(spelling: str) -> None:
    notes = parse_notes(f'"12":\n  {spelling}: "Nota."\n')
    expected = "2bis" if "bis" in spelling.lower() else "2"
    assert notes.capoversi("12") == {expected: "Nota."}
    assert notes["12"] == ""  # no note on the whole article


def test_article_notes_and_capoversi_read_together(notes: Osservazioni) -> None:
    assert dict(notes) == {"1": "Adattamento alle diciture correnti.", "2": "Orario rivisto.", "3": ""}
    assert notes.osservazione("2") == Osservazione(
        "Orario rivisto.", {"2": "Specifica delle possibilità.", "3": "Compensazione esplicita.\nCome per lo Stato."}
    )
    assert notes.capoversi("3") == {"2": "Rinvio all'ordinanza."}
    assert note_text(notes, "2") == (
        "Orario rivisto.\ncpv. 2: Specifica delle possibilità.\ncpv. 3: Compensazione esplicita.\nCome per lo Stato."
    )
    assert note_text({"5": "Solo testo."}, "5") == "Solo testo."  # plain article notes still work


def test_empty_file_and_empty_notes(tmp_path: Path) -> None:
    path = tmp_path / "osservazioni.yaml"
    path.write_text("# solo commenti\n", encoding="utf-8")
    assert read_notes(path) == {}
    assert parse_notes('"1": ""\n"2": {cpv 2: ""}\n') == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"12": ["a", "b"]\n', "alla riga 1, l'osservazione dell'articolo «12» deve essere un testo"),
        ('"12":\n  cpv 2: ["a"]\n', "alla riga 2, l'osservazione dell'articolo «12» deve essere un testo"),
        ('"12":\n  lett. a: "x"\n', "alla riga 2, nell'osservazione dell'articolo «12», «lett. a» non è un capoverso"),
        ('"12":\n  cpv 2: "a"\n  cpv. 2: "b"\n', "alla riga 3, l'art. 12 ha due osservazioni per il cpv. 2"),
        ('"12": "a"\n"12": "b"\n', "alla riga 2, l'articolo «12» compare due volte"),
        ('"12": "a\n', "non è scritto correttamente alla riga"),
        ("- una lista\n", "deve contenere righe «numero: testo»"),
    ],
)
def test_reading_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match="osservazioni") as error:
        parse_notes(text, "osservazioni.yaml")
    assert message in error.value.message


def test_unknown_article_and_capoverso_are_refused(alignment: Alignment) -> None:
    source = Path("osservazioni.yaml")
    check_notes(parse_notes(NOTES), alignment, source)  # every key and capoverso exists
    with pytest.raises(InputError) as error:
        check_notes(parse_notes('"1": "Va bene."\n"9": "Non esiste."\n'), alignment, source)
    assert "alla riga 2" in error.value.message and "il nuovo testo non ha un art. 9" in error.value.message
    with pytest.raises(InputError) as error:
        check_notes(parse_notes('"2":\n  cpv 2: "Va bene."\n  cpv 7: "Non esiste."\n'), alignment, source)
    assert "alla riga 3" in error.value.message
    assert "l'art. 2 non ha il cpv. 7 (ha i cpv. 1, 2 e 3)" in error.value.message


def test_a_repealed_article_uses_the_old_numbers() -> None:
    old = "Art. 1\nScopo\n1. Primo.\n2. Secondo.\n\nArt. 2\nFine\nUltimo.\n"
    new = "Art. 2\nFine\nUltimo.\n"
    alignment = align(parse_text(old), parse_text(new))
    check_notes(parse_notes('"vecchio 1": {cpv 2: "Superato."}\n'), alignment, Path("o.yaml"))
    with pytest.raises(InputError, match=r"del testo in vigore non ha il cpv\. 3"):
        check_notes(parse_notes('"vecchio 1": {cpv 3: "No."}\n'), alignment, Path("o.yaml"))


def test_saving_an_article_note_keeps_the_capoversi(notes: Osservazioni) -> None:
    """What the web page does when she edits the note of a whole article."""
    edited = notes.with_article_note("2", "Nuovo testo.").with_article_note("3", "")
    assert edited.capoversi("2") == notes.capoversi("2") and edited["2"] == "Nuovo testo."
    assert edited.capoversi("3") == {"2": "Rinvio all'ordinanza."}  # an empty article note drops only itself
    assert "1" not in notes.with_article_note("1", "")
    written = "\n".join(entry_yaml(key, edited.osservazione(key)) for key in edited)
    assert parse_notes(written) == edited  # the file the page writes reads back the same


def test_skeleton_documents_the_form_and_stays_per_article(alignment: Alignment) -> None:
    skeleton = notes_skeleton(alignment)
    example = next(line for line in skeleton.splitlines() if line.startswith('#   "12"'))
    assert parse_notes(example[4:]).capoversi("12") == {"2": "Sul capoverso 2.", "3": "Sul capoverso 3."}
    parsed = parse_notes(skeleton)
    assert dict(parsed) == {"3": "Nuovo articolo."} and not any(parsed.capoversi(key) for key in parsed)


def test_the_new_folder_template_documents_the_form() -> None:
    text = (Path(__file__).parent.parent / "templates" / "cartella" / "osservazioni.yaml").read_text(encoding="utf-8")
    assert parse_notes(text) == {}
    lines = text.splitlines()
    example = "\n".join(line[2:] for line in lines[lines.index('# "15":') :])
    assert parse_notes(example).capoversi("15") == {
        "2": "Modifica di forma.",
        "3": "Precisazione per malattie brevi legate ad altri giorni liberi.",
    }


# ------------------------------------------------------------------------------ the model


def test_completo_cuts_the_article_where_a_noted_capoverso_starts(completo: Confronto) -> None:
    row = article_row(completo, "2")
    heading, cpv2, cpv3 = row.parts
    assert [line.text for line in heading[1]][:2] == ["Art. 2", "Orario"]
    assert [line.text for line in heading[2]] == ["Orario rivisto."]  # the article's note beside its heading
    assert cpv2[1][0].text.startswith("2. La ripartizione") and [line.text for line in cpv2[2]] == [
        "Specifica delle possibilità."
    ]
    assert cpv2[0][0].text.startswith("2. La ripartizione")  # the old capoverso at the same height
    assert [line.text for line in cpv3[2]] == ["Compensazione esplicita.", "Come per lo Stato."]  # line breaks kept
    for column in (0, 1):  # the parts are the row's cells, cut
        assert tuple(line for part in row.parts for line in part[column]) == row.cells[column]
    assert [line.text for line in row.cells[2]] == [
        "Orario rivisto.",
        "cpv. 2: Specifica delle possibilità.",
        "cpv. 3: Compensazione esplicita.",
        "Come per lo Stato.",
    ]


def test_a_new_article_is_cut_too_and_proposals_fill_only_untouched_articles(completo: Confronto) -> None:
    row = article_row(completo, "3")
    assert len(row.parts) == 2 and row.parts[1][1][0].text == "Per i dettagli si rimanda all'ordinanza."
    assert [line.text for line in row.cells[2]] == ["cpv. 2: Rinvio all'ordinanza."]  # hers: no "Nuovo articolo."
    assert [line.text for line in article_row(completo, "4").cells[2]] == ["Adattamento numerazione."]
    assert not article_row(completo, "1").parts  # an article note only: one row, as before
    assert completo.notes_used == {"1", "2", "3"}


def test_two_column_styles_show_them_in_the_commento(alignment: Alignment, notes: Osservazioni) -> None:
    for style in ("articoli", "frammenti"):
        confronto = build_confronto(alignment, style, notes)
        commento = next(row for row in confronto.rows if row.kind == "commento" and row.key == "2")
        assert [line.text for line in commento.cells[0]] == [
            "Commento: Orario rivisto.",
            "cpv. 2: Specifica delle possibilità.",
            "cpv. 3: Compensazione esplicita.",
            "Come per lo Stato.",
        ]


# ------------------------------------------------------------------------------ renderers


def _cell_texts(tc: object) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]  # type: ignore[attr-defined]


def test_docx_puts_the_note_in_the_row_of_its_capoverso(completo: Confronto) -> None:
    document = open_docx(io.BytesIO(render_confronto_docx(completo)))
    rows = document.tables[0]._tbl.findall(qn("w:tr"))
    row = next(tr for tr in rows if "Specifica delle possibilità." in _cell_texts(tr.findall(qn("w:tc"))[-1]))
    old, new, note = row.findall(qn("w:tc"))
    assert _cell_texts(new)[0].startswith("2. La ripartizione") and _cell_texts(old)[0].startswith("2. La ripartizione")
    assert _cell_texts(note) == ["Specifica delle possibilità."]
    borders = note.find(qn("w:tcPr")).find(qn("w:tcBorders"))  # one article to the eye: no line between its parts
    assert borders.find(qn("w:top")).get(qn("w:val")) == "nil" and borders.find(qn("w:bottom")).get(qn("w:val")) == "nil"
    heading = rows[rows.index(row) - 1]
    assert _cell_texts(heading.findall(qn("w:tc"))[1])[0] == "Art. 2" and _cell_texts(heading.findall(qn("w:tc"))[2]) == [
        "Orario rivisto."
    ]
    keep = heading.find(qn("w:tc")).find(qn("w:p")).find(qn("w:pPr")).find(qn("w:keepNext"))
    assert keep is not None  # the heading part stays with its first capoverso
    last = rows[rows.index(row) + 1]
    assert _cell_texts(last.findall(qn("w:tc"))[2]) == ["Compensazione esplicita.", "Come per lo Stato."]


def test_html_draws_a_row_per_part_with_line_breaks_escaped(alignment: Alignment) -> None:
    notes = parse_notes('"2":\n  cpv 2: "Prima riga <b>\\nseconda & ultima"\n')
    html = render_confronto_html(build_confronto(alignment, "completo", notes))
    tree = lxml.html.document_fromstring(html)
    parts = tree.xpath('//tbody/tr[@data-chiave="2"]')
    assert len(parts) == 2 and all("parte" in tr.get("class") for tr in parts)
    _, new, note = parts[1].xpath("./td")
    assert new.xpath("./p")[0].text_content().startswith("2. La ripartizione")
    assert [p.text_content() for p in note.xpath("./p")] == ["Prima riga <b>", "seconda & ultima"]
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert "tr.parte-seguente td { border-top: none" in html


def test_markdown_prefixes_the_capoverso(completo: Confronto) -> None:
    text = render_confronto_md(completo)
    line = next(line for line in text.splitlines() if line.startswith("| **Art. 2**"))
    assert line.endswith(
        "| Orario rivisto.<br>cpv. 2: Specifica delle possibilità.<br>cpv. 3: Compensazione esplicita.<br>Come per lo Stato. |"
    )


def _commented_paragraphs(docx: bytes) -> dict[str, str]:
    """Comment text -> the text of the paragraph it is anchored on."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = lxml.etree.fromstring(archive.read("word/document.xml"))
        comments = lxml.etree.fromstring(archive.read("word/comments.xml"))
    text_of = {c.get(qn("w:id")): "".join(t.text or "" for t in c.iter(qn("w:t"))) for c in comments.iter(qn("w:comment"))}
    anchored = {}
    for start in body.iter(qn("w:commentRangeStart")):
        paragraph = start.getparent()
        words = "".join(t.text or "" for t in paragraph.iter(qn("w:t"), qn("w:delText")))
        anchored[text_of[start.get(qn("w:id"))]] = words
    return anchored


def test_revisioni_anchors_each_note_on_its_capoverso(alignment: Alignment, notes: Osservazioni) -> None:
    anchored = _commented_paragraphs(render_revisions_docx(alignment, "Segretaria", commenti=notes))
    assert anchored["Orario rivisto."].startswith("Art. 2")
    assert anchored["Specifica delle possibilità."].startswith("2. La ripartizione")
    assert anchored["Compensazione esplicita.Come per lo Stato."].startswith("3. In caso di necessità")  # two paragraphs
    assert anchored["Rinvio all'ordinanza."] == "Per i dettagli si rimanda all'ordinanza."  # inside a new article
    assert anchored["Adattamento alle diciture correnti."].startswith("Art. 1")


def test_vacallo_corpus_notes_sit_beside_their_capoversi() -> None:
    """corpus/vacallo/osservazioni.yaml puts the notes of art. 1, 5, 12, 15, 30, 36 beside their
    capoversi, as the published table does."""
    from rodiff.session import Revisione

    vacallo = CORPUS / "vacallo"
    revisione = Revisione.from_files(
        vacallo / "rod-1991.txt",
        vacallo / "rod-nuovo.txt",
        osservazioni=vacallo / "osservazioni.yaml",
        dati=vacallo / "messaggio.yaml",
    )
    table = revisione.confronto()
    assert [row.key for row in table.rows if row.parts] == ["1", "5", "12", "15", "30", "36"]
    part = next(part for part in article_row(table, "30").parts if part[2] and part[2][0].text == "Adattamento a LOC e LPamm.")
    assert part[1][0].text.startswith("4. Contro i rimanenti provvedimenti")
    rows = open_docx(io.BytesIO(render_confronto_docx(table))).tables[0]._tbl.findall(qn("w:tr"))
    row = next(tr for tr in rows if _cell_texts(tr.findall(qn("w:tc"))[-1]) == ["Adattamento a LOC e LPamm."])
    old, new, _ = row.findall(qn("w:tc"))
    assert _cell_texts(old)[0].startswith("4. Contro i rimanenti") and _cell_texts(new)[0].startswith("4. Contro i rimanenti")
    note = next(article.nota for article in revisione.messaggio.articoli if "Adattamento a LOC" in article.nota)
    assert (
        note
        == "cpv. 1: Facoltà di delega all’amministrazione ed eventuale consulenza esterna.\ncpv. 4: Adattamento a LOC e LPamm."
    )


def test_the_web_page_saving_an_article_note_keeps_her_capoversi(tmp_path: Path, notes: Osservazioni) -> None:
    """The confronto page edits the note of a whole article; the notes per capoverso written by
    hand in osservazioni.yaml stay, and are listed beside the field."""
    from rodiff.session import Revisione
    from rodiff.web.store import Revision
    from rodiff.web.work import note_rows, save_note

    path = tmp_path / "osservazioni.yaml"
    path.write_text(NOTES, encoding="utf-8")
    session = Revisione(parse_text(OLD), parse_text(NEW), osservazioni=read_notes(path))
    row = next(row for row in note_rows(session, "completo") if row["chiave"] == "2")
    assert row["testo"] == "Orario rivisto." and row["capoversi"][1]["testo"] == "Specifica delle possibilità."  # cpv. 2
    assert save_note(Revision("prova", tmp_path), session, "2", "Orario ridotto a 40 ore.")
    saved = read_notes(path)
    assert saved["2"] == "Orario ridotto a 40 ore." and saved.capoversi("2") == notes.capoversi("2")
    assert saved.capoversi("3") == {"2": "Rinvio all'ordinanza."}
