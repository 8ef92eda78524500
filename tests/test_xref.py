"""Cross-references: extraction table from the seeds, resolution, checks on the corpus, fixes,
bench-like planted cases, robustness (hypothesis and hostile repetitions).

The sentences of ``SEED_TABLE`` (the fixture file ``fixtures/xref/seed_table.yaml``) are copied
from the published messages (seeds 001 Vacallo, 002 Stabio, 003 Mendrisio, 004 Alto Malcantone;
line breaks of the PDF extraction joined), each with the reading expected: kind, text as
printed, targets, law.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rodiff.align import Alignment, ArticlePair, align, align_paragraphs
from rodiff.model import Number
from rodiff.parse import parse_file, parse_text
from rodiff.xref import (
    Finding,
    Reference,
    apply_fixes,
    check_against,
    check_alone,
    check_terms,
    find_references,
    find_renamings,
    findings_json,
    format_report,
    node_text,
    resolve,
    scan,
)
from rodiff.xref import patterns as xp
from rodiff.xref.check import classify
from rodiff.xref.laws import ABBREVIATIONS

from .conftest import CORPUS
from .support.builders import add_lines, new_docx, save_docx
from .support.hostile import HOSTILE_UNITS

FIXTURES = Path(__file__).parent / "fixtures"

# (kind, raw, targets, law)
Expected = tuple[str, str, tuple[str, ...], str]


def _seed_table() -> list[tuple[str, str, list[Expected]]]:
    """The cases of ``fixtures/xref/seed_table.yaml``: (id, text, expected references)."""
    cases = yaml.safe_load((FIXTURES / "xref" / "seed_table.yaml").read_text(encoding="utf-8"))
    return [
        (
            case["id"],
            case["text"],
            [(r["kind"], r["raw"], tuple(r["targets"]), r.get("law", "")) for r in case["references"]],
        )
        for case in cases
    ]


SEED_TABLE = _seed_table()


def _reading(reference: Reference) -> Expected:
    return (reference.kind, reference.raw, tuple(str(t) for t in reference.targets), reference.law)


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in SEED_TABLE])
def test_seed_table(text: str, expected: list[Expected]) -> None:
    found = scan(text)
    assert [_reading(r) for r in found] == expected
    for reference in found:
        assert text[reference.span[0] : reference.span[1]] == reference.raw
        for part in reference.parts:
            assert text[part.span[0] : part.span[1]] == part.raw


def test_seed_table_size() -> None:
    assert sum(len(expected) for _, _, expected in SEED_TABLE) >= 60


def test_hints_and_relative() -> None:
    assert scan("di cui all’art. 23(occupazioni accessorie).")[0].hint == "occupazioni accessorie"
    assert scan("previste dall'art. 26 (provvedimenti disciplinari).")[0].hint == "provvedimenti disciplinari"
    assert scan("secondo i precedenti cpv. può")[0].relative == "previous"
    assert scan("art. 125 segg. della Legge organica comunale")[0].following
    assert scan("art. 17 del presente regolamento")[0].explicit


@given(
    st.sampled_from(["art.", "Art.", "art", "ART.", "articolo", "l'art.", "dell’art."]),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["", "a", "b", "bis", "ter", "quater", "abis"]),
    st.sampled_from(["", " "]),
    st.sampled_from(["", " cpv. 2", " capoverso 1bis", " cpv. 3 lett. b)"]),
    st.sampled_from([".", ",", " del presente Regolamento.", ";", " (nuovo)"]),
)
def test_generated_spellings(word: str, value: int, suffix: str, space: str, paragraph: str, end: str) -> None:
    text = f"secondo {word} {value}{space if suffix else ''}{suffix}{paragraph}{end}"
    found = scan(text)
    assert len(found) == 1, text
    target = found[0].targets[0]
    assert target.article == f"{value}{suffix}"
    if paragraph:
        assert target.paragraph == re.findall(r"\d+\w*", paragraph)[0]
    assert found[0].kind == "full"


@pytest.mark.parametrize(
    "abbreviation",
    [
        "LOC",
        "RALOC",
        "LORD",
        "LStip",
        "LCPol",
        "RUGraS",
        "LPAmm",
        "LPers",
        "OPers",
        "CO",
        "CCS",
        "CC",
        "LAINF",
        "LAF",
        "LPP",
        "LIPCT",
        "LL",
        "Cost.",
        "LADI",
        "LAVS",
    ],
)
def test_every_domain_law_is_external(abbreviation: str) -> None:
    assert abbreviation in ABBREVIATIONS
    found = scan(f"secondo l'art. 12 cpv. 2 {abbreviation} e")
    assert [r.kind for r in found] == ["external"]
    assert found[0].law == abbreviation


def test_laws_file_is_packaged() -> None:
    text = resources.files("rodiff.xref").joinpath("laws.toml").read_text(encoding="utf-8")
    assert "LOC =" in text


def test_prefilter() -> None:
    assert not xp.might_cite("Il Municipio decide.")
    assert xp.might_cite("secondo l'art. 5")
    assert xp.might_cite("al cpv. 1")


# ------------------------------------------------------------------ robustness and time


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("art.cpvlet()' ,eo123456789abdLOCROD-–\n’")), max_size=200))
def test_extraction_never_crashes_reference_alphabet(text: str) -> None:
    _check_spans(text)


@given(st.text(max_size=300))
def test_extraction_never_crashes(text: str) -> None:
    _check_spans(text)


def _check_spans(text: str) -> None:
    for reference in scan(text):
        start, end = reference.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == reference.raw
        for part in reference.parts:
            assert start <= part.span[0] < part.span[1] <= end
            assert text[part.span[0] : part.span[1]] == part.raw


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_hostile_repetitions_scan_cleanly(unit: str) -> None:
    """No backtracking blow-up hangs here; the cost ratio is timed in bench/scaling.py."""
    _check_spans(unit * 3000)


# ------------------------------------------------------------------ resolution

SMALL = """REGOLAMENTO

