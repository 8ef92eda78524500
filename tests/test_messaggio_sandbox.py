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
    data = read_messaggio_data(FIXTURES / "messaggio-vacallo.yaml")
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


@pytest.mark.parametrize("formato", list(SUFFIXES))
@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_template_injection_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formato: Formato, payload: str) -> None:
    folder = tmp_path / "modelli" / "comune"
    folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "MARKER"
    template = _template(folder, formato, PAYLOADS[payload].replace("MARKER", str(marker)))
    with pytest.raises(InputError) as caught:
        render_messaggio(_message(), template, formato)
    message = caught.value.message
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
    template = _template(tmp_path, formato, RESOURCE_PAYLOADS[payload])
    with pytest.raises(InputError) as caught:
        render_messaggio(_message(), template, formato)
    assert "non permessa" in caught.value.message and "troppo" in caught.value.message


def test_modello_in_messaggio_yaml_is_sandboxed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``modello:`` in messaggio.yaml names a template file: the same sandbox applies."""
    from rodiff.messaggio import parse_messaggio_data

    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "MARKER"
    template = _template(tmp_path, "md", PAYLOADS["cycler"].replace("MARKER", str(marker)))
    text = (FIXTURES / "messaggio-vacallo.yaml").read_text(encoding="utf-8")
    data = parse_messaggio_data(f"{text}\nmodello: {template}\n")
    message = build_messaggio(align(parse_text(OLD), parse_text(NEW)), data)
    with pytest.raises(InputError) as caught:
        render_messaggio(message, None, "md")
    assert "non permessa" in caught.value.message and not marker.exists()
