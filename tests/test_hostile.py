"""The hostile set: every command on every broken, hostile or clumsy input (built at test time).

For each run: exit code 0, 1 or 2 (never 3, "errore imprevisto"), an Italian message, no
traceback, the inputs untouched, no partial output (nothing written on failure, no temporary
file left). Zip bombs run in a fresh process with a timeout, and their memory is measured.
The same set, timed and summarised, is ``python -m bench.hostile``.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from rodiff.errors import OutputError
from rodiff.render.output import Output, write_all, write_atomic

from .conftest import ROOT, cli
from .support.hostile_inputs import (
    GOOD_DATA,
    NEW,
    OLD,
    TEMPLATE_PAYLOADS,
    Hostile,
    build_inputs,
    commands_for,
    prepare_sidecars,
)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
RSS_LIMIT_MB = 600  # a bomb refused before reading stays near the interpreter's own ~100 MB
TIMEOUT = 60
ENGLISH = ("Traceback", "Errore imprevisto", "Permission denied", "No such file", "Package not found", "Exception", "Error:")
# What the message of a refused input must say (name fragment -> words).
EXPECTED = {
    "bomba-": "--limite-compressione",
    "dimensione-falsa": "--limite-mb",
    "crc-sbagliato": "CRC",
    "dtd-xxe": "DTD",
    "documento.odt": "OpenDocument",
    "-alias": "riferimento YAML",
    "data-inesistente": "non esiste",
    "dati-parentesi": "annidati",
    "modello-non-docx": "non è un documento Word",
    "troncato": "incompleto",
    "rotto.pdf": "rodiff",
    "modello-cicli": "non permessa",
    "modello-uscita": "troppo testo",
    "modello-ricorsivo": "richiama sé stesso",
}
# Inputs that are odd but fine: they must be read (exit 0 or 1).
READABLE = (
    "buono",
    "salto-pagina",
    "a-capo-misti",
    "separatori-unicode",
    "nul-dopo-4kb",
    "utf16",
    "windows-1252",
    "combinanti",
    "rtl",
    "senza-sectpr",
    "-trattino",
    "sidecar-",
    "modello-senza-sectpr",
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> list[Hostile]:
    items = build_inputs(tmp_path_factory.mktemp("ostili"))
    prepare_sidecars(items)
    return items


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _inputs_of(item: Hostile) -> list[Path]:
    return [path for path in (item.path, item.path.with_suffix(".txt"), OLD, NEW, GOOD_DATA) if path.is_file()]


def _check_run(item: Hostile, args: list[str], code: int, err: str, out: Path, before: dict[Path, str]) -> None:
    where = f"{item.name}: rodiff {' '.join(args[:1])} -> {code}\n{err}"
    assert code in (0, 1, 2), where
    assert not any(word in err for word in ENGLISH), where
    assert {path: _digest(path) for path in before} == before, f"input modified: {where}"
    written = sorted(path.name for path in out.iterdir())
    assert not [name for name in written if name.endswith(".tmp")], f"temporary file left: {where}"
    if code == 2:
        assert err.startswith(("Errore", "Uso")) or "\nErrore" in err, where
        assert not written, f"partial output on failure: {written} {where}"
    for fragment, words in EXPECTED.items():
        if fragment in item.name and code == 2:
            assert words in err, where
    if any(item.name.startswith(prefix) for prefix in READABLE) and args[0] not in ("messaggio", "revisioni"):
        assert code in (0, 1), where


def test_every_command_on_every_input(hostile: list[Hostile], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runs = 0
    for item in hostile:
        if item.subprocess:
            continue
        for index, args in enumerate(commands_for(item, tmp_path)):
            out = tmp_path / f"{item.name}-{index}"
            out.mkdir()
            args = [a.replace(str(tmp_path), str(out)) if a.startswith(str(tmp_path)) else a for a in args]
            before = {path: _digest(path) for path in _inputs_of(item)}
            code, _, err = cli(capsys, *args)
            _check_run(item, args, code, err, out, before)
            runs += 1
    assert runs > 300


def test_hostile_templates_stop_with_a_message(
    hostile: list[Hostile], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Loops, output and recursion of a template (.md.j2, .html.j2, .docx): exit 2 with the limit named, nothing written."""
    templates = [item for item in hostile if item.name.startswith(tuple(TEMPLATE_PAYLOADS))]
    assert len(templates) == 3 * len(TEMPLATE_PAYLOADS)
    for item in templates:
        (args,) = commands_for(item, tmp_path)
        code, _, err = cli(capsys, *args)
        assert code == 2 and f"Il modello «{item.name}»" in err and "non permessa" in err, (item.name, err)
        assert not list(tmp_path.iterdir())


