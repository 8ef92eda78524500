"""``rinvii --correggi`` never touches the wrong reference: lines are counted as an editor
counts them (form feeds, CR/LF mixes), DOCX paragraphs are addressed through content
controls and tables as the reader walks them, and a written correction is verified.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rodiff.align import align
from rodiff.errors import OutputError
from rodiff.parse import parse_file, parse_text
from rodiff.parse.lines import split_lines
from rodiff.xref import apply_fixes, check_against
from rodiff.xref.fix import Rewrite, check_rewritten
from rodiff.xref.fix_docx import apply_fixes_docx, check_rewritten_docx

from .conftest import CORPUS, cli

OLD = (CORPUS / "mendrisio" / "art31-32-vecchio.txt").read_text(encoding="utf-8")
NEW = (CORPUS / "mendrisio" / "art31-32-nuovo.txt").read_text(encoding="utf-8")
STALE, FIXED = "art. 31 cpv. 5", "art. 31 cpv. 4"
EDITOR_BREAK = re.compile(r"\r\n|\r|\n")
# what an editor does not count as a line break, but str.splitlines does
NOT_BREAKS = ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def _editor_line(text: str, offset: int) -> int:
    return len(EDITOR_BREAK.findall(text, 0, offset)) + 1


def _findings(old: str, new: str) -> list:  # type: ignore[type-arg]
    vecchio, nuovo = parse_text(old), parse_text(new)
    return check_against(vecchio, nuovo, align(vecchio, nuovo))


def test_split_lines_counts_as_an_editor() -> None:
    lines = split_lines("a\r\nb\rc\fd\ne\x85f\u2028g")
    assert [(line.text, line.position) for line in lines] == [("a", 1), ("b", 2), ("c", 3), ("d", 3), ("e\x85f\u2028g", 4)]


def test_form_feed_before_the_reference_moves_nothing() -> None:
    """The reported case: a page break (PDF text) above the reference shifted the lines by one."""
    new = NEW.replace("Art. 32 Promozione", "\fArt. 32 Promozione").replace("\n1. Invariato.\n2. In", "\n1. Invariato.\f\n2. In")
    findings = _findings(OLD, new)
    result = apply_fixes(new, findings)
    assert [r.old for r in result.rewrites] == [STALE]
    assert result.text == new.replace(STALE, FIXED)
    rewrite = result.rewrites[0]
    assert rewrite.line == _editor_line(new, new.index(STALE)) == rewrite.finding.line
    check_rewritten(new, result.text, result.rewrites)


def test_check_rewritten_refuses_any_other_change() -> None:
    findings = _findings(OLD, NEW)
    result = apply_fixes(NEW, findings)
    check_rewritten(NEW, result.text, result.rewrites)
    with pytest.raises(OutputError, match="verifica"):
        check_rewritten(NEW, result.text.replace("Invariato", "Modificato", 1), result.rewrites)
    moved = Rewrite(result.rewrites[0].finding, 1, STALE, FIXED, (0, len(STALE)))
    with pytest.raises(OutputError, match="non è più al suo posto"):
        check_rewritten(NEW, result.text, [moved])


# Random noise that must not move the correction: form feeds and other non-breaks, CR/LF mixes.
_noise = st.lists(st.sampled_from([*NOT_BREAKS, " ", "x"]), max_size=3).map("".join)
_ending = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_only_the_reported_spans_change(data: st.DataObject) -> None:
    lines = NEW.split("\n")
    out = []
    for line in lines:
        out.append(line)
        # noise at the end of a line never touches a reference (they stand inside the line)
        out.append(data.draw(_noise) if STALE not in line else "")
        out.append(data.draw(_ending))
    new = "".join(out)
    findings = _findings(OLD, new)
    result = apply_fixes(new, findings)
    check_rewritten(new, result.text, result.rewrites)  # exactly the rewrites changed, and no line moved
    for rewrite in result.rewrites:
        start, end = rewrite.span
        assert " ".join(new[start:end].split()) == " ".join(rewrite.finding.text.split())
        finding = rewrite.finding
        assert finding.line is not None
        assert finding.line <= _editor_line(new, start) <= (finding.line_end or finding.line)
    stale = [f for f in findings if f.text == STALE and f.fixable]
    assert len(stale) == 1 and len(result.rewrites) == 1 and result.text.count(FIXED) == 1


# ------------------------------------------------------------------ DOCX


def _docx(text: str, path: Path, controls: set[int] = frozenset(), table_after: int | None = None) -> None:  # type: ignore[assignment]
    """One paragraph per line; the paragraphs numbered in ``controls`` wrapped in a content control;
    a small table after paragraph ``table_after``."""
    document = docx.Document()
    for index, line in enumerate(text.split("\n")):
        paragraph = document.add_paragraph(line)
        if index in controls:
            sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
            paragraph._p.addprevious(sdt)
            sdt.append(content)
            content.append(paragraph._p)
        if index == table_after:
            table = document.add_table(rows=2, cols=2)
            table.cell(0, 0).text = "Tabella"
            table.cell(1, 1).text = "cella"
    document.save(str(path))


def _texts(path: Path) -> list[str]:
    from rodiff.parse.docx import read_docx_lines

    return [line.text for line in read_docx_lines(path)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    controls=st.sets(st.integers(0, 16), max_size=8),
    table_after=st.one_of(st.none(), st.integers(0, 10)),
)
def test_docx_content_controls_and_tables_keep_the_address(tmp_path: Path, controls: set[int], table_after: int | None) -> None:
    old_docx, new_docx = tmp_path / "vecchio.docx", tmp_path / "nuovo.docx"
    _docx(OLD, old_docx)
    _docx(NEW, new_docx, controls, table_after)
    vecchio, nuovo = parse_file(old_docx), parse_file(new_docx)
    findings = check_against(vecchio, nuovo, align(vecchio, nuovo))
    corrected, result = apply_fixes_docx(new_docx, findings)
    written = tmp_path / "corretto.docx"
    written.write_bytes(corrected)
    check_rewritten_docx(new_docx, written, result.rewrites)
    assert len(result.rewrites) == 1
    before, after = _texts(new_docx), _texts(written)
    assert [b for b, a in zip(before, after, strict=True) if b != a] == [t for t in before if STALE in t]
    assert after == [t.replace(STALE, FIXED) for t in before]


def test_correggi_docx_with_content_control_through_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old_docx, new_docx, fixed = tmp_path / "vecchio.docx", tmp_path / "nuovo.docx", tmp_path / "corretto.docx"
    _docx(OLD, old_docx)
    _docx(NEW, new_docx, {1, 3, 4, 5}, 2)  # content controls above the reference shifted python-docx's count
    original = new_docx.read_bytes()
    code, _, err = cli(capsys, "rinvii", str(new_docx), "--vecchio", str(old_docx), "--correggi", "-o", str(fixed))
    assert code == 1 and "corretto" in err and new_docx.read_bytes() == original
    assert _texts(fixed) == [t.replace(STALE, FIXED) for t in _texts(new_docx)]


def test_correggi_text_keeps_crlf_and_form_feeds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new, fixed = tmp_path / "vecchio.txt", tmp_path / "nuovo.txt", tmp_path / "corretto.txt"
    old.write_text(OLD, encoding="utf-8")
    text = NEW.replace("\n", "\r\n").replace("Art. 32", "\fArt. 32")
    new.write_bytes(text.encode("utf-8"))
    code, _, err = cli(capsys, "rinvii", str(new), "--vecchio", str(old), "--correggi", "-o", str(fixed))
    assert code == 1, err
    assert fixed.read_bytes() == text.replace(STALE, FIXED).encode("utf-8")


def test_output_without_correggi_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    new = tmp_path / "nuovo.txt"
    new.write_text(NEW, encoding="utf-8")
    code, _, err = cli(capsys, "rinvii", str(new), "-o", str(tmp_path / "x.txt"))
    assert code == 2 and "--correggi" in err and not (tmp_path / "x.txt").exists()
