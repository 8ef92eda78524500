"""A revision session: both texts read once, aligned once, every result computed once.

``Revisione`` is what the command line and the web page work on: it holds the text in force
and the proposal (two files, or one Word file with tracked changes), the secretary's
osservazioni and the data of the messaggio, and gives every stage's result as a value
computed on first use and kept: the alignment, the word diffs, rodiff's automatic
osservazioni, the confronto (per style and labels), the rinvii and their corrections, the
renamings and the old terms left behind, the dispositivo and the messaggio.

    >>> from pathlib import Path
    >>> import rodiff
    >>> vacallo = Path(rodiff.__file__).parent.parent / "corpus" / "vacallo"
    >>> revisione = rodiff.Revisione.from_files(vacallo / "rod-1991.txt", vacallo / "rod-nuovo.txt")
    >>> revisione.alignment.counts()["new"]
    16
    >>> revisione.alignment is revisione.alignment  # aligned once
    True
    >>> revisione.proposals["16"]
    'Adattamento numerazione.'
    >>> table = revisione.confronto("articoli")
    >>> table is revisione.confronto("articoli"), table.labels
    (True, ('Versione attuale', 'Proposta di modifica'))
    >>> revisione.rinvii
    []
    >>> revisione.dispositivo.total
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..align import Alignment, align
from ..compare import DEFAULT_LABELS, Style
from ..compare.notes import Osservazioni, as_osservazioni, automatic_note, check_notes, read_notes
from ..compare.versions import swapped_versions
from ..diff import Diffs
from ..errors import InputError
from ..italiano import IDENTICAL_SENTENCE
from ..model import Document
from ..parse import parse_file, read_revision_pair
from .folder import NOTES_FILE

# The messaggio (Jinja2, YAML schema), the references (xref) and the table of the confronto are
# imported by the properties that use them, so that «rodiff confronto» does not pay for the
# first two at start-up, nor «rodiff allinea» or «rodiff rinvii» for the table.
if TYPE_CHECKING:
    from ..compare.table import Confronto
    from ..messaggio import DatiMessaggio, Messaggio
    from ..messaggio.dispositivo import Dispositivo
    from ..xref import Finding, FixResult, Renaming

PageCounter = Callable[[int, int], None]
PAIRINGS_FILE = "abbinamenti.yaml"
TEXT_SUFFIXES = (".docx", ".pdf", ".txt", ".md")
TEXT_STEMS = ("regolamento-in-vigore", "regolamento-proposto")
PDF_NOT_FIXABLE = (
    "Un PDF non si può correggere: applichi le correzioni elencate sopra al documento Word o al testo "
    "da cui è stato creato (rodiff rinvii accetta anche quelli)."
)


class Progress(Protocol):
    """What a session says while it reads: the command line prints it, a web page can show it."""

    def step(self, label: str) -> None:
        """A step begins ("Lettura di «rod.txt»")."""

    def pages(self, label: str) -> PageCounter | None:
        """A page counter for a long read (a PDF), or None."""

    def read(self, document: Document) -> None:
        """A document has been read (its diagnostics are the reading warnings)."""


class Quiet:
    """The progress of a session nobody watches."""

    def step(self, label: str) -> None:
        pass

    def pages(self, label: str) -> PageCounter | None:
        return None

    def read(self, document: Document) -> None:
        pass


@dataclass(frozen=True)
class Sources:
    """The files of a revision: NUOVO None means VECCHIO is one Word file with tracked changes."""

    vecchio: Path
    nuovo: Path | None = None
    osservazioni: Path | None = None
    dati: Path | None = None
    abbinamenti: Path | None = None  # the pairings corrected by hand (PAIRINGS_FILE)

    @classmethod
    def in_folder(cls, folder: Path) -> Sources:
        """The files of a folder made by «rodiff nuovo» (osservazioni and messaggio.yaml if there)."""
        from ..messaggio.data import DATA_FILE  # imported here: «rodiff confronto» needs no messaggio

        vecchio, nuovo = revision_texts(folder)
        notes, data, pairings = folder / NOTES_FILE, folder / DATA_FILE, folder / PAIRINGS_FILE
        existing = [path if path.is_file() else None for path in (notes, data, pairings)]
        return cls(vecchio, nuovo, *existing)

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file read: an output must never be one of them."""
        files = (self.vecchio, self.nuovo, self.dati, self.osservazioni, self.pairings)
        return tuple(path for path in files if path is not None)

    @property
    def pairings(self) -> Path | None:
        """The pairings file given, or ``abbinamenti.yaml`` beside the texts (a revision folder): every command uses it."""
        if self.abbinamenti is not None:
            return self.abbinamenti
        beside = self.vecchio.parent / PAIRINGS_FILE
        return beside if beside.is_file() else None


