"""The confronto model: styles, automatic osservazioni, divisions, summary."""

from __future__ import annotations

import re

import pytest

from rodiff import parse_file
from rodiff.align import align
from rodiff.compare.notes import automatic_notes
from rodiff.compare.table import Confronto, Grid, Line, Run, build_confronto
from rodiff.italiano import summary_sentence
from rodiff.parse import parse_text

from .conftest import CORPUS
from .support.golden import assert_golden


def marked_runs(runs: tuple[Run, ...]) -> str:
    return "".join({"deleted": f"[-{r.text}-]", "inserted": f"{{+{r.text}+}}"}.get(r.style, r.text) for r in runs)


def marked(line: Line | Grid) -> str:
    if isinstance(line, Grid):
        return "\n".join(f"{row.status:>8}: " + " | ".join(marked_runs(cell) for cell in row.cells) for row in line.rows)
    return marked_runs(line.runs)


def cell_text(confronto: Confronto, key: str, column: int) -> list[str]:
    row = next(r for r in confronto.rows if r.kind == "article" and r.key == key)
    return [marked(line) for line in row.cells[column]]


@pytest.fixture(scope="module")
def vacallo() -> Confronto:
    alignment = align(parse_file(CORPUS / "vacallo" / "rod-1991.txt"), parse_file(CORPUS / "vacallo" / "rod-nuovo.txt"))
    return build_confronto(alignment, proposals=automatic_notes(alignment))


@pytest.fixture(scope="module")
def mendrisio() -> object:
    return align(
        parse_file(CORPUS / "mendrisio" / "rod-2006-estratto.txt"), parse_file(CORPUS / "mendrisio" / "rod-2018-estratto.txt")
    )


def test_completo_renumbered_heading_and_reference(vacallo: Confronto) -> None:
    assert cell_text(vacallo, "12", 1)[0] == "Art. [-11-]{+12+}"
    assert cell_text(vacallo, "12", 0)[0] == "Art. 11"
    assert any("all’art. [-23-]{+26 +}(occupazioni accessorie)" in line for line in cell_text(vacallo, "8", 1))
    assert cell_text(vacallo, "8", 2) == ["Adattamento numerazione."]


def test_completo_new_article_only_in_the_middle(vacallo: Confronto) -> None:
    assert cell_text(vacallo, "13", 0) == []
    middle = cell_text(vacallo, "13", 1)
    assert middle[0] == "{+Art. 13+}" and middle[1] == "{+Telelavoro+}"  # a new article wholly underlined
    assert cell_text(vacallo, "13", 2) == ["Nuovo articolo."]


def test_completo_removed_lettera_stays_its_own_line(vacallo: Confronto) -> None:
    lines = cell_text(vacallo, "5", 1)
    assert "a) cittadinanza svizzera{+, riservata l’applicazione degli accordi internazionali+};" in lines  # after a), not on b)
    assert lines.index("[-b) condotta morale irreprensibile;-]") < lines.index(
        "c) costituzione fisica compatibile con la funzione;"
    )


def test_completo_division_rows(vacallo: Confronto) -> None:
    divisions = [r for r in vacallo.rows if r.kind == "division"]
    texts = [marked(r.cells[0][0]) for r in divisions]
    assert texts[0] == "TITOLO PRIMO: GENERALITÀ"  # word for word as printed
    assert "{+Capitolo 3 - ASSUNZIONE DI APPRENDISTI E PRATICANTI+}" in texts
    assert len(vacallo.labels) == 3 and vacallo.labels[0] == "Testo in vigore"


def test_automatic_notes(mendrisio: object) -> None:
    notes = automatic_notes(mendrisio)  # type: ignore[arg-type]
    assert notes["32"] == "Adattamento numerazione."  # only "art. 31 cpv. 5" -> "cpv. 4"
    assert notes["22"] == ""  # a deadline changed: a real change, not numbering
    assert notes["32a"] == "Nuovo articolo."
    assert notes["vecchio 28"] == "Articolo abrogato."


