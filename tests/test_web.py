"""rodiff web: every route with Starlette's test client, and every security point of issue 13."""

from __future__ import annotations

import io
import re
import socket
import time
from pathlib import Path

import docx
import pytest
from httpx2 import Response
from starlette.testclient import TestClient

from rodiff.cli import run
from rodiff.web import work
from rodiff.web.app import Settings, create_app
from rodiff.web.command import free_port
from rodiff.web.store import Revision, RevisionStore

VACALLO = Path(__file__).resolve().parent.parent / "corpus" / "vacallo"
ERROR = re.compile(r'class="errore" role="alert">([^<]*)<')


def vacallo_docx(name: str) -> bytes:
    """A Word file of a Vacallo text, one paragraph per line (as a secretary's file would be)."""
    document = docx.Document()
    for line in (VACALLO / name).read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def error_of(html: str) -> str:
    found = ERROR.search(html)
    assert found, "the page shows no error"
    return found.group(1)


class Page:
    """A browser session on a fresh revision root."""

    def __init__(self, root: Path, **settings: object) -> None:
        self.root = root
        self.client = TestClient(create_app(Settings(root=root, **settings)))  # type: ignore[arg-type]
        self.csrf = csrf_of(self.client.get("/").text)

    def create(self, name: str = "prova") -> str:
        response = self.client.post("/revisioni", data={"nome": name, "csrf": self.csrf})
        assert response.status_code == 200, error_of(response.text)
        return response.text

    def upload(self, name: str = "prova", **files: tuple[str, bytes]) -> Response:
        """Post the files, then follow the *Lavoro in corso* page as the browser does until the job ends."""
        return self.finish(self.client.post(f"/revisioni/{name}/testi", data={"csrf": self.csrf}, files=files))

    def store_revision(self, name: str = "prova") -> Revision:
        return RevisionStore(self.root).get(name)

    def finish(self, response: Response) -> Response:
        while response.url.path.endswith("/lavoro"):
            assert "Passo" in response.text and "<progress" in response.text
            time.sleep(0.02)
            response = self.client.get(str(response.url))
        return response


@pytest.fixture
def page(tmp_path: Path) -> Page:
    return Page(tmp_path / "revisioni")


@pytest.fixture
def vacallo(page: Page) -> Page:
    page.create()
    old = ("rod-1991.txt", (VACALLO / "rod-1991.txt").read_bytes())
    new = ("rod-nuovo.txt", (VACALLO / "rod-nuovo.txt").read_bytes())
    response = page.upload(vecchio=old, nuovo=new)
    assert response.status_code == 200
    return page


# ------------------------------------------------------------------------- the list and a new revision


def test_home_lists_revisions_and_sets_security_headers(page: Page) -> None:
    page.create("revisione-2026")
    response = page.client.get("/")
    assert "revisione-2026" in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert (page.root / "revisione-2026" / "messaggio.yaml").is_file()  # the «rodiff nuovo» folder


def test_a_name_with_dot_dot_is_refused_in_italian(page: Page) -> None:
    response = page.client.post("/revisioni", data={"nome": "../fuori", "csrf": page.csrf})
    assert response.status_code == 400
    assert "non si può usare" in error_of(response.text)
    assert not (page.root.parent / "fuori").exists()
    assert page.client.get("/revisioni/..%2F..%2Fetc/testi").status_code in (400, 404)


def test_an_existing_name_is_refused(page: Page) -> None:
    page.create()
    response = page.client.post("/revisioni", data={"nome": "prova", "csrf": page.csrf})
    assert response.status_code == 400
    assert "Esiste già" in error_of(response.text)


# ------------------------------------------------------------------------- cross-site requests


def test_a_form_without_its_csrf_token_is_refused(page: Page) -> None:
    response = page.client.post("/revisioni", data={"nome": "prova"})
    assert response.status_code == 403
    assert "scaduta" in error_of(response.text)
    assert not (page.root / "prova").exists()


