"""What the system refuses while rodiff reads or writes, tested even as root (CI runs as root).

Root may write in a read-only folder and read a file with mode 000, so the refusals are made
by the system calls themselves (``os.access``, ``os.open``, ``os.fsync``, ``os.link``,
``os.replace``, ``Path.open``), patched to fail as they do for an ordinary user. Each run:
exit 2, the Italian message, nothing written and no temporary file left.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rodiff.errors import OutputError
from rodiff.session.folder import create_revision_folder, folder_files

from .conftest import cli
from .support.hostile_inputs import GOOD_DATA, NEW, OLD


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, code: int, when: Callable[[str], bool]) -> list[str]:
    """``os.<name>`` fails with ``code`` for the paths ``when`` accepts (its first argument, or its
    second for link/replace, the target); the calls refused are returned."""
    real = getattr(os, name)
    refused: list[str] = []

    def patched(*args: Any, **kwargs: Any) -> Any:
        path = str(args[1] if name in ("link", "replace") else args[0])
        if when(path):
            refused.append(path)
            raise OSError(code, os.strerror(code), path)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, patched)
    return refused


def _not_writable(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """``os.access`` says ``locked`` cannot be written (reading stays allowed), as for a user without the right."""
    real = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return not (Path(path) == locked and mode & os.W_OK) and real(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)


def _confronto(capsys: pytest.CaptureFixture[str], target: Path, *more: str) -> tuple[int, str]:
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "-o", str(target), *more)
    return code, err


def _left(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _not_writable(monkeypatch, tmp_path)
    code, err = _confronto(capsys, tmp_path / "c.docx")
    assert code == 2 and f"Nella cartella «{tmp_path}» non si può scrivere (permesso negato)" in err
    assert _left(tmp_path) == []


def test_a_folder_that_refuses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check passed (root), the creation is refused (a network share, an ACL): same message, nothing left."""
    refused = _refuse(monkeypatch, "open", errno.EACCES, lambda path: path.startswith(str(tmp_path)))
    code, err = _confronto(capsys, tmp_path / "c.docx")
    assert refused and code == 2 and "Non riesco a scrivere" in err and "permesso negato" in err
    assert _left(tmp_path) == []


