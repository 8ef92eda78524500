"""The ``rodiff`` command line (Italian, for municipal secretaries). Thin: it parses
options, opens a revision session (``rodiff.session``), and says what it wrote where.

Exit codes: 0 done; 1 done with findings (commands that check); 2 bad input or usage;
3 unexpected internal error (``--debug`` shows the traceback).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Iterator, Mapping, MutableMapping
from importlib import import_module
from pathlib import Path
from typing import NoReturn

import click

from .. import __version__
from ..errors import RodiffError
from ..parse.inputs import DEFAULT_PART_MB, DEFAULT_PDF_PAGES, DEFAULT_RATIO, limits
from . import i18n
from .options import CONTEXT, debug_option
from .reporter import end_progress

# The module of each command, by the command's name (the module's attribute of the same name).
COMMAND_MODULES: dict[str, str] = {
    "allinea": "rodiff.cli.revisione",
    "analizza": "rodiff.cli.documento",
    "confronto": "rodiff.cli.revisione",
    "messaggio": "rodiff.cli.revisione",
    "modelli": "rodiff.cli.documento",
    "nuovo": "rodiff.cli.documento",
    "osservazioni": "rodiff.cli.revisione",
    "revisioni": "rodiff.cli.revisione",
    "rinvii": "rodiff.cli.revisione",
    "termini": "rodiff.cli.revisione",
    "web": "rodiff.web.command",
}


class Commands(MutableMapping[str, click.Command]):
    """rodiff's commands by name, each imported from its module when click asks for it: a
    command loads only its own module («rodiff analizza» not the confronto's renderers and
    options, «rodiff confronto» not the web page's). The names are known without importing
    anything, so click still lists them and suggests one for a mistyped name."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self._modules = dict(modules)  # not yet imported
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            command: click.Command = getattr(import_module(self._modules[name]), name)
            self._loaded[name] = command
            del self._modules[name]
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._modules.pop(name, None)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if self._modules.pop(name, None) is None:
            del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._loaded, *self._modules])

    def __len__(self) -> int:
        return len(self._loaded) + len(self._modules)


@click.group(
    context_settings=CONTEXT,
    options_metavar="[OPZIONI]",
    subcommand_metavar="COMANDO [ARGOMENTI]...",
    commands=Commands(COMMAND_MODULES),
)
@click.version_option(
    __version__, "--versione", prog_name="rodiff", message="%(prog)s, versione %(version)s", help="Mostra la versione ed esce."
)
@click.option(
    "--limite-mb",
    "part_mb",
    type=click.IntRange(1),
    envvar="RODIFF_LIMITE_MB",
    metavar="MB",
    help=f"Dimensione massima di una parte di un documento Word, decompressa (predefinito {DEFAULT_PART_MB}).",
)
@click.option(
    "--limite-compressione",
    "ratio",
    type=click.IntRange(1),
    envvar="RODIFF_LIMITE_COMPRESSIONE",
    metavar="N",
    help=f"Rapporto di compressione massimo di una parte di un documento Word (predefinito {DEFAULT_RATIO}).",
)
@click.option(
    "--limite-pagine",
    "pdf_pages",
    type=click.IntRange(1),
    envvar="RODIFF_LIMITE_PAGINE",
    metavar="N",
    help=f"Numero massimo di pagine di un PDF (predefinito {DEFAULT_PDF_PAGES}).",
)
@debug_option
def main(part_mb: int | None, ratio: int | None, pdf_pages: int | None) -> None:
    """rodiff aiuta a preparare la revisione di un Regolamento organico dei dipendenti (ROD).

    Legge il regolamento (testo, Word .docx o PDF con testo), ne riconosce la struttura
    (titoli, capitoli, articoli, capoversi, lettere), abbina gli articoli della versione in
    vigore e della proposta e scrive la tabella di confronto.

    Esempi:

      rodiff analizza corpus/vacallo/rod-1991.txt

      rodiff confronto corpus/vacallo/rod-1991.txt corpus/vacallo/rod-nuovo.txt
    """
    # the limits hold for the command that follows, and end with it
    click.get_current_context().with_resource(limits(part_mb=part_mb, ratio=ratio, pdf_pages=pdf_pages))


# The cyclic garbage collector's thresholds for a command: a regulation read is hundreds of
# thousands of long-lived objects that Python's defaults (700, 10, 10) would scan again and
# again (a fifth of the time of a 2,000-article confronto); the trees hold no cycles to collect.
GC_THRESHOLDS = (50_000, 20, 20)


def run(argv: list[str] | None = None) -> int:
    """Entry point: Italian errors, no tracebacks (unless --debug), meaningful exit codes."""
    gc.set_threshold(*GC_THRESHOLDS)
    i18n.install()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args  # before or after the command: «rodiff --debug confronto ...», «rodiff confronto ... --debug»
    try:
        try:
            result = main.main(args=args, prog_name="rodiff", standalone_mode=False)
        finally:
            end_progress()  # a progress line left open on the terminal ends before any message
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.NoSuchOption as error:
        error.show()
        hint = _dash_hint(args)
        if hint:
            click.echo(hint, err=True)
        return 2
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
    except OSError as error:  # a file the system refuses (permissions, full disk, name too long...)
        if debug:
            raise
        click.echo(f"Errore: {_os_message(error)}", err=True)
        return 2
    except MemoryError:
        if debug:
            raise
        click.echo(
            "Errore: la memoria non basta per questo file. Verifichi di aver scelto il file giusto (un regolamento "
            "occupa pochi MB), oppure chiuda altri programmi e riprovi.",
            err=True,
        )
        return 2
    except RecursionError:
        if debug:
            raise
        click.echo(
            "Errore: il file è annidato troppo in profondità (per esempio migliaia di parentesi o tabelle una dentro "
            "l'altra) e non si può leggere. Verifichi di aver scelto il file giusto.",
            err=True,
        )
        return 2
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


def _dash_hint(args: list[str]) -> str:
    """A file whose name starts with "-" reads as an option: say how to give it."""
    for arg in args:
        if arg.startswith("-") and arg != "-" and Path(arg).exists():
            return (
                f"Se «{arg}» è il nome di un file, scriva -- prima dei nomi dei file, per esempio: "
                f"rodiff analizza -- {arg} (oppure ./{arg})."
            )
    return ""


def _os_message(error: OSError) -> str:
    from ..parse.inputs import os_advice, os_reason

    name = f"«{error.filename}»" if error.filename else "un file"
    return f"Non riesco ad accedere a {name} ({os_reason(error)}). {os_advice(error)}"


def entry() -> NoReturn:
    """The ``rodiff`` command: run, then leave without the interpreter's teardown."""
    leave(run())


def leave(code: int) -> NoReturn:
    """End the process with ``code`` once the command is done.

    When ``run`` returns, every output is written and closed and every message printed; what
    Python would do next is free every object of the two trees one by one, and the modules:
    about 40 ms of a 0.35 s «confronto» of 97 articles, 60 ms at 500 (``bench/README.md``).
    As mypy does, the command skips that teardown: it flushes stdout and stderr and ends the
    process (exit handlers do not run: rodiff registers none, and its temporary folders are
    removed by the ``with`` blocks that made them). It leaves the usual way (``sys.exit``) when
    another thread is still alive, or when a flush fails, so that Python reports it as it
    always does.
    """
    if threading.active_count() == 1:
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:  # None without a console (pythonw on Windows)
                    stream.flush()
        except (OSError, ValueError):  # a closed pipe, a full disk, a closed stream
            sys.exit(code)
        os._exit(code)
    sys.exit(code)
