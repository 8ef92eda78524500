"""Commands on a revision (the text in force and the proposal), each a few lines on a ``Revisione``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click
from click import UsageError

from ..compare import DEFAULT_LABELS, STYLES, Style
from ..errors import InputError
from ..italiano import summary_sentence
from ..render.formats import DOCUMENT_FORMATS
from ..render.output import Output, check_output, check_outputs, default_output, write_all, write_atomic
from .options import (
    command,
    common_options,
    document_format_option,
    notes_option,
    output_format,
    output_options,
    text_format_options,
    texts_arguments,
)
from .reporter import Reporter, end_progress

# The session (and through it the alignment, the diff, the references and the messaggio) is
# imported by the commands when they run, so that «rodiff --help» needs only click.
if TYPE_CHECKING:
    from ..messaggio import Formato
    from ..session import Correction, Revisione, Sources
    from ..xref import Finding


def _open(reporter: Reporter, sources: Sources, estratto: bool = False) -> Revisione:
    from ..session import Revisione

    return Revisione.from_sources(sources, estratto=estratto, progress=reporter)


def _sources(vecchio: str, nuovo: str | None, notes_file: Path | None = None) -> Sources:
    from ..session import Sources

    return Sources(Path(vecchio), Path(nuovo) if nuovo else None, notes_file)


def _say_notice(reporter: Reporter, revisione: Revisione) -> None:
    if revisione.notice:
        reporter.say(revisione.notice)


@command("allinea")
@texts_arguments
@text_format_options()
@common_options
def allinea(vecchio: str, nuovo: str | None, formato: str, silenzioso: bool) -> int:
    """Mostra quale articolo del testo in vigore (VECCHIO) corrisponde a quale articolo
    della proposta (NUOVO), riconoscendoli dal contenuto anche se rinumerati. Al posto dei
    due file si può dare un solo documento Word con le revisioni (modifiche rilevate).

    Esiti: invariato, modificato, rinumerato (solo il numero e i rinvii cambiano),
    rinumerato e modificato, nuovo, abrogato, spostato, suddiviso, unito ad altri.
    """
    reporter = Reporter(silenzioso, steps=3)
    revisione = _open(reporter, _sources(vecchio, nuovo))
    reporter.step("Allineamento degli articoli")
    from ..render.alignment import render_alignment_json, render_alignment_table

    render = render_alignment_json if formato == "json" else render_alignment_table
    click.echo(reporter.output(render(revisione.alignment)), nl=False)
    _say_notice(reporter, revisione)
    reporter.say("Allineamento completato: nessun file scritto, il risultato è qui sopra.")
    return 0


@command("confronto")
@texts_arguments
@click.option(
    "--stile",
    type=click.Choice(STYLES),
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
@click.option(
    "--note-tecniche", is_flag=True, help="Aggiunge in testa la data di generazione e il conteggio degli articoli per stato."
)
@click.option("--autore", default="", metavar="NOME", help="Autore del documento nelle proprietà del file (Word).")
@output_options("File da scrivere (predefinito: output/confronto.<formato>).")
@common_options
def confronto(
    vecchio: str,
    nuovo: str | None,
    stile: str,
    formato: str | None,
    output: Path | None,
    notes_file: Path | None,
    etichette: str | None,
    senza_proposte: bool,
    note_tecniche: bool,
    autore: str,
    sovrascrivi: bool,
    silenzioso: bool,
) -> int:
    """Scrive la tabella di confronto tra il testo in vigore (VECCHIO) e la proposta (NUOVO).

    Gli articoli sono abbinati per contenuto (anche se rinumerati); nel testo proposto le
    parole tolte sono barrate e quelle nuove sottolineate a colori. Al posto dei due file si
    può dare un solo documento Word con le revisioni (modifiche rilevate).
    """
    reporter = Reporter(silenzioso, steps=4)
    style = cast("Style", stile)
    labels = _labels(etichette, DEFAULT_LABELS[style])
    formato = output_format(formato, output)
    document_format = DOCUMENT_FORMATS[formato]
    sources = _sources(vecchio, nuovo, notes_file)
    target = output or default_output(f"confronto.{document_format.extension}")
    check_output(target, sources.inputs, sovrascrivi)
    revisione = _open(reporter, sources)
    reporter.step("Allineamento degli articoli")
    table = revisione.confronto(style, labels, proposals=not senza_proposte)
    table = replace(table, technical_notes=note_tecniche, author=autore)
    reporter.step(f"Scrittura di «{target.name}»")
    write_atomic(target, document_format.render_confronto(table), inputs=sources.inputs, overwrite=sovrascrivi)
    _say_notice(reporter, revisione)
    reporter.say(summary_sentence(table.summary))
    if table.omitted:
        reporter.say(table.omitted)
    reporter.say(f"Scritta la tabella di confronto ({document_format.name}, stile {stile}): {target}")
    return 0


def _labels(option: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    if not option:
        return default
    labels = tuple(part.strip() for part in option.split("|"))
    if len(labels) != len(default) or not all(labels):
        raise UsageError(
            f'--etichette vuole {len(default)} intestazioni separate da «|» per questo stile, per esempio "{"|".join(default)}".'
        )
    return labels


@command("osservazioni")
@texts_arguments
@output_options("File da scrivere (predefinito: output/osservazioni.yaml).")
@common_options
def osservazioni(vecchio: str, nuovo: str | None, output: Path | None, sovrascrivi: bool, silenzioso: bool) -> int:
    """Prepara il file delle osservazioni da completare: una riga per articolo, con le
    proposte di rodiff dove la modifica è meccanica (per esempio «Adattamento numerazione.»).
    Poi: rodiff confronto VECCHIO NUOVO --osservazioni FILE.
    """
    reporter = Reporter(silenzioso, steps=3)
    sources = _sources(vecchio, nuovo)
    from ..compare.notes import notes_skeleton
    from ..session.folder import NOTES_FILE

    target = output or default_output(NOTES_FILE)
    check_output(target, sources.inputs, sovrascrivi)
    revisione = _open(reporter, sources)
    reporter.step("Allineamento degli articoli")
    skeleton = notes_skeleton(revisione.alignment, revisione.proposals)
    write_atomic(target, skeleton, inputs=sources.inputs, overwrite=sovrascrivi)
    reporter.say(f"Scritto il file delle osservazioni da completare: {target}")
    reporter.say(f"Poi: rodiff confronto {vecchio} {nuovo} --osservazioni {target}")
    return 0


@command("rinvii")
@click.argument("nuovo", metavar="NUOVO")
@click.option(
    "--vecchio",
    "vecchio",
    metavar="VECCHIO",
    help="Il testo in vigore: i rinvii rimasti alla vecchia numerazione vengono segnalati.",
)
@text_format_options()
@click.option("--estratto", is_flag=True, help="I testi sono estratti: non segnala i rinvii ad articoli che non contengono.")
@click.option("--correggi", is_flag=True, help="Scrive il testo (o il documento Word) con i rinvii superati corretti (serve -o).")
@output_options("File da scrivere con --correggi.")
@common_options
def rinvii(
    nuovo: str,
    vecchio: str | None,
    formato: str,
    estratto: bool,
    correggi: bool,
    output: Path | None,
    sovrascrivi: bool,
    silenzioso: bool,
) -> int:
    """Controlla i rinvii interni («art. 26 cpv. 2») del regolamento NUOVO.

    Da solo: ogni rinvio deve puntare a un articolo, capoverso e lettera esistenti. Con
    --vecchio: segnala anche i rinvii rimasti alla vecchia numerazione (superati), quelli che
    puntano a testo abrogato e quelli il cui articolo ha cambiato argomento, con la correzione
    proposta. Esce con codice 1 se trova qualcosa da controllare, 0 se è tutto in ordine.
    """
    reporter = Reporter(silenzioso, steps=3)
    if correggi and output is None:
        raise UsageError("--correggi vuole anche -o FILE: il file in cui scrivere il testo corretto.")
    if output is not None and not correggi:
        raise UsageError("-o scrive il testo corretto, e serve solo con --correggi: aggiunga --correggi, oppure tolga -o.")
    source = Path(nuovo)
    from ..session import PDF_NOT_FIXABLE, Sources, correct, read_document

    sources = Sources(Path(vecchio), source) if vecchio else Sources(source)
    if output is not None:  # given only with --correggi (checked above)
        check_output(output, sources.inputs, sovrascrivi)
    if vecchio:
        revisione = _open(reporter, sources, estratto)
        reporter.step("Controllo dei rinvii")
        new, findings = revisione.nuovo, revisione.rinvii
    else:
        from ..xref import check_alone

        new = read_document(source, reporter)
        findings = check_alone(new, partial=estratto)
    from ..xref import external_references

    _echo_findings(findings, formato, external_references(new))
    if output is not None:
        if new.source_kind == "pdf":
            raise UsageError(PDF_NOT_FIXABLE)
        _write_correction(reporter, correct(source, new, findings), output, sources, sovrascrivi)
    else:
        reporter.say("Controllo dei rinvii completato: nessun file scritto, il risultato è qui sopra.")
    return 1 if findings else 0


def _echo_findings(findings: list[Finding], formato: str, extra: dict[str, object] | None = None) -> None:
    from ..xref import findings_json, format_report

    end_progress()  # the results go on stdout: the progress line ends first
    if formato == "json":
        import json  # only for --json: the text report needs no JSON

        click.echo(json.dumps({**findings_json(findings), **(extra or {})}, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(findings), nl=False)


def _write_correction(reporter: Reporter, correction: Correction, output: Path, sources: Sources, overwrite: bool) -> None:
    write_atomic(output, correction.content, inputs=sources.inputs, overwrite=overwrite, check=correction.check)
    for rewrite in correction.result.rewrites:
        reporter.say(f"  corretto {rewrite.message}")
    for finding, reason in correction.result.skipped:
        reporter.say(f"  non corretto: {finding.message} ({reason})")
    reporter.say(f"Scritto il testo con {len(correction.result.rewrites)} rinvii corretti: {output}")


@command("termini")
@texts_arguments
@text_format_options()
@common_options
def termini(vecchio: str, nuovo: str | None, formato: str, silenzioso: bool) -> int:
    """Trova le ridenominazioni applicate dalla revisione in più articoli (per esempio
    «Aziende municipalizzate» → «Azienda comunale») e i punti del testo NUOVO dove il vecchio
    termine è rimasto. Esce con codice 1 se ne trova.
    """
    reporter = Reporter(silenzioso, steps=3)
    revisione = _open(reporter, _sources(vecchio, nuovo))
    reporter.step("Ricerca delle ridenominazioni")
    renamings, findings = revisione.renamings, revisione.termini
    end_progress()
    if formato == "json":
        places = [{"old": r.old, "new": r.new, "articles": list(r.places)} for r in renamings]
        _echo_findings(findings, formato, {"renamings": places})
    else:
        if not renamings:
            click.echo("Nessuna ridenominazione ricorrente trovata.")
        for renaming in renamings:
            click.echo(f"«{renaming.old}» → «{renaming.new}» (artt. {', '.join(renaming.places)})")
        click.echo("")
        _echo_findings(findings, formato)
    reporter.say("Controllo dei termini completato: nessun file scritto, il risultato è qui sopra.")
    return 1 if findings else 0


@command("messaggio")
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
@click.option(
    "--bozza",
    is_flag=True,
    help="Scrive il messaggio anche se messaggio.yaml ha ancora testi d'esempio (per esempio «Nome Cognome»): "
    "nel documento Word sono evidenziati in giallo.",
)
@output_options("File da scrivere (predefinito: output/messaggio.<formato>).")
@common_options
def messaggio(
    vecchio: str | None,
    nuovo: str | None,
    dati: Path | None,
    modello: str | None,
    formato: str | None,
    notes_file: Path | None,
    report: Path | None,
    bozza: bool,
    output: Path | None,
    sovrascrivi: bool,
    silenzioso: bool,
) -> int:
    """Scrive la bozza del messaggio municipale, con il dispositivo calcolato dai due testi.

    VECCHIO e NUOVO sono il regolamento in vigore e la proposta. In una cartella preparata
    con «rodiff nuovo» bastano «rodiff messaggio»: i testi (regolamento-in-vigore.* e
    regolamento-proposto.*), messaggio.yaml e osservazioni.yaml vengono cercati lì. Gli avvisi
    (rinvii da correggere, articoli citati ma non modificati) sono mostrati qui, non stampati.
    """
    reporter = Reporter(silenzioso, steps=4)
    old, new = _texts_here(vecchio, nuovo)
    from ..session import Sources
    from ..session.folder import NOTES_FILE

    if notes_file is None and dati is None and Path(NOTES_FILE).is_file():
        notes_file = Path(NOTES_FILE)
    from ..messaggio.data import DATA_FILE

    sources = Sources(old, new, notes_file, dati or Path(DATA_FILE))
    formato = output_format(formato, output)
    document_format = DOCUMENT_FORMATS[formato]
    target = output or default_output(f"messaggio.{document_format.extension}")
    check_outputs([target, *([report] if report else [])], sources.inputs, sovrascrivi)  # before any reading
    revisione = _open(reporter, sources)
    reporter.step("Allineamento, rinvii e termini")
    message = revisione.messaggio
    if message.da_compilare and not bozza:
        from ..messaggio.build import unfilled_message

        raise InputError(unfilled_message(message.da_compilare, message.dati.fonte))
    reporter.step(f"Scrittura di «{target.name}»")
    from ..messaggio import render_messaggio

    document = render_messaggio(message, modello, cast("Formato", "docx" if formato == "pdf" else formato))
    if formato == "pdf":
        from ..render.pdf import docx_to_pdf

        document = docx_to_pdf(cast("bytes", document), "messaggio")
    warnings = [str(warning) for warning in message.avvisi]
    warnings += [f"Campo da completare in {message.dati.fonte}: {field}" for field in message.da_compilare]
    outputs = [Output(target, document)]
    if report is not None:
        text = "\n".join(["Avvisi per il messaggio municipale", "", *(f"- {w}" for w in warnings or ["Nessun avviso."])]) + "\n"
        outputs.append(Output(report, text))
    write_all(outputs, inputs=sources.inputs, overwrite=sovrascrivi)  # both files, or neither
    _say_notice(reporter, revisione)
    if warnings:
        reporter.say(f"Avvisi da controllare prima della firma ({len(warnings)}; non sono stampati nel messaggio):")
        for warning in warnings:
            reporter.say(f"  - {warning}")
    if report is not None:
        reporter.say(f"Scritto il rapporto di controllo: {report}")
    reporter.say(f"Scritto il messaggio municipale ({document_format.name}): {target}")
    return 0


def _texts_here(vecchio: str | None, nuovo: str | None) -> tuple[Path, Path]:
    """The two texts: as given, or found in the current folder (a folder made by «rodiff nuovo»)."""
    if vecchio and nuovo:
        return Path(vecchio), Path(nuovo)
    if vecchio or nuovo:
        raise UsageError("Indichi entrambi i testi, VECCHIO e NUOVO, oppure nessuno dei due (nella cartella della revisione).")
    try:
        from ..session import revision_texts

        return revision_texts(Path("."))
    except InputError as error:
        raise UsageError(error.message) from error  # a matter of arguments, shown with the usage line


REVISIONS_FORMATS = ("docx", "pdf")


@command("revisioni")
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
    help="File YAML delle osservazioni: diventano commenti Word sui titoli degli articoli (o sul capoverso cui si riferiscono).",
)
@click.option(
    "--formato",
    type=click.Choice(REVISIONS_FORMATS),
    default=None,
    help="docx (Word, predefinito) o pdf (le revisioni stampate a colori, tramite LibreOffice). "
    "Senza --formato vale l'estensione del file dato con -o.",
)
@output_options("File da scrivere (predefinito: output/ROD-revisioni.docx).")
@common_options
def revisioni(
    vecchio: str,
    nuovo: str,
    output: Path | None,
    autore: str,
    notes_file: Path | None,
    formato: str | None,
    sovrascrivi: bool,
    silenzioso: bool,
) -> int:
    """Scrive il nuovo regolamento come documento Word con le revisioni (modifiche rilevate):
    accettandole tutte si ottiene il testo proposto, rifiutandole tutte il testo in vigore."""
    from ..render.revisioni_docx import render_revisions_docx

    reporter = Reporter(silenzioso, steps=4)
    sources = _sources(vecchio, nuovo, notes_file)
    formato = output_format(formato, output, REVISIONS_FORMATS)
    target = output or default_output(f"ROD-revisioni.{formato}")
    check_output(target, sources.inputs, sovrascrivi)
    revisione = _open(reporter, sources)
    reporter.step("Allineamento degli articoli")
    notes = revisione.osservazioni
    reporter.step(f"Scrittura di «{target.name}»")
    template = Path(nuovo) if revisione.nuovo.source_kind == "docx" else None  # keep its page setup and styles
    document = render_revisions_docx(
        revisione.alignment, autore, commenti=notes or None, template=template, diffs=revisione.diffs
    )
    if formato == "pdf":
        from ..render.pdf import docx_to_pdf

        document = docx_to_pdf(document, "revisioni")
    write_atomic(target, document, inputs=sources.inputs, overwrite=sovrascrivi)
    _say_notice(reporter, revisione)
    reporter.say(summary_sentence(revisione.alignment.counts()))
    reporter.say(f"Scritto il regolamento con le revisioni di «{autore}»: {target}")
    return 0
