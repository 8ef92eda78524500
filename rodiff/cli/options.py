"""The options of the ``rodiff`` commands, each declared once."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..render.formats import DOCUMENT_FORMATS

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def command(name: str) -> Callable[[Callable[..., Any]], click.Command]:
    """A ``rodiff`` command: -h/--help, Italian metavar, help text up to 100 columns."""
    return click.command(name, context_settings=CONTEXT, options_metavar="[OPZIONI]")


debug_option = click.option("--debug", is_flag=True, expose_value=False, help="In caso di errore mostra i dettagli tecnici.")
quiet_option = click.option(
    "--silenzioso", "-q", is_flag=True, help="Nessun messaggio di avanzamento o di riepilogo (solo errori)."
)
document_format_option = click.option(
    "--formato",
    type=click.Choice(list(DOCUMENT_FORMATS)),
    default=None,
    help="docx (Word, predefinito), html (pagina web), md (Markdown) o pdf (tramite LibreOffice). "
    "Senza --formato vale l'estensione del file dato con -o (per esempio -o confronto.pdf scrive un PDF).",
)
notes_option = click.option(
    "--osservazioni",
    "notes_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="File YAML con le osservazioni per articolo o per capoverso (vedi «rodiff osservazioni»).",
)


def common_options(function: F) -> F:
    """--silenzioso and --debug, on every command (--debug is read by ``run``)."""
    return quiet_option(debug_option(function))


def texts_arguments(function: F) -> F:
    """VECCHIO [NUOVO]: two files, or one Word file with tracked changes."""
    function = click.argument("nuovo", metavar="[NUOVO]", required=False)(function)
    return click.argument("vecchio", metavar="VECCHIO")(function)


def output_options(help_text: str) -> Callable[[F], F]:
    """-o/--output FILE and --sovrascrivi, the same on every command that writes."""

    def decorate(function: F) -> F:
        function = click.option("--sovrascrivi", is_flag=True, help="Sostituisce il file di uscita se esiste già.")(function)
        output = click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), help=help_text)
        return output(function)

    return decorate


def text_format_options(
    choices: tuple[str, ...] = ("testo", "json"), help_text: str = "testo o json."
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--formato (testo, json...) and --json, its shorthand: the command receives ``formato`` only."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def command(*args: Any, as_json: bool, formato: str, **kwargs: Any) -> Any:
            return function(*args, formato="json" if as_json else formato, **kwargs)

        command = click.option("--json", "as_json", is_flag=True, help="Come --formato json.")(command)
        return click.option("--formato", type=click.Choice(list(choices)), default=choices[0], show_default=True, help=help_text)(
            command
        )

    return decorate


def output_format(formato: str | None, output: Path | None, choices: tuple[str, ...] = tuple(DOCUMENT_FORMATS)) -> str:
    """The format to write: ``--formato`` if given, else the extension of ``-o`` (``x.pdf``: pdf),
    else docx. An extension that does not match the format is a usage error saying what to do."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if formato is None:
        if output is None:
            return "docx"
        if suffix in choices:
            return suffix
        known = ", ".join(f".{choice}" for choice in choices)
        raise click.UsageError(
            f"Dal nome «{output.name}» non capisco il formato: usi un'estensione tra {known} "
            f"(per esempio -o {output.stem or 'documento'}.docx), oppure indichi --formato."
        )
    if output is not None and suffix != formato:
        instead = f", oppure tolga --formato {formato} per scrivere in formato {suffix}" if suffix in choices else ""
        raise click.UsageError(
            f"Il file «{output.name}» non ha l'estensione del formato {formato}: "
            f"scriva -o {output.stem or 'documento'}.{formato}{instead}."
        )
    return formato
