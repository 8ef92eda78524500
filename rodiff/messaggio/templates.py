"""The templates of the messaggio: where they are, which to use, and the Jinja2 sandbox
that fills them.

rodiff's own templates live in ``templates/messaggio/``, packaged as ``rodiff.templates``
and read through ``importlib.resources``; a commune may also pass its own file
(``--modello FILE``). A template is a ``.docx`` with Jinja2 tags (rendered by docxtpl), or a
``.html.j2`` / ``.md.j2`` text template. Every template, ours or the commune's, runs in an
``ImmutableSandboxedEnvironment`` with ``StrictUndefined``, autoescape for HTML and DOCX,
and a loader confined to the template's own folder and rodiff's templates: a template can
show the variables of ``Messaggio.context()``, never reach Python or read other files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import InputError
from ..italiano import italian_date, join_it, parse_italian_date, swiss_amount
from .build import Messaggio
from .data import DatiMessaggio

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

Formato = Literal["docx", "html", "md"]
FORMATS: tuple[Formato, ...] = ("docx", "html", "md")
TEMPLATE_SUFFIXES: dict[Formato, str] = {"docx": ".docx", "html": ".html.j2", "md": ".md.j2"}

PARTIAL_TEMPLATE = "revisione-parziale"
TOTAL_TEMPLATE = "revisione-totale"

# The opening comment of a text template, whose first line describes it: "{#- Revisione parziale ..."
_DESCRIPTION = re.compile(r"\s*\{#-?\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    description: str
    formats: tuple[Formato, ...]
    folder: Path


def templates_root() -> Path:
    """rodiff's template root: the package ``rodiff.templates`` (``templates/`` in a checkout)."""
    return Path(str(files("rodiff.templates")))


def templates_dir() -> Path:
    """rodiff's own messaggio templates: ``templates/messaggio`` of the package data root."""
    return templates_root() / "messaggio"


def list_templates(folder: Path | None = None) -> list[TemplateInfo]:
    """The templates of a folder (default: rodiff's own), with their formats, by name."""
    folder = folder or templates_dir()
    names: dict[str, list[Formato]] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith(("_", ".", "~$")):
            continue  # partials (_base.html.j2), hidden files, Word lock files
        for formato, suffix in TEMPLATE_SUFFIXES.items():
            if path.name.endswith(suffix):
                names.setdefault(path.name[: -len(suffix)], []).append(formato)
    infos = []
    for name, formats in sorted(names.items()):
        ordered = tuple(f for f in FORMATS if f in formats)
        infos.append(TemplateInfo(name, _description(folder, name, ordered), ordered, folder))
    return infos


def _description(folder: Path, name: str, formats: Sequence[Formato]) -> str:
    """The first line of the text template's opening comment ``{#- descrizione ... #}``."""
    for formato in ("md", "html"):
        if formato in formats:
            match = _DESCRIPTION.match((folder / f"{name}{TEMPLATE_SUFFIXES[formato]}").read_text(encoding="utf-8"))
            if match:
                return match.group(1).rstrip("#}- ").strip()
    if "docx" in formats:
        from docx import Document

        return str(Document(str(folder / f"{name}.docx")).core_properties.subject or "")
    return ""


def resolve_template(
    template: str | Path | None, formato: Formato, data: DatiMessaggio | None = None, total: bool = False
) -> Path:
    """A template name ("revisione-parziale") or a file (``--modello FILE``) → its file.

    A name is looked up in ``templates_dir()``; a file's format comes from its name
    (``.docx``, ``.html.j2``/``.html``, ``.md.j2``/``.md``) and must match ``formato``.
    """
    chosen = template or (data.modello if data and data.modello else None) or (TOTAL_TEMPLATE if total else PARTIAL_TEMPLATE)
    path = Path(chosen)
    if path.suffix or path.exists() or "/" in str(chosen):
        if not path.is_file():
            raise InputError(f"Il modello «{chosen}» non esiste. Controlli il percorso, o veda i modelli con «rodiff modelli».")
        found = template_format(path)
        if found is None:
            raise InputError(
                f"Il file «{path.name}» non è un modello di messaggio: servono .docx (Word con tag Jinja2), .html.j2 o .md.j2."
            )
        if found != formato:
            raise InputError(f"Il modello «{path.name}» è in formato {found}, ma è stato chiesto il formato {formato}.")
        return path
    available = list_templates()
    info = next((i for i in available if i.name == str(chosen)), None)
    if info is None:
        names = join_it(f"«{i.name}»" for i in available) or "nessuno"
        raise InputError(f"Il modello «{chosen}» non esiste. Modelli disponibili: {names} (vedi «rodiff modelli»).")
    if formato not in info.formats:
        raise InputError(f"Il modello «{chosen}» non c'è in formato {formato}; formati disponibili: {join_it(info.formats)}.")
    return info.folder / f"{info.name}{TEMPLATE_SUFFIXES[formato]}"


