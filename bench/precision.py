"""Reference check precision on real texts: the corpus and the legislation fixtures, pair by pair.

    .venv/bin/python -m bench.precision            # the table
    .venv/bin/python -m bench.precision --findings # and every finding, to judge by hand

For every pair (the corpus revisions and ``tests/fixtures/legislation/*/vecchio.txt -> nuovo.txt``)
and every single text (a ``nuovo.txt`` without ``vecchio.txt``, Alto Malcantone), the references
are read and checked as ``rodiff rinvii`` does (``check_against`` with the old text, else
``check_alone``; extracts with ``partial``). Printed per pair: references found, how many internal
and external, findings by kind, and the findings judged **wrong by hand**, listed in
``bench/precision_wrong.yaml`` (pair, article, text, kind, why). A finding that is in the list and
still raised counts as wrong; a regression shows as a number in the last columns. External
references with a finding are counted apart: there must be none. For the legislation fixtures,
the findings expected by ``tests/fixtures/legislation/casi.yaml`` and not raised are counted as
missed.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from rodiff.model import Document
from rodiff.parse import parse_file
from rodiff.xref import Finding, check_against, check_alone, find_references

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
LEGISLATION = ROOT / "tests" / "fixtures" / "legislation"
WRONG = Path(__file__).with_name("precision_wrong.yaml")

# (name, old, new, extract): old None = the text alone
CORPUS_PAIRS: tuple[tuple[str, str | None, str, bool], ...] = (
    ("vacallo", "vacallo/rod-1991.txt", "vacallo/rod-nuovo.txt", False),
    ("mendrisio", "mendrisio/rod-2006-estratto.txt", "mendrisio/rod-2018-estratto.txt", True),
    ("mendrisio art. 31-32", "mendrisio/art31-32-vecchio.txt", "mendrisio/art31-32-nuovo.txt", True),
    ("stabio", "stabio/rod-attuale-frammenti.txt", "stabio/rod-proposto-frammenti.txt", True),
    ("alto-malcantone", None, "alto-malcantone/rod-2019.txt", False),
)


@dataclass(frozen=True)
class Case:
    name: str
    old: Path | None
    new: Path
    extract: bool


@dataclass
class Row:
    name: str
    references: int = 0
    internal: int = 0
    external: int = 0
    kinds: Counter[str] | None = None
    external_findings: int = 0
    wrong: int = 0
    judged: int = 0  # entries of the YAML for this pair
    missed: int = 0  # expected findings (casi.yaml) not raised


def cases() -> list[Case]:
    found = [Case(n, CORPUS / o if o else None, CORPUS / nw, e) for n, o, nw, e in CORPUS_PAIRS]
    for folder in sorted(p for p in LEGISLATION.iterdir() if p.is_dir()):
        old = folder / "vecchio.txt"
        found.append(Case(f"legislation/{folder.name}", old if old.exists() else None, folder / "nuovo.txt", False))
    return found


def wrong_list() -> list[dict[str, str]]:
    data = yaml.safe_load(WRONG.read_text(encoding="utf-8")) or []
    return [{k: str(v) for k, v in entry.items()} for entry in data]


def expected() -> dict[str, set[tuple[str, str, str | None]]]:
    """pair name -> the findings casi.yaml expects: (kind, text, suggestion)."""
    data = yaml.safe_load((LEGISLATION / "casi.yaml").read_text(encoding="utf-8"))
    return {
        f"legislation/{name}": {(e["kind"], e["text"], e.get("suggestion")) for e in case["trovati"]}
        for name, case in data.items()
    }


def check(case: Case) -> tuple[Document, list[Finding]]:
    new = parse_file(case.new)
    if case.old is None:
        return new, check_alone(new, partial=case.extract)
    return new, check_against(parse_file(case.old), new, partial=case.extract)


def _is_wrong(case: str, finding: Finding, entries: list[dict[str, str]]) -> bool:
    return any(
        e["pair"] == case and e["article"] == finding.article and e["text"] == finding.text and e["kind"] == finding.kind
        for e in entries
    )


def measure(case: Case, entries: list[dict[str, str]], show: bool, wanted: set[tuple[str, str, str | None]]) -> Row:
    new, findings = check(case)
    references = find_references(new)
    external_places = {(r.eid, r.field, r.span) for r in references if not r.internal}
    row = Row(case.name, len(references), sum(r.internal for r in references), len(external_places))
    row.kinds = Counter(f.kind for f in findings)
    row.external_findings = sum((f.eid, f.field, f.span) in external_places for f in findings)
    row.wrong = sum(_is_wrong(case.name, f, entries) for f in findings)
    row.judged = sum(e["pair"] == case.name for e in entries)
    row.missed = len(wanted - {(f.kind, f.text, f.suggestion) for f in findings})
    if show:
        for finding in findings:
            mark = "SBAGLIATO " if _is_wrong(case.name, finding, entries) else ""
            print(f"  [{case.name}] {mark}{finding.kind}/{finding.reason}: {finding.message}")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", action="store_true", help="print every finding")
    args = parser.parse_args()
    entries = wrong_list()
    wanted = expected()
    rows = [measure(case, entries, args.findings, wanted.get(case.name, set())) for case in cases()]
    header = (
        "| coppia | rinvii | interni | esterni | non aggiornati | senza oggetto | da verificare | termini "
        "| segnalazioni su esterni | sbagliate (a mano) | sbagliate note | attese mancate |"
    )
    print(header)
    print("| --- |" + " ---: |" * 11)
    total = Row("totale", kinds=Counter())
    for row in rows:
        kinds = row.kinds or Counter()
        print(
            f"| {row.name} | {row.references} | {row.internal} | {row.external} | {kinds['stale']} | {kinds['dangling']} "
            f"| {kinds['suspicious']} | {kinds['term']} | {row.external_findings} | {row.wrong} | {row.judged} | {row.missed} |"
        )
        total.references += row.references
        total.internal += row.internal
        total.external += row.external
        assert total.kinds is not None
        total.kinds.update(kinds)
        total.external_findings += row.external_findings
        total.wrong += row.wrong
        total.judged += row.judged
        total.missed += row.missed
    kinds = total.kinds or Counter()
    print(
        f"| **totale** | {total.references} | {total.internal} | {total.external} | {kinds['stale']} | {kinds['dangling']} "
        f"| {kinds['suspicious']} | {kinds['term']} | {total.external_findings} | {total.wrong} "
        f"| {total.judged} | {total.missed} |"
    )


if __name__ == "__main__":
    main()
