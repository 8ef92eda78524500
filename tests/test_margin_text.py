"""The text a secretary really has: OCR text whose article titles sat in the page margin
(corpus/alto-malcantone/rod-2019-ocr.txt), and nothing left out without a word."""

from __future__ import annotations

import html
import re
import statistics

import pytest

from rodiff import parse_file
from rodiff.align import align
from rodiff.compare.table import build_confronto
from rodiff.model import Document, Paragraph, iter_articles, source_strings
from rodiff.parse import parse_text
from rodiff.parse.checks import outside_articles
from rodiff.render.confronto_md import render_confronto_md

from .conftest import CORPUS
from .support import synth
from .support.treematch import ArticleMatch, match_articles, normalise

RAW = CORPUS / "alto-malcantone" / "rod-2019-ocr.txt"
CLEAN = CORPUS / "alto-malcantone" / "rod-2019.txt"

# What the margin reader reaches on the raw OCR text (measured; see the issue-14 report).
# Articles whose text is at least 95% similar to the cleaned one (OCR letter noise aside):
SIMILAR = 67
# Articles with as many capoversi as the cleaned text (the cleaned text's paragraphing was
# decided by hand, article by article, where the OCR lost the capoverso numbers):
SAME_PARAGRAPHS = 59


@pytest.fixture(scope="module")
def matches() -> list[ArticleMatch]:
    return match_articles(parse_file(RAW), parse_file(CLEAN))


@pytest.fixture(scope="module")
def raw() -> Document:
    return parse_file(RAW)


def test_raw_ocr_has_the_same_97_articles_in_order(raw: Document) -> None:
    assert [a.number.normalised for a in raw.articles()] == [str(n) for n in range(1, 98)]
    titles = [(normalise(a.title), normalise(b.title)) for a, b in zip(raw.articles(), parse_file(CLEAN).articles(), strict=True)]
    # 92: the five misses are headings printed on the body's line (art. 45-47, 61) and OCR noise
    assert sum(1 for a, b in titles if a == b) >= 92, [pair for pair in titles if pair[0] != pair[1]]


def test_raw_ocr_leaves_no_article_empty_and_no_text_outside(raw: Document) -> None:
    assert all(a.blocks for a in raw.articles())
    assert not {"empty_article", "unattached_text", "outside_articles"} & {d.code for d in raw.diagnostics}
    assert outside_articles(raw).notes == 0


def test_raw_ocr_bodies_match_the_cleaned_text(matches: list[ArticleMatch]) -> None:
    similar = [m.number for m in matches if m.similarity >= 95]
    same = [m.number for m in matches if m.paragraphs[0] == m.paragraphs[1]]
    assert len(similar) >= SIMILAR, similar
    assert len(same) >= SAME_PARAGRAPHS, same
    assert statistics.median(m.similarity for m in matches) >= 99


# Article by article, the ones read right: every heading block whose split the text makes
# clear (capoverso numbers restarting, division headings, continuations across pages).
WELL_READ = ["1", "4", "5", "9", "10", "11", "12", "13", "14", "21", "22", "23", "24", "25", "26", "27", "28", "29"]
WELL_READ += ["30", "31", "32", "33", "34", "40", "45", "47", "48", "49", "51", "52", "55", "56", "57", "58", "59", "64"]
WELL_READ += ["65", "67", "72", "73", "74", "75", "76", "84", "85", "86", "87", "88", "89", "92", "94", "95", "96", "97"]


@pytest.mark.parametrize("number", WELL_READ)
def test_raw_ocr_article_matches(matches: list[ArticleMatch], number: str) -> None:
    match = next(m for m in matches if m.number == number)
    assert match.paragraphs[0] == match.paragraphs[1]
    assert match.similarity >= 95


def test_uncertain_starts_are_reported_with_line_numbers(raw: Document) -> None:
    doubts = [d for d in raw.diagnostics if d.code == "margin_uncertain"]
    assert doubts
    assert all(re.search(r"alla riga \d+ .* alla riga \d+", d.message) for d in doubts)


# ---------------------------------------------------------------------- small layouts

MARGIN = """REGOLAMENTO

Art. 1
Scopo

Art. 2
Nomina a tempo
parziale

Art. 3
Durata

' Il presente regolamento disciplina il rapporto
d'impiego dei collaboratori.

2 Si applica anche agli ausiliari.

' Il Municipio può procedere alla nomina a tempo
parziale di collaboratori.

CAPITOLO 2
Durata

La nomina è a tempo indeterminato e
vale fino alla disdetta.

Art. 4
Disdetta

Art. 5
Pensionamento

per giustificati motivi.

1 La disdetta è data per iscritto.

1 Il pensionamento avviene a 65 anni.
"""


