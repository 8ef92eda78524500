"""The named patterns: real spellings from the seeds, generated spellings, and linear time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rodiff.parse import patterns as p
from rodiff.parse.build import division_number
from rodiff.parse.lines import SourceLine, classify


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("Art. 1", "1", ""),
        ("Art. 13 Funzione stabile", "13", "Funzione stabile"),
        ("Art. 27a", "27a", ""),
        ("Art. 27 a (nuovo)", "27a", "(nuovo)"),
        ("Art. 32 a Promozione per il corpo di Polizia comunale", "32a", "Promozione per il corpo di Polizia comunale"),
        ("Art. 5bis", "5bis", ""),
        ("Art. 5 ter", "5ter", ""),
        ("Art 81", "81", ""),
        ("ART. 7 Periodo di prova", "7", "Periodo di prova"),
        ("Articolo 3", "3", ""),
        ("Art. 64abis", "64abis", ""),
        ("Art. 13 a tempo parziale", "13", "a tempo parziale"),
    ],
)
def test_article_heading(line: str, number: str, rest: str) -> None:
    match = p.ARTICLE_HEADING.match(line)
    assert match is not None
    suffix = match.group("sfx") or match.group("sfx_spaced") or ""
    assert match.group("num") + suffix == number
    assert match.group("rest").strip() == rest


@pytest.mark.parametrize("line", ["art. 23 (occupazioni accessorie)", "Artt. 17, 18", "Arte e cultura", "Articoli vari"])
def test_not_article_heading(line: str) -> None:
    assert p.ARTICLE_HEADING.match(line) is None


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["", "a", "b", "bis", "ter", "quater", "abis"]),
    st.sampled_from(["", " "]),
    st.sampled_from(["Art.", "Art", "ART.", "Articolo"]),
)
def test_article_heading_generated(value: int, suffix: str, space: str, word: str) -> None:
    line = f"{word} {value}{space if suffix else ''}{suffix}"
    token = classify(SourceLine(line, 1))
    assert token.kind == "article"
    found = token.groups.get("sfx") or token.groups.get("sfx_spaced") or ""
    assert (int(token.groups["num"]), found) == (value, suffix)


@pytest.mark.parametrize(
    ("line", "kind", "number", "title"),
    [
        ("TITOLO PRIMO: GENERALITÀ", "TITOLO", 1, "GENERALITÀ"),
        ("Capitolo 1 - NOMINA", "Capitolo", 1, "NOMINA"),
        ("TITOLO II", "TITOLO", 2, ""),
        ("Titolo quarto", "Titolo", 4, ""),
        ("TITOLO |", "TITOLO", 1, ""),
        ("TITOLO 1l", "TITOLO", 2, ""),
        ("CAPITOLO 3", "CAPITOLO", 3, ""),
        ("Sezione 2 – Vacanze", "Sezione", 2, "Vacanze"),
        ("TITOLO NONO: DISPOSIZIONI TRANSITORIE E FINALI", "TITOLO", 9, "DISPOSIZIONI TRANSITORIE E FINALI"),
    ],
)
def test_division_heading(line: str, kind: str, number: int, title: str) -> None:
    match = p.DIVISION_HEADING.match(line)
    assert match is not None
    assert match.group("kind") == kind
    assert division_number(match.group("dnum")) == number
    assert match.group("dtitle").strip() == title


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("1. I candidati devono adempiere", "paragraph"),
        ("1) Il Municipio decide", "paragraph"),
        ("1 Il Municipio decide", "paragraph"),
        ("1bis Il collaboratore", "paragraph"),
        ("¹ Il Municipio", "paragraph"),
        ("' I candidati alla nomina", "paragraph"),
        ("! Il Municipio può", "paragraph"),
        ("a) cittadinanza svizzera;", "letter"),
        ("a. attua una politica", "letter"),
        ("dbis. gli incarichi", "letter"),
        ("lett. a) i nominati", "letter"),
        ("- che l'orario di lavoro", "bullet"),
        ("• Segretari comunali", "bullet"),
        ("| Classe | Funzione |", "table_row"),
        ("Abrogato.", "repealed"),
        ("- 3 -", "page_number"),
        ("Pagina 3 di 12", "page_number"),
        ("Per il Municipio", "back_matter"),
        ("---", "back_matter"),
        ("Approvato dal Consiglio comunale il 25 marzo 1991", "back_matter"),
        ("30 giorni di preavviso.", "text"),
        ("Il Municipio può assumere", "text"),
        ("12", "lone_number"),
    ],
)
def test_line_rules(line: str, kind: str) -> None:
    assert classify(SourceLine(line, 1)).kind == kind


@pytest.mark.parametrize("pattern", [p.ARTICLE_HEADING, p.DIVISION_HEADING, p.ITEM_LETTER, p.PARAGRAPH_BARE, p.TITLE_LIKE])
def test_patterns_linear_on_long_lines(pattern: object) -> None:
    """No catastrophic backtracking: 200 KB hostile lines are matched (a blow-up hangs here; bench/scaling.py times them)."""
    pattern.match("Art. 1" + " a" * 100_000 + "!")  # type: ignore[attr-defined]
    pattern.match("TITOLO " + "I" * 100_000)  # type: ignore[attr-defined]
