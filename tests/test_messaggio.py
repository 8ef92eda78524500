"""The messaggio municipale: dispositivo grammar, the Stabio dispositivo rebuilt, YAML data
with Italian errors, templates (golden files in text form, DOCX), scaffolding.

Golden files: ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_messaggio.py`` rewrites
tests/golden/messaggio-*.md after a wanted change; review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from functools import cache
from pathlib import Path

import pytest
from docx import Document as WordDocument

from rodiff.align import Alignment, align
from rodiff.compare.notes import read_notes
from rodiff.errors import InputError, OutputError
from rodiff.italiano import join_it
from rodiff.messaggio import (
    DatiMessaggio,
    build_messaggio,
    italian_date,
    list_templates,
    messaggio_warnings,
    parse_italian_date,
    parse_messaggio_data,
    read_messaggio_data,
    render_messaggio,
    swiss_amount,
    templates_dir,
)
from rodiff.messaggio.dispositivo import build_dispositivo, changes, describe
from rodiff.parse import parse_file, parse_text
from rodiff.session.folder import create_revision_folder

from .conftest import CORPUS, ROOT

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"

STABIO_EXPECTED = (
    "Sono approvate le modifiche agli articoli 1 cpv. 1 lett. b, 2, 12 cpv. 3 lett. c, 19 cpv. 1, "
    "24 cpv. 1, 6 e 8 (nuovo), 26 cpv. 1 lett. c e cpv. 4 (nuovo), 35 cpv. 1, 36 cpv. 6, 37 cpv. 4, 40, "
    "49 cpv. 2, 50 cpv. 1 lett. h, 51 cpv. 2, 59 cpv. 1 lett. f, 60, 65 cpv. 2 lett. a e cpv. 3, "
    "67 cpv. 1 e 2 e 68; è introdotto il nuovo art. 25."
)


# ------------------------------------------------------------------------- helpers


WORDS = [
    "vacanze",
    "congedi",
    "stipendio",
    "orario",
    "nomina",
    "disdetta",
    "malattia",
    "infortunio",
    "formazione",
    "pensione",
    "mobilità",
    "domicilio",
]


def _regulation(articles: dict[str, str], count: int = 10) -> str:
    """A small ROD: articles 1..count with two capoversi each (each on its own subject, so
    that alignment tells them apart), some replaced by ``articles``."""
    parts = ["REGOLAMENTO ORGANICO DEI DIPENDENTI", ""]
    bodies = {str(n): _body(n) for n in range(1, count + 1)}
    bodies.update(articles)
    for number, body in sorted(((k, v) for k, v in bodies.items() if v), key=lambda kv: _key(kv[0])):
        parts += [f"Art. {number} Titolo {re.sub(r'[^0-9]', '', number)}", body, ""]
    return "\n".join(parts)


def _body(n: int) -> str:
    word = WORDS[(n - 1) % len(WORDS)]
    return f"1. Primo capoverso sulla {word} del personale.\n2. Secondo capoverso sulla {word} e sulle sue regole."


def _key(number: str) -> tuple[int, str]:
    match = re.match(r"(\d+)\s*(.*)", number)
    assert match
    return int(match.group(1)), match.group(2)


def _alignment(old: dict[str, str], new: dict[str, str], count: int = 10) -> Alignment:
    return align(parse_text(_regulation(old, count)), parse_text(_regulation(new, count)))


def _sentence(new: dict[str, str], old: dict[str, str] | None = None, count: int = 10) -> str:
    return build_dispositivo(_alignment(old or {}, new, count)).sentence


@cache
def _stabio() -> Alignment:
    return align(
        parse_file(CORPUS / "stabio" / "rod-attuale-frammenti.txt"),
        parse_file(CORPUS / "stabio" / "rod-proposto-frammenti.txt"),
    )


@cache
def _vacallo() -> Alignment:
    return align(parse_file(CORPUS / "vacallo" / "rod-1991.txt"), parse_file(CORPUS / "vacallo" / "rod-nuovo.txt"))


def _vacallo_data() -> DatiMessaggio:
    return read_messaggio_data(FIXTURES / "messaggio-vacallo.yaml")


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs: UPDATE_GOLDEN=1 rewrites it after a wanted change"


# ---------------------------------------------------------------- dispositivo grammar


def test_join_it() -> None:
    assert join_it([]) == ""
    assert join_it(["1"]) == "1"
    assert join_it(["1", "2"]) == "1 e 2"
    assert join_it(["1", "2", "3"]) == "1, 2 e 3"


def test_one_capoverso_of_one_article() -> None:
    sentence = _sentence({"3": _body(3).split("\n")[0] + "\n2. Secondo capoverso cambiato."})
    assert sentence == "È approvata la modifica all'articolo 3 cpv. 2."


def test_whole_article_with_one_unnumbered_capoverso() -> None:
    sentence = _sentence({"3": "Testo nuovo e unico."}, {"3": "Testo unico."})
    assert sentence == "È approvata la modifica all'articolo 3."


def test_every_capoverso_changed_is_the_whole_article() -> None:
    sentence = _sentence({"3": "1. Primo cambiato.\n2. Secondo cambiato."})
    assert sentence == "È approvata la modifica all'articolo 3."


def test_two_articles() -> None:
    sentence = _sentence(
        {
            "2": "1. Primo capoverso cambiato.\n" + _body(2).split("\n")[1],
            "5": _body(5) + "\n3. Un capoverso nuovo.",
        }
    )
    assert sentence == "Sono approvate le modifiche agli articoli 2 cpv. 1 e 5 cpv. 3 (nuovo)."


def test_several_capoversi_of_one_article_are_grouped() -> None:
    old = {"4": "1. Uno.\n2. Due.\n3. Tre.\n4. Quattro."}
    new = {"4": "1. Uno cambiato.\n2. Due.\n3. Tre cambiato.\n4. Quattro.\n5. Cinque nuovo."}
    assert _sentence(new, old) == "Sono approvate le modifiche all'articolo 4 cpv. 1, 3 e 5 (nuovo)."


def test_many_articles_with_lettere() -> None:
    old = {"6": "1. Sono dovuti:\na) il primo;\nb) il secondo;\nc) il terzo;"}
    new = {
        "6": "1. Sono dovuti:\na) il primo;\nb) il secondo, cambiato;\nc) il terzo;\nd) il quarto.",
        "7": "1. Primo capoverso cambiato.\n" + _body(7).split("\n")[1],
        "8": _body(8).split("\n")[0] + "\n2. Secondo capoverso cambiato.",
    }
    assert _sentence(new, old) == ("Sono approvate le modifiche agli articoli 6 cpv. 1 lett. b e d (nuova), 7 cpv. 1 e 8 cpv. 2.")


def test_new_and_repealed_articles() -> None:
    new = {"4a": "Un articolo inserito, tutto nuovo, senza capoversi numerati."}
    assert _sentence(new) == "È introdotto il nuovo art. 4a."
    two = {**new, "9a": "Un altro articolo inserito con un testo diverso da tutti."}
    assert _sentence(two) == "Sono introdotti i nuovi artt. 4a e 9a."
    assert _sentence({"7": ""}, count=12) == "È abrogato l'art. 7."
    assert _sentence({"7": "", "8": "Abrogato."}, count=12) == "Sono abrogati gli artt. 7 e 8."


def test_clauses_are_joined_with_semicolons() -> None:
    new = {"3": _body(3).split("\n")[0] + "\n2. Secondo capoverso cambiato.", "7": "", "9a": "Articolo nuovo di zecca."}
    assert _sentence(new, count=12) == (
        "È approvata la modifica all'articolo 3 cpv. 2; è abrogato l'art. 7; è introdotto il nuovo art. 9a."
    )


def test_total_revision() -> None:
    new = {str(n): f"Testo interamente riscritto dell'articolo {n} con parole nuove." for n in range(1, 9)}
    dispositivo = build_dispositivo(_alignment({}, new), commune="Vacallo")
    assert dispositivo.total
    assert dispositivo.sentence == "Il nuovo Regolamento organico dei dipendenti del Comune di Vacallo è approvato."
    forced = build_dispositivo(_alignment({}, {"3": "1. Primo cambiato.\n" + _body(3).split("\n")[1]}), total=True)
    assert forced.sentence == "Il nuovo Regolamento organico dei dipendenti è approvato."
    assert build_dispositivo(_vacallo()).total  # most articles of Vacallo 1991 changed


def test_renumbered_article_names_its_old_number() -> None:
    alignment = _vacallo()
    found = {c.key: c for c in changes(alignment)}
    assert describe(found["12"]) == "12 (già 11)"
    assert found["12"].kind == "modificato"
    assert found["16"].kind == "rinumerato"


# ------------------------------------------------------------- Stabio, seed 002


def test_stabio_dispositivo_rebuilt_from_the_fragments() -> None:
    """The published list (corpus/stabio/dispositivo-pubblicato.txt) against rodiff's.

    Same articles and capoversi, except: lettere named where only a lettera changed (1, 12,
    26); the new cpv. 8 of art. 24 and cpv. 4 of art. 26 marked "(nuovo)"; capoversi grouped
    per article; art. 25 "nuovo" because the fragments have no current text of it (the
    message prints only the new rows of its table), which rodiff flags in the warnings.
    """
    dispositivo = build_dispositivo(_stabio(), commune="Stabio")
    assert not dispositivo.total
    assert dispositivo.sentence == STABIO_EXPECTED
    published = (CORPUS / "stabio" / "dispositivo-pubblicato.txt").read_text(encoding="utf-8")
    listed = re.search(r"modifiche agli articoli (.+?);\n", published)
    assert listed
    published_articles = {int(item.split()[0]) for item in listed.group(1).split(", ")}
    ours = {c.number.value for c in dispositivo.changes}
    assert ours == published_articles


def test_stabio_warns_about_the_article_missing_from_the_current_fragments() -> None:
    data = read_messaggio_data(FIXTURES / "messaggio-stabio.yaml")
    warnings = [str(w) for w in messaggio_warnings(_stabio(), data)]
    assert any("L'art. 25 risulta nuovo" in w for w in warnings)
    assert any(w.startswith("riga 31:") and "art. 80" in w for w in warnings)  # YAML cites an article the diff lacks


# ---------------------------------------------------------------- Swiss formats


def test_swiss_dates_and_amounts() -> None:
    assert italian_date(dt.date(2023, 9, 4)) == "4 settembre 2023"
    assert italian_date(dt.date(2019, 1, 1)) == "1° gennaio 2019"
    assert parse_italian_date("4.9.2023") == dt.date(2023, 9, 4)
    assert parse_italian_date("4 settembre 2023") == dt.date(2023, 9, 4)
    assert parse_italian_date("31.2.2023") is None
    assert swiss_amount(5000) == "CHF 5'000.00"
    assert swiss_amount("1234567.5") == "CHF 1'234'567.50"
    assert swiss_amount(17600, "") == "17'600.00"
    assert swiss_amount(-950) == "CHF -950.00"


# ------------------------------------------------------------------ YAML errors


VALID = """\
comune: Stabio
numero: 29
anno: 2023
risoluzione:
  numero: 1092
  data: 2023-09-04