def test_margin_headings_get_their_bodies_in_order() -> None:
    document = parse_text(MARGIN)
    texts = {a.number.normalised: [p.text for p in a.paragraphs] for a in document.articles()}
    assert texts["1"] == [
        "Il presente regolamento disciplina il rapporto d'impiego dei collaboratori.",
        "Si applica anche agli ausiliari.",
    ]
    assert texts["2"] == ["Il Municipio può procedere alla nomina a tempo parziale di collaboratori."]
    assert texts["3"] == ["La nomina è a tempo indeterminato e vale fino alla disdetta. per giustificati motivi."]
    assert texts["4"] == ["La disdetta è data per iscritto."]
    assert texts["5"] == ["Il pensionamento avviene a 65 anni."]
    assert [a.title for a in document.articles()] == ["Scopo", "Nomina a tempo parziale", "Durata", "Disdetta", "Pensionamento"]
    chapter = document.divisions()[0]
    assert (chapter.title, [a.number.normalised for a in iter_articles(chapter.children)]) == ("Durata", ["3", "4", "5"])


def test_margin_reading_keeps_every_character() -> None:
    document = parse_text(MARGIN)
    kept = sorted(c for s in source_strings(document) for c in s if not c.isspace())
    assert kept == sorted(c for c in MARGIN if not c.isspace())


def test_an_unclear_split_is_reported_with_its_lines() -> None:
    text = "Art. 1\nScopo\n\nArt. 2\nNomina\n\nArt. 3\nDurata\n\nTesto uno.\n\nTesto due.\n\nTesto tre.\n\nTesto quattro.\n"
    document = parse_text(text)
    assert all(a.blocks for a in document.articles())
    doubts = [d for d in document.diagnostics if d.code == "margin_uncertain"]
    assert doubts and all("riga" in d.message and "Controlli" in d.message for d in doubts)


def test_fewer_bodies_than_headings_is_a_warning() -> None:
    document = parse_text("Art. 1\nScopo\n\nArt. 2\nNomina\n\nArt. 3\nDurata\n\n1 Unico testo.\n")
    assert "margin_short" in {d.code for d in document.diagnostics}
    assert "empty_article" in {d.code for d in document.diagnostics}


def test_two_titled_headings_in_an_ordinary_text_stay_as_they_are() -> None:
    document = parse_text("Art. 1\nScopo\n\nArt. 2\nNomina\nIl Municipio nomina.\n")
    assert [len(a.blocks) for a in document.articles()] == [0, 1]


# ---------------------------------------------------------------------- nothing dropped silently


def test_an_empty_article_is_a_warning() -> None:
    document = parse_text("Art. 1\nScopo\n\nArt. 2\nNomina\nIl Municipio nomina.\n")
    empty = [d for d in document.diagnostics if d.code == "empty_article"]
    assert len(empty) == 1 and empty[0].severity == "avviso" and "1" in empty[0].message


def test_another_regulation_after_the_signatures_is_a_warning_naming_it() -> None:
    text = (
        "Art. 1\nScopo\nIl regolamento disciplina il personale.\n\nPer il Municipio\nIl Sindaco\n\n"
        "REGOLAMENTO SULLE INDENNITÀ\n\nArt. 1\nOggetto\nIl regolamento fissa le indennità.\n\n"
        "Art. 2\nImporti\nGli importi sono stabiliti dal Municipio.\n"
    )
    document = parse_text(text)
    warning = next(d for d in document.diagnostics if d.code == "back_matter_articles")
    assert "«Per il Municipio»" in warning.message and "«Art. 1»" in warning.message
    assert warning.severity == "avviso"


def test_signatures_alone_are_not_another_regulation() -> None:
    document = parse_text("Art. 1\nScopo\nIl regolamento disciplina il personale.\n\nPer il Municipio\nIl Sindaco\n")
    assert "back_matter_articles" not in {d.code for d in document.diagnostics}


def test_text_outside_articles_is_counted_and_reported() -> None:
    text = (
        "TITOLO I\nNorme\nQuesto testo sta sotto il titolo ma fuori da ogni articolo.\nE anche questo.\n\nArt. 1\nScopo\nTesto.\n"
    )
    document = parse_text(text)
    assert outside_articles(document).notes == 2
    summary = next(d for d in document.diagnostics if d.code == "outside_articles")
    assert "2" in summary.message and "non sono confrontate" in summary.message


# ---------------------------------------------------------------------- the confronto


def _words(texts: list[str]) -> set[str]:
    return {word for text in texts for word in normalise(text).split()}


def _body_texts(document: Document) -> list[str]:
    texts: list[str] = []
    for division in document.divisions():
        texts.extend([division.title, *division.notes])
    for article in document.articles():
        texts.append(article.title)
        for block in article.blocks:
            if isinstance(block, Paragraph):
                texts.append(block.text)
                texts.extend(item.text for item in block.items)
                texts.extend(sub.text for item in block.items for sub in item.items)
            else:
                texts.extend(cell for row in block.rows for cell in row)
    return texts


def test_confronto_of_the_raw_text_shows_every_word_of_both_bodies() -> None:
    old = parse_file(RAW)
    new = parse_text(synth.revise(CLEAN.read_text(encoding="utf-8"), seed=3), "riveduto.txt")
    table = normalise(html.unescape(render_confronto_md(build_confronto(align(old, new)))))
    shown = set(table.split())
    missing = (_words(_body_texts(old)) | _words(_body_texts(new))) - shown
    assert not missing, sorted(missing)[:20]