def test_raw_html_in_the_data_stays_text(hostile: list[Hostile], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    item = next(item for item in hostile if item.name == "dati-script.yaml")
    *_, args = commands_for(item, tmp_path)
    code, _, err = cli(capsys, *args, "--bozza")
    text = (tmp_path / "m.md").read_text(encoding="utf-8")
    assert code in (0, 1) and "<script" not in text and "<img" not in text, err
    assert "&lt;script>alert(1)&lt;/script>" in text and "&lt;img src=x" in text


UNUSABLE_SIDECARS = ("alias", "alias-chiave", "data-inesistente", "data-zero", "parentesi", "sintassi", "non-utf8")


def test_an_unusable_sidecar_is_reported(hostile: list[Hostile], capsys: pytest.CaptureFixture[str]) -> None:
    """A sidecar .yaml that cannot be used is said, with the reason; a list where a word is due is said too."""
    for item in hostile:
        if item.role != "sidecar":
            continue
        code, out, err = cli(capsys, "analizza", str(item.path.with_suffix(".txt")))
        label = item.name.removeprefix("sidecar-").removesuffix(".yaml")
        assert code in (0, 1), err
        if label in UNUSABLE_SIDECARS:
            assert f"Il file di descrizione «{item.name}», accanto a «{item.path.stem}.txt», non è stato usato" in out, out
        elif label == "tipo-sbagliato":
            assert f"Nel file «{item.name}» il campo «comune» è un elenco" in out, out
        else:
            assert item.name not in out, out


def _run_measured(args: list[str], cwd: Path) -> tuple[int, str, int]:
    """(exit code, stderr, max RSS in MB) of one rodiff run in a fresh process.

    The peak is the process's own (``VmHWM``): ``ru_maxrss`` would start from the size of this
    test process, which Linux carries over into a child it forks and execs."""
    probe = (
        "import re, sys\nfrom pathlib import Path\nfrom rodiff.cli import run\ncode = run(sys.argv[1:])\n"
        "peak = re.search(r'VmHWM:\\s*(\\d+)', Path('/proc/self/status').read_text())\n"
        "sys.stderr.write(f'\\nRSS_KB={peak[1]}')\nsys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    err, _, rss = done.stderr.rpartition("\nRSS_KB=")
    return done.returncode, err, int(rss or 0) // 1024


def test_zip_bombs_in_a_fresh_process(hostile: list[Hostile], tmp_path: Path) -> None:
    bombs = [item for item in hostile if item.subprocess]
    assert len(bombs) == 3
    for item in bombs:
        for args in (["analizza", str(item.path)], ["confronto", str(OLD), str(item.path), "-o", str(tmp_path / "c.docx")]):
            before = {path: _digest(path) for path in _inputs_of(item)}
            code, err, rss = _run_measured(args, ROOT)
            _check_run(item, args, code, err, tmp_path, before)
            assert code == 2 and rss < RSS_LIMIT_MB, (item.name, rss, err)


def test_the_limits_can_be_raised(hostile: list[Hostile], capsys: pytest.CaptureFixture[str]) -> None:
    bomb = next(item for item in hostile if item.name == "bomba-immagine.docx")
    code, _, err = cli(capsys, "--limite-compressione", "5000", "analizza", str(bomb.path))
    assert code in (0, 1), err
    code, _, err = cli(capsys, "--limite-mb", "10", "--limite-compressione", "5000", "analizza", str(bomb.path))
    assert code == 2 and "--limite-mb" in err and "limite 10 MB" in err


# ------------------------------------------------------------------ outputs: all or nothing


def test_output_folder_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").write_text("non una cartella", encoding="utf-8")
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW))
    assert code == 2 and "«output»" in err and "è un file" in err


def test_default_output_folder_is_created_at_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = cli(capsys, "confronto", str(OLD), str(tmp_path / "manca.txt"))
    assert code == 2 and not (tmp_path / "output").exists()
    code, _, _ = cli(capsys, "confronto", str(OLD), str(NEW))
    assert code == 0 and (tmp_path / "output" / "confronto.docx").is_file()


def test_name_too_long(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "-o", str(tmp_path / ("x" * 300 + ".docx")))
    assert code == 2 and "troppo lungo" in err and not list(tmp_path.iterdir())


def test_controllo_equal_to_output_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "m.md"
    args = ["messaggio", str(OLD), str(NEW), "--dati", str(GOOD_DATA), "--formato", "md", "-o", str(target)]
    code, _, err = cli(capsys, *args, "--controllo", str(target))
    assert code == 2 and "stesso file" in err and not list(tmp_path.iterdir())


