"""The word diff: nothing lost or invented (hypothesis), whole-word changes only."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from rodiff.diff import Op, diff_words, is_formal_only, new_text, old_text, tokens

WORDS = st.sampled_from(
    [
        "art.",
        "23",
        "26",
        "cpv.",
        "Il",
        "Municipio",
        "dipendente",
        "è",
        "l'art.",
        "all’art.",
        "(",
        ")",
        ",",
        ";",
        "5'000.00",
        "a",
        "\n",
    ]
)
PHRASES = st.lists(WORDS, max_size=40).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_both_texts_rebuilt_from_any_text(old: str, new: str) -> None:
    ops = diff_words(old, new)
    assert old_text(ops) == old
    assert new_text(ops) == new


@settings(max_examples=400, deadline=None)
@given(PHRASES, PHRASES)
def test_changes_fall_on_token_boundaries(old: str, new: str) -> None:
    ops = diff_words(old, new)
    assert old_text(ops) == old and new_text(ops) == new
    for text, kinds in ((old, ("equal", "delete")), (new, ("equal", "insert"))):
        boundaries = {0}
        position = 0
        for token in tokens(text):
            position += len(token)
            boundaries.add(position)
        position = 0
        for op in ops:
            if op.kind in kinds:
                position += len(op.text)
                assert position in boundaries, (text, ops)


def test_renumbered_reference_is_a_whole_number() -> None:
    ops = diff_words("all'art. 23 (occupazioni accessorie)", "all'art. 26 (occupazioni accessorie)")
    assert ops == [Op("equal", "all'art. "), Op("delete", "23"), Op("insert", "26"), Op("equal", " (occupazioni accessorie)")]


def test_word_replacement_reads_as_words() -> None:
    ops = diff_words("delle sue Aziende municipalizzate, eccezion", "delle sue Aziende comunali, eccezion")
    assert [op for op in ops if op.kind != "equal"] == [Op("delete", "municipalizzate"), Op("insert", "comunali")]


def test_identical_and_empty() -> None:
    assert diff_words("", "") == []
    assert diff_words("uguale", "uguale") == [Op("equal", "uguale")]
    assert diff_words("", "nuovo") == [Op("insert", "nuovo")]


def test_formal_only() -> None:
    assert is_formal_only(diff_words("l'art. 5, cpv. 2", "l’art. 5 cpv. 2"))
    assert not is_formal_only(diff_words("due ordini", "tre ordini"))
    assert not is_formal_only(diff_words("uguale", "uguale"))


TOKEN_LISTS = st.lists(st.sampled_from(["art", ".", " ", "  ", "\n ", "23", "26", "cpv", "a", "b", "'", "5'000.00"]), max_size=12)


@settings(max_examples=400, deadline=None)
@given(TOKEN_LISTS, TOKEN_LISTS, st.sampled_from(["23", "art", " ", ".", "x"]), st.sampled_from(["26", "cpv", "  ", ",", "y"]))
def test_one_token_replaced_is_what_diff_match_patch_answers(
    before: list[str], after: list[str], old_token: str, new_token: str
) -> None:
    """The shortcut for one token replaced by one token gives the engine's very ops."""
    old, new = "".join([*before, old_token, *after]), "".join([*before, new_token, *after])
    shortcut = diff_words(old, new)
    with patch("rodiff.diff._one_token_replaced", return_value=None):
        engine = diff_words(old, new)
    assert shortcut == engine, (old, new)
