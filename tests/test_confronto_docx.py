"""The Word tabella di confronto (rodiff.render.confronto_docx) on the corpus pairs.

Golden files: the normalised ``word/document.xml`` of the Vacallo pair (completo, three
columns) and of the Mendrisio extract (articoli, two columns) is compared with
``tests/golden/confronto-*.xml``; after an intended change of the renderer or of the model,
rewrite them with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_confronto_docx.py``
and read the diff before committing. Direct assertions check what a secretary sees: landscape
page, repeated header row, struck and underlined marks, renumbered headings, new articles in
the middle column only, spanning division rows, "Pagina X di Y". If LibreOffice is installed,
the file is also converted to PDF to prove that another word processor opens it.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from lxml import etree

from rodiff.align import align
from rodiff.compare.notes import automatic_notes
from rodiff.compare.table import Confronto, Line, Row, Run, build_confronto
from rodiff.italiano import italian_date, summary_sentence
from rodiff.parse import parse_file
from rodiff.render.confronto_docx import IDENTICAL, column_widths, render_confronto_docx
from rodiff.render.oxml.properties import compatibility_mode

from .conftest import CORPUS
from .support.golden import assert_golden
from .support.libreoffice import convert

GENERATED = date(2026, 11, 22)  # fixed, so the title block is the same every day
VACALLO = (CORPUS / "vacallo" / "rod-1991.txt", CORPUS / "vacallo" / "rod-nuovo.txt")
MENDRISIO = (CORPUS / "mendrisio" / "rod-2006-estratto.txt", CORPUS / "mendrisio" / "rod-2018-estratto.txt")


def _confronto(pair: tuple[Path, Path], style: str) -> Confronto:
    alignment = align(parse_file(pair[0]), parse_file(pair[1]))
    return build_confronto(alignment, style=style, proposals=automatic_notes(alignment))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def vacallo() -> bytes:
    return render_confronto_docx(_confronto(VACALLO, "completo"), GENERATED)


@pytest.fixture(scope="module")
def mendrisio() -> bytes:
    return render_confronto_docx(_confronto(MENDRISIO, "articoli"), GENERATED)


def _open(data: bytes) -> Any:
    return Document(BytesIO(data))


def _rows(data: bytes) -> list[Any]:
    (table,) = _open(data).element.body.findall(qn("w:tbl"))
    return list(table.findall(qn("w:tr")))


def _cells(tr: Any) -> list[Any]:
    return list(tr.findall(qn("w:tc")))


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _runs(element: Any) -> list[Any]:
    return list(element.iter(qn("w:r")))


def _has(run: Any, tag: str) -> bool:
    rpr = run.find(qn("w:rPr"))
    return rpr is not None and rpr.find(qn(tag)) is not None


def _color(run: Any) -> str | None:
    color = run.find(f"{qn('w:rPr')}/{qn('w:color')}")
    return None if color is None else color.get(qn("w:val"))


# ----------------------------------------------------------------------- golden files


def normalised_xml(data: bytes) -> str:
    """``word/document.xml``, pretty-printed, without rsid and date attributes."""
    # re-parsed with plain lxml: python-docx's element classes redefine ``.text``
    root = etree.fromstring(etree.tostring(_open(data).element))
    for element in root.iter():
        for name in list(element.attrib):
            local = etree.QName(name).localname
            if local.startswith("rsid") or local == "date":
                del element.attrib[name]
        if len(element) and element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.mark.parametrize("name", ["vacallo", "mendrisio"])
def test_document_xml_matches_golden_file(name: str, request: pytest.FixtureRequest) -> None:
    assert_golden(f"confronto-{name}.xml", normalised_xml(request.getfixturevalue(name)))


# ---------------------------------------------------------------------- page and title


def test_page_is_a4_landscape_with_page_numbers(vacallo: bytes) -> None:
    section = _open(vacallo).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Pagina 1 di 1" in _text(footer)  # the cached results, before the reader updates them


def test_title_block(vacallo: bytes) -> None:
    confronto = _confronto(VACALLO, "completo")
    document = _open(vacallo)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == confronto.title
    assert texts[1] == confronto.subtitle
    assert not any(text.startswith("Generato il") for text in texts)  # no leftovers by default
    assert summary_sentence(confronto.summary) not in texts
    assert "vacallo" not in texts[1].lower() and ".txt" not in texts[1]  # versions by name, never file names
    assert IDENTICAL not in texts
    technical = _open(render_confronto_docx(replace(confronto, technical_notes=True), GENERATED))
    assert {"Generato il 22 novembre 2026 con rodiff.", summary_sentence(confronto.summary)} <= {
        p.text for p in technical.paragraphs
    }
    legend = next(p for p in document.paragraphs if p.text.startswith("Legenda"))
    marks = {run.text: run for run in legend.runs}
    assert marks["testo tolto"].font.strike and str(marks["testo tolto"].font.color.rgb) == "C00000"
    assert marks["testo nuovo"].font.underline


def test_fonts_are_set_for_every_script(vacallo: bytes) -> None:
    styles = _open(vacallo).styles
    fonts = styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {fonts.get(qn(f"w:{key}")) for key in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Arial"}
    assert styles["Normal"].font.size.pt == 10


def test_identical_versions_say_so() -> None:
    old = VACALLO[0]
    data = render_confronto_docx(build_confronto(align(parse_file(old), parse_file(old))), GENERATED)
    assert IDENTICAL in [p.text for p in _open(data).paragraphs]


def test_italian_dates() -> None:
    assert italian_date(date(2026, 11, 22)) == "22 novembre 2026"
    assert italian_date(date(2019, 1, 1)) == "1° gennaio 2019"


# ----------------------------------------------------------------------------- table


def test_header_row_repeats_on_every_page(vacallo: bytes) -> None:
    header = _rows(vacallo)[0]
    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert [_text(tc) for tc in _cells(header)] == ["Testo in vigore", "Testo proposto", "Osservazioni"]
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for tr in _rows(vacallo)[1:])


def test_column_widths(vacallo: bytes, mendrisio: bytes) -> None:
    for data, shares in ((vacallo, (40, 40, 20)), (mendrisio, (50, 50))):
        table = _open(data).element.body.find(qn("w:tbl"))
        grid = [int(col.get(qn("w:w"))) for col in table.find(qn("w:tblGrid"))]
        assert [round(100 * width / sum(grid)) for width in grid] == list(shares)
        assert grid == column_widths(len(shares))


def test_deleted_and_inserted_runs_are_marked(vacallo: bytes) -> None:
    runs = [run for tr in _rows(vacallo) for run in _runs(tr)]
    deleted = [run for run in runs if _has(run, "w:strike")]
    inserted = [run for run in runs if _has(run, "w:u")]
    assert deleted and inserted
    assert {_color(run) for run in deleted} == {"C00000"}
    assert {_color(run) for run in inserted} == {"1F4E9A"}
    assert not any(_has(run, "w:u") for run in deleted)


def test_renumbered_heading_shows_both_numbers(vacallo: bytes) -> None:
    row = next(tr for tr in _rows(vacallo) if _text(_cells(tr)[0]).startswith("Art. 11Orario di lavoro"))
    old, new, _ = _cells(row)
    heading = new.find(qn("w:p"))
    runs = _runs(heading)
    assert _text(heading) == "Art. 11 12"
    assert [(_text(r), _has(r, "w:strike"), _has(r, "w:u")) for r in runs if _text(r).strip()] == [
        ("Art. ", False, False),
        ("11", True, False),
        ("12", False, True),
    ]
    assert _text(old.find(qn("w:p"))) == "Art. 11"


def test_new_article_only_in_the_middle_column(vacallo: bytes) -> None:
    row = next(tr for tr in _rows(vacallo) if len(_cells(tr)) == 3 and "Telelavoro" in _text(_cells(tr)[1]))
    old, new, note = _cells(row)
    assert _text(old) == ""
    assert _text(new).startswith("Art. 13Telelavoro")
    assert "Telelavoro" not in _text(note)


def test_division_and_commento_rows_span_the_table(vacallo: bytes, mendrisio: bytes) -> None:
    divisions = [tr for tr in _rows(vacallo) if len(_cells(tr)) == 1]
    assert _text(divisions[0]) == "TITOLO PRIMO: GENERALITÀ"
    for tr in divisions:
        span = tr.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:gridSpan')}")
        assert span is not None and span.get(qn("w:val")) == "3"
        assert tr.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:shd')}") is not None
        assert all(_has(run, "w:b") for run in _runs(tr))
    commenti = [tr for tr in _rows(mendrisio) if _text(tr).startswith("Commento:")]
    assert commenti
    for tr in commenti:
        assert tr.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == "2"
        assert all(_has(run, "w:i") for run in _runs(tr))


def test_only_short_rows_refuse_to_split(vacallo: bytes) -> None:
    def cant_split(tr: Any) -> bool:
        return tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None

    rows = _rows(vacallo)
    assert cant_split(rows[0]) and cant_split(rows[1])  # header, first division
    longest = max(rows, key=lambda tr: len(_text(tr)))
    assert not cant_split(longest)
    shortest = min((tr for tr in rows if len(_cells(tr)) == 3), key=lambda tr: len(_text(tr)))
    assert cant_split(shortest)


def test_replaced_words_are_kept_apart_by_a_plain_space() -> None:
    line = Line((Run("in "), Run("due", "deleted"), Run("tre", "inserted"), Run(" ordini")))
    confronto = Confronto("completo", "T", "S", ("A", "B", "C"), (Row("article", ((), (line,), ())),), {"modified": 1}, False)
    (_, row) = _rows(render_confronto_docx(confronto, GENERATED))
    assert _text(_cells(row)[1]) == "in due tre ordini"


def test_rows_are_built_as_xml_not_through_python_docx_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx builds a cell object by walking the whole table, so its cell API makes rendering
    quadratic in the rows: the renderer never creates one (the timing is in bench/scaling.py)."""
    import docx.table

    created: list[object] = []
    monkeypatch.setattr(docx.table._Cell, "__init__", lambda self, *args: created.append(self))
    line = Line((Run("Il Municipio può obbligare i dipendenti."),))
    rows = tuple(Row("article", ((line,), (line,), (line,))) for _ in range(20))
    render_confronto_docx(Confronto("completo", "T", "S", ("A", "B", "C"), rows, {"modified": 20}, False), GENERATED)
    assert created == []


