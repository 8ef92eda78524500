"""The messaggio as values: the YAML data joined with what the two texts say, built once.

``build_messaggio`` takes the alignment and ``DatiMessaggio`` and returns a frozen
``Messaggio``: the summary (counts, new, repealed and renumbered articles), one view per
touched article (heading, status, the dispositivo's wording, osservazione, confronto rows),
the themes with their articles, the full confronto for the allegato, the dispositivo and
the warnings to show on the terminal. The stages it needs (dispositivo, confronto tables,
rodiff's automatic osservazioni) can be handed in already computed, so that a session
runs each of them once; ``Messaggio.context()`` is what a template sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from ..align import Alignment, ArticlePair
from ..compare import Style
from ..compare.notes import automatic_notes, note_text
from ..compare.table import Confronto, Row, build_confronto
from ..diff import Diffs
from ..italiano import STATUS_LABELS, italian_date, join_it, summary_sentence
from ..model import Article
from .data import DatiMessaggio
from .dispositivo import (
    DEFAULT_REGULATION,
    Change,
    Dispositivo,
    build_dispositivo,
    describe,
    is_total_revision,
    numbering_gap_news,
    regulation_name,
)

LABELS: dict[str, tuple[str, ...]] = {
    "articoli": ("Versione attuale", "Proposta di modifica"),
    "frammenti": ("Attuale", "Proposto in adozione"),
    "completo": ("ROD in vigore", "Nuovo ROD", "Osservazioni"),
}

ConfrontoBuilder = Callable[[Style, tuple[str, ...]], Confronto]


@dataclass(frozen=True)
class ArticoloView:
    """One touched article as the templates show it."""

    chiave: str  # new number, or "vecchio N"
    numero: str  # "12"; the old number for a repealed article
    intestazione: str  # "Art. 12 Funzione stabile"
    stato: str  # "modificato", "nuovo", "abrogato", ...
    modifica: str  # as the dispositivo lists it: "24 cpv. 1, 6 e 8 (nuovo)"
    nota: str  # the osservazione (from the file, or rodiff's proposal)
    righe: tuple[Row, ...]  # the confronto rows of this article
    etichette: tuple[str, ...]  # the column labels


@dataclass(frozen=True)
class TemaView:
    titolo: str
    commento: str
    articoli: tuple[ArticoloView, ...]


@dataclass(frozen=True)
class Avviso:
    """Something to check before the message goes out (terminal only, never printed)."""

    testo: str
    riga: int | None = None

    def __str__(self) -> str:
        return f"riga {self.riga}: {self.testo}" if self.riga else self.testo


@dataclass(frozen=True)
class Segnaposto:
    """A field of messaggio.yaml still holding the example text of «rodiff nuovo»."""

    campo: str  # "firmatari.sindaco", "temi[1].commento"
    testo: str  # the text as it stands: "Nome Cognome"

    def __str__(self) -> str:
        return f"{self.campo} (ora: «{_shortened(self.testo)}»)"


def _shortened(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Messaggio:
    """Everything a template can use (see ``context``)."""

    dati: DatiMessaggio
    dispositivo: Dispositivo
    temi: tuple[TemaView, ...]
    altre_modifiche: tuple[ArticoloView, ...]
    articoli: tuple[ArticoloView, ...]
    confronto: Confronto  # the full table ("completo"), for the allegato
    riepilogo: str
    conteggi: Mapping[str, int]
    nuovi: tuple[str, ...]
    abrogati: tuple[str, ...]
    rinumerati: tuple[str, ...]  # "11 → 12"
    rinomine: tuple[tuple[str, str], ...]
    avvisi: tuple[Avviso, ...] = field(default_factory=tuple)
    da_compilare: tuple[Segnaposto, ...] = field(default_factory=tuple)  # placeholders of «rodiff nuovo» left as they are

    @property
    def totale(self) -> bool:
        return self.dispositivo.total

    def context(self) -> dict[str, Any]:
        """The variables of a template (documented in templates/messaggio/LEGGIMI.md)."""
        dati = self.dati
        regulation = dati.regolamento
        return {
            "comune": dati.comune,
            "numero": dati.numero,
            "anno": dati.anno,
            "mm": f"{dati.numero}/{dati.anno}",
            "risoluzione": dati.risoluzione,
            "commissioni": list(dati.commissioni),
            "per_esame": per_esame(dati.commissioni),
            "oggetto": dati.oggetto or default_subject(self.totale, regulation, dati.comune),
            "regolamento": regulation,
            "premessa": dati.premessa,
            "scopo": dati.scopo,
            "considerazioni": dati.considerazioni,
            "conclusioni": dati.conclusioni,
            "temi": list(self.temi),
            "altre_modifiche": list(self.altre_modifiche),
            "articoli": list(self.articoli),
            "totale": self.totale,
            "dispositivo": dispositivo_points(self),
            "dispositivo_articoli": self.dispositivo.sentence,
            "entrata_in_vigore": entry_into_force_sentence(dati.entrata_in_vigore, self.totale, regulation),
            "riepilogo": self.riepilogo,
            "conteggi": dict(self.conteggi),
            "nuovi": list(self.nuovi),
            "abrogati": list(self.abrogati),
            "rinumerati": list(self.rinumerati),
            "rinomine": list(self.rinomine),
            "firmatari": dati.firmatari,
            "allegati": list(dati.allegati),
            "confronto_completo": self.confronto,
            "motivi_completi": all(view.nota.strip() for view in self.articoli),
        }


def build_messaggio(
    alignment: Alignment,
    data: DatiMessaggio,
    *,
    dispositivo: Dispositivo | None = None,
    confronto: ConfrontoBuilder | None = None,
    proposals: Mapping[str, str] | None = None,
    notes: Mapping[str, str] | None = None,
    renamings: Sequence[tuple[str, str]] = (),
    extra_warnings: Iterable[str | Avviso] = (),
) -> Messaggio:
    """Join the YAML data with what the documents say (summary, confronto, dispositivo).

    ``dispositivo`` (built here if None), ``confronto(style, labels)`` (a table builder,
    which a session caches; by default ``build_confronto``) and ``proposals`` (rodiff's
    automatic osservazioni by pair key; computed here if None) let the caller run each
    stage once. ``extra_warnings`` (cross-reference findings of ``rinvii``) are appended
    to the warnings as they are.
    """
    notes = notes or {}
    if dispositivo is None:
        total = None if data.revisione is None else data.revisione == "totale"
        dispositivo = build_dispositivo(alignment, total=total, regulation=data.regolamento, commune=data.comune)
    if confronto is None or proposals is None:
        diffs = Diffs()
        proposals = automatic_notes(alignment, diffs) if proposals is None else proposals
        confronto = confronto or _confronto_builder(alignment, notes, proposals, diffs)
    style: Style = data.stile_confronto
    views = _article_views(alignment, dispositivo, confronto(style, LABELS[style]), notes, proposals, LABELS[style])
    themes = []
    mentioned: set[str] = set()
    for theme in data.temi:
        mentioned.update(theme.articoli)
        themes.append(TemaView(theme.titolo, theme.commento, tuple(views[key] for key in theme.articoli if key in views)))
    counts = alignment.counts()
    message = Messaggio(
        dati=data,
        dispositivo=dispositivo,
        temi=tuple(themes),
        altre_modifiche=tuple(view for key, view in views.items() if key not in mentioned),
        articoli=tuple(views.values()),
        confronto=confronto("completo", LABELS["completo"]),
        riepilogo=summary_sentence(counts),
        conteggi={STATUS_LABELS[status]: count for status, count in counts.items()},
        nuovi=tuple(str(c.number) for c in dispositivo.of_kind("nuovo")),
        abrogati=tuple(str(c.number) for c in dispositivo.of_kind("abrogato")),
        rinumerati=tuple(_renumbered(alignment)),
        rinomine=tuple(renamings),
    )
    return replace(message, avvisi=tuple(_warnings(alignment, data, message, extra_warnings)), da_compilare=placeholders(data))


def _confronto_builder(
    alignment: Alignment, notes: Mapping[str, str], proposals: Mapping[str, str], diffs: Diffs
) -> ConfrontoBuilder:
    """``build_confronto`` for one message, sharing the proposals and the word diffs."""

    def build(style: Style, labels: tuple[str, ...]) -> Confronto:
        return build_confronto(alignment, style, notes, labels, proposals=proposals, diffs=diffs)

    return build


def _article_views(
    alignment: Alignment,
    dispositivo: Dispositivo,
    fragments: Confronto,
    notes: Mapping[str, str],
    proposals: Mapping[str, str],
    labels: tuple[str, ...],
) -> dict[str, ArticoloView]:
    """A view per touched article, by pair key, in the order of the alignment."""
    by_key = {change.key: change for change in dispositivo.changes}
    rows_by_key: dict[str, list[Row]] = {}
    for row in fragments.rows:
        if row.kind == "article":
            rows_by_key.setdefault(row.key, []).append(row)
    views: dict[str, ArticoloView] = {}
    for pair in alignment.pairs:
        if pair.status != "unchanged":
            note = note_text(notes, pair.key) or proposals.get(pair.key, "")  # notes per capoverso as "cpv. 2: …"
            views[pair.key] = _article_view(pair, by_key.get(pair.key), rows_by_key.get(pair.key, []), note, labels)
    return views


def _article_view(pair: ArticlePair, change: Change | None, rows: list[Row], note: str, labels: tuple[str, ...]) -> ArticoloView:
    article: Article = pair.new[0] if pair.new else pair.old[0]
    title = article.title.strip().rstrip(":").strip()
    heading = article.display_heading + (f" {title}" if title else "")
    return ArticoloView(
        chiave=pair.key,
        numero=str(article.number),
        intestazione=heading,
        stato=STATUS_LABELS[pair.status],
        modifica=describe(change) if change else str(article.number),
        nota=note,
        righe=tuple(rows),
        etichette=labels,
    )


def _renumbered(alignment: Alignment) -> list[str]:
    found = []
    for pair in alignment.pairs:
        if pair.old and pair.new and len(pair.old) == 1 and len(pair.new) == 1 and pair.old[0].number != pair.new[0].number:
            found.append(f"{pair.old[0].number} → {pair.new[0].number}")
    return found


# ------------------------------------------------------------------ Italian sentences


def per_esame(commissions: Sequence[str]) -> str:
    """ "Per esame alla Commissione della gestione"; "... alle Commissioni della gestione e
    delle petizioni" when all are named "Commissione ..."."""
    names = [" ".join(name.split()) for name in commissions if name.strip()]
    if not names:
        return ""
    if len(names) == 1:
        return f"Per esame alla {names[0]}"
    prefix = "Commissione "
    if all(name.startswith(prefix) for name in names):
        return "Per esame alle Commissioni " + join_it(name[len(prefix) :] for name in names)
    return "Per esame alle " + join_it(names)


