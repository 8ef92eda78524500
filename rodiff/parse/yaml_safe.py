"""Reading the YAML files people write (``messaggio.yaml``, ``osservazioni.yaml``, a sidecar
``rod.yaml``) with limits, so that a hostile or clumsy file gives an Italian message, never a
hang, a memory blow-up or a traceback.

- Aliases (``&nome`` / ``*nome``) are refused: secretaries never need them, and a 363-byte
  "billion laughs" expands to gigabytes when its values are turned into text.
- At most ``MAX_NODES`` values and ``MAX_DEPTH`` levels of nesting (50,000 nested brackets
  would otherwise exhaust Python's recursion).
- A date that does not exist (``2024-02-30``, ``0000-00-00``) names its line.

    >>> load_yaml("comune: Vacallo\\nanno: 2024\\n", "messaggio.yaml")
    {'comune': 'Vacallo', 'anno': 2024}
    >>> load_yaml("a: &x [1]\\nb: *x\\n", "messaggio.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rodiff.errors.InputError: Il file «messaggio.yaml» usa un riferimento YAML («*x», riga 2) ...
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from ..errors import InputError

MAX_NODES = 100_000  # a messaggio.yaml has a few hundred values
MAX_DEPTH = 64  # it nests three levels deep
MAX_YAML_BYTES = 5 * 1024 * 1024


class LimitedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without aliases, with a node-count and a depth limit, and checked dates.

    ``name`` is the file name the Italian messages show.
    """

    def __init__(self, stream: str, name: str) -> None:
        if len(stream) > MAX_YAML_BYTES:
            raise InputError(
                f"Il file «{name}» è troppo grande per un file di dati ({len(stream) // 1024} KB; limite "
                f"{MAX_YAML_BYTES // 1024 // 1024} MB). Verifichi di aver indicato il file giusto."
            )
        try:
            super().__init__(stream)  # PyYAML's reader refuses control characters (NUL...) here already
        except yaml.YAMLError as error:
            raise yaml_error(name, error) from error
        self.name = name
        self._nodes = 0
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise InputError(
                f"Il file «{self.name}» usa un riferimento YAML («*{event.anchor}», riga {event.start_mark.line + 1}) "
                "che rodiff non accetta. Scriva il valore per intero al posto del riferimento."
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise InputError(
                f"Il file «{self.name}» contiene troppi valori (più di {MAX_NODES:,}".replace(",", "'")
                + "). Verifichi di aver indicato il file giusto."
            )
        if self._depth >= MAX_DEPTH:
            line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]
            raise InputError(
                f"Il file «{self.name}» ha troppi livelli annidati (più di {MAX_DEPTH}, riga {line}). "
                "Controlli le parentesi e i rientri: un file di dati ne usa al massimo tre o quattro."
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as error:
            raise InputError(
                f"Nel file «{self.name}», alla riga {node.start_mark.line + 1}, la data «{node.value}» non esiste. "
                "La scriva come anno-mese-giorno, per esempio 2024-02-29."
            ) from error


LimitedLoader.add_constructor("tag:yaml.org,2002:timestamp", LimitedLoader.construct_yaml_timestamp)


# PyYAML's problems (English) -> what to tell the secretary. Each entry: the start of the problem
# text, the Italian explanation ("{opened}": the line where the quote or bracket was opened,
# "{char}": the character PyYAML quotes), and whether the line to name is the opening one
# (PyYAML notices a missing ":" only on the next line).
_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    (
        "mapping values are not allowed here",
        "dopo il valore c'è un altro «:»; se il testo contiene i due punti, "
        'lo metta tra virgolette (per esempio oggetto: "Revisione: articoli 1-5")',
        False,
    ),
    ("found unexpected ':'", "c'è un «:» in un punto non ammesso; se fa parte del testo, metta il valore tra virgolette", False),
    (
        "could not find expected ':'",
        "manca il «:» dopo il nome del campo, oppure la riga continua il testo di quella sopra senza il rientro giusto",
        True,
    ),
    ("found character '\\t' that cannot start any token", "c'è una tabulazione: per i rientri usi gli spazi", False),
    ("found a tab character", "c'è una tabulazione: per i rientri usi gli spazi", False),
    ("found character", "un valore non può cominciare con «{char}»: metta il valore tra virgolette", False),
    (
        "expected <block end>, but found '<scalar>'",
        "dopo il testo tra virgolette la riga continua: metta tra virgolette tutto il valore",
        False,
    ),
    ("expected <block end>", "il rientro di questa riga non corrisponde a quello dei campi vicini", False),
    ("did not find expected key", "il rientro di questa riga non corrisponde a quello dei campi vicini", False),
    ("did not find expected '-' indicator", "in un elenco ogni voce comincia con «- » e ha lo stesso rientro delle altre", False),
    ("found unexpected end of stream", "il file finisce prima che si chiudano le virgolette aperte alla riga {opened}", False),
    (
        "found unknown escape character",
        "tra virgolette doppie la barra rovesciata «\\» introduce un carattere speciale: "
        "usi le virgolette semplici (') oppure scriva «\\\\»",
        False,
    ),
    ("expected ',' or ']'", "manca una virgola o la parentesi «]» che chiude l'elenco aperto alla riga {opened}", False),
    ("expected ',' or '}'", "manca una virgola o la parentesi «}}» che chiude il gruppo aperto alla riga {opened}", False),
    (
        "expected alphabetic or numeric character",
        "«&» e «*» all'inizio di un valore hanno un significato speciale in YAML: metta il valore tra virgolette",
        False,
    ),
    (
        "expected a comment or a line break",
        "dopo il valore c'è altro testo sulla stessa riga: metta tra virgolette tutto il valore",
        False,
    ),
    (
        "expected the node content",
        "qui manca un valore, oppure c'è un carattere riservato (, [ ] {{ }}): metta il valore tra virgolette",
        False,
    ),
    (
        "did not find expected node content",
        "qui manca un valore, oppure c'è un carattere riservato (, [ ] {{ }}): metta il valore tra virgolette",
        False,
    ),
)
_GENERAL_ADVICE = "Controlli i due punti, i rientri (spazi, non tabulazioni) e le virgolette su quella riga."