def test_the_htmx_header_carries_the_token(page: Page) -> None:
    response = page.client.post("/revisioni", data={"nome": "prova"}, headers={"X-CSRF-Token": page.csrf})
    assert response.status_code == 200


@pytest.mark.parametrize("headers", [{"Origin": "https://example.org"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}])
def test_a_request_from_another_site_is_refused(page: Page, headers: dict[str, str]) -> None:
    response = page.client.post("/revisioni", data={"nome": "prova", "csrf": page.csrf}, headers=headers)
    assert response.status_code == 403
    assert "altro sito" in response.text
    assert not (page.root / "prova").exists()


# ------------------------------------------------------------------------- uploads


def test_an_upload_too_large_is_refused(tmp_path: Path) -> None:
    small = Page(tmp_path, upload_limit=10_000)
    small.create()
    response = small.upload(vecchio=("a.txt", b"Art. 1\n" * 5_000), nuovo=("b.txt", b"Art. 1\n"))
    assert response.status_code == 413
    assert "troppo grande" in response.text


def test_a_wrong_file_type_is_refused_by_content(page: Page) -> None:
    page.create()
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    response = page.upload(vecchio=("rod.txt", picture), nuovo=("rod2.txt", b"Art. 1\nScopo\nTesto."))
    assert "non è un testo leggibile" in error_of(response.text)
    assert not list((page.root / "prova").glob("regolamento-*"))
    assert not list((page.root / "prova").glob(".caricamento-*"))  # the staged copies are removed


def test_a_corrupt_docx_is_refused(page: Page) -> None:
    page.create()
    broken = vacallo_docx("rod-1991.txt")[:4000]
    response = page.upload(vecchio=("ROD.docx", broken), nuovo=("ROD2.docx", broken))
    assert response.status_code == 400
    assert "«ROD.docx»" in error_of(response.text)


def test_user_text_is_escaped(vacallo: Page) -> None:
    form = {**MESSAGGIO_FORM, "comune": "<img src=x onerror=alert(1)>", "csrf": vacallo.csrf}
    response = vacallo.client.post("/revisioni/prova/messaggio", data=form)
    assert response.status_code == 200, error_of(response.text)
    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_one_text_alone_is_not_enough(page: Page) -> None:
    page.create()
    response = page.upload(vecchio=("a.txt", b"Art. 1\nScopo\nTesto."))
    assert response.status_code == 400
    assert "entrambi i testi" in error_of(response.text)


def test_a_docx_pair_is_read_and_its_diagnostics_shown(page: Page) -> None:
    page.create()
    response = page.upload(
        vecchio=("vecchio.docx", vacallo_docx("rod-1991.txt")), nuovo=("nuovo.docx", vacallo_docx("rod-nuovo.txt"))
    )
    text = response.text
    assert "74 articoli letti" in text
    assert "<strong>paragrafo 59</strong>: Numerazione interrotta" in text  # the gap of the 1991 text, with its place
    assert (page.root / "prova" / "regolamento-in-vigore.docx").is_file()


# ------------------------------------------------------------------------- the steps


def test_abbinamento_highlights_renumbering(vacallo: Page) -> None:
    text = vacallo.client.get("/revisioni/prova/abbinamento").text
    row = re.search(r'<tr class="[^"]*rinumerato">\s*<td>Art\. 11</td>\s*<td>.*?Art\. 12</td>', text, re.DOTALL)
    assert row, "old 11 -> new 12 is not shown as renumbered"
    assert "16 nuovi" in text


def test_confronto_page_frames_the_cli_renderer(vacallo: Page) -> None:
    page = vacallo.client.get("/revisioni/prova/confronto?stile=articoli")
    assert page.status_code == 200
    assert 'src="/revisioni/prova/confronto.html?stile=articoli&amp;v=' in page.text
    framed = vacallo.client.get("/revisioni/prova/confronto.html?stile=articoli")
    assert "<table" in framed.text
    assert "script-src" not in framed.headers["content-security-policy"]
    assert framed.headers["content-security-policy"].startswith("default-src 'none'")
    assert vacallo.client.get("/revisioni/prova/confronto?stile=altro").status_code == 400


