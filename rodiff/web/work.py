"""The library work behind the page: one revision session per folder, kept while its files stay the same.

Every step asks ``session_for(revision)``: a ``rodiff.Revisione`` that reads the two texts
once, aligns once and caches what it computes, so moving between steps costs nothing. When a
text changes on disk (an upload, the CLI working in the same folder) the texts are read again;
when only ``osservazioni.yaml`` or ``messaggio.yaml`` changes, the documents already read are
reused. The functions here turn the session's values into what a page shows or downloads;
they block, so routes call them in a thread (``run_in_threadpool``).
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, cast

from ..align import ArticlePair, align
from ..compare.notes import Osservazione, entry_yaml, read_notes
from ..errors import InputError, RodiffError
from ..italiano import STATUS_LABELS
from ..messaggio import DATA_FILE, DatiMessaggio, read_messaggio_data
from ..model import Document, Paragraph, capoverso_labels
from ..render.output import write_atomic
from ..render.pdf import docx_to_pdf
from ..session import (
    PAIRINGS_FILE,
    Correction,
    PageCounter,
    Progress,
    Quiet,
    Revisione,
    Sources,
    correct,
    read_pairings,
    read_texts,
)
from ..session.folder import NOTES_FILE
from ..xref import Finding
from .store import CORRECTED_STEM, Revision, Staged, discard, keep, safe_stem, staging_folder

Signature = tuple[tuple[str, int, int], ...]
LOG = logging.getLogger("rodiff.web")
UNEXPECTED = (
    "Errore imprevisto ({name}). Non è colpa sua: riprovi; se si ripete, invii a chi cura rodiff il messaggio "
    "mostrato nella finestra in cui è stato avviato «rodiff web»."
)
TEXTS_MISSING = "Per questo passo servono i testi del regolamento: li carichi nel passo «Testi»."

_lock = threading.Lock()
_documents: dict[Path, tuple[Signature, tuple[Document, Document]]] = {}
_sessions: dict[Path, tuple[Signature, Revisione]] = {}
_jobs: dict[Path, Job] = {}


def session_for(revision: Revision, progress: Progress | None = None) -> Revisione:
    """The session of ``revision``, reading its texts when they changed on disk (blocking: call it in a
    thread); an Italian ``InputError`` while its texts are missing."""
    texts = revision.texts()
    if texts is None:
        raise InputError(TEXTS_MISSING)
    session = ready_session(revision)
    if session is not None:
        return session
    old, new = read_texts(texts[0], texts[1], progress or Quiet())
    with _lock:
        _documents[revision.folder] = (_text_signature(texts), (old, new))
    found = ready_session(revision)
    assert found is not None  # the documents were just kept
    return found


def ready_session(revision: Revision) -> Revisione | None:
    """The session when its texts are already read (cheap: no reading, the alignment computed on use), else None."""
    texts = revision.texts()
    if texts is None:
        return None
    notes, data, pairings = (revision.folder / name for name in (NOTES_FILE, DATA_FILE, PAIRINGS_FILE))
    text_signature = _text_signature(texts)
    signature = text_signature + _signature([notes, data, pairings])
    with _lock:
        cached = _sessions.get(revision.folder)
        if cached is not None and cached[0] == signature:
            return cached[1]
        known = _documents.get(revision.folder)
    if known is None or known[0] != text_signature:
        return None
    sources = Sources(texts[0], texts[1], *(path if path.is_file() else None for path in (notes, data, pairings)))
    session = Revisione(
        *known[1],
        osservazioni=read_notes(notes) if notes.is_file() else None,
        dati=_data_or_none(data),
        sources=sources,
        abbinamenti=read_pairings(pairings) if pairings.is_file() else (),
    )
    with _lock:
        _sessions[revision.folder] = (signature, session)
    return session


def forget(revision: Revision) -> None:
    with _lock:
        _sessions.pop(revision.folder, None)
        _documents.pop(revision.folder, None)


def _text_signature(texts: tuple[Path, Path | None]) -> Signature:
    return _signature([texts[0], *([texts[1]] if texts[1] else [])])


def _data_or_none(path: Path) -> DatiMessaggio | None:
    """The messaggio data when ``messaggio.yaml`` reads well; the messaggio page shows its errors."""
    if not path.is_file():
        return None
    try:
        return read_messaggio_data(path)
    except RodiffError:
        return None


def _signature(paths: list[Path]) -> Signature:
    found = []
    for path in paths:
        stat = path.stat() if path.is_file() else None
        found.append((path.name, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0))
    return tuple(found)


# ----------------------------------------------------------------------- long work, in a thread


@dataclass
class Job:
    """Work on one revision running in a thread; the page polls it. Mutable, changed under ``_lock``."""

    total: int
    steps: list[str] = field(default_factory=list)
    page: tuple[int, int] | None = None  # pages read of a PDF: (done, total)
    done: bool = False
    error: str | None = None

    def snapshot(self) -> dict[str, Any]:
        with _lock:
            return {
                "passi": list(self.steps),
                "fatti": min(len(self.steps), self.total),
                "totale": self.total,
                "pagine": self.page,
                "finito": self.done,
                "errore": self.error,
            }


class JobProgress:
    """The session's ``Progress``: each step and page counted in the job the page shows."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def step(self, label: str) -> None:
        with _lock:
            self.job.steps.append(label)
            self.job.page = None

    def pages(self, label: str) -> PageCounter | None:
        def counted(done: int, total: int) -> None:
            with _lock:
                self.job.page = (done, total)

        return counted

    def read(self, document: Document) -> None:
        pass