Art. 1
Scopo
1. Il presente regolamento si applica ai dipendenti.
2. Come al cpv. 1, salvo l'art. 2 cpv. 3 e l'art. 9.
3. Secondo i precedenti cpv. e l'art. 2 lett. b) e l'art. 3.

Art. 2
Obblighi
I dipendenti devono:
a) lavorare;
b) rispettare l'art. 1 cpv. 4.

Art. 3
Abrogato.

Art. 4
Occupazioni accessorie
Secondo i precedenti cpv. si applica l'art. 3 (obblighi) e l'art. 2 (occupazioni accessorie).
"""


def test_resolve_reasons() -> None:
    document = parse_text(SMALL)
    got = [(r.raw, [(str(x.target), x.reason) for x in resolve(r, document)]) for r in find_references(document)]
    assert got == [
        ("cpv. 1", [("cpv. 1", "")]),
        ("art. 2 cpv. 3", [("art. 2 cpv. 3", "paragraph_missing")]),
        ("art. 9", [("art. 9", "article_missing")]),
        ("precedenti cpv.", [("", ""), ("", "")]),
        ("art. 2 lett. b)", [("art. 2 lett. b", "")]),
        ("art. 3", [("art. 3", "article_repealed")]),
        ("art. 1 cpv. 4", [("art. 1 cpv. 4", "paragraph_missing")]),
        ("precedenti cpv.", [("", "no_previous")]),
        ("art. 3", [("art. 3", "article_repealed")]),
        ("art. 2", [("art. 2", "")]),
    ]
    first = find_references(document)[0]
    resolution = resolve(first, document)[0]
    assert resolution.eid == "art_1__cpv_1"


def test_unnumbered_paragraph_is_cpv_1() -> None:
    document = parse_text("Art. 1\nScopo\nTesto unico.\n\nArt. 2\nAltro\nSecondo l'art. 1 cpv. 1 e l'art. 1 cpv. 2.\n")
    reasons = [x.reason for r in find_references(document) for x in resolve(r, document)]
    assert reasons == ["", "paragraph_missing"]


def test_external_does_not_resolve() -> None:
    document = parse_text("Art. 1\nScopo\nSi applica l'art. 134 LOC.\n")
    (reference,) = find_references(document)
    assert [x.reason for x in resolve(reference, document)] == ["external"]


def test_check_alone() -> None:
    findings = check_alone(parse_text(SMALL))
    kinds = [(f.article, f.paragraph, f.text, f.kind, f.reason) for f in findings]
    assert kinds == [
        ("1", "2", "art. 2 cpv. 3", "dangling", "paragraph_missing"),
        ("1", "2", "art. 9", "dangling", "article_missing"),
        ("1", "3", "art. 3", "dangling", "article_repealed"),
        ("2", "", "art. 1 cpv. 4", "dangling", "paragraph_missing"),
        ("4", "", "precedenti cpv.", "dangling", "no_previous"),
        ("4", "", "art. 3", "dangling", "article_repealed"),
        ("4", "", "art. 2", "suspicious", "hint_mismatch"),
    ]
    hint = findings[-1]
    assert hint.suggestion == "art. 4"
    assert "occupazioni accessorie" in hint.message
    assert (
        findings[0].message
        == 'Art. 1 cpv. 2: "art. 2 cpv. 3" non trova il suo oggetto: art. 2 cpv. 3: il cpv. 3 non esiste nell\'art. 2 (Obblighi)'
    )


def test_check_alone_partial() -> None:
    document = parse_text("Art. 13 Funzione stabile\n1. Come all'art. 27 e al cpv. 4.\n")
    assert [f.text for f in check_alone(document)] == ["art. 27", "cpv. 4"]
    assert [f.text for f in check_alone(document, partial=True)] == ["cpv. 4"]


# ------------------------------------------------------------------ corpus: every reference of the corpus


@pytest.mark.parametrize(
    "name",
    [
        "vacallo/rod-1991.txt",
        "vacallo/rod-nuovo.txt",
        "alto-malcantone/rod-2019.txt",
        "mendrisio/rod-2006-estratto.txt",
        "mendrisio/rod-2018-estratto.txt",
        "stabio/rod-attuale-frammenti.txt",
        "stabio/rod-proposto-frammenti.txt",
    ],
)
def test_corpus_spans(name: str) -> None:
    document = parse_file(CORPUS / name)
    references = find_references(document)
    assert references
    for reference in references:
        text = node_text(document, reference.eid, reference.field)
        assert text is not None
        assert text[reference.span[0] : reference.span[1]] == reference.raw


def test_alto_malcantone_resolves() -> None:
    """The regulation of 2019 (97 articles, 30 references): every internal reference resolves."""
    document = parse_file(CORPUS / "alto-malcantone" / "rod-2019.txt")
    references = find_references(document)
    assert len(references) == 30
    assert sorted(r.raw for r in references if not r.internal) == [
        "art. 139 LOC",
        "art. 142 cpv. 1) LOC",
        "art. 37, 39 LAINF e 65 della Legge federale sull'assicurazione militare",
    ]
    assert check_alone(document) == []


# ------------------------------------------------------------------ Vacallo 1991 -> nuovo


@pytest.fixture(scope="module")
def vacallo() -> tuple[object, object, Alignment]:
    old = parse_file(CORPUS / "vacallo" / "rod-1991.txt")
    new = parse_file(CORPUS / "vacallo" / "rod-nuovo.txt")
    return old, new, align(old, new)


# Every reference of the new text, as (article, text, status). The statuses: "renumbered" follows
# the new numbering, "unchanged" same number and the target did not move, "new" no counterpart in
# the old text (and resolves), "changed" the drafter cites another article than before (and it
# resolves), "external" another act.
VACALLO_NEW = [
    ("5", "art.143 LOC", "external"),
    ("8", "art. 4", "unchanged"),
    ("8", "art. 26", "renumbered"),
    ("12", "art. 41", "new"),
    ("16", "art. 14 e 15", "renumbered"),
    ("16", "art. 29", "renumbered"),
    ("17", "art. 10", "unchanged"),
    ("30", "lettere a) e b) (fino a CHF 100.--) dell'art. 29", "renumbered"),
    ("33", "art. 34", "renumbered"),
    ("34", "art. 3", "external"),
    ("36", "art. 34", "renumbered"),
    ("37", "art. 34 (fino alla classe massima indicata tra parentesi), 35 e 36 del presente regolamento", "renumbered"),
    ("37", "art. 5 e 6", "unchanged"),
    ("37", "art. 35", "renumbered"),
    ("40", "cpv. 3", "new"),
    ("41", "art. 39", "renumbered"),
    ("41", "cpv. 4", "new"),
    ("45", "art. 43", "renumbered"),
    ("45", "art. 43", "new"),
    ("48", "cpv. 1", "unchanged"),
    ("51", "cpv. 1", "unchanged"),
    ("51", "cpv. 1 lett. a), b), c)", "new"),
    ("52", "art. 50 e 56", "renumbered"),
    ("55", "art. 329 del Codice delle Obbligazioni", "external"),
    ("56", "capoversi precedenti", "unchanged"),
    ("56", "precedenti cpv.", "unchanged"),
    ("56", "art. 37 LAINF e 7 nella Legge federale sull'assicurazione militare", "external"),
    ("59", "art. 50 e 55", "renumbered"),
    ("59", "art. 58", "new"),
    ("61", "art. 58", "new"),
    ("64", "cpv. 1", "new"),
    ("65", "art. 64 cpv. 1", "new"),
    ("67", "art. 64 cpv. 1", "new"),
    ("68", "art. 64 cpv. 1", "new"),
    ("68", "art. 1", "new"),
    ("69", "art. 1", "new"),
    ("76", "cpv. 1 e 2", "new"),
    ("78", "art. 19 del presente regolamento", "renumbered"),
    ("78", "art. 77 cpv. 2 del presente regolamento", "renumbered"),
    ("78", "art. 84", "changed"),
    ("79", "cpv. 1", "unchanged"),
    ("79", "art. 84", "changed"),
    ("80", "art. 84", "changed"),
    ("80", "art. 84", "changed"),
    ("81", "art. 29", "renumbered"),
    ("89", "art. 33", "renumbered"),
]


def test_vacallo_every_reference_classified(vacallo: tuple[object, object, Alignment]) -> None:
    _, _, alignment = vacallo
    result = classify(alignment.old, alignment.new, alignment)
    assert [(c.reference.article, c.reference.raw, c.status) for c in result] == VACALLO_NEW
    # no finding at all: every reference of the new text follows the new numbering
    assert [f for c in result for f in c.findings] == []
    assert check_against(alignment.old, alignment.new, alignment) == []


def test_vacallo_renumbered_follow_ground_truth(vacallo: tuple[object, object, Alignment]) -> None:
    """Each renumbered reference maps old -> new exactly as the printed headings (allineamento.csv)."""
    _, _, alignment = vacallo
    with (CORPUS / "vacallo" / "allineamento.csv").open(encoding="utf-8") as handle:
        truth = {row["old"]: row["new"] for row in csv.DictReader(handle) if row["old"] and row["new"]}
    checked = 0
    for item in classify(alignment.old, alignment.new, alignment):
        if item.status != "renumbered" or item.old_reference is None or item.reference.kind != "full":
            continue
        old_articles = [t.article for t in item.old_reference.targets]
        new_articles = [t.article for t in item.reference.targets]
        for old_number, new_number in zip(old_articles, new_articles, strict=False):
            assert truth[str(old_number)] == new_number
            checked += 1
    assert checked >= 20


def test_vacallo_external_never_internal(vacallo: tuple[object, object, Alignment]) -> None:
    _, _, alignment = vacallo
    external = [r.raw for r in find_references(alignment.new) if not r.internal]
    assert external == [
        "art.143 LOC",
        "art. 3",  # "prevista dalla Legge sugli stipendi degli impiegati dello Stato e dei docenti all'art. 3"
        "art. 329 del Codice delle Obbligazioni",
        "art. 37 LAINF e 7 nella Legge federale sull'assicurazione militare",
    ]


def test_vacallo_planted_stale_found_and_fixed(vacallo: tuple[object, object, Alignment]) -> None:
    """Put three renumbered references of the new text back to their 1991 numbers (as a hurried
    drafter would leave them): each is found as stale and the fix gives back the published text."""
    old = alignment_old = vacallo[2].old
    text = (CORPUS / "vacallo" / "rod-nuovo.txt").read_text(encoding="utf-8")
    planted = (
        text.replace("previste dall'art. 33 e ne determina", "previste dall'art. 30 e ne determina")
        .replace("previsto dagli art. 14 e 15 sono", "previsto dagli art. 12 e 13 sono")
        .replace("dall'art. 29 (provvedimenti disciplinari)", "dall'art. 26 (provvedimenti disciplinari)")
    )
    assert planted != text
    new = parse_text(planted, "rod-nuovo.txt")
    findings = check_against(alignment_old, new)
    assert [(f.article, f.paragraph, f.text, f.kind, f.suggestion, f.fixable) for f in findings] == [
        ("16", "1", "art. 12 e 13", "stale", "art. 14 e 15", True),
        ("81", "", "art. 26", "stale", "art. 29", True),
        ("89", "1", "art. 30", "stale", "art. 33", True),
    ]
    assert findings[2].message == (
        'Art. 89 cpv. 1: "art. 30" rinvia al vecchio art. 30 (Classifica delle funzioni), ora art. 33 '
        '(Classifica delle funzioni) -> proporre "art. 33"'
    )
    result = apply_fixes(planted, findings)
    assert result.text == text
    assert [(r.line, r.old, r.new) for r in result.rewrites] == [
        (105, "art. 12 e 13", "art. 14 e 15"),
        (562, "art. 26", "art. 29"),
        (612, "art. 30", "art. 33"),
    ]
    assert old is alignment_old


def test_vacallo_planted_paragraphs(vacallo: tuple[object, object, Alignment]) -> None:
    """Old art. 44 cpv. 3 was repealed and cpv. 4 became cpv. 3 (new art. 48). References to it
    added to art. 10 in both texts: "cpv. 4" kept is stale, "cpv. 3" kept is dangling."""
    old_text = (CORPUS / "vacallo" / "rod-1991.txt").read_text(encoding="utf-8")
    new_text = (CORPUS / "vacallo" / "rod-nuovo.txt").read_text(encoding="utf-8")
    anchor = "Per casi particolari e prolungati si rimanda all'art. 10."
    assert old_text.count(anchor) == new_text.count(anchor) == 1
    old = parse_text(old_text.replace(anchor, anchor + " Restano riservati l'art. 44 cpv. 3 e l'art. 44 cpv. 4."))
    new = parse_text(new_text.replace(anchor, anchor + " Restano riservati l'art. 48 cpv. 3 e l'art. 48 cpv. 4."))
    findings = check_against(old, new)
    assert [(f.article, f.text, f.kind, f.suggestion) for f in findings] == [
        ("17", "art. 48 cpv. 3", "dangling", None),
        ("17", "art. 48 cpv. 4", "stale", "art. 48 cpv. 3"),
    ]
    assert "il capoverso è stato abrogato" in findings[0].message


def test_vacallo_report_and_json(vacallo: tuple[object, object, Alignment]) -> None:
    assert format_report([]) == "Rinvii: nessun problema trovato.\n"
    finding = Finding("35", "3", "art. 30", "stale", "art. 33", 'Art. 35 cpv. 3: "art. 30" ...', (10, 17))
    assert findings_json([finding])["findings"] == [
        {
            "article": "35",
            "paragraph": "3",
            "text": "art. 30",
            "kind": "stale",
            "suggestion": "art. 33",
            "message": 'Art. 35 cpv. 3: "art. 30" ...',
            "reason": "",
            "fixable": False,
            "eid": "",
            "field": "text",
            "span": [10, 17],
            "line": None,
        }
    ]
    report = format_report([finding, replace(finding, article="4", kind="dangling", suggestion=None)])
    assert report.splitlines()[:4] == [
        "Rinvii da controllare: 2 (1 non aggiornato, 1 senza oggetto)",
        "",
        "Art. 4",
        '  Art. 35 cpv. 3: "art. 30" ...',
    ]


# ------------------------------------------------------------------ Mendrisio art. 31/32 (seed 003)


def test_mendrisio_stale_paragraph_found_and_fixed() -> None:
    old = parse_file(CORPUS / "mendrisio" / "art31-32-vecchio.txt")
    path = CORPUS / "mendrisio" / "art31-32-nuovo.txt"
    new = parse_file(path)
    findings = check_against(old, new)
    assert len(findings) == 1
    (finding,) = findings
    assert (finding.article, finding.paragraph, finding.text, finding.kind, finding.suggestion) == (
        "32",
        "2",
        "art. 31 cpv. 5",
        "stale",
        "art. 31 cpv. 4",
    )
    assert finding.fixable
    assert finding.message == (
        'Art. 32 cpv. 2: "art. 31 cpv. 5" rinvia al vecchio art. 31 cpv. 5 (Promozione), ora art. 31 cpv. 4 '
        '-> proporre "art. 31 cpv. 4"'
    )
    text = path.read_text(encoding="utf-8")
    result = apply_fixes(text, findings)
    assert result.text == text.replace("dell’art. 31 cpv. 5.", "dell’art. 31 cpv. 4.")
    assert [(r.line, r.old, r.new) for r in result.rewrites] == [(12, "art. 31 cpv. 5", "art. 31 cpv. 4")]
    assert result.skipped == ()
    # the fixed text is clean, and reads like the published proposal for these two articles
    assert check_against(old, parse_text(result.text)) == []
    published = (CORPUS / "mendrisio" / "rod-2018-estratto.txt").read_text(encoding="utf-8")
    assert "secondo i criteri dell’art. 31 cpv. 4." in published


def test_mendrisio_published_pair_is_clean() -> None:
    old = parse_file(CORPUS / "mendrisio" / "rod-2006-estratto.txt")
    new = parse_file(CORPUS / "mendrisio" / "rod-2018-estratto.txt")
    assert check_against(old, new, partial=True) == []


# ------------------------------------------------------------------ more checks on small texts


def _pair(old_text: str, new_text: str) -> list[Finding]:
    return check_against(parse_text(old_text), parse_text(new_text))


OLD_SPLIT = """Art. 1
Scopo
Il presente regolamento disciplina il rapporto d'impiego dei dipendenti del Comune.