def test_confronto_downloads(vacallo: Page) -> None:
    response = vacallo.client.get("/revisioni/prova/confronto.docx")
    assert response.headers["content-disposition"].startswith("attachment")
    table = docx.Document(io.BytesIO(response.content)).tables[0]
    assert len(table.columns) == 3
    markdown = vacallo.client.get("/revisioni/prova/confronto.md?stile=frammenti")
    assert markdown.status_code == 200 and "|" in markdown.text


def test_rinvii_page_and_an_empty_choice(vacallo: Page) -> None:
    assert vacallo.client.get("/revisioni/prova/rinvii").status_code == 200
    response = vacallo.client.post("/revisioni/prova/rinvii", data={"csrf": vacallo.csrf})
    assert response.status_code == 400
    assert "Non ha scelto nessuna correzione" in error_of(response.text)


def test_rinvii_applies_the_chosen_corrections(page: Page) -> None:
    page.create()
    old = b"Art. 1\nScopo\nTesto.\n\nArt. 2\nRinvio\nSi applica l'art. 3.\n\nArt. 3\nFine\nUltimo articolo del regolamento.\n"
    new = (
        b"Art. 1\nScopo\nTesto.\n\nArt. 2\nNuovo\nUn articolo del tutto nuovo su altro tema.\n\n"
        b"Art. 3\nRinvio\nSi applica l'art. 3.\n\nArt. 4\nFine\nUltimo articolo del regolamento.\n"
    )
    page.upload(vecchio=("a.txt", old), nuovo=("b.txt", new))
    listing = page.client.get("/revisioni/prova/rinvii").text
    boxes = re.findall(r'name="rinvio" value="([^"]+)"', listing)
    assert boxes, listing
    response = page.client.post("/revisioni/prova/rinvii", data={"csrf": page.csrf, "rinvio": boxes})
    assert response.status_code == 200, error_of(response.text)
    assert "Correzioni applicate" in response.text
    corrected = page.root / "prova" / "output" / "regolamento-proposto-corretto.txt"
    assert "l'art. 4." in corrected.read_text(encoding="utf-8")
    assert page.client.get("/revisioni/prova/file/regolamento-proposto-corretto.txt").status_code == 200
    assert page.client.get("/revisioni/prova/file/..%2F..%2Fmessaggio.yaml").status_code in (400, 404)


def test_revisioni_word_with_author(vacallo: Page) -> None:
    assert vacallo.client.get("/revisioni/prova/revisioni").status_code == 200
    response = vacallo.client.get("/revisioni/prova/revisioni.docx?autore=Cancelleria%20di%20Vacallo")
    assert b'w:author="Cancelleria di Vacallo"' in _document_xml(response.content)