STEPS_AFTER_READING = ("Allineamento degli articoli", "Tabella di confronto")


def job_of(revision: Revision) -> Job | None:
    with _lock:
        return _jobs.get(revision.folder)


def start_reading(revision: Revision) -> Job:
    """Read the texts already kept (after a restart, or a change made by the CLI), align, build the table."""
    return _start(revision, lambda progress: _prepare(session_for(revision, progress), progress))


def start_upload(revision: Revision, staged: list[Staged], staging: Path) -> Job:
    """Read the staged uploads; only when every one reads well are they kept (all or nothing); then align."""

    def run(progress: JobProgress) -> None:
        try:
            paths = {upload.role: upload.path for upload in staged}
            old_path = paths.get("revisioni") or paths["vecchio"]
            old, new = read_texts(old_path, paths.get("nuovo"), progress)
            kept = keep(revision, staged)
        finally:
            discard(staging)
        texts = revision.texts()
        assert texts is not None  # just kept
        # the documents read from the staged copies are the ones kept: no second reading
        first, second = kept.get("revisioni") or kept["vecchio"], kept.get("nuovo")
        old = replace(old, source_name=first.name)
        new = replace(new, source_name=(second or first).name)
        with _lock:
            _sessions.pop(revision.folder, None)
            _documents[revision.folder] = (_text_signature(texts), (old, new))
        _prepare(session_for(revision), progress)

    return _start(revision, run, total=2 + len(STEPS_AFTER_READING))


def _prepare(session: Revisione, progress: JobProgress) -> None:
    progress.step(STEPS_AFTER_READING[0])
    session.alignment  # noqa: B018 - computed here, in the job, not in the next request
    progress.step(STEPS_AFTER_READING[1])
    session.confronto("completo")


def _start(revision: Revision, work: Callable[[JobProgress], None], total: int = 4) -> Job:
    with _lock:
        running = _jobs.get(revision.folder)
        if running is not None and not running.done:
            return running
        job = _jobs[revision.folder] = Job(total)

    def run() -> None:
        message: str | None = None
        try:
            work(JobProgress(job))
        except RodiffError as error:
            message = error.message
        except Exception as error:  # the last net: the details go to the terminal, never to the page
            LOG.exception("errore imprevisto nel lavoro sulla revisione %s", revision.name)
            message = UNEXPECTED.format(name=type(error).__name__)
        with _lock:
            job.error, job.done = message, True

    threading.Thread(target=run, name=f"rodiff-{revision.name}", daemon=True).start()
    return job


