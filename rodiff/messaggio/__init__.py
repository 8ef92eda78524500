"""The messaggio municipale: what only people know (a YAML file), what rodiff computes, and
the templates that put them together.

A revision of the ROD reaches the Consiglio comunale as a *messaggio municipale* (MM):
heading, salutation, premessa, scopo, sections per theme with fragments of the confronto
and a commento, conclusioni, the ritual closing, the dispositivo ("r i s o l v e r e"),
signatures, allegati. The secretary writes only the reasons; rodiff writes the rest:

- ``read_messaggio_data`` reads ``messaggio.yaml`` (comune, MM number and year,
  risoluzione municipale, commissioni, premessa and scopo in Markdown, temi with their
  commento and articles, entrata in vigore, firmatari, allegati) into ``DatiMessaggio``;
  every error names the line and the field, in Italian.
- ``build_context`` adds what comes from the documents: the summary (counts, new, repealed
  and renumbered articles), the confronto of each article, the dispositivo
  (``rodiff.dispositivo``).
- ``messaggio_warnings`` lists what the secretary should check (shown on the terminal,
  never printed in the document): a YAML article the revision does not touch, a changed
  article no theme comments, plus ``extra_warnings`` from other checks (cross-references).
- ``render_messaggio`` fills a template: a ``.docx`` with Jinja2 tags (rendered with
  docxtpl, so a commune can keep its own Word letterhead), or a ``.html.j2`` / ``.md.j2``
  text template (Jinja2, StrictUndefined, autoescape for HTML).

Templates live in ``templates/messaggio/``, packaged as ``rodiff.templates`` (see ``templates_dir``).
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from importlib.resources import files
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from ..align import Alignment, ArticlePair
from ..compare.table import Confronto, Line, Row, Style, build_confronto
from ..errors import InputError
from ..italiano import STATUS_LABELS, italian_date, join_it, parse_italian_date, summary_sentence, swiss_amount
from ..model import Article
from .dispositivo import DEFAULT_REGULATION, Change, Dispositivo, build_dispositivo, describe, numbering_gap_news

if TYPE_CHECKING:
    import yaml
    from jinja2 import Environment

Formato = Literal["docx", "html", "md"]
FORMATS: tuple[Formato, ...] = ("docx", "html", "md")
TEMPLATE_SUFFIXES: dict[Formato, str] = {"docx": ".docx", "html": ".html.j2", "md": ".md.j2"}
RevisionKind = Literal["parziale", "totale"]
FragmentStyle = Literal["articoli", "frammenti"]

PARTIAL_TEMPLATE = "revisione-parziale"
TOTAL_TEMPLATE = "revisione-totale"
DATA_FILE = "messaggio.yaml"

LABELS: dict[str, tuple[str, ...]] = {
    "articoli": ("Versione attuale", "Proposta di modifica"),
    "frammenti": ("Attuale", "Proposto in adozione"),
    "completo": ("ROD in vigore", "Nuovo ROD", "Osservazioni"),
}


# =============================================================================== data


@dataclass(frozen=True)
class Risoluzione:
    """The risoluzione municipale that adopts the message: "no. 1092 del 4 settembre 2023"."""

    numero: str
    data: dt.date


@dataclass(frozen=True)
class Firmatari:
    sindaco: str
    segretario: str


@dataclass(frozen=True)
class Tema:
    """A section of the message: a title, the reasons (Markdown), the articles it covers
    (new numbers, or "vecchio N" for a repealed one)."""

    titolo: str
    commento: str = ""
    articoli: tuple[str, ...] = ()
    riga: int = 0  # line of the theme in the YAML file, for warnings


@dataclass(frozen=True)
class DatiMessaggio:
    """What only people know, as written in ``messaggio.yaml``."""

    comune: str
    numero: str
    anno: int
    risoluzione: Risoluzione
    firmatari: Firmatari
    entrata_in_vigore: str | dt.date
    oggetto: str = ""
    commissioni: tuple[str, ...] = ()
    premessa: str = ""
    scopo: str = ""
    considerazioni: str = ""
    temi: tuple[Tema, ...] = ()
    conclusioni: str = ""
    allegati: tuple[str, ...] = ()
    revisione: RevisionKind | None = None  # None: decided from the documents
    stile_confronto: FragmentStyle = "articoli"
    regolamento: str = DEFAULT_REGULATION
    modello: str = ""  # template name or file; "" chooses by the kind of revision
    fonte: str = DATA_FILE  # the file name, for messages


# ----------------------------------------------------------------------- YAML reading

# field: (kind, required, example shown in errors)
_FIELDS: dict[str, tuple[str, bool, str]] = {
    "comune": ("testo", True, "Stabio"),
    "numero": ("testo", True, "29"),
    "anno": ("intero", True, "2023"),
    "risoluzione": ("risoluzione", True, "numero: 1092 e data: 2023-09-04"),
    "firmatari": ("firmatari", True, "sindaco: Nome Cognome e segretario: Nome Cognome"),
    "entrata_in_vigore": ("vigore", True, "con l'approvazione del Consiglio di Stato"),
    "oggetto": ("testo", False, "Revisione parziale del Regolamento organico dei dipendenti"),
    "commissioni": ("elenco", False, "- Commissione della gestione"),
    "premessa": ("testo", False, "un testo"),
    "scopo": ("testo", False, "un testo"),
    "considerazioni": ("testo", False, "un testo"),
    "temi": ("temi", False, "- titolo: ..."),
    "conclusioni": ("testo", False, "un testo"),
    "allegati": ("elenco", False, "- Tabella di confronto"),
    "revisione": ("scelta:parziale,totale", False, "parziale"),
    "stile_confronto": ("scelta:articoli,frammenti", False, "articoli"),
    "regolamento": ("testo", False, DEFAULT_REGULATION),
    "modello": ("testo", False, PARTIAL_TEMPLATE),
}
_RISOLUZIONE = {"numero": ("testo", True, "1092"), "data": ("data", True, "2023-09-04")}
_FIRMATARI = {"sindaco": ("testo", True, "Nome Cognome"), "segretario": ("testo", True, "Nome Cognome")}
_TEMA = {
    "titolo": ("testo", True, "Modifiche richieste dalla SEL"),
    "commento": ("testo", False, "un testo"),
    "articoli": ("articoli", False, "[1, 2, 19]"),
}
_ARTICLE_KEY = re.compile(r"^(?:(vecchio)\s+)?(?:art(?:icolo)?\.?\s*)?(\d+\s*[a-z]*)$", re.IGNORECASE)


def read_messaggio_data(path: Path) -> DatiMessaggio:
    """Read ``messaggio.yaml``; an Italian ``InputError`` names the line and the field."""
    if not path.is_file():
        raise InputError(
            f"Il file dei dati del messaggio «{path}» non esiste. Lo crei con «rodiff nuovo CARTELLA» "
            "e lo completi, oppure indichi il percorso giusto con --dati."
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"Il file «{path.name}» non è in UTF-8. Lo salvi come testo UTF-8.") from error
    return parse_messaggio_data(text, path.name)


def parse_messaggio_data(text: str, name: str = DATA_FILE) -> DatiMessaggio:
    """Read the YAML text of a messaggio (see ``read_messaggio_data``)."""
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else "?"
        raise InputError(
            f"Il file «{name}» non è scritto correttamente alla riga {line} ({error.problem}). "
            "Controlli i due punti, i rientri (spazi, non tabulazioni) e le virgolette su quella riga."
        ) from error
    except yaml.YAMLError as error:
        raise InputError(f"Il file «{name}» non è leggibile: {error}.") from error
    try:
        if root is None:
            raise InputError(f"Il file «{name}» è vuoto. Lo crei con «rodiff nuovo CARTELLA» e lo completi.")
        return _Reader(name, loader).messaggio(root)
    finally:
        loader.dispose()


class _Reader:
    """Walks the YAML node tree, converting values and naming line and field on errors."""

    def __init__(self, name: str, loader: yaml.SafeLoader) -> None:
        self.name = name
        self.loader = loader

    def fail(self, node: yaml.Node | None, path: str, problem: str) -> InputError:
        where = f"alla riga {node.start_mark.line + 1}, " if node is not None else ""
        return InputError(f"Nel file «{self.name}», {where}campo «{path}»: {problem}")

    def fields(self, node: yaml.Node, path: str, spec: Mapping[str, tuple[str, bool, str]]) -> dict[str, yaml.Node]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            example = "; ".join(f"{key}: {value[2]}" for key, value in list(spec.items())[:2])
            raise self.fail(node, path or "(inizio del file)", f"servono dei campi «nome: valore» (per esempio {example}).")
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(self.loader.construct_object(key_node, deep=True)).strip()
            full = f"{path}.{key}" if path else key
            if key not in spec:
                close = difflib.get_close_matches(key, list(spec), n=1)
                hint = f" Forse intendeva «{close[0]}»?" if close else " I campi possibili sono: " + ", ".join(spec) + "."
                raise self.fail(key_node, full, f"campo sconosciuto.{hint}")
            if key in found:
                raise self.fail(key_node, full, "il campo è scritto due volte.")
            found[key] = value_node
        for key, (_, required, example) in spec.items():
            if required and (key not in found or self.is_empty(found[key])):
                full = f"{path}.{key}" if path else key
                at = found.get(key, node)
                raise self.fail(at, full, f"manca, ed è obbligatorio (per esempio «{key}: {example}»).")
        return found

    def is_empty(self, node: yaml.Node) -> bool:
        import yaml

        return isinstance(node, yaml.ScalarNode) and self.loader.construct_object(node) in (None, "")

    def value(self, node: yaml.Node) -> Any:
        return self.loader.construct_object(node, deep=True)

    def text(self, node: yaml.Node, path: str) -> str:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, path, "deve essere un testo, non un elenco o un gruppo di campi.")
        value = self.value(node)
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return italian_date(value)
        return str(value).strip()

    def integer(self, node: yaml.Node, path: str) -> int:
        value = self.text(node, path)
        if not value.isdigit():
            raise self.fail(node, path, f"deve essere un numero intero (per esempio 2023), non «{value}».")
        return int(value)

    def date(self, node: yaml.Node, path: str) -> dt.date:
        import yaml

        value = self.value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = self.text(node, path)
        parsed = parse_italian_date(text)
        if parsed is None:
            raise self.fail(node, path, f"data non valida «{text}»: la scriva come 2023-09-04, 4.9.2023 oppure 4 settembre 2023.")
        return parsed

    def text_list(self, node: yaml.Node, path: str) -> tuple[str, ...]:
        import yaml

        if isinstance(node, yaml.ScalarNode):
            single = self.text(node, path)
            return (single,) if single else ()
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, path, "deve essere un elenco, una voce per riga che inizia con «- ».")
        return tuple(item for index, child in enumerate(node.value) if (item := self.text(child, f"{path}[{index + 1}]")))

    def articles(self, node: yaml.Node, path: str) -> tuple[str, ...]:
        keys = []
        for index, item in enumerate(self.text_list(node, path)):
            for part in re.split(r"\s*,\s*|\s+e\s+", item):
                if not part:
                    continue
                match = _ARTICLE_KEY.match(part.strip())
                if not match:
                    raise self.fail(
                        node,
                        f"{path}[{index + 1}]",
                        f"«{part}» non è un numero d'articolo. Scriva il numero del nuovo articolo (12, 27a) "
                        "o, per un articolo abrogato, «vecchio 28».",
                    )
                number = re.sub(r"\s+", "", match.group(2)).lower()
                keys.append(f"vecchio {number}" if match.group(1) else number)
        return tuple(keys)

    def choice(self, node: yaml.Node, path: str, options: Sequence[str]) -> str:
        value = self.text(node, path).lower()
        if value not in options:
            raise self.fail(node, path, f"valore «{value}» non previsto: scriva {join_it(f'«{o}»' for o in options)}.")
        return value

    def messaggio(self, root: yaml.Node) -> DatiMessaggio:
        found = self.fields(root, "", _FIELDS)
        values: dict[str, Any] = {}
        for key, node in found.items():
            kind = _FIELDS[key][0]
            if kind == "testo":
                values[key] = self.text(node, key)
            elif kind == "intero":
                values[key] = self.integer(node, key)
            elif kind == "elenco":
                values[key] = self.text_list(node, key)
            elif kind.startswith("scelta:"):
                values[key] = self.choice(node, key, kind.split(":", 1)[1].split(","))
            elif kind == "vigore":
                values[key] = self.entry_into_force(node, key)
            elif kind == "risoluzione":
                parts = self.fields(node, key, _RISOLUZIONE)
                values[key] = Risoluzione(
                    self.text(parts["numero"], "risoluzione.numero"), self.date(parts["data"], "risoluzione.data")
                )
            elif kind == "firmatari":
                parts = self.fields(node, key, _FIRMATARI)
                values[key] = Firmatari(
                    self.text(parts["sindaco"], "firmatari.sindaco"), self.text(parts["segretario"], "firmatari.segretario")
                )
            elif kind == "temi":
                values[key] = self.themes(node, key)
        return DatiMessaggio(**values, fonte=self.name)

    def entry_into_force(self, node: yaml.Node, path: str) -> str | dt.date:
        import yaml

        value = self.value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, dt.date):
            return value
        text = self.text(node, path)
        return parse_italian_date(text) or text

    def themes(self, node: yaml.Node, path: str) -> tuple[Tema, ...]:
        import yaml

        if isinstance(node, yaml.ScalarNode) and self.value(node) is None:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, path, "deve essere un elenco di temi, ognuno che inizia con «- titolo: ...».")
        themes = []
        for index, child in enumerate(node.value, start=1):
            where = f"{path}[{index}]"
            parts = self.fields(child, where, _TEMA)
            themes.append(
                Tema(
                    titolo=self.text(parts["titolo"], f"{where}.titolo"),
                    commento=self.text(parts["commento"], f"{where}.commento") if "commento" in parts else "",
                    articoli=self.articles(parts["articoli"], f"{where}.articoli") if "articoli" in parts else (),
                    riga=child.start_mark.line + 1,
                )
            )
        return tuple(themes)


def _date_filter(value: object) -> str:
    if isinstance(value, dt.datetime):
        return italian_date(value.date())
    if isinstance(value, dt.date):
        return italian_date(value)
    parsed = parse_italian_date(str(value))
    return italian_date(parsed) if parsed else str(value)


# ============================================================================ context


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
        }


def build_messaggio(
    alignment: Alignment,
    data: DatiMessaggio,
    *,
    notes: Mapping[str, str] | None = None,
    renamings: Sequence[tuple[str, str]] = (),
    extra_warnings: Iterable[str | Avviso] = (),
) -> Messaggio:
    """Join the YAML data with what the documents say (summary, confronto, dispositivo)."""
    total = None if data.revisione is None else data.revisione == "totale"
    dispositivo = build_dispositivo(alignment, total=total, regulation=data.regolamento, commune=data.comune)
    by_key = {change.key: change for change in dispositivo.changes}
    style: Style = data.stile_confronto
    fragments = build_confronto(alignment, style, notes, LABELS[style])
    rows_by_key: dict[str, list[Row]] = {}
    for row in fragments.rows:
        if row.kind == "article":
            rows_by_key.setdefault(row.key, []).append(row)
    notes = notes or {}
    views: dict[str, ArticoloView] = {}
    for pair in alignment.pairs:
        if pair.status == "unchanged":
            continue
        key = pair.key
        views[key] = _article_view(pair, key, by_key.get(key), rows_by_key.get(key, []), notes, LABELS[style])
    themes = []
    mentioned: set[str] = set()
    for theme in data.temi:
        articles = tuple(views[key] for key in theme.articoli if key in views)
        mentioned.update(theme.articoli)
        themes.append(TemaView(theme.titolo, theme.commento, articles))
    others = tuple(view for key, view in views.items() if key not in mentioned)
    complete = build_confronto(alignment, "completo", notes, LABELS["completo"])
    counts = alignment.counts()
    message = Messaggio(
        dati=data,
        dispositivo=dispositivo,
        temi=tuple(themes),
        altre_modifiche=others,
        articoli=tuple(views.values()),
        confronto=complete,
        riepilogo=summary_sentence(counts),
        conteggi={STATUS_LABELS[status]: count for status, count in counts.items()},
        nuovi=tuple(str(c.number) for c in dispositivo.of_kind("nuovo")),
        abrogati=tuple(str(c.number) for c in dispositivo.of_kind("abrogato")),
        rinumerati=tuple(_renumbered(alignment)),
        rinomine=tuple(renamings),
    )
    return replace(message, avvisi=tuple(_warnings(alignment, data, message, extra_warnings)))


def _article_view(
    pair: ArticlePair,
    key: str,
    change: Change | None,
    rows: list[Row],
    notes: Mapping[str, str],
    labels: tuple[str, ...],
) -> ArticoloView:
    article: Article = pair.new[0] if pair.new else pair.old[0]
    title = article.title.strip().rstrip(":").strip()
    heading = f"Art. {article.number.raw or article.number.normalised}" + (f" {title}" if title else "")
    from ..compare.table import automatic_note

    return ArticoloView(
        chiave=key,
        numero=str(article.number),
        intestazione=heading,
        stato=STATUS_LABELS[pair.status],
        modifica=describe(change) if change else str(article.number),
        nota=notes.get(key, "") or automatic_note(pair),
        righe=tuple(rows),
        etichette=labels,
    )


def _renumbered(alignment: Alignment) -> list[str]:
    found = []
    for pair in alignment.pairs:
        if pair.old and pair.new and len(pair.old) == 1 and len(pair.new) == 1 and pair.old[0].number != pair.new[0].number:
            found.append(f"{pair.old[0].number} → {pair.new[0].number}")
    return found


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
    name = regulation[:1].upper() + regulation[1:]
    if commune and "comune di" not in name.lower():
        name += f" del Comune di {commune}"
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


# --------------------------------------------------------------------------- warnings


def messaggio_warnings(
    alignment: Alignment,
    data: DatiMessaggio,
    extra_warnings: Iterable[str | Avviso] = (),
) -> list[Avviso]:
    """What to check before the message goes out, for the terminal (never printed in it).

    ``extra_warnings`` is the hook for other checks (cross-reference findings of ``rinvii``):
    their messages are appended as they are.
    """
    return list(build_messaggio(alignment, data, extra_warnings=extra_warnings).avvisi)


def _warnings(alignment: Alignment, data: DatiMessaggio, message: Messaggio, extra: Iterable[str | Avviso]) -> list[Avviso]:
    found: list[Avviso] = []
    keys = {pair.key: pair for pair in alignment.pairs}
    old_numbers = {article.number.normalised for article in alignment.old.articles()}
    for theme in data.temi:
        for key in theme.articoli:
            pair = keys.get(key)
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
                found.append(Avviso(f"{where}, {problem}.", theme.riga))
            elif pair.status == "unchanged":
                found.append(Avviso(f"{where}, che la revisione non modifica.", theme.riga))
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
    if data.revisione == "parziale" and build_dispositivo(alignment).total:
        found.append(Avviso("Il file indica «revisione: parziale», ma la revisione tocca più della metà degli articoli."))
    found.extend(item if isinstance(item, Avviso) else Avviso(str(item)) for item in extra)
    return found


# ========================================================================== templates


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    description: str
    formats: tuple[Formato, ...]
    folder: Path


def templates_dir() -> Path:
    """rodiff's own messaggio templates: ``templates/messaggio`` of the package data root."""
    return Path(str(files("rodiff.templates") / "messaggio"))


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
            text = (folder / f"{name}{TEMPLATE_SUFFIXES[formato]}").read_text(encoding="utf-8")
            match = re.match(r"\s*\{#-?\s*(.+?)\s*$", text, re.MULTILINE)
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


