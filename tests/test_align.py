"""Alignment by content: the Vacallo ground truth, synthetic revisions, moves, splits, merges."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rodiff import parse_file
from rodiff.align import align
from rodiff.parse import parse_text

from .conftest import CORPUS
from .support import synth
from .support.corpus import vacallo_alignment


def numbers(alignment_pairs: object) -> list[tuple[str | None, str | None]]:
    return [
        (p.old[0].number.normalised if p.old else None, p.new[0].number.normalised if p.new else None)
        for p in alignment_pairs  # type: ignore[attr-defined]
    ]


@pytest.fixture(scope="module")
def vacallo() -> object:
    return vacallo_alignment()


def test_vacallo_mapping_equals_the_printed_headings(vacallo: object) -> None:
    with (CORPUS / "vacallo" / "allineamento.csv").open(encoding="utf-8") as handle:
        truth = [(r["old"] or None, r["new"] or None) for r in csv.DictReader(handle)]
    assert numbers(vacallo.pairs) == truth  # type: ignore[attr-defined]


def test_vacallo_statuses(vacallo: object) -> None:
    status = {numbers([p])[0]: p.status for p in vacallo.pairs}  # type: ignore[attr-defined]
    assert status[("3", "3")] == "unchanged"
    assert status[("1", "1")] == "modified"
    assert status[("14", "16")] == "renumbered"
    assert status[("11", "12")] == "renumbered_modified"
    assert status[(None, "13")] == "new"
    assert not vacallo.is_identical()  # type: ignore[attr-defined]


def test_mendrisio_paragraph_renumbering() -> None:
    alignment = align(
        parse_file(CORPUS / "mendrisio" / "rod-2006-estratto.txt"), parse_file(CORPUS / "mendrisio" / "rod-2018-estratto.txt")
    )
    art31 = next(p for p in alignment.pairs if p.new and p.new[0].number.normalised == "31")
    moves = [(str(pp.old[0].number), str(pp.new[0].number)) for pp in art31.paragraphs if pp.renumbered]  # type: ignore[union-attr]
    assert moves == [("5", "4"), ("6", "5")]
    removed = [pp for pp in art31.paragraphs if pp.old and not pp.new]
    assert [str(pp.old[0].number) for pp in removed] == ["4"]  # type: ignore[union-attr]
    statuses = {numbers([p])[0]: p.status for p in alignment.pairs}
    assert statuses[("28", None)] == "repealed" and statuses[(None, "28")] == "new" and statuses[(None, "32a")] == "new"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_revision_mapping_is_exact(seed: int) -> None:
    text = synth.make_rod(300, seed=seed)
    revision = synth.revise_with_truth(text, seed=seed)
    alignment = align(parse_text(text), parse_text(revision.text))
    found = {old: new for old, new in numbers(alignment.pairs) if old and new}
    assert found == {str(o): str(n) for o, n in revision.mapping.items()}
    assert {new for old, new in numbers(alignment.pairs) if old is None} == {str(n) for n in revision.inserted}
    assert {old for old, new in numbers(alignment.pairs) if new is None} == {str(o) for o in revision.removed}


def _doc(*articles: tuple[str, str, str]) -> str:
    return "\n\n".join(f"Art. {n}\n{title}\n{body}" for n, title, body in articles)


LONG = {
    "a": "Il Municipio stabilisce l'orario di lavoro del personale e ne definisce la ripartizione sull'arco della settimana.",
    "b": "Le vacanze annuali sono di cinque settimane e vanno concordate con il segretario comunale entro marzo.",
    "c": "Il dipendente deve custodire con cura il materiale affidatogli e risponde dei danni causati per negligenza grave.",
    "d": "Lo stipendio è versato in tredici mensilità, la tredicesima con lo stipendio di novembre o alla partenza.",
    "e": "Le assenze per malattia superiori a tre giorni vanno giustificate con un certificato medico consegnato subito.",
}


def test_moved_article() -> None:
    old = parse_text(
        _doc(
            ("1", "Orario", LONG["a"]), ("2", "Vacanze", LONG["b"]), ("3", "Materiale", LONG["c"]), ("4", "Stipendio", LONG["d"])
        )
    )
    new = parse_text(
        _doc(
            ("1", "Orario", LONG["a"]), ("2", "Materiale", LONG["c"]), ("3", "Stipendio", LONG["d"]), ("4", "Vacanze", LONG["b"])
        )
    )
    statuses = {numbers([p])[0]: p.status for p in align(old, new).pairs}
    assert statuses[("2", "4")] == "moved"
    assert statuses[("3", "2")] == "renumbered"


def test_split_and_merge() -> None:
    joined = f"1. {LONG['b']}\n2. {LONG['e']}"
    old = parse_text(_doc(("1", "Orario", LONG["a"]), ("2", "Assenze", joined), ("3", "Stipendio", LONG["d"])))
    new = parse_text(
        _doc(("1", "Orario", LONG["a"]), ("2", "Vacanze", LONG["b"]), ("3", "Malattia", LONG["e"]), ("4", "Stipendio", LONG["d"]))
    )
    split = align(old, new)
    pair = next(p for p in split.pairs if p.status == "split")
    assert [a.number.normalised for a in pair.old] == ["2"] and [a.number.normalised for a in pair.new] == ["2", "3"]
    merged = align(new, old)
    pair = next(p for p in merged.pairs if p.status == "merged")
    assert [a.number.normalised for a in pair.old] == ["2", "3"] and [a.number.normalised for a in pair.new] == ["2"]


def test_title_change_keeps_the_article() -> None:
    old = parse_text(_doc(("1", "Orario", LONG["a"]), ("2", "Vacanze", LONG["b"])))
    new = parse_text(_doc(("1", "Orario", LONG["a"]), ("2", "Ferie annuali", LONG["b"])))
    assert numbers(align(old, new).pairs) == [("1", "1"), ("2", "2")]


def test_repealed_body_counts_as_repealed() -> None:
    old = parse_text(_doc(("1", "Orario", LONG["a"]), ("2", "Vacanze", LONG["b"])))
    new = parse_text(_doc(("1", "Orario", LONG["a"]), ("2", "Vacanze", "Abrogato.")))
    assert [p.status for p in align(old, new).pairs] == ["unchanged", "repealed"]


def test_identical_and_unrelated_documents() -> None:
    text = _doc(("1", "Orario", LONG["a"]), ("2", "Vacanze", LONG["b"]))
    same = align(parse_text(text), parse_text(text))
    assert same.is_identical() and same.counts()["unchanged"] == 2
    other = parse_text(_doc(("1", "Stipendio", LONG["d"]), ("2", "Malattia", LONG["e"])))
    unrelated = align(parse_text(text), other)
    assert sorted(p.status for p in unrelated.pairs) == ["new", "new", "repealed", "repealed"]


def test_deterministic(vacallo: object) -> None:
    again = align(vacallo.old, vacallo.new)  # type: ignore[attr-defined]
    assert again.pairs == vacallo.pairs  # type: ignore[attr-defined]


def test_a_repealed_placeholder_does_not_keep_the_number_when_the_content_moved() -> None:
    """Consolidated cantonal acts keep "Art. 12 (abrogato)" while the text moved to 10b (issue 10)."""
    body = "I coniugi e i parenti in linea retta non possono essere dipendenti del Comune contemporaneamente."
    old = parse_text(f"Art. 10\nProva\nIl primo anno è di prova.\n\nArt. 12\nIncompatibilità\n{body}")
    new = parse_text(f"Art. 10\nProva\nIl primo anno è di prova.\n\nArt. 10b\nIncompatibilità\n{body}\n\nArt. 12\n(abrogato)")
    assert [(o, n, p.status) for (o, n), p in zip(numbers(align(old, new).pairs), align(old, new).pairs, strict=True)] == [
        ("10", "10", "unchanged"),
        ("12", "10b", "renumbered"),
        (None, "12", "repealed"),
    ]


def test_a_repealed_placeholder_keeps_its_article_when_the_text_is_gone() -> None:
    old = parse_text("Art. 12\nIncompatibilità\nI coniugi non possono essere dipendenti del Comune.")
    new = parse_text("Art. 12\n(abrogato)")
    assert [(p.status, len(p.old), len(p.new)) for p in align(old, new).pairs] == [("repealed", 1, 1)]


def test_an_unrelated_short_article_is_not_half_of_a_split() -> None:
    """Each part of a split must carry a real share of the old text (issue 10)."""
    training = (
        "Il Comune promuove la formazione continua e il perfezionamento professionale dei dipendenti, "
        "assumendone in tutto o in parte le spese. Il dipendente che lascia l'impiego entro due anni rimborsa le spese. "
        "Il Municipio stabilisce mediante ordinanza le modalità di rimborso."
    )
    old = parse_text(f"Art. 31a\nFormazione continua\n{training}")
    new = parse_text(
        "Art. 31a\nFormazione obbligatoria\n"
        "Il Municipio stabilisce mediante ordinanza la formazione che il dipendente deve seguire."
        f"\n\nArt. 31b\nFormazione continua\n{training}"
    )
    assert [(o, n, p.status) for (o, n), p in zip(numbers(align(old, new).pairs), align(old, new).pairs, strict=True)] == [
        (None, "31a", "new"),
        ("31a", "31b", "renumbered"),
    ]


LEGISLATION = Path(__file__).parent / "fixtures" / "legislation"


def test_a_capoverso_that_left_its_article_is_followed_by_its_text() -> None:
    """Old art. 55 cpv. 2 is new art. 60 cpv. 5; old art. 56 (repealed) lives on as art. 53 cpv. 3 (issue 10, kind 7).
    The article pairs stay what the content says: 55 -> 59, 57 -> 60, 56 repealed, 55-58 new."""
    folder = LEGISLATION / "capoverso-spostato"
    alignment = align(parse_file(folder / "vecchio.txt"), parse_file(folder / "nuovo.txt"))
    assert [(o, n) for o, n in numbers(alignment.pairs)] == [
        ("53", "53"),
        ("54", "54"),
        (None, "55"),
        (None, "56"),
        (None, "57"),
        (None, "58"),
        ("55", "59"),
        ("56", None),
        ("57", "60"),
        ("58", "61"),
    ]
    moved = {eid: alignment.moved_paragraph(eid) for eid in ("art_55__cpv_2", "art_56__par_1", "art_55__cpv_1", "art_57__cpv_4")}
    assert {eid: p.eid if p else None for eid, p in moved.items()} == {
        "art_55__cpv_2": "art_60__cpv_5",
        "art_56__par_1": "art_53__cpv_3",
        "art_55__cpv_1": None,  # paired in its own article
        "art_57__cpv_4": None,
    }


def test_a_capoverso_is_not_followed_to_two_places_nor_when_short() -> None:
    text = "Durante il congedo non pagato il dipendente assume interamente i contributi previdenziali."
    old = parse_text(
        f"Art. 1\nCongedi\n1 Il Municipio concede i congedi.\n2 {text}\n\nArt. 2\nNorme\n1 Abrogato.\n2 Vale il regolamento."
    )
    twice = parse_text(
        "Art. 1\nCongedi\n1 Il Municipio concede i congedi.\n\n"
        f"Art. 2\nNorme\n1 Vale il regolamento.\n2 {text}\n\nArt. 3\nAltre norme\n1 Vale la legge.\n2 {text}"
    )
    alignment = align(old, twice)
    assert alignment.moved_paragraph("art_1__cpv_2") is None  # the same text in two places: no guess
    once = parse_text(f"Art. 1\nCongedi\n1 Il Municipio concede i congedi.\n\nArt. 2\nNorme\n1 Vale il regolamento.\n2 {text}")
    assert align(old, once).moved_paragraph("art_1__cpv_2") is not None
    assert align(old, once).moved_paragraph("art_2__cpv_1") is None  # "Abrogato.": too short to follow


def test_a_reworded_article_or_capoverso_holds_its_place() -> None:
    """Retitled and rewritten under the same number and in the same place: reworded, not repealed
    (issue 10, kind 9); a numbered placeholder ("2 …", "3 Abrogato") is not a rewritten capoverso."""
    folder = LEGISLATION / "riformulati"
    alignment = align(parse_file(folder / "vecchio.txt"), parse_file(folder / "nuovo.txt"))
    found = {eid: alignment.rewritten(eid) for eid in ("art_20", "art_23__cpv_2", "art_22__cpv_2", "art_22__cpv_3", "art_21")}
    assert {eid: node.eid if node else None for eid, node in found.items()} == {
        "art_20": "art_20",
        "art_23__cpv_2": "art_23__cpv_2",
        "art_22__cpv_2": None,
        "art_22__cpv_3": None,
        "art_21": None,
    }


def test_a_repealed_article_replaced_elsewhere_is_not_rewritten() -> None:
    """Old art. 2 gone, and art. 2 of the new text is the old art. 3: nothing holds the old place."""
    old = parse_text(
        "Art. 1\nA\nPrimo testo sul campo.\n\nArt. 2\nB\nSecondo testo sulle ferie.\n\nArt. 3\nC\nTerzo testo sul salario."
    )
    new = parse_text("Art. 1\nA\nPrimo testo sul campo.\n\nArt. 2\nC\nTerzo testo sul salario.")
    assert align(old, new).rewritten("art_2") is None
