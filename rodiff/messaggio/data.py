"""The data of a messaggio that only people know (``messaggio.yaml``), read against a schema.

The schema is a table: each field names its converter, whether it is required, and the
example shown when it is missing. ``read_messaggio_data`` walks the YAML node tree (so
every error names the line and the field, in Italian, with "Forse intendeva…" for a
misspelt field) and returns a frozen ``DatiMessaggio``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InputError
from ..italiano import italian_date, join_it, parse_italian_date
from ..model import Number
from .dispositivo import DEFAULT_REGULATION

if TYPE_CHECKING:
    import yaml

RevisionKind = Literal["parziale", "totale"]
FragmentStyle = Literal["articoli", "frammenti"]

DATA_FILE = "messaggio.yaml"


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


# ---------------------------------------------------------------------------- reading


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

    from ..parse.yaml_safe import LimitedLoader, yaml_error

    loader = LimitedLoader(text, name)  # no aliases, bounded size and depth, dates checked
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        raise yaml_error(name, error) from error  # in Italian, with line and column
    try:
        if root is None:
            raise InputError(f"Il file «{name}» è vuoto. Lo crei con «rodiff nuovo CARTELLA» e lo completi.")
        return DatiMessaggio(**_Reader(name, loader).record(root, "", FIELDS), fonte=name)
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- schema

Converter = Callable[["_Reader", "yaml.Node", str], Any]


@dataclass(frozen=True)
class Field:
    """One field of the schema: how its YAML value becomes a Python value."""

    convert: Converter
    required: bool = False
    example: str = ""


def _text(reader: _Reader, node: yaml.Node, path: str) -> str:
    return reader.text(node, path)


def _integer(reader: _Reader, node: yaml.Node, path: str) -> int:
    value = reader.text(node, path)
    if not (value.isascii() and value.isdigit()):  # "²⁰²⁴" is a digit for str.isdigit, not for int()
        raise reader.fail(node, path, f"deve essere un numero intero (per esempio 2023), non «{value}».")
    return int(value)


def _date(reader: _Reader, node: yaml.Node, path: str) -> dt.date:
    value = reader.scalar(node)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = reader.text(node, path)
    parsed = parse_italian_date(text)
    if parsed is None:
        raise reader.fail(node, path, f"data non valida «{text}»: la scriva come 2023-09-04, 4.9.2023 oppure 4 settembre 2023.")
    return parsed


def _date_or_words(reader: _Reader, node: yaml.Node, path: str) -> str | dt.date:
    """The entry into force: a date, or the words that follow "entrano in vigore"."""
    value = reader.scalar(node)
    if isinstance(value, dt.date):
        return value
    text = reader.text(node, path)
    return parse_italian_date(text) or text


def _text_list(reader: _Reader, node: yaml.Node, path: str) -> tuple[str, ...]:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        single = reader.text(node, path)
        return (single,) if single else ()
    if not isinstance(node, yaml.SequenceNode):
        raise reader.fail(node, path, "deve essere un elenco, una voce per riga che inizia con «- ».")
    return tuple(item for index, child in enumerate(node.value) if (item := reader.text(child, f"{path}[{index + 1}]")))


# "12", "27a", "art. 12", "Articolo 27 a", "vecchio 28": the number itself is read by
# the model's one article-number grammar (``Number.parse``).
_ARTICLE_REFERENCE = re.compile(r"^(?:(?P<old>vecchio)\s+)?(?:art(?:icolo)?\.?\s*)?(?P<number>.+)$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+e\s+")  # "1, 2 e 19"


def _articles(reader: _Reader, node: yaml.Node, path: str) -> tuple[str, ...]:
    keys = []
    for index, item in enumerate(_text_list(reader, node, path)):
        for part in _LIST_SEPARATOR.split(item):
            if not part:
                continue
            key = _article_key(part.strip())
            if key is None:
                raise reader.fail(
                    node,
                    f"{path}[{index + 1}]",
                    f"«{part}» non è un numero d'articolo. Scriva il numero del nuovo articolo (12, 27a) "
                    "o, per un articolo abrogato, «vecchio 28».",
                )
            keys.append(key)
    return tuple(keys)


def _article_key(text: str) -> str | None:
    """``ArticlePair.key`` of a reference: "27 A" -> "27a", "vecchio 9" -> "vecchio 9"."""
    match = _ARTICLE_REFERENCE.match(text)
    if not match:
        return None
    try:
        number = Number.parse(match["number"]).normalised
    except ValueError:
        return None
    return f"vecchio {number}" if match["old"] else number


def _choice(*options: str) -> Converter:
    def convert(reader: _Reader, node: yaml.Node, path: str) -> str:
        value = reader.text(node, path).lower()
        if value not in options:
            raise reader.fail(node, path, f"valore «{value}» non previsto: scriva {join_it(f'«{o}»' for o in options)}.")
        return value

    return convert


def _group(fields: Mapping[str, Field], build: Callable[..., Any]) -> Converter:
    """A nested group of fields ("risoluzione: numero: ... data: ...") made into ``build``."""

    def convert(reader: _Reader, node: yaml.Node, path: str) -> Any:
        return build(**reader.record(node, path, fields))

    return convert


def _theme(reader: _Reader, node: yaml.Node, path: str) -> Tema:
    return Tema(**reader.record(node, path, THEME_FIELDS), riga=node.start_mark.line + 1)


def _themes(reader: _Reader, node: yaml.Node, path: str) -> tuple[Tema, ...]:
    import yaml

    if isinstance(node, yaml.ScalarNode) and reader.scalar(node) is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise reader.fail(node, path, "deve essere un elenco di temi, ognuno che inizia con «- titolo: ...».")
    return tuple(_theme(reader, child, f"{path}[{index}]") for index, child in enumerate(node.value, start=1))


THEME_FIELDS: dict[str, Field] = {
    "titolo": Field(_text, True, "Modifiche richieste dalla SEL"),
    "commento": Field(_text, False, "un testo"),
    "articoli": Field(_articles, False, "[1, 2, 19]"),
}
RESOLUTION_FIELDS: dict[str, Field] = {"numero": Field(_text, True, "1092"), "data": Field(_date, True, "2023-09-04")}
SIGNATORY_FIELDS: dict[str, Field] = {
    "sindaco": Field(_text, True, "Nome Cognome"),
    "segretario": Field(_text, True, "Nome Cognome"),
}
FIELDS: dict[str, Field] = {
    "comune": Field(_text, True, "Stabio"),
    "numero": Field(_text, True, "29"),
    "anno": Field(_integer, True, "2023"),
    "risoluzione": Field(_group(RESOLUTION_FIELDS, Risoluzione), True, "numero: 1092 e data: 2023-09-04"),
    "firmatari": Field(_group(SIGNATORY_FIELDS, Firmatari), True, "sindaco: Nome Cognome e segretario: Nome Cognome"),
    "entrata_in_vigore": Field(_date_or_words, True, "con l'approvazione del Consiglio di Stato"),
    "oggetto": Field(_text, False, "Revisione parziale del Regolamento organico dei dipendenti"),
    "commissioni": Field(_text_list, False, "- Commissione della gestione"),
    "premessa": Field(_text, False, "un testo"),
    "scopo": Field(_text, False, "un testo"),
    "considerazioni": Field(_text, False, "un testo"),
    "temi": Field(_themes, False, "- titolo: ..."),
    "conclusioni": Field(_text, False, "un testo"),
    "allegati": Field(_text_list, False, "- Tabella di confronto"),
    "revisione": Field(_choice("parziale", "totale"), False, "parziale"),
    "stile_confronto": Field(_choice("articoli", "frammenti"), False, "articoli"),
    "regolamento": Field(_text, False, DEFAULT_REGULATION),
    "modello": Field(_text, False, "revisione-parziale"),
}


class _Reader:
    """Walks the YAML node tree, converting values and naming line and field on errors."""

    def __init__(self, name: str, loader: yaml.SafeLoader) -> None:
        self.name = name
        self.loader = loader

    def fail(self, node: yaml.Node | None, path: str, problem: str) -> InputError:
        where = f"alla riga {node.start_mark.line + 1}, " if node is not None else ""
        return InputError(f"Nel file «{self.name}», {where}campo «{path}»: {problem}")

    def record(self, node: yaml.Node, path: str, fields: Mapping[str, Field]) -> dict[str, Any]:
        """The converted values of a group of fields, by field name (absent ones left out)."""
        found = self.fields(node, path, fields)
        return {key: fields[key].convert(self, value, f"{path}.{key}" if path else key) for key, value in found.items()}

    def fields(self, node: yaml.Node, path: str, spec: Mapping[str, Field]) -> dict[str, yaml.Node]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            example = "; ".join(f"{key}: {value.example}" for key, value in list(spec.items())[:2])
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
        for key, field in spec.items():
            if field.required and (key not in found or self.is_empty(found[key])):
                full = f"{path}.{key}" if path else key
                at = found.get(key, node)
                raise self.fail(at, full, f"manca, ed è obbligatorio (per esempio «{key}: {field.example}»).")
        return found

    def is_empty(self, node: yaml.Node) -> bool:
        import yaml

        return isinstance(node, yaml.ScalarNode) and self.loader.construct_object(node) in (None, "")

    def scalar(self, node: yaml.Node) -> Any:
        """The Python value of a scalar node (None for lists and groups)."""
        import yaml

        return self.loader.construct_object(node, deep=True) if isinstance(node, yaml.ScalarNode) else None

    def text(self, node: yaml.Node, path: str) -> str:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, path, "deve essere un testo, non un elenco o un gruppo di campi.")
        value = self.scalar(node)
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return italian_date(value)
        return str(value).strip()
