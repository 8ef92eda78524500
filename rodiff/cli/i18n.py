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
    "{name} {filename!r} does not exist.": "{name} {filename!r} non esiste.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} è una cartella.",
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
