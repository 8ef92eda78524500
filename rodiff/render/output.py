"""Writing results safely: all or nothing, never over an input, never over a file by surprise.

``write_all`` writes every output of a command as one transaction:

1. every target is checked first (not an input, not twice the same path, its folder exists
   and is writable, its name fits the system, an existing file only with ``overwrite``);
2. each is written to a temporary file beside it (named ``.<name>.rodiff-<pid>-<random>.tmp``,
   created with the user's umask) and, if asked, verified as written (``Output.check``);
3. only when all are written, each is moved into place: a new file by ``os.link`` (which fails
   if another program created the target meanwhile: two concurrent runs cannot both succeed),
   a replaced one by ``os.replace`` keeping the old file's permissions. If a move fails, the
   files already moved are put back as they were.

Temporary files left by a killed run (its process gone) are removed by the next run that
writes in the same folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError

DEFAULT_OUTPUT_DIR = Path("output")
NAME_MAX = 255  # bytes, on every file system rodiff meets (ext4, NTFS, APFS)
STALE_SECONDS = 24 * 3600  # a temporary file this old is stale even if its process id is taken again
# rodiff's own temporary files, and only those: ".confronto.docx.rodiff-4242-9f3a1c2b.tmp"
TEMPORARY_NAME = re.compile(r"^\..*\.rodiff-(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")


@dataclass(frozen=True)
class Output:
    """One file to write; ``check`` verifies the written temporary file (raising ``OutputError``)."""

    path: Path
    data: bytes | str
    check: Callable[[Path], None] | None = None


def default_output(name: str) -> Path:
    """A path in ./output/ (created when the first output is written): outputs never land beside the inputs."""
    if DEFAULT_OUTPUT_DIR.exists() and not DEFAULT_OUTPUT_DIR.is_dir():
        raise OutputError(
            f"«{DEFAULT_OUTPUT_DIR}» in questa cartella è un file, non una cartella: rodiff vi scrive i risultati. "
            "Lo rinomini, oppure indichi dove scrivere con -o."
        )
    return DEFAULT_OUTPUT_DIR / name


def check_output(path: Path, inputs: Iterable[Path], overwrite: bool) -> None:
    """Refuse an output that is an input, that exists (unless ``overwrite``), or cannot be written there."""
    for source in inputs:
        if _same_file(path, source):
            raise OutputError(
                f"Il file di uscita «{path}» è uno dei file di partenza: rodiff non sovrascrive mai i documenti "
                "che legge. Indichi un altro nome con -o."
            )
    if len(path.name.encode("utf-8")) > NAME_MAX:
        raise OutputError(
            f"Il nome del file di uscita è troppo lungo ({len(path.name.encode('utf-8'))} byte; il sistema ne ammette "
            f"{NAME_MAX}). Indichi un nome più corto con -o."
        )
    if path.is_dir():
        raise OutputError(f"«{path}» è una cartella: indichi con -o il nome del file da scrivere.")
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"«{folder}» è un file, non una cartella: indichi con -o un percorso in una cartella.")
    if not folder.is_dir():
        if folder == DEFAULT_OUTPUT_DIR:
            return  # created at write time
        raise OutputError(f"La cartella «{folder}» non esiste. La crei oppure indichi un altro percorso con -o.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(
            f"Nella cartella «{folder}» non si può scrivere (permesso negato). Scelga con -o una cartella sua, "
            "per esempio nei Documenti."
        )
    if path.exists() or path.is_symlink():
        if not overwrite:
            raise OutputError(
                f"Il file «{path}» esiste già. Per sostituirlo aggiunga --sovrascrivi, oppure scelga un altro nome con -o."
            )
        if not os.access(path, os.W_OK):
            raise OutputError(
                f"Il file «{path}» è protetto dalla scrittura (sola lettura): rodiff non lo sostituisce. "
                "Tolga la protezione, se vuole sostituirlo, oppure scelga un altro nome con -o."
            )


def check_outputs(paths: Sequence[Path], inputs: Iterable[Path], overwrite: bool) -> None:
    """``check_output`` for each, and no two outputs at the same path (``--controllo`` equal to ``-o``)."""
    sources = list(inputs)
    seen: dict[str, Path] = {}
    for path in paths:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise OutputError(
                f"Due risultati andrebbero scritti nello stesso file «{path}»: indichi nomi diversi (per esempio per -o "
                "e per --controllo)."
            )
        seen[key] = path
        check_output(path, sources, overwrite)


def write_atomic(
    path: Path,
    data: bytes | str,
    inputs: Iterable[Path] = (),
    overwrite: bool = False,
    check: Callable[[Path], None] | None = None,
) -> Path:
    """Write one file, all or nothing (see ``write_all``)."""
    return write_all([Output(path, data, check)], inputs, overwrite)[0]


def write_all(outputs: Sequence[Output], inputs: Iterable[Path] = (), overwrite: bool = False) -> list[Path]:
    """Write every output, or none (see the module docstring); the paths written, in order."""
    check_outputs([output.path for output in outputs], inputs, overwrite)
    written: list[tuple[Output, Path]] = []
    try:
        for output in outputs:
            folder = output.path.parent
            if folder == DEFAULT_OUTPUT_DIR and not folder.is_dir():
                _make_folder(folder)
            remove_stale_temporaries(folder)
            temporary = _write_temporary(output)
            written.append((output, temporary))
            if output.check is not None:
                output.check(temporary)
        _commit([(output.path, temporary) for output, temporary in written], overwrite)
    finally:
        for _, temporary in written:
            temporary.unlink(missing_ok=True)
    return [output.path for output in outputs]


def remove_stale_temporaries(folder: Path) -> None:
    """Remove rodiff's temporary files left in ``folder`` by a run that was killed."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = TEMPORARY_NAME.match(entry.name)
        if match and _is_stale(entry, int(match["pid"])):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _is_stale(entry: os.DirEntry[str], pid: int) -> bool:
    try:
        if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
            return True
    except OSError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, someone else's
        return False
    return False


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise _cannot_write(folder, error) from error