def default_subject(total: bool, regulation: str = DEFAULT_REGULATION, commune: str = "") -> str:
    name = regulation_name(regulation, commune)
    if total:
        return f"Concernente l'adozione del nuovo {name}"
    return f"Chiedente la modifica di alcuni articoli del {name}"


def entry_into_force_sentence(value: str | dt.date, total: bool, regulation: str = DEFAULT_REGULATION) -> str:
    """ "Le modifiche ... entrano in vigore il 1° gennaio 2024." or with the YAML words."""
    subject = f"Il nuovo {regulation} entra" if total else f"Le modifiche del {regulation} entrano"
    if isinstance(value, dt.date):
        return f"{subject} in vigore il {italian_date(value)}."
    text = " ".join(value.split()).rstrip(".;")
    if text[:1].isupper():
        return text + "."  # a whole sentence, as the secretary wrote it
    return f"{subject} in vigore {text}."


def dispositivo_points(message: Messaggio) -> list[str]:
    """The numbered points after "r i s o l v e r e:"."""
    points = []
    if message.dispositivo.sentence:
        points.append(message.dispositivo.sentence)
    points.append(entry_into_force_sentence(message.dati.entrata_in_vigore, message.totale, message.dati.regolamento))
    return points


# ------------------------------------------------------------------------ placeholders

