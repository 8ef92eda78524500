"""The ``rodiff`` command line (Italian, for municipal secretaries). Thin: it parses
options, calls the library, and says what it wrote where.

Exit codes: 0 done; 1 done with findings (commands that check); 2 bad input or usage;
3 unexpected internal error (``--debug`` shows the traceback).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from click import UsageError

from .. import __version__
from ..errors import RodiffError
from ..model import Document
from ..parse import parse_file
from ..render.output import check_output, default_output, write_atomic
from . import i18n as cli_i18n

if TYPE_CHECKING:
    from ..align import Alignment
    from ..compare.table import Confronto, Style
    from ..messaggio import Formato
    from ..xref import Finding, FixResult

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

    def step(self, number: int, total: int, label: str) -> None:
        """A step counter on the terminal ("[2/4] Allineamento degli articoli…")."""
        if self.interactive:
            click.echo(f"[{number}/{total}] {label}…", err=True)

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


def output_options(help_text: str) -> Callable[[F], F]:
    """-o/--output FILE and --sovrascrivi, the same on every command that writes."""

    def decorate(function: F) -> F:
        function = click.option("--sovrascrivi", is_flag=True, help="Sostituisce il file di uscita se esiste già.")(function)
        output = click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), help=help_text)
        return output(function)

    return decorate


document_format_option = click.option(
    "--formato", type=click.Choice(["docx", "html", "md"]), default="docx", show_default=True, help="Word, pagina web o Markdown."
)
notes_option = click.option(
    "--osservazioni",
    "notes_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="File YAML con le osservazioni per articolo (vedi «rodiff osservazioni»).",
)


@click.group(context_settings=CONTEXT, options_metavar="[OPZIONI]", subcommand_metavar="COMANDO [ARGOMENTI]...")
@click.version_option(__version__, "--versione", prog_name="rodiff", help="Mostra la versione ed esce.")
def main() -> None:
    """rodiff aiuta a preparare la revisione di un Regolamento organico dei dipendenti (ROD).

    Legge il regolamento (testo, Word .docx o PDF con testo), ne riconosce la struttura
    (titoli, capitoli, articoli, capoversi, lettere), abbina gli articoli della versione in
    vigore e della proposta e scrive la tabella di confronto.

    Esempi:

      rodiff analizza corpus/vacallo/rod-1991.txt

      rodiff confronto corpus/vacallo/rod-1991.txt corpus/vacallo/rod-nuovo.txt
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
@output_options("File da scrivere (per akn, predefinito: output/<nome>.akn.xml).")
@click.option(
    "--revisioni", is_flag=True, help="FILE è un documento Word con revisioni: analizza la versione in vigore e la proposta."
)
@common_options
def analizza(
    file: str, formato: str, as_json: bool, output: Path | None, sovrascrivi: bool, revisioni: bool, silenzioso: bool, debug: bool
) -> int:
    """Mostra la struttura di un regolamento e le anomalie di numerazione.

    FILE è il regolamento: testo (.txt, .md), documento Word (.docx) o PDF con testo.
    Esce con codice 1 se il regolamento contiene errori (per esempio numeri d'articolo doppi).
    """
    reporter = Reporter(silenzioso)
    source = Path(file)
    formato = "json" if as_json else formato
    if revisioni:
        return _analizza_revisioni(reporter, source, formato)
    document = parse_file(source, progress=reporter.progress("Lettura del PDF"))
    if formato == "akn":
        from ..render.akn import render_akn

        target = output or default_output(f"{source.stem}.akn.xml")
        write_atomic(target, render_akn(document), inputs=[source], overwrite=sovrascrivi)
        _report_diagnostics(reporter, document)
        reporter.say(f"Scritto il file Akoma Ntoso 3.0: {target} ({len(document.articles())} articoli).")
        return _errors_exit(document)
    if formato == "json":
        from ..render.json import render_json

        result = render_json(document)
    else:
        from ..render.outline import render_outline

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