def render_messaggio(
    alignment: Alignment,
    data: DatiMessaggio,
    template: str | Path | None = None,
    formato: Formato = "docx",
    *,
    notes: Mapping[str, str] | None = None,
    renamings: Sequence[tuple[str, str]] = (),
    extra_warnings: Iterable[str | Avviso] = (),
) -> bytes | str:
    """The messaggio: DOCX bytes, or HTML / Markdown text.

    ``template`` is a name from ``list_templates()`` or a template file; None picks
    ``data.modello``, else "revisione-totale" or "revisione-parziale" by the revision.
    Errors (unknown template, Jinja2 syntax error with template and line, a variable the
    template uses but rodiff does not provide) are ``InputError`` in Italian.
    """
    message = build_messaggio(alignment, data, notes=notes, renamings=renamings, extra_warnings=extra_warnings)
    path = resolve_template(template, formato, data, message.totale)
    if formato == "docx":
        return _render_docx(path, message)
    return _render_text(path, message, formato)


# ------------------------------------------------------------------ text (HTML, MD)


def _environment(folder: Path, formato: Formato, autoescape: bool) -> Environment:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    loaders = [FileSystemLoader(str(folder))]
    if folder.resolve() != templates_dir().resolve():
        loaders.append(FileSystemLoader(str(templates_dir())))  # a commune's template may extend ours
    environment = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    _common_filters(environment)
    return environment


