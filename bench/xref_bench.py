"""Reference check: precision and recall on synthetic revisions with planted stale and dangling references.

    .venv/bin/python -m bench.xref_bench            # sizes 100 and 400 articles, seeds 1-5
    .venv/bin/python -m bench.xref_bench --quick    # size 100, seeds 1-2

For each size and seed (fixed, so the figures repeat exactly):

1. ``old = synth.make_rod(size, seed)``; ``synth.revise_with_truth(old, seed, inserted=4,
   removed=3)`` renumbers the articles and rewrites the internal references to the new
   numbers. References to the removed articles stay as printed: they are the **natural
   dangling** references (old number of a repealed article).
2. In the revised text, among the references that ``synth`` renumbered (old number != new
   number), some are put back to their old number: **planted stale**, expected as ``stale``
   with the renumbered reference as the suggestion. Others get a number that no article has
   (900+): **planted dangling** (not resolving). Candidates are taken in kept articles only,
   and not after the name of a law in the same sentence ("dalla Legge ... all'art. 3" is a
   reference to that law), so the truth does not depend on rodiff's reading.
3. Capoversi: in the new text one article loses its cpv. 2 (cpv. 3 becomes 2 ...); three other
   articles get, in both texts, a last capoverso citing it: "art. T cpv. 3" (expected stale,
   suggestion "cpv. 2"), "art. T cpv. 2" (expected dangling: repealed), "art. T cpv. 1"
   (expected nothing).
4. ``rodiff.xref.check_against(old, new)``; then ``apply_fixes`` on the new text must give back
   exactly the text before the stale references were planted.

Truth references are found with ``synth``'s own reference pattern (``synth.references``),
which made the renumbering. A finding is a **true positive** when it is on the planted line,
cites the planted number and has the expected kind (and, for stale, the expected suggestion).
Any other finding is a **false positive**, except findings on references that were already
dangling in the old text (``check_alone`` on the old text, same article, same reference text):
those are counted apart as "pre-existing". Findings on external references ("art. 143 LOC")
are counted apart too: the target is none.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from dataclasses import dataclass, field

from rodiff.align import align
from rodiff.model import Document
from rodiff.parse import parse_text
from rodiff.xref import Finding, Reference, apply_fixes, check_alone, find_references
from rodiff.xref.check import HINT_FITS, _fits, classify
from tests.support import synth

HEADING = re.compile(r"^Art\.\s*(\d+)\s*$")
CAPOVERSO = re.compile(r"^(\d{1,2})\.\s")
LAW_BEFORE = re.compile(r"\b(?:Legge|legge|LOC|LORD|Codice|Costituzione|Ordinanza)\b")


@dataclass(frozen=True)
class Planted:
    kind: str  # "stale" or "dangling"
    line: int  # 1-based line of the new text
    number: str  # the number printed in the new text ("30", "3" for a capoverso)
    expected: str = ""  # stale: the number of the suggestion
    what: str = ""  # "article", "paragraph", "removed", "missing"


@dataclass
class Row:
    name: str
    planted_stale: int = 0
    found_stale: int = 0
    planted_dangling: int = 0
    found_dangling: int = 0
    false_positives: int = 0
    pre_existing: int = 0
    left_stale: int = 0
    alignment_misses: int = 0  # planted dangling missed because the aligner paired the removed article
    alignment_extras: int = 0
    external_truth: int = 0  # references synth keeps as external ("art. 143 LOC")
    external_as_internal: int = 0  # ... that rodiff read as internal
    external: int = 0
    external_findings: int = 0
    fix_exact: bool = False
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def _articles(lines: list[str]) -> dict[int, tuple[int, int]]:
    """Article number -> (index of the heading line, index after its last body line)."""
    found: dict[int, tuple[int, int]] = {}
    current, start = None, 0
    for index, line in enumerate(lines):
        heading = HEADING.match(line.strip())
        boundary = heading or line.startswith(("TITOLO", "Capitolo", "---"))
        if boundary and current is not None:
            found[current] = (start, index)
            current = None
        if heading:
            current, start = int(heading.group(1)), index
    if current is not None:
        found[current] = (start, len(lines))
    return found


def _body_end(lines: list[str], start: int, end: int) -> int:
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _internal_numbers(line: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of each article number of each internal reference in a line (synth's reading)."""
    found: list[tuple[int, int, int]] = []
    for reference in synth.references(line):
        if not reference.internal:
            continue
        sentence_start = max(line.rfind(". ", 0, reference.start), line.rfind("; ", 0, reference.start), 0)
        if LAW_BEFORE.search(line, sentence_start, reference.start):
            continue
        found.extend((start, end, int(line[start:end])) for start, end in reference.numbers)
    return found


