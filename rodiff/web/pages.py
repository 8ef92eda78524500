"""The routes: the list of revisions, then one page per step of the secretary's work.

Steps (each page usable alone, reached from the step bar): 1 *Testi* (the two regulations or
one Word file with tracked changes, with the reading diagnostics), 2 *Abbinamento* (with the
pairings corrected by hand), 3 *Tabella di confronto* (with the osservazioni edited in place),
4 *Rinvii e termini*, 5 *Revisioni Word*, 6 *Messaggio municipale*. Every page works without
JavaScript (plain forms, Post/Redirect/Get); htmx (``hx-boost``) makes moving between them a
partial update. Reading and aligning the texts is a job in a thread (``work.start_upload``,
``work.start_reading``): the page *Lavoro in corso* shows its steps, polled by htmx every 500 ms
(refreshed every second without JavaScript), and moves on to the step asked for when it ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from ..compare import STYLES, Style
from ..errors import InputError
from ..italiano import STATUS_LABELS, summary_sentence
from ..render.output import write_atomic
from ..render.pdf import pdf_available
from ..session import Revisione
from ..session.folder import NOTES_FILE
from . import forms, work
from .app import checked_form, page, render, store_of
from .security import DOCUMENT_POLICY_HEADER
from .store import CORRECTED_STEM, Revision, Role, Staged, discard, stage, staging_folder

ROLES: tuple[Role, ...] = ("vecchio", "nuovo", "revisioni")
STEPS = (
    ("testi", "Testi"),
    ("abbinamento", "Abbinamento"),
    ("confronto", "Tabella di confronto"),
    ("rinvii", "Rinvii e termini"),
    ("revisioni", "Revisioni Word"),
    ("messaggio", "Messaggio municipale"),
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA = {"docx": DOCX, "pdf": "application/pdf", "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8"}


def routes() -> list[BaseRoute]:
    base = "/revisioni/{nome}"
    return [
        Route("/", home),
        Route("/revisioni", create, methods=["POST"]),
        Route(base, open_revision),
        Route(f"{base}/testi", texts, methods=["GET", "POST"]),
        Route(f"{base}/lavoro", progress),
        Route(f"{base}/lavoro/stato", progress_state),
        Route(f"{base}/abbinamento", pairing, methods=["GET", "POST"]),
        Route(f"{base}/confronto", confronto),
        Route(f"{base}/osservazioni", note, methods=["POST"]),
        Route(base + "/confronto.{formato}", confronto_file),
        Route(f"{base}/rinvii", rinvii, methods=["GET", "POST"]),
        Route(base + "/file/{file}", output_file),
        Route(f"{base}/revisioni", revisioni),
        Route(f"{base}/revisioni.docx", revisioni_file),
        Route(f"{base}/messaggio", messaggio, methods=["GET", "POST"]),
        Route(f"{base}/carta-intestata", letterhead, methods=["POST"]),
        Route(base + "/messaggio.{formato}", messaggio_file),
    ]


# --------------------------------------------------------------------- the list


@page
async def home(request: Request) -> Response:
    store = store_of(request)
    revisions = await run_in_threadpool(store.list)
    rows = [{"nome": revision.name, "pronta": revision.texts() is not None} for revision in revisions]
    return render(request, "home.html.j2", revisioni=rows, cartella=str(store.root))


@page
async def create(request: Request) -> Response:
    form = await checked_form(request)
    name = str(form.get("nome") or "")
    store = store_of(request)
    try:
        revision = await run_in_threadpool(store.create, name)
    except InputError as error:
        rows = [{"nome": r.name, "pronta": r.texts() is not None} for r in store.list()]
        return render(request, "home.html.j2", 400, revisioni=rows, cartella=str(store.root), errore=error.message, nome=name)
    return _redirect(revision, "testi")


@page
async def open_revision(request: Request) -> Response:
    revision = _revision(request)
    return _redirect(revision, "testi" if revision.texts() is None else "confronto")


# --------------------------------------------------------------------- 1. testi


@page
async def texts(request: Request) -> Response:
    revision = _revision(request)
    if request.method == "POST":
        form = await checked_form(request, max_files=3)
        try:
            staged, staging = await run_in_threadpool(_stage_uploads, revision, form)
        except InputError as error:
            return await _texts_page(request, revision, 400, error.message)
        finally:
            await form.close()
        work.forget(revision)
        work.start_upload(revision, staged, staging)
        return _redirect(revision, "lavoro", "poi=testi")
    return await _texts_page(request, revision)


def _stage_uploads(revision: Revision, form: FormData) -> tuple[list[Staged], Path]:
    """The uploads copied and sniffed (each read once), not yet kept: the job reads them, then keeps both or neither."""
    job = work.job_of(revision)
    if job is not None and not job.done:
        raise InputError("rodiff sta ancora leggendo i testi di questa revisione: attenda che finisca, poi riprovi.")
    given: dict[Role, UploadFile] = {}
    for role in ROLES:
        upload = form.get(role)
        if isinstance(upload, UploadFile) and upload.filename:
            given[role] = upload
    roles: tuple[Role, ...] = ("revisioni",) if "revisioni" in given else ("vecchio", "nuovo")
    if not all(role in given for role in roles):
        raise InputError(
            "Scelga entrambi i testi, il regolamento in vigore e quello proposto, oppure un solo documento Word con le revisioni."
        )
    staging = staging_folder(revision)
    try:
        return [stage(staging, role, given[role].file, given[role].filename or "") for role in roles], staging
    except BaseException:
        discard(staging)
        raise


async def _texts_page(request: Request, revision: Revision, status: int = 200, error: str | None = None) -> Response:
    documents: list[dict[str, Any]] = []
    job = work.job_of(revision)
    failed = job.error if job is not None and job.done else None
    if revision.texts() is not None:
        session = await _session(revision, "testi", start=failed is None)
        if isinstance(session, Response):
            return session
        if session is not None:
            labels = ("Regolamento in vigore", "Regolamento proposto")
            pair = (session.vecchio, session.nuovo)
            documents = [work.reading_report(label, document) for label, document in zip(labels, pair, strict=True)]
    texts = revision.texts()
    names = [path.name for path in texts if path is not None] if texts else []
    context = {"documenti": documents, "file": names, "errore": error or failed}
    return render(request, "testi.html.j2", status, **_step(revision, "testi"), **context)


# --------------------------------------------------------------------- lavoro in corso


@page
async def progress(request: Request) -> Response:
    revision = _revision(request)
    after = _after(request)
    job = work.job_of(revision)
    if job is None or job.done:
        return _redirect(revision, "testi" if job is not None and job.error else after)
    context: dict[str, Any] = {"stato": job.snapshot(), "poi": after, "lavoro": True}
    return render(request, "lavoro.html.j2", **_step(revision, after), **context)


@page
async def progress_state(request: Request) -> Response:
    """The progress fragment htmx polls; when the job ends, htmx is told to go to the next page."""
    revision = _revision(request)
    after = _after(request)
    job = work.job_of(revision)
    if job is None or job.done:
        target = "testi" if job is not None and job.error else after
        return Response(status_code=200, headers={"HX-Redirect": f"/revisioni/{quote(revision.name)}/{target}"})
    base = f"/revisioni/{quote(revision.name)}"
    return render(request, "avanzamento.html.j2", stato=job.snapshot(), poi=after, base=base)


def _after(request: Request) -> str:
    after = request.query_params.get("poi", "testi")
    return after if after in dict(STEPS) else "testi"


async def _session(revision: Revision, step: str, start: bool = True) -> Revisione | Response | None:
    """The revision's session when its texts are read; else the *Lavoro in corso* page, reading them
    in a thread (or None, when ``start`` is False: a reading that failed is not started again by itself)."""
    if revision.texts() is None:
        raise InputError(work.TEXTS_MISSING)
    job = work.job_of(revision)
    if job is not None and not job.done:
        return _redirect(revision, "lavoro", f"poi={step}")
    session = await run_in_threadpool(work.ready_session, revision)
    if session is not None:
        return session
    if not start:
        return None
    if job is not None and job.error and step != "testi":
        raise InputError(job.error)
    work.start_reading(revision)
    return _redirect(revision, "lavoro", f"poi={step}")


async def _ready(revision: Revision, step: str) -> Revisione | Response:
    found = await _session(revision, step)
    assert found is not None  # started when not ready
    return found


# --------------------------------------------------------------------- 2. abbinamento


@page
async def pairing(request: Request) -> Response:
    revision = _revision(request)
    session = await _ready(revision, "abbinamento")
    if isinstance(session, Response):
        return session
    if request.method == "POST":
        form = await checked_form(request)
        try:
            if form.get("azione") == "togli":
                await run_in_threadpool(work.remove_pairing, revision, session, str(form.get("vecchio") or ""))
            else:
                old, new = str(form.get("vecchio") or ""), str(form.get("nuovo") or "")
                await run_in_threadpool(work.save_pairing, revision, session, old, new)
        except InputError as error:
            return await _pairing_page(request, revision, session, 400, error.message)
        return _redirect(revision, "abbinamento", "salvato=1")
    return await _pairing_page(request, revision, session)


async def _pairing_page(
    request: Request, revision: Revision, session: Revisione, status: int = 200, error: str | None = None
) -> Response:
    alignment = await run_in_threadpool(lambda: session.alignment)
    forced = set(session.abbinamenti)
    context: dict[str, Any] = {
        "righe": [work.pairing_row(pair, forced) for pair in alignment.pairs],
        "riepilogo": summary_sentence(alignment.counts()),
        "avviso": session.notice,
        "vecchi": [article.number.normalised for article in session.vecchio.articles()],
        "nuovi": [article.number.normalised for article in session.nuovo.articles()],
        "a_mano": session.abbinamenti,
        "salvato": bool(request.query_params.get("salvato")) and not error,
    }
    return render(request, "abbinamento.html.j2", status, **_step(revision, "abbinamento"), **context, errore=error)


# --------------------------------------------------------------------- 3. confronto


@page
async def confronto(request: Request) -> Response:
    revision = _revision(request)
    style = _style(request)
    session = await _ready(revision, "confronto")
    if isinstance(session, Response):
        return session
    labels = work.labels_of(request.query_params.getlist("etichetta"), style)
    table = await run_in_threadpool(session.confronto, style, labels)
    rows = await run_in_threadpool(work.note_rows, session, style)
    context: dict[str, Any] = {
        **_table_context(revision, style, labels),
        "riepilogo": summary_sentence(table.summary),
        "osservazioni": rows,
        "etichette": table.labels,
        "pdf": pdf_available(),
    }
    return render(request, "confronto.html.j2", **_step(revision, "confronto"), **context)


def _table_context(revision: Revision, style: Style, labels: tuple[str, ...] | None) -> dict[str, Any]:
    """The style, its labels as a query string (for the frame and the downloads) and a version that
    changes with the osservazioni, so that the frame shows them once saved."""
    query = urlencode([("stile", style), *(("etichetta", label) for label in labels or ())])
    notes = revision.folder / NOTES_FILE
    version = notes.stat().st_mtime_ns if notes.is_file() else 0
    return {"stile": style, "stili": STYLES, "query": query, "versione": version}


@page
async def note(request: Request) -> Response:
    """Save one osservazione; to htmx only the article's confirmation and the refreshed frame go back."""
    revision = _revision(request)
    form = await checked_form(request)
    style = _style_of(str(form.get("stile") or "completo"))
    session = await _ready(revision, "confronto")
    if isinstance(session, Response):
        return session
    key, text = str(form.get("chiave") or ""), str(form.get("testo") or "")
    capoverso = str(form.get("capoverso") or "")  # "": the note on the whole article
    labels = work.labels_of([str(value) for value in form.getlist("etichetta")], style)
    htmx = bool(request.headers.get("hx-request"))
    try:
        outcome = await run_in_threadpool(work.save_note, revision, session, key, text, capoverso)
    except InputError as error:
        if htmx:
            return render(request, "osservazione.html.j2", 400, errore=error.message, esito=None)
        raise
    context = _table_context(revision, style, labels)
    if not htmx:
        return _redirect(revision, "confronto", context["query"])
    base = f"/revisioni/{quote(revision.name)}"
    return render(request, "osservazione.html.j2", base=base, esito=outcome, **context)