Art. 2
Doveri
1. Il dipendente svolge personalmente il lavoro affidato con diligenza e coscienza.
2. Egli osserva il segreto d'ufficio anche dopo la fine del rapporto d'impiego con il Comune.

Art. 3
Rinvio
Per i doveri si applica l'art. 2. Per il segreto si applica l'art. 2 cpv. 2.
"""


def test_split_article_is_ambiguous() -> None:
    old = parse_text(OLD_SPLIT)
    new = parse_text(OLD_SPLIT.replace("Art. 3\nRinvio", "Art. 4\nRinvio"))
    a1, a2, a3 = old.articles()
    b1, b2, b4 = new.articles()
    # old art. 2 split into new art. 2 and 3 (built by hand: the check must not guess)
    moved = b2.paragraphs[1]
    moved = replace(moved, number=Number(1, "", "1"), marker="1.", eid="art_3__cpv_1")
    b3 = replace(b2, number=replace(b2.number, value=3, raw="3"), eid="art_3", blocks=(moved,))
    b2 = replace(b2, blocks=b2.blocks[:1])
    new = replace(new, body=(b1, b2, b3, b4))
    pairs = (
        ArticlePair((a1,), (b1,), "unchanged", 1.0, align_paragraphs((a1,), (b1,))),
        ArticlePair((a2,), (b2, b3), "split", 0.5, align_paragraphs((a2,), (b2, b3))),
        ArticlePair((a3,), (b4,), "renumbered", 1.0, align_paragraphs((a3,), (b4,))),
    )
    findings = check_against(old, new, Alignment(old, new, pairs))
    assert [(f.text, f.kind, f.suggestion, f.fixable) for f in findings] == [
        ("art. 2", "stale", None, False),
        ("art. 2 cpv. 2", "stale", "art. 3 cpv. 1", True),
    ]
    assert "ora diviso in art. 2 e art. 3" in findings[0].message
    result = apply_fixes("x", findings)
    assert result.rewrites == ()
    assert len(result.skipped) == 2


def test_repealed_article_is_dangling() -> None:
    old = OLD_SPLIT
    start, end = OLD_SPLIT.index("Art. 2\n"), OLD_SPLIT.index("Art. 3\n")
    new = OLD_SPLIT[:start] + OLD_SPLIT[end:]
    findings = _pair(old, new)
    assert [(f.text, f.kind, f.reason) for f in findings] == [
        ("art. 2", "dangling", "repealed"),
        ("art. 2 cpv. 2", "dangling", "repealed"),
    ]


def test_title_changed_is_suspicious() -> None:
    new = OLD_SPLIT.replace("Art. 2\nDoveri", "Art. 2\nSuddivisione dei dipendenti")
    findings = _pair(OLD_SPLIT, new)
    assert [(f.text, f.kind, f.reason) for f in findings] == [
        ("art. 2", "suspicious", "title_changed"),
        ("art. 2 cpv. 2", "suspicious", "title_changed"),
    ]
    assert "«Doveri» -> «Suddivisione dei dipendenti»" in findings[0].message


def test_same_article_paragraph_renumbered() -> None:
    first = "Art. 1\nScopo\n1. Primo capoverso sul campo di applicazione.\n"
    old = first + "2. Secondo capoverso sulle eccezioni.\n3. Le eccezioni del cpv. 2 sono decise dal Municipio.\n"
    new = (
        first + "2. Capoverso nuovo sulle definizioni dei termini usati.\n3. Secondo capoverso sulle eccezioni.\n"
        "4. Le eccezioni del cpv. 2 sono decise dal Municipio.\n"
    )
    findings = _pair(old, new)
    assert [(f.paragraph, f.text, f.kind, f.suggestion) for f in findings] == [("4", "cpv. 2", "stale", "cpv. 3")]
    assert apply_fixes(new, findings).text == new.replace("del cpv. 2", "del cpv. 3")


def test_letter_renumbered() -> None:
    rinvio = "\n\nArt. 2\nRinvio\nNei casi dell'art. 1 cpv. 1 lett. c) decide il Municipio.\n"
    old = "Art. 1\nCasi\n1. Sono casi:\na) il primo caso;\nb) il secondo caso;\nc) il terzo caso." + rinvio
    new = (
        "Art. 1\nCasi\n1. Sono casi:\na) il primo caso;\nb) un caso nuovo del tutto diverso da tutti;\n"
        "c) il secondo caso;\nd) il terzo caso." + rinvio
    )
    findings = _pair(old, new)
    assert [(f.text, f.kind, f.suggestion) for f in findings] == [("art. 1 cpv. 1 lett. c)", "stale", "art. 1 cpv. 1 lett. d)")]


def test_fix_keeps_spelling_and_line_breaks() -> None:
    old = "Art. 1\nScopo\nTesto.\n\nArt. 27 a\nNuovo\nTesto.\n\nArt. 30\nRinvio\n1. Vale l'art. 27 a e l'art. 1.\n"
    new = (
        "Art. 1\nScopo\nTesto.\n\nArt. 2\nAltro\nTesto nuovo diverso.\n\nArt. 28 a\nNuovo\nTesto.\n\n"
        "Art. 31\nRinvio\n1. Vale l'art.\n27 a e l'art. 1.\n"
    )
    findings = _pair(old, new)
    assert [(f.text, f.suggestion) for f in findings] == [("art. 27 a", "art. 28 a")]
    result = apply_fixes(new, findings)
    assert result.text.endswith("1. Vale l'art.\n28 a e l'art. 1.\n")


def test_fix_skips_unfixable() -> None:
    finding = Finding("1", "", "art. 9", "dangling", None, "m", (0, 6))
    result = apply_fixes("art. 9", [finding])
    assert result.text == "art. 9"
    assert result.skipped[0][1] == "rinvio senza oggetto: va deciso a mano"


# ------------------------------------------------------------------ terminology


def test_terms_stabio() -> None:
    """Seed 002: "Cassa pensione" -> "Istituto di previdenza del Cantone Ticino" article after
    article, but the title of art. 40 keeps "Cassa pensione"."""
    old = parse_file(CORPUS / "stabio" / "rod-attuale-frammenti.txt")
    new = parse_file(CORPUS / "stabio" / "rod-proposto-frammenti.txt")
    alignment = align(old, new)
    renamings = {r.old: r for r in find_renamings(alignment)}
    assert renamings["Cassa pensione"].new == "Istituto di previdenza del Cantone Ticino"
    assert renamings["Cassa pensione"].places == ("35", "36", "37", "40")
    assert renamings["Aziende municipalizzate"].new == "Azienda comunale"
    findings = check_terms(alignment)
    assert [(f.article, f.field, f.text, f.kind) for f in findings] == [
        ("40", "title", "Cassa pensione", "term"),
        ("26", "text", "nomina", "term"),  # "in sede di nomina" -> "di assunzione" (art. 67, 68): to verify
    ]
    assert findings[0].message.startswith('Art. 40 (titolo): "Cassa pensione" è rimasto')


def test_terms_vacallo(vacallo: tuple[object, object, Alignment]) -> None:
    """Art. 1 renames "Aziende municipalizzate" to "Aziende comunali"; new art. 23 cpv. 3 keeps
    the old name (noted by the helpers who rebuilt the corpus)."""
    _, _, alignment = vacallo
    findings = check_terms(alignment)
    assert [(f.article, f.paragraph, f.text, f.suggestion) for f in findings] == [
        ("23", "3", "Aziende municipalizzate", "Aziende comunali")
    ]


def test_terms_dipendente() -> None:
    """Seed 004: "dipendente" -> "collaboratore", applied in two articles, forgotten in a third."""
    old = "\n\n".join(
        f"Art. {n}\n{title}\n{body}"
        for n, title, body in (
            (1, "Scopo", "Il dipendente osserva il presente regolamento in ogni sua parte."),
            (2, "Doveri", "Il dipendente svolge il lavoro con diligenza e coscienza professionale."),
            (3, "Segreto", "Il dipendente osserva il segreto d'ufficio anche dopo la fine del rapporto."),
        )
    )
    new = old.replace("Il dipendente osserva il presente", "Il collaboratore osserva il presente").replace(
        "Il dipendente svolge", "Il collaboratore svolge"
    )
    alignment = align(parse_text(old), parse_text(new))
    assert [(r.old, r.new, r.places) for r in find_renamings(alignment)] == [("dipendente", "collaboratore", ("1", "2"))]
    findings = check_terms(alignment)
    assert [(f.article, f.text, f.suggestion) for f in findings] == [("3", "dipendente", "collaboratore")]
    assert format_report(findings).startswith("Rinvii da controllare: 1 (1 termine non aggiornato)")


def test_docstring_examples() -> None:
    import doctest
    import importlib

    for name in ("rodiff.xref", "rodiff.xref.extract", "rodiff.xref.resolve"):
        module = importlib.import_module(name)
        assert doctest.testmod(module).failed == 0


# ------------------------------------------------------------------ legislation written like real acts (issue 10)

LEGISLATION = FIXTURES / "legislation"
LEGISLATION_CASES: dict[str, dict[str, object]] = yaml.safe_load((LEGISLATION / "casi.yaml").read_text(encoding="utf-8"))


def _legislation_findings(name: str, as_docx: Path | None = None) -> list[Finding]:
    """``rinvii --vecchio`` on a legislation fixture (``nuovo.txt`` alone when there is no ``vecchio.txt``)."""
    folder = LEGISLATION / name
    new = parse_file(_as_docx(folder / "nuovo.txt", as_docx) if as_docx else folder / "nuovo.txt")
    if not (folder / "vecchio.txt").exists():
        return check_alone(new)
    old = parse_file(_as_docx(folder / "vecchio.txt", as_docx) if as_docx else folder / "vecchio.txt")
    return check_against(old, new)


def _as_docx(text_file: Path, folder: Path) -> Path:
    """The text as a Word document, one paragraph per line (as a secretary pastes it)."""
    document = new_docx()
    add_lines(document, *text_file.read_text(encoding="utf-8").splitlines())
    return save_docx(document, folder / (text_file.stem + ".docx"))


@pytest.mark.parametrize("name", sorted(LEGISLATION_CASES))
def test_legislation_findings_are_exactly_the_expected_ones(name: str) -> None:
    expected = {(e["kind"], e["text"], e.get("suggestion")) for e in LEGISLATION_CASES[name]["trovati"]}  # type: ignore[index, union-attr]
    found = {(f.kind, f.text, f.suggestion) for f in _legislation_findings(name)}
    assert found == expected


@pytest.mark.parametrize("name", sorted(LEGISLATION_CASES))
def test_legislation_findings_are_the_same_from_word(name: str, tmp_path: Path) -> None:
    from_text = {(f.kind, f.text, f.suggestion) for f in _legislation_findings(name)}
    assert {(f.kind, f.text, f.suggestion) for f in _legislation_findings(name, tmp_path)} == from_text


def test_references_to_other_acts_are_external_by_their_shape() -> None:
    """Abbreviations that laws.toml does not know are external by their shape; the reason is kept."""
    new = parse_file(LEGISLATION / "altri-atti" / "nuovo.txt")
    external = {r.raw: (r.law, r.marker) for r in find_references(new) if not r.internal}
    assert "LSR" not in ABBREVIATIONS and "LBCR" not in ABBREVIATIONS
    assert external["art. 4 cpv. 2 lett. c LSR"] == ("LSR", "abbreviation")
    assert external["articolo 1b LBCR"] == ("LBCR", "abbreviation")
    assert external["articolo 68a capoverso 2 lettere a, b ed e LAVS"] == ("LAVS", "abbreviation")
    assert external["art. 11 LSR"] == ("LSR", "abbreviation")
    assert external["art. 7 RLPDP"] == ("RLPDP", "abbreviation")
    assert external["articolo 11 capoverso 1"][1] == "preceding_act"  # "dalla legge ..., in particolare dall'articolo 11"
    assert external["articolo 6 della legge del 22 giugno 2007 sui dipendenti pubblici"][1] == "act_name"
    assert external["art. 9 del regolamento comunale sulle indennità di trasferta"][1] == "act_name"
    internal = {r.raw for r in find_references(new) if r.internal}
    assert internal == {"articolo 10 capoverso 2", "art. 9 e 10 del presente regolamento"}


@pytest.mark.parametrize(
    ("text", "internal"),
    [
        ("secondo l'art. 5 ROD", True),  # this regulation's own abbreviation
        ("come all'art. 5 II", True),  # a Roman numeral is not an act
        ("fino all'art. 5 CHF", True),
        ("secondo l'art. 5 LPMed", False),
        ("secondo l'art. 5 cpv. 2 OPers", False),
        ("secondo l'art. 5 della LPMed", False),
        ("secondo l'art. 5 del presente regolamento", True),
        ("secondo l'art. 5 dell'ordinanza sul personale", False),
        ("secondo l'art. 5 del Codice civile", False),
    ],
)
def test_the_shape_of_what_follows_decides(text: str, internal: bool) -> None:
    assert [r.internal for r in scan(text)] == [internal]


def test_external_references_in_the_json_say_why(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import cli

    folder = LEGISLATION / "altri-atti"
    code, out, _ = cli(capsys, "rinvii", str(folder / "nuovo.txt"), "--vecchio", str(folder / "vecchio.txt"), "--formato", "json")
    data = json.loads(out)
    assert code == 0 and data["findings"] == []
    by_text = {e["text"]: e for e in data["external_references"]}
    assert by_text["articolo 1b LBCR"]["reason"] == "abbreviation"
    assert by_text["articolo 1b LBCR"]["marker"] == "seguito dalla sigla di un atto"
    assert all(e["reason"] for e in data["external_references"])


def test_former_text_is_not_the_new_text() -> None:
    references = find_references(parse_file(LEGISLATION / "previgente" / "nuovo.txt"))
    former = {r.raw: r.marker for r in references if not r.internal}
    assert former == {
        "articolo 73": "former_text",
        "articoli 22 e 23 previgenti": "former_text",
        "art. 80 del diritto anteriore": "former_text",
        "art. 45 del regolamento previgente": "former_text",
    }


def test_reused_number_content_beats_number() -> None:
    folder = LEGISLATION / "numeri-riusati"
    alignment = align(parse_file(folder / "vecchio.txt"), parse_file(folder / "nuovo.txt"))
    by_old = {p.old[0].number.normalised: p for p in alignment.pairs if p.old}
    assert [a.number.normalised for a in by_old["12"].new] == ["10b"]
    assert [a.number.normalised for a in by_old["31a"].new] == ["31b"]
    slot = next(p for p in alignment.pairs if not p.old and p.new[0].number.normalised == "12")
    assert slot.status == "repealed"  # the placeholder "Art. 12 (abrogato)": a repealed slot
    new_31a = next(p for p in alignment.pairs if p.new and p.new[0].number.normalised == "31a")
    assert new_31a.status == "new" and not new_31a.old  # not half of a split
    assert all(p.status != "split" for p in alignment.pairs)
    shown = [a.number.normalised for p in alignment.pairs for a in p.new]
    assert len(shown) == len(set(shown))  # every new article once


def test_a_grown_lettera_is_the_same_lettera() -> None:
    folder = LEGISLATION / "lettere"
    assert check_against(parse_file(folder / "vecchio.txt"), parse_file(folder / "nuovo.txt")) == []


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("secondo gli articoli 2 capoversi 3 e 4, 3 capoverso 5", ["art. 2 cpv. 3", "art. 2 cpv. 4", "art. 3 cpv. 5"]),
        ("giusta l'articolo 14 numero 2, capoverso 3 o 3bis", ["art. 14 cpv. 3", "art. 14 cpv. 3bis"]),
        (
            "agli articoli 12 capoverso 2 e 14 capoverso 1 nonché 15 capoverso 3",
            ["art. 12 cpv. 2", "art. 14 cpv. 1", "art. 15 cpv. 3"],
        ),
        ("alle lettere a, e o f del capoverso 1", ["cpv. 1 lett. a", "cpv. 1 lett. e", "cpv. 1 lett. f"]),
        ("secondo le lettere a–c dell'articolo 88f capoverso 1bis", ["art. 88f cpv. 1bis lett. a", "art. 88f cpv. 1bis lett. c"]),
        ("secondo l'art. 4,3 mesi", ["art. 4"]),
        ("le lettere e pacchi sono consegnati", []),
        ("la lettera a tempo pieno", []),
    ],
)
def test_lists_and_ranges_of_federal_style(text: str, targets: list[str]) -> None:
    assert [str(t) for r in scan(text) for t in r.targets] == targets


def test_a_range_stays_right_when_an_article_is_inserted_inside_it() -> None:
    old = parse_text("Art. 203\nA\nTesto uno.\n\nArt. 204\nB\nTesto due.\n\nArt. 205\nC\nSi applicano gli art. 203–204.")
    new = parse_text(
        "Art. 203\nA\nTesto uno.\n\nArt. 203a\nA bis\nNuovo testo inserito.\n\nArt. 204\nB\nTesto due.\n\n"
        "Art. 205\nC\nSi applicano gli art. 203–204."
    )
    assert check_against(old, new) == []


def test_an_extract_does_not_report_capoversi_it_does_not_print() -> None:
    extract = parse_text("Art. 49\nRiduzione\n2. Per i motivi di cui al cpv. 1 il Municipio deduce le vacanze.")
    assert check_alone(extract, partial=True) == []
    assert [f.reason for f in check_alone(extract)] == ["paragraph_missing"]


def test_tracked_numbering_is_not_in_the_text_with_revisions_rejected(tmp_path: Path) -> None:
    """A capoverso whose Word numbering was added as a tracked change (``w:pPrChange`` with the old,
    unnumbered properties) has no number when every revision is rejected (OPers-style article)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from rodiff.parse import read_revision_pair

    from .support.builders import add_numbering, numbered

    document = new_docx()
    add_lines(document, "ORDINANZA SUL PERSONALE (estratto)", "Art. 11", "Durata del lavoro")
    num = add_numbering(document, [("decimal", "%1")])
    numbered(document.add_paragraph("La durata settimanale del lavoro è di 42 ore."), num)
    added = numbered(document.add_paragraph("Il Municipio può fissare orari diversi."), num)
    who = 'w:author="Cancelleria" w:date="2024-01-01T00:00:00Z"'
    added._p.pPr.append(parse_xml(f'<w:pPrChange {nsdecls("w")} w:id="7" {who}><w:pPr/></w:pPrChange>'))
    old, new = read_revision_pair(save_docx(document, tmp_path / "ordinanza.docx"))
    numbers_new = [b.number.normalised if b.number else None for b in new.articles()[0].paragraphs]
    numbers_old = [b.number.normalised if b.number else None for b in old.articles()[0].paragraphs]
    assert numbers_new == ["1", "2"]
    assert "2" not in numbers_old


