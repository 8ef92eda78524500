"""Rewrite stale references in a Word document, keeping its formatting.

The DOCX is opened with python-docx and saved again, so styles, numbering, tables and
everything else stay as they were. A fixable finding is rewritten only where its reference
stands whole inside one run (one stretch of uniform formatting) of the paragraphs it came
from (``Finding.line`` to ``Finding.line_end``: the block positions of the DOCX reader),
and appears there exactly once; otherwise it is listed as not rewritten, with the reason.
Never a silent guess.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .findings import Finding
from .fix import FixResult, Rewrite


def apply_fixes_docx(path: Path, findings: Iterable[Finding]) -> tuple[bytes, FixResult]:
    """(the corrected DOCX as bytes, what was rewritten and what was not)."""
    import docx

    document = docx.Document(str(path))
    blocks = _blocks(document)
    rewrites: list[Rewrite] = []
    skipped: list[tuple[Finding, str]] = []
    for finding in findings:
        if not finding.fixable or not finding.suggestion:
            if finding.kind == "stale":
                skipped.append((finding, "la correzione non è certa: la decida lei"))
            continue
        reason = _rewrite(finding, blocks)
        if reason:
            skipped.append((finding, reason))
        else:
            rewrites.append(Rewrite(finding, finding.line or 0, finding.text, finding.suggestion))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue(), FixResult("", tuple(rewrites), tuple(skipped))


def _blocks(document: Any) -> dict[int, list[Any]]:
    """Block position (as the DOCX reader counts: each body paragraph, each table row) -> its w:p."""
    from docx.table import Table

    blocks: dict[int, list[Any]] = {}
    position = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                position += 1
                blocks[position] = [paragraph for cell in row.cells for paragraph in cell.paragraphs]
            continue
        position += 1
        blocks[position] = [block]
    return blocks


def _rewrite(finding: Finding, blocks: dict[int, list[Any]]) -> str:
    """Rewrite one reference in place; "" when done, else the Italian reason it was not."""
    first = finding.line or 0
    last = finding.line_end or first
    runs = [run for position in range(first, last + 1) for paragraph in blocks.get(position, []) for run in paragraph.runs]
    holders = [run for run in runs if finding.text in run.text]
    if not holders:
        return "il rinvio è diviso tra parti con formattazione diversa: lo corregga a mano nel documento"
    if len(holders) > 1 or holders[0].text.count(finding.text) > 1:
        return "lo stesso rinvio compare più volte nel paragrafo: lo corregga a mano"
    run = holders[0]
    run.text = run.text.replace(finding.text, finding.suggestion)
    return ""
