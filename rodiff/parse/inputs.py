"""Opening input files safely: kind by magic bytes, size limits, text encodings.

Every refusal is an ``InputError`` with an Italian message naming the file and saying
what to do. Nothing here writes anything.
"""

from __future__ import annotations

import errno
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from . import patterns as p

# A ROD is 50-300 KB of text; anything far larger is almost surely the wrong file.
MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_PACKAGE_BYTES = 100 * 1024 * 1024  # DOCX and PDF may carry images

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, or an encrypted .docx
RTF_MAGIC = b"{\\rtf"

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
ODF_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument."  # the first entry of every OpenDocument file

MB = 1024 * 1024
# A DOCX is refused before it is read when one of its parts inflates beyond this, or beyond
# this many times its compressed size (a "zip bomb": 2 MB on disk, gigabytes in memory).
DEFAULT_PART_MB = 200
DEFAULT_RATIO = 100
DEFAULT_PDF_PAGES = 1000  # a ROD has 20-80 pages
MAX_PARTS = 5000  # a Word document has a few dozen parts
RATIO_FLOOR = MB  # small parts compress well (styles, numbering): the ratio counts above 1 MB
XML_HEAD = 64 * 1024  # where a DTD would stand: before the root element
DOCTYPES = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


@dataclass(frozen=True)
class Limits:
    """The limits on what rodiff reads; each is named, in its refusal, with the option that raises it."""

    part_mb: int = DEFAULT_PART_MB  # --limite-mb
    ratio: int = DEFAULT_RATIO  # --limite-compressione
    pdf_pages: int = DEFAULT_PDF_PAGES  # --limite-pagine


_LIMITS: ContextVar[Limits | None] = ContextVar("rodiff_limits", default=None)


def current_limits() -> Limits:
    return _LIMITS.get() or Limits()


@contextmanager
def limits(**changes: int | None) -> Iterator[Limits]:
    """Run a block with some limits changed (``None`` keeps the current value)."""
    chosen = replace(current_limits(), **{key: value for key, value in changes.items() if value is not None})
    token = _LIMITS.set(chosen)
    try:
        yield chosen
    finally:
        _LIMITS.reset(token)


@dataclass(frozen=True)
class TextInput:
    text: str
    encoding: str
    cleaned: tuple[str, ...] = ()  # what ``clean_text`` took out, in Italian


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
        if _is_opendocument(path):
            raise InputError(
                f"Il file «{name}» è un documento OpenDocument (.odt, LibreOffice): rodiff legge i documenti Word. "
                "Lo apra in LibreOffice e lo salvi come Word (File > Salva con nome > Word 2007-365 .docx)."
            )
        if not zipfile.is_zipfile(path):
            raise InputError(
                f"Il file «{name}» è danneggiato o incompleto (l'archivio finisce prima del previsto). "
                "Ne chieda una nuova copia, oppure lo apra in Word o LibreOffice e lo salvi di nuovo come .docx."
            )
        if not _is_docx(path):
            raise InputError(
                f"Il file «{name}» è un archivio ZIP ma non un documento Word (.docx) valido. "
                "Lo apra in Word o LibreOffice e lo salvi di nuovo come .docx."
            )
        check_docx_package(path)
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


