"""Rewrite stale references in a Word document, keeping its formatting.

The DOCX is opened with python-docx and saved again, so styles, numbering, tables and
everything else stay as they were. The paragraphs of a finding are found by the position the
reader gave them (``Finding.line`` to ``Finding.line_end``), through the reader's own walk of
the body (``parse.docx.block_paragraphs``: content controls, tables, joined paragraphs, text
boxes inside their paragraph). A fixable finding is rewritten only when its reference appears
exactly once in the visible text of those paragraphs, and stands whole inside one ``w:t``
(one stretch of uniform formatting); otherwise it is listed as not rewritten, with the reason.
``check_rewritten_docx`` then reads the written file back and proves that exactly those
paragraphs changed, and only by the rewrite. Never a silent guess.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError, OutputError
from .findings import Finding
from .fix import FixResult, Rewrite

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# The w:t the reader shows with revisions accepted: not deleted, moved away or a VML fallback copy.
_VISIBLE_T = etree.XPath(
    ".//w:t[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback)]", namespaces={"w": W, "mc": MC}
)


def apply_fixes_docx(path: Path, findings: Iterable[Finding]) -> tuple[bytes, FixResult]:
    """(the corrected DOCX as bytes, what was rewritten and what was not)."""
    from ..parse.docx import _open, block_paragraphs

    document = _open(path)
    blocks = block_paragraphs(document)
    rewrites: list[Rewrite] = []
    skipped: list[tuple[Finding, str]] = []
    for finding in findings:
        if not finding.fixable or not finding.suggestion:
            if finding.kind == "stale":
                skipped.append((finding, "la correzione non è certa: la decida lei"))
            continue
        reason, position = _rewrite(finding, finding.suggestion, blocks)
        if reason:
            skipped.append((finding, reason))
        else:
            rewrites.append(Rewrite(finding, position, finding.text, finding.suggestion))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue(), FixResult("", tuple(rewrites), tuple(skipped))


def _rewrite(finding: Finding, suggestion: str, blocks: dict[int, list[Any]]) -> tuple[str, int]:
    """Rewrite one reference in place: ("", its block position) when done, else (the Italian reason, 0)."""
    from ..parse.docx import paragraph_text

    first = finding.line or 0
    last = max(finding.line_end or first, first)
    paragraphs = [(position, paragraph) for position in range(first, last + 1) for paragraph in blocks.get(position, [])]
    if not paragraphs:
        return "il paragrafo del rinvio non è stato ritrovato nel documento: lo corregga a mano", 0
    visible = "".join(paragraph_text(paragraph) for _, paragraph in paragraphs)
    count = visible.count(finding.text)
    if count == 0:
        return "il rinvio non è scritto così nel paragrafo: lo corregga a mano nel documento", 0
    if count > 1:
        return "lo stesso rinvio compare più volte nel paragrafo: lo corregga a mano", 0
    holders = [
        (position, node) for position, paragraph in paragraphs for node in _VISIBLE_T(paragraph) if finding.text in node.text
    ]
    if len(holders) != 1:
        return "il rinvio è diviso tra parti con formattazione diversa: lo corregga a mano nel documento", 0
    position, node = holders[0]
    node.text = node.text.replace(finding.text, suggestion, 1)
    return "", position


def check_rewritten_docx(original: Path, written: Path, rewrites: Iterable[Rewrite]) -> None:
    """The DOCX ``written`` reads as ``original`` with exactly the rewrites made, paragraph by
    paragraph; else ``OutputError`` (the caller then writes nothing)."""
    from ..parse.docx import read_docx_lines

    expected = _by_position(read_docx_lines(original))
    try:
        found = _by_position(read_docx_lines(written))
    except InputError as error:
        raise _not_verified("il documento corretto non si rilegge") from error
    by_position: dict[int, list[Rewrite]] = defaultdict(list)
    for rewrite in rewrites:
        by_position[rewrite.line].append(rewrite)
    for position, rewritten in by_position.items():
        text = expected.get(position, "")
        for rewrite in rewritten:
            if text.count(rewrite.old) != 1:
                raise _not_verified(f"il rinvio «{rewrite.old}» non è più al suo posto")
            text = text.replace(rewrite.old, rewrite.new, 1)
        expected[position] = text
    if found != expected:
        changed = sorted(p for p in set(found) | set(expected) if found.get(p) != expected.get(p))
        raise _not_verified(f"cambierebbe anche il paragrafo {changed[0]}")


def _by_position(lines: Iterable[Any]) -> dict[int, str]:
    texts: dict[int, list[str]] = defaultdict(list)
    for line in lines:
        texts[line.position].append(line.text)
    return {position: "\n".join(parts) for position, parts in texts.items()}


def _not_verified(why: str) -> OutputError:
    return OutputError(
        f"Le correzioni non sono state scritte: la verifica del documento corretto non è riuscita ({why}). "
        "Nessun file è stato modificato; corregga i rinvii a mano, seguendo l'elenco qui sopra, "
        "e segnali il caso a chi cura rodiff."
    )
