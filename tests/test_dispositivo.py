"""The dispositivo: where each article changed, read from the parsed tree only.

Fragments of a revision message ("[…]" elisions, a capoverso opening with its lettera,
capoversi glued in one line) reach the dispositivo already numbered by the parser.
"""

from __future__ import annotations

import re

import pytest

from rodiff.align import Alignment, align
from rodiff.messaggio.dispositivo import build_dispositivo, changes, describe
from rodiff.model import Document
from rodiff.parse import parse_text

from .conftest import CORPUS
from .support.corpus import stabio_alignment, vacallo_alignment

STABIO_EXPECTED = (
    "Sono approvate le modifiche agli articoli 1 cpv. 1 lett. b, 2, 12 cpv. 3 lett. c, 19 cpv. 1, "
    "24 cpv. 1, 6 e 8 (nuovo), 26 cpv. 1 lett. c e cpv. 4 (nuovo), 35 cpv. 1, 36 cpv. 6, 37 cpv. 4, 40, "
    "49 cpv. 2, 50 cpv. 1 lett. h, 51 cpv. 2, 59 cpv. 1 lett. f, 60, 65 cpv. 2 lett. a e cpv. 3, "
    "67 cpv. 1 e 2 e 68; è introdotto il nuovo art. 25."
)

# ------------------------------------------------------------------------- helpers


WORDS = [
    "vacanze",
    "congedi",
    "stipendio",
    "orario",
    "nomina",
    "disdetta",
    "malattia",
    "infortunio",
    "formazione",
    "pensione",
    "mobilità",
    "domicilio",
]


def _regulation(articles: dict[str, str], count: int = 10) -> str:
    """A small ROD: articles 1..count with two capoversi each (each on its own subject, so
    that alignment tells them apart), some replaced by ``articles``."""
    parts = ["REGOLAMENTO ORGANICO DEI DIPENDENTI", ""]
    bodies = {str(n): _body(n) for n in range(1, count + 1)}
    bodies.update(articles)
    for number, body in sorted(((k, v) for k, v in bodies.items() if v), key=lambda kv: _key(kv[0])):
        parts += [f"Art. {number} Titolo {re.sub(r'[^0-9]', '', number)}", body, ""]
    return "\n".join(parts)


def _body(n: int) -> str:
    word = WORDS[(n - 1) % len(WORDS)]
    return f"1. Primo capoverso sulla {word} del personale.\n2. Secondo capoverso sulla {word} e sulle sue regole."


def _key(number: str) -> tuple[int, str]:
    match = re.match(r"(\d+)\s*(.*)", number)
    assert match
    return int(match.group(1)), match.group(2)


def _alignment(old: dict[str, str], new: dict[str, str], count: int = 10) -> Alignment:
    return align(parse_text(_regulation(old, count)), parse_text(_regulation(new, count)))


def _sentence(new: dict[str, str], old: dict[str, str] | None = None, count: int = 10) -> str:
    return build_dispositivo(_alignment(old or {}, new, count)).sentence


HEAD = "REGOLAMENTO ORGANICO DEI DIPENDENTI (estratto)\n\n"
TAIL = "\nArt. 70 Altro\n1. Testo.\n"


def _parse(article: str) -> Document:
    return parse_text(HEAD + article + TAIL)


def _capoversi(document: Document) -> list[tuple[str, str, tuple[str, ...]]]:
    """(number or "-", opening text, lettere) of the first article's capoversi."""
    return [
        (p.number.normalised if p.number else "-", p.text, tuple(item.label for item in p.items))
        for p in document.articles()[0].paragraphs
    ]


# ---------------------------------------------------------------------- grammar


def test_one_capoverso_of_one_article() -> None:
    sentence = _sentence({"3": _body(3).split("\n")[0] + "\n2. Secondo capoverso cambiato."})
    assert sentence == "È approvata la modifica all'articolo 3 cpv. 2."


def test_whole_article_with_one_unnumbered_capoverso() -> None:
    sentence = _sentence({"3": "Testo nuovo e unico."}, {"3": "Testo unico."})
    assert sentence == "È approvata la modifica all'articolo 3."


def test_every_capoverso_changed_is_the_whole_article() -> None:
    sentence = _sentence({"3": "1. Primo cambiato.\n2. Secondo cambiato."})
    assert sentence == "È approvata la modifica all'articolo 3."


