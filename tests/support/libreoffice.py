"""LibreOffice as a real client of the DOCX files: headless conversion, and accept/reject/compare over UNO.

Two ways in, each with a fresh LibreOffice profile (so no user setting or lock file of an
earlier run weighs on it):

- ``convert(source, "pdf", outdir)``: ``soffice --headless --convert-to``;
- ``run_uno_jobs([UnoJob("accept", docx, txt), ...])``: one soffice driven by
  ``uno_jobs.py`` under a Python that has ``uno`` (Debian's ``/usr/bin/python3`` with
  ``python3-uno``; ``RODIFF_UNO_PYTHON`` names another), to accept or reject all tracked
  changes or to compare two documents ("Confronta documento"); ``uno_command`` gives the bare
  command line to the bench scripts that time it.

The rule for tests: when LibreOffice or a Python with ``uno`` is missing the test is skipped,
unless ``RODIFF_REQUIRE_LIBREOFFICE`` is set (``.ci/run`` sets it): then it fails, so CI
cannot pass without having opened the files in LibreOffice. The bench scripts use
``find_soffice``/``find_uno_python`` and report what is missing instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, NoReturn

import pytest

UNO_SCRIPT = Path(__file__).resolve().with_name("uno_jobs.py")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", "python3")

Action = Literal["accept", "reject", "compare"]


@dataclass(frozen=True)
class UnoJob:
    """Load ``source``, apply ``action``, save ``target`` (format from its suffix: .txt, .docx, .odt, .pdf).

    ``compare`` compares ``source`` (the newer text) with ``other`` (the older one)."""

    action: Action
    source: Path
    target: Path
    other: Path | None = None


@dataclass(frozen=True)
class UnoResult:
    action: Action
    before: int  # tracked changes in the loaded document
    after: int  # tracked changes after the action


def find_soffice() -> str | None:
    return shutil.which("soffice")


@cache
def find_uno_python(given: str | None = None) -> str | None:
    """A Python that can ``import uno``: ``given``, ``$RODIFF_UNO_PYTHON``, then Debian's."""
    for candidate in (given, os.environ.get("RODIFF_UNO_PYTHON"), *UNO_PYTHONS):
        path = shutil.which(candidate) if candidate else None
        if path and subprocess.run([path, "-c", "import uno"], capture_output=True, timeout=60).returncode == 0:
            return path
    return None


def missing(reason: str) -> NoReturn:
    """Skip the test, or fail it when ``RODIFF_REQUIRE_LIBREOFFICE`` asks for the LibreOffice tests."""
    if os.environ.get("RODIFF_REQUIRE_LIBREOFFICE"):
        pytest.fail(f"{reason}, but RODIFF_REQUIRE_LIBREOFFICE asks for the LibreOffice tests")
    pytest.skip(reason)


def require_soffice() -> str:
    return find_soffice() or missing("LibreOffice (soffice) is not installed")


def require_uno_python() -> str:
    return find_uno_python() or missing("no Python with the LibreOffice UNO bridge (apt-get install python3-uno)")


def convert(source: Path, to: str, outdir: Path, *, timeout: float = 180) -> Path:
    """``source`` converted by ``soffice --headless --convert-to`` into ``outdir``: the new file's path."""
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="rodiff-lo-profile-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", to]
        subprocess.run([*command, "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=timeout)
    converted = outdir / f"{source.stem}.{to}"
    assert converted.is_file(), f"LibreOffice did not write {converted.name}"
    return converted


def uno_command(jobs: Sequence[UnoJob], profile: Path, *, soffice: str, python: str) -> list[str]:
    """The command line that runs ``jobs`` in one soffice using the profile folder ``profile``."""
    encoded = [{"action": j.action, "source": str(j.source), "target": str(j.target), "other": str(j.other)} for j in jobs]
    return [python, str(UNO_SCRIPT), soffice, str(profile), json.dumps(encoded)]


def run_uno_jobs(jobs: Sequence[UnoJob], *, timeout: float = 600) -> list[UnoResult]:
    """Run ``jobs`` in one soffice with a fresh profile; one result per job, in order."""
    soffice, python = require_soffice(), require_uno_python()
    with tempfile.TemporaryDirectory(prefix="rodiff-lo-profile-") as profile:
        command = uno_command(jobs, Path(profile), soffice=soffice, python=python)
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    results = [UnoResult(**json.loads(line)) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(jobs), done.stdout[-2000:]
    return results
