"""The ``rodiff`` command line (Italian, for municipal secretaries). Thin: it parses
options, opens a revision session (``rodiff.session``), and says what it wrote where.

Exit codes: 0 done; 1 done with findings (commands that check); 2 bad input or usage;
3 unexpected internal error (``--debug`` shows the traceback).
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import RodiffError
from ..web.command import web
from . import i18n
from .documento import analizza, modelli, nuovo
from .options import CONTEXT, debug_option
from .revisione import allinea, confronto, messaggio, osservazioni, revisioni, rinvii, termini


@click.group(context_settings=CONTEXT, options_metavar="[OPZIONI]", subcommand_metavar="COMANDO [ARGOMENTI]...")
@click.version_option(__version__, "--versione", prog_name="rodiff", help="Mostra la versione ed esce.")
@debug_option
def main() -> None:
    """rodiff aiuta a preparare la revisione di un Regolamento organico dei dipendenti (ROD).

    Legge il regolamento (testo, Word .docx o PDF con testo), ne riconosce la struttura
    (titoli, capitoli, articoli, capoversi, lettere), abbina gli articoli della versione in
    vigore e della proposta e scrive la tabella di confronto.

    Esempi:

      rodiff analizza corpus/vacallo/rod-1991.txt

      rodiff confronto corpus/vacallo/rod-1991.txt corpus/vacallo/rod-nuovo.txt
    """


for command in (analizza, allinea, confronto, osservazioni, rinvii, termini, messaggio, modelli, nuovo, revisioni, web):
    main.add_command(command)


def run(argv: list[str] | None = None) -> int:
    """Entry point: Italian errors, no tracebacks (unless --debug), meaningful exit codes."""
    i18n.install()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args  # before or after the command: «rodiff --debug confronto ...», «rodiff confronto ... --debug»
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
