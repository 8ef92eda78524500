"""Work that must grow at most n log n with the input, counted (never timed: timings are in bench/),
and the fast paths that must give exactly what the general ones give."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rodiff.align import Alignment, align
from rodiff.align.moves import MOVE_THRESHOLD, moved_pairs
from rodiff.align.sequence import align_in_order
from rodiff.align.similarity import TextKey, similarity, text_key
from rodiff.model import Document
from rodiff.parse import parse_text
from rodiff.parse import patterns as p
from rodiff.parse.docx import _VISIBLE_TEXT, paragraph_text
from rodiff.parse.lines import LINE_RULES, SourceLine, classify

from .conftest import CORPUS

SIMILARITY = sys.modules["rodiff.align.similarity"]  # the package re-exports a function of the same name
ARTICLES = sys.modules["rodiff.align.articles"]

# A few article bodies repeated over and over: no article is unique, so no identical anchor helps.
BODIES = [
    ("Nomina", "Il Municipio nomina i collaboratori per concorso pubblico."),
    ("Stipendio", "Lo stipendio è fissato dalla scala degli stipendi allegata."),
    ("Vacanze", "Il collaboratore ha diritto a cinque settimane di vacanze."),
    ("Abrogato", "Abrogato."),
    ("Orario", "L'orario settimanale di lavoro è di quaranta ore."),
]


def _rod_text(bodies: list[tuple[str, str]]) -> str:
    """A plain-text regulation of the (title, body) articles, numbered from 1."""
    return "\n".join(f"Art. {k}\n{title}\n{body}\n" for k, (title, body) in enumerate(bodies, start=1))


def _align_counting(old: Document, new: Document, monkeypatch: pytest.MonkeyPatch, *modules: ModuleType) -> tuple[int, Alignment]:
    """``align(old, new)``, counting the calls to ``similarity`` made through ``modules`` (patched for the call only)."""
    calls = 0
    original = modules[0].similarity

    def counted(a: object, b: object) -> float:
        nonlocal calls
        calls += 1
        return original(a, b)  # type: ignore[no-any-return]

    with monkeypatch.context() as patch:
        for module in modules:
            patch.setattr(module, "similarity", counted)
        alignment = align(old, new)
    return calls, alignment


def _repetitive(n: int) -> tuple[str, str]:
    """``n`` articles cycling over ``BODIES``, and a revision: one article in four edited, one
    removed near the start and one inserted in the middle, later articles renumbered."""
    old_bodies = [BODIES[k % len(BODIES)] for k in range(n)]
    new_bodies = [
        (title, text.replace("collaboratore", "dipendente") if k % 4 == 0 else text) for k, (title, text) in enumerate(old_bodies)
    ]
    del new_bodies[3]
    new_bodies.insert(n // 2, ("Telelavoro", "Il telelavoro è concesso dal Municipio su richiesta scritta del dipendente."))

    return _rod_text(old_bodies), _rod_text(new_bodies)


def _similarity_calls(n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[tuple[str, str]]]:
    old_text, new_text = _repetitive(n)
    calls, alignment = _align_counting(parse_text(old_text), parse_text(new_text), monkeypatch, SIMILARITY, ARTICLES)
    numbers = [
        (pair.old[0].number.normalised if pair.old else "", pair.new[0].number.normalised if pair.new else "")
        for pair in alignment.pairs
    ]
    return calls, numbers


def test_alignment_of_repeated_text_grows_at_most_n_log_n(monkeypatch: pytest.MonkeyPatch) -> None:
    small, _ = _similarity_calls(300, monkeypatch)
    large, numbers = _similarity_calls(1200, monkeypatch)
    bound = 4 * math.log(1200) / math.log(300) * 1.2  # a full table would grow 16 times
    assert large <= bound * small, (small, large)
    # and the pairs are the right ones: old k -> new k before the removed article 4, k - 1 up to
    # the inserted one (new 601), k after it
    expected = {str(k): str(k if k < 4 else k - 1 if k - 1 <= 600 else k) for k in range(1, 1201) if k != 4}
    paired = {old: new for old, new in numbers if old and new}
    assert paired == expected
    assert ("4", "") in numbers and ("", "601") in numbers


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 9), st.integers(0, 9), st.randoms(use_true_random=False), st.sampled_from([0.0, 0.2]))
def test_a_band_as_wide_as_the_table_is_the_full_programme(m: int, n: int, rng: random.Random, cost: float) -> None:
    gains = {(i, j): rng.choice([None, 0.3, 0.5, 1.0, round(rng.random(), 2)]) for i in range(m) for j in range(n)}
    full = align_in_order(m, n, lambda i, j: gains[i, j], cost)
    assert align_in_order(m, n, lambda i, j: gains[i, j], cost, band=max(m, n)) == full
    banded = align_in_order(m, n, lambda i, j: gains[i, j], cost, band=1)
    assert banded == sorted(banded) and len({i for i, _ in banded}) == len({j for _, j in banded}) == len(banded)
    assert all(abs((j - i) - min(max(j - i, min(0, n - m)), max(0, n - m))) <= 1 for i, j in banded)


def test_long_paragraph_is_read_whole() -> None:
    """10,000 wrapped lines of one capoverso (the builder once rejoined the text at every line)."""
    lines = [f"riga {k} del testo che continua senza fine" for k in range(10_000)]
    document = parse_text("Art. 1\nDisposizioni\n" + "\n".join(lines) + "\n")
    (article,) = document.articles()
    assert article.blocks[0].text == " ".join(lines)  # type: ignore[union-attr]


def test_long_run_of_hyphenated_lines_is_joined_whole() -> None:
    """5,000 lines each ending in a hyphenated word (the builder once copied the whole growing
    paragraph at every join): the words close up, the hyphens go, nothing else moves."""
    lines = [f"Riga {k} con la parola ammini-" for k in range(5_000)]
    document = parse_text("Art. 1\nDisposizioni\n" + "\nstrazione ".join(lines) + "\nstrazione.\n")
    (article,) = document.articles()
    expected = "strazione ".join(line[:-1] for line in lines) + "strazione."
    assert article.blocks[0].text == expected  # type: ignore[union-attr]


def test_five_digit_article_numbers_are_headings_and_longer_ones_a_warning() -> None:
    document = parse_text("Art. 9999\nPrima\nTesto.\n\nArt. 10000\nSeconda\nTesto.\n\nArt. 1234567 Troppo\nTesto.\n")
    assert [a.number.value for a in document.articles()] == [9999, 10000]
    (warning,) = [d for d in document.diagnostics if d.code == "article_number_too_long"]
    assert "1234567" in warning.message and "5 cifre" in warning.message and warning.position == 9


def _unfiltered(line: SourceLine) -> str:
    text = line.text.strip()
    for kind, pattern in LINE_RULES:
        if pattern.match(text):
            return kind
    return "text"


def _corpus_lines() -> list[str]:
    return [line for path in sorted(CORPUS.rglob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(["Art. 5", "approvato dal", "¹ Il", "» a", "(abrogato)", "a) x", "-- 3", "𑜰", "\u212a"]),
    )
)
def test_the_first_character_prefilter_classifies_as_every_rule_would(text: str) -> None:
    line = SourceLine(text, 1)
    if text.strip():
        assert classify(line).kind == _unfiltered(line)


def test_the_prefilter_on_every_corpus_line() -> None:
    for text in _corpus_lines():
        line = SourceLine(text, 1)
        if text.strip():
            assert classify(line).kind == _unfiltered(line), text


def test_oversized_number_pattern() -> None:
    assert p.OVERSIZED_ARTICLE_NUMBER.match("Art. 123456 Titolo")
    assert not p.OVERSIZED_ARTICLE_NUMBER.match("Art. 12345 Titolo")
    assert p.ARTICLE_HEADING.match("Art. 12345 Titolo")


def _docx_paragraphs() -> list[object]:
    import docx

    paths = sorted((Path(__file__).parent / "fixtures").rglob("*.docx"))
    return [element for path in paths for element in docx.Document(str(path)).element.body.iter("{*}p")]


@pytest.mark.parametrize("view", ["accept", "reject"])
def test_plain_paragraph_text_equals_the_xpath_reading(view: str, tmp_path: Path) -> None:
    from .support import builders, synth

    synth.make_docx((CORPUS / "vacallo" / "rod-1991.txt").read_text(encoding="utf-8"), tmp_path / "a.docx")
    document = builders.new_docx()
    paragraph = builders.add_lines(document, "Testo con")[0]
    builders.add_revision(paragraph, "ins", " parole inserite")
    builders.add_revision(paragraph, "del", " parole tolte")
    builders.add_raw_run(
        paragraph,
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:tab/><w:t>dopo</w:t><w:br/></w:r>',
    )
    builders.save_docx(document, tmp_path / "b.docx")
    import docx

    elements = [e for name in ("a.docx", "b.docx") for e in docx.Document(str(tmp_path / name)).element.body.iter("{*}p")]
    elements += _docx_paragraphs()
    assert len(elements) > 100
    for element in elements:
        expected = "".join(
            (node.text or "")
            if node.tag.endswith(("}t", "}delText"))
            else " "
            if node.tag.endswith("}tab")
            else "-"
            if node.tag.endswith("}noBreakHyphen")
            else "\n"
            for node in _VISIBLE_TEXT[view](element)  # type: ignore[index]
        )
        assert paragraph_text(element, view) == expected  # type: ignore[arg-type]


# ------------------------------------------------------------------ moved articles


def _reordered(n: int, seed: int) -> tuple[str, str]:
    """``n`` different articles, and the same articles in reverse order, one word in each changed:
    nearly every article is left over by the in-order alignment and must be found as moved.
    The vocabulary grows with the text, as a real one does (Heaps' law: a longer regulation
    treats more matters), and common words ("il", "dipendente") are in every article."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfglmnprstv" for v in "aeiou"]
    vocabulary = ["".join(rng.choices(syllables, k=3)) for _ in range(15 * n)] + ["il", "la", "di", "del", "dipendente"] * n
    articles = [
        (" ".join(rng.choices(vocabulary, k=2)).capitalize(), " ".join(rng.choices(vocabulary, k=25)) + ".") for _ in range(n)
    ]
    revised = [(title, body.replace(body.split()[3], "modificata", 1)) for title, body in reversed(articles)]

    return _rod_text(articles), _rod_text(revised)


