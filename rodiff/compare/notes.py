"""Osservazioni (the third column of the confronto): rodiff's automatic proposals, the
secretary's YAML file read and checked against the alignment, and a skeleton to complete.

The file maps the *new* article number to the text of the osservazione; a repealed
article, which has no new number, is written ``vecchio N``. An article's entry is a text
(a note on the whole article) or a group of notes per capoverso, each printed beside its
capoverso (the number of the new text; of the old one for a repealed article)::

    "12": "Adattamento alla situazione in vigore da tempo."
    "13": "Introduzione del telelavoro."
    "15": {articolo: "Riorganizzazione.", cpv 2: "Modifica di forma.", cpv 3: "Precisazione."}
    "vecchio 9": "Abrogato perché superato dalla LOC."
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..align import Alignment, ArticlePair
from ..diff import Diffs, changed_middle, changed_tokens, is_formal_only, new_text, old_text
from ..errors import InputError
from ..italiano import STATUS_LABELS, join_it
from ..model import Number, capoverso_labels
from .patterns import CAPOVERSO_KEY

# ------------------------------------------------------------------ automatic proposals


def automatic_notes(alignment: Alignment, diffs: Diffs | None = None) -> dict[str, str]:
    """Pair key -> the osservazione rodiff proposes ("" where it has none), once per pair."""
    diffs = diffs or Diffs()
    return {pair.key: automatic_note(pair, diffs) for pair in alignment.pairs}


def automatic_note(pair: ArticlePair, diffs: Diffs | None = None) -> str:
    """The osservazione rodiff proposes where the change is mechanical; "" otherwise."""
    diffs = diffs or Diffs()
    status = pair.status
    old, new = pair.old_article, pair.new_article
    if status == "new":
        return "Nuovo articolo."
    if status == "repealed":
        return "Articolo abrogato."
    if status == "renumbered":
        return "Adattamento numerazione."
    if status == "moved" and old is not None:
        return f"Articolo spostato (era l'art. {old.number})."
    if status == "split" and old is not None:
        return f"Articolo suddiviso (dall'art. {old.number})."
    if status == "merged":
        return "Articoli uniti (artt. " + " e ".join(str(a.number) for a in pair.old) + ")."
    if status not in ("modified", "renumbered_modified") or old is None or new is None:
        return ""
    # The bodies as printed, once: ``diffs.article(pair)`` is the diff of these two texts.
    old_body, new_body = diffs.printed_text(old.blocks), diffs.printed_text(new.blocks)
    if status == "modified" and old.title == new.title and _only_numbers_changed(old_body, new_body, diffs):
        return "Adattamento numerazione."  # only cited article numbers changed: "all'art. 23 26"
    if _same_letters(old_body, new_body) and is_formal_only(diffs.texts(old_body, new_body)):
        return "Adattamento numerazione e modifica di forma." if status == "renumbered_modified" else "Modifica di forma."
    return ""


def _only_numbers_changed(old_body: str, new_body: str, diffs: Diffs) -> bool:
    """True when every change of the body is a number inside a reference ("all'art. 23 26", "cpv. 5 4").

    A changed deadline ("30 giorni" -> "15 giorni") is a real modification, not renumbering.
    """
    old_middle, new_middle = changed_middle(old_body, new_body)  # the letters around are the same
    if _alphabetic(old_middle) != _alphabetic(new_middle):
        return False  # a letter changed, not only digits: no need to diff the whole article
    ops = diffs.texts(old_body, new_body)
    if not changed_tokens(ops):
        return False
    if any(op.kind != "equal" and not _digits_only(op.text) for op in ops):
        return False  # decided without looking for references (and without loading rodiff.xref)
    old_at = new_at = 0
    old_spans = _reference_number_spans(old_text(ops))
    new_spans = _reference_number_spans(new_text(ops))
    for op in ops:
        size = len(op.text)
        if op.kind == "delete" and not _inside_numbers(op.text, old_at, old_spans):
            return False
        if op.kind == "insert" and not _inside_numbers(op.text, new_at, new_spans):
            return False
        old_at += size if op.kind != "insert" else 0
        new_at += size if op.kind != "delete" else 0
    return True


def _reference_number_spans(text: str) -> list[tuple[int, int]]:
    """Where the numbers of internal references stand ("art. 23", "cpv. 5"), found by rodiff.xref."""
    from ..xref import scan

    return [part.span for reference in scan(text) if reference.kind != "external" for part in reference.parts]


def _same_letters(old_body: str, new_body: str) -> bool:
    """The old and new bodies have the same letters, counted: without it no change can be only
    formal (``is_formal_only`` asks the deleted letters to be the inserted ones)."""
    # What the two bodies share at their ends counts the same on both sides: only the middles are counted.
    old_middle, new_middle = changed_middle(old_body.lower(), new_body.lower())
    old = "".join(filter(str.isalnum, old_middle))
    new = "".join(filter(str.isalnum, new_middle))
    return len(old) == len(new) and sorted(old) == sorted(new)


def _alphabetic(text: str) -> str:
    return "".join(filter(str.isalpha, text))


def _digits_only(text: str) -> bool:
    """Only digits and spaces (or nothing): the only kind of change ``_inside_numbers`` can accept."""
    return all(c.isdigit() or c.isspace() for c in text)


def _inside_numbers(text: str, start: int, spans: list[tuple[int, int]]) -> bool:
    """A changed run is only digits (and spaces) lying on a reference number."""
    if not text.strip() or not _digits_only(text):
        return not text.strip()
    start += len(text) - len(text.lstrip())
    end = start + len(text.strip())
    return any(a <= start and end <= b for a, b in spans)


# ------------------------------------------------------------------ the secretary's file

ARTICLE_FIELD = "articolo"  # in a per-capoverso entry, the note on the whole article


@dataclass(frozen=True)
class Osservazione:
    """The secretary's note on one article: on the whole article, and per capoverso.

    ``capoversi`` maps the capoverso number as rodiff names it ("2", "2bis"; the position
    when the capoverso is unnumbered) to its note, in the order of the file.
    """

    articolo: str = ""
    capoversi: Mapping[str, str] = field(default_factory=dict)

    @property
    def testo(self) -> str:
        """The whole note as one text: the article's note, then one "cpv. 2: …" line per capoverso."""
        return "\n".join([*([self.articolo] if self.articolo else []), *capoverso_lines(self.capoversi)])