def template_format(path: Path) -> Formato | None:
    name = path.name.lower()
    if name.endswith(".docx"):
        return "docx"
    if name.endswith((".html.j2", ".html", ".htm")):
        return "html"
    if name.endswith((".md.j2", ".md", ".txt.j2", ".txt")):
        return "md"
    return None


def render_messaggio(message: Messaggio, template: str | Path | None = None, formato: Formato = "docx") -> bytes | str:
    """The messaggio already built: DOCX bytes, or HTML / Markdown text.

    ``template`` is a name from ``list_templates()`` or a template file; None picks
    ``data.modello``, else "revisione-totale" or "revisione-parziale" by the revision.
    Errors (unknown template, Jinja2 syntax error with template and line, a variable the
    template uses but rodiff does not provide, an operation the sandbox refuses) are
    ``InputError`` in Italian.
    """
    path = resolve_template(template, formato, message.dati, message.totale)
    if formato == "docx":
        from ..render.messaggio_docx import render_messaggio_docx

        return render_messaggio_docx(path, message)
    from ..render.messaggio_text import render_messaggio_text

    return render_messaggio_text(path, message, formato)


# ------------------------------------------------------------------------ Jinja2 sandbox


def environment(folder: Path, *, autoescape: bool) -> ImmutableSandboxedEnvironment:
    """The sandbox for a template of ``folder``: it may extend or include templates of its
    own folder and rodiff's (``_base.md.j2``, ``_confronto_tabella.html.j2``), nothing else.
    Built by rodiff's one factory (``render.sandbox``), with its limits on work and output."""
    from jinja2 import FileSystemLoader

    from ..render.sandbox import sandbox as limited_sandbox

    roots: list[Path] = []
    for root in (folder, templates_dir(), templates_root()):
        if root.resolve() not in {known.resolve() for known in roots}:
            roots.append(root)
    sandbox = limited_sandbox(FileSystemLoader([str(root) for root in roots]), autoescape=autoescape, keep_trailing_newline=True)
    sandbox.filters["data"] = date_filter
    sandbox.filters["chf"] = swiss_amount
    sandbox.filters["elenco"] = join_it
    return sandbox


def date_filter(value: object) -> str:
    """``{{ risoluzione.data|data }}``: "4 settembre 2023", from a date or its spelling."""
    if isinstance(value, dt.datetime):
        return italian_date(value.date())
    if isinstance(value, dt.date):
        return italian_date(value)
    parsed = parse_italian_date(str(value))
    return italian_date(parsed) if parsed else str(value)


def template_error(name: str, error: Exception, docx_line: bool = False) -> InputError:
    """The Italian message for a Jinja2 error of template ``name`` (``docx_line``: a Word
    template, whose "line" is about a paragraph)."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(error, TemplateSyntaxError):
        where = error.name or name
        line = f"al paragrafo {error.lineno} circa" if docx_line else f"alla riga {error.lineno}"
        context = ""
        if docx_line and getattr(error, "docx_context", None):
            text = " ".join(part.strip() for part in error.docx_context if part.strip())  # type: ignore[attr-defined]
            context = f" Testo vicino: «{text[:120]}»."
        return InputError(f"Il modello «{where}» ha un errore {line}: {error.message}.{context}")
    if isinstance(error, UndefinedError):
        return InputError(
            f"Il modello «{name}» usa una variabile che rodiff non fornisce ({error.message}). "
            "Controlli il nome nel modello; le variabili disponibili sono in templates/messaggio/LEGGIMI.md."
        )
    if isinstance(error, SecurityError):
        return InputError(
            f"Il modello «{name}» tenta un'operazione non permessa ({error}): un modello può soltanto mostrare "
            "le variabili di rodiff (vedi templates/messaggio/LEGGIMI.md)."
        )
    if isinstance(error, TemplateNotFound):
        return InputError(
            f"Il modello «{name}» richiama «{error.name}», che non c'è né nella sua cartella né tra i modelli di rodiff: "
            "un modello può includere soltanto file della propria cartella."
        )
    return InputError(f"Il modello «{name}» non si può compilare: {error}.")