@page
async def confronto_file(request: Request) -> Response:
    revision = _revision(request)
    formato = request.path_params["formato"]
    if formato not in MEDIA:
        raise InputError(f"Il formato «{formato}» non esiste: la tabella si scarica in Word, PDF, pagina web o Markdown.")
    style = _style(request)
    session = await _ready(revision, "confronto")
    if isinstance(session, Response):
        return session
    labels = work.labels_of(request.query_params.getlist("etichetta"), style)
    content = await run_in_threadpool(work.confronto_document, session, style, formato, labels)
    if formato == "html" and request.query_params.get("scarica") != "1":
        return Response(content, media_type=MEDIA["html"], headers={DOCUMENT_POLICY_HEADER: "1"})
    return _download(content, formato, f"confronto-{style}.{formato}")


def _style(request: Request) -> Style:
    return _style_of(request.query_params.get("stile", "completo"))


def _style_of(style: str) -> Style:
    if style not in STYLES:
        raise InputError(f"Lo stile «{style}» non esiste: scelga completo, articoli o frammenti.")
    return style


# --------------------------------------------------------------------- 4. rinvii e termini


@page
async def rinvii(request: Request) -> Response:
    revision = _revision(request)
    session = await _ready(revision, "rinvii")
    if isinstance(session, Response):
        return session
    findings = await run_in_threadpool(lambda: session.rinvii)
    context: dict[str, Any] = {"gruppi": work.findings_by_article(findings), "termini": work.terms(session)}
    context["correggibili"] = any(finding.fixable for finding in session.rinvii)
    context["esito"] = None
    if request.method == "POST":
        form = await checked_form(request)
        chosen = {str(value) for value in form.getlist("rinvio")}
        try:
            result = await run_in_threadpool(work.apply_chosen, revision, session, chosen)
        except InputError as error:
            return render(request, "rinvii.html.j2", 400, **_step(revision, "rinvii"), **context, errore=error.message)
        context["esito"] = result
    return render(request, "rinvii.html.j2", **_step(revision, "rinvii"), **context)


