"""The revision session: each value computed once, and each stage run once per command."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from rodiff import Revisione
from rodiff.cli import run
from rodiff.model import Block, block_lines
from rodiff.session import Sources

from .conftest import CORPUS, ROOT

OLD = CORPUS / "vacallo" / "rod-1991.txt"
NEW = CORPUS / "vacallo" / "rod-nuovo.txt"
NOTES = CORPUS / "vacallo" / "osservazioni.yaml"
DATA = ROOT / "corpus" / "vacallo" / "messaggio.yaml"
MENDRISIO_OLD = CORPUS / "mendrisio" / "art31-32-vecchio.txt"
MENDRISIO_NEW = CORPUS / "mendrisio" / "art31-32-nuovo.txt"


@pytest.fixture(scope="module")
def vacallo() -> Revisione:
    return Revisione.from_files(OLD, NEW, osservazioni=NOTES, dati=DATA)


# ----------------------------------------------------------------------------- values kept


def test_values_are_computed_once(vacallo: Revisione) -> None:
    assert vacallo.alignment is vacallo.alignment
    assert vacallo.confronto("frammenti") is vacallo.confronto("frammenti")
    assert vacallo.confronto("frammenti") is not vacallo.confronto("frammenti", proposals=False)
    assert vacallo.messaggio is vacallo.messaggio
    assert vacallo.messaggio.dispositivo is vacallo.dispositivo


def test_osservazioni_are_checked_against_the_alignment(tmp_path: Path) -> None:
    from rodiff.errors import InputError

    notes = tmp_path / "note.yaml"
    notes.write_text('"999": "Non esiste."\n', encoding="utf-8")
    revisione = Revisione.from_files(OLD, NEW, osservazioni=notes)
    with pytest.raises(InputError, match="«999»"):
        revisione.confronto()


def test_notes_and_proposals_in_the_confronto(vacallo: Revisione) -> None:
    table = vacallo.confronto("completo")
    assert table.notes_used
    assert vacallo.proposals["13"] == "Nuovo articolo."


def test_messaggio_needs_its_data() -> None:
    from rodiff.errors import InputError

    with pytest.raises(InputError, match=r"messaggio\.yaml"):
        _ = Revisione.from_files(OLD, NEW).messaggio


def test_rinvii_and_correction() -> None:
    revisione = Revisione.from_files(MENDRISIO_OLD, MENDRISIO_NEW)
    assert [f.suggestion for f in revisione.rinvii] == ["art. 31 cpv. 4"]
    corrected = revisione.correction.content
    assert isinstance(corrected, str) and "art. 31 cpv. 4" in corrected and "art. 31 cpv. 5" not in corrected


def test_folder_of_rodiff_nuovo(tmp_path: Path) -> None:
    (tmp_path / "regolamento-in-vigore.txt").write_bytes(OLD.read_bytes())
    (tmp_path / "regolamento-proposto.txt").write_bytes(NEW.read_bytes())
    (tmp_path / "messaggio.yaml").write_bytes(DATA.read_bytes())
    sources = Sources.in_folder(tmp_path)
    assert sources.osservazioni is None and sources.dati == tmp_path / "messaggio.yaml"
    revisione = Revisione.from_folder(tmp_path)
    assert revisione.dati is not None and revisione.messaggio.avvisi is not None


def test_progress_is_told(tmp_path: Path) -> None:
    told: list[str] = []

    class Listener:
        def step(self, label: str) -> None:
            told.append(label)

        def pages(self, label: str) -> None:
            return None

        def read(self, document: Any) -> None:
            told.append(f"letto {document.source_name}")

    Revisione.from_files(OLD, NEW, progress=Listener())
    assert told == ["Lettura di «rod-1991.txt»", "letto rod-1991.txt", "Lettura di «rod-nuovo.txt»", "letto rod-nuovo.txt"]


# ----------------------------------------------------------------------------- each stage once


COUNTED = ("align", "build_messaggio", "build_dispositivo", "check_against", "build_confronto", "automatic_note", "diff_words")


@dataclass
class Calls:
    """Calls of the COUNTED functions of rodiff during one command, with the arguments that matter."""

    counts: Counter[str] = field(default_factory=Counter)
    styles: Counter[str] = field(default_factory=Counter)
    pairs: Counter[int] = field(default_factory=Counter)
    diffs: Counter[tuple[str, str]] = field(default_factory=Counter)


@pytest.fixture
def calls() -> Iterator[Calls]:
    seen = Calls()

    def hook(frame: FrameType, event: str, _arg: object) -> None:
        name = frame.f_code.co_name
        if event != "call" or name not in COUNTED or "rodiff" not in frame.f_code.co_filename:
            return
        seen.counts[name] += 1
        arguments = frame.f_locals
        if name == "build_confronto":
            seen.styles[str(arguments.get("style"))] += 1
        elif name == "automatic_note":
            seen.pairs[id(arguments.get("pair"))] += 1
        elif name == "diff_words":
            seen.diffs[str(arguments.get("old")), str(arguments.get("new"))] += 1

    sys.setprofile(hook)
    try:
        yield seen
    finally:
        sys.setprofile(None)


def _changed_units() -> int:
    """Units a command may diff: changed articles (the osservazioni) and changed capoversi (the table)."""
    revisione = Revisione.from_files(OLD, NEW)
    articles = [pair for pair in revisione.alignment.pairs if pair.old and pair.new and pair.status != "unchanged"]
    blocks = [block for pair in articles for block in pair.paragraphs if _lines(block.old) != _lines(block.new)]
    return len(articles) + len(blocks)


def _lines(blocks: tuple[Block, ...]) -> list[object]:
    return [block_lines(block) for block in blocks]


def _assert_each_stage_once(calls: Calls) -> None:
    assert calls.counts["align"] == 1
    assert all(count == 1 for count in calls.styles.values()), calls.styles
    assert all(count == 1 for count in calls.pairs.values()), "automatic_note ran twice on one pair"
    repeated = [texts for texts, count in calls.diffs.items() if count > 1]
    assert not repeated, f"diff_words ran {len(repeated)} times on texts already diffed"
    assert calls.counts["diff_words"] <= _changed_units()


def test_messaggio_runs_each_stage_once(calls: Calls, tmp_path: Path) -> None:
    args = [str(OLD), str(NEW), "--dati", str(DATA), "--osservazioni", str(NOTES), "-q"]
    code = run(["messaggio", *args, "-o", str(tmp_path / "m.docx")])
    sys.setprofile(None)
    assert code == 0
    assert calls.counts["build_messaggio"] == 1
    assert calls.counts["build_dispositivo"] == 1
    assert calls.counts["check_against"] == 1
    assert set(calls.styles) <= {"completo", "articoli", "frammenti"} and len(calls.styles) <= 2
    _assert_each_stage_once(calls)


def test_confronto_runs_each_stage_once(calls: Calls, tmp_path: Path) -> None:
    code = run(["confronto", str(OLD), str(NEW), "--osservazioni", str(NOTES), "-q", "-o", str(tmp_path / "c.docx")])
    sys.setprofile(None)
    assert code == 0
    assert calls.styles == Counter({"completo": 1})
    assert calls.counts["build_messaggio"] == calls.counts["check_against"] == 0
    _assert_each_stage_once(calls)
