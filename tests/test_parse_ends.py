"""The tree builder tests how a text ends on its last ``END`` characters only (a search for a
pattern ending in "$" tries every position of the text): the answer must be the one the whole
text gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rodiff.parse import patterns as p
from rodiff.parse.build import END, _ends_sentence, _Text
from rodiff.parse.lines import SourceLine

# Words and signs the end patterns look for, glued in any order: "art.", "p.es.", "ecc.", "Re-", "»", "(art. 5)".
PIECES = [
    "art",
    "artt",
    "cpv",
    "lett",
    "ecc",
    "n",
    "no",
    "p.es",
    "dott",
    "part",
    "Re",
    "-",
    "‐",
    ".",
    ";",
    ":",
    ")",
    "»",
    " ",
    "é",
    "5",
]


def _whole(text: str) -> bool:
    text = text.rstrip()
    return bool(p.SENTENCE_END.search(text)) and not p.ABBREVIATION_END.search(text)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_a_sentence_end_reads_the_same_on_the_last_characters(text: str) -> None:
    assert _ends_sentence(text) == _whole(text)
    assert bool(p.HYPHENATED_END.search(text[-END:])) == bool(p.HYPHENATED_END.search(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join), max_size=6))
def test_the_end_of_a_text_is_the_end_of_its_whole_value(lines: list[str]) -> None:
    text = _Text()
    for position, line in enumerate(lines, start=1):
        text.add(SourceLine(line, position), line)
    assert text.end == text.value[-END:]


def test_the_end_window_is_longer_than_any_end_pattern() -> None:
    """The longest abbreviation, with the word boundary before it, fits in the window."""
    words = re.findall(r"[a-z\\.]+", p.ABBREVIATION_END.pattern.split("(?:", 1)[1])
    longest = max(len(word.replace("\\", "")) for word in words)
    assert longest + len(".") + 1 <= END
