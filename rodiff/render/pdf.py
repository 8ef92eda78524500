"""PDF out: a Word document rodiff wrote, converted by LibreOffice headless.

rodiff draws its documents once, as Word files; the PDF is LibreOffice's print of that
file (``soffice --headless --convert-to pdf``), so the PDF and the Word file look the same.
Every conversion uses a fresh LibreOffice profile in a temporary folder: a user's settings,
an open LibreOffice window or a lock file of an earlier run cannot get in the way. When
LibreOffice is not installed, or fails, the error says in Italian what to do instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError

TIMEOUT = 300  # seconds: a 2,000-article confronto takes about a minute on a slow office PC
SOFFICE_ENV = "RODIFF_SOFFICE"  # the path of soffice, when it is not on the PATH
# Where the installers put soffice when it is not on the PATH (Windows, macOS).
KNOWN_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
MISSING = (
    "Per il PDF serve LibreOffice, che su questo computer non è stato trovato. Lo installi "
    "(https://it.libreoffice.org, gratuito) oppure usi il formato Word (docx) e salvi il documento "
    f"in PDF da Word. Se LibreOffice è installato in una cartella particolare, ne indichi il programma soffice "
    f"nella variabile d'ambiente {SOFFICE_ENV}."
)


def find_soffice() -> str | None:
    """The LibreOffice program: ``$RODIFF_SOFFICE``, ``soffice``/``libreoffice`` on the PATH, or a known place."""
    given = os.environ.get(SOFFICE_ENV)
    if given:
        return shutil.which(given) or (given if Path(given).is_file() else None)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in KNOWN_PLACES if Path(place).is_file()), None)


def pdf_available() -> bool:
    """True when LibreOffice can make PDF files on this computer."""
    return find_soffice() is not None


def docx_to_pdf(docx: bytes, name: str = "documento", *, timeout: float = TIMEOUT) -> bytes:
    """The PDF of a Word document (bytes), or an ``OutputError`` in Italian saying what to do."""
    soffice = find_soffice()
    if soffice is None:
        raise OutputError(MISSING)
    with tempfile.TemporaryDirectory(prefix="rodiff-pdf-") as work:
        folder = Path(work)
        source = folder / f"{name}.docx"
        source.write_bytes(docx)
        profile = f"-env:UserInstallation={(folder / 'profilo').as_uri()}"
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=True, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as error:
            raise OutputError(
                f"LibreOffice non ha finito il PDF in {round(timeout)} secondi. Chiuda le finestre di LibreOffice aperte "
                "e riprovi, oppure usi il formato Word (docx) e salvi il documento in PDF da Word."
            ) from error
        except (subprocess.SubprocessError, OSError) as error:
            raise OutputError(
                f"LibreOffice non è riuscito a creare il PDF ({type(error).__name__}). Usi il formato Word "
                "(docx) e salvi il documento in PDF da Word."
            ) from error
        target = folder / f"{name}.pdf"
        if not target.is_file():
            raise OutputError("LibreOffice non ha creato il PDF. Usi il formato Word (docx) e salvi il documento in PDF da Word.")
        return target.read_bytes()
