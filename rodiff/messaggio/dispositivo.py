"""The dispositivo of a messaggio municipale, generated from the alignment of two texts.

The dispositivo is the part the Consiglio comunale votes: it lists exactly what changes.
From an ``Alignment`` this module finds, for each touched article, *where* it changed, at
the granularity actually changed (the whole article, a capoverso, a lettera), and writes
the Italian sentence in the forms of the published messages::

    Sono approvate le modifiche agli articoli 1 cpv. 1, 2, 12 cpv. 3, 24 cpv. 1, 6 e
    8 (nuovo), 50 cpv. 1 lett. h e 68; è abrogato l'art. 28; sono introdotti i nuovi
    artt. 11, 13 e 22.

For a total revision (most articles changed, or asked for) the sentence is the one of
seed 001: "Il nuovo Regolamento organico dei dipendenti del Comune di Vacallo è approvato."

Granularity, article by article:

- the whole article when its title changed, when its capoversi were renumbered, merged or
  split, when it has one unnumbered capoverso, or when the change is in a table with no
  capoverso before it;
- otherwise each changed capoverso ("cpv. 3"), each new ("cpv. 8 (nuovo)") or repealed
  ("cpv. 4 (abrogato)") one; and when only lettere of a capoverso changed, those lettere
  ("cpv. 1 lett. h", "lett. e (nuova)").

Capoverso numbers and lettere are read from the parsed tree only. Fragments (seed 002,
Stabio: unchanged text elided with "[…]") come out of the parser with their numbers
("3. Valgono ...", "2 lett. a) è pensionato ...", "[…] 6. Il Municipio ..." glued in one
line); here an unnumbered "[…]" paragraph continues the capoverso before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..align import Alignment, ArticlePair
from ..italiano import join_it
from ..model import Article, Number, Paragraph, Table, block_lines

ChangeKind = Literal["modificato", "nuovo", "abrogato", "rinumerato"]
Note = Literal["", "nuovo", "abrogato"]

DEFAULT_REGULATION = "Regolamento organico dei dipendenti"
TOTAL_SHARE = 0.5  # more than half of the articles touched: a total revision
COMPLETE_SHARE = 0.9  # a text whose article numbers cover less of 1..max is a set of fragments

ELISIONS = ("[…]", "[...]", "(…)", "(...)")


# ---------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Location:
    """Where inside an article: a capoverso, or a lettera of one. ``note`` marks new and
    repealed ones ("cpv. 8 (nuovo)", "lett. e (abrogata)")."""

    capoverso: Number
    lettera: str = ""
    note: Note = ""

    def sort_key(self) -> tuple[tuple[int, tuple[int, ...]], str]:
        return (self.capoverso.sort_key(), self.lettera)


@dataclass(frozen=True)
class Change:
    """One touched article. ``locations`` empty means the whole article."""

    kind: ChangeKind
    number: Number  # the new number; the old one for a repealed article
    old_numbers: tuple[Number, ...] = ()  # where the number changed (or articles merged)
    locations: tuple[Location, ...] = ()
    key: str = ""  # the osservazioni key: new number, or "vecchio N"


@dataclass(frozen=True)
class Dispositivo:
    """The changes, whether the revision is total, and the sentence for the dispositivo."""

    changes: tuple[Change, ...]
    total: bool
    sentence: str

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]


# --------------------------------------------------------------------------- public


def build_dispositivo(
    alignment: Alignment,
    *,
    total: bool | None = None,
    regulation: str = DEFAULT_REGULATION,
    commune: str = "",
) -> Dispositivo:
    """The dispositivo of a revision. ``total`` forces (True) or forbids (False) the
    sentence of a total revision; None decides from the alignment (``is_total_revision``)."""
    found = tuple(changes(alignment))
    is_total = is_total_revision(alignment) if total is None else total
    sentence = total_sentence(regulation, commune) if is_total else partial_sentence(found)
    return Dispositivo(found, is_total, sentence)


def is_total_revision(alignment: Alignment) -> bool:
    """More than half of the articles touched, in complete texts (not fragments)."""
    pairs = alignment.pairs
    if not pairs:
        return False
    touched = sum(1 for pair in pairs if pair.status != "unchanged")
    return touched / len(pairs) > TOTAL_SHARE and _complete(alignment.old.articles()) and _complete(alignment.new.articles())


def total_sentence(regulation: str = DEFAULT_REGULATION, commune: str = "") -> str:
    """ "Il nuovo Regolamento organico dei dipendenti del Comune di Vacallo è approvato." """
    return f"Il nuovo {regulation_name(regulation, commune)} è approvato."


def regulation_name(regulation: str = DEFAULT_REGULATION, commune: str = "") -> str:
    """ "Regolamento organico dei dipendenti del Comune di Vacallo": capitalised, the commune added once."""
    name = regulation[:1].upper() + regulation[1:]
    if commune and "comune di" not in name.lower():
        name += f" del Comune di {commune}"
    return name


def changes(alignment: Alignment) -> list[Change]:
    """Every touched article, sorted by number (new articles and repealed ones included)."""
    complete = _complete(alignment.old.articles()) and _complete(alignment.new.articles())
    found: list[Change] = []
    for pair in alignment.pairs:
        found.extend(_pair_changes(pair, complete))
    return sorted(_replaced(found), key=lambda change: (change.number.sort_key(), change.kind))


def _replaced(found: list[Change]) -> list[Change]:
    """Old art. 28 repealed and a new art. 28 in its place: art. 28 is modified (whole)."""
    repealed = {c.number: c for c in found if c.kind == "abrogato"}
    new = {c.number: c for c in found if c.kind == "nuovo"}
    both = set(repealed) & set(new)
    if not both:
        return found
    kept = [c for c in found if not (c.kind in ("abrogato", "nuovo") and c.number in both)]
    return kept + [Change("modificato", new[number].number, key=new[number].key) for number in both]


def partial_sentence(found: Sequence[Change]) -> str:
    """The clauses joined with "; ", capitalised, ending with a full stop ("" if none)."""
    clauses = []
    modified = [c for c in found if c.kind == "modificato"]
    renumbered = [c for c in found if c.kind == "rinumerato"]
    repealed = [c for c in found if c.kind == "abrogato"]
    new = [c for c in found if c.kind == "nuovo"]
    if modified:
        clauses.append(_modified_clause(modified))
    if repealed:
        numbers = [str(c.number) for c in repealed]
        clauses.append(f"è abrogato l'art. {numbers[0]}" if len(numbers) == 1 else f"sono abrogati gli artt. {join_it(numbers)}")
    if new:
        numbers = [str(c.number) for c in new]
        clauses.append(
            f"è introdotto il nuovo art. {numbers[0]}"
            if len(numbers) == 1
            else f"sono introdotti i nuovi artt. {join_it(numbers)}"
        )
    if renumbered:
        items = [f"{_old(c)} (ora {c.number})" for c in renumbered]
        clauses.append(f"è rinumerato l'art. {items[0]}" if len(items) == 1 else f"sono rinumerati gli artt. {join_it(items)}")
    if not clauses:
        return ""
    sentence = "; ".join(clauses) + "."
    return sentence[0].upper() + sentence[1:]


def describe(change: Change) -> str:
    """One article as the dispositivo lists it: "24 cpv. 1, 6 e 8 (nuovo)", "12 (già 11)"."""
    text = str(change.number)
    if change.old_numbers and change.old_numbers != (change.number,):
        text += f" (già {join_it(str(n) for n in change.old_numbers)})"
    if change.locations:
        text += " " + _locations_text(change.locations)
    return text


# ------------------------------------------------------------------------ sentences


def _modified_clause(modified: Sequence[Change]) -> str:
    items = [describe(change) for change in modified]
    single = len(modified) == 1 and len(modified[0].locations) <= 1
    verb = "È approvata la modifica" if single else "Sono approvate le modifiche"
    where = "all'articolo" if len(modified) == 1 else "agli articoli"
    return f"{verb} {where} {join_it(items)}"


def _old(change: Change) -> str:
    return join_it(str(n) for n in change.old_numbers) or str(change.number)


def _locations_text(locations: Sequence[Location]) -> str:
    """ "cpv. 1, 6 e 8 (nuovo)"; "cpv. 1 lett. b e h"; "cpv. 1 lett. c e cpv. 4 (nuovo)"."""
    groups: list[tuple[Location, list[Location]]] = []  # a capoverso and its lettere
    for location in locations:
        if location.lettera and groups and groups[-1][1] and groups[-1][0].capoverso == location.capoverso:
            groups[-1][1].append(location)
        else:
            groups.append((location, [location] if location.lettera else []))
    parts: list[str] = []
    previous_letters = False
    for index, (head, letters) in enumerate(groups):
        # "cpv." is repeated only where a list of lettere came before or follows
        text = f"cpv. {head.capoverso}" if index == 0 or previous_letters or letters else str(head.capoverso)
        if letters:
            text += " lett. " + join_it(_letter_text(letter) for letter in letters)
        elif head.note:
            text += f" ({head.note})"
        parts.append(text)
        previous_letters = bool(letters)
    return join_it(parts)


def _letter_text(location: Location) -> str:
    feminine = {"nuovo": "nuova", "abrogato": "abrogata"}
    return location.lettera + (f" ({feminine[location.note]})" if location.note else "")


# ---------------------------------------------------------------------- per article


def _pair_changes(pair: ArticlePair, complete: bool = True) -> list[Change]:
    key = pair.key
    status = pair.status
    if status == "unchanged":
        return []
    if status == "repealed" or not pair.new:  # a repealed slot ("Art. 12 (abrogato)") has no old article
        return [Change("abrogato", (pair.old or pair.new)[0].number, key=key)]
    if status == "new" or not pair.old:
        return [Change("nuovo", article.number, key=key) for article in pair.new]
    old_numbers = tuple(article.number for article in pair.old)
    new = pair.new[0]
    if status == "renumbered":
        return [Change("rinumerato", new.number, old_numbers, key=key)]
    if status == "split":
        return [Change("modificato", article.number, old_numbers, key=key) for article in pair.new]
    shown_old = old_numbers if (status == "merged" or old_numbers != (new.number,)) else ()
    locations: tuple[Location, ...] = ()
    if status in ("modified", "renumbered_modified", "moved"):
        locations = tuple(_locations(pair, complete))
    return [Change("modificato", new.number, shown_old, locations, key)]


def _locations(pair: ArticlePair, complete: bool = True) -> list[Location]:
    """Where a modified article changed; [] for the whole article.

    In a complete text (not fragments) an article whose every capoverso changed is
    listed whole: "12", not "12 cpv. 1, 2 e 3".
    """
    old, new = pair.old[0], pair.new[0]
    if " ".join(old.title.split()) != " ".join(new.title.split()):
        return []
    elided = _has_elisions(old) or _has_elisions(new)
    old_segments = _segments(old)
    new_segments = _segments(new)
    found: list[Location] = []
    for paragraph_pair in pair.paragraphs:
        if len(paragraph_pair.old) > 1 or len(paragraph_pair.new) > 1 or paragraph_pair.renumbered:
            return []  # capoversi merged, split or renumbered: the article's structure changed
        before = [old_segments[id(block)] for block in paragraph_pair.old]
        after = [new_segments[id(block)] for block in paragraph_pair.new]
        if before == after:
            continue
        compared = _compare(before, after)
        if compared is None:
            return []
        found.extend(compared)
    if not found:
        return []  # text changed but no capoverso found changed (markers, spacing): the article
    unique = _merge_replaced(found)
    numbered = {p.number for p in new.paragraphs if p.number is not None}
    plain = {location.capoverso for location in unique if not location.lettera and location.note != "abrogato"}
    if complete and not elided and len(numbered) > 1 and numbered <= plain:
        return []
    return unique


def _merge_replaced(found: list[Location]) -> list[Location]:
    """A capoverso (or lettera) both repealed and new is one that changed; sorted, unique."""
    notes: dict[tuple[Number, str], set[str]] = {}
    for location in found:
        notes.setdefault((location.capoverso, location.lettera), set()).add(location.note)
    merged = []
    for (capoverso, lettera), kinds in notes.items():
        note: Note = ""
        if kinds == {"nuovo"}:
            note = "nuovo"
        elif kinds == {"abrogato"}:
            note = "abrogato"
        merged.append(Location(capoverso, lettera, note))
    # a capoverso listed whole makes its lettere redundant
    whole = {location.capoverso for location in merged if not location.lettera}
    merged = [location for location in merged if not location.lettera or location.capoverso not in whole]
    return sorted(merged, key=Location.sort_key)


@dataclass(frozen=True)
class _Segment:
    """A capoverso as printed: its opening text, its lettere, its other items."""

    capoverso: Number | None
    text: str
    items: tuple[tuple[str, str], ...]  # (letter label, whole text with sub-items)
    other_items: str  # non-letter items ("-", "•", "[…]"), as one text


def _segments(article: Article) -> dict[int, _Segment]:
    """The segment of every block of an article, keyed by ``id(block)``.

    A table, and an unnumbered paragraph that is an elision ("[…]") or only lettere,
    continue the capoverso before them.
    """
    result: dict[int, _Segment] = {}
    current: Number | None = None
    for block in article.blocks:
        if isinstance(block, Table):
            result[id(block)] = _Segment(current, " | ".join(line.text for line in block_lines(block)), (), "")
            continue
        segment = _paragraph_segment(block, current)
        result[id(block)] = segment
        current = segment.capoverso or current
    return result


def _paragraph_segment(paragraph: Paragraph, current: Number | None) -> _Segment:
    text = " ".join(paragraph.text.split())
    capoverso = paragraph.number
    if capoverso is None and (text.startswith(ELISIONS) or (not text and paragraph.items)):
        capoverso = current  # "[…]" then "c) ...": the capoverso before goes on
    letters, others = _items(paragraph)
    return _Segment(capoverso, text, letters, others)


def _items(paragraph: Paragraph) -> tuple[tuple[tuple[str, str], ...], str]:
    """The lettere (label, printed text with sub-items) and the other items as one text."""
    printed: dict[str, list[str]] = {}  # a lettera's (or item's) eid -> its printed lines
    for line in block_lines(paragraph):
        if line.kind == "item":
            if line.depth == 1:
                top = line.eid
            printed.setdefault(top, []).append(line.text)
    texts = {eid: " ".join(" ".join(lines).split()) for eid, lines in printed.items()}
    letters = tuple((item.label, texts[item.eid]) for item in paragraph.items if item.is_letter)
    others = " ".join(texts[item.eid] for item in paragraph.items if not item.is_letter)
    return letters, others


def _compare(before: list[_Segment], after: list[_Segment]) -> list[Location] | None:
    """Locations changed between two lists of segments; None when the whole article."""
    old_by_number = {s.capoverso: s for s in before}
    new_by_number = {s.capoverso: s for s in after}
    if len(old_by_number) != len(before) or len(new_by_number) != len(after):
        return None  # two segments with one number: cannot tell them apart
    found: list[Location] = []
    for capoverso, segment in new_by_number.items():
        if capoverso is None:
            if old_by_number.get(None) != segment:
                return None  # an unnumbered capoverso changed: the article
            continue
        old = old_by_number.get(capoverso)
        if old is None:
            found.append(Location(capoverso, note="nuovo"))
        elif old != segment:
            found.extend(_segment_changes(capoverso, old, segment))
    for capoverso in old_by_number:
        if capoverso not in new_by_number:
            if capoverso is None:
                return None
            found.append(Location(capoverso, note="abrogato"))
    return found


def _segment_changes(capoverso: Number, old: _Segment, new: _Segment) -> list[Location]:
    """The changed capoverso, or only its changed lettere when nothing else changed."""
    if old.text != new.text or old.other_items != new.other_items:
        return [Location(capoverso)]
    old_letters = dict(old.items)
    new_letters = dict(new.items)
    old_labels = [label for label, _ in old.items]
    new_labels = [label for label, _ in new.items]
    if len(old_letters) != len(old_labels) or len(new_letters) != len(new_labels):
        return [Location(capoverso)]
    shorter, longer = sorted((old_labels, new_labels), key=len)
    if longer[: len(shorter)] != shorter:
        return [Location(capoverso)]  # lettere re-lettered: the capoverso
    found = []
    for label in new_labels:
        if label not in old_letters:
            found.append(Location(capoverso, label, "nuovo"))
        elif old_letters[label] != new_letters[label]:
            found.append(Location(capoverso, label))
    removed = [Location(capoverso, label, "abrogato") for label in old_labels if label not in new_letters]
    if (len(new_labels) > 1 and len(found) == len(new_labels)) or (removed and found):
        return [Location(capoverso)]  # every lettera changed, or lettere both added and removed
    return found + removed or [Location(capoverso)]


# --------------------------------------------------------------------------- helpers


def _has_elisions(article: Article) -> bool:
    def texts() -> Iterable[str]:
        for block in article.blocks:
            if isinstance(block, Paragraph):
                yield block.text
                yield from (item.text for item in block.items)

    return any(mark in text for text in texts() for mark in ELISIONS)


def _complete(articles: Sequence[Article]) -> bool:
    """The article numbers cover most of 1..max (fragments skip most of them)."""
    values = {article.number.value for article in articles}
    if not values:
        return False
    return len(values) >= COMPLETE_SHARE * max(values)


def numbering_gap_news(alignment: Alignment) -> list[Number]:
    """New articles whose number the old text skips between two kept ones (fragments?).

    In a text of fragments an article printed only in its new version looks new; in a
    complete text a new article in the middle would have a suffix ("25a") or push the
    numbers after it.
    """
    old_numbers = sorted(article.number for article in alignment.old.articles())
    found = []
    for pair in alignment.pairs:
        if pair.status != "new" or not pair.new:
            continue
        number = pair.new[0].number
        if pair.new[0].is_new or number.suffix or not old_numbers:
            continue
        if old_numbers[0] < number < old_numbers[-1] and number not in old_numbers:
            found.append(number)
    return found
