"""Property test: on generated pairs (``tests.support.synth``), the ``revisioni`` document read
back with every revision accepted is NUOVO and with every revision rejected VECCHIO, word for
word, front matter, division headings and back matter included."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rodiff.align import align
from rodiff.parse import parse_text, read_revision_pair
from rodiff.parse.docx import read_docx_lines
from rodiff.render.revisioni_docx import render_revisions_docx

from .support import synth
from .test_revisioni import WHEN, article_texts, whole

_WORD = re.compile(r"\w+|[^\w\s|]")  # words and punctuation marks, table separators aside


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(min_value=2, max_value=24),
    seed=st.integers(min_value=0, max_value=10_000),
    inserted=st.integers(min_value=0, max_value=3),
    removed=st.integers(min_value=0, max_value=1),
    edit_share=st.sampled_from([0.0, 0.15, 0.5, 1.0]),
    backwards=st.booleans(),
)
def test_accept_all_is_nuovo_and_reject_all_is_vecchio(
    size: int, seed: int, inserted: int, removed: int, edit_share: float, backwards: bool
) -> None:
    first = synth.make_rod(size, seed=seed)
    second = synth.revise(first, seed=seed, inserted=inserted, removed=removed, edit_share=edit_share)
    old_text, new_text = (second, first) if backwards else (first, second)
    old, new = parse_text(old_text), parse_text(new_text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "revisioni.docx"
        path.write_bytes(render_revisions_docx(align(old, new), date=WHEN))
        for view, source in (("accept", new_text), ("reject", old_text)):
            words = _WORD.findall("\n".join(line.text for line in read_docx_lines(path, view)))  # type: ignore[arg-type]
            assert words == _WORD.findall(source), view
        back_old, back_new = read_revision_pair(path)
    assert article_texts(back_old) == article_texts(old) and article_texts(back_new) == article_texts(new)
    assert whole(back_old) == whole(old) and whole(back_new) == whole(new)
