"""The messaggio form: the fields of ``messaggio.yaml`` as form values, and back to YAML.

The page never checks a field itself: the YAML it writes is read by the library
(``parse_messaggio_data``), whose Italian errors (the field, what to write) are shown as they
are, and nothing is saved until it reads well. Fields the form does not show (for example
``regolamento``) are kept from the file. Comments of the file are not kept: the form is
the explanation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from starlette.datastructures import FormData

from ..errors import InputError
from ..messaggio import DATA_FILE, list_templates, parse_messaggio_data

TEXTS = ("comune", "numero", "anno", "oggetto", "premessa", "scopo", "considerazioni", "conclusioni", "entrata_in_vigore")
LISTS = ("commissioni", "allegati")
CHOICES = ("revisione", "stile_confronto", "modello")
MAX_THEMES = 30
__all__ = ["DATA_FILE", "load_values", "template_names", "to_yaml", "values_from_form"]


def load_values(path: Path) -> dict[str, Any]:
    """The form values of the file (empty values when it is missing or unreadable as YAML)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (yaml.YAMLError, UnicodeDecodeError):
        data = {}
    data = data if isinstance(data, dict) else {}
    values: dict[str, Any] = {name: _text(data.get(name)) for name in (*TEXTS, *CHOICES)}
    values.update({name: "\n".join(_text(item) for item in data.get(name) or []) for name in LISTS})
    resolution = _mapping(data.get("risoluzione"))
    signers = _mapping(data.get("firmatari"))
    values["risoluzione_numero"] = _text(resolution.get("numero"))
    values["risoluzione_data"] = _text(resolution.get("data"))
    values["sindaco"] = _text(signers.get("sindaco"))
    values["segretario"] = _text(signers.get("segretario"))
    themes = [theme for theme in data.get("temi") or [] if isinstance(theme, dict)]
    values["temi"] = [
        {
            "titolo": _text(theme.get("titolo")),
            "commento": _text(theme.get("commento")),
            "articoli": ", ".join(_text(a) for a in theme.get("articoli") or []),
        }
        for theme in themes
    ]
    values["altri"] = {key: value for key, value in data.items() if key not in _KNOWN}
    return values


def values_from_form(form: FormData) -> dict[str, Any]:
    """The posted values, in the shape of ``load_values``."""
    values: dict[str, Any] = {name: str(form.get(name) or "").strip() for name in (*TEXTS, *CHOICES, *LISTS)}
    for name in ("risoluzione_numero", "risoluzione_data", "sindaco", "segretario"):
        values[name] = str(form.get(name) or "").strip()
    themes = []
    for index in range(MAX_THEMES):
        theme = {part: str(form.get(f"tema_{index}_{part}") or "").strip() for part in ("titolo", "commento", "articoli")}
        if any(theme.values()):
            themes.append(theme)
    values["temi"] = themes
    values["altri"] = {}
    return values


def to_yaml(values: dict[str, Any]) -> str:
    """The YAML text of the values, checked by the library (an Italian ``InputError`` if not valid)."""
    data: dict[str, Any] = {}
    for name in TEXTS:
        if values.get(name):
            data[name] = int(values[name]) if name == "anno" and str(values[name]).isdigit() else values[name]
    for name in LISTS:
        items = [line.strip() for line in str(values.get(name) or "").splitlines() if line.strip()]
        if items:
            data[name] = items
    resolution = {"numero": values.get("risoluzione_numero"), "data": values.get("risoluzione_data")}
    if any(resolution.values()):
        data["risoluzione"] = {key: value for key, value in resolution.items() if value}
    signers = {"sindaco": values.get("sindaco"), "segretario": values.get("segretario")}
    if any(signers.values()):
        data["firmatari"] = {key: value for key, value in signers.items() if value}
    themes = []
    for theme in values.get("temi") or []:
        entry: dict[str, Any] = {"titolo": theme["titolo"]} if theme.get("titolo") else {}
        if theme.get("commento"):
            entry["commento"] = theme["commento"]
        entry["articoli"] = [part.strip() for part in str(theme.get("articoli") or "").split(",") if part.strip()]
        themes.append(entry)
    if themes:
        data["temi"] = themes
    for name in CHOICES:
        if values.get(name):
            data[name] = values[name]
    if values.get("modello") and values["modello"] not in template_names():
        raise InputError(f"Il modello «{values['modello']}» non esiste: scelga uno dei modelli dell'elenco.")
    data.update(values.get("altri") or {})
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    parse_messaggio_data(text, DATA_FILE)
    return text


def template_names() -> list[str]:
    """The names of rodiff's own messaggio templates (a file path is not accepted from a form)."""
    return [info.name for info in list_templates()]


_KNOWN = {*TEXTS, *LISTS, *CHOICES, "risoluzione", "firmatari", "temi"}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return "" if value is None else str(value)