def _write_temporary(output: Output) -> Path:
    """The data in a new temporary file beside the target, with the user's umask (not 0600)."""
    stem = output.path.name[:100]  # the temporary name must fit too
    temporary = output.path.parent / f".{stem}.rodiff-{os.getpid()}-{os.urandom(4).hex()}.tmp"
    payload = output.data.encode("utf-8") if isinstance(output.data, str) else output.data
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise _cannot_write(output.path, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _cannot_write(output.path, error) from error
    return temporary


def _commit(moves: list[tuple[Path, Path]], overwrite: bool) -> None:
    """Move each temporary file to its target; on a failure, undo the moves already made."""
    done: list[tuple[Path, Path | None]] = []  # (target, backup of the file it replaced, or None if new)
    try:
        for target, temporary in moves:
            done.append((target, _move(target, temporary, overwrite)))
    except BaseException:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is None:
                    target.unlink()
                else:
                    os.replace(backup, target)
        raise
    for _, backup in done:
        if backup is not None:
            backup.unlink(missing_ok=True)


def _move(target: Path, temporary: Path, overwrite: bool) -> Path | None:
    """Put ``temporary`` at ``target``; the backup of a replaced file (for undoing), None for a new one."""
    try:
        if overwrite and (target.exists() or target.is_symlink()):
            mode = stat.S_IMODE(target.stat().st_mode)
            os.chmod(temporary, mode)  # the replaced file keeps its permissions
            backup = temporary.with_name(temporary.name.replace(".tmp", "-old.tmp"))
            os.link(target, backup)
            try:
                os.replace(temporary, target)
            except BaseException:
                backup.unlink(missing_ok=True)  # the target was not replaced: its copy is not needed
                raise
            return backup
        _create_exclusively(target, temporary)
        return None
    except FileExistsError as error:
        raise OutputError(
            f"Il file «{target}» è stato creato da un altro programma mentre rodiff lavorava: non l'ho sostituito "
            "e non ho scritto nessun risultato. Controlli il file, poi riprovi (con --sovrascrivi per sostituirlo)."
        ) from error
    except OSError as error:
        raise _cannot_write(target, error) from error


def _create_exclusively(target: Path, temporary: Path) -> None:
    """A hard link fails if ``target`` exists: no check-then-replace race. File systems without
    hard links (some network shares, FAT) get an exclusive create and a copy instead."""
    try:
        os.link(temporary, target)
        return
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
    with open(target, "xb") as stream, open(temporary, "rb") as source:
        stream.write(source.read())


def _cannot_write(path: Path, error: OSError) -> OutputError:
    from ..parse.inputs import os_advice, os_reason

    return OutputError(f"Non riesco a scrivere «{path}» ({os_reason(error)}). {os_advice(error)}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()
