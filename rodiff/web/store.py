"""The revisions the page works on: folders in the ``rodiff nuovo`` format, under one root.

A revision is a folder ``ROOT/NAME`` holding ``messaggio.yaml``, ``osservazioni.yaml``,
``LEGGIMI.md`` (made by ``rodiff.session.folder``), the two texts under the names the CLI looks
for (``regolamento-in-vigore.*``, ``regolamento-proposto.*``) or one Word file with tracked
changes (``regolamento-con-revisioni.docx``), and ``output/``. Names are checked before they
become paths, and uploads are kept only when their content is a readable regulation (both
texts, or neither).
"""

from __future__ import annotations

import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from ..errors import InputError
from ..parse.inputs import input_kind
from ..render.output import Output, write_all
from ..session import TEXT_STEMS, TEXT_SUFFIXES
from ..session.folder import create_revision_folder

Role = Literal["vecchio", "nuovo", "revisioni"]
STEMS: dict[Role, str] = {
    "vecchio": TEXT_STEMS[0],  # the names «rodiff messaggio» looks for in a revision folder
    "nuovo": TEXT_STEMS[1],
    "revisioni": "regolamento-con-revisioni",
}
SUFFIXES = {"testo": ".txt", "docx": ".docx", "pdf": ".pdf"}
READABLE_SUFFIXES = TEXT_SUFFIXES
OUTPUT_DIR = "output"
LETTERHEAD = Path("modello") / "carta-intestata.docx"  # its own folder: a template may include only its folder
CORRECTED_STEM = "regolamento-proposto-corretto"

# A revision name: letters (also accented), digits, spaces, "-", "_" and "."; not starting with
# a dot or a space, at most 80 characters. "revisione-2026", "ROD 2024 parziale".
_NAME = re.compile(r"^[^\W_][\w .-]{0,79}$")


@dataclass(frozen=True)
class Revision:
    """One revision folder and what it holds so far."""

    name: str
    folder: Path

    def text(self, role: Role) -> Path | None:
        """The stored text for ``role`` (any of the readable suffixes), or None."""
        for suffix in READABLE_SUFFIXES:
            path = self.folder / f"{STEMS[role]}{suffix}"
            if path.is_file():
                return path
        return None

    def texts(self) -> tuple[Path, Path | None] | None:
        """(in force, proposal) or (tracked DOCX, None); None while the texts are missing."""
        old, new = self.text("vecchio"), self.text("nuovo")
        if old is not None and new is not None:
            return old, new
        tracked = self.text("revisioni")
        return (tracked, None) if tracked is not None else None

    @property
    def output(self) -> Path:
        return self.folder / OUTPUT_DIR

    @property
    def letterhead(self) -> Path:
        """The commune's letterhead (a .docx messaggio template), when uploaded."""
        return self.folder / LETTERHEAD


def check_name(name: str) -> str:
    """The name, stripped, if it can be a folder name; else an Italian ``InputError``."""
    cleaned = name.strip()
    if not cleaned:
        raise InputError("Scriva un nome per la revisione, per esempio «revisione-2026».")
    if ".." in cleaned or not _NAME.match(cleaned):
        raise InputError(
            f"Il nome «{cleaned}» non si può usare: scelga un nome di al massimo 80 caratteri con lettere, cifre, "
            "spazi, trattini e punti, senza «/», «\\» né «..» (per esempio «revisione-2026»)."
        )
    return cleaned