@page
async def output_file(request: Request) -> Response:
    revision = _revision(request)
    name = request.path_params["file"]
    allowed = {f"{CORRECTED_STEM}{suffix}" for suffix in (".docx", ".txt", ".md")}
    path = revision.output / name
    if name not in allowed or not path.is_file():
        raise InputError(f"Il file «{name}» non c'è tra i risultati di questa revisione.")
    suffix = path.suffix.lstrip(".")
    return _download(path.read_bytes(), suffix if suffix in MEDIA else "md", name)


# --------------------------------------------------------------------- 5. revisioni Word


@page
async def revisioni(request: Request) -> Response:
    revision = _revision(request)
    return render(request, "revisioni.html.j2", **_step(revision, "revisioni"), autore="Cancelleria")


@page
async def revisioni_file(request: Request) -> Response:
    revision = _revision(request)
    author = request.query_params.get("autore", "").strip() or "rodiff"
    if len(author) > 100:
        raise InputError("Il nome dell'autore è troppo lungo: ne scriva uno di al massimo 100 caratteri.")
    session = await _ready(revision, "revisioni")
    if isinstance(session, Response):
        return session
    content = await run_in_threadpool(work.revisions_docx, session, author)
    return _download(content, "docx", "ROD-revisioni.docx")


# --------------------------------------------------------------------- 6. messaggio


