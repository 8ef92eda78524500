"""The HTML and Markdown renderers of the tabella di confronto.

Golden files (tests/golden/): the Vacallo pair in style ``completo`` as HTML, the Mendrisio
extract in style ``articoli`` as Markdown, with the generation date fixed. After an
intended change in the model or the templates, rewrite them with ``UPDATE_GOLDEN=1 pytest``
and read the diff before committing. The other tests parse the output (lxml.html) and check
what a reader relies on: the header row, the marks of a renumbered heading, a new article in
the middle column only, escaping, no external resources, the "identical" sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest

from rodiff import parse_file, parse_text
from rodiff.align import align
from rodiff.compare import STYLES, Style
from rodiff.compare.notes import automatic_notes, read_notes
from rodiff.compare.table import Confronto, Line, Row, Run, build_confronto
from rodiff.italiano import italian_date
from rodiff.render.confronto_html import IDENTICAL_SENTENCE, render_confronto_html
from rodiff.render.confronto_md import paragraph, render_confronto_md

from .conftest import CORPUS
from .support.golden import assert_golden

TODAY = dt.date(2026, 11, 22)
VACALLO = (CORPUS / "vacallo" / "rod-1991.txt", CORPUS / "vacallo" / "rod-nuovo.txt")
MENDRISIO = (CORPUS / "mendrisio" / "rod-2006-estratto.txt", CORPUS / "mendrisio" / "rod-2018-estratto.txt")
STABIO = (CORPUS / "stabio" / "rod-attuale-frammenti.txt", CORPUS / "stabio" / "rod-proposto-frammenti.txt")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")

OLD_WITH_MARKUP = "Art. 1 Prova\n1. Il testo <script>alert(1)</script> vale | sempre.\n2. Secondo capoverso.\n"
NEW_WITH_MARKUP = "Art. 1 Prova\n1. Il testo <script>alert(2)</script> vale | sempre & comunque.\n2. Secondo capoverso.\n"


def confronto_of(pair: tuple[Path, Path], style: Style = "completo", notes: Path | None = None) -> Confronto:
    alignment = align(parse_file(pair[0]), parse_file(pair[1]))
    return build_confronto(alignment, style, read_notes(notes) if notes else None, proposals=automatic_notes(alignment))


@pytest.fixture(scope="module")
def vacallo() -> Confronto:
    return confronto_of(VACALLO, notes=CORPUS / "vacallo" / "osservazioni.yaml")


@pytest.fixture(scope="module")
def vacallo_html(vacallo: Confronto) -> str:
    return render_confronto_html(vacallo, today=TODAY)


@pytest.fixture(scope="module")
def vacallo_tree(vacallo_html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(vacallo_html)


@pytest.fixture(scope="module")
def mendrisio_md() -> str:
    return render_confronto_md(confronto_of(MENDRISIO, "articoli"), today=TODAY)


def markup_pair(style: Style = "articoli") -> Confronto:
    alignment = align(parse_text(OLD_WITH_MARKUP), parse_text(NEW_WITH_MARKUP))
    return build_confronto(alignment, style, proposals=automatic_notes(alignment))


def article_row(tree: lxml.html.HtmlElement, key: str) -> list[lxml.html.HtmlElement]:
    """The cells of an article's row (of its first part, with the heading, when cut per capoverso)."""
    rows = tree.xpath(f'//tbody/tr[@data-chiave="{key}"]')
    assert len(rows) == 1 or all("parte" in row.get("class") for row in rows), key
    cells: list[lxml.html.HtmlElement] = rows[0].xpath("./td")
    return cells


# ------------------------------------------------------------------------------ golden


def test_golden_vacallo_html(vacallo_html: str) -> None:
    assert_golden("confronto-vacallo.html", vacallo_html)


def test_golden_mendrisio_md(mendrisio_md: str) -> None:
    assert_golden("confronto-mendrisio.md", mendrisio_md)


# -------------------------------------------------------------------------------- HTML


def test_html_page_is_self_contained(vacallo_tree: lxml.html.HtmlElement, vacallo_html: str) -> None:
    assert vacallo_tree.get("lang") == "it"
    assert vacallo_tree.xpath("//meta[@charset='utf-8']")
    assert not vacallo_tree.xpath("//script | //link | //img | //iframe | //object")
    for element in vacallo_tree.iter():
        for attribute in ("src", "href"):
            value = element.get(attribute) or ""
            assert not value.startswith(("http://", "https://", "//")), value
    style = "".join(vacallo_tree.xpath("//style/text()"))
    assert "url(" not in style and "@import" not in style
    assert "@page" in style and "landscape" in style and "table-header-group" in style
    assert "http://" not in vacallo_html and "https://" not in vacallo_html