def _common_filters(environment: Environment) -> None:
    environment.filters["data"] = _date_filter
    environment.filters["chf"] = swiss_amount
    environment.filters["elenco"] = join_it


def _render_text(path: Path, message: Messaggio, formato: Formato) -> str:
    from jinja2 import TemplateError

    environment = _environment(path.parent, formato, autoescape=formato == "html")
    if formato == "html":
        environment.filters["markdown"] = markdown_html
        environment.filters["confronto"] = confronto_html
    else:
        environment.filters["markdown"] = markdown_text
        environment.filters["confronto"] = confronto_md
    try:
        return environment.get_template(path.name).render(message.context())
    except TemplateError as error:
        raise _template_error(path.name, error) from error


def _template_error(name: str, error: Exception, docx_line: bool = False) -> InputError:
    from jinja2 import TemplateSyntaxError, UndefinedError

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
    return InputError(f"Il modello «{name}» non si può compilare: {error}.")


# -------------------------------------------------------------------- Markdown (lite)


@dataclass(frozen=True)
class _Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class _Block:
    kind: Literal["p", "ul", "ol", "h"]
    spans: tuple[_Span, ...]


_BULLET = re.compile(r"^\s*(?:[-*•–])\s+")
_ORDERED = re.compile(r"^\s*\d+[.)]\s+")
_HEADING = re.compile(r"^#{1,6}\s+")
_INLINE = re.compile(r"\*\*(?P<b>.+?)\*\*|__(?P<b2>.+?)__|\*(?P<i>[^*\s][^*]*?)\*|(?<!\w)_(?P<i2>[^_\s][^_]*?)_(?!\w)")