def capoverso_lines(capoversi: Mapping[str, str]) -> list[str]:
    """ "cpv. 2: …" per capoverso note, for places that show them apart from their capoverso."""
    return [f"cpv. {number}: {note}" for number, note in capoversi.items()]


@dataclass(frozen=True, eq=False)
class Osservazioni(Mapping[str, str]):
    """The secretary's osservazioni by pair key (the new article number, or "vecchio N").

    As a mapping it gives the note on the whole article ("" when she wrote only notes per
    capoverso), for callers that only know article notes; ``osservazione(key)`` gives the
    whole entry and ``testo(key)`` the note with its capoversi joined. ``lines`` are where
    each entry stands in the file, for the errors of ``check_notes``.
    """

    entries: Mapping[str, Osservazione] = field(default_factory=dict)
    lines: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (key, capoverso or "") -> line

    def __getitem__(self, key: str) -> str:
        return self.entries[key].articolo

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:  # Mapping's own raises and catches a KeyError per absent key
        return key in self.entries

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Osservazioni):
            return dict(self.entries) == dict(other.entries)
        return Mapping.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def osservazione(self, key: str) -> Osservazione:
        return self.entries.get(key, _NONE)

    def capoversi(self, key: str) -> Mapping[str, str]:
        return self.osservazione(key).capoversi

    def testo(self, key: str) -> str:
        return self.osservazione(key).testo

    def with_article_note(self, key: str, text: str) -> Osservazioni:
        """A copy with the note on the whole article ``key`` replaced ("" drops it); its notes per capoverso stay."""
        entries = dict(self.entries)
        kept = replace(entries.get(key, _NONE), articolo=text)
        if kept.articolo or kept.capoversi:
            entries[key] = kept
        else:
            entries.pop(key, None)
        return Osservazioni(entries, self.lines)


_NONE = Osservazione()


def as_osservazioni(notes: Mapping[str, str] | None) -> Osservazioni:
    """Osservazioni as they are, or built from a plain mapping of article notes (empty ones left out)."""
    if isinstance(notes, Osservazioni):
        return notes
    return Osservazioni({key: Osservazione(str(text).strip()) for key, text in (notes or {}).items() if str(text).strip()})


def note_text(notes: Mapping[str, str], key: str) -> str:
    """The whole note of an article as one text (capoversi joined as "cpv. 2: …"), "" when none."""
    return as_osservazioni(notes).testo(key)


def entry_yaml(key: str, entry: Osservazione) -> str:
    """One line of an osservazioni file: ``"12": "…"``, or ``"12": {"articolo": "…", "cpv 2": "…"}``
    when the article has notes per capoverso (JSON strings: valid YAML, any text safely quoted).

    >>> entry_yaml("12", Osservazione("Nuovo.", {"2": "Forma."}))
    '"12": {"articolo": "Nuovo.", "cpv 2": "Forma."}'
    """
    import json  # only the skeleton of an osservazioni file needs it, not every confronto

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    if not entry.capoversi:
        return f"{quoted(key)}: {quoted(entry.articolo)}"
    fields = [*([f"{quoted(ARTICLE_FIELD)}: {quoted(entry.articolo)}"] if entry.articolo else [])]
    fields += [f"{quoted(f'cpv {number}')}: {quoted(note)}" for number, note in entry.capoversi.items()]
    return f"{quoted(key)}: {{{', '.join(fields)}}}"


