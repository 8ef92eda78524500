"""The routes: the list of revisions, then one page per step of the secretary's work.

Steps (each page usable alone, reached from the step bar): 1 *Testi* (the two regulations or
one Word file with tracked changes, with the reading diagnostics), 2 *Abbinamento*, 3 *Tabella
di confronto*, 4 *Rinvii e termini*, 5 *Revisioni Word*, 6 *Messaggio municipale*. Every page
works without JavaScript (plain forms, Post/Redirect/Get); htmx (``hx-boost``) makes moving
between them a partial update with a progress indicator. The library work runs in a thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from ..compare.table import STYLES, Style
from ..errors import InputError
from ..italiano import STATUS_LABELS, summary_sentence
from ..render.output import write_atomic
from . import forms, work
from .app import checked_form, page, render, store_of
from .security import DOCUMENT_POLICY_HEADER
from .store import CORRECTED_STEM, Revision, Role, forget_texts, store_text

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
FORMAT_NAMES = {"docx": "Word", "html": "pagina web", "md": "Markdown", "pdf": "PDF"}


def routes() -> list[BaseRoute]:
    base = "/revisioni/{nome}"
    return [
        Route("/", home),
        Route("/revisioni", create, methods=["POST"]),
        Route(base, open_revision),
        Route(f"{base}/testi", texts, methods=["GET", "POST"]),
        Route(f"{base}/abbinamento", pairing),
        Route(f"{base}/confronto", confronto),
        Route(base + "/confronto.{formato}", confronto_file),
        Route(f"{base}/rinvii", rinvii, methods=["GET", "POST"]),
        Route(base + "/file/{file}", output_file),
        Route(f"{base}/revisioni", revisioni),
        Route(f"{base}/revisioni.docx", revisioni_file),
        Route(f"{base}/messaggio", messaggio, methods=["GET", "POST"]),
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
            await _store_uploads(revision, form.get("vecchio"), form.get("nuovo"), form.get("revisioni"))
        except InputError as error:
            return await _texts_page(request, revision, 400, error.message)
        finally:
            await form.close()
        return _redirect(revision, "testi")
    return await _texts_page(request, revision)


async def _store_uploads(revision: Revision, old: Any, new: Any, tracked: Any) -> None:
    given = {role: upload for role, upload in (("vecchio", old), ("nuovo", new), ("revisioni", tracked)) if _is_file(upload)}
    if "revisioni" in given:
        await _store(revision, "revisioni", given["revisioni"])
        forget_texts(revision, ("vecchio", "nuovo"))
    elif "vecchio" in given and "nuovo" in given:
        await _store(revision, "vecchio", given["vecchio"])
        await _store(revision, "nuovo", given["nuovo"])
        forget_texts(revision, ("revisioni",))
    else:
        raise InputError(
            "Scelga entrambi i testi, il regolamento in vigore e quello proposto, oppure un solo documento Word con le revisioni."
        )
    work.forget(revision)


def _is_file(value: Any) -> bool:
    return isinstance(value, UploadFile) and bool(value.filename)


async def _store(revision: Revision, role: Role, upload: UploadFile) -> None:
    data = await upload.read()
    await run_in_threadpool(store_text, revision, role, data, upload.filename or "", work.check_upload(role))


async def _texts_page(request: Request, revision: Revision, status: int = 200, error: str | None = None) -> Response:
    documents: list[dict[str, Any]] = []
    if revision.texts() is not None:
        session = await run_in_threadpool(work.session_for, revision)
        labels = ("Regolamento in vigore", "Regolamento proposto")
        documents = [
            work.reading_report(label, document) for label, document in zip(labels, (session.vecchio, session.nuovo), strict=True)
        ]
    texts = revision.texts()
    names = [path.name for path in texts if path is not None] if texts else []
    return render(request, "testi.html.j2", status, **_step(revision, "testi"), documenti=documents, file=names, errore=error)


# --------------------------------------------------------------------- 2. abbinamento


@page
async def pairing(request: Request) -> Response:
    revision = _revision(request)
    session = await run_in_threadpool(work.session_for, revision)
    rows = [work.pairing_row(pair) for pair in session.alignment.pairs]
    context: dict[str, Any] = {"righe": rows, "riepilogo": summary_sentence(session.alignment.counts()), "avviso": session.notice}
    return render(request, "abbinamento.html.j2", **_step(revision, "abbinamento"), **context)


# --------------------------------------------------------------------- 3. confronto


@page
async def confronto(request: Request) -> Response:
    revision = _revision(request)
    style = _style(request)
    session = await run_in_threadpool(work.session_for, revision)
    table = await run_in_threadpool(session.confronto, style)
    context: dict[str, Any] = {
        "stile": style,
        "stili": STYLES,
        "riepilogo": summary_sentence(table.summary),
        "pdf": work.pdf_available(),
    }
    return render(request, "confronto.html.j2", **_step(revision, "confronto"), **context)


@page
async def confronto_file(request: Request) -> Response:
    revision = _revision(request)
    formato = request.path_params["formato"]
    if formato not in MEDIA:
        raise InputError(f"Il formato «{formato}» non esiste: la tabella si scarica in Word, PDF, pagina web o Markdown.")
    style = _style(request)
    session = await run_in_threadpool(work.session_for, revision)
    content = await run_in_threadpool(work.confronto_document, session, style, formato)
    if formato == "html" and request.query_params.get("scarica") != "1":
        return Response(content, media_type=MEDIA["html"], headers={DOCUMENT_POLICY_HEADER: "1"})
    return _download(content, formato, f"confronto-{style}.{formato}")


def _style(request: Request) -> Style:
    style = request.query_params.get("stile", "completo")
    if style not in STYLES:
        raise InputError(f"Lo stile «{style}» non esiste: scelga completo, articoli o frammenti.")
    return style


# --------------------------------------------------------------------- 4. rinvii e termini


@page
async def rinvii(request: Request) -> Response:
    revision = _revision(request)
    session = await run_in_threadpool(work.session_for, revision)
    context: dict[str, Any] = {"gruppi": work.findings_by_article(session.rinvii), "termini": work.terms(session)}
    context["correggibili"] = any(finding.fixable for finding in session.rinvii)
    context["esito"] = None
    if request.method == "POST":
        form = await checked_form(request)
        chosen = {int(str(value)) for value in form.getlist("rinvio") if str(value).isdigit()}
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
    session = await run_in_threadpool(work.session_for, revision)
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
            text = forms.to_yaml(values)
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
    }
    if error is None and revision.texts() is not None:
        try:
            session = await run_in_threadpool(work.session_for, revision)
            context["anteprima"] = await run_in_threadpool(work.messaggio_preview, session)
        except InputError as error_found:
            context["problema"] = error_found.message
    context["pdf"] = work.pdf_available()
    return render(request, "messaggio.html.j2", status, **_step(revision, "messaggio"), **context, errore=error)


@page
async def messaggio_file(request: Request) -> Response:
    revision = _revision(request)
    formato = request.path_params["formato"]
    if formato not in MEDIA:
        raise InputError(f"Il formato «{formato}» non esiste: il messaggio si scarica in Word, PDF, pagina web o Markdown.")
    session = await run_in_threadpool(work.session_for, revision)
    content = await run_in_threadpool(work.messaggio_document, session, formato)
    return _download(content, formato, f"messaggio.{formato}")


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