# ------------------------------------------------------------------------ LibreOffice


def test_libreoffice_opens_it(vacallo: bytes, tmp_path: Path) -> None:
    import pdfplumber

    source = tmp_path / "confronto.docx"
    source.write_bytes(vacallo)
    pdf = convert(source, "pdf", tmp_path, timeout=120)
    assert pdf.stat().st_size > 0
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) > 10
        assert any("Telelavoro" in (page.extract_text() or "") for page in document.pages)
        first = document.pages[0].extract_text() or ""
    assert "Testo in vigore" in first and "Pagina 1 di" in first


def test_file_properties_and_current_word_format() -> None:
    confronto = replace(_confronto(VACALLO, "completo"), author="Cancelleria comunale")
    before = datetime.now(UTC).replace(microsecond=0)
    document = _open(render_confronto_docx(confronto, GENERATED))
    properties = document.core_properties
    assert properties.title == confronto.title and properties.author == "Cancelleria comunale"
    assert properties.language == "it-CH" and properties.comments == ""
    assert properties.created is not None and properties.created.replace(tzinfo=UTC) >= before
    assert properties.modified == properties.created
    assert compatibility_mode(document.settings.element) == "15"  # not Word's compatibility mode


TEMPLATE_LEFTOVERS = ("docProps/thumbnail.jpeg", "docProps/app.xml", "word/stylesWithEffects.xml", "customXml/item1.xml")


