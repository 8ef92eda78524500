"""click's own messages about paths reach the user in Italian (calling click's types directly).

Running as root, every file is readable and writable: ``os.access`` is replaced to play the
user who lacks the permission.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest

from rodiff.cli import i18n


@pytest.fixture(autouse=True)
def italian() -> None:
    i18n.install()


def failure(kind: click.Path, value: Path) -> str:
    with pytest.raises(click.BadParameter) as raised:
        kind.convert(value, None, None)
    return raised.value.message


def denied(mode: int) -> object:
    real = os.access
    return lambda path, asked, *args, **kwargs: False if asked == mode else real(path, asked, *args, **kwargs)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rod.txt"
    target.write_text("Art. 1", encoding="utf-8")
    monkeypatch.setattr(os, "access", denied(os.R_OK))
    message = failure(click.Path(dir_okay=False, path_type=Path), target)
    assert message == f"Non è permesso leggere '{target}': controlli i permessi o indichi un altro file."


def test_unwritable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "confronto.docx"
    target.write_bytes(b"")
    monkeypatch.setattr(os, "access", denied(os.W_OK))
    message = failure(click.Path(dir_okay=False, writable=True, path_type=Path), target)
    assert message.startswith(f"Non è permesso scrivere '{target}'")


def test_missing_directory_and_file_name_no_english_kind(tmp_path: Path) -> None:
    missing = failure(click.Path(exists=True, path_type=Path), tmp_path / "manca.txt")
    folder = failure(click.Path(dir_okay=False, path_type=Path), tmp_path)
    a_file = tmp_path / "rod.txt"
    a_file.write_text("Art. 1", encoding="utf-8")
    not_folder = failure(click.Path(file_okay=False, path_type=Path), a_file)
    assert missing.startswith(f"'{tmp_path / 'manca.txt'}' non esiste")
    assert folder == f"'{tmp_path}' è una cartella: indichi un file."
    assert not_folder == f"'{a_file}' è un file: indichi una cartella."
    for message in (missing, folder, not_folder):
        assert not message.startswith(("Path", "File", "Directory"))


def test_wrong_number_of_values() -> None:
    with pytest.raises(click.BadParameter) as raised:
        click.Tuple([int, int]).convert((1,), None, None)
    assert raised.value.message == "Servono 2 valori, ne è stato dato 1."
