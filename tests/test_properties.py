"""Property tests (hypothesis) for the parser: nothing lost, structure recovered, round trip.

Documents are generated as structures, written out as text in the corpus format (one
paragraph per line) or as text wrapped like a PDF extraction, then parsed.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rodiff.model import Document, source_strings
from rodiff.parse import parse_text
from rodiff.render.text import render_text

from .conftest import dump

WORDS = [
    "il",
    "dipendente",
    "stipendio",
    "può",
    "essere",
    "concesso",
    "per",
    "ragioni",
    "di",
    "servizio",
    "la",
    "nomina",
    "è",
    "atto",
    "con",
    "cui",
    "viene",
    "assunto",
    "e",
    "ai",
    "sensi",
    "del",
    "regolamento",
    "comunale",
    "anni",
    "mesi",
    "giorni",
    "congedo",
    "pagato",
    "Municipio",
    "Consiglio",
    "indennità",
    "funzione",
    "orario",
    "lavoro",
    "vacanze",
    "previsto",
    "dall'art.",
    "23",
    "cpv.",
    "2",
    "LOC",
    "30",
    "settimane",
    "sino",
    "a",
    "4",
]
OPENERS = ["Il", "La", "Le", "Per", "Gli", "Il Municipio", "Lo stipendio", "In caso di"]
TITLE_WORDS = ["Campo", "Nomina", "Definizione", "Congedi", "Stipendio", "Vacanze", "Periodo", "di", "prova", "orario"]


@dataclass
class Gen:
    """A generated regulation and the text written from it."""

    text: str
    articles: list[tuple[str, str, int]]  # (number, title, paragraphs)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=30))
    return f"{draw(st.sampled_from(OPENERS))} {' '.join(words)}."


@st.composite
def regulation(draw: st.DrawFn, wrapped: bool = False) -> Gen:
    lines = ["REGOLAMENTO ORGANICO DEI DIPENDENTI", ""]
    articles = []
    number = 0
    for division in range(1, draw(st.integers(1, 3)) + 1):
        lines += [f"TITOLO {'I' * division}: DISPOSIZIONI {division}", ""]
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            suffix = draw(st.sampled_from(["", "", "", "a", "bis"]))
            if suffix:
                number -= 0  # an inserted article keeps the previous base number
            label = f"{number}{suffix}"
            title = " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=4))).capitalize()
            lines += [f"Art. {label}", title]
            numbered = draw(st.booleans())
            count = draw(st.integers(1, 4))
            for index in range(1, count + 1):
                body = " ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))
                if numbered:
                    lines += _wrap(f"{index}. {body}", wrapped)
                else:
                    if index > 1:
                        lines.append("")
                    lines += _wrap(body, wrapped)
                for letter in "abc"[: draw(st.integers(0, 3))]:
                    lines += _wrap(f"{letter}) {draw(sentence())[:-1].lower()};", wrapped)
            if draw(st.booleans()):
                lines += ["| Funzione | Classe |", "| Segretario | 12 |"]
            lines.append("")
            articles.append((label, title, count))
            number += 1 if suffix else 0
    if draw(st.booleans()):
        lines += ["Per il Municipio", "Il Sindaco: Mario Rossi"]
    return Gen("\n".join(lines), articles)


def _wrap(text: str, wrapped: bool) -> list[str]:
    return textwrap.wrap(text, 70, break_on_hyphens=False) if wrapped else [text]


def _chars(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace() and c != "|")


def _kept(document: Document) -> Counter[str]:
    kept = _chars("".join(source_strings(document)))
    kept["-"] += document.joined_hyphens
    return kept


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@SETTINGS
@given(regulation())
def test_structure_recovered(generated: Gen) -> None:
    document = parse_text(generated.text)
    found = [(a.number.normalised, a.title, len(a.paragraphs)) for a in document.articles()]
    assert found == generated.articles


@SETTINGS
@given(regulation(wrapped=True))
def test_structure_recovered_from_wrapped_text(generated: Gen) -> None:
    # Where a wrapped line ends with a full stop, only the column width tells a wrap from a
    # paragraph end; it is estimated from the text, so the text must have some length.
    assume(sum(1 for line in generated.text.splitlines() if len(line) > 20) >= 20)
    document = parse_text(generated.text)
    found = [(a.number.normalised, a.title, len(a.paragraphs)) for a in document.articles()]
    assert found == generated.articles


@SETTINGS
@given(st.one_of(regulation(), regulation(wrapped=True)))
def test_no_text_lost(generated: Gen) -> None:
    assert _kept(parse_text(generated.text)) == _chars(generated.text)


@SETTINGS
@given(st.one_of(regulation(), regulation(wrapped=True)))
def test_round_trip_through_text(generated: Gen) -> None:
    first = parse_text(generated.text)
    again = parse_text(render_text(first))
    assert dump(again) == dump(first)


NASTY_LINES = [
    "Art. 1",
    "Art. 27 a (nuovo)",
    "Art. 5 Titolo (abrogato)",
    "Art. 62 !",
    "TITOLO |",
    "Capitolo 2 - X",
    "1.",
    "1",
    "2",
    "a)",
    "- ",
    "| a | b |",
    "|",
    "Abrogato.",
    "---",
    "Per il Municipio",
    "- 3 -",
    "' Il",
    "¹",
    "Re-",
    "golamento",
    "testo qualsiasi.",
    "Testo con a capo",
    "",
    "   ",
    "art. 23 cpv. 2",
    "Art. 9999999",
    "Sezione",
    "TITOLO PRIMO:",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NASTY_LINES), st.text(max_size=40)), max_size=40))
def test_fuzz_never_crashes_and_loses_nothing(lines: list[str]) -> None:
    text = "\n".join(lines)
    document = parse_text(text)
    source = "\n".join(line.replace("\r", "\n").replace("\f", "\n") for line in lines)
    assert _kept(document) == _chars(source)
    parse_text(render_text(document))  # rendering any parse is parseable