def _replace(line: str, start: int, end: int, value: str) -> str:
    return line[:start] + value + line[end:]


Truths = tuple[dict[int, int], set[str], tuple[int, ...]]  # synth's mapping, inserted (new numbers), removed (old)


def build_case(size: int, seed: int, n_stale: int, n_missing: int) -> tuple[str, str, str, list[Planted], Truths]:
    """Old text, new text with planted references, the new text with the stale ones fixed, the truth."""
    rng = random.Random(seed * 7919 + size)
    old_text = synth.make_rod(size, seed)
    revision = synth.revise_with_truth(old_text, seed=seed, inserted=4, removed=3)
    old_lines, new_lines = old_text.split("\n"), revision.text.split("\n")
    old_articles, new_articles = _articles(old_lines), _articles(new_lines)
    removed = set(revision.removed)
    truth: list[Planted] = []
    candidates: list[tuple[int, int, int, int, int]] = []  # new line index, start, end, old value, new value
    for old_number, new_number in revision.mapping.items():
        (o0, o1), (n0, n1) = old_articles[old_number], new_articles[new_number]
        if o1 - o0 != n1 - n0:
            continue
        for offset in range(1, o1 - o0):
            old_refs = _internal_numbers(old_lines[o0 + offset])
            new_refs = _internal_numbers(new_lines[n0 + offset])
            if len(old_refs) != len(new_refs):
                continue
            for (_, _, a), (start, end, b) in zip(old_refs, new_refs, strict=True):
                if a in removed and a == b:
                    truth.append(Planted("dangling", n0 + offset + 1, str(a), what="removed"))
                elif a != b and a not in removed:
                    candidates.append((n0 + offset, start, end, a, b))
    rng.shuffle(candidates)
    used_lines: set[int] = set()
    stale: list[tuple[int, int, int, int, int]] = []
    missing: list[tuple[int, int, int, int, int]] = []
    for candidate in candidates:
        if candidate[0] in used_lines:
            continue  # one planted reference per line: the truth stays readable
        if len(stale) < n_stale:
            stale.append(candidate)
        elif len(missing) < n_missing:
            missing.append(candidate)
        else:
            break
        used_lines.add(candidate[0])
    fixed_lines = list(new_lines)
    for index, start, end, a, b in sorted(stale + missing, key=lambda c: (c[0], -c[1])):
        if (index, start, end, a, b) in stale:
            new_lines[index] = _replace(new_lines[index], start, end, str(a))
            truth.append(Planted("stale", index + 1, str(a), str(b), "article"))
        else:
            value = str(900 + len(truth))
            new_lines[index] = _replace(new_lines[index], start, end, value)
            fixed_lines[index] = _replace(fixed_lines[index], start, end, value)
            truth.append(Planted("dangling", index + 1, value, what="missing"))
    old_lines, new_lines, fixed_lines, truth = _plant_capoversi(
        rng, old_lines, new_lines, fixed_lines, truth, revision.mapping, used_lines
    )
    inserted = {str(n) for n in revision.inserted}
    truths = (revision.mapping, inserted, revision.removed)
    return "\n".join(old_lines), "\n".join(new_lines), "\n".join(fixed_lines), truth, truths


