"""End-to-end: allinea, osservazioni and confronto through the CLI on the corpus, and their bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from .conftest import CORPUS, cli

OLD = CORPUS / "vacallo" / "rod-1991.txt"
NEW = CORPUS / "vacallo" / "rod-nuovo.txt"


def test_allinea_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "allinea", str(OLD), str(NEW), "--json")
    assert code == 0
    pairs = json.loads(out)["pairs"]
    assert {"old": "11", "new": "12", "status": "renumbered_modified"}.items() <= pairs[10].items()
    assert pairs[9] == {"old": None, "new": "11", "status": "new", "similarity": 0.0}
    assert all(0.0 <= p["similarity"] <= 1.0 for p in pairs)


def test_allinea_table_in_italian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        capsys,
        "allinea",
        str(CORPUS / "mendrisio" / "rod-2006-estratto.txt"),
        str(CORPUS / "mendrisio" / "rod-2018-estratto.txt"),
    )
    assert code == 0
    assert "cpv. 5 diventa cpv. 4" in out
    assert "abrogato" in out and "nuovo" in out
    assert "nessun file scritto" in err


def test_confronto_docx_default_path(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW))
    assert code == 0, err
    target = tmp_path / "output" / "confronto.docx"
    assert zipfile.is_zipfile(target)
    assert "output/confronto.docx" in err and "Articoli: 90 in tutto" in err


@pytest.mark.parametrize(("formato", "marker"), [("html", b"<table"), ("md", b"| ")])
def test_confronto_other_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path, formato: str, marker: bytes) -> None:
    target = tmp_path / f"t.{formato}"
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "--formato", formato, "-o", str(target), "--stile", "articoli")
    assert code == 0, err
    assert marker in target.read_bytes()


def test_osservazioni_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "osservazioni.yaml"
    code, _, err = cli(capsys, "osservazioni", str(OLD), str(NEW), "-o", str(notes))
    assert code == 0 and str(notes) in err
    text = notes.read_text(encoding="utf-8")
    assert '"13": "Nuovo articolo."' in text and '"16": "Adattamento numerazione."' in text
    notes.write_text(text.replace('"13": "Nuovo articolo."', '"13": "Introduzione del telelavoro."'), encoding="utf-8")
    target = tmp_path / "c.md"
    code, _, err = cli(
        capsys, "confronto", str(OLD), str(NEW), "--osservazioni", str(notes), "--formato", "md", "-o", str(target)
    )
    assert code == 0, err
    assert "Introduzione del telelavoro." in target.read_text(encoding="utf-8")


def test_osservazioni_unknown_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "note.yaml"
    notes.write_text('"12": "Va bene."\n"999": "Non esiste."\n', encoding="utf-8")
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "--osservazioni", str(notes), "-o", str(tmp_path / "c.docx"))
    assert code == 2
    assert "Errore: " in err and "«999»" in err and "art. 999" in err
    assert not (tmp_path / "c.docx").exists()


def test_osservazioni_malformed_yaml_names_the_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "note.yaml"
    notes.write_text('"12": "Va bene."\n"13": "virgolette non chiuse\n"14": x\n', encoding="utf-8")
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "--osservazioni", str(notes), "-o", str(tmp_path / "c.docx"))
    assert code == 2 and "riga" in err and "note.yaml" in err and "Traceback" not in err


def test_identical_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "same.md"
    code, _, err = cli(capsys, "confronto", str(OLD), str(OLD), "--formato", "md", "-o", str(target))
    assert code == 0
    assert "identiche" in err
    assert "identiche" in target.read_text(encoding="utf-8")


def test_no_common_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Art. 1\nOrario\nIl Municipio stabilisce l'orario di lavoro del personale comunale.\n", encoding="utf-8")
    second.write_text("Art. 1\nStipendio\nLo stipendio è versato in tredici mensilità alla fine del mese.\n", encoding="utf-8")
    code, _, err = cli(capsys, "confronto", str(first), str(second), "--formato", "md", "-o", str(tmp_path / "x.md"))
    assert code == 0
    assert "nessun articolo in comune" in err


def test_existing_output_and_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    existing = tmp_path / "c.docx"
    existing.write_bytes(b"vecchio")
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "-o", str(existing))
    assert code == 2 and "--sovrascrivi" in err and existing.read_bytes() == b"vecchio"
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "-o", str(tmp_path / "manca" / "c.docx"))
    assert code == 2 and "non esiste" in err


def test_output_cannot_be_an_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    copy = tmp_path / "nuovo.md"  # a regulation in Markdown, and the Markdown table asked over it
    copy.write_bytes(NEW.read_bytes())
    code, _, err = cli(capsys, "confronto", str(OLD), str(copy), "--formato", "md", "-o", str(copy), "--sovrascrivi")
    assert code == 2 and "non sovrascrive mai" in err
    assert copy.read_bytes() == NEW.read_bytes()


def test_bad_labels(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "--etichette", "Solo|Due", "-o", str(tmp_path / "c.docx"))
    assert code == 2 and "3 intestazioni" in err


def test_parse_warnings_are_shown_not_fatal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "--formato", "md", "-o", str(tmp_path / "c.md"))
    assert code == 0
    assert "manca l'articolo 9" in err and "il lavoro continua" in err