def test_articoli_style(mendrisio: object) -> None:
    confronto = build_confronto(mendrisio, "articoli", proposals=automatic_notes(mendrisio))  # type: ignore[arg-type]
    assert confronto.labels == ("Versione attuale", "Proposta di modifica")
    new31 = cell_text(confronto, "31", 1)
    assert "1. Invariato." in new31
    assert any(line.startswith("[-4. L’agente di Polizia") for line in new31)  # a removed capoverso struck where it stood
    repealing = {row.key for row in confronto.rows if any("Abrogato" in line.text for cell in row.cells for line in cell)}
    assert repealing == {"vecchio 28"}  # "Abrogato." only for the article repealed as a whole, not for art. 27's table
    assert "4. Invariato (già cpv. 5)." in new31 and "5. Invariato (già cpv. 6)." in new31
    commento = [r for r in confronto.rows if r.kind == "commento" and r.key == "32"]
    assert commento and "Adattamento numerazione." in marked(commento[0].cells[0][0])


def test_frammenti_style_elides_unchanged(mendrisio: object) -> None:
    confronto = build_confronto(mendrisio, "frammenti")  # type: ignore[arg-type]
    old32, new32 = cell_text(confronto, "32", 0), cell_text(confronto, "32", 1)
    assert old32[1] == "[…]" and new32[1] == "[…]"
    assert any("cpv. [-5-]{+4+}" in line for line in new32)


def test_notes_from_file_win(mendrisio: object) -> None:
    confronto = build_confronto(mendrisio, "completo", notes={"32": "Aggiornato il rinvio."})  # type: ignore[arg-type]
    assert cell_text(confronto, "32", 2) == ["Aggiornato il rinvio."]
    assert confronto.notes_used == frozenset({"32"})


def test_identical_and_summary() -> None:
    document = parse_text("Art. 1\nScopo\nIl regolamento disciplina il rapporto d'impiego.\n")
    confronto = build_confronto(align(document, document))
    assert confronto.identical
    assert summary_sentence(confronto.summary) == "Articoli: 1 in tutto; 1 invariato."
    assert summary_sentence({"new": 2, "repealed": 1}) == "Articoli: 3 in tutto; 2 nuovi, 1 abrogato."


def test_salary_table_diff_row_by_row(vacallo: Confronto) -> None:
    """Vacallo art. 30 -> 33: the salary classes aligned row by row (by function, then by
    content), changed cells diffed inside the cell, removed rows before added ones."""
    row = next(r for r in vacallo.rows if r.kind == "article" and r.key == "33")
    old_grid, new_grid = (next(line for line in cell if isinstance(line, Grid)) for cell in row.cells[:2])
    assert old_grid.columns == new_grid.columns == 3
    assert all(r.status == "plain" for r in old_grid.rows)
    assert_golden("confronto-vacallo-tabella-stipendi.txt", marked(new_grid) + "\n")


def test_deleted_text_comes_before_inserted_text(vacallo: Confronto) -> None:
    """Art. 13 -> 15: the old cpv. 2 struck where it stood, before the new cpv. 2-4."""
    lines = cell_text(vacallo, "15", 1)
    old_second = next(i for i, line in enumerate(lines) if line.startswith("[-2. In caso di assenza"))
    new_second = next(i for i, line in enumerate(lines) if line.startswith("{+2. Se l’assenza"))
    assert old_second < new_second
    for line in (marked(x) for r in vacallo.rows for cell in r.cells for x in cell if isinstance(x, Line)):
        assert "+}[-" not in line  # never an insertion right before a deletion


def test_division_headings_word_for_word(vacallo: Confronto) -> None:
    texts = [marked(r.cells[0][0]) for r in vacallo.rows if r.kind == "division"]
    assert "Capitolo 1 - NOMINA" in texts and "TITOLO QUARTO: DIRITTI DEL DIPENDENTE" in texts


# ------------------------------------------------------------- text outside the articles

OUTSIDE_OLD = """REGOLAMENTO DI PROVA

TITOLO I: GENERALITÀ
Le norme di questo titolo valgono per tutti.

Art. 1
Campo
1. Il regolamento vale per i dipendenti.

Art. 2
Orario
1. L'orario è di 42 ore.

Per il Municipio
Il Sindaco
"""
OUTSIDE_NEW = (
    OUTSIDE_OLD.replace("REGOLAMENTO DI PROVA", "REGOLAMENTO DI PROVA RIVEDUTO")
    .replace("valgono per tutti", "valgono per tutto il personale")
    .replace("Il Sindaco", "Il Sindaco\nIl Segretario")
)