def test_no_part_of_python_docxs_template_is_left(vacallo: bytes) -> None:
    """No preview of an empty page, no styles without rodiff's, no "Microsoft Macintosh Word"."""
    with zipfile.ZipFile(BytesIO(vacallo)) as archive:
        names = archive.namelist()
        content_types = archive.read("[Content_Types].xml").decode()
    assert "word/styles.xml" in names and not set(TEMPLATE_LEFTOVERS) & set(names)
    assert "jpeg" not in content_types and "stylesWithEffects" not in content_types


def _nested_tables(data: bytes) -> list[Any]:
    return [tbl for tbl in _open(data).element.body.iter(qn("w:tbl")) if tbl.getparent().tag == qn("w:tc")]


def test_salary_table_is_a_nested_table_with_marked_cells(vacallo: bytes) -> None:
    """Vacallo art. 30 -> 33: the salary classes are a real table in both columns, row by row,
    and the marks (struck red, underlined blue) sit on the runs inside the table cells."""
    nested = _nested_tables(vacallo)
    assert len(nested) == 2  # the old table (left) and the new one diffed (middle)
    _old, new = nested
    first_cells = ["".join(tr.xpath("./w:tc[1]//w:t/text()")) for tr in new.findall(qn("w:tr"))]
    assert first_cells[:4] == ["FUNZIONE", "Segretario I", "Segretario aggiunto I II", "Vicesegretario I"]
    segretario = new.findall(qn("w:tr"))[1]
    cells = segretario.findall(qn("w:tc"))
    assert len(cells) == 3
    inserted = [r for r in cells[0].iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:u')}") is not None]
    struck = [r for r in cells[1].iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:strike')}") is not None]
    assert ["".join(r.xpath("./w:t/text()")) for r in inserted] == [" I"]
    assert ["".join(r.xpath("./w:t/text()")) for r in struck] == ["30(33)"]
    assert all(r.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val")) == "C00000" for r in struck)
    assert all(tc[-1].tag == qn("w:p") for tc in new.getparent().getparent().iter(qn("w:tc")))  # a cell ends with a paragraph


def test_run_text_loses_control_characters_and_breaks() -> None:
    """OCR'd texts carry control characters XML refuses, and breaks Word would show: a run
    keeps one line of text; printable text (accents, a no-break space) stays as it is."""
    from rodiff.render.oxml.elements import clean_text

    assert clean_text("Il dipendente è\x0bnominato\x00.") == "Il dipendente ènominato."
    assert clean_text("uno\tdue\r\ntre\ufffe") == "uno due  tre"
    assert clean_text("Fr.\xa05'000.–") == "Fr.\xa05'000.–"