def _article_similarity_calls(n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Similarity calls made by ``align/articles.py`` (moves, and one per pair shown), and the moves found."""
    old, new = (parse_text(text) for text in _reordered(n, seed=n))
    calls, alignment = _align_counting(old, new, monkeypatch, ARTICLES)
    return calls, sum(pair.status == "moved" for pair in alignment.pairs)


def test_moved_articles_are_found_without_comparing_every_leftover_with_every_other(monkeypatch: pytest.MonkeyPatch) -> None:
    small, small_moves = _article_similarity_calls(200, monkeypatch)
    large, large_moves = _article_similarity_calls(800, monkeypatch)
    assert small_moves > 150 and large_moves > 600  # the input does leave most articles over
    assert large <= 4 * 1.5 * small, (small, large)  # comparing every leftover would grow 16 times


def _greedy_moves(old: list[TextKey], new: list[TextKey], free_old: list[int], free_new: list[int]) -> list[tuple[int, int]]:
    """What ``moved_pairs`` must give: every pair scored, sorted, taken greedily."""
    scored = sorted(((similarity(old[i], new[j]), i, j) for i in free_old for j in free_new), key=lambda t: (-t[0], t[1], t[2]))
    moves, taken_old, taken_new = [], set(), set()
    for sim, i, j in scored:
        if sim < MOVE_THRESHOLD:
            break
        if ARTICLES._same_title(old[i], new[j]) and i not in taken_old and j not in taken_new:
            moves.append((i, j))
            taken_old.add(i)
            taken_new.add(j)
    return moves


_WORDS = ["il", "dipendente", "ha", "diritto", "alle", "vacanze", "Municipio", "nomina", "stipendio", "abrogato"]


@st.composite
def _keys(draw: st.DrawFn) -> list[TextKey]:
    """Short texts from a small vocabulary: many equal, many nearly equal, some titles and numbers shared."""
    keys = []
    for _ in range(draw(st.integers(0, 12))):
        body = " ".join(draw(st.lists(st.sampled_from(_WORDS), max_size=8)))
        title = draw(st.sampled_from(["", "Vacanze", "Vacanze annuali", "Stipendio", "Nomina"]))
        keys.append(text_key(body, title, draw(st.sampled_from(["", "1", "2", "3"])), draw(st.booleans())))
    return keys


@settings(max_examples=400, deadline=None)
@given(_keys(), _keys(), st.randoms(use_true_random=False))
def test_moved_pairs_equal_the_greedy_choice_over_every_pair(old: list[TextKey], new: list[TextKey], rng: random.Random) -> None:
    free_old = sorted(rng.sample(range(len(old)), k=rng.randint(0, len(old))))
    free_new = sorted(rng.sample(range(len(new)), k=rng.randint(0, len(new))))
    found = moved_pairs(old, new, free_old, free_new, similarity, ARTICLES._same_title)
    assert found == _greedy_moves(old, new, free_old, free_new)