@page
async def messaggio(request: Request) -> Response:
    revision = _revision(request)
    data_file = revision.folder / forms.DATA_FILE
    status, error = 200, None
    values = await run_in_threadpool(forms.load_values, data_file)
    if request.method == "POST":
        form = await checked_form(request)
        values = {**forms.values_from_form(form), "altri": values["altri"]}
        try:
            text = forms.to_yaml(values, forms.scaffold())
            await run_in_threadpool(write_atomic, data_file, text, (), True)
        except InputError as error_found:
            status, error = 400, error_found.message
        else:
            return _redirect(revision, "messaggio", "salvato=1")
    context: dict[str, Any] = {
        "valori": values,
        "modelli": forms.template_names(),
        "salvato": request.query_params.get("salvato"),
        "anteprima": None,
        "problema": None,
        "carta": revision.letterhead.is_file(),
    }
    if error is None and revision.texts() is not None:
        session = await _ready(revision, "messaggio")
        if isinstance(session, Response):
            return session
        try:
            context["anteprima"] = await run_in_threadpool(work.messaggio_preview, session)
        except InputError as error_found:
            context["problema"] = error_found.message
    context["pdf"] = pdf_available()
    return render(request, "messaggio.html.j2", status, **_step(revision, "messaggio"), **context, errore=error)


