"""The diff stage runs once: ``Diffs`` diffs each changed unit once, automatic notes once per pair.

Counted on the Vacallo pair by wrapping ``rodiff.diff.diff_words`` and
``rodiff.compare.notes.automatic_note``, for what ``rodiff confronto`` and the tracked-changes
DOCX ask of one shared ``Diffs``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from rodiff import diff
from rodiff.align import Alignment
from rodiff.compare import notes
from rodiff.compare.notes import automatic_notes
from rodiff.compare.table import build_confronto
from rodiff.diff import Diffs, Op, printed_text
from rodiff.render.revisioni_docx import render_revisions_docx

from .support.corpus import vacallo_alignment


@pytest.fixture(scope="module")
def vacallo() -> Alignment:
    return vacallo_alignment()


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, calls: Counter[Any]) -> None:
    """Replace ``module.name`` by a wrapper that counts its calls by arguments."""
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any) -> Any:
        calls[(name, *(a if isinstance(a, str) else id(a) for a in args[:2]))] += 1
        return original(*args)

    monkeypatch.setattr(module, name, wrapper)


def test_texts_are_diffed_once_and_equal_texts_never() -> None:
    diffs = Diffs()
    first = diffs.texts("due ordini", "tre ordini")
    assert diffs.texts("due ordini", "tre ordini") is first
    assert first == tuple(diff.diff_words("due ordini", "tre ordini"))
    assert diffs.texts("uguale", "uguale") == (Op("equal", "uguale"),)
    assert diffs.texts("", "") == ()


def test_confronto_diffs_each_changed_unit_once(vacallo: Alignment, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[Any] = Counter()
    counting(monkeypatch, diff, "diff_words", calls)
    counting(monkeypatch, notes, "automatic_note", calls)
    diffs = Diffs()
    proposals = automatic_notes(vacallo, diffs)
    build_confronto(vacallo, "completo", proposals=proposals, diffs=diffs)
    build_confronto(vacallo, "articoli", proposals=proposals, diffs=diffs)
    render_revisions_docx(vacallo, diffs=diffs)
    diffed = [key for key in calls if key[0] == "diff_words"]
    assert diffed and all(calls[key] == 1 for key in calls)  # nothing twice: one diff per texts, one note per pair
    assert all(old != new for _, old, new in diffed)  # equal texts are not diffed
    assert sum(1 for key in calls if key[0] == "automatic_note") == len(vacallo.pairs)
    changed_blocks = sum(1 for p in vacallo.pairs for pp in p.paragraphs if printed_text(pp.old) != printed_text(pp.new))
    assert len(diffed) < 3 * changed_blocks  # capoversi, plus headings, titles, whole articles of changed pairs
