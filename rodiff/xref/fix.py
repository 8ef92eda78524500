"""Rewrite stale references in the source text, and nothing else.

``apply_fixes(text, findings)`` takes the text a document was parsed from (plain text, the
corpus format or text extracted from a PDF) and the findings of ``check_against``, and
rewrites only the **fixable** ones: stale references with one certain correction. Only the
numbers that change are replaced, so the user's spelling ("artt.", "cpv.", spaces, line
breaks inside the reference) stays. Every rewrite is listed; every finding not rewritten is
listed with the reason (ambiguous, dangling, not found in the text). Never a silent guess.

The reference is found inside the source lines of its node (``Finding.line`` to
``Finding.line_end``) as the n-th occurrence of its text (``Reference.occurrence``; in a
node of thousands of characters, the occurrence nearest to its offset), whitespace-tolerant,
so a reference broken over two lines is found too. Lines are counted as the reader and a text
editor count them (``parse.patterns.LINE_BREAK``: "\\n", "\\r\\n", "\\r"; a form feed is not a
line), and a rewrite is made only where the span holds exactly the reported reference.
``check_rewritten`` proves, on the file as written, that nothing else changed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import OutputError
from ..parse.patterns import LINE_BREAK
from .findings import Finding, spelled_like


@dataclass(frozen=True)
class Rewrite:
    """One rewritten reference: where (1-based line of the text), before and after."""

    finding: Finding
    line: int
    old: str
    new: str
    span: tuple[int, int] = (0, 0)  # of ``old`` in the source text (text files)

    @property
    def message(self) -> str:
        return f'riga {self.line}: "{self.old}" -> "{self.new}" ({self.finding.message.split(":", 1)[0]})'


@dataclass(frozen=True)
class FixResult:
    text: str
    rewrites: tuple[Rewrite, ...]
    skipped: tuple[tuple[Finding, str], ...]  # findings not rewritten, with the Italian reason


def apply_fixes(text: str, findings: Iterable[Finding]) -> FixResult:
    """``text`` with the fixable stale references rewritten (see the module docstring)."""
    starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]
    edits: list[tuple[int, int, str, Finding, int, str]] = []  # start, end, new, finding, line, old
    skipped: list[tuple[Finding, str]] = []
    for finding in findings:
        reference = finding.reference
        if not finding.fixable or not finding.changes or reference is None:
            skipped.append((finding, _why_not(finding)))
            continue
        if finding.field != "text" or finding.line is None:
            skipped.append((finding, "il rinvio non è nel testo di un capoverso o di una lettera: da correggere a mano"))
            continue
        first = max(finding.line - 1, 0)
        last = min(max(finding.line_end or finding.line, finding.line), len(starts))
        region_start = starts[first] if first < len(starts) else len(text)
        region_end = starts[last] if last < len(starts) else len(text)
        pattern = _pattern(reference.raw, [reference.parts[i].span for i, _ in finding.changes], reference.span[0])
        matches = list(pattern.finditer(text, region_start, region_end))
        if not matches or len(matches) <= reference.occurrence:
            skipped.append((finding, "rinvio non ritrovato nel testo di partenza: da correggere a mano"))
            continue
        if len(matches) > 1 and "\f" in text[region_start:region_end]:
            # a page break splits an editor line between nodes: the n-th occurrence is not certain
            skipped.append((finding, "il rinvio compare più volte su righe con un salto pagina: da correggere a mano"))
            continue
        if reference.occurrence >= 0:
            match = matches[reference.occurrence]
        else:  # a very long node: the occurrence nearest to the reference's offset
            match = min(matches, key=lambda m: abs(m.start() - region_start - reference.span[0]))
        if _squash(match.group(0)) != _squash(reference.raw):  # never a rewrite of anything but the reference
            skipped.append((finding, "nel testo di partenza il rinvio non è scritto come riportato: da correggere a mano"))
            continue
        pieces, cursor = [], match.start()
        for group, (index, value) in enumerate(finding.changes, start=1):
            pieces.append(text[cursor : match.start(group)])
            pieces.append(spelled_like(reference.parts[index].raw, value))
            cursor = match.end(group)
        pieces.append(text[cursor : match.end()])
        line = bisect.bisect_right(starts, match.start())
        edits.append((match.start(), match.end(), "".join(pieces), finding, line, match.group(0)))
    edits.sort(key=lambda e: e[0])
    out, cursor, rewrites = [], 0, []
    for start, end, new, finding, line, old in edits:
        if start < cursor:
            skipped.append((finding, "due correzioni nello stesso punto: da correggere a mano"))
            continue
        out.append(text[cursor:start])
        out.append(new)
        cursor = end
        rewrites.append(Rewrite(finding, line, old, new, (start, end)))
    out.append(text[cursor:])
    return FixResult("".join(out), tuple(rewrites), tuple(skipped))


def check_rewritten(original: str, written: str, rewrites: Iterable[Rewrite]) -> None:
    """``written`` (the corrected file as read back) is ``original`` with exactly the rewrites
    made, and the same lines; else ``OutputError`` (the caller then writes nothing)."""
    out, cursor = [], 0
    for rewrite in sorted(rewrites, key=lambda r: r.span):
        start, end = rewrite.span
        if original[start:end] != rewrite.old or start < cursor:
            raise _not_verified(f"il rinvio della riga {rewrite.line} non è più al suo posto")
        out.append(original[cursor:start])
        out.append(rewrite.new)
        cursor = end
    out.append(original[cursor:])
    if written != "".join(out):
        raise _not_verified("il testo scritto non corrisponde al testo di partenza con le sole correzioni")
    if len(LINE_BREAK.findall(written)) != len(LINE_BREAK.findall(original)):
        raise _not_verified("il numero delle righe è cambiato")


def _not_verified(why: str) -> OutputError:
    return OutputError(
        f"Le correzioni non sono state scritte: la verifica del file corretto non è riuscita ({why}). "
        "Nessun file è stato modificato; corregga i rinvii a mano, seguendo l'elenco qui sopra, "
        "e segnali il caso a chi cura rodiff."
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


def _pattern(raw: str, spans: list[tuple[int, int]], offset: int) -> re.Pattern[str]:
    """``raw`` as a whitespace-tolerant pattern with one group per number to replace."""
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append(_loose(raw[cursor : start - offset]))
        pieces.append("(" + _loose(raw[start - offset : end - offset]) + ")")
        cursor = end - offset
    pieces.append(_loose(raw[cursor:]))
    # not inside a longer number or word: "art. 3" must not match in "art. 31"
    return re.compile(r"(?<![\w])" + "".join(pieces) + r"(?![\d])")


def _loose(text: str) -> str:
    return r"\s+".join(re.escape(chunk) for chunk in re.split(r"\s+", text)) if text.strip() else (r"\s*" if text else "")


def _why_not(finding: Finding) -> str:
    if finding.kind == "dangling":
        return "rinvio senza oggetto: va deciso a mano"
    if finding.kind == "suspicious":
        return "rinvio da verificare: nessuna correzione automatica"
    if finding.suggestion is None:
        return "correzione non univoca: da decidere a mano"
    return "correzione non certa: da verificare a mano"