entrata_in_vigore: 2024-01-01
firmatari:
  sindaco: Simone Castelletti
  segretario: Claudio Currenti
"""


def _error(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_messaggio_data(text, "messaggio.yaml")
    return caught.value.message


def test_valid_minimal_data() -> None:
    data = parse_messaggio_data(VALID)
    assert data.risoluzione.data == dt.date(2023, 9, 4)
    assert data.entrata_in_vigore == dt.date(2024, 1, 1)
    assert data.temi == ()


def test_missing_field_names_field_and_line() -> None:
    message = _error(VALID.replace("  segretario: Claudio Currenti\n", ""))
    assert "riga 9" in message and "«firmatari.segretario»" in message and "obbligatorio" in message
    assert "«comune»" in _error(VALID.replace("comune: Stabio\n", ""))


def test_malformed_yaml_names_the_line() -> None:
    message = _error(VALID.replace("anno: 2023", 'anno: "2023'))
    assert "riga" in message and "messaggio.yaml" in message


def test_wrong_types_name_field_and_line() -> None:
    message = _error(VALID.replace("anno: 2023", "anno: duemila"))
    assert "alla riga 3" in message and "«anno»" in message and "numero intero" in message
    message = _error(VALID.replace("data: 2023-09-04", "data: 31.2.2023"))
    assert "alla riga 6" in message and "«risoluzione.data»" in message and "data non valida" in message
    message = _error(VALID.replace("comune: Stabio", "comune:\n  - Stabio"))
    assert "«comune»" in message and "testo" in message
    message = _error(VALID + "temi:\n  - Solo un titolo\n")
    assert "alla riga 12" in message and "«temi[1]»" in message
    message = _error(VALID + "temi:\n  - titolo: SEL\n    articoli: [1, due]\n")
    assert "«temi[1].articoli[2]»" in message and "«due»" in message


def test_unknown_field_suggests_the_right_one() -> None:
    message = _error(VALID + "premesa: Testo.\n")
    assert "alla riga 11" in message and "campo sconosciuto" in message and "«premessa»" in message


def test_empty_or_missing_file(tmp_path: Path) -> None:
    assert "vuoto" in _error("# solo commenti\n")
    with pytest.raises(InputError, match="non esiste"):
        read_messaggio_data(tmp_path / "messaggio.yaml")


# -------------------------------------------------------------------- templates


def test_templates_are_listed() -> None:
    names = {info.name: info for info in list_templates()}
    assert set(names) >= {"revisione-parziale", "revisione-totale"}
    for info in names.values():
        assert info.formats == ("docx", "html", "md")
        assert info.description.startswith("Revisione")


def test_templates_are_read_from_the_one_package_data_root() -> None:
    """templates/ at the top of the checkout is the package rodiff.templates: no second copy."""
    assert templates_dir().resolve() == (ROOT / "templates" / "messaggio").resolve()
    assert not (ROOT / "rodiff" / "templates").exists()


@pytest.mark.parametrize("template", ["revisione-parziale", "revisione-totale"])
def test_golden_vacallo_markdown(template: str) -> None:
    notes = read_notes(CORPUS / "vacallo" / "osservazioni.yaml")
    text = render_messaggio(_vacallo(), _vacallo_data(), template, "md", notes=notes)
    assert isinstance(text, str)
    _check_golden(f"messaggio-vacallo-{template}.md", text)


def test_golden_stabio_markdown() -> None:
    data = read_messaggio_data(FIXTURES / "messaggio-stabio.yaml")
    text = render_messaggio(_stabio(), data, None, "md")
    assert isinstance(text, str)
    assert STABIO_EXPECTED in text
    _check_golden("messaggio-stabio-revisione-parziale.md", text)


def test_html_escapes_the_yaml_and_renders_markdown() -> None:
    data = _vacallo_data()
    tricky = DatiMessaggio(**{**data.__dict__, "comune": "Vacallo <b>&</b>"})
    page = render_messaggio(_vacallo(), tricky, "revisione-totale", "html")
    assert isinstance(page, str)
    assert "Vacallo &lt;b&gt;&amp;&lt;/b&gt;" in page and "<b>&</b>" not in page
    assert "<strong>obsoleta</strong>" in page and "<em>congedo paternità</em>" in page
    assert "<li>la colonna «Osservazioni» indica il motivo di ogni cambiamento;</li>" in page
    assert "r i s o l v e r e:" in page


@pytest.mark.parametrize("template", ["revisione-parziale", "revisione-totale"])
def test_docx_opens_and_holds_the_dispositivo(template: str) -> None:
    alignment = _vacallo()
    data = _vacallo_data()
    blob = render_messaggio(alignment, data, template, "docx")
    assert isinstance(blob, bytes)
    document = WordDocument(io.BytesIO(blob))
    text = "\n".join(p.text for p in document.paragraphs)
    sentence = build_messaggio(alignment, data).dispositivo.sentence
    assert sentence in text
    assert "MESSAGGIO MUNICIPALE No. 12/2023" in text
    assert "{{" not in text and "{%" not in text
    assert "Municipio di Vacallo" in document.sections[0].header.paragraphs[0].text
    if template == "revisione-totale":
        assert len(document.sections) == 2
        assert document.sections[-1].page_width > document.sections[-1].page_height  # the allegato is landscape
        assert len(document.tables[-1].rows) > 90  # the whole confronto
    else:
        assert document.sections[-1].page_width < document.sections[-1].page_height


def test_docx_stabio_partial_holds_the_published_style_dispositivo() -> None:
    data = read_messaggio_data(FIXTURES / "messaggio-stabio.yaml")
    blob = render_messaggio(_stabio(), data, None, "docx")
    assert isinstance(blob, bytes)
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(blob)).paragraphs)
    assert STABIO_EXPECTED in text
    assert "Per esame alla Commissione Petizione" in text


def test_unknown_template() -> None:
    with pytest.raises(InputError, match=r"«inesistente» non esiste\. Modelli disponibili: .*«revisione-parziale»"):
        render_messaggio(_stabio(), _vacallo_data(), "inesistente", "md")
    with pytest.raises(InputError, match="non esiste"):
        render_messaggio(_stabio(), _vacallo_data(), "cartella/inesistente.docx", "docx")


def test_template_of_another_format_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "mio.html.j2"
    template.write_text("<p>{{ comune }}</p>\n", encoding="utf-8")
    with pytest.raises(InputError, match="in formato html"):
        render_messaggio(_stabio(), _vacallo_data(), template, "md")
    assert render_messaggio(_stabio(), _vacallo_data(), template, "html") == "<p>Vacallo</p>\n"


def test_undefined_variable_fails(tmp_path: Path) -> None:
    template = tmp_path / "mio.md.j2"
    template.write_text("Comune: {{ comune }}\nSindaca: {{ firmatari.sindaca }}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"«mio\.md\.j2» usa una variabile che rodiff non fornisce .*sindaca"):
        render_messaggio(_stabio(), _vacallo_data(), template, "md")


def test_template_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    template = tmp_path / "rotto.md.j2"
    template.write_text("Riga uno\nRiga due\n{% if comune %}\nsenza fine\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"«rotto\.md\.j2» ha un errore alla riga 4"):
        render_messaggio(_stabio(), _vacallo_data(), template, "md")


def test_commune_template_can_extend_the_base(tmp_path: Path) -> None:
    template = tmp_path / "mio.md.j2"
    template.write_text('{% extends "_base.md.j2" %}\n{% block corpo %}Testo del Comune.\n{% endblock %}\n', encoding="utf-8")
    text = render_messaggio(_stabio(), read_messaggio_data(FIXTURES / "messaggio-stabio.yaml"), template, "md")
    assert isinstance(text, str)
    assert "Testo del Comune." in text and STABIO_EXPECTED in text


def test_docx_template_errors(tmp_path: Path) -> None:
    broken = WordDocument()
    broken.add_paragraph("Comune di {{ comune }}")
    broken.add_paragraph("{% if comune %}senza fine")
    broken.save(str(tmp_path / "rotto.docx"))
    with pytest.raises(InputError, match=r"«rotto\.docx» ha un errore al paragrafo"):
        render_messaggio(_stabio(), _vacallo_data(), tmp_path / "rotto.docx", "docx")
    undefined = WordDocument()
    undefined.add_paragraph("{{ vicesindaco }}")
    undefined.save(str(tmp_path / "variabile.docx"))
    with pytest.raises(InputError, match="vicesindaco"):
        render_messaggio(_stabio(), _vacallo_data(), tmp_path / "variabile.docx", "docx")
    (tmp_path / "falso.docx").write_text("non sono un documento Word", encoding="utf-8")
    with pytest.raises(InputError, match="non è un documento Word"):
        render_messaggio(_stabio(), _vacallo_data(), tmp_path / "falso.docx", "docx")


def test_docx_escapes_yaml_text() -> None:
    data = _vacallo_data()
    tricky = DatiMessaggio(**{**data.__dict__, "oggetto": "Revisione <ROD> & altro"})
    blob = render_messaggio(_vacallo(), tricky, "revisione-totale", "docx")
    assert isinstance(blob, bytes)
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(blob)).paragraphs)
    assert "Revisione <ROD> & altro" in text


def test_warnings_for_untouched_articles_and_the_extra_hook() -> None:
    data = DatiMessaggio(**{**_vacallo_data().__dict__})
    text = (
        (FIXTURES / "messaggio-vacallo.yaml").read_text(encoding="utf-8").replace("articoli: [11, 13]", "articoli: [11, 13, 3]")
    )
    data = parse_messaggio_data(text)
    warnings = messaggio_warnings(_vacallo(), data, extra_warnings=["Rinvio all'art. 99 senza articolo."])
    texts = [str(w) for w in warnings]
    assert any("art. 3, che la revisione non modifica" in t and t.startswith("riga ") for t in texts)
    assert texts[-1] == "Rinvio all'art. 99 senza articolo."


# --------------------------------------------------------------------- scaffold


def test_revision_folder(tmp_path: Path) -> None:
    folder = tmp_path / "revisione-rod"
    written = create_revision_folder(folder)
    assert sorted(p.name for p in written) == ["LEGGIMI.md", "messaggio.yaml", "osservazioni.yaml"]
    data = read_messaggio_data(folder / "messaggio.yaml")  # the skeleton reads as it is
    assert data.comune == "Esempio"
    assert read_notes(folder / "osservazioni.yaml") == {}
    (folder / "messaggio.yaml").write_text("comune: Mio\n", encoding="utf-8")
    with pytest.raises(OutputError, match="non sovrascrive"):
        create_revision_folder(folder)
    assert (folder / "messaggio.yaml").read_text(encoding="utf-8") == "comune: Mio\n"
    with pytest.raises(OutputError, match="è un file"):
        create_revision_folder(folder / "messaggio.yaml")