def _document_xml(content: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml")


MESSAGGIO_FIELDS = {  # the messaggio form's required fields for Vacallo; the browser test types them in too
    "comune": "Vacallo",
    "numero": "12",
    "anno": "2024",
    "risoluzione_numero": "100",
    "risoluzione_data": "18.3.2024",
    "entrata_in_vigore": "con l'approvazione del Consiglio di Stato",
    "sindaco": "Anna Rossi",
    "segretario": "Marco Bianchi",
}
MESSAGGIO_FORM = {**MESSAGGIO_FIELDS, "tema_0_titolo": "Telelavoro", "tema_0_articoli": "13"}


def test_messaggio_missing_field_is_refused_with_the_library_message(vacallo: Page) -> None:
    form = {**MESSAGGIO_FORM, "comune": "", "csrf": vacallo.csrf}
    response = vacallo.client.post("/revisioni/prova/messaggio", data=form)
    assert response.status_code == 400
    assert "comune" in error_of(response.text)
    assert "Comune: Esempio" not in (vacallo.root / "prova" / "messaggio.yaml").read_text(encoding="utf-8")


def test_messaggio_saved_shown_and_downloaded(vacallo: Page) -> None:
    response = vacallo.client.post("/revisioni/prova/messaggio", data={**MESSAGGIO_FORM, "csrf": vacallo.csrf})
    assert response.status_code == 200, error_of(response.text)
    assert "Dati del messaggio salvati" in response.text
    assert "comune: Vacallo" in (vacallo.root / "prova" / "messaggio.yaml").read_text(encoding="utf-8")
    assert "dispositivo" in response.text
    document = docx.Document(io.BytesIO(vacallo.client.get("/revisioni/prova/messaggio.docx").content))
    assert "Vacallo" in "\n".join(p.text for p in document.paragraphs)


def test_a_step_without_texts_says_what_to_do(page: Page) -> None:
    page.create()
    response = page.client.get("/revisioni/prova/abbinamento")
    assert response.status_code == 400
    assert "li carichi nel passo «Testi»" in error_of(response.text)


def test_an_unexpected_error_shows_no_traceback(vacallo: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(revision: object) -> None:
        raise ValueError("dettaglio interno")

    monkeypatch.setattr(work, "ready_session", broken)
    response = vacallo.client.get("/revisioni/prova/abbinamento")
    assert response.status_code == 500
    assert "Errore imprevisto (ValueError)" in response.text
    assert "Traceback" not in response.text and "dettaglio interno" not in response.text


def test_an_unknown_revision(page: Page) -> None:
    response = page.client.get("/revisioni/nessuna/confronto")
    assert response.status_code == 400
    assert "non esiste" in error_of(response.text)


# ------------------------------------------------------------------------- the command


def test_a_token_guards_every_request(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(root=tmp_path, token="segreto-molto-lungo-1234")))
    refused = client.get("/")
    assert refused.status_code == 403 and "codice di accesso" in refused.text
    assert client.get("/?token=sbagliato").status_code == 403
    assert client.get("/?token=segreto-molto-lungo-1234").status_code == 200
    assert client.get("/static/rodiff.css").status_code == 200  # the cookie now carries it


def test_web_refuses_another_host_without_token(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["web", "--host", "0.0.0.0", "--no-browser"]) == 2
    assert "--token" in capsys.readouterr().err


def test_free_port_skips_a_busy_one() -> None:
    first = free_port("127.0.0.1", 18765)
    try:
        second = free_port("127.0.0.1", first.getsockname()[1])
        assert second.getsockname()[1] > first.getsockname()[1]
        second.close()
    finally:
        first.close()
    assert isinstance(first, socket.socket)


def test_static_htmx_is_vendored(page: Page) -> None:
    script = page.client.get("/static/htmx.min.js")
    assert script.status_code == 200 and "htmx" in script.text[:200]


def test_one_word_file_with_tracked_changes(page: Page) -> None:
    from tests.support.builders import add_lines, add_revision, new_docx

    document = new_docx()
    add_lines(document, "Art. 1", "Scopo", "Il regolamento vale per i dipendenti.", "Art. 2", "Orario")
    paragraph = document.add_paragraph("L'orario è di ")
    add_revision(paragraph, "del", "42", 1)
    add_revision(paragraph, "ins", "40", 2)
    paragraph.add_run(" ore.")
    stream = io.BytesIO()
    document.save(stream)
    page.create()
    response = page.upload(revisioni=("revisioni.docx", stream.getvalue()))
    assert response.status_code == 200, error_of(response.text)
    assert (page.root / "prova" / "regolamento-con-revisioni.docx").is_file()
    table = page.client.get("/revisioni/prova/abbinamento").text
    assert "modificato" in table
    refused = page.client.post("/revisioni/prova/rinvii", data={"csrf": page.csrf, "rinvio": ["0"]})
    assert refused.status_code in (200, 400)  # no finding here, or the Italian «not with one tracked file»


def test_confronto_pdf_through_libreoffice(vacallo: Page) -> None:
    import os
    import shutil

    if shutil.which("soffice") is None:
        if os.environ.get("RODIFF_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here (RODIFF_REQUIRE_LIBREOFFICE) but not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    response = vacallo.client.get("/revisioni/prova/confronto.pdf?stile=frammenti")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


# ------------------------------------------------------------------------- issue 13, second part


def test_a_pairing_corrected_by_hand_is_kept_and_read_by_the_cli_session(vacallo: Page) -> None:
    import rodiff

    form = {"csrf": vacallo.csrf, "vecchio": "11", "nuovo": "13"}
    response = vacallo.client.post("/revisioni/prova/abbinamento", data=form)
    assert response.status_code == 200, error_of(response.text)
    assert "Abbinamento salvato" in response.text and "abbinato da lei" in response.text
    folder = vacallo.root / "prova"
    assert '"11": "13"' in (folder / "abbinamenti.yaml").read_text(encoding="utf-8")
    session = rodiff.Revisione.from_folder(folder)  # what every command run in the folder opens
    pair = session.alignment.pair_of_new(next(a.eid for a in session.nuovo.articles() if a.number.normalised == "13"))
    assert pair is not None and pair.old_article is not None and pair.old_article.number.normalised == "11"
    table = docx.Document(io.BytesIO(vacallo.client.get("/revisioni/prova/confronto.docx").content)).tables[0]
    assert any(row.cells[1].text.startswith("Art. 11 13\n") for row in table.rows)
    removed = vacallo.client.post("/revisioni/prova/abbinamento", data={"csrf": vacallo.csrf, "azione": "togli", "vecchio": "11"})
    assert removed.status_code == 200 and not (folder / "abbinamenti.yaml").exists()


def test_a_pairing_with_an_unknown_article_is_refused(vacallo: Page) -> None:
    response = vacallo.client.post("/revisioni/prova/abbinamento", data={"csrf": vacallo.csrf, "vecchio": "11", "nuovo": "999"})
    assert response.status_code == 400
    assert "non ha un art. 999" in error_of(response.text)
    assert not (vacallo.root / "prova" / "abbinamenti.yaml").exists()


def test_an_osservazione_is_edited_in_place(vacallo: Page) -> None:
    page = vacallo.client.get("/revisioni/prova/confronto").text
    assert "Adattamento numerazione." in page  # rodiff's proposals are pre-filled
    note = {"csrf": vacallo.csrf, "chiave": "12", "testo": "Adeguato alla prassi.", "stile": "completo"}
    response = vacallo.client.post("/revisioni/prova/osservazioni", data=note, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Osservazione salvata" in response.text
    assert 'hx-swap-oob="true"' in response.text  # the frame is refreshed
    assert '"12": "Adeguato alla prassi."' in (vacallo.root / "prova" / "osservazioni.yaml").read_text(encoding="utf-8")
    table = docx.Document(io.BytesIO(vacallo.client.get("/revisioni/prova/confronto.docx").content)).tables[0]
    noted = [row.cells[1].text.split("\n")[0] for row in table.rows if "Adeguato alla prassi." in row.cells[2].text]
    assert noted == ["Art. 11 12"]  # the heading shows the renumbering
    back = vacallo.client.post("/revisioni/prova/osservazioni", data={**note, "testo": ""})  # without htmx: back to the page
    assert back.status_code == 200 and '"12"' not in (vacallo.root / "prova" / "osservazioni.yaml").read_text(encoding="utf-8")


def _note_row_of(content: bytes, note: str) -> list[str]:
    """The texts of the three cells of the Word table's row that holds ``note`` in its last cell."""
    table = docx.Document(io.BytesIO(content)).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows if note in row.cells[-1].text]
    assert len(rows) == 1, f"{len(rows)} rows hold the note"
    return rows[0]


def test_a_capoverso_note_is_edited_in_place_beside_its_capoverso(vacallo: Page) -> None:
    notes_file = vacallo.root / "prova" / "osservazioni.yaml"
    notes_file.write_text('"12": {cpv 3: "Scritta a mano."}\n', encoding="utf-8")  # by hand, in the file
    page = vacallo.client.get("/revisioni/prova/confronto").text
    box = re.search(r'<label for="(oss-\d+-3)">cpv\. 3 <span class="etichetta">«In caso di necessità[^<]*»</span></label>', page)
    assert box, "no box labelled «cpv. 3» with the capoverso's first words"
    assert re.search(rf'id="{box.group(1)}"[^>]*data-articolo="12" data-capoverso="3"[^>]*>Scritta a mano\.</textarea>', page)
    note = {
        "csrf": vacallo.csrf,
        "chiave": "12",
        "capoverso": "2",
        "testo": "Ripartizione  rivista.\r\nCome per lo Stato.",
        "stile": "completo",
    }
    response = vacallo.client.post("/revisioni/prova/osservazioni", data=note, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Osservazione salvata." in response.text and 'hx-swap-oob="true"' in response.text
    written = notes_file.read_text(encoding="utf-8")
    assert '"12": {"cpv 2": "Ripartizione rivista.\\nCome per lo Stato.", "cpv 3": "Scritta a mano."}' in written
    old, new, beside = _note_row_of(vacallo.client.get("/revisioni/prova/confronto.docx").content, "Ripartizione rivista.")
    assert "La ripartizione sull'arco della settimana" in new.split("\n")[0]  # its capoverso, in the same row
    assert "ripartizione" in old.split("\n")[0]  # the old capoverso at the same height
    assert beside.split("\n") == ["Ripartizione rivista.", "Come per lo Stato."]  # the line break she typed
    assert "Scritta a mano." not in beside  # the capoverso 3 note has its own row
    gone = vacallo.client.post("/revisioni/prova/osservazioni", data={**note, "testo": " "}, headers={"HX-Request": "true"})
    assert "Osservazione tolta." in gone.text
    assert '"12": {"cpv 3": "Scritta a mano."}' in notes_file.read_text(encoding="utf-8")  # hers by hand stays


def test_a_capoverso_note_keeps_the_proposal_shown_for_the_article(vacallo: Page) -> None:
    notes_file = vacallo.root / "prova" / "osservazioni.yaml"
    note = {"csrf": vacallo.csrf, "chiave": "16", "capoverso": "1", "testo": "Precisato.", "stile": "completo"}
    assert vacallo.client.post("/revisioni/prova/osservazioni", data=note).status_code == 200  # without htmx: the page
    written = notes_file.read_text(encoding="utf-8")
    assert '"16": {"articolo": "Adattamento numerazione.", "cpv 1": "Precisato."}' in written
    vacallo.client.post("/revisioni/prova/osservazioni", data={**note, "testo": ""})
    assert '"16"' not in notes_file.read_text(encoding="utf-8")  # only the proposal left: shown as rodiff's again
    page = vacallo.client.get("/revisioni/prova/confronto").text
    assert re.search(r'data-chiave="16">Adattamento numerazione\.</textarea>', page)


def test_a_capoverso_the_article_does_not_have_is_refused_in_italian(vacallo: Page) -> None:
    notes_file = vacallo.root / "prova" / "osservazioni.yaml"
    before = notes_file.read_bytes()
    note = {"csrf": vacallo.csrf, "chiave": "12", "capoverso": "9", "testo": "No.", "stile": "completo"}
    response = vacallo.client.post("/revisioni/prova/osservazioni", data=note, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert error_of(response.text) == "L&#39;art. 12 non ha il cpv. 9: ricarichi la pagina e riprovi."
    assert notes_file.read_bytes() == before  # nothing written


def test_column_labels_reach_the_downloads(vacallo: Page) -> None:
    query = "stile=articoli&etichetta=Oggi&etichetta=Domani"
    assert 'value="Domani"' in vacallo.client.get(f"/revisioni/prova/confronto?{query}").text
    table = docx.Document(io.BytesIO(vacallo.client.get(f"/revisioni/prova/confronto.docx?{query}").content)).tables[0]
    assert [cell.text for cell in table.rows[0].cells][:2] == ["Oggi", "Domani"]
    assert vacallo.client.get("/revisioni/prova/confronto?stile=articoli&etichetta=Oggi&etichetta=").status_code == 400


def test_the_messaggio_file_keeps_its_explanations(vacallo: Page) -> None:
    vacallo.client.post(
        "/revisioni/prova/messaggio", data={**MESSAGGIO_FORM, "premessa": "Riga uno.\r\nRiga due.", "csrf": vacallo.csrf}
    )
    text = (vacallo.root / "prova" / "messaggio.yaml").read_text(encoding="utf-8")
    assert "# Nome del Comune (senza «Comune di»)." in text and "comune: Vacallo" in text
    assert "premessa: |-\n  Riga uno.\n  Riga due.\n" in text
    assert "# modello: revisione-parziale" in text  # an empty field keeps its commented example


def test_a_refused_proposal_leaves_the_texts_in_force_untouched(vacallo: Page) -> None:
    kept = (vacallo.root / "prova" / "regolamento-in-vigore.txt").read_bytes()
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    response = vacallo.upload(vecchio=("altro.txt", b"Art. 1\nScopo\nTesto nuovo."), nuovo=("rod.txt", picture))
    assert "non è un testo leggibile" in error_of(response.text)
    assert (vacallo.root / "prova" / "regolamento-in-vigore.txt").read_bytes() == kept


def test_a_rinvio_that_no_longer_exists_is_not_applied(page: Page) -> None:
    page.create()
    page.upload(
        vecchio=("a.txt", b"Art. 1\nScopo\nSi applica l'art. 2.\n\nArt. 2\nFine\nUltimo.\n"),
        nuovo=("b.txt", b"Art. 1\nScopo\nTesto.\n"),
    )
    response = page.client.post("/revisioni/prova/rinvii", data={"csrf": page.csrf, "rinvio": ["7||art_7|0-6|art. 9"]})
    assert response.status_code == 400
    assert "I testi sono cambiati" in error_of(response.text)
    assert not (page.root / "prova" / "output" / "regolamento-proposto-corretto.txt").exists()


def test_progress_is_polled_and_ends_with_a_redirect(vacallo: Page) -> None:
    state = vacallo.client.get("/revisioni/prova/lavoro/stato?poi=confronto")
    assert state.headers["hx-redirect"] == "/revisioni/prova/confronto"
    assert vacallo.client.get("/revisioni/prova/lavoro?poi=../x").url.path == "/revisioni/prova/testi"
    work.forget(vacallo.store_revision())  # as after a restart: the texts must be read again
    response = vacallo.client.get("/revisioni/prova/abbinamento", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].endswith("/lavoro?poi=abbinamento")
    assert "Art. 12" in vacallo.finish(vacallo.client.get(response.headers["location"])).text


def test_a_letterhead_is_sniffed_kept_and_used(vacallo: Page) -> None:
    from importlib.resources import files

    vacallo.client.post("/revisioni/prova/messaggio", data={**MESSAGGIO_FORM, "csrf": vacallo.csrf})
    url = "/revisioni/prova/carta-intestata"
    refused = vacallo.client.post(url, data={"csrf": vacallo.csrf}, files={"carta": ("carta.docx", b"%PDF-1.4 no")})
    assert refused.status_code == 400 and "non è un documento Word" in error_of(refused.text)
    template = (files("rodiff.templates") / "messaggio" / "revisione-parziale.docx").read_bytes()
    response = vacallo.client.post(url, data={"csrf": vacallo.csrf}, files={"carta": ("Carta Vacallo.docx", template)})
    assert response.status_code == 200 and "usa la carta intestata caricata" in response.text
    assert (vacallo.root / "prova" / "modello" / "carta-intestata.docx").read_bytes() == template
    document = docx.Document(io.BytesIO(vacallo.client.get("/revisioni/prova/messaggio.docx").content))
    assert "Vacallo" in "\n".join(p.text for p in document.paragraphs)