def test_two_articles() -> None:
    sentence = _sentence(
        {
            "2": "1. Primo capoverso cambiato.\n" + _body(2).split("\n")[1],
            "5": _body(5) + "\n3. Un capoverso nuovo.",
        }
    )
    assert sentence == "Sono approvate le modifiche agli articoli 2 cpv. 1 e 5 cpv. 3 (nuovo)."


def test_several_capoversi_of_one_article_are_grouped() -> None:
    old = {"4": "1. Uno.\n2. Due.\n3. Tre.\n4. Quattro."}
    new = {"4": "1. Uno cambiato.\n2. Due.\n3. Tre cambiato.\n4. Quattro.\n5. Cinque nuovo."}
    assert _sentence(new, old) == "Sono approvate le modifiche all'articolo 4 cpv. 1, 3 e 5 (nuovo)."


def test_many_articles_with_lettere() -> None:
    old = {"6": "1. Sono dovuti:\na) il primo;\nb) il secondo;\nc) il terzo;"}
    new = {
        "6": "1. Sono dovuti:\na) il primo;\nb) il secondo, cambiato;\nc) il terzo;\nd) il quarto.",
        "7": "1. Primo capoverso cambiato.\n" + _body(7).split("\n")[1],
        "8": _body(8).split("\n")[0] + "\n2. Secondo capoverso cambiato.",
    }
    assert _sentence(new, old) == ("Sono approvate le modifiche agli articoli 6 cpv. 1 lett. b e d (nuova), 7 cpv. 1 e 8 cpv. 2.")


def test_new_and_repealed_articles() -> None:
    new = {"4a": "Un articolo inserito, tutto nuovo, senza capoversi numerati."}
    assert _sentence(new) == "È introdotto il nuovo art. 4a."
    two = {**new, "9a": "Un altro articolo inserito con un testo diverso da tutti."}
    assert _sentence(two) == "Sono introdotti i nuovi artt. 4a e 9a."
    assert _sentence({"7": ""}, count=12) == "È abrogato l'art. 7."
    assert _sentence({"7": "", "8": "Abrogato."}, count=12) == "Sono abrogati gli artt. 7 e 8."


def test_clauses_are_joined_with_semicolons() -> None:
    new = {"3": _body(3).split("\n")[0] + "\n2. Secondo capoverso cambiato.", "7": "", "9a": "Articolo nuovo di zecca."}
    assert _sentence(new, count=12) == (
        "È approvata la modifica all'articolo 3 cpv. 2; è abrogato l'art. 7; è introdotto il nuovo art. 9a."
    )


def test_total_revision() -> None:
    new = {str(n): f"Testo interamente riscritto dell'articolo {n} con parole nuove." for n in range(1, 9)}
    dispositivo = build_dispositivo(_alignment({}, new), commune="Vacallo")
    assert dispositivo.total
    assert dispositivo.sentence == "Il nuovo Regolamento organico dei dipendenti del Comune di Vacallo è approvato."
    forced = build_dispositivo(_alignment({}, {"3": "1. Primo cambiato.\n" + _body(3).split("\n")[1]}), total=True)
    assert forced.sentence == "Il nuovo Regolamento organico dei dipendenti è approvato."
    assert build_dispositivo(vacallo_alignment()).total  # most articles of Vacallo 1991 changed


def test_renumbered_article_names_its_old_number() -> None:
    alignment = vacallo_alignment()
    found = {c.key: c for c in changes(alignment)}
    assert describe(found["12"]) == "12 (già 11)"
    assert found["12"].kind == "modificato"
    assert found["16"].kind == "rinumerato"


# ------------------------------------------------------------- Stabio, seed 002


def test_stabio_dispositivo_rebuilt_from_the_fragments() -> None:
    """The published list (corpus/stabio/dispositivo-pubblicato.txt) against rodiff's.

    Same articles and capoversi, except: lettere named where only a lettera changed (1, 12,
    26); the new cpv. 8 of art. 24 and cpv. 4 of art. 26 marked "(nuovo)"; capoversi grouped
    per article; art. 25 "nuovo" because the fragments have no current text of it (the
    message prints only the new rows of its table), which rodiff flags in the warnings.
    """
    dispositivo = build_dispositivo(stabio_alignment(), commune="Stabio")
    assert not dispositivo.total
    assert dispositivo.sentence == STABIO_EXPECTED
    published = (CORPUS / "stabio" / "dispositivo-pubblicato.txt").read_text(encoding="utf-8")
    listed = re.search(r"modifiche agli articoli (.+?);\n", published)
    assert listed
    published_articles = {int(item.split()[0]) for item in listed.group(1).split(", ")}
    ours = {c.number.value for c in dispositivo.changes}
    assert ours == published_articles


