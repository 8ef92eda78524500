"""rodiff web end to end in a real browser: headless Chromium (Debian's) driven by Selenium.

One walk through the flow on the Vacallo pair as Word files: create a revision, upload, see
old art. 11 paired with new art. 12, open the confronto, download the Word table and read it
with python-docx. Skipped without Chromium, unless RODIFF_REQUIRE_BROWSER=1 (CI), where it
fails instead. With RODIFF_SCREENSHOTS=1 it saves a screenshot of each step in docs/web-*.png.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from rodiff.web.app import Settings, create_app
from rodiff.web.command import free_port
from tests.test_web import vacallo_docx

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
    from selenium.webdriver.support.ui import WebDriverWait

    driver: object = browser
    wait = WebDriverWait(driver, WAIT)  # type: ignore[type-var]
    old, new = tmp_path / "ROD in vigore.docx", tmp_path / "ROD proposto.docx"
    old.write_bytes(vacallo_docx("rod-1991.txt"))
    new.write_bytes(vacallo_docx("rod-nuovo.txt"))

    driver.get(server + "/")  # type: ignore[attr-defined]
    name = wait.until(ec.element_to_be_clickable((By.ID, "nome")))
    name.send_keys("revisione-vacallo")
    _shot(driver, "1-elenco")
    driver.find_element(By.XPATH, "//button[normalize-space()='Crea la revisione']").click()  # type: ignore[attr-defined]
    wait.until(ec.presence_of_element_located((By.ID, "vecchio")))

    started = time.perf_counter()
    driver.find_element(By.ID, "vecchio").send_keys(str(old))  # type: ignore[attr-defined]
    driver.find_element(By.ID, "nuovo").send_keys(str(new))  # type: ignore[attr-defined]
    driver.find_element(By.XPATH, "//button[normalize-space()='Carica i due testi']").click()  # type: ignore[attr-defined]
    wait.until(ec.text_to_be_present_in_element((By.ID, "contenuto"), "90 articoli letti"))
    _shot(driver, "2-testi")

    driver.find_element(By.LINK_TEXT, "2 Abbinamento").click()  # type: ignore[attr-defined]
    cell = wait.until(
        ec.presence_of_element_located(
            (By.XPATH, "//tr[contains(@class, 'rinumerato')][td[1][normalize-space()='Art. 11']]/td[2]")
        )
    )
    assert "Art. 12" in cell.text
    _shot(driver, "3-abbinamento")

    driver.find_element(By.LINK_TEXT, "3 Tabella di confronto").click()  # type: ignore[attr-defined]
    frame = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "iframe.documento")))
    driver.switch_to.frame(frame)  # type: ignore[attr-defined]
    wait.until(ec.presence_of_element_located((By.TAG_NAME, "table")))
    elapsed = time.perf_counter() - started
    assert "Art. 12" in driver.find_element(By.TAG_NAME, "table").text  # type: ignore[attr-defined]
    driver.switch_to.default_content()  # type: ignore[attr-defined]
    _shot(driver, "4-confronto")
    print(f"\nfrom upload to rendered table (Vacallo DOCX pair): {elapsed:.2f} s")

    driver.find_element(By.ID, "scarica-word").click()  # type: ignore[attr-defined]
    table = _downloaded(driver.downloads, "confronto-completo.docx")  # type: ignore[attr-defined]
    rows = docx.Document(str(table)).tables[0].rows
    assert len(rows[0].cells) == 3
    assert any("Art. 12" in row.cells[1].text for row in rows)

    for step, shot in (("4 Rinvii e termini", "5-rinvii"), ("6 Messaggio municipale", "6-messaggio")):
        driver.find_element(By.LINK_TEXT, step).click()  # type: ignore[attr-defined]
        wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), step.split(" ", 1)[1]))
        _shot(driver, shot)
    violations = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]  # type: ignore[attr-defined]
    assert not violations


def _downloaded(folder: Path, name: str) -> Path:
    target = folder / name
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if target.is_file() and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded: {sorted(p.name for p in folder.iterdir())}")