def test_messaggio_and_controllo_are_written_together_or_not_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target, report = tmp_path / "m.md", tmp_path / "manca" / "c.txt"
    args = ["messaggio", str(OLD), str(NEW), "--dati", str(GOOD_DATA), "--formato", "md", "-o", str(target)]
    code, _, err = cli(capsys, *args, "--controllo", str(report))
    assert code == 2 and "«" in err and not list(tmp_path.iterdir())
    code, _, err = cli(capsys, *args, "--controllo", str(tmp_path / "c.txt"))
    assert code == 0 and target.is_file() and (tmp_path / "c.txt").is_file()


def test_a_file_created_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    """Two runs creating the same new file: the second fails instead of silently replacing the first."""
    target = tmp_path / "confronto.md"

    def other_program(_: Path) -> None:  # runs after the check, before the move into place
        target.write_text("scritto da un altro", encoding="utf-8")

    with pytest.raises(OutputError, match="creato da un altro programma"):
        write_all([Output(tmp_path / "primo.md", "uno"), Output(target, "due", check=other_program)])
    assert target.read_text(encoding="utf-8") == "scritto da un altro"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["confronto.md"]  # "primo.md" was not left either


def test_a_failed_check_writes_nothing(tmp_path: Path) -> None:
    def refuse(_: Path) -> None:
        raise OutputError("verifica non riuscita")

    (tmp_path / "a.md").write_text("vecchio", encoding="utf-8")
    with pytest.raises(OutputError):
        write_all([Output(tmp_path / "a.md", "nuovo"), Output(tmp_path / "b.md", "x", check=refuse)], overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "vecchio"


def test_stale_temporaries_are_cleaned(tmp_path: Path) -> None:
    stale = tmp_path / ".confronto.docx.rodiff-999999999-0a1b2c3d.tmp"  # a process id that cannot exist
    mine = tmp_path / f".altro.rodiff-{os.getpid()}-0a1b2c3d.tmp"
    foreign = tmp_path / ".qualcosa.tmp"
    for path in (stale, mine, foreign):
        path.write_text("x", encoding="utf-8")
    write_atomic(tmp_path / "confronto.md", "testo")
    assert not stale.exists() and mine.exists() and foreign.exists()


def test_modes_follow_the_umask_and_are_kept_on_overwrite(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        created = write_atomic(tmp_path / "nuovo.md", "x")
        assert stat.S_IMODE(created.stat().st_mode) == 0o644
        kept = tmp_path / "condiviso.md"
        kept.write_text("vecchio", encoding="utf-8")
        kept.chmod(0o664)
        write_atomic(kept, "nuovo", overwrite=True)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o664 and kept.read_text(encoding="utf-8") == "nuovo"
    finally:
        os.umask(previous)


@pytest.mark.skipif(IS_ROOT, reason="root writes everywhere")
def test_read_only_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "chiusa"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "-o", str(locked / "c.docx"))
        assert code == 2 and "non si può scrivere" in err
    finally:
        locked.chmod(0o700)
    protected = tmp_path / "c.docx"
    protected.write_bytes(b"x")
    protected.chmod(0o444)
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "-o", str(protected), "--sovrascrivi")
    assert code == 2 and "sola lettura" in err and protected.read_bytes() == b"x"
    unreadable = tmp_path / "segreto.txt"
    unreadable.write_text("Art. 1", encoding="utf-8")
    unreadable.chmod(0o000)
    code, _, err = cli(capsys, "analizza", str(unreadable))
    assert code == 2 and "permesso negato" in err


def test_a_file_name_starting_with_a_dash_gets_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-x.txt").write_text(NEW.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = cli(capsys, "analizza", "-x.txt")
    assert code == 2 and "--" in err and "-x.txt" in err.split("L'opzione")[-1]
    code, _, _ = cli(capsys, "analizza", "--", "-x.txt")
    assert code == 0


def test_invisible_characters_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "rod.txt"
    text.write_text(NEW.read_text(encoding="utf-8").replace("Art. 32", "Art.\u200b 32"), encoding="utf-8")
    code, out, _ = cli(capsys, "analizza", str(text), "--json")
    assert code == 0 and "caratteri invisibili" in out and '"32"' in out


def test_a_pdf_longer_than_the_limit_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(1, 6):
        pdf.add_page()
        pdf.cell(text=f"Art. {number} Titolo")
    path = tmp_path / "lungo.pdf"
    pdf.output(str(path))
    code, _, err = cli(capsys, "--limite-pagine", "3", "analizza", str(path))
    assert code == 2 and "5 pagine" in err and "--limite-pagine" in err
    code, _, err = cli(capsys, "analizza", str(path))
    assert code in (0, 1), err
