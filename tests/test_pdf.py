"""The PDF reader on real PDFs drawn with fpdf2 in tmp_path (see tests/support/builders.py).

Covers a one-column regulation with running header and page numbers, the margin layout
(heading and title in a left column, body beside it, superscript capoverso numbers),
several articles per page, progress reports, long files read by worker processes, and
damaged, locked or textless files.
"""

from __future__ import annotations

import os
import random
import struct
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from rodiff.errors import InputError
from rodiff.model import Article, Document, source_strings
from rodiff.parse import parse_file, pdf
from rodiff.parse.pdf import read_pdf_lines

from .support.builders import BodyHeading, MarginArticle, PdfCanvas, column_pdf, drawing_only_pdf, margin_pdf

HEADER = "Comune di Vacallo - Regolamento organico dei dipendenti"


def article(document: Document, number: str) -> Article:
    found = document.article(number)
    assert found is not None, f"art. {number} missing: {[a.number.normalised for a in document.articles()]}"
    return found


def texts(art: Article) -> list[str]:
    return [block.text for block in art.paragraphs]


def body_strings(document: Document) -> list[str]:
    """Every string kept in the body (divisions, articles), not front, back or furniture."""
    kept = list(source_strings(document))
    for outside in (*document.front, *document.back, *document.furniture):
        kept.remove(outside)
    return kept


# ---------------------------------------------------------------------------- one column

PAGE_1 = [
    "REGOLAMENTO ORGANICO DEI DIPENDENTI",
    "",
    "TITOLO I",
    "Disposizioni generali",
    "",
    "Art. 1",
    "Scopo",
    "Il presente regolamento disciplina il rapporto d'impiego dei",
    "dipendenti del Comune e delle sue aziende municipalizzate.",
    "",
    "Art. 2",
    "Campo d'applicazione",
    "1. Si applica a tutti i collaboratori del Comune.",
    "2. Sono riservate le norme cantonali sulla",
    "previdenza professionale.",
]
PAGE_2 = [
    "Art. 3",
    "Modalità",
    "La nomina avviene mediante concorso pubblicato all'albo",
    "comunale per almeno quattordici giorni.",
    "",
    "TITOLO II",
    "Doveri dei collaboratori",
    "",
    "Art. 4",
    "Periodo di prova",
    "Il primo anno d'impiego è considerato periodo di prova.",
]
PAGE_3 = ["Art. 5", "Orario di lavoro", "L'orario di lavoro è di 42 ore settimanali."]


def test_one_column_two_pages(tmp_path: Path) -> None:
    document = parse_file(column_pdf(tmp_path / "rod.pdf", [PAGE_1, PAGE_2]))
    assert document.source_kind == "pdf"
    assert document.front == ("REGOLAMENTO ORGANICO DEI DIPENDENTI",)
    assert [(a.number.normalised, a.title) for a in document.articles()] == [
        ("1", "Scopo"),
        ("2", "Campo d'applicazione"),
        ("3", "Modalità"),
        ("4", "Periodo di prova"),
    ]
    assert texts(article(document, "1")) == [
        "Il presente regolamento disciplina il rapporto d'impiego dei dipendenti del Comune e delle sue aziende municipalizzate."
    ]
    art2 = article(document, "2")
    assert [(p.number.normalised if p.number else None, p.marker) for p in art2.paragraphs] == [("1", "1."), ("2", "2.")]
    assert texts(art2) == [
        "Si applica a tutti i collaboratori del Comune.",
        "Sono riservate le norme cantonali sulla previdenza professionale.",
    ]
    assert texts(article(document, "3")) == [
        "La nomina avviene mediante concorso pubblicato all'albo comunale per almeno quattordici giorni."
    ]
    assert [(d.number, d.title) for d in document.divisions()] == [(1, "Disposizioni generali"), (2, "Doveri dei collaboratori")]
    assert document.furniture == ("- 1 -", "- 2 -")
    assert [a.span.page for a in document.articles()] == [1, 1, 2, 2]


