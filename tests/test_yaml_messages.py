"""PyYAML's English problems become Italian, with line and column, in every YAML file rodiff reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from rodiff.errors import InputError
from rodiff.messaggio import parse_messaggio_data
from rodiff.parse.metadata import read_sidecar
from rodiff.parse.yaml_safe import load_yaml

CASES = {
    "comune: Vacallo\noggetto: Revisione: del ROD\n": "alla riga 2, colonna 19: dopo il valore c'è un altro «:»",
    "comune: Vacallo\noggetto Revisione\nanno: 2023\n": "alla riga 2: manca il «:» dopo il nome del campo",
    "comune: Vacallo\n\tanno: 2023\n": "alla riga 2, colonna 1: c'è una tabulazione",
    "risoluzione:\n  numero: 3\n data: 2023-01-01\n": "alla riga 3, colonna 2: il rientro di questa riga",
    'oggetto: "Revisione\n': "le virgolette aperte alla riga 1",
    'oggetto: "C:\\dati"\n': "la barra rovesciata «\\»",
    "commissioni: [a, b\nanno: 3\n": "la parentesi «]» che chiude l'elenco aperto alla riga 1",
    "risoluzione: {numero: 3\nanno: 3\n": "la parentesi «}» che chiude il gruppo aperto alla riga 1",
    "oggetto: @comune\n": "un valore non può cominciare con «@»",
    'oggetto: "Revisione" del ROD\n': "dopo il testo tra virgolette la riga continua",
    "oggetto: a\x00b\n": "carattere di controllo non ammesso (U+0000",
}


@pytest.mark.parametrize("text", list(CASES))
def test_yaml_problems_in_italian(text: str) -> None:
    for read in (load_yaml, parse_messaggio_data):
        with pytest.raises(InputError) as caught:
            read(text, "messaggio.yaml")
        message = caught.value.message
        assert message.startswith("Il file «messaggio.yaml»") and CASES[text] in message, message
        for english in ("mapping values", "could not find", "found character", "expected", "while scanning", "unacceptable"):
            assert english not in message, message


def test_an_unknown_problem_keeps_line_column_and_the_original(monkeypatch: pytest.MonkeyPatch) -> None:
    import rodiff.parse.yaml_safe as yaml_safe

    monkeypatch.setattr(yaml_safe, "_PROBLEMS", ())
    with pytest.raises(InputError, match=r"alla riga 2, colonna 19 \(YAML segnala: «mapping values are not allowed here»\)"):
        load_yaml("comune: Vacallo\noggetto: Revisione: del ROD\n", "messaggio.yaml")


def test_a_usable_sidecar_has_no_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "rod.yaml").write_text("comune: Vacallo\ndata: 2023-05-22\nnote: [libere]\n", encoding="utf-8")
    sidecar = read_sidecar(tmp_path / "rod.txt")
    assert sidecar.metadata.commune == "Vacallo" and sidecar.metadata.date == "2023-05-22" and not sidecar.diagnostics


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"comune: Vacallo\n  anno: : 2023\n", "alla riga 2"),
        ("comune: Città\n".encode("cp1252"), "non è un testo UTF-8"),
        (b"- una\n- lista\n", "non contiene righe «campo: valore»"),
    ],
)
def test_an_unusable_sidecar_says_why(tmp_path: Path, content: bytes, words: str) -> None:
    (tmp_path / "rod.yml").write_bytes(content)
    sidecar = read_sidecar(tmp_path / "rod.txt")
    (diagnostic,) = sidecar.diagnostics
    assert diagnostic.code == "sidecar_unusable" and diagnostic.severity == "avviso"
    assert diagnostic.message.startswith("Il file di descrizione «rod.yml», accanto a «rod.txt», non è stato usato")
    assert words in diagnostic.message and sidecar.metadata.commune == ""


def test_fields_that_are_not_single_values_are_said(tmp_path: Path) -> None:
    (tmp_path / "rod.yaml").write_text("comune: Vacallo\ntitolo: [a, b]\nfonte: {x: 1}\n", encoding="utf-8")
    sidecar = read_sidecar(tmp_path / "rod.txt")
    (diagnostic,) = sidecar.diagnostics
    assert sidecar.metadata.commune == "Vacallo" and sidecar.metadata.title == ""
    assert "i campi «titolo», «fonte» sono un elenco o un gruppo di campi" in diagnostic.message