# ----------------------------------------------------------------------- 1. testi


def reading_report(label: str, document: Document) -> dict[str, Any]:
    """What the page says about one text read: counts and the diagnostics of «analizza», with their place."""
    where = "paragrafo" if document.source_kind == "docx" else "riga"
    notes = [
        {"dove": f"{where} {d.position}" if d.position else "", "testo": d.message, "gravita": d.severity}
        for d in document.diagnostics
    ]
    return {"etichetta": label, "nome": document.source_name, "articoli": len(document.articles()), "avvisi": notes}


# ----------------------------------------------------------------------- 2. abbinamento


def pairing_row(pair: ArticlePair, forced: set[tuple[str, str]]) -> dict[str, Any]:
    old = [article.number.normalised for article in pair.old]
    new = [article.number.normalised for article in pair.new]
    return {
        "vecchio": ", ".join(old),
        "nuovo": ", ".join(new),
        "stato": pair.status,
        "somiglianza": f"{pair.similarity:.2f}".replace(".", ",") if pair.old and pair.new else "",
        "rinumerato": bool(old and new and old != new),
        "a_mano": bool(old and new and (old[0], new[0]) in forced),
    }


PAIRINGS_HEADER = """\
# Abbinamenti corretti a mano (pagina «Abbinamento» di rodiff web): articolo in vigore: articolo della proposta.
# rodiff li tiene così come sono e abbina gli altri articoli dal contenuto; valgono anche per i comandi
# di rodiff lanciati in questa cartella. Per tornare all'abbinamento automatico, cancelli la riga (o il file).
"""