def read_text(path: Path, clean: bool = True) -> TextInput:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else Windows-1252.

    ``clean``: control characters, invisible format characters (zero-width space, direction
    marks) and stray combining marks are taken out, and ``TextInput.cleaned`` says so in
    Italian. ``clean=False`` gives the text exactly as written (for rewriting the file itself).
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise unreadable(path, error) from error
    text, encoding = _decode_any(path, data)
    if _looks_binary(text):
        raise _binary(path)
    if not text.strip():
        raise InputError(
            f"Il file «{path.name}» contiene solo spazi o righe vuote. Indichi il file con il testo del regolamento."
        )
    if not clean:
        return TextInput(text, encoding)
    text, cleaned = clean_text(text)
    return TextInput(text, encoding, cleaned)


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without control, invisible and stray combining characters, and what was taken out (Italian).

    Line breaks are kept, so line numbers do not move.

    >>> text, notes = clean_text("Art.\\u200b 12\\x00")
    >>> text, len(notes)
    ('Art. 12', 2)
    """
    notes = []
    text, controls = p.CONTROL_CHARACTER.subn(lambda m: " " if m.group() == "\v" else "", text)
    if controls:
        notes.append(f"tolti {controls} caratteri di controllo (per esempio NUL)")
    text, invisible = p.INVISIBLE_CHARACTER.subn("", text)
    if invisible:
        notes.append(f"tolti {invisible} caratteri invisibili (spazi a larghezza zero, segni di direzione del testo)")
    text = unicodedata.normalize("NFC", text)
    text, marks = p.COMBINING_MARK.subn("", text)
    if marks:
        notes.append(f"tolti {marks} accenti staccati dalla lettera (segni combinanti)")
    return text, tuple(notes)


def _decode_any(path: Path, data: bytes) -> tuple[str, str]:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decode(path, data, encoding), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode(path, data, utf16), utf16
    if b"\x00" in data[:4096]:
        raise _binary(path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte of the head is zero (Latin text in UTF-16), else None."""
    head = data[:4096]
    if len(head) < 16 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > half * 0.6 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.6 and odd < half * 0.05:
        return "utf-16-be"
    return None


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
        raise unreadable(path, error) from error


def unreadable(path: Path, error: OSError) -> InputError:
    """An input the system does not let rodiff read, said in Italian (not "Permission denied")."""
    return InputError(f"Il file «{path}» non si può leggere ({os_reason(error)}). {os_advice(error)}")


# What the system says, in Italian, and what to do (errno -> (reason, advice)).
_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("permesso negato", "Controlli i permessi del file e della cartella, o lo copi in una cartella sua."),
    errno.EPERM: ("operazione non permessa", "Controlli i permessi del file e della cartella."),
    errno.ENOENT: ("non esiste", "Controlli il nome e la cartella."),
    errno.ENOTDIR: ("una parte del percorso non è una cartella", "Controlli il percorso."),
    errno.EISDIR: ("è una cartella", "Indichi un file."),
    errno.ENAMETOOLONG: ("nome troppo lungo per il sistema", "Scelga un nome più corto (al massimo 255 caratteri)."),
    errno.ENOSPC: ("disco pieno", "Liberi spazio sul disco e riprovi."),
    errno.EROFS: ("il disco è di sola lettura", "Scelga una cartella in cui si può scrivere."),
    errno.EEXIST: ("esiste già", "Scelga un altro nome, o aggiunga --sovrascrivi."),
    errno.EIO: ("errore del disco", "Controlli il disco o la chiavetta e riprovi."),
}


def os_reason(error: OSError) -> str:
    return _OS_ERRORS.get(error.errno or 0, (error.strerror or "errore del sistema", ""))[0]


def os_advice(error: OSError) -> str:
    return _OS_ERRORS.get(error.errno or 0, ("", "Controlli il percorso e i permessi."))[1]


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


def _is_opendocument(path: Path) -> bool:
    """An OpenDocument file (.odt, .ods...) starts with its uncompressed ``mimetype`` entry."""
    try:
        with path.open("rb") as handle:
            return ODF_MIMETYPE in handle.read(120)
    except OSError:
        return False


def check_docx_package(path: Path) -> None:
    """Refuse a DOCX before reading it: a part that inflates too much (zip bomb), a damaged part
    (bad CRC, unknown compression, encryption), or a DTD (``<!DOCTYPE``, which Word never writes:
    an XXE attempt, and python-docx would write it back as a file Word cannot open).

    Every part is decompressed once, in chunks, so memory stays small whatever the file says.
    """
    chosen = current_limits()
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise InputError(
                    f"Il documento Word «{name}» contiene {len(infos)} parti (un documento ne ha qualche decina): "
                    "non è un documento valido. Lo apra in Word e lo salvi di nuovo come .docx."
                )
            for info in infos:
                _check_part(path, info, chosen)
                _read_part(path, archive, info, chosen)
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
        raise InputError(
            f"Il documento Word «{name}» è danneggiato e non si può leggere ({_zip_reason(error)}). "
            "Provi ad aprirlo in Word o LibreOffice e a salvarlo di nuovo come .docx, o ne chieda una nuova copia."
        ) from error
    except OSError as error:
        raise unreadable(path, error) from error