def test_one_column_lines_and_positions(tmp_path: Path) -> None:
    lines = read_pdf_lines(column_pdf(tmp_path / "rod.pdf", [PAGE_1, PAGE_2]))
    texts_by_page = [[line.text for line in lines if line.page == page] for page in (1, 2)]
    assert texts_by_page[0] == [*[t for t in PAGE_1 if t], "- 1 -", ""]  # a blank line ends each page
    assert texts_by_page[1] == [*[t for t in PAGE_2 if t], "- 2 -", ""]
    assert [line.position for line in lines] == list(range(1, len(lines) + 1))
    hinted = {line.text: line.hint for line in lines if line.hint}
    assert hinted == {"- 1 -": "furniture", "- 2 -": "furniture"}  # no margin column; page numbers at the foot
    document = parse_file(tmp_path / "rod.pdf")
    assert article(document, "3").span.start == len(texts_by_page[0]) + 1


def test_running_header_on_three_pages_is_furniture(tmp_path: Path) -> None:
    document = parse_file(column_pdf(tmp_path / "rod.pdf", [PAGE_1, PAGE_2, PAGE_3], header=HEADER))
    assert [a.number.normalised for a in document.articles()] == ["1", "2", "3", "4", "5"]
    assert texts(article(document, "2"))[-1] == "Sono riservate le norme cantonali sulla previdenza professionale."
    assert not [s for s in body_strings(document) if HEADER in s]
    assert HEADER in document.furniture
    assert (document.front + document.furniture).count(HEADER) == 3  # the first one may open the front matter
    assert [s for s in document.furniture if s.startswith("-")] == ["- 1 -", "- 2 -", "- 3 -"]


def test_running_header_on_two_pages_is_not_article_text(tmp_path: Path) -> None:
    document = parse_file(column_pdf(tmp_path / "rod.pdf", [PAGE_1, PAGE_2], header=HEADER))
    assert texts(article(document, "2"))[-1] == "Sono riservate le norme cantonali sulla previdenza professionale."
    assert not [s for s in body_strings(document) if HEADER in s]


def test_markers_at_a_tab_stop_stay_with_their_text(tmp_path: Path) -> None:
    """A wide gap after "a)" or "1." (a hanging indent) is not a column edge in a one-column layout."""
    page = [
        "Art. 5",
        "Requisiti",
        "1.\tI candidati al momento della nomina devono adempiere",
        "ai seguenti requisiti:",
        "a)\tcittadinanza svizzera;",
        "b)\tcondotta morale irreprensibile;",
        "c)\tformazione professionale e attitudini contemplate",
        "nella descrizione delle funzioni;",
        "2.\tIl Municipio può concedere deroghe.",
        "",
        "Art. 6",
        "Modalità",
        "a)\tconcorso pubblico;",
        "b)\tconcorso interno.",
    ]
    lines = [line.text for line in read_pdf_lines(column_pdf(tmp_path / "rientri.pdf", [page]))]
    assert lines[2] == "1. I candidati al momento della nomina devono adempiere"
    assert lines[4] == "a) cittadinanza svizzera;"
    document = parse_file(tmp_path / "rientri.pdf")
    first, second = article(document, "5").paragraphs
    assert (first.marker, first.text) == ("1.", "I candidati al momento della nomina devono adempiere ai seguenti requisiti:")
    assert [(i.label, i.text) for i in first.items] == [
        ("a", "cittadinanza svizzera;"),
        ("b", "condotta morale irreprensibile;"),
        ("c", "formazione professionale e attitudini contemplate nella descrizione delle funzioni;"),
    ]
    assert (second.marker, second.text) == ("2.", "Il Municipio può concedere deroghe.")
    assert [i.label for p in article(document, "6").paragraphs for i in p.items] == ["a", "b"]


