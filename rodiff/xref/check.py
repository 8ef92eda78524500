"""Check the references of a regulation, alone or against the version it revises.

``check_alone(document)``: every internal reference must resolve (the article exists and is
not repealed; the capoverso and the lettera exist in it). Those that do not are **dangling**.
A reference with a bracketed title that names another article ("all'art. 23 (occupazioni
accessorie)" when art. 23 has another title and art. 26 is "Occupazioni accessorie") is
**suspicious**, with art. 26 as the suggestion.

``check_against(old, new, alignment)``: each reference of the new text is compared with the
same reference in the old text (same article pair, same capoverso pair, same place in it;
the alignment says what became of every old article, capoverso and lettera):

- **stale**: the reference still has the old number while its target moved ("art. 30" when
  old art. 30 is now art. 33; "art. 31 cpv. 5" when old cpv. 5 is now cpv. 4), with the
  corrected reference as the suggestion. Articles that did not change at all are checked
  too: they are the ones people forget.
- **dangling**: the target was repealed (article, capoverso or lettera), or the reference
  does not resolve in the new text.
- **suspicious**: the reference follows the new numbering but its target changed topic (the
  cited article's title changed completely, or the cited capoverso was rewritten), or its
  bracketed title fits another article.

A reference that the drafter changed on purpose (neither the old number nor the renumbered
one) is only checked for resolving. A stale reference whose correction is not unique (the
old article was split in two) has no suggestion and is reported, never rewritten.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Literal

from rapidfuzz import fuzz

from ..align import Alignment, ArticlePair, ParagraphPair, align
from ..model import Article, Document, Item, Paragraph, Table
from .extract import Reference, Target, find_references
from .resolve import DocumentIndex, Resolution, letters, resolve, resolve_target

FindingKind = Literal["stale", "dangling", "suspicious", "term"]

TITLE_CHANGED = 50  # token-set ratio (0-100) under which two titles are about different things
REWRITTEN = 0.3  # paragraph similarity under which a cited capoverso counts as rewritten
HINT_FITS = 80  # token-set ratio over which a bracketed title names an article
LETTER_MATCH = 0.5  # similarity over which two lettere of a capoverso pair are the same lettera


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


def _title(article: Article | None) -> str:
    return f" ({article.title.rstrip(':').strip()})" if article is not None and article.title.strip() else ""


def _target_words(target: Target) -> str:
    """ "art. 33", "art. 31 cpv. 4", "cpv. 2 (stesso articolo)"."""
    text = str(target)
    if target.article is None:
        return f"{text} dello stesso articolo" if text else "stesso articolo"
    return text


def _finding(
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
        out.append(_spelled_like(part.raw, values[index]))
        cursor = part.span[1]
    out.append(reference.raw[cursor - reference.span[0] :])
    return "".join(out)


def _spelled_like(raw: str, value: str) -> str:
    """Keep the printed style: "27 a" -> "28 a" when the old number had a spaced suffix."""
    match = re.fullmatch(r"(\d+)(\s+)([a-z]+)", raw)
    new = re.fullmatch(r"(\d+)([a-z]+)", value)
    if match and new:
        return f"{new.group(1)}{match.group(2)}{new.group(2)}"
    return value


# ------------------------------------------------------------------ alone


def check_alone(document: Document, references: Sequence[Reference] | None = None, partial: bool = False) -> list[Finding]:
    """Dangling internal references of one text, and bracketed titles that name another article.

    ``partial``: the document is an extract (only the articles a revision touches), so a
    reference to an article that is not in it is not reported.
    """
    index = DocumentIndex(document)
    found: list[Finding] = []
    for reference in references if references is not None else find_references(document):
        if not reference.internal:
            continue
        problems = [r for r in resolve(reference, index) if not r.ok and not (partial and r.reason == "article_missing")]
        if problems:
            found.append(_dangling(reference, problems))
            continue
        hint = _hint_finding(reference, index)
        if hint is not None:
            found.append(hint)
    return found


def _dangling(
    reference: Reference,
    problems: Sequence[Resolution],
    suggestion: str | None = None,
    note: str = "",
    changes: dict[int, str] | None = None,
) -> Finding:
    details = "; ".join(_problem_words(p) for p in problems)
    return _finding(
        reference, "dangling", f"non trova il suo oggetto: {details}{note}", problems[0].reason, suggestion, False, changes
    )


def _problem_words(problem: Resolution) -> str:
    target = _target_words(problem.target)
    if problem.reason == "article_missing":
        return f"l'art. {problem.target.article} non esiste nel testo"
    if problem.reason == "article_repealed":
        return f"l'art. {problem.target.article} è abrogato"
    if problem.reason == "paragraph_missing":
        return f"{target}: il cpv. {problem.target.paragraph} non esiste{_in_article(problem)}"
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
    return f" nell'art. {problem.article.number.normalised}{_title(problem.article)}"


def _fits(hint: str, title: str) -> int:
    if not hint or not title:
        return 0
    return int(fuzz.token_set_ratio(_plain(hint), _plain(title)))


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]{3,}", text.lower()))


def _hint_finding(reference: Reference, index: DocumentIndex) -> Finding | None:
    """ "all'art. 23 (occupazioni accessorie)" where art. 23 is about something else."""
    if not reference.hint or reference.hint_part is None or reference.kind != "full":
        return None
    part = reference.parts[reference.hint_part]
    cited = index.article(part.value)
    if cited is None or _fits(reference.hint, cited.title) >= HINT_FITS:
        return None
    fitting = [a for a in index.articles if _fits(reference.hint, a.title) >= HINT_FITS]
    if len(fitting) != 1 or fitting[0] is cited:
        return None
    other = fitting[0]
    suggestion = rewrite(reference, {reference.hint_part: other.number.normalised})
    return _finding(
        reference,
        "suspicious",
        f"rinvia all'art. {part.value}{_title(cited)}, ma il titolo tra parentesi «{reference.hint}» "
        f"è quello dell'art. {other.number.normalised}",
        "hint_mismatch",
        suggestion,
        False,
        {reference.hint_part: other.number.normalised},
    )


# ------------------------------------------------------------------ against the old text


Status = Literal["ok", "repealed", "ambiguous", "unknown"]


@dataclass(frozen=True)
class Translation:
    """What an old target became in the new text."""

    status: Status
    old: Target
    new: Target | None = None  # status "ok": the target in the new numbering (article always given)
    old_article: Article | None = None
    new_article: Article | None = None
    level: str = ""  # "repealed"/"ambiguous": "article", "paragraph" or "letter"
    candidates: tuple[str, ...] = ()  # "ambiguous": the possible new targets
    old_paragraph: Paragraph | None = None
    new_paragraph: Paragraph | None = None
    paragraph_similarity: float = 1.0


class Renumbering:
    """The old -> new maps read from an ``Alignment``: articles, capoversi, lettere."""

    def __init__(
        self, alignment: Alignment, old_index: DocumentIndex | None = None, new_index: DocumentIndex | None = None
    ) -> None:
        self.alignment = alignment
        self.old = old_index or DocumentIndex(alignment.old)
        self.new = new_index or DocumentIndex(alignment.new)
        self.pair_of_old: dict[str, ArticlePair] = {}
        self.pair_of_new: dict[str, ArticlePair] = {}
        self.paragraphs: dict[str, ParagraphPair] = {}  # old capoverso eid -> its pair
        self.owner: dict[str, Article] = {}  # new capoverso eid -> new article
        for pair in alignment.pairs:
            for article in pair.old:
                self.pair_of_old[article.eid] = pair
            for article in pair.new:
                self.pair_of_new[article.eid] = pair
                for block in article.blocks:
                    self.owner[block.eid] = article
            for paragraph_pair in pair.paragraphs:
                for block in paragraph_pair.old:
                    self.paragraphs[block.eid] = paragraph_pair
        self._letters: dict[tuple[str, str], dict[str, str | None]] = {}
        self.partial = False  # extracts: a missing article is not a finding

    def translate(self, target: Target, citing_old: Article | None = None, where_old: str = "") -> Translation:
        """What ``target`` of a reference of the old text (standing in ``citing_old``) became."""
        old_article = citing_old if target.article is None else self.old.article(target.article)
        if old_article is None:
            return Translation("unknown", target)
        pair = self.pair_of_old.get(old_article.eid)
        new_articles = tuple(a for a in pair.new if not a.is_repealed) if pair is not None else ()
        if pair is None or pair.status == "repealed" or not new_articles:
            return Translation("repealed", target, old_article=old_article, level="article")
        if target.paragraph is None and target.letter is None:
            if len(new_articles) > 1:
                names = tuple(f"art. {a.number.normalised}" for a in new_articles)
                return Translation("ambiguous", target, old_article=old_article, level="article", candidates=names)
            new_article = new_articles[0]
            return Translation("ok", target, Target(new_article.number.normalised), old_article, new_article)
        if target.paragraph is None:
            resolution = resolve_target(target, self.old, citing_old, where_old)
            old_paragraph = resolution.paragraph
            if not resolution.ok or old_paragraph is None:
                return self._article_only(target, old_article, new_articles)
        else:
            old_paragraph = self.old.paragraph(old_article, target.paragraph)
            if old_paragraph is None:
                return self._article_only(target, old_article, new_articles)
        paragraph_pair = self.paragraphs.get(old_paragraph.eid)
        news = tuple(b for b in paragraph_pair.new if isinstance(b, Paragraph)) if paragraph_pair is not None else ()
        if not news:
            kept = new_articles[0] if len(new_articles) == 1 else None
            return Translation("repealed", target, None, old_article, kept, level="paragraph", old_paragraph=old_paragraph)
        assert paragraph_pair is not None
        if len(news) > 1 and target.letter is None:
            names = tuple(f"art. {self.owner[b.eid].number.normalised} cpv. {self.new.label(b)}" for b in news)
            return Translation("ambiguous", target, old_article=old_article, level="paragraph", candidates=names)
        new_paragraph = news[0]
        new_letter: str | None = None
        if target.letter is not None:
            found = self._letter(old_paragraph, news, target.letter)
            if found is None:
                return Translation(
                    "repealed",
                    target,
                    None,
                    old_article,
                    self.owner[news[0].eid],
                    level="letter",
                    old_paragraph=old_paragraph,
                    new_paragraph=news[0],
                )
            new_paragraph, new_letter = found
        new_article = self.owner[new_paragraph.eid]
        label = self.new.label(new_paragraph) if target.paragraph is not None else None
        new_target = Target(new_article.number.normalised, label, new_letter)
        return Translation(
            "ok",
            target,
            new_target,
            old_article,
            new_article,
            old_paragraph=old_paragraph,
            new_paragraph=new_paragraph,
            paragraph_similarity=paragraph_pair.similarity if len(paragraph_pair.old) == 1 else 1.0,
        )

    @staticmethod
    def _article_only(target: Target, old_article: Article, new_articles: tuple[Article, ...]) -> Translation:
        """The capoverso or lettera did not exist in the old text: only the article can be followed."""
        if len(new_articles) != 1:
            return Translation("unknown", target, old_article=old_article)
        article = new_articles[0]
        return Translation("unknown", target, Target(article.number.normalised), old_article, article, level="paragraph")

    def _letter(self, old_paragraph: Paragraph, news: tuple[Paragraph, ...], letter: str) -> tuple[Paragraph, str] | None:
        """The new capoverso and label of lettera ``letter`` of ``old_paragraph``, or None if repealed."""
        old_items = letters(old_paragraph)
        if letter not in old_items:
            return (news[0], letter)  # the old reference did not resolve: keep the letter
        for new_paragraph in news:
            mapping = self._letters.get((old_paragraph.eid, new_paragraph.eid))
            if mapping is None:
                mapping = _align_letters(old_items, letters(new_paragraph))
                self._letters[(old_paragraph.eid, new_paragraph.eid)] = mapping
            if mapping.get(letter) is not None:
                return (new_paragraph, str(mapping[letter]))
        return None


def _align_letters(old: dict[str, Item], new: dict[str, Item]) -> dict[str, str | None]:
    """Old lettera -> new lettera (None when it has no counterpart), in order, by similarity."""
    old_labels, new_labels = list(old), list(new)
    if [old[k].text for k in old_labels] == [new[k].text for k in new_labels]:
        return dict(zip(old_labels, new_labels, strict=True))
    m, n = len(old_labels), len(new_labels)
    sims = [[fuzz.ratio(old[a].text, new[b].text) / 100 for b in new_labels] for a in old_labels]
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            take = score[i + 1][j + 1] + sims[i][j] if sims[i][j] >= LETTER_MATCH else float("-inf")
            score[i][j] = max(score[i + 1][j], score[i][j + 1], take)
    mapping: dict[str, str | None] = dict.fromkeys(old_labels)
    i = j = 0
    while i < m and j < n:
        if score[i][j] == score[i + 1][j]:
            i += 1
        elif score[i][j] == score[i][j + 1]:
            j += 1
        else:
            mapping[old_labels[i]] = new_labels[j]
            i, j = i + 1, j + 1
    return mapping


ReferenceStatus = Literal["external", "renumbered", "unchanged", "new", "changed", "stale", "dangling", "suspicious", "term"]


@dataclass(frozen=True)
class Classified:
    """A reference of the new text and what the check made of it.

    ``status``: ``external`` (another act, not checked); ``renumbered`` (follows the new
    numbering: the number changed with its target); ``unchanged`` (same number, target did not
    move); ``new`` (no counterpart in the old text, resolves); ``changed`` (the drafter cited
    something else than before, resolves); or the kind of its first finding.
    """

    reference: Reference
    status: ReferenceStatus
    findings: tuple[Finding, ...] = ()
    old_reference: Reference | None = None


def classify(old: Document, new: Document, alignment: Alignment | None = None, partial: bool = False) -> list[Classified]:
    """Every reference of ``new``, in order, with its status and findings (see ``Classified``).
    ``partial``: both texts are extracts; references to articles not in them are not reported."""
    alignment = alignment if alignment is not None else align(old, new)
    renumbering = Renumbering(alignment)
    renumbering.partial = partial
    old_refs = [r for r in find_references(old) if r.internal]
    new_refs = find_references(new)
    counterpart = _match_references(alignment, old_refs, [r for r in new_refs if r.internal])
    result: list[Classified] = []
    for reference in new_refs:
        if not reference.internal:
            result.append(Classified(reference, "external"))
            continue
        old_reference = counterpart.get(id(reference))
        status, findings = _check_one(reference, old_reference, renumbering)
        result.append(Classified(reference, status, tuple(findings), old_reference))
    return result


def check_against(old: Document, new: Document, alignment: Alignment | None = None, partial: bool = False) -> list[Finding]:
    """Stale, dangling and suspicious references of ``new``, read through the alignment with ``old``.
    ``partial``: both texts are extracts; references to articles not in them are not reported."""
    return [finding for item in classify(old, new, alignment, partial) for finding in item.findings]


def _mask(reference: Reference) -> str:
    out, cursor = [], reference.span[0]
    for part in sorted(reference.parts, key=lambda p: p.span[0]):
        out.append(reference.raw[cursor - reference.span[0] : part.span[0] - reference.span[0]])
        out.append("#")
        cursor = part.span[1]
    out.append(reference.raw[cursor - reference.span[0] :])
    return " ".join("".join(out).lower().replace("’", "'").split())


def _groups(pair: ArticlePair) -> Iterable[tuple[set[str], set[str]]]:
    """Nodes of an article pair whose references correspond: (old eids, new eids)."""
    yield ({a.eid + "#title" for a in pair.old}, {a.eid + "#title" for a in pair.new})
    for paragraph_pair in pair.paragraphs:
        yield (_eids(paragraph_pair.old), _eids(paragraph_pair.new))


def _eids(blocks: tuple[Paragraph | Table, ...]) -> set[str]:
    found: set[str] = set()

    def walk(items: tuple[Item, ...]) -> None:
        for item in items:
            found.add(item.eid)
            walk(item.items)

    for block in blocks:
        found.add(block.eid)
        if isinstance(block, Paragraph):
            walk(block.items)
    return found


def _node_key(reference: Reference) -> str:
    return reference.eid + "#title" if reference.field == "title" else reference.eid


def _match_references(alignment: Alignment, old_refs: list[Reference], new_refs: list[Reference]) -> dict[int, Reference]:
    """new reference (by id) -> the old reference at the same place of the aligned node."""
    old_by_node: dict[str, list[Reference]] = {}
    for reference in old_refs:
        old_by_node.setdefault(_node_key(reference), []).append(reference)
    new_by_node: dict[str, list[Reference]] = {}
    for reference in new_refs:
        new_by_node.setdefault(_node_key(reference), []).append(reference)
    matched: dict[int, Reference] = {}
    for pair in alignment.pairs:
        if not pair.old or not pair.new:
            continue
        for old_eids, new_eids in _groups(pair):
            olds = [r for eid in sorted(old_eids) for r in old_by_node.get(eid, [])]
            news = [r for eid in sorted(new_eids) for r in new_by_node.get(eid, [])]
            if not olds or not news:
                continue
            olds.sort(key=lambda r: (r.line or 0, r.eid, r.span))
            news.sort(key=lambda r: (r.line or 0, r.eid, r.span))
            matcher = difflib.SequenceMatcher(None, [_mask(r) for r in olds], [_mask(r) for r in news], autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag in ("equal", "replace"):
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                        matched[id(news[j])] = olds[i]
    return matched


@dataclass
class _Verdict:
    stale: dict[int, str] = dataclass_field(default_factory=dict)  # part index -> corrected value
    stale_targets: list[tuple[Target, Translation]] = dataclass_field(default_factory=list)
    repealed: list[Translation] = dataclass_field(default_factory=list)
    ambiguous: list[Translation] = dataclass_field(default_factory=list)
    conflict: bool = False
    check_new: list[int] = dataclass_field(default_factory=list)  # target indexes only to resolve in the new text
    topic: list[Translation] = dataclass_field(default_factory=list)
    kept: list[int] = dataclass_field(default_factory=list)  # unresolved in the old text, printed the same


def _check_one(
    reference: Reference, old_reference: Reference | None, renumbering: Renumbering
) -> tuple[ReferenceStatus, list[Finding]]:
    if reference.relative:
        problems = [r for r in resolve(reference, renumbering.new) if not r.ok]
        return (
            ("dangling", [_dangling(reference, problems)]) if problems else ("new" if old_reference is None else "unchanged", [])
        )
    verdict = _Verdict()
    if old_reference is None or old_reference.relative:
        verdict.check_new = list(range(len(reference.targets)))
    else:
        _compare(reference, old_reference, renumbering, verdict)
    found: list[Finding] = []
    if verdict.stale_targets:
        found.append(_stale_finding(reference, verdict))
    for translation in verdict.repealed:
        found.append(_repealed_finding(reference, translation))
    if verdict.check_new:
        found.extend(_check_in_new(reference, verdict.check_new, renumbering))
    if not found:
        for translation in verdict.topic:
            topic = _topic_finding(reference, translation)
            if topic is not None:
                found.append(topic)
                break
    if not found:
        hint = _hint_finding(reference, renumbering.new)
        if hint is not None:
            found.append(hint)
    if found:
        return found[0].kind, found
    if old_reference is None:
        return "new", found
    if verdict.check_new and not set(verdict.check_new) <= set(verdict.kept):
        return "changed", found
    moved = any(t.new is not None and _moved(t, reference) for t in verdict.topic)
    return ("renumbered" if moved else "unchanged"), found


def _moved(translation: Translation, reference: Reference) -> bool:
    """Did the printed number change with its target? (For "al cpv. 1", only the capoverso counts.)"""
    assert translation.new is not None
    old, new = translation.old, translation.new
    if reference.kind == "same_article":
        return (old.paragraph, old.letter) != (new.paragraph, new.letter)
    return old != new


def _compare(reference: Reference, old_reference: Reference, renumbering: Renumbering, verdict: _Verdict) -> None:
    same_shape = _mask(reference) == _mask(old_reference) and len(reference.targets) == len(old_reference.targets)
    citing_old = renumbering.old.article_by_eid(old_reference.article_eid)
    citing_new = renumbering.new.article_by_eid(reference.article_eid)
    translations = [renumbering.translate(t, citing_old, old_reference.eid) for t in old_reference.targets]
    for k, target in enumerate(reference.targets):
        if same_shape:
            candidates = [k]
        else:  # "lett. a) o d)" lost a word: compare on the levels the new reference still names
            candidates = [i for i, t in enumerate(old_reference.targets) if _project(t, target) == target]
            candidates += [
                i
                for i, tr in enumerate(translations)
                if tr.status == "ok" and tr.new is not None and _same(_project(tr.new, target), target, citing_new)
            ]
        if not candidates:
            verdict.check_new.append(k)
            continue
        i = candidates[0]
        old_target, translation = _project(old_reference.targets[i], target), translations[i]
        if translation.new is not None and not same_shape:
            translation = replace(translation, new=_project(translation.new, target))
        if translation.status == "unknown":  # the old reference did not resolve in the old text
            if not _stale_article_only(reference, k, target, old_target, translation, verdict):
                verdict.check_new.append(k)
                if target == old_target:
                    verdict.kept.append(k)
            continue
        if translation.status == "ok":
            assert translation.new is not None
            if _same(translation.new, target, citing_new):
                verdict.topic.append(translation)
                continue
            levels = _levels(target, old_target, translation.new, citing_new)
            if "changed" in levels.values() or not same_shape:
                if target == old_target:
                    _stale_whole(reference, k, translation, citing_new, verdict)
                else:
                    verdict.check_new.append(k)
                continue
            _stale_parts(reference, k, translation, levels, verdict)
            continue
        if translation.status == "repealed" and _still_cites(target, old_target, translation, renumbering, citing_new):
            verdict.repealed.append(translation)
        elif target != old_target:
            verdict.check_new.append(k)  # changed on purpose: only check that it resolves
        elif translation.status == "repealed":
            verdict.repealed.append(translation)
        else:
            verdict.ambiguous.append(translation)
            verdict.stale_targets.append((target, translation))
            verdict.conflict = True


def _project(target: Target, like: Target) -> Target:
    """``target`` reduced to the levels that ``like`` names."""
    return Target(
        target.article,
        target.paragraph if like.paragraph is not None else None,
        target.letter if like.letter is not None else None,
    )


def _stale_article_only(
    reference: Reference, k: int, target: Target, old: Target, translation: Translation, verdict: _Verdict
) -> bool:
    """The old reference named a capoverso its article did not have, but the article itself moved
    and the new text still prints its old number: the article number is stale all the same."""
    if translation.new_article is None or target.article is None or old.article is None:
        return False
    new_number = translation.new_article.number.normalised
    index = reference.targets_parts[k][0]
    if target.article != old.article or new_number == old.article or index is None:
        return False
    if verdict.stale.get(index, new_number) != new_number:
        verdict.conflict = True
    verdict.stale[index] = new_number
    verdict.stale_targets.append((target, replace(translation, new=Target(new_number))))
    return True


def _still_cites(
    target: Target, old: Target, translation: Translation, renumbering: Renumbering, citing_new: Article | None
) -> bool:
    """Does ``target`` still name the repealed capoverso or lettera of ``old``, under the old or
    the new number of its article ("art. 44 cpv. 3" or "art. 48 cpv. 3" when cpv. 3 was repealed)?"""
    if translation.level == "article":
        return target == old
    article = target.article if target.article is not None else (citing_new.number.normalised if citing_new else None)
    articles = {old.article if old.article is not None else None}
    if translation.new_article is not None:
        articles.add(translation.new_article.number.normalised)
    if translation.old_article is not None:
        articles.add(translation.old_article.number.normalised)
    if article not in articles or target.letter != old.letter:
        return False
    if translation.level == "paragraph":
        return target.paragraph == old.paragraph
    paragraphs = {old.paragraph}
    if translation.new_paragraph is not None:
        paragraphs.add(renumbering.new.label(translation.new_paragraph))
    return target.paragraph in paragraphs


def _same(new: Target, target: Target, citing_new: Article | None) -> bool:
    """Does ``target`` (as printed in the new text) name ``new`` (an article always given)?"""
    article = target.article if target.article is not None else (citing_new.number.normalised if citing_new else None)
    return (article, target.paragraph, target.letter) == (new.article, new.paragraph, new.letter)


def _levels(target: Target, old: Target, expected: Target, citing_new: Article | None) -> dict[str, str]:
    """Per level: "ok" (the new number), "stale" (still the old one) or "changed" (another)."""
    result: dict[str, str] = {}
    for level in ("article", "paragraph", "letter"):
        value, was, should = getattr(target, level), getattr(old, level), getattr(expected, level)
        if level == "article" and value is None:
            value = was = citing_new.number.normalised if citing_new else None
            if value != should:
                result[level] = "changed"  # a same-article reference whose capoverso moved to another article
            continue
        if value == should:
            result[level] = "ok"
        elif value == was:
            result[level] = "stale"
        else:
            result[level] = "changed"
    return result


def _stale_parts(reference: Reference, k: int, translation: Translation, levels: dict[str, str], verdict: _Verdict) -> None:
    assert translation.new is not None
    indexes = reference.targets_parts[k]
    for level, index in zip(("article", "paragraph", "letter"), indexes, strict=True):
        if index is None or levels.get(level) != "stale":
            continue
        value = getattr(translation.new, level)
        if value is None:
            verdict.conflict = True
            continue
        if verdict.stale.get(index, value) != value:
            verdict.conflict = True  # one number, two corrections: "art. 6 cpv. 1 lett. a) o d)" split
        verdict.stale[index] = value
    verdict.stale_targets.append((reference.targets[k], translation))


def _stale_whole(reference: Reference, k: int, translation: Translation, citing_new: Article | None, verdict: _Verdict) -> None:
    assert translation.new is not None
    levels = _levels(reference.targets[k], reference.targets[k], translation.new, citing_new)
    if levels.get("article") == "changed":
        verdict.conflict = True
        verdict.stale_targets.append((reference.targets[k], translation))
        return
    _stale_parts(reference, k, translation, {lv: ("stale" if s == "stale" else "ok") for lv, s in levels.items()}, verdict)


def _stale_finding(reference: Reference, verdict: _Verdict) -> Finding:
    pieces = []
    for target, translation in verdict.stale_targets:
        if translation.status == "ambiguous":
            pieces.append(
                f"rinvia al vecchio {_target_words(target)}{_title(translation.old_article)}, "
                f"ora diviso in {' e '.join(translation.candidates)}: scegliere il rinvio corretto"
            )
        else:
            assert translation.new is not None
            pieces.append(
                f"rinvia al vecchio {_old_words(translation)}{_title(translation.old_article)}, "
                f"ora {translation.new}{_title(translation.new_article) if _renamed(translation) else ''}"
            )
    suggestion = None if verdict.conflict or not verdict.stale else rewrite(reference, verdict.stale)
    if suggestion == reference.raw:
        suggestion = None
    fixable = suggestion is not None and not verdict.ambiguous and not verdict.repealed and not verdict.check_new
    return _finding(reference, "stale", "; ".join(pieces), "renumbered", suggestion, fixable, verdict.stale)


def _renamed(translation: Translation) -> bool:
    """Show the new article's title only when its number changed (the message gets long)."""
    if translation.new is None or translation.old_article is None:
        return False
    return translation.new.article != translation.old_article.number.normalised