def _plant_capoversi(
    rng: random.Random,
    old_lines: list[str],
    new_lines: list[str],
    fixed_lines: list[str],
    truth: list[Planted],
    mapping: dict[int, int],
    used_lines: set[int],
) -> tuple[list[str], list[str], list[str], list[Planted]]:
    """Remove cpv. 2 of one article in the new text; cite it from three other articles in both."""
    old_articles, new_articles = _articles(old_lines), _articles(new_lines)
    kept = sorted(mapping)
    rng.shuffle(kept)
    target = None
    busy = {t.line - 1 for t in truth}
    for number in kept:
        n0, n1 = new_articles[mapping[number]]
        if any(n0 <= index < n1 for index in busy):
            continue
        cited = re.compile(rf"\b(?:art\.|dell'art\.)\s*(?:{number}|{mapping[number]})\s+cpv|cpv\.\s*\d+\s+(?:dell'|del\s+)?art")
        if any(cited.search(line) for line in old_lines + new_lines):
            continue  # its capoversi are cited already: removing cpv. 2 would make more findings than planted
        numbers = [int(m.group(1)) for line in new_lines[n0:n1] if (m := CAPOVERSO.match(line))]
        if numbers[:3] == [1, 2, 3]:
            target = number
            break
    if target is None:
        return old_lines, new_lines, fixed_lines, truth
    citing = [n for n in kept if n != target][:3]
    new_target = mapping[target]
    # lines are inserted or removed below: work from the bottom of the new text up
    edits_new: list[tuple[int, list[str], int]] = []  # at index, insert lines, remove count
    n0, n1 = new_articles[new_target]
    body = new_lines[n0:n1]
    second = next(i for i, line in enumerate(body) if line.startswith("2. "))
    third = next(i for i, line in enumerate(body) if line.startswith("3. "))
    renumbered = [
        (f"{int(m.group(1)) - 1}. " + line[m.end() :]) if (m := CAPOVERSO.match(line)) and int(m.group(1)) >= 3 else line
        for line in body[third:]
    ]
    edits_new.append((n0 + second, renumbered, n1 - (n0 + second)))
    sentences = (("3", "stale", "2"), ("2", "dangling", ""), ("1", "none", ""))
    edits_old: list[tuple[int, list[str], int]] = []
    planned: list[tuple[int, str, str, str]] = []  # new number of the citing article, cpv, kind, expected
    for number, (paragraph, kind, expected) in zip(citing, sentences, strict=False):
        o0, o1 = old_articles[number]
        c0, c1 = new_articles[mapping[number]]
        o_end, n_end = _body_end(old_lines, o0, o1), _body_end(new_lines, c0, c1)
        last = [int(m.group(1)) for line in old_lines[o0:o_end] if (m := CAPOVERSO.match(line))]
        prefix = f"{max(last) + 1}. " if last else ""
        edits_old.append((o_end, [f"{prefix}Resta riservato l'art. {target} cpv. {paragraph}."], 0))
        edits_new.append((n_end, [f"{prefix}Resta riservato l'art. {new_target} cpv. {paragraph}."], 0))
        planned.append((mapping[number], paragraph, kind, expected))
    for at, lines, remove in sorted(edits_old, key=lambda e: -e[0]):
        old_lines[at : at + remove] = lines
    for at, lines, remove in sorted(edits_new, key=lambda e: -e[0]):
        new_lines[at : at + remove] = lines
        fixed_lines[at : at + remove] = lines
        shift = len(lines) - remove
        truth = [_moved(t, shift) if t.line - 1 >= at + remove else t for t in truth]
    new_articles = _articles(new_lines)
    for article, paragraph, kind, expected in planned:
        c0, c1 = new_articles[article]
        index = _body_end(new_lines, c0, c1) - 1
        if kind == "stale":
            truth.append(Planted("stale", index + 1, paragraph, expected, "paragraph"))
            fixed_lines[index] = fixed_lines[index].replace(f"cpv. {paragraph}.", f"cpv. {expected}.")
        elif kind == "dangling":
            truth.append(Planted("dangling", index + 1, paragraph, what="paragraph"))
    return old_lines, new_lines, fixed_lines, truth


def _moved(planted: Planted, shift: int) -> Planted:
    return Planted(planted.kind, planted.line + shift, planted.number, planted.expected, planted.what)