# The fields whose example value in the skeleton of «rodiff nuovo» (templates/cartella/messaggio.yaml)
# stands for text to write (``_fields``): left as it is, the message would print "Nome Cognome".
# Other example values (premessa, conclusioni, entrata in vigore) are sentences a commune may keep.


def placeholders(data: DatiMessaggio) -> tuple[Segnaposto, ...]:
    """The fields of ``data`` still holding the skeleton's example text, in the file's order."""
    skeleton = _skeleton()
    found = []
    for name, value, example in _fields(data, skeleton):
        if value and value == example:
            found.append(Segnaposto(name, value))
    return tuple(found)


def _fields(data: DatiMessaggio, skeleton: DatiMessaggio) -> Iterable[tuple[str, str, str]]:
    """(field, value, the skeleton's value) for every field that must not keep its example text."""
    yield "comune", data.comune, skeleton.comune
    if data.risoluzione == skeleton.risoluzione:  # both the number and the date of the example
        yield "risoluzione.numero", data.risoluzione.numero, skeleton.risoluzione.numero
        yield "risoluzione.data", italian_date(data.risoluzione.data), italian_date(skeleton.risoluzione.data)
    yield "scopo", data.scopo, skeleton.scopo
    examples = {text for theme in skeleton.temi for text in (theme.titolo, theme.commento)}
    for index, theme in enumerate(data.temi, start=1):
        if theme.commento in examples:
            yield f"temi[{index}].commento", theme.commento, theme.commento
    yield "firmatari.sindaco", data.firmatari.sindaco, skeleton.firmatari.sindaco
    yield "firmatari.segretario", data.firmatari.segretario, skeleton.firmatari.segretario


