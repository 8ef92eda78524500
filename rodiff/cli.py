"""The ``rodiff`` command line (Italian, for municipal secretaries). Thin: it parses
options, calls the library, and says what it wrote where.

Exit codes: 0 done; 1 done with findings (commands that check); 2 bad input or usage;
3 unexpected internal error (``--debug`` shows the traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, cli_i18n
from .errors import RodiffError
from .model import Document
from .output import default_output, write_atomic
from .parse import parse_file

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Reporter:
    """Messages for the user on stderr (stdout stays clean for results such as JSON)."""

    def __init__(self, silent: bool) -> None:
        self.silent = silent
        self.interactive = sys.stderr.isatty() and not silent

    def say(self, message: str) -> None:
        if not self.silent:
            click.echo(message, err=True)

    def progress(self, label: str) -> Callable[[int, int], None] | None:
        """A counter on the terminal ("Lettura: pagina 3 di 12"), off when not a terminal."""
        if not self.interactive:
            return None

        def update(done: int, total: int) -> None:
            end = "\n" if done >= total else ""
            click.echo(f"\r{label}: pagina {done} di {total}", err=True, nl=False)
            if end:
                click.echo("", err=True)

        return update


def common_options(function: F) -> F:
    function = click.option("--debug", is_flag=True, help="In caso di errore mostra i dettagli tecnici.")(function)
    function = click.option(
        "--silenzioso", "-q", is_flag=True, help="Nessun messaggio di avanzamento o di riepilogo (solo errori)."
    )(function)
    return function


@click.group(context_settings=CONTEXT, options_metavar="[OPZIONI]", subcommand_metavar="COMANDO [ARGOMENTI]...")
@click.version_option(__version__, "--versione", prog_name="rodiff", help="Mostra la versione ed esce.")
def main() -> None:
    """rodiff aiuta a preparare la revisione di un Regolamento organico dei dipendenti (ROD).

    Legge il regolamento (testo, Word .docx o PDF con testo), ne riconosce la struttura
    (titoli, capitoli, articoli, capoversi, lettere) e segnala le anomalie.

    Esempio: rodiff analizza corpus/vacallo/rod-1991.txt
    """


@main.command("analizza", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("file", metavar="FILE")
@click.option(
    "--formato",
    type=click.Choice(["testo", "json", "akn"]),
    default="testo",
    show_default=True,
    help="testo: indice leggibile; json: albero completo per programmi; akn: XML Akoma Ntoso 3.0.",
)
@click.option("--json", "as_json", is_flag=True, help="Come --formato json.")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File da scrivere (per akn, predefinito: output/<nome>.akn.xml).",
)
@click.option("--sovrascrivi", is_flag=True, help="Sostituisce il file di uscita se esiste già.")
@common_options
def analizza(
    file: str, formato: str, as_json: bool, output: Path | None, sovrascrivi: bool, silenzioso: bool, debug: bool
) -> int:
    """Mostra la struttura di un regolamento e le anomalie di numerazione.

    FILE è il regolamento: testo (.txt, .md), documento Word (.docx) o PDF con testo.
    Esce con codice 1 se il regolamento contiene errori (per esempio numeri d'articolo doppi).
    """
    reporter = Reporter(silenzioso)
    source = Path(file)
    document = parse_file(source, progress=reporter.progress("Lettura del PDF"))
    formato = "json" if as_json else formato
    if formato == "akn":
        from .render.akn import render_akn

        target = output or default_output(f"{source.stem}.akn.xml")
        write_atomic(target, render_akn(document), inputs=[source], overwrite=sovrascrivi)
        _report_diagnostics(reporter, document)
        reporter.say(f"Scritto il file Akoma Ntoso 3.0: {target} ({len(document.articles())} articoli).")
        return _errors_exit(document)
    if formato == "json":
        from .render.json import render_json

        result = render_json(document)
    else:
        from .render.outline import render_outline

        result = render_outline(document)
    if output is not None:
        write_atomic(output, result, inputs=[source], overwrite=sovrascrivi)
        if formato == "json":
            _report_diagnostics(reporter, document)
        reporter.say(f"Scritto: {output}.")
    else:
        click.echo(result, nl=False)
        if formato == "json":
            _report_diagnostics(reporter, document)
        reporter.say(f"Analisi di «{source.name}» completata: nessun file scritto, il risultato è qui sopra.")
    return _errors_exit(document)


def _report_diagnostics(reporter: Reporter, document: Document) -> None:
    if document.diagnostics:
        reporter.say(f"Avvisi: {len(document.diagnostics)} (vedere «diagnostics» o l'indice con --formato testo).")


def _errors_exit(document: Document) -> int:
    """Exit code 1, with what to do, when the document has errors (e.g. duplicate numbers)."""
    errors = [d for d in document.diagnostics if d.severity == "errore"]
    if not errors:
        return 0
    click.echo(
        f"Attenzione: {len(errors)} errori nel regolamento «{document.source_name}» "
        f"(per esempio: {errors[0].message}). Li corregga nel testo prima di confrontarlo con un'altra versione.",
        err=True,
    )
    return 1


def run(argv: list[str] | None = None) -> int:
    """Entry point: Italian errors, no tracebacks (unless --debug), meaningful exit codes."""
    cli_i18n.install()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result = main.main(args=args, prog_name="rodiff", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return 2
    except click.Abort:
        click.echo("Interrotto.", err=True)
        return 130
    except RodiffError as error:
        if debug:
            raise
        click.echo(f"Errore: {error.message}", err=True)
        return error.exit_code
    except Exception as error:  # the last net: never a traceback for a user
        if debug:
            raise
        click.echo(
            f"Errore imprevisto ({type(error).__name__}: {error}). Non è colpa sua: riprovi aggiungendo --debug "
            "e invii il messaggio completo a chi cura rodiff.",
            err=True,
        )
        return 3
    return result if isinstance(result, int) else 0


def entry() -> None:
    sys.exit(run())
