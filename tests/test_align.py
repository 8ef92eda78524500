"""Alignment by content: the Vacallo ground truth, synthetic revisions, moves, splits, merges."""

from __future__ import annotations

import csv

import pytest

from rodiff import parse_file
from rodiff.align import align
from rodiff.parse import parse_text

from .conftest import CORPUS
from .support import synth


def numbers(alignment_pairs: object) -> list[tuple[str | None, str | None]]:
    return [
        (p.old[0].number.normalised if p.old else None, p.new[0].number.normalised if p.new else None)
        for p in alignment_pairs  # type: ignore[attr-defined]
    ]


@pytest.fixture(scope="module")
def vacallo() -> object:
    return align(parse_file(CORPUS / "vacallo" / "rod-1991.txt"), parse_file(CORPUS / "vacallo" / "rod-nuovo.txt"))


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
