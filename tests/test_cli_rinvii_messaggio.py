"""End-to-end: rinvii and termini through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CORPUS, cli

MENDRISIO_OLD = CORPUS / "mendrisio" / "art31-32-vecchio.txt"
MENDRISIO_NEW = CORPUS / "mendrisio" / "art31-32-nuovo.txt"


def test_stale_paragraph_reference_found_and_fixed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = cli(capsys, "rinvii", str(MENDRISIO_NEW), "--vecchio", str(MENDRISIO_OLD), "--json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["article"], f["paragraph"], f["text"], f["kind"], f["suggestion"]) for f in findings] == [
        ("32", "2", "art. 31 cpv. 5", "stale", "art. 31 cpv. 4")
    ]
    fixed = tmp_path / "corretto.txt"
    code, _, err = cli(capsys, "rinvii", str(MENDRISIO_NEW), "--vecchio", str(MENDRISIO_OLD), "--correggi", "-o", str(fixed))
    assert code == 1 and str(fixed) in err
    before, after = MENDRISIO_NEW.read_text(encoding="utf-8"), fixed.read_text(encoding="utf-8")
    assert after == before.replace("art. 31 cpv. 5", "art. 31 cpv. 4")


def test_clean_text_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(
        capsys, "rinvii", str(CORPUS / "vacallo" / "rod-nuovo.txt"), "--vecchio", str(CORPUS / "vacallo" / "rod-1991.txt")
    )
    assert code == 0 and "nessun problema" in out


def test_dangling_reference_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "rod.txt"
    text.write_text("Art. 1\nScopo\nSi applicano l'art. 7 e l'art. 134 LOC.\n", encoding="utf-8")
    code, out, _ = cli(capsys, "rinvii", str(text))
    assert code == 1
    assert '"art. 7"' in out and "LOC" not in out.split("Art. 1:")[1].split("->")[0].replace("art. 7", "")


def test_correggi_needs_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "rinvii", str(MENDRISIO_NEW), "--correggi")
    assert code == 2 and "-o FILE" in err


def test_termini_stabio(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(
        capsys,
        "termini",
        str(CORPUS / "stabio" / "rod-attuale-frammenti.txt"),
        str(CORPUS / "stabio" / "rod-proposto-frammenti.txt"),
        "--json",
    )
    data = json.loads(out)
    assert code == 1
    renamings = {(r["old"], r["new"]) for r in data["renamings"]}
    assert ("Aziende municipalizzate", "Azienda comunale") in renamings
    assert any(f["kind"] == "term" and f["text"] == "Cassa pensione" for f in data["findings"])


def test_messaggio_from_a_revision_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "revisione"
    code, _, err = cli(capsys, "nuovo", str(folder))
    assert code == 0 and "messaggio.yaml" in err
    code, _, err = cli(capsys, "nuovo", str(folder))
    assert code == 2 and "Errore: " in err  # never overwrites the secretary's files
    (folder / "regolamento-in-vigore.txt").write_bytes((CORPUS / "vacallo" / "rod-1991.txt").read_bytes())
    (folder / "regolamento-proposto.txt").write_bytes((CORPUS / "vacallo" / "rod-nuovo.txt").read_bytes())
    (folder / "messaggio.yaml").write_bytes((CORPUS / "vacallo" / "messaggio.yaml").read_bytes())
    monkeypatch.chdir(folder)
    code, _, err = cli(capsys, "messaggio", "--formato", "md", "--controllo", "controllo.txt")
    assert code == 0, err
    text = (folder / "output" / "messaggio.md").read_text(encoding="utf-8")
    assert "r i s o l v e r e" in text
    assert "output/messaggio.md" in err and (folder / "controllo.txt").is_file()


def test_messaggio_needs_both_texts(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "messaggio")
    assert code == 2 and "regolamento-in-vigore" in err


def test_modelli_lists_both_templates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "modelli")
    assert code == 0 and "revisione-parziale" in out and "revisione-totale" in out


def test_revisioni_then_single_file_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tracked = tmp_path / "ROD-revisioni.docx"
    old, new = CORPUS / "vacallo" / "rod-1991.txt", CORPUS / "vacallo" / "rod-nuovo.txt"
    code, _, err = cli(capsys, "revisioni", str(old), str(new), "-o", str(tracked), "--autore", "Cancelleria")
    assert code == 0 and str(tracked) in err
    code, two_files, _ = cli(capsys, "allinea", str(old), str(new), "--json")
    code, one_file, _ = cli(capsys, "allinea", str(tracked), "--json")
    assert code == 0
    pairs = lambda out: [(p["old"], p["new"], p["status"]) for p in json.loads(out)["pairs"]]  # noqa: E731
    assert pairs(one_file) == pairs(two_files)
    code, out, _ = cli(capsys, "analizza", "--revisioni", str(tracked))
    assert code == 0 and "VERSIONE IN VIGORE" in out and "74 articoli" in out and "90 articoli" in out


def test_correggi_docx_keeps_formatting(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import docx

    def write(text: str, path: Path) -> None:
        document = docx.Document()
        for line in text.splitlines():
            paragraph = document.add_paragraph()
            run = paragraph.add_run(line)
            run.bold = line.startswith("Art.")
        document.save(str(path))

    old_docx, new_docx, fixed = tmp_path / "vecchio.docx", tmp_path / "nuovo.docx", tmp_path / "corretto.docx"
    write(MENDRISIO_OLD.read_text(encoding="utf-8"), old_docx)
    write(MENDRISIO_NEW.read_text(encoding="utf-8"), new_docx)
    code, _, err = cli(capsys, "rinvii", str(new_docx), "--vecchio", str(old_docx), "--correggi", "-o", str(fixed))
    assert code == 1 and "corretto" in err and str(fixed) in err
    paragraphs = docx.Document(str(fixed)).paragraphs
    texts = [p.text for p in paragraphs]
    assert any("art. 31 cpv. 4." in t for t in texts) and not any("art. 31 cpv. 5" in t for t in texts)
    assert [p.runs[0].bold for p in paragraphs if p.text.startswith("Art.")] == [True, True]
    assert len(texts) == len(docx.Document(str(new_docx)).paragraphs)