def test_a_capoverso_followed_to_another_article_is_a_proposal() -> None:
    """Old art. 55 cpv. 2 is now art. 60 cpv. 5 (kind 7): proposed, never rewritten without the drafter."""
    findings = _legislation_findings("capoverso-spostato")
    assert {(f.text, f.reason, f.fixable) for f in findings} == {
        ("art. 55 cpv. 2", "moved", False),
        ("art. 56", "moved", False),
        ("articolo 56", "moved", False),
    }
    by_text = {f.text: f.message for f in findings}
    assert "passato a un altro articolo: il suo testo è ora art. 60 cpv. 5 (Assicurazioni sociali)" in by_text["art. 55 cpv. 2"]
    assert "abrogato: il suo testo è ora art. 53 cpv. 3 (Congedi pagati)" in by_text["art. 56"]
    text = (LEGISLATION / "capoverso-spostato" / "nuovo.txt").read_text(encoding="utf-8")
    assert apply_fixes(text, findings).text == text


def test_a_lettera_of_a_capoverso_that_moved_follows_it() -> None:
    body = "Durante il congedo non pagato il dipendente assume interamente i contributi:"
    lettere = "a) dovuti all'istituto di previdenza;\nb) dovuti all'assicurazione contro gli infortuni."
    rinvio = "Art. 9\nRinvio\nVale l'art. 5 cpv. 2 lett. b) per i contributi."
    first = "Art. 5\nCongedi\n1 Il Municipio concede i congedi."
    old = f"{first}\n2 {body}\n{lettere}\n\nArt. 6\nAssicurazioni\nIl dipendente è assicurato.\n\n{rinvio}"
    new = f"{first}\n\nArt. 6\nAssicurazioni\n1 Il dipendente è assicurato.\n2 {body}\n{lettere}\n\n{rinvio}"
    assert [(f.text, f.kind, f.suggestion) for f in _pair(old, new)] == [
        ("art. 5 cpv. 2 lett. b)", "stale", "art. 6 cpv. 2 lett. b)")
    ]


