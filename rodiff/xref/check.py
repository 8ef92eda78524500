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
  A target whose text went to another article (a capoverso that left its article, a repealed
  article whose text lives on) is stale too, with its new place as a proposal (reason
  ``moved``; never rewritten without the drafter: "art. 56" -> "art. 53 cpv. 3").
- **dangling**: the target was repealed (article, capoverso or lettera), or the reference
  does not resolve in the new text.
- **suspicious**: the reference follows the new numbering but its target changed topic (the
  cited article's title changed completely, or the cited capoverso was rewritten), or its
  bracketed title fits another article. A target reworded beyond recognition under its number
  and in its place is suspicious (``rewritten``), never dangling.

A reference that the drafter changed on purpose (neither the old number nor the renumbered
one) is only checked for resolving. A stale reference whose correction is not unique (the
old article was split in two) has no suggestion and is reported, never rewritten.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Literal

from rapidfuzz import fuzz

from ..align import Alignment, ArticlePair, align
from ..model import Article, Document, node_ids
from .extract import Reference, Target, find_references
from .findings import Finding, dangling_finding, finding, rewrite, target_words, title_in_brackets
from .patterns import TITLE_WORD
from .renumbering import Renumbering, Translation
from .resolve import DocumentIndex, Resolution, resolve, resolve_target

TITLE_CHANGED = 50  # token-set ratio (0-100) under which two titles are about different things
REWRITTEN = 0.3  # paragraph similarity under which a cited capoverso counts as rewritten
HINT_FITS = 80  # token-set ratio over which a bracketed title names an article


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
        problems = [r for r in resolve(reference, index) if not r.ok and not (partial and _not_printed(r))]
        if problems:
            found.append(dangling_finding(reference, problems))
            continue
        hint = _hint_finding(reference, index)
        if hint is not None:
            found.append(hint)
    return found


def _not_printed(resolution: Resolution) -> bool:
    """In an extract: the target may exist in the full text, only not printed here (an article
    outside the extract, or a capoverso of an article printed in part, "2. Se nel corso ...")."""
    if resolution.reason == "article_missing":
        return True
    article = resolution.article
    if resolution.reason not in ("paragraph_missing", "letter_missing") or article is None:
        return False
    numbers = [b.number.normalised for b in article.paragraphs if b.number is not None]
    return numbers != [str(n) for n in range(1, len(numbers) + 1)]


def _fits(hint: str, title: str) -> int:
    if not hint or not title:
        return 0
    return int(fuzz.token_set_ratio(_plain(hint), _plain(title)))


def _plain(text: str) -> str:
    return " ".join(TITLE_WORD.findall(text.lower()))


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
    return finding(
        reference,
        "suspicious",
        f"rinvia all'art. {part.value}{title_in_brackets(cited)}, ma il titolo tra parentesi «{reference.hint}» "
        f"è quello dell'art. {other.number.normalised}",
        "hint_mismatch",
        suggestion,
        False,
        {reference.hint_part: other.number.normalised},
    )


# ------------------------------------------------------------------ against the old text


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
    renumbering = Renumbering(alignment, partial)
    old_refs = [r for r in find_references(old) if r.internal]
    new_refs = find_references(new)
    counterpart = _match_references(alignment, old_refs, [r for r in new_refs if r.internal])
    result: list[Classified] = []
    for reference in new_refs:
        if not reference.internal:
            result.append(Classified(reference, "external"))
            continue
        old_reference = counterpart.get(_place(reference))
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
        yield (node_ids(paragraph_pair.old), node_ids(paragraph_pair.new))


Place = tuple[str, str, tuple[int, int]]  # node id, field, span: where a reference stands


def _place(reference: Reference) -> Place:
    return (reference.eid, reference.field, reference.span)


def _node_key(reference: Reference) -> str:
    return reference.eid + "#title" if reference.field == "title" else reference.eid


def _match_references(alignment: Alignment, old_refs: list[Reference], new_refs: list[Reference]) -> dict[Place, Reference]:
    """place of a new reference -> the old reference at the same place of the aligned node."""
    old_by_node: dict[str, list[Reference]] = {}
    for reference in old_refs:
        old_by_node.setdefault(_node_key(reference), []).append(reference)
    new_by_node: dict[str, list[Reference]] = {}
    for reference in new_refs:
        new_by_node.setdefault(_node_key(reference), []).append(reference)
    matched: dict[Place, Reference] = {}
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
                        matched[_place(news[j])] = olds[i]
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
    moved: bool = False  # a target followed by its text to another article: a proposal, not a sure fix
    kept: list[int] = dataclass_field(default_factory=list)  # unresolved in the old text, printed the same


def _check_one(
    reference: Reference, old_reference: Reference | None, renumbering: Renumbering
) -> tuple[ReferenceStatus, list[Finding]]:
    if reference.relative:
        problems = [r for r in resolve(reference, renumbering.new) if not r.ok]
        return (
            ("dangling", [dangling_finding(reference, problems)])
            if problems
            else ("new" if old_reference is None else "unchanged", [])
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
    verdict.moved = verdict.moved or translation.moved
    if translation.moved and _names_more(reference, k, translation.new, verdict):
        verdict.stale_targets.append((reference.targets[k], translation))
        return
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


def _names_more(reference: Reference, k: int, new: Target, verdict: _Verdict) -> bool:
    """A repealed article followed to the capoverso that now holds its text ("art. 56" -> "art. 53
    cpv. 3"): the correction adds the capoverso after the article number, in the printed style
    ("articolo 53 capoverso 3"). Offered only for a reference with one target; else no suggestion."""
    target, (article_index, _, _) = reference.targets[k], reference.targets_parts[k]
    if target.paragraph is not None or new.paragraph is None or new.article is None:
        return False
    if len(reference.targets) != 1 or article_index is None:
        verdict.conflict = True
        return True
    word = "capoverso" if _spelled_out(reference) else "cpv."
    verdict.stale[article_index] = f"{new.article} {word} {new.paragraph}"
    return True


def _spelled_out(reference: Reference) -> bool:
    """ "articolo 56", "dell'articolo 56": federal style, spelled out."""
    return "articol" in reference.raw.lower()


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
                f"rinvia al vecchio {target_words(target)}{title_in_brackets(translation.old_article)}, "
                f"ora diviso in {' e '.join(translation.candidates)}: scegliere il rinvio corretto"
            )
        elif translation.moved:
            assert translation.new is not None
            pieces.append(
                f"rinvia al vecchio {_old_words(translation)}{title_in_brackets(translation.old_article)}, "
                f"{_gone(translation)}: il suo testo è ora {translation.new}{title_in_brackets(translation.new_article)}"
            )
        else:
            assert translation.new is not None
            pieces.append(
                f"rinvia al vecchio {_old_words(translation)}{title_in_brackets(translation.old_article)}, "
                f"ora {translation.new}{title_in_brackets(translation.new_article) if _renamed(translation) else ''}"
            )
    suggestion = None if verdict.conflict or not verdict.stale else rewrite(reference, verdict.stale)
    if suggestion == reference.raw:
        suggestion = None
    fixable = (
        suggestion is not None and not verdict.ambiguous and not verdict.repealed and not verdict.check_new and not verdict.moved
    )
    reason = "moved" if verdict.moved else "renumbered"
    return finding(reference, "stale", "; ".join(pieces), reason, suggestion, fixable, verdict.stale)


def _gone(translation: Translation) -> str:
    """What became of a target followed by its text: it left its article, or the article was repealed."""
    return "abrogato" if translation.level == "article" else "passato a un altro articolo"


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
    level = {
        "article": "l'articolo è stato abrogato",
        "paragraph": "il capoverso è stato abrogato",
        "letter": "la lettera è stata abrogata",
    }[translation.level or "article"]
    where_now = ""
    if translation.level != "article" and translation.old_article is not None:
        pair_new = _new_of(translation)
        if pair_new:
            where_now = f" (l'articolo è ora art. {pair_new})"
    return finding(
        reference,
        "dangling",
        f"rinvia al vecchio {_old_words(translation)}{title_in_brackets(translation.old_article)}: {level}"
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
        if not resolution.ok and not (renumbering.partial and _not_printed(resolution)):
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
                f"nel vecchio testo l'art. {target.article}{title_in_brackets(translation.old_article)} "
                f"è ora art. {translation.new.article}"
            )
    suggestion = rewrite(reference, guesses) if guesses else None
    note = (" (" + "; ".join(notes) + ")") if notes else ""
    return [dangling_finding(reference, [r for _, r in problems], suggestion, note)]


def _topic_finding(reference: Reference, translation: Translation) -> Finding | None:
    """The reference follows the new numbering, but the cited article or capoverso changed topic."""
    old_article, new_article = translation.old_article, translation.new_article
    if old_article is None or new_article is None:
        return None
    if translation.rewritten:
        return _rewritten_finding(reference, translation, old_article, new_article)
    old_title, new_title = old_article.title.rstrip(":").strip(), new_article.title.rstrip(":").strip()
    if (
        old_title
        and new_title
        and old_title != new_title
        and _fits(old_title, new_title) < TITLE_CHANGED
        and _fits(new_title, old_title) < TITLE_CHANGED
    ):
        return finding(
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
        return finding(
            reference,
            "suspicious",
            f"rinvia a {translation.new}, un capoverso riscritto nella revisione: verificare che il rinvio sia ancora corretto",
            "paragraph_rewritten",
        )
    return None


def _rewritten_finding(reference: Reference, translation: Translation, old_article: Article, new_article: Article) -> Finding:
    """The cited article or capoverso has no counterpart, but its number and place hold a new text:
    reworded or retitled, perhaps replaced. Not "senza oggetto": the drafter checks it."""
    assert translation.new is not None
    old_title, new_title = old_article.title.rstrip(":").strip(), new_article.title.rstrip(":").strip()
    titles = f" (titolo «{old_title}» -> «{new_title}»)" if old_title and new_title and old_title != new_title else ""
    what = "un capoverso riscritto" if translation.new_paragraph is not None else "un articolo riscritto"
    return finding(
        reference,
        "suspicious",
        f"rinvia all'{translation.new}, {what} nella revisione{titles}: verificare che il rinvio sia ancora corretto",
        "rewritten",
    )