def save_pairing(revision: Revision, session: Revisione, old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Add the pairing old -> new (replacing any other pairing of either article), checked on the texts."""
    if not old or not new:
        raise InputError("Scelga sia l'articolo in vigore sia l'articolo della proposta da abbinare.")
    pairs = (*tuple((o, n) for o, n in session.abbinamenti if o != old and n != new), (old, new))
    align(session.vecchio, session.nuovo, pairs)  # an Italian InputError for an article that does not exist
    _write_pairings(revision, pairs)
    return pairs


def remove_pairing(revision: Revision, session: Revisione, old: str) -> None:
    _write_pairings(revision, tuple((o, n) for o, n in session.abbinamenti if o != old))


def _write_pairings(revision: Revision, pairs: tuple[tuple[str, str], ...]) -> None:
    target = revision.folder / PAIRINGS_FILE
    if not pairs:
        target.unlink(missing_ok=True)
        return
    lines = [f"{json.dumps(old, ensure_ascii=False)}: {json.dumps(new, ensure_ascii=False)}" for old, new in pairs]
    write_atomic(target, PAIRINGS_HEADER + "\n".join(lines) + "\n", (), True)


# ----------------------------------------------------------------------- 3. confronto


def confronto_document(session: Revisione, style: Any, formato: str, labels: tuple[str, ...] | None = None) -> bytes | str:
    """The table in a format, drawn by the same renderers as «rodiff confronto»."""
    from ..render.formats import DOCUMENT_FORMATS

    return DOCUMENT_FORMATS[formato].render_confronto(session.confronto(style, labels))


def note_rows(session: Revisione, style: str) -> list[dict[str, Any]]:
    """One editable osservazione per article of the table (hers when written, else rodiff's proposal),
    and one per capoverso of the article (of the new text; of the old one for a repealed article)."""
    rows = []
    for pair in session.alignment.pairs:
        if style != "completo" and pair.status == "unchanged":
            continue  # the shorter styles show only the articles the revision touches
        entry = session.osservazioni.osservazione(pair.key)
        own = pair.key in session.osservazioni
        old = ", ".join(a.number.normalised for a in pair.old)
        new = ", ".join(a.number.normalised for a in pair.new)
        where = f"Art. {new}" + (f" (era art. {old})" if old and old != new else "") if new else f"Art. {old} in vigore"
        rows.append(
            {
                "chiave": pair.key,
                "articolo": where,
                "stato": STATUS_LABELS[pair.status],
                "testo": entry.articolo if own else session.proposals[pair.key],
                "propria": own,
                "capoversi": _capoverso_boxes(pair, entry.capoversi),
            }
        )
    return rows


def _capoverso_boxes(pair: ArticlePair, notes: Mapping[str, str]) -> list[dict[str, str]]:
    """A box per capoverso, with its first words as a hint. An article of one capoverso gets none
    (its note is the article's) unless a note for that capoverso is already in the file."""
    capoversi = capoversi_of(pair)
    if len(capoversi) < 2 and not notes:
        return []
    return [
        {"numero": number, "inizio": first_words(paragraph), "testo": notes.get(number, "")} for number, paragraph in capoversi
    ]


def capoversi_of(pair: ArticlePair) -> list[tuple[str, Paragraph]]:
    """The capoversi a note can name, in the article's order, each with its number as an osservazione
    writes it (``compare.notes.capoverso_labels``): of the new text, of the old one for a repealed article."""
    article = pair.new[0] if pair.new else pair.old[0]
    label_of = {id(paragraph): number for number, paragraph in capoverso_labels(article).items()}
    return [(label_of[id(paragraph)], paragraph) for paragraph in article.paragraphs if id(paragraph) in label_of]


def first_words(paragraph: Paragraph, count: int = 8) -> str:
    """The opening words of a capoverso (of its first lettera when it opens with one), "…" when cut."""
    text = paragraph.text or (paragraph.items[0].text if paragraph.items else "")
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


NOTES_HEADER = """\
# Osservazioni per la tabella di confronto (terza colonna), scritte nella pagina «Tabella di confronto».
# Chiave: numero del NUOVO articolo; per un articolo abrogato: «vecchio N». Testo tra virgolette.
# Per capoverso: numero: {"articolo": "…", "cpv 2": "…"} (il numero del capoverso nel nuovo testo).
# Gli articoli che non sono qui ricevono la proposta di rodiff («Adattamento numerazione.», ...).
"""
MAX_NOTE = 5000
NoteOutcome = Literal["salvata", "proposta", "tolta"]


def save_note(revision: Revision, session: Revisione, key: str, text: str, capoverso: str = "") -> NoteOutcome:
    """Keep her osservazione of one article, or of one of its capoversi when ``capoverso`` names one.

    «salvata»: kept. «proposta»: an article note left empty or equal to rodiff's proposal is dropped, and
    the proposal is shown again (only while the article has no note per capoverso: then an article note
    stands as written). «tolta»: an empty box removed her note. The other notes in the file, hers
    or written by hand, stay as they are; the file keeps a header and a comment line per article."""
    pair = session.alignment.pair_by_key(key)
    if pair is None:
        raise InputError(f"L'articolo «{key}» non c'è più nella tabella: ricarichi la pagina.")
    if len(text) > MAX_NOTE:
        raise InputError(f"L'osservazione è troppo lunga: ne scriva una di al massimo {MAX_NOTE} caratteri.")
    cleaned = note_lines(text)
    notes = session.osservazioni
    entry = notes.osservazione(key)
    if capoverso:
        entry = _with_capoverso(pair, entry, capoverso, cleaned, session.proposals[key], key in notes)
        outcome: NoteOutcome = "salvata" if cleaned else "tolta"
    elif entry.capoversi:
        entry = replace(entry, articolo=cleaned)
        outcome = "salvata" if cleaned else "tolta"
    else:
        kept = bool(cleaned) and cleaned != session.proposals[key]
        entry = replace(entry, articolo=cleaned if kept else "")
        outcome = "salvata" if kept else "proposta"
    if not entry.capoversi and entry.articolo == session.proposals[key]:
        entry = replace(entry, articolo="")  # the proposal carried for a capoverso's note, now alone: shown as proposal
    entries = {k: v for k, v in notes.entries.items() if k != key}
    if entry.articolo or entry.capoversi:
        entries[key] = entry
    lines = [NOTES_HEADER]
    for other in session.alignment.pairs:
        if other.key in entries:
            lines.append(f"# {STATUS_LABELS[other.status]}")
            lines.append(entry_yaml(other.key, entries[other.key]))
    write_atomic(revision.folder / NOTES_FILE, "\n".join(lines) + "\n", (), True)
    return outcome


def note_lines(text: str) -> str:
    """Her text with its line breaks kept (the table prints them) and the spaces of each line tidied."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _with_capoverso(pair: ArticlePair, entry: Osservazione, number: str, text: str, proposal: str, own: bool) -> Osservazione:
    """The entry with the note of capoverso ``number`` replaced ("" removes it), in the article's order.

    The first note per capoverso of an article shown with rodiff's proposal keeps that proposal as the
    article's note: the table then reads as the page did (a note per capoverso stands for the whole entry)."""
    order = [label for label, _ in capoversi_of(pair)]
    if number not in order:
        article = pair.new[0] if pair.new else pair.old[0]
        raise InputError(f"L'art. {article.number} non ha il cpv. {number}: ricarichi la pagina e riprovi.")
    capoversi = {k: v for k, v in entry.capoversi.items() if k != number}
    if text:
        capoversi[number] = text
    ranked = sorted(capoversi, key=lambda label: order.index(label) if label in order else len(order))
    articolo = entry.articolo if own else proposal
    return Osservazione(articolo, {label: capoversi[label] for label in ranked})


def labels_of(values: list[str], style: Any) -> tuple[str, ...] | None:
    """The column labels typed on the page (None: the style's own); as «--etichette» of the CLI."""
    from ..compare import DEFAULT_LABELS

    cleaned = tuple(" ".join(value.split())[:80] for value in values)
    if not any(cleaned):
        return None
    default = DEFAULT_LABELS[style]
    if len(cleaned) != len(default) or not all(cleaned):
        raise InputError(f"Scriva tutte le {len(default)} intestazioni delle colonne (per esempio «{' | '.join(default)}»).")
    return None if cleaned == default else cleaned


# ----------------------------------------------------------------------- 4. rinvii e termini


def finding_id(finding: Finding) -> str:
    """A stable name of a finding for its checkbox: article, place and text (not its position in the list,
    which changes when the texts change between showing the page and applying)."""
    return f"{finding.article}|{finding.paragraph}|{finding.eid}|{finding.span[0]}-{finding.span[1]}|{finding.text}"


def findings_by_article(findings: list[Finding]) -> list[dict[str, Any]]:
    """The findings grouped by article, each with its stable id (the checkbox value) and suggestion."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        groups.setdefault(finding.article, []).append(
            {
                "id": finding_id(finding),
                "messaggio": finding.message,
                "proposta": finding.suggestion,
                "correggibile": finding.fixable,
            }
        )
    return [{"articolo": article, "rinvii": items} for article, items in groups.items()]


def terms(session: Revisione) -> dict[str, Any]:
    renamings = [{"vecchio": r.old, "nuovo": r.new, "articoli": ", ".join(r.places)} for r in session.renamings]
    return {"ridenominazioni": renamings, "rimasti": [finding.message for finding in session.termini]}


@dataclass(frozen=True)
class Applied:
    """What «Applica le correzioni scelte» did: the file written and each rewrite or refusal."""

    file: str
    corretti: tuple[str, ...]
    non_corretti: tuple[str, ...]


def apply_chosen(revision: Revision, session: Revisione, chosen: set[str]) -> Applied:
    """Write the proposal with the chosen references corrected to ``output/`` (never over the proposal).

    Each chosen id must still name a finding of the texts as they are now: if the proposal changed
    since the page was shown, nothing is written and the page is shown again."""
    if not chosen:
        raise InputError("Non ha scelto nessuna correzione: spunti i rinvii da correggere e riprovi.")
    by_id = {finding_id(finding): finding for finding in session.rinvii}
    if not chosen <= by_id.keys():
        raise InputError(
            "I testi sono cambiati da quando la pagina è stata aperta: alcuni rinvii scelti non ci sono più. "
            "Ho aggiornato l'elenco: controlli le scelte e riprovi."
        )
    sources = session.sources
    if sources is None or sources.nuovo is None:
        raise InputError(
            "Le correzioni si scrivono nel file della proposta: con un solo documento Word con le revisioni non è possibile. "
            "Carichi i due testi separati, oppure corregga i rinvii elencati direttamente in Word."
        )
    findings = [finding for finding in session.rinvii if finding_id(finding) in chosen]
    correction: Correction = correct(sources.nuovo, session.nuovo, findings)
    suffix = ".docx" if session.nuovo.source_kind == "docx" else sources.nuovo.suffix.lower()
    target = revision.output / f"{CORRECTED_STEM}{suffix if suffix in ('.docx', '.md') else '.txt'}"
    revision.output.mkdir(exist_ok=True)
    write_atomic(target, correction.content, inputs=sources.inputs, overwrite=True)
    done = tuple(rewrite.message for rewrite in correction.result.rewrites)
    refused = tuple(f"{finding.message} ({reason})" for finding, reason in correction.result.skipped)
    return Applied(target.name, done, refused)


# ----------------------------------------------------------------------- 5. revisioni Word


def revisions_docx(session: Revisione, author: str) -> bytes:
    from ..render.revisioni_docx import render_revisions_docx

    sources = session.sources
    template = sources.nuovo if sources and sources.nuovo and session.nuovo.source_kind == "docx" else None
    notes = session.osservazioni or None
    return render_revisions_docx(session.alignment, author, commenti=notes, template=template, diffs=session.diffs)


# ----------------------------------------------------------------------- 6. messaggio


def messaggio_preview(session: Revisione) -> dict[str, Any]:
    """The dispositivo and the warnings the page shows before the download."""
    if session.dati is None:
        raise InputError(f"I dati del messaggio ({DATA_FILE}) non sono ancora completi: compili il modulo e lo salvi.")
    message = session.messaggio
    from ..messaggio import dispositivo_points

    return {
        "dispositivo": dispositivo_points(message),
        "avvisi": [str(w) for w in message.avvisi],
        "riepilogo": message.riepilogo,
    }


def messaggio_document(session: Revisione, formato: str, letterhead: Path | None = None) -> bytes | str:
    """The messaggio in a format, from the session's messaggio (built once); Word and PDF on the
    commune's letterhead when one was uploaded (a .docx template, rendered in rodiff's sandbox)."""
    from ..messaggio import Formato, render_messaggio

    if session.dati is None:
        raise InputError(f"I dati del messaggio ({DATA_FILE}) non sono ancora completi: compili il modulo nel passo «Messaggio».")
    template = letterhead if letterhead is not None and formato in ("docx", "pdf") else None
    content = render_messaggio(session.messaggio, template, cast("Formato", "docx" if formato == "pdf" else formato))
    if formato == "pdf":
        return docx_to_pdf(content if isinstance(content, bytes) else content.encode(), "messaggio")
    return content


def keep_letterhead(revision: Revision, session: Revisione | None, stream: Any, filename: str) -> None:
    """Keep an uploaded letterhead once it is a Word file by content and, when the messaggio can be
    built, once the messaggio renders with it (a template error is shown now, not at download)."""
    from ..parse.inputs import input_kind

    shown = Path(filename.replace("\\", "/")).name or "senza nome"
    target = revision.letterhead
    staging = staging_folder(revision)  # never beside the letterhead: "carta-intestata.docx" would be the letterhead itself
    probe = staging / f"{safe_stem(shown)}.docx"  # a template error then names her file
    try:
        with probe.open("wb") as copy:
            shutil.copyfileobj(stream, copy, 1024 * 1024)
        if probe.stat().st_size == 0 or input_kind(probe) != "docx":
            raise InputError(f"Il file «{shown}» non è un documento Word (.docx): la carta intestata va caricata come .docx.")
        if session is not None and session.dati is not None:
            from ..messaggio import render_messaggio

            render_messaggio(session.messaggio, probe, "docx")
        target.parent.mkdir(exist_ok=True)
        write_atomic(target, probe.read_bytes(), (), True)
    finally:
        discard(staging)