def test_a_reworded_target_is_to_check_not_gone() -> None:
    """Kind 9: retitled and rewritten under its number, the article (and a capoverso rewritten in
    place) is "da verificare"; a numbered placeholder is repealed; a split is checked half by half."""
    findings = {f.text: f for f in _legislation_findings("riformulati")}
    assert findings["art. 20"].reason == "rewritten"
    assert "un articolo riscritto nella revisione (titolo «Vacanze» -> «Diritto alle ferie»)" in findings["art. 20"].message
    assert findings["art. 23 cpv. 2"].reason == "rewritten"
    assert findings["art. 22 cpv. 3"].reason == "repealed"
    assert "art. 22 cpv. 4" not in findings  # "2 …" and "3 Abrogato" keep cpv. 4 its number
    assert "art. 30 cpv. 2" not in findings  # still in the first half of the split
    assert findings["art. 30 cpv. 4"].fixable
    assert findings["art. 30"].suggestion is None  # which half: the drafter chooses


@pytest.mark.parametrize("placeholder", ["…", "...", "Abrogato", "abrogato.", "(abrogato)"])
def test_numbered_placeholders_keep_the_numbering(placeholder: str) -> None:
    """ "2 …", "3 Abrogato" (consolidated acts): capoversi of their own, repealed; the next keep their numbers."""
    document = parse_text(
        f"Art. 22\nPicchetto\n1 Il dipendente presta servizio di picchetto.\n2 {placeholder}\n3 {placeholder}\n"
        "4 Il Municipio fissa l'indennità.\n\nArt. 23\nRinvio\nValgono l'art. 22 cpv. 4 e l'art. 22 cpv. 3."
    )
    numbers = [b.number.normalised if b.number else None for b in document.articles()[0].paragraphs]
    assert numbers == ["1", "2", "3", "4"]
    assert [(f.text, f.reason) for f in check_alone(document)] == [("art. 22 cpv. 3", "paragraph_repealed")]
    assert "il cpv. 3 è abrogato nell'art. 22" in check_alone(document)[0].message


