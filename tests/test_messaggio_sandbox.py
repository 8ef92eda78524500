"""A commune's own template runs in a Jinja2 sandbox: no Python, no files outside its folder.

Classic template-injection payloads, in a Markdown, an HTML and a Word template: nothing
runs (a marker file is never created) and the user gets an Italian ``InputError``, not a
traceback.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from docx import Document as WordDocument

from rodiff.align import align
from rodiff.errors import InputError
from rodiff.messaggio import Formato, Messaggio, build_messaggio, read_messaggio_data, render_messaggio
from rodiff.parse import parse_text

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"

OLD = "REGOLAMENTO ORGANICO DEI DIPENDENTI\n\nArt. 1 Scopo\n1. Il regolamento vale per il personale.\n"
NEW = "REGOLAMENTO ORGANICO DEI DIPENDENTI\n\nArt. 1 Scopo\n1. Il regolamento vale per tutto il personale.\n"

PAYLOADS = {
    "cycler": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "self": "{{ self.__init__.__globals__ }}",
    "passwd": "{% include '/etc/passwd' %}",
    "pyproject": "{% include '../../pyproject.toml' %}",
}
SUFFIXES: dict[Formato, str] = {"md": ".md.j2", "html": ".html.j2", "docx": ".docx"}


@cache
def _message() -> Messaggio:
    data = read_messaggio_data(CORPUS / "vacallo" / "messaggio.yaml")
    return build_messaggio(align(parse_text(OLD), parse_text(NEW)), data)


def _template(folder: Path, formato: Formato, text: str) -> Path:
    path = folder / f"mio{SUFFIXES[formato]}"
    if formato == "docx":
        document = WordDocument()
        document.add_paragraph("Comune di {{ comune }}")
        document.add_paragraph(text)
        document.save(str(path))
    else:
        path.write_text(f"Comune di {{{{ comune }}}}\n{text}\n", encoding="utf-8")
    return path


def _refusal(folder: Path, formato: Formato, text: str) -> str:
    """The Italian message with which the template ``mio`` holding ``text`` is refused."""
    template = _template(folder, formato, text)
    with pytest.raises(InputError) as caught:
        render_messaggio(_message(), template, formato)
    return caught.value.message


@pytest.mark.parametrize("formato", list(SUFFIXES))
@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_template_injection_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formato: Formato, payload: str) -> None:
    folder = tmp_path / "modelli" / "comune"
    folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "MARKER"
    message = _refusal(folder, formato, PAYLOADS[payload].replace("MARKER", str(marker)))
    assert "«mio" in message
    assert "non permessa" in message or "richiama" in message
    assert not marker.exists()
    assert "root:" not in message and "[project]" not in message


@pytest.mark.parametrize("formato", list(SUFFIXES))
def test_a_harmless_template_still_renders(tmp_path: Path, formato: Formato) -> None:
    template = _template(
        tmp_path, formato, "{% set sezione = namespace(numero=0) %}{% set sezione.numero = 1 %}{{ sezione.numero }}"
    )
    output = render_messaggio(_message(), template, formato)
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(output)).paragraphs) if formato == "docx" else output
    assert isinstance(text, str) and "Comune di Vacallo" in text and "1" in text


RESOURCE_PAYLOADS = {
    "repeat": "{{ 'x' * 1000000000 }}",
    "power": "{{ 7 ** 999999999 }}",
    "list": "{{ [1, 2, 3] * 900000000 }}",
}


@pytest.mark.parametrize("formato", list(SUFFIXES))
@pytest.mark.parametrize("payload", list(RESOURCE_PAYLOADS))
def test_template_cannot_exhaust_memory(tmp_path: Path, formato: Formato, payload: str) -> None:
    message = _refusal(tmp_path, formato, RESOURCE_PAYLOADS[payload])
    assert "non permessa" in message and "troppo" in message


def test_modello_in_messaggio_yaml_is_sandboxed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``modello:`` in messaggio.yaml names a template file: the same sandbox applies."""
    from rodiff.messaggio import parse_messaggio_data

    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "MARKER"
    template = _template(tmp_path, "md", PAYLOADS["cycler"].replace("MARKER", str(marker)))
    text = (CORPUS / "vacallo" / "messaggio.yaml").read_text(encoding="utf-8")
    data = parse_messaggio_data(f"{text}\nmodello: {template}\n")
    message = build_messaggio(align(parse_text(OLD), parse_text(NEW)), data)
    with pytest.raises(InputError) as caught:
        render_messaggio(message, None, "md")
    assert "non permessa" in caught.value.message and not marker.exists()


