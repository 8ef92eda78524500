"""The Markdown of the messaggio's texts (mistune 3 AST, rodiff's small renderers)."""

from __future__ import annotations

from docx.oxml.ns import qn

from rodiff.render.markdown import markdown_html, markdown_paragraphs, markdown_source

TEXT = """\
Il Regolamento è **obsoleto** e
la revisione introduce il *congedo paternità*.

- la colonna «Osservazioni»;
- le parole tolte sono barrate.

Costo: CHF 17'600.- & non oltre.
"""


def test_html_paragraphs_lists_and_marks() -> None:
    assert markdown_html(TEXT) == (
        "<p>Il Regolamento è <strong>obsoleto</strong> e la revisione introduce il <em>congedo paternità</em>.</p>\n"
        "<ul>\n<li>la colonna «Osservazioni»;</li>\n<li>le parole tolte sono barrate.</li>\n</ul>\n"
        "<p>Costo: CHF 17'600.- &amp; non oltre.</p>"
    )
    assert markdown_html("") == ""


def test_html_is_escaped_and_only_the_subset_is_markup() -> None:
    page = markdown_html("<b>grassetto?</b> [link](http://example.org)\n\n    rientrato, non codice")
    assert page == "<p>&lt;b&gt;grassetto?&lt;/b&gt; [link](http://example.org)</p>\n<p>rientrato, non codice</p>"


def test_html_headings_ordered_and_word_bullets() -> None:
    assert markdown_html("### Titolo\n\n1. primo\n2. secondo") == "<h4>Titolo</h4>\n<ol>\n<li>primo</li>\n<li>secondo</li>\n</ol>"
    assert markdown_html("• uno\n– due") == "<ul>\n<li>uno</li>\n<li>due</li>\n</ul>"
    assert markdown_html("riga  \ndopo") == "<p>riga<br>dopo</p>"


def test_docx_paragraphs() -> None:
    paragraphs = markdown_paragraphs(TEXT)
    assert len(paragraphs) == 4
    first = paragraphs[0]
    runs = [("".join(t.text for t in r.iter(qn("w:t"))), r.find(qn("w:rPr"))) for r in first.iter(qn("w:r"))]
    assert [text for text, _ in runs] == [
        "Il Regolamento è ",
        "obsoleto",
        " e la revisione introduce il ",
        "congedo paternità",
        ".",
    ]
    assert runs[1][1].find(qn("w:b")) is not None and runs[3][1].find(qn("w:i")) is not None
    styles = [p.find(qn("w:pPr")) for p in paragraphs]
    assert [s.find(qn("w:pStyle")).get(qn("w:val")) for s in styles[1:3]] == ["ListBullet", "ListBullet"]


def test_markdown_output_keeps_the_source() -> None:
    assert markdown_source("  testo **grassetto**   \n- voce  \n") == "testo **grassetto**\n- voce"
