"""End-to-end tests of the command line on the real corpus, and every kind of bad input.

Most tests call ``rodiff.cli.run`` in-process (fast); a few run the installed command
in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import rodiff.cli
from rodiff.cli import run

from .conftest import CORPUS, cli

VACALLO = CORPUS / "vacallo" / "rod-1991.txt"


def assert_italian_error(err: str, *words: str) -> None:
    assert err.startswith("Errore: ")
    assert "Traceback" not in err
    for word in words:
        assert word in err


# ----------------------------------------------------------------------------- results


def test_analizza_outline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "analizza", str(VACALLO))
    assert code == 0
    assert "74 articoli" in out
    assert "Art. 12    Assenze prevedibili" in out
    assert "manca l'articolo 9" in out
    assert "nessun file scritto" in err


def test_analizza_json_is_stable_and_typed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "analizza", str(VACALLO), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["type"] == "document" and data["schema_version"] == 1
    assert data["counts"]["articles"] == 74
    types: set[str] = set()

    def walk(node: dict[str, object]) -> None:
        types.add(str(node["type"]))
        assert "source" in node and "id" in node
        for child in node.get("children", []):  # type: ignore[attr-defined]
            walk(child)

    for node in data["body"]:
        walk(node)
    assert types == {"division", "article", "paragraph", "item", "table"}
    first_article = data["body"][0]["children"][0]
    assert first_article["number"] == {"raw": "1", "normalised": "1"}
    assert first_article["source"]["start"] == 5


def test_formato_json_equals_json_flag(capsys: pytest.CaptureFixture[str]) -> None:
    _, long_form, _ = cli(capsys, "analizza", str(VACALLO), "--formato", "json")
    _, short_form, _ = cli(capsys, "analizza", str(VACALLO), "--json")
    assert long_form == short_form


def test_analizza_akn_writes_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "vacallo.xml"
    code, out, err = cli(capsys, "analizza", str(VACALLO), "--formato", "akn", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_bytes().startswith(b"<?xml")
    assert str(target) in err


def test_akn_default_goes_to_output_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "analizza", str(VACALLO), "--formato", "akn")
    assert code == 0
    assert (tmp_path / "output" / "rod-1991.akn.xml").is_file()
    assert "output/rod-1991.akn.xml" in err


def test_existing_output_needs_sovrascrivi(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("vecchio", encoding="utf-8")
    code, _, err = cli(capsys, "analizza", str(VACALLO), "--json", "-o", str(target))
    assert code == 2
    assert_italian_error(err, "esiste già", "--sovrascrivi")
    assert target.read_text(encoding="utf-8") == "vecchio"
    code, _, _ = cli(capsys, "analizza", str(VACALLO), "--json", "-o", str(target), "--sovrascrivi")
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["counts"]["articles"] == 74


def test_never_overwrites_the_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "rod.txt"
    shutil.copy(VACALLO, source)
    before = source.read_bytes()
    code, _, err = cli(capsys, "analizza", str(source), "--json", "-o", str(source), "--sovrascrivi")
    assert code == 2
    assert_italian_error(err, "non sovrascrive mai")
    assert source.read_bytes() == before


def test_output_in_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "analizza", str(VACALLO), "--json", "-o", str(tmp_path / "manca" / "x.json"))
    assert code == 2
    assert_italian_error(err, "non esiste")


def test_no_temporary_files_left(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cli(capsys, "analizza", str(VACALLO), "--formato", "akn", "-o", str(tmp_path / "a.xml"))
    assert [p.name for p in tmp_path.iterdir()] == ["a.xml"]


# ----------------------------------------------------------------------------- bad input


def test_wrong_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "analizza", str(tmp_path / "non-esiste.txt"))
    assert code == 2
    assert_italian_error(err, "non-esiste.txt", "non esiste")


def test_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "analizza", str(tmp_path))
    assert code == 2
    assert_italian_error(err, "cartella")


def test_empty_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "vuoto.txt"
    empty.write_bytes(b"")
    code, _, err = cli(capsys, "analizza", str(empty))
    assert code == 2
    assert_italian_error(err, "vuoto.txt", "è vuoto")


def test_blank_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blank = tmp_path / "spazi.txt"
    blank.write_text("  \n\n \t\n", encoding="utf-8")
    code, _, err = cli(capsys, "analizza", str(blank))
    assert code == 2
    assert_italian_error(err, "spazi.txt")


def test_binary_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "immagine.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    code, _, err = cli(capsys, "analizza", str(binary))
    assert code == 2
    assert_italian_error(err, "immagine.txt", "binario")


def test_text_without_articles(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    letter = tmp_path / "lettera.txt"
    letter.write_text("Egregio signor Presidente,\ncon la presente vi informiamo.\n", encoding="utf-8")
    code, _, err = cli(capsys, "analizza", str(letter))
    assert code == 2
    assert_italian_error(err, "lettera.txt", "nessun articolo")


def test_duplicate_article_numbers_exit_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doubled = tmp_path / "doppio.txt"
    doubled.write_text("Art. 1\nScopo\nTesto.\n\nArt. 2\nA\nTesto.\n\nArt. 2\nB\nTesto.\n", encoding="utf-8")
    code, out, err = cli(capsys, "analizza", str(doubled))
    assert code == 1
    assert "compare due volte" in out
    assert "Li corregga nel testo" in err and "Traceback" not in err


def test_huge_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    huge = tmp_path / "enorme.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    code, _, err = cli(capsys, "analizza", str(huge))
    assert code == 2
    assert_italian_error(err, "enorme.txt", "troppo grande", "50 MB")


def test_windows_1252_text_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    latin = tmp_path / "windows.txt"
    latin.write_bytes("Art. 1\nCampo d’applicazione\nIl regolamento è applicabile a tutti i dipendenti.\n".encode("cp1252"))
    code, out, _ = cli(capsys, "analizza", str(latin))
    assert code == 0
    assert "Campo d’applicazione" in out
    assert "windows-1252" in out


def test_corrupt_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "rotto.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    code, _, err = cli(capsys, "analizza", str(broken))
    assert code == 2
    assert_italian_error(err, "rotto.docx", "danneggiato")


def test_password_protected_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    locked = tmp_path / "protetto.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    code, _, err = cli(capsys, "analizza", str(locked))
    assert code == 2
    assert_italian_error(err, "protetto.docx", "password")


def test_fake_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fake = tmp_path / "finto.pdf"
    fake.write_text("non sono un PDF", encoding="utf-8")
    code, _, err = cli(capsys, "analizza", str(fake))
    assert code == 2
    assert_italian_error(err, "finto.pdf", "danneggiato")


def test_truncated_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    truncated = tmp_path / "troncato.pdf"
    truncated.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")
    code, _, err = cli(capsys, "analizza", str(truncated))
    assert code == 2
    assert "Traceback" not in err and "troncato.pdf" in err


# ----------------------------------------------------------------------------- usage


def test_usage_errors_are_italian(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "analizza")
    assert code == 2 and "Manca l'argomento" in err and "Uso:" in err
    code, _, err = cli(capsys, "analizza", str(VACALLO), "--formato", "pdf")
    assert code == 2 and "non è ammesso" in err
    code, _, err = cli(capsys, "analizza", str(VACALLO), "--pippo")
    assert code == 2 and "non esiste" in err
    code, _, err = cli(capsys, "sconosciuto")
    assert code == 2 and "non esiste" in err


def test_help_is_italian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "analizza", "--help")
    assert code == 0
    for english in ("Usage:", "Options:", "Show this message"):
        assert english not in out
    assert "Opzioni:" in out and "--silenzioso" in out


def test_silenzioso_prints_no_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "analizza", str(VACALLO), "--json", "--silenzioso")
    assert code == 0 and err == "" and json.loads(out)


def test_unexpected_error_has_no_traceback(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import rodiff.cli.documento

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(rodiff.cli.documento, "parse_file", explode)
    code, _, err = cli(capsys, "analizza", str(VACALLO))
    assert code == 3 and "Errore imprevisto" in err and "--debug" in err and "Traceback" not in err
    with pytest.raises(RuntimeError):
        run(["analizza", str(VACALLO), "--debug"])


# ----------------------------------------------------------------------------- as a user


def as_user(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed ``rodiff`` command run in ``folder``, its output captured."""
    command = shutil.which("rodiff", path=str(Path(sys.executable).parent))
    assert command is not None, "the console script 'rodiff' is installed with the package"
    return subprocess.run([command, *args], capture_output=True, text=True, cwd=folder, check=False)


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rodiff", "analizza", str(CORPUS / "alto-malcantone" / "rod-2019.txt")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "97 articoli" in result.stdout