def yaml_error(name: str, error: yaml.YAMLError) -> InputError:
    """A PyYAML error as an Italian message naming the line and column (the common problems translated).

    >>> print(yaml_error("messaggio.yaml", _error_of("oggetto: Revisione: del ROD\\n")))
    Il file «messaggio.yaml» non è scritto correttamente alla riga 1, colonna 19: dopo il valore c'è un altro «:»; ...
    """
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        problem = error.problem or ""
        opened = error.context_mark.line + 1 if error.context_mark is not None else error.problem_mark.line + 1
        for start, italian, at_opening in _PROBLEMS:
            if problem.startswith(start):
                mark = error.context_mark if at_opening and error.context_mark is not None else error.problem_mark
                char = problem.split("'")[1] if problem.count("'") >= 2 else "?"
                where = f"alla riga {mark.line + 1}" + ("" if at_opening else f", colonna {mark.column + 1}")
                return InputError(
                    f"Il file «{name}» non è scritto correttamente {where}: {italian.format(opened=opened, char=char)}."
                )
        return InputError(
            f"Il file «{name}» non è scritto correttamente alla riga {error.problem_mark.line + 1}, colonna "
            f"{error.problem_mark.column + 1} (YAML segnala: «{problem}»). {_GENERAL_ADVICE}"
        )
    if isinstance(error, yaml.reader.ReaderError):
        return InputError(
            f"Il file «{name}» contiene un carattere di controllo non ammesso (U+{error.character:04X}, "
            f"posizione {error.position + 1}). Lo tolga, oppure copi il testo in un file nuovo."
        )
    return InputError(f"Il file «{name}» non è un file YAML leggibile ({error}). Controlli di aver indicato il file giusto.")


def _error_of(text: str) -> yaml.YAMLError:
    """The PyYAML error of ``text`` (for the examples)."""
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as error:
        return error
    raise ValueError(text)


def load_yaml(text: str, name: str) -> Any:
    """The data of one YAML document, read with the limits above; ``InputError`` (Italian) otherwise."""
    loader = LimitedLoader(text, name)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        raise yaml_error(name, error) from error
    except RecursionError as error:  # the depth limit comes first; this is the last net
        raise InputError(f"Il file «{name}» ha troppi livelli annidati. Controlli parentesi e rientri.") from error
    finally:
        loader.dispose()