# ---------------------------------------------------------------------------- margin layout

MARGIN_PAGE = [
    BodyHeading(["TITOLO I", "Disposizioni generali"]),
    MarginArticle(
        "Art. 1",
        ["Campo di", "applicazione"],
        [
            "^1 Il presente regolamento si applica a tutti i collaboratori",
            "del Comune di Vacallo.",
            "^2 Sono riservate le disposizioni della legislazione",
            "cantonale e federale.",
        ],
    ),
    MarginArticle(
        "Art. 2",
        ["Politica del", "personale"],
        [
            "Il Municipio promuove la qualità dei servizi; a tale scopo:",
            "a. attua una politica del personale fondata su obiettivi;",
            "b. valuta le prestazioni dei propri servizi;",
            "c. favorisce lo sviluppo professionale.",
        ],
    ),
    BodyHeading(["TITOLO II", "Costituzione del rapporto d'impiego"]),
    MarginArticle(
        "Art. 3",
        ["Requisiti"],
        [
            "^1 I candidati devono adempiere ai seguenti requisiti:",
            "a.\tcittadinanza svizzera;",  # lettere at a tab stop
            "b.\tcondotta ineccepibile e documentabile;",
            "^2 Il Municipio designa le funzioni riservate.",
        ],
    ),
]


def test_margin_layout_titles_bodies_and_superscripts(tmp_path: Path) -> None:
    document = parse_file(margin_pdf(tmp_path / "margine.pdf", [MARGIN_PAGE]))
    assert [(a.number.normalised, a.title) for a in document.articles()] == [
        ("1", "Campo di applicazione"),
        ("2", "Politica del personale"),
        ("3", "Requisiti"),
    ]
    art1 = article(document, "1")
    assert [(p.number.normalised if p.number else None, p.marker) for p in art1.paragraphs] == [("1", "¹"), ("2", "²")]
    assert texts(art1) == [
        "Il presente regolamento si applica a tutti i collaboratori del Comune di Vacallo.",
        "Sono riservate le disposizioni della legislazione cantonale e federale.",
    ]
    (intro,) = article(document, "2").paragraphs
    assert (intro.number, intro.text) == (None, "Il Municipio promuove la qualità dei servizi; a tale scopo:")
    assert [(i.label, i.marker, i.text) for i in intro.items] == [
        ("a", "a.", "attua una politica del personale fondata su obiettivi;"),
        ("b", "b.", "valuta le prestazioni dei propri servizi;"),
        ("c", "c.", "favorisce lo sviluppo professionale."),
    ]
    first, second = article(document, "3").paragraphs
    assert (first.number and first.number.value, first.text) == (1, "I candidati devono adempiere ai seguenti requisiti:")
    assert [(i.label, i.text) for i in first.items] == [
        ("a", "cittadinanza svizzera;"),
        ("b", "condotta ineccepibile e documentabile;"),
    ]
    assert (second.number and second.number.value, second.text) == (2, "Il Municipio designa le funzioni riservate.")
    assert second.items == ()
    divisions = document.divisions()
    assert [(d.number, d.title) for d in divisions] == [(1, "Disposizioni generali"), (2, "Costituzione del rapporto d'impiego")]
    assert [[c.number.normalised for c in d.children if isinstance(c, Article)] for d in divisions] == [["1", "2"], ["3"]]
    assert document.furniture == ("- 1 -",)


def test_margin_layout_lines_put_titles_before_bodies(tmp_path: Path) -> None:
    lines = read_pdf_lines(margin_pdf(tmp_path / "margine.pdf", [MARGIN_PAGE]))
    pairs = [(line.text, line.hint) for line in lines]
    assert pairs[:8] == [
        ("TITOLO I", None),
        ("Disposizioni generali", None),
        ("Art. 1", None),
        ("Campo di", "article_title"),
        ("applicazione", "article_title"),
        ("¹ Il presente regolamento si applica a tutti i collaboratori", None),
        ("del Comune di Vacallo.", None),
        ("² Sono riservate le disposizioni della legislazione", None),
    ]
    assert ("Requisiti", "article_title") in pairs
    assert [hint for _, hint in pairs].count("article_title") == 5