def revision_texts(folder: Path) -> tuple[Path, Path]:
    """The two regulations of a revision folder: ``regolamento-in-vigore.*`` and ``regolamento-proposto.*``."""
    found = []
    for stem in TEXT_STEMS:
        matches = sorted(path for path in folder.glob(f"{stem}.*") if path.suffix.lower() in TEXT_SUFFIXES)
        if not matches:
            raise InputError(
                f"In questa cartella non trovo «{stem}» (.docx, .pdf, .txt o .md). Ci metta i due testi con questi nomi, "
                "oppure li indichi: rodiff messaggio VECCHIO NUOVO --dati messaggio.yaml"
            )
        found.append(matches[0])
    return found[0], found[1]


def read_document(path: Path, progress: Progress) -> Document:
    """One regulation, its pages counted and its reading warnings reported."""
    document = parse_file(path, progress=progress.pages(f"Lettura di «{path.name}»"))
    progress.read(document)
    return document


def read_texts(vecchio: Path, nuovo: Path | None, progress: Progress) -> tuple[Document, Document]:
    """The two versions: two files, or one Word file with tracked changes (``nuovo`` None)."""
    if nuovo is None:
        progress.step(f"Lettura delle revisioni di «{vecchio.name}»")
        old, new = read_revision_pair(vecchio)
        progress.read(old)
        progress.read(new)
        progress.step("Versione in vigore (revisioni rifiutate) e proposta (revisioni accettate) pronte")
        return old, new
    documents = []
    for path in (vecchio, nuovo):
        progress.step(f"Lettura di «{path.name}»")
        documents.append(read_document(path, progress))
    return documents[0], documents[1]


@dataclass(frozen=True)
class Correction:
    """The proposal with its stale references rewritten: the file's new content, and what was done."""

    content: bytes | str
    result: FixResult
    check: Callable[[Path], None] | None = None  # proves, on the file as written, that only the rewrites changed


def correct(source: Path, document: Document, findings: list[Finding]) -> Correction:
    """Rewrite the fixable findings in ``source`` (the file ``document`` was read from); DOCX keeps its formatting."""
    if document.source_kind == "pdf":
        raise InputError(PDF_NOT_FIXABLE)
    if document.source_kind == "docx":
        from ..xref.fix_docx import apply_fixes_docx, check_rewritten_docx

        corrected, result = apply_fixes_docx(source, findings)
        return Correction(corrected, result, lambda written: check_rewritten_docx(source, written, result.rewrites))
    from ..parse.inputs import read_text
    from ..xref import apply_fixes
    from ..xref.fix import check_rewritten

    original = read_text(source, clean=False).text  # exactly as written: only the rewrites may change
    result = apply_fixes(original, findings)
    return Correction(
        result.text, result, lambda written: check_rewritten(original, read_text(written, clean=False).text, result.rewrites)
    )


class Proposals(Mapping[str, str]):
    """rodiff's automatic osservazioni by pair key ("" where it has none), each computed on first use.

    A table with the secretary's osservazioni asks only for the articles she left blank.
    """

    def __init__(self, alignment: Alignment, diffs: Diffs) -> None:
        self._alignment = alignment
        self._diffs = diffs
        self._kept: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self._kept:
            pair = self._alignment.pair_by_key(key)
            if pair is None:
                raise KeyError(key)
            self._kept[key] = automatic_note(pair, self._diffs)
        return self._kept[key]

    def __iter__(self) -> Iterator[str]:
        return (pair.key for pair in self._alignment.pairs)

    def __len__(self) -> int:
        return len(self._alignment.pairs)


