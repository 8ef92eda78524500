"""The library work behind the page: one revision session per folder, kept while its files stay the same.

Every step asks ``session_for(revision)``: a ``rodiff.Revisione`` that reads the two texts
once, aligns once and caches what it computes, so moving between steps costs nothing. When a
text changes on disk (an upload, the CLI working in the same folder) the texts are read again;
when only ``osservazioni.yaml`` or ``messaggio.yaml`` changes, the documents already read are
reused. The functions here turn the session's values into what a page shows or downloads;
they block, so routes call them in a thread (``run_in_threadpool``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..align import ArticlePair
from ..compare.notes import read_notes
from ..errors import InputError, RodiffError
from ..messaggio import DATA_FILE, read_messaggio_data
from ..model import Document
from ..parse import parse_file, read_revision_pair
from ..render.output import write_atomic
from ..session import Correction, Quiet, Revisione, Sources, correct, read_texts
from ..xref import Finding
from .store import CORRECTED_STEM, Revision, Role

NOTES_FILE = "osservazioni.yaml"
Signature = tuple[tuple[str, int, int], ...]

_lock = threading.Lock()
_documents: dict[Path, tuple[Signature, tuple[Document, Document]]] = {}
_sessions: dict[Path, tuple[Signature, Revisione]] = {}


def session_for(revision: Revision) -> Revisione:
    """The cached session of ``revision``; an Italian ``InputError`` while its texts are missing."""
    texts = revision.texts()
    if texts is None:
        raise InputError("Per questo passo servono i testi del regolamento: li carichi nel passo «Testi».")
    old_path, new_path = texts
    notes, data = revision.folder / NOTES_FILE, revision.folder / DATA_FILE
    text_signature = _signature([old_path, *([new_path] if new_path else [])])
    signature = text_signature + _signature([notes, data])
    with _lock:
        cached = _sessions.get(revision.folder)
        if cached is not None and cached[0] == signature:
            return cached[1]
        known = _documents.get(revision.folder)
    if known is not None and known[0] == text_signature:
        old, new = known[1]
    else:
        old, new = read_texts(old_path, new_path, Quiet())
    sources = Sources(old_path, new_path, notes if notes.is_file() else None, data if data.is_file() else None)
    session = Revisione(
        old, new, osservazioni=read_notes(notes) if notes.is_file() else None, dati=_data_or_none(data), sources=sources
    )
    with _lock:
        _documents[revision.folder] = (text_signature, (old, new))
        _sessions[revision.folder] = (signature, session)
    return session


def forget(revision: Revision) -> None:
    with _lock:
        _sessions.pop(revision.folder, None)
        _documents.pop(revision.folder, None)


def check_upload(role: Role) -> Callable[[Path], object]:
    """The reader that must accept an upload before it is kept (the same readers as the CLI)."""

    def check(path: Path) -> object:
        return read_revision_pair(path) if role == "revisioni" else parse_file(path)

    return check


def _data_or_none(path: Path) -> Any:
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


def pairing_row(pair: ArticlePair) -> dict[str, Any]:
    old = [article.number.normalised for article in pair.old]
    new = [article.number.normalised for article in pair.new]
    return {
        "vecchio": ", ".join(old),
        "nuovo": ", ".join(new),
        "stato": pair.status,
        "somiglianza": f"{pair.similarity:.2f}".replace(".", ",") if pair.old and pair.new else "",
        "rinumerato": bool(old and new and old != new),
    }


# ----------------------------------------------------------------------- 3. confronto


def confronto_document(session: Revisione, style: Any, formato: str) -> bytes | str:
    """The table in a format, drawn by the same renderers as «rodiff confronto»."""
    table = session.confronto(style)
    if formato in ("docx", "pdf"):
        from ..render.confronto_docx import render_confronto_docx

        docx = render_confronto_docx(table)
        return docx if formato == "docx" else docx_to_pdf(docx, "confronto")
    if formato == "html":
        from ..render.confronto_html import render_confronto_html

        return render_confronto_html(table)
    from ..render.confronto_md import render_confronto_md

    return render_confronto_md(table)


# ----------------------------------------------------------------------- 4. rinvii e termini


def findings_by_article(findings: list[Finding]) -> list[dict[str, Any]]:
    """The findings grouped by article, each with its index (the checkbox value) and suggestion."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for index, finding in enumerate(findings):
        groups.setdefault(finding.article, []).append(
            {"indice": index, "messaggio": finding.message, "proposta": finding.suggestion, "correggibile": finding.fixable}
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


def apply_chosen(revision: Revision, session: Revisione, chosen: set[int]) -> Applied:
    """Write the proposal with the chosen references corrected to ``output/`` (never over the proposal)."""
    if not chosen:
        raise InputError("Non ha scelto nessuna correzione: spunti i rinvii da correggere e riprovi.")
    sources = session.sources
    if sources is None or sources.nuovo is None:
        raise InputError(
            "Le correzioni si scrivono nel file della proposta: con un solo documento Word con le revisioni non è possibile. "
            "Carichi i due testi separati, oppure corregga i rinvii elencati direttamente in Word."
        )
    findings = [finding for index, finding in enumerate(session.rinvii) if index in chosen]
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
    return render_revisions_docx(session.alignment, author, commenti=notes, template=template)


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


def messaggio_document(session: Revisione, formato: str) -> bytes | str:
    """The messaggio in a format, from the session's messaggio (built once)."""
    from ..messaggio import Formato, render_messaggio

    if session.dati is None:
        raise InputError(f"I dati del messaggio ({DATA_FILE}) non sono ancora completi: compili il modulo nel passo «Messaggio».")
    content = render_messaggio(session.messaggio, None, cast("Formato", "docx" if formato == "pdf" else formato))
    if formato == "pdf":
        return docx_to_pdf(content if isinstance(content, bytes) else content.encode(), "messaggio")
    return content


# ----------------------------------------------------------------------- PDF


def pdf_available() -> bool:
    return shutil.which("soffice") is not None


def docx_to_pdf(docx: bytes, name: str) -> bytes:
    """A PDF of a Word document through LibreOffice (``soffice``), or an Italian ``InputError``."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise InputError("Per il PDF serve LibreOffice, che su questo computer non è installato. Scarichi il documento Word.")
    with tempfile.TemporaryDirectory(prefix="rodiff-pdf-") as work:
        folder = Path(work)
        source = folder / f"{name}.docx"
        source.write_bytes(docx)
        profile = f"-env:UserInstallation={(folder / 'profilo').as_uri()}"
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=180, check=True)
        except (subprocess.SubprocessError, OSError) as error:
            raise InputError(
                f"LibreOffice non è riuscito a creare il PDF ({type(error).__name__}). Scarichi il documento Word."
            ) from error
        target = folder / f"{name}.pdf"
        if not target.is_file():
            raise InputError("LibreOffice non ha creato il PDF. Scarichi il documento Word e lo stampi in PDF da Word.")
        return target.read_bytes()