def evaluate(
    name: str,
    old_text: str,
    new_text: str,
    fixed_text: str,
    truth: list[Planted],
    revision: Truths,
) -> Row:
    mapping, inserted, removed = revision
    row = Row(name)
    start = time.perf_counter()
    old, new = parse_text(old_text), parse_text(new_text)
    alignment = align(old, new)
    classified = classify(old, new, alignment)
    row.seconds = time.perf_counter() - start
    findings = [f for c in classified for f in c.findings]
    counterpart = {id(f): c.old_reference for c in classified for f in c.findings}
    flagged_old = {(f.eid, f.span) for f in check_alone(old)}
    # removed articles (synth's truth) that the aligner paired with a new article all the same:
    # an inserted article made from the same corpus template, with the same title
    paired_removed = {a.number.normalised for p in alignment.pairs if p.new for a in p.old} & {str(n) for n in removed}
    references = find_references(new)
    row.external = sum(not r.internal for r in references)
    _externals(row, new_text, references)
    row.planted_stale = sum(t.kind == "stale" for t in truth)
    row.planted_dangling = sum(t.kind == "dangling" for t in truth)
    unmatched = list(findings)
    planted_hits: list[Finding] = []
    for planted in truth:
        hit = next((f for f in unmatched if _matches(f, planted)), None)
        if hit is None and planted.what == "removed" and planted.number in paired_removed:
            row.alignment_misses += 1
        if hit is None:
            row.misses.append(f"{planted.kind} {planted.what} riga {planted.line}: {new_text.split(chr(10))[planted.line - 1]!r}")
            continue
        unmatched.remove(hit)
        planted_hits.append(hit)
        if planted.kind == "stale":
            row.found_stale += 1
        else:
            row.found_dangling += 1
    for finding in unmatched:
        if finding.reference is not None and not finding.reference.internal:
            row.external_findings += 1
        elif _already_wrong(finding, counterpart.get(id(finding)), flagged_old, old, inserted):
            row.pre_existing += 1
        elif _left_stale_by_synth(finding, counterpart.get(id(finding)), mapping):
            row.left_stale += 1
        elif (
            finding.kind == "stale"
            and finding.reference is not None
            and any(t.article in paired_removed for t in finding.reference.targets)
        ):
            row.alignment_extras += 1
        else:
            row.false_positives += 1
            row.extras.append(finding.message)
    row.fix_exact = apply_fixes(new_text, planted_hits).text == fixed_text
    return row


def _externals(row: Row, new_text: str, references: list[Reference]) -> None:
    """Compare with synth's reading: every reference that synth keeps as external must not be
    internal for rodiff (same line, same article number)."""
    by_line: dict[int, list[Reference]] = {}
    for reference in references:
        if reference.line is not None:
            by_line.setdefault(reference.line, []).append(reference)
    for index, line in enumerate(new_text.split("\n")):
        for truth in synth.references(line):
            if truth.internal:
                continue
            row.external_truth += 1
            numbers = {line[start:end] for start, end in truth.numbers}
            mine = [r for r in by_line.get(index + 1, []) if any(p.value in numbers for p in r.parts if p.level == "article")]
            if any(r.internal for r in mine):
                row.external_as_internal += 1
                row.extras.append(f"esterno letto come interno, riga {index + 1}: {line!r}")


def _already_wrong(
    finding: Finding,
    old_reference: Reference | None,
    flagged_old: set[tuple[str, tuple[int, int]]],
    old: Document,
    inserted: set[str],
) -> bool:
    """A defect of the synthetic text itself, not planted: synth points the references of recycled
    text at random nearby articles, so some cite a capoverso or lettera that the article does not
    have, or carry a bracketed title of another article. Such a reference was already flagged in
    the old text, or its bracketed title did not fit its target there (when two articles had that
    title, so the old text gave no unique suggestion), or it stands in an inserted article."""
    if finding.article in inserted and finding.reason in ("paragraph_missing", "letter_missing", "hint_mismatch"):
        return True
    if old_reference is None:
        return False
    if (old_reference.eid, old_reference.span) in flagged_old:
        return True
    if finding.reason == "hint_mismatch" and old_reference.hint and old_reference.hint_part is not None:
        cited = old.article(old_reference.parts[old_reference.hint_part].value)
        return cited is not None and _fits(old_reference.hint, cited.title) < HINT_FITS
    return False


