"""rodiff web end to end in a real browser: headless Chromium (Debian's) driven by Selenium.

One walk through the whole flow on the Vacallo pair as Word files (the proposal with one
reference left to the old numbering): create a revision, upload (through the progress page),
see old art. 11 paired with new art. 12, type an osservazione in place, download the Word
table, apply the rinvio fix, fill in the messaggio and download it; the Word files are read
with python-docx. Skipped without Chromium, unless RODIFF_REQUIRE_BROWSER=1 (CI), where it
fails instead. With RODIFF_SCREENSHOTS=1 it saves a screenshot of each step in docs/web-*.png.
"""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from rodiff.web.app import Settings, create_app
from rodiff.web.command import free_port
from tests.test_web import MESSAGGIO_FIELDS, VACALLO, vacallo_docx

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DOCS = Path(__file__).resolve().parent.parent / "docs"
WAIT = 20  # seconds, for any one page


def _require_browser() -> None:
    if Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists():
        return
    if os.environ.get("RODIFF_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium and chromedriver are required here (RODIFF_REQUIRE_BROWSER=1) but not installed")
    pytest.skip("Chromium or chromedriver is not installed")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    listener = free_port("127.0.0.1", 18765)
    app = create_app(Settings(root=tmp_path / "revisioni"))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    instance.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'profilo'}",
    ):
        options.add_argument(argument)
    downloads = tmp_path / "scaricati"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: object, name: str) -> None:
    if os.environ.get("RODIFF_SCREENSHOTS") == "1":
        driver.save_screenshot(str(DOCS / f"web-{name}.png"))  # type: ignore[attr-defined]


def test_the_whole_flow_in_chromium(server: str, browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver: Any = browser
    wait = WebDriverWait(driver, WAIT)
    old, new = tmp_path / "ROD in vigore.docx", tmp_path / "ROD proposto.docx"
    old.write_bytes(vacallo_docx("rod-1991.txt"))
    new.write_bytes(_proposal_with_a_stale_reference())

    def click(text: str) -> None:
        driver.find_element(By.XPATH, f"//button[normalize-space()='{text}'] | //a[normalize-space()='{text}']").click()

    def heading(title: str) -> None:
        wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), title))

    driver.get(server + "/")
    wait.until(ec.element_to_be_clickable((By.ID, "nome"))).send_keys("revisione-vacallo")
    _shot(driver, "1-elenco")
    click("Crea la revisione")
    wait.until(ec.presence_of_element_located((By.ID, "vecchio")))

    # 1. the two Word files: the job's progress page, then the reading report
    started = time.perf_counter()
    driver.find_element(By.ID, "vecchio").send_keys(str(old))
    driver.find_element(By.ID, "nuovo").send_keys(str(new))
    click("Carica i due testi")
    wait.until(ec.text_to_be_present_in_element((By.ID, "contenuto"), "90 articoli letti"))
    _shot(driver, "2-testi")

    # 2. the alignment: old 11 is new 12, highlighted
    click("2 Abbinamento")
    cell = wait.until(
        ec.presence_of_element_located(
            (By.XPATH, "//tr[contains(@class, 'rinumerato')][td[1][normalize-space()='Art. 11']]/td[2]")
        )
    )
    assert "Art. 12" in cell.text
    _shot(driver, "3-abbinamento")

    # 3. the table, and an osservazione typed in place
    click("3 Tabella di confronto")
    frame = wait.until(ec.presence_of_element_located((By.ID, "tabella")))
    driver.switch_to.frame(frame)
    wait.until(ec.presence_of_element_located((By.TAG_NAME, "table")))
    elapsed = time.perf_counter() - started
    driver.switch_to.default_content()
    print(f"\nfrom upload to rendered table (Vacallo DOCX pair, in Chromium): {elapsed:.2f} s")
    proposal = driver.find_element(By.CSS_SELECTOR, "textarea[data-chiave='16']")  # old 14, only renumbered
    assert proposal.get_attribute("value") == "Adattamento numerazione."  # rodiff's proposal, pre-filled
    note = driver.find_element(By.CSS_SELECTOR, "textarea[data-chiave='12']")
    note.clear()
    note.send_keys(NOTE)
    note.find_element(By.XPATH, "./following-sibling::button").click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "contenuto"), "Osservazione salvata."))
    driver.switch_to.frame(wait.until(ec.presence_of_element_located((By.ID, "tabella"))))
    wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "table"), NOTE))
    driver.switch_to.default_content()
    _shot(driver, "4-confronto")
    driver.find_element(By.ID, "scarica-word").click()
    table = docx.Document(str(_downloaded(driver.downloads, "confronto-completo.docx"))).tables[0]
    assert [row.cells[1].text.split("\n")[0] for row in table.rows if NOTE in row.cells[2].text] == ["Art. 11 12"]

    # 4. the stale reference, corrected in a copy of the proposal
    click("4 Rinvii e termini")
    heading("Rinvii e termini")
    _shot(driver, "5-rinvii")
    click("Applica le correzioni scelte")
    wait.until(ec.text_to_be_present_in_element((By.ID, "contenuto"), "Correzioni applicate"))
    corrected = driver.find_element(By.PARTIAL_LINK_TEXT, "regolamento-proposto-corretto")
    corrected.click()
    fixed = docx.Document(str(_downloaded(driver.downloads, "regolamento-proposto-corretto.docx")))
    assert STALE_FIXED in "\n".join(paragraph.text for paragraph in fixed.paragraphs)

    # 6. the messaggio: the form, the dispositivo, the Word file
    click("6 Messaggio municipale")
    heading("Messaggio municipale")
    for field, value in MESSAGGIO_FIELDS.items():
        box = driver.find_element(By.ID, field)
        box.clear()
        box.send_keys(value)
    Select(driver.find_element(By.ID, "revisione")).select_by_value("parziale")  # the dispositivo then lists the articles
    click("Salva i dati del messaggio")
    wait.until(ec.text_to_be_present_in_element((By.ID, "contenuto"), "Dati del messaggio salvati"))
    _shot(driver, "6-messaggio")
    driver.find_element(By.ID, "scarica-messaggio").click()
    message = docx.Document(str(_downloaded(driver.downloads, "messaggio.docx")))
    text = "\n".join(paragraph.text for paragraph in message.paragraphs)
    assert "Vacallo" in text and "sono introdotti i nuovi artt. 11, 13, 22" in text  # the dispositivo names them

    violations = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
    assert not violations


NOTE = "Adeguato alla prassi di Vacallo."
STALE = "misure disciplinari previste dall'art. 26."
STALE_FIXED = "misure disciplinari previste dall'art. 29."


def _proposal_with_a_stale_reference() -> bytes:
    """The Vacallo proposal with one reference left to the old numbering (old art. 26 is new art. 29)."""
    text = (VACALLO / "rod-nuovo.txt").read_text(encoding="utf-8")
    assert STALE_FIXED in text
    document = docx.Document()
    for line in text.replace(STALE_FIXED, STALE).splitlines():
        document.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _downloaded(folder: Path, name: str) -> Path:
    target = folder / name
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if target.is_file() and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded: {sorted(p.name for p in folder.iterdir())}")
