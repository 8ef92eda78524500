"""Italian for click's own words (usage, help, parameter errors).

click marks its messages with ``gettext``; each of its modules binds ``_`` and
``ngettext`` at import time. We rebind those names in click's modules to a small
Italian catalogue, so that users never meet an English "Usage:" or "No such option".
Unknown strings fall through unchanged.
"""

from __future__ import annotations

import importlib

CATALOGUE: dict[str, str] = {
    "Usage:": "Uso:",
    "Options": "Opzioni",
    "Commands": "Comandi",
    "Positional arguments": "Argomenti",
    "Show this message and exit.": "Mostra questo aiuto ed esce.",
    "Show the version and exit.": "Mostra la versione ed esce.",
    "%(prog)s, version %(version)s": "%(prog)s, versione %(version)s",
    "Error: {message}": "Errore: {message}",
    "Try '{command} {option}' for help.": "Per l'aiuto scriva: {command} {option}",
    "Missing argument": "Manca l'argomento",
    "Missing option": "Manca l'opzione",
    "Missing parameter": "Manca un parametro",
    "Missing command.": "Manca il comando (per esempio: analizza).",
    "Missing parameter: {param_name}": "Manca il parametro {param_name}",
    "Missing {param_type}": "Manca {param_type}",
    "No such command {name!r}.": "Il comando {name!r} non esiste.",
    "No such option {name!r}.": "L'opzione {name!r} non esiste.",
    "Option {name!r} does not take a value.": "L'opzione {name!r} non accetta un valore.",
    "Invalid value for {param_hint}: {message}": "Valore non valido per {param_hint}: {message}",
    "Invalid value: {message}": "Valore non valido: {message}",
    "Aborted!": "Interrotto.",
    "default: {default}": "predefinito: {default}",
    "Choose from:\n\t{choices}": "Scelga tra:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} non è un numero valido.",
    "{value} is not in the range {range}.": "{value} non è nell'intervallo {range}.",
    # click.Path: its {name} ("File", "Path") is set in English before install(), so it is left out
    "{name} {filename!r} does not exist.": "{filename!r} non esiste: controlli il nome del file e la cartella.",
    "{name} {filename!r} is a directory.": "{filename!r} è una cartella: indichi un file.",
    "{name} {filename!r} is a file.": "{filename!r} è un file: indichi una cartella.",
    "{name} {filename!r} is not readable.": "Non è permesso leggere {filename!r}: controlli i permessi o indichi un altro file.",
    "{name} {filename!r} is not writable.": "Non è permesso scrivere {filename!r}: controlli i permessi o indichi un altro file.",
    "{name} {filename!r} is not executable.": "{filename!r} non è eseguibile: controlli i permessi.",
    "Could not open file {filename!r}: {message}": "Non è stato possibile aprire il file {filename!r}: {message}",
    "unknown error": "errore sconosciuto",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} non è un sì/no valido. Valori ammessi: {states}",
    "{value!r} is not a valid UUID.": "{value!r} non è un UUID valido.",
    "Value must be an iterable.": "Il valore deve essere un elenco.",
    "Argument {name!r} takes {nargs} values.": "L'argomento {name!r} richiede {nargs} valori.",
    "env var: {var}": "variabile d'ambiente: {var}",
    "(dynamic)": "(calcolato)",
    "Do you want to continue?": "Vuole continuare?",
    "Confirm the action without prompting.": "Conferma senza chiedere.",
    "Repeat for confirmation": "Ripeta per conferma",
    "Error: The two entered values do not match.": "Errore: i due valori inseriti non coincidono. Li scriva di nuovo.",
    "Error: invalid input": "Errore: valore non valido. Lo scriva di nuovo.",
    "Press any key to continue...": "Prema un tasto per continuare...",
    "file": "file",
    "directory": "cartella",
    "path": "percorso",
}

PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Argomento in più non previsto ({args})",
        "Argomenti in più non previsti ({args})",
    ),
    "Did you mean {possibility}?": ("Intendeva {possibility}?", "(Intendeva uno di: {possibilities}?)"),
    "Option {name!r} requires an argument.": (
        "L'opzione {name!r} richiede un valore.",
        "L'opzione {name!r} richiede {nargs} valori.",
    ),
    "{value!r} does not match the format {format}.": (
        "{value!r} non corrisponde al formato {format}.",
        "{value!r} non corrisponde a nessuno dei formati {formats}.",
    ),
    "Takes {nargs} values but 1 was given.": (
        "Servono {nargs} valori, ne è stato dato 1.",
        "Servono {nargs} valori, ne sono stati dati {len}.",
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "Servono {len_type} valori, ne è stato dato {len_value}.",
        "Servono {len_type} valori, ne sono stati dati {len_value}.",
    ),
    "{value!r} is not {choice}.": ("{value!r} non è ammesso: usi {choice}.", "{value!r} non è ammesso: usi uno tra {choices}."),
}


def italian(message: str) -> str:
    return CATALOGUE.get(message, message)


def italian_plural(singular: str, plural: str, count: int) -> str:
    forms = PLURALS.get(singular)
    if forms is None:
        return singular if count == 1 else plural
    return forms[0] if count == 1 else forms[1]


def install() -> None:
    """Rebind click's ``_``/``ngettext`` to the Italian catalogue (idempotent)."""
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = italian  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = italian_plural  # type: ignore[attr-defined]