def _outside_rows(confronto: Confronto) -> dict[str, list[list[str]]]:
    return {row.key: [[marked(line) for line in cell] for cell in row.cells] for row in confronto.rows if row.kind == "testo"}


def test_completo_shows_front_notes_and_back_diffed() -> None:
    confronto = build_confronto(align(parse_text(OUTSIDE_OLD), parse_text(OUTSIDE_NEW)))
    rows = _outside_rows(confronto)
    assert rows["frontespizio"][1] == ["REGOLAMENTO DI PROVA{+ RIVEDUTO+}"]
    notes = next(key for key in rows if key.startswith("note "))
    assert rows[notes][0] == ["Le norme di questo titolo valgono per tutti."]
    assert rows[notes][1] == ["Le norme di questo titolo valgono per [-tutti-]{+tutto il personale+}."]
    assert rows["chiusura"][1] == ["Per il Municipio", "Il Sindaco", "{+Il Segretario+}"]
    kinds = [row.kind for row in confronto.rows]
    assert kinds[0] == "testo" and kinds[-1] == "testo"  # the front first, the back last
    assert kinds[kinds.index("division") + 1] == "testo"  # the notes under their heading
    assert confronto.omitted == ""


def test_articoli_shows_what_changed_outside_and_frammenti_says_what_it_leaves_out() -> None:
    new = OUTSIDE_OLD.replace("Il Sindaco", "Il Sindaco\nIl Segretario")
    alignment = align(parse_text(OUTSIDE_OLD), parse_text(new))
    articoli = build_confronto(alignment, "articoli")
    assert set(_outside_rows(articoli)) == {"chiusura"}  # the only part changed
    assert (
        articoli.omitted
        == "Testo fuori dagli articoli non riportato perché invariato: 2 righe (frontespizio e note sotto i titoli)."
    )
    frammenti = build_confronto(alignment, "frammenti")
    assert _outside_rows(frammenti) == {}
    assert frammenti.omitted.startswith(
        "Testo fuori dagli articoli non riportato: 5 righe (frontespizio, note sotto i titoli e chiusura)"
    )
    assert "di cui 3 modificate" in frammenti.omitted and "stile completo" in frammenti.omitted


def test_removed_division_notes_stay_struck() -> None:
    new = OUTSIDE_OLD.replace("TITOLO I: GENERALITÀ\nLe norme di questo titolo valgono per tutti.\n", "")
    rows = _outside_rows(build_confronto(align(parse_text(OUTSIDE_OLD), parse_text(new))))
    notes = next(key for key in rows if key.startswith("note "))
    assert rows[notes][1] == ["[-Le norme di questo titolo valgono per tutti.-]"]


_WORD = re.compile(r"\w+|[^\w\s|]")


def _proposed_words(confronto: Confronto) -> list[str]:
    """The words of the proposed column, struck text aside: NUOVO as the table prints it."""
    words: list[str] = []
    for row in confronto.rows:
        cell = row.cells[0] if row.kind == "division" else row.cells[1] if row.in_columns else ()
        for line in cell:
            runs = [run for grid_row in line.rows for c in grid_row.cells for run in c] if isinstance(line, Grid) else line.runs
            words += _WORD.findall(" ".join(run.text for run in runs if run.style != "deleted"))
    return words


@pytest.mark.parametrize("name", ["vacallo", "mendrisio", "stabio"])
def test_completo_proposed_column_is_nuovo_word_for_word(name: str) -> None:
    """Front matter, headings, articles and back matter: every word of NUOVO, in order ("(nuovo)" aside)."""
    old_path, new_path = {
        "vacallo": ("vacallo/rod-1991.txt", "vacallo/rod-nuovo.txt"),
        "mendrisio": ("mendrisio/rod-2006-estratto.txt", "mendrisio/rod-2018-estratto.txt"),
        "stabio": ("stabio/rod-attuale-frammenti.txt", "stabio/rod-proposto-frammenti.txt"),
    }[name]
    confronto = build_confronto(align(parse_file(CORPUS / old_path), parse_file(CORPUS / new_path)))
    without_marker = " ".join(_proposed_words(confronto)).replace("( nuovo )", "").split()
    source = " ".join(_WORD.findall((CORPUS / new_path).read_text(encoding="utf-8"))).replace("( nuovo )", "").split()
    assert without_marker == source
