"""The messaggio form: the fields of ``messaggio.yaml`` as form values, and back to YAML.

The page never checks a field itself: the YAML it writes is read by the library
(``parse_messaggio_data``), whose Italian errors (the field, what to write) are shown as they
are, and nothing is saved until it reads well. Fields the form does not show (for example
``regolamento``) are kept from the file.

The file keeps its explanations: the values are written into the text of the skeleton that
``rodiff nuovo`` creates (``scaffold()``), each under the comment that explains its field, and
the fields left empty keep their commented-out example. So a secretary who later opens
``messaggio.yaml`` in an editor, or works with the CLI, finds the same guide as in a new
folder. Why not a round-trip YAML library (ruamel.yaml): it would be a new dependency to keep
only comments, and comments she added by hand are replaced by the form anyway (the form is
what she edits); the skeleton is rodiff's own text, so its blocks are known and tested.
"""

from __future__ import annotations

import re
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
    values: dict[str, Any] = {name: _field(form, name) for name in (*TEXTS, *CHOICES, *LISTS)}
    for name in ("risoluzione_numero", "risoluzione_data", "sindaco", "segretario"):
        values[name] = _field(form, name)
    themes = []
    for index in range(MAX_THEMES):
        theme = {part: _field(form, f"tema_{index}_{part}") for part in ("titolo", "commento", "articoli")}
        if any(theme.values()):
            themes.append(theme)
    values["temi"] = themes
    values["altri"] = {}
    return values


def scaffold() -> str:
    """The commented messaggio.yaml of a new revision folder (``rodiff nuovo``)."""
    from ..session.folder import skeleton

    return skeleton(DATA_FILE)


def to_yaml(values: dict[str, Any], template: str | None = None) -> str:
    """The YAML text of the values, written into ``template`` (the commented skeleton) when given,
    and checked by the library (an Italian ``InputError`` if not valid)."""
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
    text = _dump(data) if template is None else into_skeleton(data, template)
    parse_messaggio_data(text, DATA_FILE)
    return text


# A field of the skeleton, written ("comune: Esempio") or commented out ("# oggetto: ...").
_FIELD = re.compile(r"^(?P<comment># )?(?P<key>[a-z_]+):(?:\s|$)")


def into_skeleton(data: dict[str, Any], template: str) -> str:
    """``data`` written into the skeleton: every comment line is kept, each field's lines (written or
    commented out) are replaced by its value, or kept as the commented-out example when the field is
    empty; fields the skeleton does not know go at the end. The result always reads back as ``data``."""
    out: list[str] = []
    written: set[str] = set()
    lines = template.splitlines()
    index = 0
    while index < len(lines):
        found = _FIELD.match(lines[index])
        if found is None:
            out.append(lines[index])
            index += 1
            continue
        end = index + 1  # the field's own lines: indented values, or "#   " continuations of an example
        while end < len(lines) and lines[end].strip() and (lines[end][0] == " " or lines[end].startswith("#  ")):
            end += 1
        key = found["key"]
        if key in data and key not in written:
            out.append(_dump({key: data[key]}).rstrip("\n"))
            written.add(key)
        elif found["comment"] or key not in data:
            out.extend(lines[index:end] if found["comment"] else [f"# {line}" for line in lines[index:end]])
        index = end
    rest = {key: value for key, value in data.items() if key not in written}
    text = "\n".join(out).rstrip("\n") + "\n" + (f"\n{_dump(rest)}" if rest else "")
    if (yaml.safe_load(text) or {}) != data:  # a skeleton this code does not understand: plain YAML, never wrong data
        return _dump(data)
    return text


class _Dumper(yaml.SafeDumper):
    """Texts of several lines as «campo: |» blocks, as the skeleton writes them."""


def _text_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text_block)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, indent=2)


def template_names() -> list[str]:
    """The names of rodiff's own messaggio templates (a file path is not accepted from a form)."""
    return [info.name for info in list_templates()]


_KNOWN = {*TEXTS, *LISTS, *CHOICES, "risoluzione", "firmatari", "temi"}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _field(form: FormData, name: str) -> str:
    """A posted value, stripped, with the browser's CRLF line ends made plain."""
    return str(form.get(name) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
