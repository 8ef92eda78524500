"""Commands on one regulation or on the revision folder: analizza, modelli, nuovo."""

from __future__ import annotations

from pathlib import Path

import click
from click import UsageError

from ..model import Document
from ..parse import parse_file, read_revision_pair
from ..render.outline import render_outline
from ..render.output import default_output, write_atomic
from .options import command, common_options, output_options, text_format_options
from .reporter import Reporter


@command("analizza")
@click.argument("file", metavar="FILE")
@text_format_options(
    ("testo", "json", "akn"), "testo: indice leggibile; json: albero completo per programmi; akn: XML Akoma Ntoso 3.0."
)
@output_options("File da scrivere (per akn, predefinito: output/<nome>.akn.xml).")
@click.option(
    "--revisioni", is_flag=True, help="FILE è un documento Word con revisioni: analizza la versione in vigore e la proposta."
)
@common_options
def analizza(file: str, formato: str, output: Path | None, sovrascrivi: bool, revisioni: bool, silenzioso: bool) -> int:
    """Mostra la struttura di un regolamento e le anomalie di numerazione.

    FILE è il regolamento: testo (.txt, .md), documento Word (.docx) o PDF con testo.
    Esce con codice 1 se il regolamento contiene errori (per esempio numeri d'articolo doppi).
    """
    reporter = Reporter(silenzioso)
    source = Path(file)
    if revisioni:
        return _analizza_revisioni(reporter, source, formato)
    reporter.step(f"Lettura di «{source.name}»")
    document = parse_file(source, progress=reporter.pages("Lettura del PDF"))
    if formato == "akn":
        from ..render.akn import render_akn

        target = output or default_output(f"{source.stem}.akn.xml")
        write_atomic(target, render_akn(document), inputs=[source], overwrite=sovrascrivi)
        _report_diagnostics(reporter, document)
        reporter.say(f"Scritto il file Akoma Ntoso 3.0: {target} ({len(document.articles())} articoli).")
        return errors_exit(document)
    if formato == "json":
        from ..render.json import render_json  # the JSON renderers only for --json: the outline needs none

        result = render_json(document)
    else:
        result = render_outline(document)
    if output is not None:
        write_atomic(output, result, inputs=[source], overwrite=sovrascrivi)
    else:
        click.echo(reporter.output(result), nl=not result.endswith("\n"))  # the closing line on a line of its own
    if formato == "json":
        _report_diagnostics(reporter, document)
    if output is not None:
        reporter.say(f"Scritto: {output}.")
    else:
        reporter.say(f"Analisi di «{source.name}» completata: nessun file scritto, il risultato è qui sopra.")
    return errors_exit(document)


def _analizza_revisioni(reporter: Reporter, source: Path, formato: str) -> int:
    """The outlines (or JSON) of both versions held by one tracked-changes DOCX."""
    if formato == "akn":
        raise UsageError("Con --revisioni i formati sono testo e json.")
    old, new = read_revision_pair(source)
    if formato == "json":
        import json

        from ..render.json import document_to_dict

        data = {"vecchio": document_to_dict(old), "nuovo": document_to_dict(new)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo("VERSIONE IN VIGORE (tutte le revisioni rifiutate)\n")
        click.echo(render_outline(old))
        click.echo("PROPOSTA (tutte le revisioni accettate)\n")
        click.echo(render_outline(new), nl=False)
    reporter.say(f"Analisi delle revisioni di «{source.name}» completata: nessun file scritto, il risultato è qui sopra.")
    return max(errors_exit(old), errors_exit(new))


def _report_diagnostics(reporter: Reporter, document: Document) -> None:
    if document.diagnostics:
        reporter.say(f"Avvisi: {len(document.diagnostics)} (vedere «diagnostics» o l'indice con --formato testo).")


def errors_exit(document: Document) -> int:
    """Exit code 1, with what to do, when the document has errors (e.g. duplicate numbers)."""
    errors = [d for d in document.diagnostics if d.severity == "errore"]
    if not errors:
        return 0
    click.echo(
        f"Attenzione: {len(errors)} errori nel regolamento «{document.source_name}» "
        f"(per esempio: {errors[0].message.rstrip('.')}). Li corregga nel testo prima di confrontarlo con un'altra versione.",
        err=True,
    )
    duplicates = sum(1 for d in errors if d.code == "duplicate_article")
    if duplicates >= max(3, len(document.articles()) // 4):
        click.echo(
            "Molti articoli compaiono due volte: il file sembra contenere due versioni (per esempio una tabella "
            "di confronto o un messaggio con il testo in vigore e quello nuovo). Analizzi ogni versione in un file a sé.",
            err=True,
        )
    return 1


@command("modelli")
@common_options
def modelli(silenzioso: bool) -> int:
    """Elenca i modelli disponibili per il messaggio municipale."""
    from ..messaggio import list_templates

    templates = list_templates()
    for info in templates:
        click.echo(f"{info.name:<22} {', '.join(info.formats):<16} {info.description}")
    Reporter(silenzioso).say(f"Modelli trovati: {len(templates)} (cartella {templates[0].folder if templates else '-'}).")
    return 0


@command("nuovo")
@click.argument("cartella", metavar="CARTELLA")
@common_options
def nuovo(cartella: str, silenzioso: bool) -> int:
    """Prepara una cartella per una revisione: messaggio.yaml (con ogni campo spiegato),
    osservazioni.yaml e LEGGIMI.md. Non sovrascrive mai file esistenti."""
    from ..session.folder import README_FILE, create_revision_folder

    written = create_revision_folder(Path(cartella))
    reporter = Reporter(silenzioso)
    for path in written:
        reporter.say(f"Scritto: {path}")
    reporter.say(f"Cartella pronta: {cartella}. Legga {Path(cartella) / README_FILE} per i passi successivi.")
    return 0