@page
async def messaggio_file(request: Request) -> Response:
    revision = _revision(request)
    formato = request.path_params["formato"]
    if formato not in MEDIA:
        raise InputError(f"Il formato «{formato}» non esiste: il messaggio si scarica in Word, PDF, pagina web o Markdown.")
    session = await _ready(revision, "messaggio")
    if isinstance(session, Response):
        return session
    letterhead = revision.letterhead if revision.letterhead.is_file() else None
    content = await run_in_threadpool(work.messaggio_document, session, formato, letterhead)
    return _download(content, formato, f"messaggio.{formato}")


@page
async def letterhead(request: Request) -> Response:
    """Upload (or remove) the commune's letterhead: a .docx messaggio template kept in the revision folder."""
    revision = _revision(request)
    form = await checked_form(request, max_files=1)
    try:
        if form.get("azione") == "togli":
            revision.letterhead.unlink(missing_ok=True)
            return _redirect(revision, "messaggio")
        upload = form.get("carta")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("Scelga il file Word (.docx) con la carta intestata del Comune.")
        session = await run_in_threadpool(work.ready_session, revision)
        await run_in_threadpool(work.keep_letterhead, revision, session, upload.file, upload.filename)
    except InputError as error:
        return await _message_error(request, revision, error.message)
    finally:
        await form.close()
    return _redirect(revision, "messaggio", "carta=1")


async def _message_error(request: Request, revision: Revision, message: str) -> Response:
    values = await run_in_threadpool(forms.load_values, revision.folder / forms.DATA_FILE)
    context: dict[str, Any] = {"valori": values, "modelli": forms.template_names(), "salvato": None, "anteprima": None}
    context.update(problema=None, carta=revision.letterhead.is_file(), pdf=pdf_available())
    return render(request, "messaggio.html.j2", 400, **_step(revision, "messaggio"), **context, errore=message)


# --------------------------------------------------------------------- helpers


def _revision(request: Request) -> Revision:
    return store_of(request).get(str(request.path_params["nome"]))


def _step(revision: Revision, current: str) -> dict[str, Any]:
    base = f"/revisioni/{quote(revision.name)}"
    steps = [{"numero": n, "nome": name, "titolo": title, "url": f"{base}/{name}"} for n, (name, title) in enumerate(STEPS, 1)]
    title = dict(STEPS)[current]
    return {"revisione": revision.name, "base": base, "passi": steps, "passo": current, "titolo": title, "stati": STATUS_LABELS}


def _redirect(revision: Revision, step: str, query: str = "") -> RedirectResponse:
    url = f"/revisioni/{quote(revision.name)}/{step}" + (f"?{query}" if query else "")
    return RedirectResponse(url, status_code=303)


def _download(content: bytes | str, formato: str, name: str) -> Response:
    disposition = f"attachment; filename=\"{Path(name).name}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=MEDIA[formato], headers={"content-disposition": disposition})