def test_console_script_bad_path(tmp_path: Path) -> None:
    result = as_user(tmp_path, "analizza", "manca.txt")
    assert result.returncode == 2
    assert result.stderr.startswith("Errore: ") and "Traceback" not in result.stderr


def test_console_script_leaves_with_every_output_written(tmp_path: Path) -> None:
    """The command skips Python's teardown (``rodiff.cli.leave``): what it printed to a pipe (more
    than a buffer's worth) and the files it wrote are whole, and its message says where."""
    listing = as_user(tmp_path, "analizza", str(VACALLO), "--formato", "json")
    assert listing.returncode == 0, listing.stderr
    assert len(listing.stdout) > 64 * 1024
    assert len(json.loads(listing.stdout)["body"]) > 0
    table = as_user(tmp_path, "confronto", str(VACALLO), str(CORPUS / "vacallo" / "rod-nuovo.txt"), "-o", "c.docx")
    assert table.returncode == 0, table.stderr
    assert "c.docx" in table.stderr
    with zipfile.ZipFile(tmp_path / "c.docx") as package:
        assert package.testzip() is None
        assert b"Testo proposto" in package.read("word/document.xml")
    assert [path.name for path in tmp_path.iterdir()] == ["c.docx"]  # no temporary file left


def test_leave_takes_the_usual_way_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rodiff.cli.threading, "active_count", lambda: 2)
    with pytest.raises(SystemExit) as done:
        rodiff.cli.leave(1)
    assert done.value.code == 1


def test_leave_takes_the_usual_way_when_a_flush_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def flush(self) -> None:
            raise BrokenPipeError

    monkeypatch.setattr(rodiff.cli.threading, "active_count", lambda: 1)
    monkeypatch.setattr(sys, "stdout", Broken())
    with pytest.raises(SystemExit) as done:
        rodiff.cli.leave(0)
    assert done.value.code == 0
