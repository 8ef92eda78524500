"""The messaggio as a document a council can receive: placeholders of «rodiff nuovo» stop the
command (or, with --bozza, are highlighted in yellow), sentences that depend on data written
only when true, counts that read as counts, the dispositivo kept with the signatures, the
worked example of corpus/vacallo, PDF out."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from rodiff.align import align
from rodiff.messaggio import build_messaggio, read_messaggio_data, render_messaggio
from rodiff.messaggio.build import placeholders
from rodiff.parse import parse_file

from .conftest import CORPUS, cli
from .support.libreoffice import require_soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLD, NEW = CORPUS / "vacallo" / "rod-1991.txt", CORPUS / "vacallo" / "rod-nuovo.txt"
EXAMPLE = CORPUS / "vacallo" / "messaggio.yaml"


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A folder made by «rodiff nuovo», with the Vacallo texts and messaggio.yaml as written."""
    folder = tmp_path / "revisione"
    assert cli(capsys, "nuovo", str(folder))[0] == 0
    (folder / "regolamento-in-vigore.txt").write_bytes(OLD.read_bytes())
    (folder / "regolamento-proposto.txt").write_bytes(NEW.read_bytes())
    return folder


def test_unfilled_placeholders_stop_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_folder(tmp_path, capsys))
    code, _, err = cli(capsys, "messaggio")
    assert code == 2 and "Traceback" not in err
    for field in ("scopo", "temi[1].commento", "firmatari.sindaco", "firmatari.segretario", "comune"):
        assert f"- {field} (ora:" in err, field
    assert "«Nome Cognome»" in err and "--bozza" in err
    assert not Path("output").exists()


def test_bozza_highlights_the_placeholders_in_yellow(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_folder(tmp_path, capsys))
    code, _, err = cli(capsys, "messaggio", "--bozza")
    assert code == 0, err
    assert "Campo da completare in messaggio.yaml: firmatari.sindaco" in " ".join(err.split())
    body = _body(Path("output") / "messaggio.docx")
    marked = [
        "".join(run.itertext()) for run in body.iter(f"{W}r") if run.find(f"{W}rPr/{W}highlight[@{W}val='yellow']") is not None
    ]
    assert marked.count("Nome Cognome") == 2
    assert "Scriva qui lo scopo della revisione." in marked and "Spieghi qui le ragioni delle modifiche." in marked
    texts = "".join(body.itertext())
    assert "r i s o l v e r e" in texts  # the rest as usual


def test_the_worked_example_has_no_placeholder() -> None:
    assert placeholders(read_messaggio_data(EXAMPLE)) == ()


def test_osservazioni_sentence_only_when_every_change_has_one() -> None:
    alignment = align(parse_file(OLD), parse_file(NEW))
    data = read_messaggio_data(EXAMPLE)
    sentence = "dove la colonna «Osservazioni» ne indica il motivo"
    without = build_messaggio(alignment, data, proposals={})
    assert not without.context()["motivi_completi"]
    assert sentence not in str(render_messaggio(without, "revisione-totale", "md"))
    everywhere = {pair.key: "Motivo." for pair in alignment.pairs if pair.status != "unchanged"}
    complete = build_messaggio(alignment, data, notes=everywhere, proposals={})
    assert complete.context()["motivi_completi"]
    assert sentence in str(render_messaggio(complete, "revisione-totale", "md"))


def test_counts_read_as_counts() -> None:
    alignment = align(parse_file(OLD), parse_file(NEW))
    text = str(render_messaggio(build_messaggio(alignment, read_messaggio_data(EXAMPLE)), "revisione-totale", "md"))
    assert "65 articoli rinumerati" in text and "Articoli rinumerati: 65" not in text


@pytest.mark.parametrize("template", ["revisione-parziale", "revisione-totale"])
def test_dispositivo_and_signatures_keep_together_in_the_templates(template: str) -> None:
    body = _body(Path(__file__).resolve().parents[1] / "templates" / "messaggio" / f"{template}.docx")
    paragraphs = list(body.iter(f"{W}p"))
    texts = ["".join(p.itertext()) for p in paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("Nel mentre vi proponiamo"))
    end = texts.index("PER IL MUNICIPIO")
    for paragraph, text in zip(paragraphs[start : end + 1], texts[start : end + 1], strict=True):
        if text.startswith("{%p"):
            continue  # a docxtpl tag: the paragraph disappears
        assert paragraph.find(f"{W}pPr/{W}keepNext") is not None, text
        assert paragraph.find(f"{W}pPr/{W}keepLines") is not None, text
    signatures = body.findall(f".//{W}tbl")[-1]
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in signatures.iter(f"{W}tr"))


def test_messaggio_pdf_keeps_dispositivo_and_signatures_on_one_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Printed by LibreOffice: "r i s o l v e r e", the points and the signatures on one page."""
    require_soffice()
    import pdfplumber

    target = tmp_path / "messaggio.pdf"
    code, _, err = cli(
        capsys, "messaggio", str(OLD), str(NEW), "--dati", str(EXAMPLE), "--modello", "revisione-parziale", "-o", str(target)
    )
    assert code == 0, err
    with pdfplumber.open(target) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    with_dispositivo = [i for i, text in enumerate(pages) if "r i s o l v e r e" in text]
    assert len(with_dispositivo) == 1
    page = pages[with_dispositivo[0]]
    assert "PER IL MUNICIPIO" in page and "Marco Rizza" in page and "Filippo Pezzati" in page
