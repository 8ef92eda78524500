"""The secretary's osservazioni file read node by node (PyYAML), so that every error names its line.

Kept apart from ``compare.notes`` so that a confronto without osservazioni never loads PyYAML.
"""

from __future__ import annotations

import yaml

from ..errors import InputError
from ..parse.yaml_safe import LimitedLoader, yaml_error
from .notes import ARTICLE_FIELD, Osservazione, Osservazioni, capoverso_number


def read_yaml_notes(text: str, name: str) -> Osservazioni:
    """The osservazioni of a YAML text (``compare.notes.parse_notes``)."""
    loader = LimitedLoader(text, name)  # no aliases, bounded size and depth
    try:
        root = loader.get_single_node()
        if root is not None:
            loader.construct_document(root)  # every value read first: a wrong date names its line, as elsewhere
        return _NotesReader(name, loader).read(root)
    except yaml.YAMLError as error:
        raise yaml_error(name, error) from error  # in Italian, with line and column
    finally:
        loader.dispose()


class _NotesReader:
    def __init__(self, name: str, loader: LimitedLoader) -> None:
        self.name = name
        self.loader = loader
        self.entries: dict[str, Osservazione] = {}
        self.lines: dict[tuple[str, str], int] = {}

    def read(self, root: yaml.Node | None) -> Osservazioni:
        if root is None or (isinstance(root, yaml.ScalarNode) and not str(root.value).strip()):
            return Osservazioni()
        if not isinstance(root, yaml.MappingNode):
            raise InputError(
                f"Il file delle osservazioni «{self.name}» deve contenere righe «numero: testo», "
                'per esempio: "12": "Adattamento numerazione."'
            )
        for key_node, value_node in root.value:
            key = " ".join(self._scalar_text(key_node).split()).lower()
            if (key, "") in self.lines:
                raise self._fail(key_node, f"l'articolo «{key}» compare due volte: unisca le due osservazioni in una riga.")
            self.lines[key, ""] = _line(key_node)
            entry = self._entry(key, value_node)
            if entry.articolo or entry.capoversi:
                self.entries[key] = entry
        return Osservazioni(self.entries, self.lines)

    def _entry(self, key: str, node: yaml.Node) -> Osservazione:
        if isinstance(node, yaml.MappingNode):
            return self._group(key, node)
        return Osservazione(self._note(key, node))

    def _group(self, key: str, node: yaml.MappingNode) -> Osservazione:
        """``12: {articolo: "…", cpv 2: "…"}``: the article's note and its capoversi."""
        article = ""
        capoversi: dict[str, str] = {}
        for field_node, value_node in node.value:
            name = " ".join(self._scalar_text(field_node).split())
            if name.lower() in (ARTICLE_FIELD, "art", "art."):
                article = self._note(key, value_node)
                continue
            number = capoverso_number(name)
            if number is None:
                raise self._fail(
                    field_node,
                    f"nell'osservazione dell'articolo «{key}», «{name}» non è un capoverso. Scriva «articolo» per "
                    "l'osservazione sull'intero articolo, «cpv 2» (o «cpv 2bis») per quella di un capoverso.",
                )
            if number in capoversi or (key, number) in self.lines:
                raise self._fail(field_node, f"l'art. {key} ha due osservazioni per il cpv. {number}: le unisca in una.")
            self.lines[key, number] = _line(field_node)
            note = self._note(key, value_node)
            if note:
                capoversi[number] = note
        return Osservazione(article, capoversi)

    def _note(self, key: str, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self._fail(
                node,
                f"l'osservazione dell'articolo «{key}» deve essere un testo tra virgolette, oppure un gruppo "
                'come {articolo: "…", cpv 2: "…"}.',
            )
        value = self.loader.construct_object(node)
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self._fail(node, f"l'osservazione dell'articolo «{key}» deve essere un testo tra virgolette.")
        return str(value).strip()

    def _scalar_text(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self._fail(node, 'ogni chiave deve essere un numero di articolo, per esempio "12" o "vecchio 9".')
        return str(node.value)

    def _fail(self, node: yaml.Node, problem: str) -> InputError:
        return InputError(f"Nel file delle osservazioni «{self.name}», alla riga {_line(node)}, {problem}")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1
