"""A finding: one problem with one reference, worded in Italian, with its correction.

``Finding`` is what every check returns (``check.py``, ``terms.py``) and what ``fix.py``
applies; ``rewrite`` prints a corrected reference in the style of the original ("27 a" ->
"28 a").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Literal

from ..model import Article
from ..parse.patterns import ARTICLE_NUMBER
from .extract import Reference, Target
from .resolve import Resolution

FindingKind = Literal["stale", "dangling", "suspicious", "term"]


@dataclass(frozen=True)
class Finding:
    """One problem with one reference of the (new) text, with the place to fix it."""

    article: str  # where the reference stands: "35"
    paragraph: str  # "3"; "" when unnumbered, or in the title
    text: str  # the reference as printed: "art. 30"
    kind: FindingKind
    suggestion: str | None  # the corrected reference ("art. 33"), None when there is no safe one
    message: str  # Italian, one line: 'Art. 35 cpv. 3: "art. 30" rinvia al vecchio art. 30, ora ...'
    span: tuple[int, int]  # of ``text`` in the node text (``eid``, ``field``)
    eid: str = ""
    field: str = "text"
    line: int | None = None  # source position of the node (text line, DOCX paragraph)
    line_end: int | None = None
    reason: str = ""  # stable code: "renumbered", "repealed", "article_missing", "title_changed", ...
    fixable: bool = False  # a stale reference with one certain correction: ``apply_fixes`` rewrites it
    changes: tuple[tuple[int, str], ...] = ()  # the suggestion as (part index, new value) pairs
    reference: Reference | None = dataclass_field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, object]:
        """For ``--json``: ``{"article": "35", "paragraph": "3", "text": "art. 30", "kind": "stale", ...}``."""
        return {
            "article": self.article,
            "paragraph": self.paragraph,
            "text": self.text,
            "kind": self.kind,
            "suggestion": self.suggestion,
            "message": self.message,
            "reason": self.reason,
            "fixable": self.fixable,
            "eid": self.eid,
            "field": self.field,
            "span": list(self.span),
            "line": self.line,
        }


# ------------------------------------------------------------------ wording


def where(reference: Reference) -> str:
    """ "Art. 35 cpv. 3", "Art. 8 lett. b", "Art. 12 (titolo)"."""
    words = [f"Art. {reference.article}" if reference.article else "Fuori dagli articoli"]
    if reference.field == "title":
        words.append("(titolo)")
    elif reference.field.startswith("cell:"):
        words.append("(tabella)")
    else:
        if reference.paragraph:
            words.append(f"cpv. {reference.paragraph}")
        if reference.letter:
            words.append(f"lett. {reference.letter}")
    return " ".join(words)


def title_in_brackets(article: Article | None) -> str:
    return f" ({article.title.rstrip(':').strip()})" if article is not None and article.title.strip() else ""


def target_words(target: Target) -> str:
    """ "art. 33", "art. 31 cpv. 4", "cpv. 2 (stesso articolo)"."""
    text = str(target)
    if target.article is None:
        return f"{text} dello stesso articolo" if text else "stesso articolo"
    return text


def finding(
    reference: Reference,
    kind: FindingKind,
    message: str,
    reason: str,
    suggestion: str | None = None,
    fixable: bool = False,
    changes: dict[int, str] | None = None,
) -> Finding:
    if suggestion is not None:
        message += f' -> proporre "{suggestion}"'
    return Finding(
        reference.article,
        reference.paragraph,
        reference.raw,
        kind,
        suggestion,
        f'{where(reference)}: "{reference.raw}" {message}',
        reference.span,
        reference.eid,
        reference.field,
        reference.line,
        reference.line_end,
        reason,
        fixable,
        tuple(sorted((changes or {}).items())) if suggestion is not None else (),
        reference,
    )


def rewrite(reference: Reference, values: dict[int, str]) -> str:
    """``reference.raw`` with some of its numbers replaced: part index -> new value."""
    out, cursor = [], reference.span[0]
    for index in sorted(values, key=lambda i: reference.parts[i].span[0]):
        part = reference.parts[index]
        out.append(reference.raw[cursor - reference.span[0] : part.span[0] - reference.span[0]])
        out.append(spelled_like(part.raw, values[index]))
        cursor = part.span[1]
    out.append(reference.raw[cursor - reference.span[0] :])
    return "".join(out)


def spelled_like(raw: str, value: str) -> str:
    """Keep the printed style: "27 a" -> "28 a" when the old number had a spaced suffix."""
    old, new = ARTICLE_NUMBER.fullmatch(raw), ARTICLE_NUMBER.fullmatch(value)
    if old and new and old["gap"] and old["sfx"] and new["sfx"] and not new["gap"]:
        return f"{new['num']}{old['gap']}{new['sfx']}"
    return value


def dangling_finding(
    reference: Reference,
    problems: Sequence[Resolution],
    suggestion: str | None = None,
    note: str = "",
    changes: dict[int, str] | None = None,
) -> Finding:
    details = "; ".join(_problem_words(p) for p in problems)
    return finding(
        reference, "dangling", f"non trova il suo oggetto: {details}{note}", problems[0].reason, suggestion, False, changes
    )


def _problem_words(problem: Resolution) -> str:
    target = target_words(problem.target)
    if problem.reason == "article_missing":
        return f"l'art. {problem.target.article} non esiste nel testo"
    if problem.reason == "article_repealed":
        return f"l'art. {problem.target.article} è abrogato"
    if problem.reason == "paragraph_missing":
        return f"{target}: il cpv. {problem.target.paragraph} non esiste{_in_article(problem)}"
    if problem.reason == "paragraph_repealed":
        return f"{target}: il cpv. {problem.target.paragraph} è abrogato{_in_article(problem)}"
    if problem.reason == "letter_missing":
        return f"{target}: la lett. {problem.target.letter} non esiste{_in_article(problem)}"
    if problem.reason == "no_previous":
        return "non ci sono capoversi precedenti"
    if problem.reason == "no_next":
        return "non ci sono capoversi seguenti"
    return f"{target}: {problem.message}"


def _in_article(problem: Resolution) -> str:
    if problem.article is None:
        return ""
    return f" nell'art. {problem.article.number.normalised}{title_in_brackets(problem.article)}"