def _left_stale_by_synth(finding: Finding, old_reference: Reference | None, mapping: dict[int, int]) -> bool:
    """A stale reference that synth's own pattern did not renumber ("articoli 9 cpv. 2) e 46",
    "art. 26 (fino ...), 35 e 36"): printed as in the old text, and the suggestion is synth's mapping."""
    if finding.kind != "stale" or old_reference is None or finding.reference is None or not finding.changes:
        return False
    parts, old_parts = finding.reference.parts, old_reference.parts
    if len(parts) != len(old_parts):
        return False
    return all(
        parts[i].level == "article"
        and parts[i].value == old_parts[i].value
        and parts[i].value.isdigit()
        and str(mapping.get(int(parts[i].value), -1)) == value
        for i, value in finding.changes
    )


def _matches(finding: Finding, planted: Planted) -> bool:
    if finding.line != planted.line or finding.kind != planted.kind or finding.reference is None:
        return False
    parts = finding.reference.parts
    level = "paragraph" if planted.what == "paragraph" else "article"
    if not any(p.level == level and p.value == planted.number for p in parts):
        return False
    if planted.kind == "stale":
        return any(parts[i].level == level and value == planted.expected for i, value in finding.changes)
    return True


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="size 100, seeds 1-2")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    sizes = (100,) if args.quick else (100, 400)
    seeds = (1, 2) if args.quick else (1, 2, 3, 4, 5)
    rows = []
    for size in sizes:
        for seed in seeds:
            old_text, new_text, fixed_text, truth, truths = build_case(size, seed, n_stale=8, n_missing=3)
            for planted in truth:  # the truth lines must still hold the planted number
                assert planted.number in new_text.split("\n")[planted.line - 1], planted
            rows.append(evaluate(f"{size} articoli, seme {seed}", old_text, new_text, fixed_text, truth, truths))
    total = Row("totale")
    for row in rows:
        for name in ("planted_stale", "found_stale", "planted_dangling", "found_dangling", "false_positives",
                     "pre_existing", "left_stale", "alignment_misses", "alignment_extras", "external",
                     "external_findings", "external_truth", "external_as_internal"):  # fmt: skip
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.seconds += row.seconds
    total.fix_exact = all(row.fix_exact for row in rows)
    header = (
        "caso", "stale piantati", "trovati", "recall", "dangling piantati", "trovati", "recall", "falsi positivi",
        "precisione", "difetti dei testi sintetici", "non rinumerati da synth", "allineamento (mancati/in più)",
        "rinvii esterni (rodiff / synth)", "esterni letti come interni", "segnalazioni su esterni", "correzione esatta", "s",
    )  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("| --- |" + " ---: |" * 14 + " --- | ---: |")
    for row in [*rows, total]:
        found = row.found_stale + row.found_dangling
        print(
            f"| {row.name} | {row.planted_stale} | {row.found_stale} | {_pct(row.found_stale, row.planted_stale)} | "
            f"{row.planted_dangling} | {row.found_dangling} | {_pct(row.found_dangling, row.planted_dangling)} | "
            f"{row.false_positives} | {_pct(found, found + row.false_positives)} | {row.pre_existing} | {row.left_stale} | "
            f"{row.alignment_misses}/{row.alignment_extras} | {row.external} / {row.external_truth} | "
            f"{row.external_as_internal} | "
            f"{row.external_findings} | {'sì' if row.fix_exact else 'no'} | {row.seconds:.2f} |"
        )
    if args.verbose:
        for row in rows:
            for line in row.misses:
                print(f"MANCATO {row.name}: {line}")
            for line in row.extras:
                print(f"IN PIÙ {row.name}: {line}")


if __name__ == "__main__":
    main()
