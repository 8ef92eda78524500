"""The messaggio municipale: YAML data with Italian errors, templates (golden files in text
form, DOCX), scaffolding. The dispositivo has its own tests in test_dispositivo.py.

Golden files: ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_messaggio.py`` rewrites
tests/golden/messaggio-*.md after a wanted change; review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from docx import Document as WordDocument

from rodiff.align import Alignment
from rodiff.compare.notes import read_notes
from rodiff.errors import InputError, OutputError
from rodiff.italiano import italian_date, join_it, parse_italian_date, swiss_amount
from rodiff.messaggio import (
    Avviso,
    DatiMessaggio,
    Formato,
    build_messaggio,
    list_templates,
    parse_messaggio_data,
    read_messaggio_data,
    render_messaggio,
    templates_dir,
)
from rodiff.session.folder import create_revision_folder

from .conftest import CORPUS, ROOT
from .support.corpus import stabio_alignment, vacallo_alignment
from .support.golden import assert_golden
from .test_dispositivo import STABIO_EXPECTED

FIXTURES = Path(__file__).parent / "fixtures"


# ------------------------------------------------------------------------- helpers


def _vacallo_data() -> DatiMessaggio:
    return read_messaggio_data(CORPUS / "vacallo" / "messaggio.yaml")


def _render(
    alignment: Alignment, data: DatiMessaggio, template: str | Path | None, formato: Formato, notes: dict[str, str] | None = None
) -> bytes | str:
    return render_messaggio(build_messaggio(alignment, data, notes=notes), template, formato)


def _warnings(alignment: Alignment, data: DatiMessaggio, extra: tuple[str, ...] = ()) -> list[Avviso]:
    return list(build_messaggio(alignment, data, extra_warnings=extra).avvisi)


# ------------------------------------------------------------------- Italian wording


def test_join_it() -> None:
    assert join_it([]) == ""
    assert join_it(["1"]) == "1"
    assert join_it(["1", "2"]) == "1 e 2"
    assert join_it(["1", "2", "3"]) == "1, 2 e 3"


def test_stabio_warns_about_the_article_missing_from_the_current_fragments() -> None:
    data = read_messaggio_data(FIXTURES / "messaggio-stabio.yaml")
    warnings = [str(w) for w in _warnings(stabio_alignment(), data)]
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
    text = _render(vacallo_alignment(), _vacallo_data(), template, "md", notes=notes)
    assert isinstance(text, str)
    assert_golden(f"messaggio-vacallo-{template}.md", text)


def test_golden_stabio_markdown() -> None:
    data = read_messaggio_data(FIXTURES / "messaggio-stabio.yaml")
    text = _render(stabio_alignment(), data, None, "md")
    assert isinstance(text, str)
    assert STABIO_EXPECTED in text
    assert_golden("messaggio-stabio-revisione-parziale.md", text)


def test_html_escapes_the_yaml_and_renders_markdown() -> None:
    data = _vacallo_data()
    tricky = DatiMessaggio(**{**data.__dict__, "comune": "Vacallo <b>&</b>"})
    page = _render(vacallo_alignment(), tricky, "revisione-totale", "html")
    assert isinstance(page, str)
    assert "Vacallo &lt;b&gt;&amp;&lt;/b&gt;" in page and "<b>&</b>" not in page
    assert "<strong>obsoleta</strong>" in page and "<em>congedo paternità</em>" in page
    assert "<li>la colonna «Osservazioni» indica il motivo di ogni cambiamento;</li>" in page
    assert "r i s o l v e r e:" in page


@pytest.mark.parametrize("template", ["revisione-parziale", "revisione-totale"])
def test_docx_opens_and_holds_the_dispositivo(template: str) -> None:
    alignment = vacallo_alignment()
    data = _vacallo_data()
    blob = _render(alignment, data, template, "docx")
    assert isinstance(blob, bytes)
    document = WordDocument(io.BytesIO(blob))
    text = "\n".join(p.text for p in document.paragraphs)
    sentence = build_messaggio(alignment, data).dispositivo.sentence
    assert sentence in text
    assert "MESSAGGIO MUNICIPALE No. 12/2023" in text
    assert "{{" not in text and "{%" not in text
    assert "Municipio di Vacallo" in document.sections[0].header.paragraphs[0].text
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:  # no preview of the template, no python-docx leftovers
        assert not {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"} & set(archive.namelist())
    if template == "revisione-totale":
        assert len(document.sections) == 2
        assert document.sections[-1].page_width > document.sections[-1].page_height  # the allegato is landscape
        assert len(document.tables[-1].rows) > 90  # the whole confronto
    else:
        assert document.sections[-1].page_width < document.sections[-1].page_height


def test_docx_stabio_partial_holds_the_published_style_dispositivo() -> None:
    data = read_messaggio_data(FIXTURES / "messaggio-stabio.yaml")
    blob = _render(stabio_alignment(), data, None, "docx")
    assert isinstance(blob, bytes)
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(blob)).paragraphs)
    assert STABIO_EXPECTED in text
    assert "Per esame alla Commissione Petizione" in text


def test_unknown_template() -> None:
    with pytest.raises(InputError, match=r"«inesistente» non esiste\. Modelli disponibili: .*«revisione-parziale»"):
        _render(stabio_alignment(), _vacallo_data(), "inesistente", "md")
    with pytest.raises(InputError, match="non esiste"):
        _render(stabio_alignment(), _vacallo_data(), "cartella/inesistente.docx", "docx")


def test_template_of_another_format_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "mio.html.j2"
    template.write_text("<p>{{ comune }}</p>\n", encoding="utf-8")
    with pytest.raises(InputError, match="in formato html"):
        _render(stabio_alignment(), _vacallo_data(), template, "md")
    assert _render(stabio_alignment(), _vacallo_data(), template, "html") == "<p>Vacallo</p>\n"


def test_undefined_variable_fails(tmp_path: Path) -> None:
    template = tmp_path / "mio.md.j2"
    template.write_text("Comune: {{ comune }}\nSindaca: {{ firmatari.sindaca }}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"«mio\.md\.j2» usa una variabile che rodiff non fornisce .*sindaca"):
        _render(stabio_alignment(), _vacallo_data(), template, "md")


def test_template_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    template = tmp_path / "rotto.md.j2"
    template.write_text("Riga uno\nRiga due\n{% if comune %}\nsenza fine\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"«rotto\.md\.j2» ha un errore alla riga 4"):
        _render(stabio_alignment(), _vacallo_data(), template, "md")


def test_commune_template_can_extend_the_base(tmp_path: Path) -> None:
    template = tmp_path / "mio.md.j2"
    template.write_text('{% extends "_base.md.j2" %}\n{% block corpo %}Testo del Comune.\n{% endblock %}\n', encoding="utf-8")
    text = _render(stabio_alignment(), read_messaggio_data(FIXTURES / "messaggio-stabio.yaml"), template, "md")
    assert isinstance(text, str)
    assert "Testo del Comune." in text and STABIO_EXPECTED in text


def test_docx_template_errors(tmp_path: Path) -> None:
    broken = WordDocument()
    broken.add_paragraph("Comune di {{ comune }}")
    broken.add_paragraph("{% if comune %}senza fine")
    broken.save(str(tmp_path / "rotto.docx"))
    with pytest.raises(InputError, match=r"«rotto\.docx» ha un errore al paragrafo"):
        _render(stabio_alignment(), _vacallo_data(), tmp_path / "rotto.docx", "docx")
    undefined = WordDocument()
    undefined.add_paragraph("{{ vicesindaco }}")
    undefined.save(str(tmp_path / "variabile.docx"))
    with pytest.raises(InputError, match="vicesindaco"):
        _render(stabio_alignment(), _vacallo_data(), tmp_path / "variabile.docx", "docx")
    (tmp_path / "falso.docx").write_text("non sono un documento Word", encoding="utf-8")
    with pytest.raises(InputError, match="non è un documento Word"):
        _render(stabio_alignment(), _vacallo_data(), tmp_path / "falso.docx", "docx")


def test_docx_escapes_yaml_text() -> None:
    data = _vacallo_data()
    tricky = DatiMessaggio(**{**data.__dict__, "oggetto": "Revisione <ROD> & altro"})
    blob = _render(vacallo_alignment(), tricky, "revisione-totale", "docx")
    assert isinstance(blob, bytes)
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(blob)).paragraphs)
    assert "Revisione <ROD> & altro" in text


def test_warnings_for_untouched_articles_and_the_extra_hook() -> None:
    data = DatiMessaggio(**{**_vacallo_data().__dict__})
    text = (
        (CORPUS / "vacallo" / "messaggio.yaml").read_text(encoding="utf-8").replace("articoli: [11, 13]", "articoli: [11, 13, 3]")
    )
    data = parse_messaggio_data(text)
    warnings = _warnings(vacallo_alignment(), data, ("Rinvio all'art. 99 senza articolo.",))
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


# ----------------------------------------------------------------- each stage once


def test_each_stage_runs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """One build: ``build_confronto`` once per style (fragments and the allegato), rodiff's
    automatic osservazione once per pair; rendering never builds again."""
    import rodiff.compare.notes as notes_module
    import rodiff.messaggio.build as build_module

    calls: Counter[str] = Counter()

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(build_module, "build_confronto", counted("build_confronto", build_module.build_confronto))
    monkeypatch.setattr(notes_module, "automatic_note", counted("automatic_note", notes_module.automatic_note))
    monkeypatch.setattr(build_module, "build_messaggio", counted("build_messaggio", build_module.build_messaggio))
    alignment = vacallo_alignment()
    message = build_module.build_messaggio(alignment, _vacallo_data())
    for formato in ("md", "html", "docx"):
        render_messaggio(message, "revisione-totale", cast(Formato, formato))
    assert calls == {"build_confronto": 2, "automatic_note": len(alignment.pairs), "build_messaggio": 1}


def test_article_spellings_in_themes() -> None:
    data = parse_messaggio_data(
        VALID + 'temi:\n  - titolo: SEL\n    articoli: ["art. 12", "vecchio 9", "Articolo 27 a", "5bis, 13 e 14"]\n'
    )
    assert data.temi[0].articoli == ("12", "vecchio 9", "27a", "5bis", "13", "14")