def read_notes(path: Path) -> Osservazioni:
    """Read an osservazioni file; a clear Italian error names the line and the field."""
    if not path.is_file():
        raise InputError(
            f"Il file delle osservazioni «{path}» non esiste. Controlli il nome, o lo crei con «rodiff osservazioni»."
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"Il file delle osservazioni «{path.name}» non è in UTF-8. Lo salvi come testo UTF-8.") from error
    return parse_notes(text, path.name)


def parse_notes(text: str, name: str = "osservazioni.yaml") -> Osservazioni:
    """The osservazioni of a YAML text (see ``read_notes``): per article a text, or a group
    ``{articolo: "…", cpv 2: "…"}``. Read node by node, so that every error names its line."""
    from .notes_yaml import read_yaml_notes  # PyYAML is loaded only when there is a file to read

    return read_yaml_notes(text, name)


def capoverso_number(name: str) -> str | None:
    """The capoverso number of a key of an osservazioni group, normalised ("cpv. 2 bis" -> "2bis"); None if not one.

    >>> [capoverso_number(key) for key in ("cpv 2", "cpv. 2", "capoverso 3", "2bis", "Cpv. 2 Bis", "lett. a")]
    ['2', '2', '3', '2bis', '2bis', None]
    """
    match = CAPOVERSO_KEY.fullmatch(name)
    number = Number.try_parse(match["number"]) if match else None
    return number.normalised if number else None


def check_notes(notes: Mapping[str, str], alignment: Alignment, source: Path) -> None:
    """Every key must name an article of the alignment (new number, or "vecchio N"), and
    every capoverso one of that article (of the new text; of the old for a repealed article)."""
    osservazioni = as_osservazioni(notes)
    known = {pair.key for pair in alignment.pairs}
    unknown = sorted(key for key in osservazioni if key not in known)
    if unknown:
        key = unknown[0]
        where = (
            f"l'articolo {key.split()[-1]} del testo in vigore non è abrogato o non esiste"
            if key.startswith("vecchio")
            else f"il nuovo testo non ha un art. {key}"
        )
        others = f" (e altre {len(unknown) - 1})" if len(unknown) > 1 else ""
        raise InputError(
            f"Il file delle osservazioni «{source.name}»{_at_line(osservazioni, key, '')} cita «{key}»{others}, ma {where}. "
            "Le chiavi sono i numeri dei nuovi articoli; per un articolo abrogato: «vecchio N»."
        )
    for key in osservazioni:
        _check_capoversi(osservazioni, key, alignment, source)


def _check_capoversi(osservazioni: Osservazioni, key: str, alignment: Alignment, source: Path) -> None:
    pair = alignment.pair_by_key(key)
    numbers = osservazioni.capoversi(key)
    if pair is None or not numbers:
        return
    article = pair.new[0] if pair.new else pair.old[0]
    labels = capoverso_labels(article)
    for number in numbers:
        if number in labels:
            continue
        which = f"l'art. {article.number}" + ("" if pair.new else " del testo in vigore")
        has = f"ha i cpv. {join_it(list(labels))}" if len(labels) > 1 else "ha un solo capoverso"
        raise InputError(
            f"Il file delle osservazioni «{source.name}»{_at_line(osservazioni, key, number)}: {which} non ha il cpv. "
            f"{number} ({has}). Per un capoverso scriva il numero che ha nel nuovo testo (nel testo in vigore "
            "per un articolo abrogato); per un'osservazione sull'intero articolo, «articolo»."
        )


def _at_line(osservazioni: Osservazioni, key: str, number: str) -> str:
    line = osservazioni.lines.get((key, number))
    return f", alla riga {line}," if line else ""


def notes_skeleton(alignment: Alignment, proposals: Mapping[str, str] | None = None) -> str:
    """A YAML file with one entry per article, rodiff's proposal filled in where it has one.

    ``proposals`` are the automatic notes already computed (``automatic_notes``), if any.
    """
    proposals = automatic_notes(alignment) if proposals is None else proposals
    lines = [
        "# Osservazioni per la tabella di confronto (terza colonna).",
        "# Chiave: numero del NUOVO articolo; per un articolo abrogato: «vecchio N».",
        "# Scriva il testo tra virgolette. Le proposte di rodiff si possono cambiare o cancellare;",
        '# un\'osservazione vuota ("") non viene stampata.',
        "# Un'osservazione può stare accanto a un capoverso: al posto del testo scriva un gruppo,",
        '#   "12": {articolo: "Sull\'intero articolo.", cpv 2: "Sul capoverso 2.", cpv 3: "Sul capoverso 3."}',
        "# (il numero del capoverso nel nuovo testo; per un capoverso senza numero, la sua posizione;",
        "# per un articolo abrogato, il numero nel testo in vigore). «articolo» si può omettere.",
        "",
    ]
    for pair in alignment.pairs:
        old = ", ".join(str(a.number) for a in pair.old) or "–"
        new = ", ".join(str(a.number) for a in pair.new) or "–"
        lines.append(f"# art. {old} -> {new}: {STATUS_LABELS[pair.status]}")
        lines.append(entry_yaml(pair.key, Osservazione(proposals[pair.key])))
    return "\n".join(lines) + "\n"
