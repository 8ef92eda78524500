"""tests/support/synth.py: synthetic RODs parse to exactly their articles; revise's ground truth holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from rodiff.model import Article, Item
from rodiff.parse import parse_file, parse_text

from .support import synth


def test_make_rod_2000_parses_to_exactly_2000_articles() -> None:
    text = synth.make_rod(2000)
    document = parse_text(text, "synth-2000.txt")
    numbers = [article.number.normalised for article in document.articles()]
    assert numbers == [str(n) for n in range(1, 2001)]
    bad = [d for d in document.diagnostics if d.code in ("numbering_gap", "duplicate_article")]
    assert bad == []


def test_make_rod_is_deterministic() -> None:
    assert synth.make_rod(50, seed=3) == synth.make_rod(50, seed=3)
    assert synth.make_rod(50, seed=3) != synth.make_rod(50, seed=4)


@pytest.mark.parametrize(("seed", "inserted", "removed"), [(1, 3, 2), (2, 0, 0), (3, 7, 11)])
def test_revise_mapping_is_consistent(seed: int, inserted: int, removed: int) -> None:
    old = synth.make_rod(200, seed=seed)
    revision = synth.revise_with_truth(old, seed=seed, inserted=inserted, removed=removed)
    assert synth.revise(old, seed=seed, inserted=inserted, removed=removed) == revision.text

    document = parse_text(revision.text, "revised.txt")
    new_numbers = [article.number.value for article in document.articles()]
    assert new_numbers == list(range(1, 200 - removed + inserted + 1))  # continuous
    assert not [d for d in document.diagnostics if d.code in ("numbering_gap", "duplicate_article")]

    # Every old article is either removed or mapped; every new number exists and is used once.
    assert sorted([*revision.mapping, *revision.removed]) == list(range(1, 201))
    assert len(revision.removed) == removed and len(revision.inserted) == inserted
    assert set(revision.mapping.values()).isdisjoint(revision.inserted)
    assert sorted([*revision.mapping.values(), *revision.inserted]) == new_numbers
    assert set(revision.edited) <= set(revision.mapping.values())
    # The mapping keeps the order of the articles.
    kept = sorted(revision.mapping)
    assert [revision.mapping[k] for k in kept] == sorted(revision.mapping.values())

    # A kept article keeps its title, and its internal references follow the mapping.
    old_articles = {a.number.value: a for a in parse_text(old, "old.txt").articles()}
    new_articles = {a.number.value: a for a in document.articles()}
    for old_number, new_number in revision.mapping.items():
        before, after = old_articles[old_number], new_articles[new_number]
        assert before.title == after.title
        assert _internal_references(after) == [revision.mapping.get(n, n) for n in _internal_references(before)]


def _internal_references(article: Article) -> list[int]:
    texts: list[str] = []

    def items(nodes: tuple[Item, ...]) -> None:
        for item in nodes:
            texts.append(item.text)
            items(item.items)

    for paragraph in article.paragraphs:
        texts.append(paragraph.text)
        items(paragraph.items)
    found: list[int] = []
    for text in texts:
        for reference in synth.references(text):
            if reference.internal:
                found.extend(int(text[start:end]) for start, end in reference.numbers)
    return found


def test_make_docx_one_paragraph_per_line(tmp_path: Path) -> None:
    text = synth.make_rod(60, seed=5)
    path = tmp_path / "synth-60.docx"
    synth.make_docx(text, path)
    from_docx = parse_file(path)
    from_text = parse_text(text, "synth-60.txt")
    assert from_docx.source_kind == "docx"
    assert [(a.number, a.title, a.blocks and a.paragraphs[0].text) for a in from_docx.articles()] == [
        (a.number, a.title, a.blocks and a.paragraphs[0].text) for a in from_text.articles()
    ]