LOOP_PAYLOADS = {
    "nested-range": "{% for i in range(10**6) %}{% for j in range(10**6) %}x{% endfor %}{% endfor %}",
    "nested-printing": "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "nested-silent": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "output": "{% for i in range(25) %}{{ 'x' * 999999 }}{% endfor %}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "center": "{{ 'a'|center(999999999) }}",
    "percent": "{{ '%999999999d' % 1 }}",
    "format": "{{ '{:>999999999}'.format(1) }}",
    "ljust": "{{ 'a'.ljust(999999999) }}",
}
LOOP_WORDS = {
    "nested-range": "range() troppo grande",
    "nested-printing": "troppo lavoro",
    "nested-silent": "troppo lavoro",
    "output": "troppo testo: più di 20 MB",
    "recursion": "richiama sé stesso",
    "center": "«center» con una misura troppo grande",
    "percent": "larghezza troppo grande",
    "format": "larghezza troppo grande",
    "ljust": "«ljust» con una misura troppo grande",
}


@pytest.mark.parametrize("formato", list(SUFFIXES))
@pytest.mark.parametrize("payload", list(LOOP_PAYLOADS))
def test_template_work_and_output_are_limited(tmp_path: Path, formato: Formato, payload: str) -> None:
    """Loops, recursion and paddings stop at the sandbox's limits with an Italian message (no hang, no memory blow-up)."""
    message = _refusal(tmp_path, formato, LOOP_PAYLOADS[payload])
    assert LOOP_WORDS[payload] in message
    assert message.startswith(f"Il modello «mio{SUFFIXES[formato]}»")


def test_big_numbers_are_still_shown(tmp_path: Path) -> None:
    """The limits look at sizes and widths, not at amounts: a credit of 12 million francs prints."""
    text = "{{ '%s'|format(12000000) }} {{ 12000000|chf }} {{ '{:,}'.format(12000000) }} {{ '%08.2f' % 3.5 }}"
    output = render_messaggio(_message(), _template(tmp_path, "md", text), "md")
    assert "12000000 CHF 12'000'000.00 12,000,000 00003.50" in str(output)


def test_every_environment_comes_from_the_one_factory() -> None:
    """The confronto page, the web page and the messaggio use the same limited sandbox."""
    from rodiff.messaggio.templates import environment
    from rodiff.render.confronto_html import _environment as confronto_environment
    from rodiff.render.sandbox import LimitedSandbox
    from rodiff.web.app import _environment as web_environment

    for built in (confronto_environment(), web_environment(), environment(CORPUS, autoescape=False)):
        assert type(built) is LimitedSandbox
        assert built.globals["range"] is not range and "lipsum" not in built.globals


SCRIPT_FIELDS = {
    "oggetto": "Revisione <script>alert('oggetto')</script> del ROD",
    "premessa": "Testo <img src=x onerror=alert(1)> e &lt;b&gt; con *corsivo*.\n\n- <!-- nascosto --> voce",
    "conclusioni": "Si veda <https://esempio.ch> &#60;script&#62; & basta; 3 < 5.",
}


def test_markdown_messaggio_carries_no_raw_html_from_the_data() -> None:
    """``<script>`` in messaggio.yaml is shown as typed in the Markdown messaggio, never read as HTML."""
    import mistune
    import yaml

    from rodiff.messaggio import parse_messaggio_data

    fields = yaml.safe_load((CORPUS / "vacallo" / "messaggio.yaml").read_text(encoding="utf-8"))
    data = parse_messaggio_data(yaml.safe_dump({**fields, **SCRIPT_FIELDS}, allow_unicode=True))
    text = str(render_messaggio(build_messaggio(align(parse_text(OLD), parse_text(NEW)), data), None, "md"))
    assert "Revisione &lt;script>alert('oggetto')&lt;/script> del ROD" in text
    assert "&amp;lt;b&amp;gt; con *corsivo*" in text and "3 < 5" in text and "& basta" in text
    html = str(mistune.create_markdown(escape=False)(text))  # a reader that passes raw HTML through
    for tag in ("<script", "<img", "<!--", '<a href="https://esempio.ch'):
        assert tag not in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x" in html and "&amp;#60;script" in html
    assert "<ins>" in text  # the confronto drawn by rodiff keeps its marks


def test_data_fields_are_read_directly_but_nothing_else_is_reachable() -> None:
    """The quick path for rodiff's own dataclasses reads data fields only: dunder walks and
    callables still meet the sandbox."""
    from dataclasses import dataclass

    from jinja2 import DictLoader
    from jinja2.exceptions import SecurityError, UndefinedError

    from rodiff.compare.table import Run
    from rodiff.render.sandbox import sandbox

    environment = sandbox(DictLoader({}), autoescape=True)
    run = Run("testo <b>", "inserted")
    assert environment.from_string("{{ run.text }}|{{ run.style }}").render(run=run) == "testo &lt;b&gt;|inserted"
    for payload in ("{{ run.__class__.__mro__ }}", "{{ run.__init__.__globals__ }}", "{{ run.text.__class__.__subclasses__() }}"):
        with pytest.raises((SecurityError, UndefinedError)):
            environment.from_string(payload).render(run=run)

    @dataclass(frozen=True)
    class Outside:  # not rodiff's: the sandbox's own checks
        text: str

    assert environment.from_string("{{ item.text }}").render(item=Outside("x")) == "x"