def markdown_blocks(text: str) -> list[_Block]:
    """The small Markdown the secretaries need: paragraphs (blank line between them),
    lists ("- ", "1. "), headings ("### "), **bold** and *italic*."""
    blocks: list[_Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_Block("p", _spans(" ".join(paragraph))))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        for pattern, kind in ((_BULLET, "ul"), (_ORDERED, "ol"), (_HEADING, "h")):
            match = pattern.match(raw)
            if match:
                flush()
                blocks.append(_Block(cast(Literal["ul", "ol", "h"], kind), _spans(raw[match.end() :].strip())))
                break
        else:
            if blocks and blocks[-1].kind in ("ul", "ol") and not paragraph and raw[:1].isspace():
                last = blocks.pop()  # an indented line continues the list item
                blocks.append(_Block(last.kind, (*last.spans, _Span(" "), *_spans(line))))
            else:
                paragraph.append(line)
    flush()
    return blocks


def _spans(text: str) -> tuple[_Span, ...]:
    spans: list[_Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            spans.append(_Span(text[position : match.start()]))
        bold = match.group("b") or match.group("b2")
        spans.append(_Span(bold, bold=True) if bold else _Span(match.group("i") or match.group("i2") or "", italic=True))
        position = match.end()
    if position < len(text):
        spans.append(_Span(text[position:]))
    return tuple(spans)


def markdown_text(text: str) -> str:
    """Markdown output keeps the secretary's Markdown, tidied (no trailing spaces)."""
    return "\n".join(line.rstrip() for line in str(text).strip().splitlines())


def markdown_html(text: str) -> Any:
    from markupsafe import Markup

    parts: list[str] = []
    open_list = ""
    for block in markdown_blocks(str(text)):
        inline = "".join(_span_html(span) for span in block.spans)
        if block.kind in ("ul", "ol"):
            if open_list != block.kind:
                if open_list:
                    parts.append(f"</{open_list}>")
                parts.append(f"<{block.kind}>")
                open_list = block.kind
            parts.append(f"<li>{inline}</li>")
            continue
        if open_list:
            parts.append(f"</{open_list}>")
            open_list = ""
        parts.append(f"<h4>{inline}</h4>" if block.kind == "h" else f"<p>{inline}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return Markup("\n".join(parts))


def _span_html(span: _Span) -> str:
    text = html.escape(span.text, quote=False)
    if span.bold:
        text = f"<strong>{text}</strong>"
    if span.italic:
        text = f"<em>{text}</em>"
    return text


# --------------------------------------------------------------- confronto fragments


def _rows_and_labels(value: ArticoloView | Confronto | Sequence[ArticoloView]) -> tuple[list[Row], tuple[str, ...]]:
    if isinstance(value, Confronto):
        return list(value.rows), value.labels
    if isinstance(value, ArticoloView):
        return list(value.righe), value.etichette
    views = list(value)
    rows = [row for view in views for row in view.righe]
    return rows, (views[0].etichette if views else LABELS["articoli"])


def confronto_md(value: ArticoloView | Confronto | Sequence[ArticoloView]) -> str:
    """A Markdown pipe table of the article(s), as ``rodiff confronto --formato md`` draws it."""
    from ..render import confronto_md as md

    rows, labels = _rows_and_labels(value)
    if not rows:
        return ""
    table = Confronto("articoli", "", "", labels, tuple(rows), {}, False)
    return md._table(table)


def confronto_html(value: ArticoloView | Confronto | Sequence[ArticoloView]) -> Any:
    """An HTML table of the article(s): deleted words in ``<del>``, new ones in ``<ins>``."""
    from markupsafe import Markup

    rows, labels = _rows_and_labels(value)
    if not rows:
        return Markup("")
    parts = ['<table class="confronto">', "<thead><tr>"]
    parts += [f'<th scope="col">{html.escape(label)}</th>' for label in labels]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        if row.kind == "article":
            cells = "".join(f"<td>{_cell_html(cell)}</td>" for cell in row.cells)
            parts.append(f'<tr class="articolo">{cells}</tr>')
        else:
            inner = "".join(_cell_html(cell) for cell in row.cells)
            parts.append(f'<tr class="{row.kind}"><td colspan="{len(labels)}">{inner}</td></tr>')
    parts.append("</tbody></table>")
    return Markup("\n".join(parts))


def _cell_html(cell: Sequence[Line]) -> str:
    lines = []
    for line in cell:
        runs = []
        for run in line.runs:
            text = html.escape(run.text, quote=False)
            if run.bold:
                text = f"<strong>{text}</strong>"
            if run.italic:
                text = f"<em>{text}</em>"
            if run.style == "deleted":
                text = f"<del>{text}</del>"
            elif run.style == "inserted":
                text = f"<ins>{text}</ins>"
            runs.append(text)
        indent = f' class="rientro-{min(line.indent, 2)}"' if line.indent else ""
        lines.append(f"<p{indent}>{''.join(runs)}</p>")
    return "".join(lines)


# ======================================================================= DOCX (docxtpl)
#
# Why docxtpl: the commune's own Word file (letterhead, logo, fonts, page numbers, header
# and footer) *is* the template; docxtpl renders Jinja2 tags written in Word and keeps
# everything else untouched, headers and footers included. It uses the same Jinja2 as the
# HTML and Markdown templates (same variables, filters, StrictUndefined), and it builds on
# python-docx, which rodiff already uses. Rich content (Markdown paragraphs, confronto
# tables) is inserted as WordprocessingML built with rodiff's own ``render.ooxml`` through
# ``{{p ...}}`` tags, so docxtpl's optional "subdoc" extra (docxcompose) is not needed.


class OoxmlBlocks:
    """Paragraphs and tables ready to replace a ``{{p ...}}`` paragraph of a docx template.

    ``__html__`` makes Jinja2's autoescape insert the XML as it is, while plain strings
    from the YAML are escaped (an "&" in a commento never breaks the document).
    """

    def __init__(self, elements: Sequence[Any], on_render: Callable[[], None] | None = None) -> None:
        self.elements = list(elements)
        self.on_render = on_render

    def __html__(self) -> str:
        from lxml import etree

        if self.on_render is not None:
            self.on_render()
        return "".join(etree.tostring(element, encoding="unicode") for element in self.elements)

    def __str__(self) -> str:
        return self.__html__()


@dataclass
class _DocxState:
    text_width: int  # twips between the margins of the template's last section
    section: Any  # a copy of the template's last w:sectPr (page size, margins, header refs)
    landscape_allegato: bool = False


def _render_docx(path: Path, message: Messaggio) -> bytes:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as error:  # a corrupt or non-Word file
        raise InputError(f"Il modello «{path.name}» non è un documento Word (.docx) leggibile: {error}.") from error
    section = template.get_docx().sections[-1]
    width = int((section.page_width - section.left_margin - section.right_margin) / 635)  # EMU → twips
    state = _DocxState(width, copy.deepcopy(section._sectPr))
    environment = _environment(path.parent, "docx", autoescape=True)
    environment.filters["markdown"] = partial(markdown_docx, state=state)
    environment.filters["confronto"] = partial(confronto_docx, state=state)
    environment.filters["allegato"] = partial(allegato_docx, state=state)
    try:
        template.render(message.context(), jinja_env=environment)
    except TemplateError as error:
        raise _template_error(path.name, error, docx_line=True) from error
    document = template.docx  # not get_docx(): after rendering it reloads the template
    if state.landscape_allegato:
        _make_landscape(document.sections[-1])
    buffer = BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def markdown_docx(text: str, state: _DocxState | None = None) -> OoxmlBlocks:
    """Word paragraphs for the Markdown text: lists with the template's "List Bullet" and
    "List Number" styles, headings bold, **bold** and *italic* runs."""
    from ..render.oxml import elements as ooxml

    elements = []
    for block in markdown_blocks(str(text)):
        runs = [ooxml.run(span.text, bold=span.bold or block.kind == "h", italic=span.italic) for span in block.spans]
        style = {"ul": "ListBullet", "ol": "ListNumber"}.get(block.kind)
        elements.append(ooxml.paragraph(runs, style=style, keep_next=block.kind == "h"))
    return OoxmlBlocks(elements)


def confronto_docx(value: ArticoloView | Confronto | Sequence[ArticoloView], state: _DocxState | None = None) -> OoxmlBlocks:
    """A Word table of the article(s), drawn as ``rodiff confronto`` draws it, as wide as
    the template's text."""
    rows, labels = _rows_and_labels(value)
    if not rows:
        return OoxmlBlocks([])
    width = state.text_width if state else 9638
    return OoxmlBlocks([_docx_table(rows, labels, width), _empty_paragraph()])


def allegato_docx(value: Confronto, state: _DocxState | None = None) -> OoxmlBlocks:
    """The full confronto on landscape pages after a section break (the last part of the
    document: the template's own page setup stays for the pages before it)."""
    from docx.oxml import OxmlElement

    from ..render.oxml import elements as ooxml

    elements = []
    if state is not None:
        breaker = OxmlElement("w:p")
        properties = OxmlElement("w:pPr")
        properties.append(copy.deepcopy(state.section))
        breaker.append(properties)
        elements.append(breaker)
    title = ooxml.paragraph([ooxml.run("Allegato – Tabella di confronto", bold=True, size=28)], after=120, keep_next=True)
    subtitle = ooxml.paragraph([ooxml.run(value.subtitle, size=20)], after=200, keep_next=True)
    width = _landscape_width(state) if state else 15137

    def landscape() -> None:
        if state is not None:
            state.landscape_allegato = True

    return OoxmlBlocks([*elements, title, subtitle, _docx_table(list(value.rows), value.labels, width)], landscape)


def _docx_table(rows: Sequence[Row], labels: tuple[str, ...], width: int) -> Any:
    from docx.oxml import OxmlElement

    from ..render import confronto_docx as drawing
    from ..render.oxml import elements as ooxml

    shares = [0.4, 0.4, 0.2] if len(labels) == 3 else [1 / len(labels)] * len(labels)
    widths = [round(width * share) for share in shares]
    widths[-1] += width - sum(widths)
    table = OxmlElement("w:tbl")
    properties = OxmlElement("w:tblPr")
    table.append(properties)
    ooxml.set_table_width(table_with_properties(table), width)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        for key, val in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "808080")):
            border.set(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{key}", val)
        borders.append(border)
    properties.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type", "fixed")
    properties.append(layout)
    ooxml.set_cell_margins(table_with_properties(table), top=drawing.CELL_PADDING_TOP)
    grid = OxmlElement("w:tblGrid")
    for column in widths:
        col = OxmlElement("w:gridCol")
        col.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w", str(column))
        grid.append(col)
    table.append(grid)
    table.append(drawing._header_row(labels, widths))
    for row in rows:
        table.append(drawing._row(row, widths))
    return table


class table_with_properties:  # a tiny adapter, named like the attribute it gives
    """``ooxml`` expects a python-docx ``CT_Tbl`` (``.tblPr``); a bare ``w:tbl`` gets one."""

    def __init__(self, table: Any) -> None:
        from docx.oxml.ns import qn

        self.tblPr = table.find(qn("w:tblPr"))


def _empty_paragraph() -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement("w:p")


def _landscape_width(state: _DocxState) -> int:
    from docx.oxml.ns import qn

    size = state.section.find(qn("w:pgSz"))
    margins = state.section.find(qn("w:pgMar"))
    if size is None or margins is None:
        return 15137
    long_side = max(int(size.get(qn("w:h"))), int(size.get(qn("w:w"))))
    return long_side - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))


def _make_landscape(section: Any) -> None:
    """Turn the last section (the allegato) to landscape; margins stay where they are, so
    the letterhead's header keeps its room at the top."""
    from docx.enum.section import WD_ORIENT

    if section.orientation == WD_ORIENT.LANDSCAPE or section.page_width > section.page_height:
        return
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = height, width
