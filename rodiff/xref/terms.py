"""Terminology: renamings the revision applied in several places, and where the old term survives.

    "Aziende municipalizzate" -> "Azienda comunale", "Cassa pensione" -> "Istituto di
    previdenza del Cantone Ticino" (Stabio), "dipendente" -> "collaboratore" (Alto Malcantone)

``find_renamings(alignment)`` reads the word diff of every aligned capoverso pair (and of the
titles): a deleted run followed by an inserted run is a replacement; leading articles and
prepositions ("della", "sull’") are set aside. An old term replaced in at least ``min_places``
articles is a renaming. ``check_terms(alignment)`` then lists each place of the new text
where the old term is still written, as a ``Finding`` of kind "term" with the new term as
the suggestion (never rewritten automatically: articles and agreement may change with it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..align import Alignment, article_body
from ..diff import Diffs
from ..model import Article, Document, Item, Number, Paragraph, Table
from .findings import Finding

# Words set aside at the edges of a replaced run: articles, prepositions, conjunctions.
_EDGE_WORDS = {
    "il", "lo", "la", "i", "gli", "le", "l", "un", "una", "uno", "del", "della", "dello", "dei", "degli", "delle",
    "dell", "al", "alla", "allo", "ai", "agli", "alle", "all", "dal", "dalla", "dallo", "dai", "dagli", "dalle",
    "dall", "nel", "nella", "nello", "nei", "negli", "nelle", "nell", "sul", "sulla", "sullo", "sui", "sugli",
    "sulle", "sull", "di", "a", "da", "in", "con", "su", "per", "e", "o", "ed", "od",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|[^\w\s]")
MAX_WORDS = 8  # a longer replaced run is a rewording, not a renaming
MIN_LETTERS = 4  # a term has at least one word this long ("Fr." -> "CHF" aside)


@dataclass(frozen=True)
class Renaming:
    """``old`` was replaced by ``new`` in the articles ``places`` (new numbers) of the revision."""

    old: str
    new: str
    places: tuple[str, ...]
    variants: tuple[str, ...] = ()  # other new wordings seen for the same old term


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _core(text: str) -> str:
    """The run without edge words and punctuation: "della Cassa pensione," -> "Cassa pensione"."""
    words = _words(text)
    words = [w for w in words if re.match(r"\w", w)]
    split = [re.split(r"['’]", w, maxsplit=1) for w in words]
    flat: list[str] = []
    for parts in split:
        if len(parts) == 2 and parts[0].lower() in _EDGE_WORDS:
            flat.append(parts[1])  # "dell’Istituto" -> "Istituto"
        else:
            flat.append("’".join(parts) if len(parts) == 2 else parts[0])
    while flat and flat[0].lower() in _EDGE_WORDS:
        flat.pop(0)
    while flat and flat[-1].lower() in _EDGE_WORDS:
        flat.pop()
    return " ".join(flat)


def _is_term(core: str) -> bool:
    words = core.split()
    return (
        0 < len(words) <= MAX_WORDS
        and any(len(w) >= MIN_LETTERS and w.isalpha() for w in words)
        and not any(c.isdigit() for c in core)
    )


def _texts(article: Article) -> Iterator[tuple[str, str, str]]:
    """(eid, field, text) of every text of an article."""
    yield article.eid, "title", article.title
    for block in article.blocks:
        if isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    yield block.eid, f"cell:{r}:{c}", cell
            continue
        yield block.eid, "text", block.text
        yield from _item_texts(block.items)


def _item_texts(items: tuple[Item, ...]) -> Iterator[tuple[str, str, str]]:
    for item in items:
        yield item.eid, "text", item.text
        yield from _item_texts(item.items)


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Table):
        return " ".join(cell for row in block.rows for cell in row)
    return " ".join([block.text, *(text for _, _, text in _item_texts(block.items))])


def _replacements(alignment: Alignment, diffs: Diffs) -> Iterator[tuple[str, str, str, str]]:
    """(old core, new core, new article number, head) for every replaced run of the revision.
    ``head``: in the body, the capitalised word kept before a one-word replacement, which names
    an institution with it ("Aziende municipalizzate" -> "Aziende comunali", Vacallo art. 1)."""
    for pair in alignment.pairs:
        if not pair.old or not pair.new or pair.status == "unchanged":
            continue
        where = pair.new[0].number.normalised
        couples = [(pair.old[0].title, pair.new[0].title, False)]
        couples += [
            (" ".join(_block_text(b) for b in pp.old), " ".join(_block_text(b) for b in pp.new), True)
            for pp in pair.paragraphs
            if pp.old and pp.new
        ]
        if not pair.paragraphs:
            couples.append((article_body(pair.old[0]), article_body(pair.new[0]), True))
        for old_text, new_text, body in couples:
            if old_text == new_text:
                continue
            ops = diffs.texts(old_text, new_text)
            for index in range(len(ops) - 1):
                first, second = ops[index], ops[index + 1]
                if {first.kind, second.kind} != {"delete", "insert"}:
                    continue
                deleted = first.text if first.kind == "delete" else second.text
                inserted = second.text if second.kind == "insert" else first.text
                old_core, new_core = _core(deleted), _core(inserted)
                if not (_is_term(old_core) and _is_term(new_core)) or old_core.lower() in new_core.lower():
                    continue
                head = _head(ops[index - 1].text) if index and ops[index - 1].kind == "equal" and body else ""
                yield old_core, new_core, where, head if _named(head, old_core, new_core) else ""


_VERB_ENDING = re.compile(r"(?:are|ere|ire|rà|rò|erà|irà)$")


def _named(head: str, old: str, new: str) -> bool:
    """A one-word qualifier of a name replaced ("municipalizzate" -> "comunali"), not a verb."""
    return bool(head) and len(old.split()) == 1 and len(new.split()) <= 2 and not _VERB_ENDING.search(old.lower())


def _head(equal: str) -> str:
    """The capitalised word that ends an unchanged run ("... delle sue Aziende "), or ""."""
    words = [w for w in _words(equal) if re.match(r"\w", w)]
    if not words or not equal.endswith(" "):
        return ""
    last = words[-1]
    return last if last[:1].isupper() and last.isalpha() and len(last) >= MIN_LETTERS else ""


def find_renamings(alignment: Alignment, min_places: int = 2, diffs: Diffs | None = None) -> list[Renaming]:
    """Old terms replaced in at least ``min_places`` articles, most frequent first. A named
    term ("Aziende municipalizzate": a capitalised word kept before the replaced words) counts
    from its first place."""
    seen: dict[str, dict[str, Counter[str]]] = {}  # old (lower) -> new -> places
    spelled: dict[str, str] = {}
    heads: dict[str, str] = {}  # old (lower) -> the capitalised word before it, for named terms
    for old, new, where, head in _replacements(alignment, diffs or Diffs()):
        key = old.lower()
        spelled.setdefault(key, old)
        seen.setdefault(key, {}).setdefault(new, Counter())[where] += 1
        if head:
            heads.setdefault(key, head)
    # an old run that starts with a shorter old term counts for it ("Cassa pensione dei dipendenti" -> "Cassa pensione")
    found: list[Renaming] = []
    for key in seen:
        places: set[str] = set()
        news: Counter[str] = Counter()
        for other, by_new in seen.items():
            if other == key or other.startswith(key + " "):
                for new, counter in by_new.items():
                    places.update(counter)
                    news[new] += sum(counter.values())
        head = ""
        if len(places) < min_places:
            if key not in heads:
                continue
            head = heads[key] + " "  # counted from its first place: searched with its head
        best = news.most_common(1)[0][0]
        variants = tuple(sorted(head + n for n in news if n != best))
        found.append(Renaming(head + spelled[key], head + best, tuple(sorted(places, key=Number.parse)), variants))
    found = [r for r in found if not any(o is not r and r.old.lower().startswith(o.old.lower() + " ") for o in found)]
    found.sort(key=lambda r: (-len(r.places), r.old.lower()))
    return found


def _term_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<![^\W\d_])" + r"\s+".join(words) + r"(?![^\W\d_])", re.IGNORECASE)


def check_terms(alignment: Alignment, renamings: list[Renaming] | None = None, min_places: int = 2) -> list[Finding]:
    """Places of the new text where an old term of a renaming is still written."""
    renamings = renamings if renamings is not None else find_renamings(alignment, min_places)
    return [finding for renaming in renamings for finding in survivors(alignment.new, renaming)]


def survivors(document: Document, renaming: Renaming) -> list[Finding]:
    """Each place of ``document`` that still writes ``renaming.old``."""
    pattern = _term_pattern(renaming.old)
    found: list[Finding] = []
    for article in document.articles():
        paragraph = ""
        for eid, field, text in _texts(article):
            block = next((b for b in article.paragraphs if b.eid == eid), None)
            if block is not None:
                paragraph = block.number.normalised if block.number is not None else ""
            elif field == "title":
                paragraph = ""
            for match in pattern.finditer(text):
                suggestion = _same_case(match.group(0), renaming.new)
                where = f"Art. {article.number.normalised}" + (" (titolo)" if field == "title" else "")
                if paragraph and field != "title":
                    where += f" cpv. {paragraph}"
                places = ", ".join(renaming.places)
                found.append(
                    Finding(
                        article.number.normalised,
                        paragraph if field != "title" else "",
                        match.group(0),
                        "term",
                        suggestion,
                        f'{where}: "{match.group(0)}" è rimasto, mentre la revisione lo sostituisce con '
                        f'"{renaming.new}" (art. {places}) -> proporre "{suggestion}"',
                        (match.start(), match.end()),
                        eid,
                        field,
                        article.span.start,
                        article.span.end,
                        "term_survives",
                    )
                )
    return found


def _same_case(found: str, new: str) -> str:
    if found[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    if found[:1].islower() and new[:1].isupper() and not new.split()[0].isupper():
        return new[:1].lower() + new[1:]
    return new