@cache
def _skeleton() -> DatiMessaggio:
    """The data of the skeleton «rodiff nuovo» writes: its example values are the placeholders."""
    from importlib.resources import files

    from .data import parse_messaggio_data

    return parse_messaggio_data(files("rodiff.templates").joinpath("cartella", "messaggio.yaml").read_text(encoding="utf-8"))


def unfilled_message(found: Sequence[Segnaposto], source: str) -> str:
    """The Italian error listing the fields to fill (``rodiff messaggio`` without ``--bozza``)."""
    fields = "\n".join(f"  - {placeholder}" for placeholder in found)
    return (
        f"Nel file «{source}» alcuni campi hanno ancora il testo d'esempio di «rodiff nuovo»; li completi:\n{fields}\n"
        "Per una bozza da rivedere, con questi testi evidenziati in giallo nel documento Word, aggiunga --bozza."
    )


# --------------------------------------------------------------------------- warnings


def _warnings(alignment: Alignment, data: DatiMessaggio, message: Messaggio, extra: Iterable[str | Avviso]) -> list[Avviso]:
    """What to check before the message goes out, for the terminal (never printed in it)."""
    found = list(_theme_warnings(alignment, data))
    if data.temi and message.altre_modifiche and not message.totale:
        numbers = [view.chiave for view in message.altre_modifiche]
        found.append(
            Avviso(
                f"Articoli modificati che nessun tema commenta ({len(numbers)}): {join_it(numbers)}. "
                "Compaiono nella sezione «Altre modifiche»."
            )
        )
    for number in numbering_gap_news(alignment):
        found.append(
            Avviso(
                f"L'art. {number} risulta nuovo, ma il testo in vigore salta proprio quel numero: se il testo "
                "in vigore è incompleto (frammenti), l'articolo è forse soltanto modificato. Verifichi il dispositivo."
            )
        )
    if data.revisione == "parziale" and is_total_revision(alignment):
        found.append(Avviso("Il file indica «revisione: parziale», ma la revisione tocca più della metà degli articoli."))
    found.extend(item if isinstance(item, Avviso) else Avviso(str(item)) for item in extra)
    return found


def _theme_warnings(alignment: Alignment, data: DatiMessaggio) -> Iterable[Avviso]:
    """A theme citing an article the revision does not touch, or that does not exist."""
    old_numbers = {article.number.normalised for article in alignment.old.articles()}
    for theme in data.temi:
        for key in theme.articoli:
            pair = alignment.pair_by_key(key)
            where = f"il tema «{theme.titolo}» cita l'art. {key}"
            if key.startswith("vecchio "):
                where = f"il tema «{theme.titolo}» cita il vecchio art. {key.split()[-1]}"
            if pair is None:
                if key.startswith("vecchio ") and key.split()[-1] in old_numbers:
                    problem = "che la revisione non abroga: nel nuovo testo ha un altro numero"
                elif key.startswith("vecchio "):
                    problem = "che il testo in vigore non ha"
                else:
                    problem = "che il nuovo testo non ha"
                yield Avviso(f"{where}, {problem}.", theme.riga)
            elif pair.status == "unchanged":
                yield Avviso(f"{where}, che la revisione non modifica.", theme.riga)