def _old_words(translation: Translation) -> str:
    old = translation.old
    if old.article is None and translation.old_article is not None:
        old = Target(translation.old_article.number.normalised, old.paragraph, old.letter)
    return str(old)


def _repealed_finding(reference: Reference, translation: Translation) -> Finding:
    level = {"article": "l'articolo", "paragraph": "il capoverso", "letter": "la lettera"}[translation.level or "article"]
    where_now = ""
    if translation.level != "article" and translation.old_article is not None:
        pair_new = _new_of(translation)
        if pair_new:
            where_now = f" (l'articolo è ora art. {pair_new})"
    return _finding(
        reference,
        "dangling",
        f"rinvia al vecchio {_old_words(translation)}{_title(translation.old_article)}: {level} è stato abrogato"
        f"{where_now}; verificare il rinvio",
        "repealed",
    )


def _new_of(translation: Translation) -> str:
    return translation.new_article.number.normalised if translation.new_article is not None else ""


def _check_in_new(reference: Reference, indexes: list[int], renumbering: Renumbering) -> list[Finding]:
    """Targets with no counterpart in the old text: they must resolve in the new one. When one
    does not, and the old text had that number, the old numbering is offered as a guess."""
    citing_new = renumbering.new.article_by_eid(reference.article_eid)
    problems = []
    for k in indexes:
        resolution = resolve_target(reference.targets[k], renumbering.new, citing_new, reference.eid)
        if not resolution.ok and not (renumbering.partial and resolution.reason == "article_missing"):
            problems.append((k, resolution))
    if not problems:
        return []
    guesses: dict[int, str] = {}
    notes: list[str] = []
    for k, resolution in problems:
        target = reference.targets[k]
        if target.article is None or resolution.reason != "article_missing":
            continue
        translation = renumbering.translate(Target(target.article))
        if translation.status == "ok" and translation.new is not None:
            index = reference.targets_parts[k][0]
            if index is not None:
                guesses[index] = str(translation.new.article)
            notes.append(
                f"nel vecchio testo l'art. {target.article}{_title(translation.old_article)} è ora art. {translation.new.article}"
            )
    suggestion = rewrite(reference, guesses) if guesses else None
    note = (" (" + "; ".join(notes) + ")") if notes else ""
    return [_dangling(reference, [r for _, r in problems], suggestion, note)]


def _topic_finding(reference: Reference, translation: Translation) -> Finding | None:
    """The reference follows the new numbering, but the cited article or capoverso changed topic."""
    old_article, new_article = translation.old_article, translation.new_article
    if old_article is None or new_article is None:
        return None
    old_title, new_title = old_article.title.rstrip(":").strip(), new_article.title.rstrip(":").strip()
    if old_title and new_title and _fits(old_title, new_title) < TITLE_CHANGED and _fits(new_title, old_title) < TITLE_CHANGED:
        return _finding(
            reference,
            "suspicious",
            f"rinvia all'art. {new_article.number.normalised}, il cui titolo è cambiato "
            f"(«{old_title}» -> «{new_title}»): verificare che il rinvio sia ancora corretto",
            "title_changed",
        )
    if (
        translation.old_paragraph is not None
        and translation.paragraph_similarity < REWRITTEN
        and translation.old.paragraph is not None
    ):
        assert translation.new is not None
        return _finding(
            reference,
            "suspicious",
            f"rinvia a {translation.new}, un capoverso riscritto nella revisione: verificare che il rinvio sia ancora corretto",
            "paragraph_rewritten",
        )
    return None