def _analizza_revisioni(reporter: Reporter, source: Path, formato: str) -> int:
    """The outlines (or JSON) of both versions held by one tracked-changes DOCX."""
    from ..parse.revisions import read_revision_pair

    if formato == "akn":
        raise UsageError("Con --revisioni i formati sono testo e json.")
    old, new = read_revision_pair(source)
    if formato == "json":
        from ..render.json import document_to_dict

        data = {"vecchio": document_to_dict(old), "nuovo": document_to_dict(new)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from ..render.outline import render_outline

        click.echo("VERSIONE IN VIGORE (tutte le revisioni rifiutate)\n")
        click.echo(render_outline(old))
        click.echo("PROPOSTA (tutte le revisioni accettate)\n")
        click.echo(render_outline(new), nl=False)
    reporter.say(f"Analisi delle revisioni di «{source.name}» completata: nessun file scritto, il risultato è qui sopra.")
    return max(_errors_exit(old), _errors_exit(new))


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


def _paths(vecchio: str, nuovo: str | None) -> list[Path]:
    return [Path(vecchio), *([Path(nuovo)] if nuovo else [])]


def _read_two(reporter: Reporter, vecchio: str, nuovo: str | None, steps: int) -> tuple[Document, Document]:
    """The two versions: two files, or one Word file with tracked changes (NUOVO omitted)."""
    if nuovo is None:
        from ..parse.revisions import read_revision_pair

        path = Path(vecchio)
        reporter.step(1, steps, f"Lettura delle revisioni di «{path.name}»")
        old, new = read_revision_pair(path)
        for document in (old, new):
            _show_reading_warnings(reporter, document)
        reporter.step(2, steps, "Versione in vigore (revisioni rifiutate) e proposta (revisioni accettate) pronte")
        return old, new
    documents = []
    for number, name in enumerate((vecchio, nuovo), start=1):
        path = Path(name)
        reporter.step(number, steps, f"Lettura di «{path.name}»")
        document = parse_file(path, progress=reporter.progress(f"Lettura di «{path.name}»"))
        _show_reading_warnings(reporter, document)
        documents.append(document)
    return documents[0], documents[1]


def _show_reading_warnings(reporter: Reporter, document: Document) -> None:
    shown = [d for d in document.diagnostics if d.severity != "info"]
    if not shown:
        return
    reporter.say(f"Avvisi nella lettura di «{document.source_name}» ({len(shown)}), il lavoro continua:")
    for diagnostic in shown[:3]:
        where = f"riga {diagnostic.position}: " if diagnostic.position and document.source_kind != "docx" else ""
        reporter.say(f"  - {where}{diagnostic.message}")
    if len(shown) > 3:
        reporter.say(f"  … e altri {len(shown) - 3} (li mostra «rodiff analizza {document.source_name}»).")


def _warn_if_unrelated(reporter: Reporter, alignment: Alignment) -> None:
    counts = alignment.counts()
    kept = sum(count for status, count in counts.items() if status not in ("new", "repealed"))
    if alignment.pairs and kept == 0:
        reporter.say(
            "Attenzione: i due testi non hanno nessun articolo in comune. Verifichi di aver indicato "
            "la versione in vigore e la proposta dello stesso regolamento."
        )
    elif alignment.is_identical():
        from ..italiano import IDENTICAL_SENTENCE

        reporter.say(IDENTICAL_SENTENCE)


@main.command("allinea", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("vecchio", metavar="VECCHIO")
@click.argument("nuovo", metavar="[NUOVO]", required=False)
@click.option("--formato", type=click.Choice(["testo", "json"]), default="testo", show_default=True, help="testo o json.")
@click.option("--json", "as_json", is_flag=True, help="Come --formato json.")
@common_options
def allinea(vecchio: str, nuovo: str | None, formato: str, as_json: bool, silenzioso: bool, debug: bool) -> int:
    """Mostra quale articolo del testo in vigore (VECCHIO) corrisponde a quale articolo
    della proposta (NUOVO), riconoscendoli dal contenuto anche se rinumerati. Al posto dei
    due file si può dare un solo documento Word con le revisioni (modifiche rilevate).

    Esiti: invariato, modificato, rinumerato (solo il numero e i rinvii cambiano),
    rinumerato e modificato, nuovo, abrogato, spostato, suddiviso, unito ad altri.
    """
    from ..align import align
    from ..render.alignment import render_alignment_json, render_alignment_table

    reporter = Reporter(silenzioso)
    old, new = _read_two(reporter, vecchio, nuovo, 3)
    reporter.step(3, 3, "Allineamento degli articoli")
    alignment = align(old, new)
    if as_json or formato == "json":
        click.echo(render_alignment_json(alignment), nl=False)
    else:
        click.echo(render_alignment_table(alignment), nl=False)
    _warn_if_unrelated(reporter, alignment)
    reporter.say("Allineamento completato: nessun file scritto, il risultato è qui sopra.")
    return 0


@main.command("confronto", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("vecchio", metavar="VECCHIO")
@click.argument("nuovo", metavar="[NUOVO]", required=False)
@click.option(
    "--stile",
    type=click.Choice(["completo", "articoli", "frammenti"]),
    default="completo",
    show_default=True,
    help="completo: tutti gli articoli su tre colonne; articoli: solo gli articoli toccati; "
    "frammenti: solo i capoversi modificati.",
)
@document_format_option
@notes_option
@click.option(
    "--etichette",
    metavar="TESTO",
    help='Intestazioni delle colonne separate da «|», per esempio "ROD in vigore|Nuovo ROD|Osservazioni".',
)
@click.option(
    "--senza-proposte", is_flag=True, help="Non propone osservazioni automatiche (per esempio «Adattamento numerazione.»)."
)
@output_options("File da scrivere (predefinito: output/confronto.<formato>).")
@common_options
def confronto(
    vecchio: str,
    nuovo: str | None,
    stile: str,
    formato: str,
    output: Path | None,
    notes_file: Path | None,
    etichette: str | None,
    senza_proposte: bool,
    sovrascrivi: bool,
    silenzioso: bool,
    debug: bool,
) -> int:
    """Scrive la tabella di confronto tra il testo in vigore (VECCHIO) e la proposta (NUOVO).

    Gli articoli sono abbinati per contenuto (anche se rinumerati); nel testo proposto le
    parole tolte sono barrate e quelle nuove sottolineate a colori. Al posto dei due file si
    può dare un solo documento Word con le revisioni (modifiche rilevate).
    """
    from ..align import align
    from ..compare.notes import check_notes, read_notes
    from ..compare.table import DEFAULT_LABELS, build_confronto
    from ..italiano import summary_sentence

    reporter = Reporter(silenzioso)
    style = cast("Style", stile)
    labels = _labels(etichette, DEFAULT_LABELS[style])
    notes = read_notes(notes_file) if notes_file else {}
    target = output or default_output(f"confronto.{formato}")
    inputs = [*_paths(vecchio, nuovo), *([notes_file] if notes_file else [])]
    check_output(target, inputs, sovrascrivi)
    old, new = _read_two(reporter, vecchio, nuovo, 4)
    reporter.step(3, 4, "Allineamento degli articoli")
    alignment = align(old, new)
    if notes_file:
        check_notes(notes, alignment, notes_file)
    table = build_confronto(alignment, style, notes, labels, automatic_notes=not senza_proposte)
    reporter.step(4, 4, f"Scrittura di «{target.name}»")
    write_atomic(target, _render_confronto(table, formato), inputs=inputs, overwrite=sovrascrivi)
    _warn_if_unrelated(reporter, alignment)
    reporter.say(summary_sentence(table.summary))
    reporter.say(f"Scritta la tabella di confronto ({_FORMAT_NAMES[formato]}, stile {stile}): {target}")
    return 0


_FORMAT_NAMES = {"docx": "Word", "html": "pagina web", "md": "Markdown"}


def _labels(option: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    if not option:
        return default
    labels = tuple(part.strip() for part in option.split("|"))
    if len(labels) != len(default) or not all(labels):
        raise UsageError(
            f'--etichette vuole {len(default)} intestazioni separate da «|» per questo stile, per esempio "{"|".join(default)}".'
        )
    return labels


def _render_confronto(table: Confronto, formato: str) -> bytes | str:
    if formato == "docx":
        from ..render.confronto_docx import render_confronto_docx

        return render_confronto_docx(table)
    if formato == "html":
        from ..render.confronto_html import render_confronto_html

        return render_confronto_html(table)
    from ..render.confronto_md import render_confronto_md

    return render_confronto_md(table)


@main.command("osservazioni", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("vecchio", metavar="VECCHIO")
@click.argument("nuovo", metavar="[NUOVO]", required=False)
@output_options("File da scrivere (predefinito: output/osservazioni.yaml).")
@common_options
def osservazioni(vecchio: str, nuovo: str | None, output: Path | None, sovrascrivi: bool, silenzioso: bool, debug: bool) -> int:
    """Prepara il file delle osservazioni da completare: una riga per articolo, con le
    proposte di rodiff dove la modifica è meccanica (per esempio «Adattamento numerazione.»).
    Poi: rodiff confronto VECCHIO NUOVO --osservazioni FILE.
    """
    from ..align import align
    from ..compare.notes import notes_skeleton

    reporter = Reporter(silenzioso)
    target = output or default_output("osservazioni.yaml")
    check_output(target, _paths(vecchio, nuovo), sovrascrivi)
    old, new = _read_two(reporter, vecchio, nuovo, 3)
    reporter.step(3, 3, "Allineamento degli articoli")
    alignment = align(old, new)
    write_atomic(target, notes_skeleton(alignment), inputs=_paths(vecchio, nuovo), overwrite=sovrascrivi)
    reporter.say(f"Scritto il file delle osservazioni da completare: {target}")
    reporter.say(f"Poi: rodiff confronto {vecchio} {nuovo} --osservazioni {target}")
    return 0


@main.command("rinvii", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("nuovo", metavar="NUOVO")
@click.option(
    "--vecchio",
    "vecchio",
    metavar="VECCHIO",
    help="Il testo in vigore: i rinvii rimasti alla vecchia numerazione vengono segnalati.",
)
@click.option("--formato", type=click.Choice(["testo", "json"]), default="testo", show_default=True, help="testo o json.")
@click.option("--json", "as_json", is_flag=True, help="Come --formato json.")
@click.option("--estratto", is_flag=True, help="I testi sono estratti: non segnala i rinvii ad articoli che non contengono.")
@click.option("--correggi", is_flag=True, help="Scrive il testo (o il documento Word) con i rinvii superati corretti (serve -o).")
@output_options("File da scrivere con --correggi.")
@common_options
def rinvii(
    nuovo: str,
    vecchio: str | None,
    formato: str,
    as_json: bool,
    estratto: bool,
    correggi: bool,
    output: Path | None,
    sovrascrivi: bool,
    silenzioso: bool,
    debug: bool,
) -> int:
    """Controlla i rinvii interni («art. 26 cpv. 2») del regolamento NUOVO.

    Da solo: ogni rinvio deve puntare a un articolo, capoverso e lettera esistenti. Con
    --vecchio: segnala anche i rinvii rimasti alla vecchia numerazione (superati), quelli che
    puntano a testo abrogato e quelli il cui articolo ha cambiato argomento, con la correzione
    proposta. Esce con codice 1 se trova qualcosa da controllare, 0 se è tutto in ordine.
    """
    from ..xref import apply_fixes, check_against, check_alone, findings_json, format_report

    reporter = Reporter(silenzioso)
    if correggi and output is None:
        raise UsageError("--correggi vuole anche -o FILE: il file in cui scrivere il testo corretto.")
    source = Path(nuovo)
    if correggi and output is not None:
        check_output(output, [source, *([Path(vecchio)] if vecchio else [])], sovrascrivi)
    if vecchio:
        from ..align import align

        old, new = _read_two(reporter, vecchio, nuovo, 3)
        reporter.step(3, 3, "Controllo dei rinvii")
        findings = check_against(old, new, align(old, new), partial=estratto)
    else:
        new = parse_file(source, progress=reporter.progress(f"Lettura di «{source.name}»"))
        _show_reading_warnings(reporter, new)
        findings = check_alone(new, partial=estratto)
    if as_json or formato == "json":
        click.echo(json.dumps(findings_json(findings), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(findings), nl=False)
    if correggi and output is not None:
        _write_corrections(reporter, new, source, output, findings, sovrascrivi, apply_fixes)
    else:
        reporter.say("Controllo dei rinvii completato: nessun file scritto, il risultato è qui sopra.")
    return 1 if findings else 0


def _write_corrections(
    reporter: Reporter,
    document: Document,
    source: Path,
    output: Path,
    findings: list[Finding],
    overwrite: bool,
    apply_fixes: Callable[..., FixResult],
) -> None:
    if document.source_kind == "pdf":
        raise UsageError(
            "Un PDF non si può correggere: applichi le correzioni elencate sopra al documento Word o al testo "
            "da cui è stato creato (rodiff rinvii accetta anche quelli)."
        )
    if document.source_kind == "docx":
        from ..xref.fix_docx import apply_fixes_docx

        corrected, result = apply_fixes_docx(source, findings)
        write_atomic(output, corrected, inputs=[source], overwrite=overwrite)
    else:
        from ..parse.inputs import read_text

        result = apply_fixes(read_text(source).text, findings)
        write_atomic(output, result.text, inputs=[source], overwrite=overwrite)
    for rewrite in result.rewrites:
        reporter.say(f"  corretto {rewrite.message}")
    for finding, reason in result.skipped:
        reporter.say(f"  non corretto: {finding.message} ({reason})")
    reporter.say(f"Scritto il testo con {len(result.rewrites)} rinvii corretti: {output}")


@main.command("termini", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("vecchio", metavar="VECCHIO")
@click.argument("nuovo", metavar="[NUOVO]", required=False)
@click.option("--formato", type=click.Choice(["testo", "json"]), default="testo", show_default=True, help="testo o json.")
@click.option("--json", "as_json", is_flag=True, help="Come --formato json.")
@common_options
def termini(vecchio: str, nuovo: str | None, formato: str, as_json: bool, silenzioso: bool, debug: bool) -> int:
    """Trova le ridenominazioni applicate dalla revisione in più articoli (per esempio
    «Aziende municipalizzate» → «Azienda comunale») e i punti del testo NUOVO dove il vecchio
    termine è rimasto. Esce con codice 1 se ne trova.
    """
    from ..align import align
    from ..xref import check_terms, find_renamings, findings_json, format_report

    reporter = Reporter(silenzioso)
    old, new = _read_two(reporter, vecchio, nuovo, 3)
    reporter.step(3, 3, "Ricerca delle ridenominazioni")
    alignment = align(old, new)
    renamings = find_renamings(alignment)
    findings = check_terms(alignment, renamings)
    if as_json or formato == "json":
        data = findings_json(findings)
        data["renamings"] = [{"old": r.old, "new": r.new, "articles": list(r.places)} for r in renamings]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if not renamings:
            click.echo("Nessuna ridenominazione ricorrente trovata.")
        for renaming in renamings:
            places = ", ".join(renaming.places)
            click.echo(f"«{renaming.old}» → «{renaming.new}» (artt. {places})")
        click.echo("")
        click.echo(format_report(findings), nl=False)
    reporter.say("Controllo dei termini completato: nessun file scritto, il risultato è qui sopra.")
    return 1 if findings else 0


@main.command("messaggio", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("vecchio", metavar="[VECCHIO", required=False)
@click.argument("nuovo", metavar="NUOVO]", required=False)
@click.option(
    "--dati",
    "dati",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Il file messaggio.yaml (predefinito: messaggio.yaml nella cartella corrente).",
)
@click.option(
    "--modello",
    metavar="NOME|FILE",
    help="Nome di un modello (vedi «rodiff modelli») o percorso di un proprio modello Word (.docx).",
)
@document_format_option
@notes_option
@click.option(
    "--controllo",
    "report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Scrive anche gli avvisi in questo file di testo.",
)
@output_options("File da scrivere (predefinito: output/messaggio.<formato>).")
@common_options
def messaggio(
    vecchio: str | None,
    nuovo: str | None,
    dati: Path | None,
    modello: str | None,
    formato: str,
    notes_file: Path | None,
    report: Path | None,
    output: Path | None,
    sovrascrivi: bool,
    silenzioso: bool,
    debug: bool,
) -> int:
    """Scrive la bozza del messaggio municipale, con il dispositivo calcolato dai due testi.

    VECCHIO e NUOVO sono il regolamento in vigore e la proposta. In una cartella preparata
    con «rodiff nuovo» bastano «rodiff messaggio»: i testi (regolamento-in-vigore.* e
    regolamento-proposto.*), messaggio.yaml e osservazioni.yaml vengono cercati lì. Gli avvisi
    (rinvii da correggere, articoli citati ma non modificati) sono mostrati qui, non stampati.
    """
    from ..align import align
    from ..compare.notes import check_notes, read_notes
    from ..messaggio import DATA_FILE, read_messaggio_data, render_messaggio
    from ..xref import check_against, find_renamings

    reporter = Reporter(silenzioso)
    vecchio, nuovo = _revision_texts(vecchio, nuovo)
    data_path = dati or Path(DATA_FILE)
    if notes_file is None and Path("osservazioni.yaml").is_file() and not (vecchio and dati):
        notes_file = Path("osservazioni.yaml")
    data = read_messaggio_data(data_path)
    notes = read_notes(notes_file) if notes_file else {}
    target = output or default_output(f"messaggio.{formato}")
    inputs = [Path(vecchio), Path(nuovo), data_path, *([notes_file] if notes_file else [])]
    check_output(target, inputs, sovrascrivi)
    old, new = _read_two(reporter, vecchio, nuovo, 4)
    reporter.step(3, 4, "Allineamento, rinvii e termini")
    alignment = align(old, new)
    if notes_file:
        check_notes(notes, alignment, notes_file)
    findings = [f"Rinvio da controllare: {finding.message}" for finding in check_against(old, new, alignment)]
    renamings = [(r.old, r.new) for r in find_renamings(alignment)]
    reporter.step(4, 4, f"Scrittura di «{target.name}»")
    from ..messaggio import build_messaggio

    warnings = [
        str(w) for w in build_messaggio(alignment, data, notes=notes, renamings=renamings, extra_warnings=findings).avvisi
    ]
    document = render_messaggio(
        alignment, data, modello, cast("Formato", formato), notes=notes, renamings=renamings, extra_warnings=findings
    )
    write_atomic(target, document, inputs=inputs, overwrite=sovrascrivi)
    if warnings:
        reporter.say(f"Avvisi da controllare prima della firma ({len(warnings)}; non sono stampati nel messaggio):")
        for warning in warnings:
            reporter.say(f"  - {warning}")
    if report is not None:
        text = "\n".join(["Avvisi per il messaggio municipale", "", *(f"- {w}" for w in warnings or ["Nessun avviso."])]) + "\n"
        write_atomic(report, text, inputs=inputs, overwrite=sovrascrivi)
        reporter.say(f"Scritto il rapporto di controllo: {report}")
    reporter.say(f"Scritto il messaggio municipale ({_FORMAT_NAMES[formato]}): {target}")
    return 0


def _revision_texts(vecchio: str | None, nuovo: str | None) -> tuple[str, str]:
    """The two texts: as given, or found in the current folder (a folder made by «rodiff nuovo»)."""
    if vecchio and nuovo:
        return vecchio, nuovo
    if vecchio or nuovo:
        raise UsageError("Indichi entrambi i testi, VECCHIO e NUOVO, oppure nessuno dei due (nella cartella della revisione).")
    found = []
    for stem in ("regolamento-in-vigore", "regolamento-proposto"):
        matches = sorted(p for p in Path(".").glob(f"{stem}.*") if p.suffix.lower() in (".docx", ".pdf", ".txt", ".md"))
        if not matches:
            raise UsageError(
                f"In questa cartella non trovo «{stem}» (.docx, .pdf, .txt o .md). Ci metta i due testi con questi nomi, "
                "oppure li indichi: rodiff messaggio VECCHIO NUOVO --dati messaggio.yaml"
            )
        found.append(str(matches[0]))
    return found[0], found[1]


@main.command("modelli", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@common_options
def modelli(silenzioso: bool, debug: bool) -> int:
    """Elenca i modelli disponibili per il messaggio municipale."""
    from ..messaggio import list_templates

    templates = list_templates()
    for info in templates:
        click.echo(f"{info.name:<22} {', '.join(info.formats):<16} {info.description}")
    Reporter(silenzioso).say(f"Modelli trovati: {len(templates)} (cartella {templates[0].folder if templates else '-'}).")
    return 0


@main.command("nuovo", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("cartella", metavar="CARTELLA")
@common_options
def nuovo_cmd(cartella: str, silenzioso: bool, debug: bool) -> int:
    """Prepara una cartella per una revisione: messaggio.yaml (con ogni campo spiegato),
    osservazioni.yaml e LEGGIMI.md. Non sovrascrive mai file esistenti."""
    from ..session.folder import create_revision_folder

    written = create_revision_folder(Path(cartella))
    reporter = Reporter(silenzioso)
    for path in written:
        reporter.say(f"Scritto: {path}")
    reporter.say(f"Cartella pronta: {cartella}. Legga {Path(cartella) / 'LEGGIMI.md'} per i passi successivi.")
    return 0


@main.command("revisioni", context_settings=CONTEXT, options_metavar="[OPZIONI]")
@click.argument("vecchio", metavar="VECCHIO")
@click.argument("nuovo", metavar="NUOVO")
@click.option(
    "--autore", default="rodiff", show_default=True, metavar="NOME", help="Nome dell'autore delle revisioni, come lo mostra Word."
)
@click.option(
    "--commenti",
    "notes_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="File YAML delle osservazioni: diventano commenti Word sui titoli degli articoli.",
)
@output_options("File da scrivere (predefinito: output/ROD-revisioni.docx).")
@common_options
def revisioni(
    vecchio: str,
    nuovo: str,
    output: Path | None,
    autore: str,
    notes_file: Path | None,
    sovrascrivi: bool,
    silenzioso: bool,
    debug: bool,
) -> int:
    """Scrive il nuovo regolamento come documento Word con le revisioni (modifiche rilevate):
    accettandole tutte si ottiene il testo proposto, rifiutandole tutte il testo in vigore."""
    from ..align import align
    from ..compare.notes import check_notes, read_notes
    from ..render.revisioni_docx import render_revisions_docx

    reporter = Reporter(silenzioso)
    notes = read_notes(notes_file) if notes_file else {}
    target = output or default_output("ROD-revisioni.docx")
    inputs = [*_paths(vecchio, nuovo), *([notes_file] if notes_file else [])]
    check_output(target, inputs, sovrascrivi)
    old, new = _read_two(reporter, vecchio, nuovo, 4)
    reporter.step(3, 4, "Allineamento degli articoli")
    alignment = align(old, new)
    if notes_file:
        check_notes(notes, alignment, notes_file)
    reporter.step(4, 4, f"Scrittura di «{target.name}»")
    template = Path(nuovo) if new.source_kind == "docx" else None  # keep its page setup and styles
    document = render_revisions_docx(alignment, autore, commenti=notes or None, template=template)
    write_atomic(target, document, inputs=inputs, overwrite=sovrascrivi)
    _warn_if_unrelated(reporter, alignment)
    from ..italiano import summary_sentence

    reporter.say(summary_sentence(alignment.counts()))
    reporter.say(f"Scritto il regolamento con le revisioni di «{autore}»: {target}")
    return 0


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