def test_lettere_of_cpv_1_are_not_looked_for_in_cpv_2() -> None:
    """Kind 8: "art. 27 cpv. 1 lett. d" names cpv. 1; a lettera d of cpv. 2 is another lettera."""
    article = (
        "Art. 27\nProvvedimenti\n1. I provvedimenti sono:\na) l'ammonimento;\nb) la multa;\nc) la disdetta.\n"
        "2. Nei casi gravi il Municipio può inoltre disporre:\nd) la sospensione;\ne) il trasferimento.\n\n"
    )
    document = parse_text(article + "Art. 28\nCompetenza\nLe misure dell'art. 27 cpv. 1 lett. d e dell'art. 27 cpv. 2 lett. d.")
    resolved = [(str(r.target), r.reason) for ref in find_references(document) for r in resolve(ref, document)]
    assert resolved == [("art. 27 cpv. 1 lett. d", "letter_missing"), ("art. 27 cpv. 2 lett. d", "")]
    old = (
        article.replace("c) la disdetta.", "c) la disdetta;\nd) il licenziamento.")
        + "Art. 28\nCompetenza\nVale l'art. 27 cpv. 1 lett. d per i casi gravi."
    )
    new = article + "Art. 28\nCompetenza\nVale l'art. 27 cpv. 1 lett. d per i casi gravi."
    assert [(f.text, f.kind, f.reason) for f in _pair(old, new)] == [("art. 27 cpv. 1 lett. d", "dangling", "repealed")]