def test_a_read_only_file_with_sovrascrivi(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "c.docx"
    target.write_bytes(b"vecchio")
    _not_writable(monkeypatch, target)
    code, err = _confronto(capsys, target, "--sovrascrivi")
    assert code == 2 and "protetto dalla scrittura (sola lettura)" in err
    assert target.read_bytes() == b"vecchio" and _left(tmp_path) == ["c.docx"]


def test_a_replace_refused_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "c.docx"
    target.write_bytes(b"vecchio")
    refused = _refuse(monkeypatch, "replace", errno.EPERM, lambda path: path == str(target))
    code, err = _confronto(capsys, target, "--sovrascrivi")
    assert refused and code == 2 and "operazione non permessa" in err
    assert target.read_bytes() == b"vecchio" and _left(tmp_path) == ["c.docx"]


def test_an_unreadable_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "segreto.txt"
    secret.write_bytes(NEW.read_bytes())
    real = Path.open

    def open_refused(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == secret:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_refused)
    out = tmp_path / "uscita"
    out.mkdir()
    code, _, err = cli(capsys, "confronto", str(OLD), str(secret), "-o", str(out / "c.docx"))
    assert code == 2 and "permesso negato" in err and "segreto.txt" in err and "Permission denied" not in err
    assert _left(out) == []


def test_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    real = os.fsync

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, err = _confronto(capsys, tmp_path / "c.docx")
    monkeypatch.setattr(os, "fsync", real)
    assert code == 2 and "disco pieno" in err and "Liberi spazio" in err
    assert _left(tmp_path) == []


def test_a_name_the_system_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A file system with shorter names than rodiff's own check (255 bytes): the system's refusal, in Italian."""
    refused = _refuse(monkeypatch, "open", errno.ENAMETOOLONG, lambda path: path.startswith(str(tmp_path)))
    code, err = _confronto(capsys, tmp_path / ("n" * 200 + ".docx"))
    assert refused and code == 2 and "nome troppo lungo per il sistema" in err and "più corto" in err
    assert _left(tmp_path) == []


def test_the_second_move_failing_undoes_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """messaggio and --controllo: when the second cannot be put in place, the first is taken back."""
    moved: list[str] = []
    real = os.link

    def link(source: Any, target: Any, **kwargs: Any) -> None:
        if str(target).startswith(str(tmp_path)) and not str(target).endswith(".tmp"):
            moved.append(str(target))
            if len(moved) == 2:
                raise OSError(errno.EIO, os.strerror(errno.EIO), str(target))
        real(source, target, **kwargs)

    monkeypatch.setattr(os, "link", link)
    args = ["messaggio", str(OLD), str(NEW), "--dati", str(GOOD_DATA), "--formato", "md", "-o", str(tmp_path / "m.md")]
    code, _, err = cli(capsys, *args, "--controllo", str(tmp_path / "c.txt"))
    assert len(moved) == 2 and code == 2 and "errore del disco" in err
    assert _left(tmp_path) == []


# ------------------------------------------------------------------------- rodiff nuovo


def test_nuovo_in_a_read_only_folder_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "revisione"
    refused = _refuse(monkeypatch, "open", errno.EACCES, lambda path: path.startswith(str(folder)))
    code, _, err = cli(capsys, "nuovo", str(folder))
    assert refused and code == 2 and "permesso negato" in err
    assert not folder.exists()  # the folder made for the three files is taken back too


def test_nuovo_never_replaces_a_file_made_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program writes osservazioni.yaml while rodiff prepares the folder: rodiff writes none of the three."""
    folder = tmp_path / "revisione"
    theirs = folder / folder_files()[1]
    real = os.link

    def link(source: Any, target: Any, **kwargs: Any) -> None:
        if Path(target) == theirs:
            theirs.write_text("scritto da un altro\n", encoding="utf-8")
        real(source, target, **kwargs)

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(OutputError, match="creato da un altro programma"):
        create_revision_folder(folder)
    assert _left(folder) == [theirs.name] and theirs.read_text(encoding="utf-8") == "scritto da un altro\n"


def test_nuovo_writes_the_three_files(tmp_path: Path) -> None:
    written = create_revision_folder(tmp_path / "revisione")
    assert sorted(path.name for path in written) == sorted(folder_files()) == _left(tmp_path / "revisione")


# ------------------------------------------------------------------------- the web page


def _revision(tmp_path: Path) -> Any:
    from rodiff.web.store import RevisionStore

    return RevisionStore(tmp_path / "revisioni").create("prova")


def test_web_keeps_both_texts_or_neither(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rodiff.web.store import keep, stage, staging_folder

    revision = _revision(tmp_path)
    before = {role: stage(staging_folder(revision), role, io.BytesIO(OLD.read_bytes()), "vecchio.txt") for role in ("vecchio",)}
    keep(revision, list(before.values()))
    kept = revision.folder / "regolamento-in-vigore.txt"
    assert kept.read_bytes() == OLD.read_bytes()
    staging = staging_folder(revision)
    staged = [
        stage(staging, "vecchio", io.BytesIO(NEW.read_bytes()), "a.txt"),
        stage(staging, "nuovo", io.BytesIO(NEW.read_bytes()), "b.txt"),
    ]
    refused = _refuse(monkeypatch, "link", errno.EIO, lambda path: path.endswith("regolamento-proposto.txt"))
    with pytest.raises(OutputError, match="errore del disco"):
        keep(revision, staged)
    assert refused and kept.read_bytes() == OLD.read_bytes()  # the first text was put back
    assert not (revision.folder / "regolamento-proposto.txt").exists()


def test_web_letterhead_named_like_the_kept_one(tmp_path: Path) -> None:
    """An upload called «carta-intestata.docx» (the name rodiff keeps it under) is kept, not lost."""
    from importlib.resources import files

    from rodiff.web.work import keep_letterhead

    revision = _revision(tmp_path)
    template = Path(str(files("rodiff.templates"))) / "messaggio" / "revisione-parziale.docx"
    keep_letterhead(revision, None, io.BytesIO(template.read_bytes()), "carta-intestata.docx")
    assert revision.letterhead.read_bytes() == template.read_bytes()
    assert _left(revision.letterhead.parent) == ["carta-intestata.docx"]
    assert not [path for path in revision.folder.iterdir() if path.name.startswith(".caricamento")]
