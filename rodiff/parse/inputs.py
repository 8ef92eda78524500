"""Opening input files safely: kind by magic bytes, size limits, text encodings.

Every refusal is an ``InputError`` with an Italian message naming the file and saying
what to do. Nothing here writes anything.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

# A ROD is 50-300 KB of text; anything far larger is almost surely the wrong file.
MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_PACKAGE_BYTES = 100 * 1024 * 1024  # DOCX and PDF may carry images

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, or an encrypted .docx
RTF_MAGIC = b"{\\rtf"

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}


@dataclass(frozen=True)
class TextInput:
    text: str
    encoding: str


def input_kind(path: Path) -> str:
    """ "testo", "docx" or "pdf", from the first bytes (the extension is only a hint)."""
    _check_readable(path)
    with path.open("rb") as handle:
        head = handle.read(8)
    size = path.stat().st_size
    name = path.name
    if size == 0:
        raise InputError(f"Il file «{name}» è vuoto. Indichi il file che contiene il testo del regolamento.")
    if head.startswith(PDF_MAGIC):
        _check_size(path, size, MAX_PACKAGE_BYTES)
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        _check_size(path, size, MAX_PACKAGE_BYTES)
        if not _is_docx(path):
            raise InputError(
                f"Il file «{name}» è un archivio ZIP ma non un documento Word (.docx) valido. "
                "Lo apra in Word o LibreOffice e lo salvi di nuovo come .docx."
            )
        return "docx"
    if head.startswith(OLE_MAGIC):
        raise InputError(
            f"Il file «{name}» è un documento Word protetto da password oppure nel vecchio formato .doc. "
            "Lo apra in Word, tolga la password (File > Informazioni > Proteggi documento) "
            "e lo salvi come .docx."
        )
    if head.startswith(RTF_MAGIC):
        raise InputError(f"Il file «{name}» è in formato RTF. Lo apra in Word o LibreOffice e lo salvi come .docx.")
    if path.suffix.lower() in (".docx", ".pdf"):
        raise InputError(
            f"Il file «{name}» ha l'estensione {path.suffix} ma il suo contenuto non lo è: "
            "forse è danneggiato o incompleto. Provi ad aprirlo e a salvarlo di nuovo, o ne chieda una nuova copia."
        )
    _check_size(path, size, MAX_TEXT_BYTES)
    return "testo"


def read_text(path: Path) -> TextInput:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _binary(path)
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return TextInput(_decode(path, data, encoding), encoding)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    if _looks_binary(text):
        raise _binary(path)
    if not text.strip():
        raise InputError(
            f"Il file «{path.name}» contiene solo spazi o righe vuote. Indichi il file con il testo del regolamento."
        )
    return TextInput(text, encoding)


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"Il file «{path.name}» dichiara la codifica {encoding} ma contiene byte non validi "
            f"(posizione {error.start}). Lo salvi di nuovo come testo UTF-8."
        ) from error


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls > max(8, len(sample) // 100)


def _binary(path: Path) -> InputError:
    return InputError(
        f"Il file «{path.name}» non è un testo leggibile (sembra un file binario). "
        "rodiff legge testo (.txt, .md), documenti Word (.docx) e PDF con testo."
    )


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise InputError(f"Il file «{path}» non esiste. Controlli il nome e la cartella.")
    if path.is_dir():
        raise InputError(f"«{path}» è una cartella, non un file. Indichi il file del regolamento che contiene.")
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise InputError(f"Il file «{path}» non si può leggere ({error.strerror}). Controlli i permessi.") from error


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(
            f"Il file «{path.name}» è troppo grande ({size / 1024 / 1024:.0f} MB; limite {limit // 1024 // 1024} MB). "
            "Un regolamento occupa di solito meno di 1 MB: verifichi di aver scelto il file giusto."
        )


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