def test_html_title_block(vacallo: Confronto, vacallo_tree: lxml.html.HtmlElement) -> None:
    header = vacallo_tree.xpath("//header")[0].text_content()
    assert vacallo.title in header and vacallo.subtitle in header
    assert "22 novembre 2026" not in header and "Articoli: 90 in tutto" not in header  # only with --note-tecniche
    assert vacallo_tree.xpath("//header//del") and vacallo_tree.xpath("//header//ins")  # the legend
    assert IDENTICAL_SENTENCE not in header


def test_html_one_table_with_labels(vacallo: Confronto, vacallo_tree: lxml.html.HtmlElement) -> None:
    tables = vacallo_tree.xpath("//table[not(ancestor::table)]")
    assert len(tables) == 1
    assert tables[0].xpath("./caption")
    headers = tables[0].xpath("./thead/tr/th")
    assert tuple(th.text_content() for th in headers) == vacallo.labels == ("Testo in vigore", "Testo proposto", "Osservazioni")
    assert all(th.get("scope") == "col" for th in headers)


def test_html_rows_follow_the_model(vacallo: Confronto, vacallo_tree: lxml.html.HtmlElement) -> None:
    rows = vacallo_tree.xpath("//tbody/tr")
    drawn_rows = [(row, part) for row in vacallo.rows for part in (row.parts or (row.cells,))]  # one <tr> per part
    assert len(rows) == len(drawn_rows)
    assert any(row.parts for row in vacallo.rows)  # osservazioni per capoverso (corpus/vacallo/osservazioni.yaml)
    for tr, (row, cells_of_row) in zip(rows, drawn_rows, strict=True):
        cells = tr.xpath("./td")
        if row.kind == "division":
            assert "divisione" in tr.get("class") and len(cells) == 1 and cells[0].get("colspan") == "3"
            assert cells[0].text_content() == row.cells[0][0].text
        else:
            assert len(cells) == 3
            for td, cell in zip(cells, cells_of_row, strict=True):
                drawn = ["".join(p.text_content().split()) for p in td.xpath("./p|./table")]
                assert drawn == ["".join(line.text.replace(" | ", "").split()) for line in cell]


def test_html_renumbered_heading_shows_both_numbers(vacallo_tree: lxml.html.HtmlElement) -> None:
    # diff_words("Art. 11", "Art. 12") -> equal "Art. ", delete "11", insert "12"
    old, new, _ = article_row(vacallo_tree, "12")
    heading = new.xpath("./p")[0]
    assert [d.text_content() for d in heading.xpath(".//del")] == ["11"]
    assert [i.text_content() for i in heading.xpath(".//ins")] == ["12"]
    assert heading.text_content() == "Art. 1112"
    assert old.xpath("./p")[0].text_content() == "Art. 11"
    assert heading.xpath(".//*[@class='accosto']")  # a small gap between 11 and 12


def test_html_new_article_only_in_middle_column(vacallo_tree: lxml.html.HtmlElement) -> None:
    old, new, note = article_row(vacallo_tree, "13")
    assert old.text_content().strip() == ""
    assert "Telelavoro" in new.text_content()
    assert "Telelavoro" not in note.text_content()
    assert note.text_content().startswith("Introduzione nuova modalità di lavoro")


def test_html_lettere_indented(vacallo_tree: lxml.html.HtmlElement) -> None:
    old, new, _ = article_row(vacallo_tree, "2")
    assert [p.text_content()[:2] for p in old.xpath("./p[@class='rientro-1']")] == ["a)", "b)"]
    assert [p.text_content()[:2] for p in new.xpath("./p[@class='rientro-1']")] == ["a)", "b)", "c)"]


def test_html_escapes_document_text() -> None:
    html = render_confronto_html(markup_pair(), today=TODAY)
    tree = lxml.html.document_fromstring(html)
    assert not tree.xpath("//script")
    assert "&lt;script&gt;" in html and "<script" not in html
    old, new = tree.xpath("//tbody/tr[@data-chiave='1']/td")
    assert "<script>alert(1)</script>" in old.text_content()
    assert "& comunque" in new.text_content()


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("pair", [VACALLO, MENDRISIO, STABIO], ids=["vacallo", "mendrisio", "stabio"])
def test_html_every_style_renders(pair: tuple[Path, Path], style: Style) -> None:
    confronto = confronto_of(pair, style)
    tree = lxml.html.document_fromstring(render_confronto_html(confronto, today=TODAY))
    in_columns = "@class='articolo' or @class='fuori-articoli'"  # articles, text outside them
    for tr in tree.xpath(f"//tbody/tr[{in_columns}]"):
        assert len(tr.xpath("./td")) == len(confronto.labels)
    for tr in tree.xpath(f"//tbody/tr[not({in_columns})]"):
        assert tr.xpath("./td/@colspan") == [str(len(confronto.labels))]