SHORT_ARTICLES = [
    [
        MarginArticle("Art. 10", ["Competenza per", "le assunzioni"], ["Le assunzioni sono di competenza del Municipio."]),
        MarginArticle("Art. 11", ["Definizione", "della nomina"], ["La nomina è l'atto con cui il collaboratore è assunto."]),
        MarginArticle("Art. 12", ["Durata", "dell'incarico"], ["L'incarico è conferito per una durata indeterminata."]),
        BodyHeading(["CAPITOLO 2", "Incarico"]),
        MarginArticle(
            "Art. 13",
            ["Trasformazione", "in nomina"],
            [
                "^1 Il Municipio trasforma in nomina l'incarico quando si",
                "realizzano i requisiti mancanti.",
                "^2 I congedi non interrompono il computo.",
            ],
        ),
        MarginArticle("Art. 14", ["Casi particolari", "e urgenze"], ["Il Segretario può assumere per lavori urgenti."]),
    ],
    [
        MarginArticle("Art. 15", ["Personale", "ausiliario"], ["Altre assunzioni sono possibili per progetti speciali."]),
        MarginArticle("Art. 16", ["Orario di", "lavoro"], ["La durata del lavoro è di 42 ore settimanali."]),
        MarginArticle("Art. 17", ["Vacanze", "annuali"], ["^1 Le vacanze sono di 25 giorni.", "^2 Dopo i 50 anni sono di 30."]),
    ],
]


def test_several_articles_per_page_get_their_own_bodies(tmp_path: Path) -> None:
    """Short articles whose margin titles have more lines than their bodies (16 against 13) still line up."""
    document = parse_file(margin_pdf(tmp_path / "brevi.pdf", SHORT_ARTICLES))
    got = [(a.number.normalised, a.title, texts(a)) for a in document.articles()]
    assert got == [
        ("10", "Competenza per le assunzioni", ["Le assunzioni sono di competenza del Municipio."]),
        ("11", "Definizione della nomina", ["La nomina è l'atto con cui il collaboratore è assunto."]),
        ("12", "Durata dell'incarico", ["L'incarico è conferito per una durata indeterminata."]),
        (
            "13",
            "Trasformazione in nomina",
            [
                "Il Municipio trasforma in nomina l'incarico quando si realizzano i requisiti mancanti.",
                "I congedi non interrompono il computo.",
            ],
        ),
        ("14", "Casi particolari e urgenze", ["Il Segretario può assumere per lavori urgenti."]),
        ("15", "Personale ausiliario", ["Altre assunzioni sono possibili per progetti speciali."]),
        ("16", "Orario di lavoro", ["La durata del lavoro è di 42 ore settimanali."]),
        ("17", "Vacanze annuali", ["Le vacanze sono di 25 giorni.", "Dopo i 50 anni sono di 30."]),
    ]
    assert [(d.kind, d.number, d.title) for d in document.divisions()] == [("capitolo", 2, "Incarico")]
    assert [a.span.page for a in document.articles()] == [1, 1, 1, 1, 1, 2, 2, 2]
    assert [p.number.value if p.number else None for p in article(document, "17").paragraphs] == [1, 2]


def test_margin_footer_is_not_an_article_title(tmp_path: Path) -> None:
    """A footer printed in the margin column, below the last title of the page, is not that title."""
    footer = "ROD Vacallo, edizione 2024"
    pages = [[MarginArticle(f"Art. {n}", ["Scopo"], [f"Il testo dell'articolo {n} del regolamento."])] for n in (1, 2, 3)]
    document = parse_file(margin_pdf(tmp_path / "piede.pdf", pages, footer=footer))
    assert [(a.title, texts(a)) for a in document.articles()] == [
        ("Scopo", [f"Il testo dell'articolo {n} del regolamento."]) for n in (1, 2, 3)
    ]
    assert document.furniture.count(footer) == 3


