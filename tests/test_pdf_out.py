"""PDF out (``--formato pdf`` or ``-o x.pdf``) for every document, through LibreOffice
headless, and the output's extension checked against the format."""

from __future__ import annotations

from pathlib import Path

import pytest

from rodiff.errors import OutputError
from rodiff.render.pdf import MISSING, SOFFICE_ENV, docx_to_pdf, find_soffice

from .conftest import CORPUS, cli
from .support.libreoffice import require_soffice

OLD = CORPUS / "mendrisio" / "rod-2006-estratto.txt"
NEW = CORPUS / "mendrisio" / "rod-2018-estratto.txt"


def _is_pdf(path: Path) -> bool:
    return path.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("command", ["confronto", "revisioni"])
def test_the_output_extension_chooses_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    require_soffice()
    target = tmp_path / f"{command}.pdf"
    code, _, err = cli(capsys, command, str(OLD), str(NEW), "-o", str(target))
    assert code == 0, err
    assert _is_pdf(target)


def test_formato_pdf_writes_the_default_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_soffice()
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "--formato", "pdf", "--stile", "articoli")
    assert code == 0, err
    assert _is_pdf(tmp_path / "output" / "confronto.pdf") and "(PDF, stile articoli)" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-o", "y.html", "--formato", "docx"], "scriva -o y.docx, oppure tolga --formato docx per scrivere in formato html"),
        (["-o", "y.txt"], "Dal nome «y.txt» non capisco il formato"),
        (["-o", "y.pdf", "--formato", "md"], "non ha l'estensione del formato md"),
    ],
)
def test_an_extension_that_does_not_match_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), *args)
    assert code == 2 and says in " ".join(err.split())
    assert not list(tmp_path.iterdir())  # nothing written


def test_revisioni_is_word_or_pdf_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "revisioni", str(OLD), str(NEW), "-o", str(tmp_path / "r.html"))
    assert code == 2 and "«r.html»" in err and ".docx, .pdf" in err


def test_without_libreoffice_an_italian_message_and_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "nessun-soffice"))
    assert find_soffice() is None
    with pytest.raises(OutputError, match="serve LibreOffice"):
        docx_to_pdf(b"PK")
    target = tmp_path / "confronto.pdf"
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "-o", str(target))
    assert code == 2 and " ".join(MISSING.split()[:6]) in " ".join(err.split()) and "Traceback" not in err
    assert not target.exists()