@pytest.mark.parametrize("style", STYLES)
def test_identical_documents(style: Style) -> None:
    document = parse_file(MENDRISIO[1])
    confronto = build_confronto(align(document, parse_file(MENDRISIO[1])), style)
    assert confronto.identical
    tree = lxml.html.document_fromstring(render_confronto_html(confronto, today=TODAY))
    assert tree.xpath("//p[@class='identiche']")[0].text_content() == "Le due versioni sono identiche: nessuna modifica."
    assert len(tree.xpath("//table")) == (1 if confronto.rows else 0)
    assert f"**{IDENTICAL_SENTENCE}**" in render_confronto_md(confronto, today=TODAY)


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (dt.date(2026, 11, 22), "22 novembre 2026"),
        (dt.date(2019, 1, 1), "1° gennaio 2019"),
        (dt.date(2023, 12, 31), "31 dicembre 2023"),
    ],
)
def test_italian_date(date: dt.date, text: str) -> None:
    assert italian_date(date) == text


# ---------------------------------------------------------------------------- Markdown


def table_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_md_table_rows_have_equal_separators(mendrisio_md: str) -> None:
    lines = table_lines(mendrisio_md)
    assert lines[0] == "| Versione attuale | Proposta di modifica |"
    assert lines[1] == "| --- | --- |"
    assert {len(UNESCAPED_PIPE.findall(line)) for line in lines} == {3}
    assert "Classe \\| Funzione" in mendrisio_md  # art. 27's table rows, pipes escaped


def test_md_marks(mendrisio_md: str) -> None:
    assert "~~30~~<ins>15</ins> giorni" in mendrisio_md  # art. 22 cpv. 5
    assert "cpv. ~~5~~<ins>4</ins>." in mendrisio_md  # art. 32 cpv. 2, the knock-on effect
    assert "~~e privarlo dello stipendio~~." in mendrisio_md
    assert "| **Commento:** " in mendrisio_md
    assert "<br>&emsp;a) Invariato;" in mendrisio_md


def test_md_escapes_document_text() -> None:
    markdown = render_confronto_md(markup_pair(), today=TODAY)
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "vale \\| sempre" in markdown and "&amp; comunque" in markdown
    lines = table_lines(markdown)
    assert len({len(UNESCAPED_PIPE.findall(line)) for line in lines}) == 1


def test_md_division_rows_bold_in_first_cell() -> None:
    markdown = render_confronto_md(confronto_of(VACALLO), today=TODAY)
    lines = table_lines(markdown)
    assert "| **TITOLO PRIMO: GENERALITÀ** |  |  |" in lines
    assert {len(UNESCAPED_PIPE.findall(line)) for line in lines} == {4}


def line_md(*runs: Run) -> str:
    row = Row("article", ((Line(runs),), ()))
    confronto = Confronto("articoli", "T", "S", ("A", "B"), (row,), {}, False)
    return table_lines(render_confronto_md(confronto, today=TODAY))[2]


@pytest.mark.parametrize(
    ("runs", "expected"),
    [
        ((Run("servizi"), Run(".", "deleted")), "servizi<del>.</del>"),  # "~~.~~" after a letter is not strikethrough
        ((Run("entro "), Run("30 ", "deleted"), Run("giorni")), "entro ~~30~~ giorni"),  # spaces outside the marks
        ((Run("Art. ", bold=True), Run("11", "deleted", bold=True)), "**Art.** ~~**11**~~"),
        ((Run("x_y *z* [a]", italic=True),), "*x\\_y \\*z\\* \\[a\\]*"),
        ((Run(" ", "deleted"),), " "),
    ],
)
def test_md_runs(runs: tuple[Run, ...], expected: str) -> None:
    assert line_md(*runs) == f"| {expected} |  |"


@pytest.mark.parametrize(("text", "expected"), [("1. gennaio", "1\\. gennaio"), ("- a", "\\- a"), ("Art. 1", "Art. 1")])
def test_md_paragraph_never_starts_a_list(text: str, expected: str) -> None:
    assert paragraph(text) == expected