# ------------------------------------------- the numbers the dispositivo reads
# (more cases in tests/fixtures/parse/estratto-capoverso-iniziale.txt, frammenti-capoversi-incollati.txt)


def test_capoversi_glued_in_one_line_after_an_elision() -> None:
    line = "1. La scala […] 6. Il Municipio può corrispondere una gratifica. Vale il RUGraS. 8. Il Municipio concede."
    document = _parse(f"Art. 24 Scala stipendi\n{line}\n")
    assert _capoversi(document) == [
        ("1", "La scala […]", ()),
        ("6", "Il Municipio può corrispondere una gratifica. Vale il RUGraS.", ()),
        ("8", "Il Municipio concede.", ()),
    ]
    paragraphs = document.articles()[0].paragraphs
    assert [p.marker for p in paragraphs] == ["1.", "6.", "8."]
    assert {p.span.start for p in paragraphs} == {paragraphs[0].span.start}  # one source line


def test_outside_fragments_a_number_in_the_text_stays_text() -> None:
    document = _parse("Art. 24 Scala stipendi\n1. La scala vale. 6. Il Municipio decide.\n")
    assert _capoversi(document) == [("1", "La scala vale. 6. Il Municipio decide.", ())]


# ------------------------------------------------------------ fragments, by kind

FRAGMENTS = {
    "capoverso 3 only": (
        "Art. 12 Funzione stabile\n3. Valgono le condizioni seguenti.\n",
        "Art. 12 Funzione stabile\n3. Valgono le condizioni nuove.\n",
        "È approvata la modifica all'articolo 12 cpv. 3.",
    ),
    "capoverso with its lettera": (
        "Art. 65 Soppressione\n2 lett. a) è pensionato se può.\n3. Il Municipio può sciogliere.\n",
        "Art. 65 Soppressione\n2 lett. a) è pensionato se vuole.\n3. Il Municipio può sciogliere.\n",
        "È approvata la modifica all'articolo 65 cpv. 2 lett. a.",
    ),
    "after an unnumbered capoverso": (
        "Art. 50 Congedi\nIntroduzione generale.\n3. lett. h) per il decesso dei nonni.\n",
        "Art. 50 Congedi\nIntroduzione generale.\n3. lett. h) per il decesso dei nonni e zii.\n",
        "È approvata la modifica all'articolo 50 cpv. 3 lett. h.",
    ),
    "glued capoversi": (
        "Art. 24 Scala stipendi\n1. La scala degli stipendi […] 6. Il Municipio può corrispondere una gratifica.\n",
        "Art. 24 Scala stipendi\n1. La scala degli stipendi […] 6. Il Municipio può corrispondere una gratifica "
        "maggiore. 8. Il Municipio può concedere una maggiorazione.\n",
        "Sono approvate le modifiche all'articolo 24 cpv. 6 e 8 (nuovo).",
    ),
    "a reference is not a capoverso": (
        "Art. 24 Scala stipendi\n1. La scala […] vedi cpv. 6. Il Municipio decide.\n",
        "Art. 24 Scala stipendi\n1. La scala […] vedi cpv. 6. Il Municipio decide ora.\n",
        "È approvata la modifica all'articolo 24 cpv. 1.",
    ),
    "an elision continues its capoverso": (
        "Art. 26 Requisiti\n1. Per le funzioni seguenti.\n[…]\nc) Direttore AMS\n",
        "Art. 26 Requisiti\n1. Per le funzioni seguenti.\n[…]\nc) Direttore Azienda comunale\n",
        "È approvata la modifica all'articolo 26 cpv. 1 lett. c.",
    ),
}


@pytest.mark.parametrize("old, new, expected", FRAGMENTS.values(), ids=FRAGMENTS.keys())
def test_fragments(old: str, new: str, expected: str) -> None:
    assert build_dispositivo(align(_parse(old), _parse(new)), total=False).sentence == expected