# ---------------------------------------------------------------------------- progress


def test_progress_is_reported_per_page(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    path = column_pdf(tmp_path / "rod.pdf", [PAGE_1, PAGE_2, PAGE_3])
    document = parse_file(path, progress=lambda page, total: calls.append((page, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert len(document.articles()) == 5


def test_progress_callback_errors_are_not_hidden(tmp_path: Path) -> None:
    """An exception from the caller's callback is the caller's, not a "damaged PDF" message."""

    class Stop(Exception):
        pass

    def stop(page: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        parse_file(column_pdf(tmp_path / "rod.pdf", [PAGE_1]), progress=stop)


# ---------------------------------------------------------------------------- long files

needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="workers are forked")


def _long_regulation(path: Path, pages: int) -> Path:
    """A margin-layout regulation of ``pages`` pages, two articles a page."""
    articles = [
        MarginArticle(f"Art. {n}", ["Titolo", f"dell'articolo {n}"], [f"^1 Primo capoverso dell'articolo {n}.", "^2 Secondo."])
        for n in range(1, 2 * pages + 1)
    ]
    return margin_pdf(path, [articles[k : k + 2] for k in range(0, len(articles), 2)], header=HEADER)


def test_characters_are_those_pdfplumber_gives(tmp_path: Path) -> None:
    """The reader builds characters itself (``pdf_chars``): the same values as ``page.chars``,
    whatever pdfminer version computes them."""
    import pdfplumber

    from rodiff.parse.pdf_chars import page_chars

    keys = ["text", "x0", "x1", "top", "bottom", "doctop", "upright", "size"]
    with pdfplumber.open(_long_regulation(tmp_path / "rod.pdf", 2)) as opened:
        for page in opened.pages:
            expected = [{key: char[key] for key in keys} for char in page.chars]
            assert expected
            assert page_chars(page) == expected


@needs_fork
def test_workers_read_the_pages_this_process_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _long_regulation(tmp_path / "rod.pdf", 7)
    monkeypatch.setattr(pdf, "PARALLEL_MIN_PAGES", 10**6)
    alone = pdf._read_pages(path, None)
    monkeypatch.setattr(pdf, "PAGES_PER_TASK", 3)  # three tasks, the last one shorter
    calls: list[tuple[int, int]] = []
    assert pdf._read_in_workers(path, 7, 2, lambda page, total: calls.append((page, total))) == alone
    assert calls == [(page, 7) for page in range(1, 8)]
    assert len(alone) == 7 and all(alone)


@needs_fork
def test_long_files_are_read_by_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _long_regulation(tmp_path / "rod.pdf", 5)
    alone = read_pdf_lines(path)
    used: list[int] = []
    read_in_workers = pdf._read_in_workers

    def spy(path: Path, total: int, workers: int, progress: Any) -> list[list[pdf._Row]]:
        used.append(workers)
        return read_in_workers(path, total, workers, progress)

    monkeypatch.setattr(pdf, "PARALLEL_MIN_PAGES", 2)
    monkeypatch.setattr(pdf, "PAGES_PER_TASK", 2)
    monkeypatch.setattr(pdf, "_read_in_workers", spy)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert read_pdf_lines(path) == alone
    assert used == [2]


@needs_fork
def test_files_are_read_here_when_short_or_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forking a process that runs other threads (the web server) could deadlock the workers."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3, 4, 5}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert pdf._worker_count(pdf.PARALLEL_MIN_PAGES - 1) == 1
    assert pdf._worker_count(pdf.PARALLEL_MIN_PAGES) == pdf.MAX_WORKERS
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert pdf._worker_count(pdf.PARALLEL_MIN_PAGES) == 1
    finally:
        stop.set()
        other.join()


@needs_fork
def test_a_page_a_worker_cannot_read_is_a_damaged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rodiff.parse import pdf_chars

    path = _long_regulation(tmp_path / "lungo.pdf", 6)
    page_chars = pdf_chars.page_chars

    def broken_page_four(page: Any) -> list[dict[str, Any]]:
        if page.page_number == 4:
            raise struct.error("unpack requires a buffer of 4 bytes")  # as pdfminer fails on a damaged stream
        return page_chars(page)

    monkeypatch.setattr(pdf_chars, "page_chars", broken_page_four)
    monkeypatch.setattr(pdf, "PAGES_PER_TASK", 2)
    with pytest.raises(InputError, match="danneggiato") as caught:
        pdf._read_in_workers(path, 6, 2, None)
    assert "«lungo.pdf»" in str(caught.value)


# ---------------------------------------------------------------------------- bad input


def _regulation(canvas: PdfCanvas) -> None:
    canvas.new_page()
    for index, line in enumerate(["Art. 1", "Scopo", "Il regolamento disciplina il rapporto d'impiego."]):
        canvas.text(20, 30 + index * 5, line)


def test_garbage_after_pdf_magic(tmp_path: Path) -> None:
    path = tmp_path / "rotto.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(random.Random(7).randrange(256) for _ in range(2000)))
    with pytest.raises(InputError, match="danneggiato") as caught:
        parse_file(path)
    assert "«rotto.pdf»" in str(caught.value)


def test_truncated_pdf(tmp_path: Path) -> None:
    canvas = PdfCanvas()
    _regulation(canvas)
    data = canvas.save(tmp_path / "intero.pdf").read_bytes()
    path = tmp_path / "troncato.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert "«troncato.pdf»" in str(caught.value)


def test_user_password_is_reported_as_such(tmp_path: Path) -> None:
    canvas = PdfCanvas()
    _regulation(canvas)
    path = canvas.save(tmp_path / "protetto.pdf", user_password="segreto")
    with pytest.raises(InputError, match="password") as caught:
        parse_file(path)
    assert "«protetto.pdf»" in str(caught.value)
    assert "danneggiato" not in str(caught.value)


def test_owner_password_only_still_reads(tmp_path: Path) -> None:
    """Restrictions without an opening password (a common municipal PDF) do not stop reading."""
    canvas = PdfCanvas()
    _regulation(canvas)
    document = parse_file(canvas.save(tmp_path / "limitato.pdf", owner_password="ufficio"))
    assert [(a.number.normalised, a.title, texts(a)) for a in document.articles()] == [
        ("1", "Scopo", ["Il regolamento disciplina il rapporto d'impiego."])
    ]


def test_pdf_without_text_has_no_articles(tmp_path: Path) -> None:
    path = drawing_only_pdf(tmp_path / "scansione.pdf")
    assert read_pdf_lines(path) == [read_pdf_lines(path)[0]]  # only the page-break line
    with pytest.raises(InputError, match="nessun articolo") as caught:
        parse_file(path)
    assert "«scansione.pdf»" in str(caught.value)


def test_damaged_pdfs_never_escape(tmp_path: Path) -> None:
    """Random damage gives a document or an InputError, never another exception (nor a leaked file)."""
    canvas = PdfCanvas()
    _regulation(canvas)
    data = canvas.save(tmp_path / "base.pdf").read_bytes()
    rng = random.Random(20240301)
    errors = 0
    for index in range(30):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            damaged[rng.randrange(16, len(damaged))] = rng.randrange(256)
        path = tmp_path / f"danno{index}.pdf"
        path.write_bytes(bytes(damaged))
        try:
            parse_file(path)
        except InputError as error:
            assert path.name in str(error)
            errors += 1
    assert errors > 0