class Revisione:
    """A revision of a regulation: the text in force, the proposal, and every result, computed once.

    ``osservazioni`` maps pair keys (the new article number, "vecchio N" for a repealed
    article) to the secretary's osservazione; ``dati`` is the content of messaggio.yaml;
    ``estratto`` says the texts are extracts (no finding for references to articles they
    do not contain); ``sources`` are the files read, when the texts come from files.
    """

    def __init__(
        self,
        vecchio: Document,
        nuovo: Document,
        *,
        osservazioni: Mapping[str, str] | None = None,
        dati: DatiMessaggio | None = None,
        estratto: bool = False,
        sources: Sources | None = None,
        abbinamenti: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.vecchio = vecchio
        self.abbinamenti = tuple(abbinamenti)
        self.nuovo = nuovo
        self.dati = dati
        self.estratto = estratto
        self.sources = sources
        self._osservazioni = as_osservazioni(osservazioni)  # notes per capoverso kept, if any
        self._confronti: dict[tuple[Style, tuple[str, ...], bool], Confronto] = {}

    @classmethod
    def from_sources(cls, sources: Sources, *, estratto: bool = False, progress: Progress | None = None) -> Revisione:
        """Read the data, the osservazioni, then the two texts (each file once)."""
        dati = _read_data(sources.dati) if sources.dati else None
        notes = read_notes(sources.osservazioni) if sources.osservazioni else None
        pairings = read_pairings(sources.pairings) if sources.pairings else ()
        old, new = read_texts(sources.vecchio, sources.nuovo, progress or Quiet())
        return cls(old, new, osservazioni=notes, dati=dati, estratto=estratto, sources=sources, abbinamenti=pairings)

    @classmethod
    def from_files(
        cls,
        vecchio: Path,
        nuovo: Path | None = None,
        *,
        osservazioni: Path | None = None,
        dati: Path | None = None,
        progress: Progress | None = None,
    ) -> Revisione:
        """The revision of two files, or of one Word file with tracked changes (``nuovo`` None)."""
        return cls.from_sources(Sources(vecchio, nuovo, osservazioni, dati), progress=progress)

    @classmethod
    def from_folder(cls, folder: Path, *, progress: Progress | None = None) -> Revisione:
        """The revision in a folder made by «rodiff nuovo»."""
        return cls.from_sources(Sources.in_folder(folder), progress=progress)

    # ------------------------------------------------------------------ the stages

    @cached_property
    def alignment(self) -> Alignment:
        """The pairs of articles, with the pairings corrected by hand (``abbinamenti``) kept as given."""
        return align(self.vecchio, self.nuovo, self.abbinamenti)

    @cached_property
    def diffs(self) -> Diffs:
        """The word diffs of the alignment, shared by every consumer."""
        return Diffs()

    @cached_property
    def osservazioni(self) -> Osservazioni:
        """The secretary's osservazioni, checked: every key names an article (and capoverso) of the alignment."""
        source = self.sources.osservazioni if self.sources and self.sources.osservazioni else Path(NOTES_FILE)
        check_notes(self._osservazioni, self.alignment, source)
        return self._osservazioni

    @cached_property
    def proposals(self) -> Proposals:
        """rodiff's automatic osservazioni by pair key ("" where it has none)."""
        return Proposals(self.alignment, self.diffs)

    def confronto(self, style: Style = "completo", labels: tuple[str, ...] | None = None, proposals: bool = True) -> Confronto:
        """The comparison table in ``style``, with rodiff's proposals where no osservazione is written."""
        labels = labels or DEFAULT_LABELS[style]
        key = (style, labels, proposals)
        if key not in self._confronti:
            from ..compare.table import build_confronto

            self._confronti[key] = build_confronto(
                self.alignment,
                style,
                self.osservazioni,
                labels,
                proposals=self.proposals if proposals else None,
                diffs=self.diffs,
            )
        return self._confronti[key]

    @cached_property
    def rinvii(self) -> list[Finding]:
        """References of the proposal to check: stale, dangling, pointing to repealed text."""
        from ..xref import check_against

        return check_against(self.vecchio, self.nuovo, self.alignment, partial=self.estratto)

    @cached_property
    def correction(self) -> Correction:
        """The proposal's file with the stale references rewritten."""
        if self.sources is None or self.sources.nuovo is None:
            raise InputError("Le correzioni si scrivono nel file della proposta: la revisione non è stata letta da due file.")
        return correct(self.sources.nuovo, self.nuovo, self.rinvii)

    @cached_property
    def renamings(self) -> list[Renaming]:
        """Terms the revision renamed in several articles ("Aziende municipalizzate" -> "Azienda comunale")."""
        from ..xref import find_renamings

        return find_renamings(self.alignment, diffs=self.diffs)

    @cached_property
    def termini(self) -> list[Finding]:
        """Places of the proposal where a renamed term survives."""
        from ..xref import check_terms

        return check_terms(self.alignment, self.renamings)

    @cached_property
    def dispositivo(self) -> Dispositivo:
        """The dispositivo: with the data of the messaggio when there are (kind of revision, regulation, commune)."""
        from ..messaggio.dispositivo import build_dispositivo

        if self.dati is None:
            return build_dispositivo(self.alignment)
        data = self.dati
        total = None if data.revisione is None else data.revisione == "totale"
        return build_dispositivo(self.alignment, total=total, regulation=data.regolamento, commune=data.comune)

    @cached_property
    def messaggio(self) -> Messaggio:
        """The messaggio municipale, built once from the data, the stages above and the rinvii to check."""
        if self.dati is None:
            from ..messaggio.data import DATA_FILE

            raise InputError(f"Per il messaggio municipale servono i dati del file {DATA_FILE} (vedi «rodiff nuovo»).")
        from ..messaggio import build_messaggio

        return build_messaggio(
            self.alignment,
            self.dati,
            dispositivo=self.dispositivo,
            confronto=self.confronto,
            proposals=self.proposals,
            notes=self.osservazioni,
            renamings=[(renaming.old, renaming.new) for renaming in self.renamings],
            extra_warnings=[f"Rinvio da controllare: {finding.message}" for finding in self.rinvii],
        )

    @cached_property
    def notice(self) -> str | None:
        """A warning about the pair as a whole: the versions' dates in the wrong order (VECCHIO
        more recent than NUOVO), no article in common, or two identical versions."""
        notices = [swapped_versions(self.vecchio, self.nuovo)]
        counts = self.alignment.counts()
        kept = sum(count for status, count in counts.items() if status not in ("new", "repealed"))
        if self.alignment.pairs and kept == 0:
            notices.append(
                "Attenzione: i due testi non hanno nessun articolo in comune. Verifichi di aver indicato "
                "la versione in vigore e la proposta dello stesso regolamento."
            )
        elif self.alignment.is_identical():
            notices.append(IDENTICAL_SENTENCE)
        return "\n".join(notice for notice in notices if notice) or None


def read_pairings(path: Path) -> tuple[tuple[str, str], ...]:
    """The pairings corrected by hand: ``"12": "10b"`` lines (article in force: article of the proposal)."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(
            f"Il file degli abbinamenti «{path.name}» non è leggibile ({type(error).__name__}). "
            'Ogni riga deve essere «"12": "10b"» (articolo in vigore: articolo della proposta); oppure cancelli il file.'
        ) from error
    if data is None:
        return ()
    if not isinstance(data, dict) or not all(isinstance(v, str | int) for v in data.values()):
        raise InputError(
            f'Il file degli abbinamenti «{path.name}» deve contenere righe «"12": "10b"» '
            "(articolo in vigore: articolo della proposta)."
        )
    return tuple((_number(key), _number(value)) for key, value in data.items())


def _number(value: object) -> str:
    """An article number as the alignment names it ("10 b" -> "10b")."""
    return "".join(str(value).split()).lower()


def _read_data(path: Path) -> DatiMessaggio:
    """The data of the messaggio (messaggio.yaml), read with its schema (imported only when there is one)."""
    from ..messaggio import read_messaggio_data

    return read_messaggio_data(path)