class RevisionStore:
    """The revision folders under ``root`` (created when missing)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def list(self) -> list[Revision]:
        if not self.root.is_dir():
            return []
        folders = [path for path in self.root.iterdir() if path.is_dir() and _NAME.match(path.name) and ".." not in path.name]
        return [Revision(path.name, path) for path in sorted(folders, key=lambda p: p.name.lower())]

    def get(self, name: str) -> Revision:
        folder = self._folder(name)
        if not folder.is_dir():
            raise InputError(f"La revisione «{name}» non esiste (più). Torni all'elenco delle revisioni e la scelga di nuovo.")
        return Revision(folder.name, folder)

    def create(self, name: str) -> Revision:
        folder = self._folder(name)
        self.root.mkdir(parents=True, exist_ok=True)
        if folder.exists():
            raise InputError(f"Esiste già una revisione «{folder.name}». Scelga un altro nome, oppure la apra dall'elenco.")
        create_revision_folder(folder)
        (folder / OUTPUT_DIR).mkdir(exist_ok=True)
        return Revision(folder.name, folder)

    def _folder(self, name: str) -> Path:
        folder = self.root / check_name(name)
        if folder.resolve().parent != self.root.resolve():
            raise InputError(f"Il nome «{name}» non si può usare: indica una cartella fuori da quella delle revisioni.")
        return folder


@dataclass(frozen=True)
class Staged:
    """An upload copied into a staging folder and sniffed, not yet kept."""

    role: Role
    path: Path  # named after the user's file, so that reading errors name a file she knows
    suffix: str  # what its content is: ".docx", ".pdf", ".txt" or ".md"


def staging_folder(revision: Revision) -> Path:
    """A hidden folder for uploads not yet checked; removed by ``discard`` or ``keep``."""
    staging = revision.folder / f".caricamento-{secrets.token_hex(8)}"
    staging.mkdir()
    return staging


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def stage(staging: Path, role: Role, stream: BinaryIO, filename: str) -> Staged:
    """Copy an upload (read once, in chunks) and sniff it by content: ``input_kind`` refuses
    binaries, old .doc, broken DOCX/PDF with an Italian message naming the user's file."""
    shown = Path(filename.replace("\\", "/")).name or "senza nome"
    hint = Path(shown).suffix.lower() if Path(shown).suffix.lower() in READABLE_SUFFIXES else ""
    probe = staging / role / f"{safe_stem(shown)}{hint}"
    probe.parent.mkdir()
    with probe.open("wb") as target:
        shutil.copyfileobj(stream, target, 1024 * 1024)
    if probe.stat().st_size == 0:
        raise InputError(f"Il file «{shown}» è vuoto. Scelga il file che contiene il testo del regolamento.")
    kind = input_kind(probe)
    if role == "revisioni" and kind != "docx":
        raise InputError(
            f"Il file «{shown}» non è un documento Word (.docx): le revisioni (modifiche rilevate) sono solo in Word."
        )
    return Staged(role, probe, ".md" if kind == "testo" and hint == ".md" else SUFFIXES[kind])


def keep(revision: Revision, staged: list[Staged]) -> dict[Role, Path]:
    """Replace the stored texts with the staged ones (all read well: all or nothing), and remove
    the texts of the other kind (a pair replaces a tracked DOCX and vice versa)."""
    others: tuple[Role, ...] = ("vecchio", "nuovo") if staged[0].role == "revisioni" else ("revisioni",)
    kept: dict[Role, Path] = {upload.role: revision.folder / f"{STEMS[upload.role]}{upload.suffix}" for upload in staged}
    # both texts or neither, each written beside its target and moved into place (render.output)
    write_all([Output(kept[upload.role], upload.path.read_bytes()) for upload in staged], overwrite=True)
    for role, target in kept.items():  # the same text kept before in another format ("...in-vigore.pdf")
        for suffix in READABLE_SUFFIXES:
            if (stale := revision.folder / f"{STEMS[role]}{suffix}") != target:
                stale.unlink(missing_ok=True)
    forget_texts(revision, others)
    return kept


def forget_texts(revision: Revision, roles: tuple[Role, ...]) -> None:
    """Remove the stored texts of ``roles`` (a pair replaces a tracked DOCX and vice versa)."""
    for role in roles:
        for suffix in READABLE_SUFFIXES:
            (revision.folder / f"{STEMS[role]}{suffix}").unlink(missing_ok=True)


def safe_stem(name: str) -> str:
    """A harmless file stem for the staging copy: messages then name a file the user knows."""
    stem = re.sub(r"[^\w .-]", "_", Path(name).stem).strip(" .") or "file"
    return stem[:80]