def _check_part(path: Path, info: zipfile.ZipInfo, chosen: Limits) -> None:
    """The sizes the archive declares, against the limits (reading checks they are true)."""
    if info.file_size > chosen.part_mb * MB:
        raise _too_big(path, info.filename, info.file_size, chosen)
    if info.file_size > RATIO_FLOOR and info.file_size > chosen.ratio * max(info.compress_size, 1):
        raise _too_compressed(path, info.filename, info.file_size / max(info.compress_size, 1), chosen)


def _read_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, chosen: Limits) -> None:
    """Decompress one part in chunks (zipfile checks the CRC at its end); look for a DTD in an XML head."""
    is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    total = 0
    head = b""
    with archive.open(info) as stream:
        while chunk := stream.read(MB):
            total += len(chunk)
            if total > chosen.part_mb * MB:  # zipfile stops at the declared size; never trust it twice
                raise _too_big(path, info.filename, total, chosen)
            if is_xml and len(head) < XML_HEAD:
                head += chunk[: XML_HEAD - len(head)]
    if is_xml and any(doctype in head for doctype in DOCTYPES):
        raise InputError(
            f"Il documento Word «{path.name}» contiene una dichiarazione DTD (<!DOCTYPE> in «{info.filename}»), "
            "che Word non scrive mai: per sicurezza rodiff non lo legge. Lo apra in Word o LibreOffice e lo salvi "
            "di nuovo come .docx."
        )


def _too_big(path: Path, part: str, size: int, chosen: Limits) -> InputError:
    return InputError(
        f"Il documento Word «{path.name}» contiene una parte troppo grande una volta decompressa («{part}»: "
        f"{size / MB:.0f} MB; limite {chosen.part_mb} MB). Un regolamento occupa pochi MB: verifichi di aver scelto "
        f"il file giusto. Se il documento è davvero così, alzi il limite con --limite-mb (per esempio "
        f"rodiff --limite-mb {chosen.part_mb * 4} ...)."
    )


def _too_compressed(path: Path, part: str, ratio: float, chosen: Limits) -> InputError:
    return InputError(
        f"Il documento Word «{path.name}» contiene una parte compressa in modo anomalo («{part}»: {ratio:.0f} volte; "
        f"limite {chosen.ratio}): può essere un file costruito per esaurire la memoria. Se è un documento suo, "
        f"lo salvi di nuovo da Word, oppure alzi il limite con --limite-compressione (per esempio "
        f"rodiff --limite-compressione {chosen.ratio * 10} ...)."
    )


def _zip_reason(error: BaseException) -> str:
    text = str(error)
    if "CRC" in text:
        return "una parte non corrisponde al suo codice di controllo CRC"
    if isinstance(error, NotImplementedError) or "compression" in text:
        return "una parte usa una compressione sconosciuta"
    if "encrypted" in text or "password" in text:
        return "una parte è cifrata"
    if isinstance(error, zlib.error):
        return "i dati compressi sono rovinati"
    return "l'archivio è incompleto o rovinato"


def require_docx(path: Path, role: str = "Il modello") -> None:
    """A file that must be a Word document (a template): readable, a DOCX, within the limits."""
    _check_readable(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise unreadable(path, error) from error
    if not head.startswith(ZIP_MAGIC) or _is_opendocument(path) or not _is_docx(path):
        raise InputError(
            f"{role} «{path.name}» non è un documento Word (.docx). Lo apra in Word o LibreOffice e lo salvi "
            "come documento Word (.docx), poi lo indichi di nuovo."
        )
    _check_size(path, path.stat().st_size, MAX_PACKAGE_BYTES)
    check_docx_package(path)
