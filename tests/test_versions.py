"""Swapped versions: VECCHIO's date or version more recent than NUOVO's gives a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from rodiff import Revisione
from rodiff.compare.versions import swapped_versions, version_time
from rodiff.model import Document, Metadata
from rodiff.parse import parse_text

from .conftest import CORPUS, cli

OLD, NEW = CORPUS / "vacallo" / "rod-1991.txt", CORPUS / "vacallo" / "rod-nuovo.txt"
BODY = "Art. 1\nScopo\n1. Il regolamento vale per i dipendenti.\n"


def _document(version: str = "", date: str = "", front: tuple[str, ...] = ()) -> Document:
    return Document(Metadata(version=version, date=date), front, ())


def test_swapped_corpus_files_warn_on_the_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "confronto", str(NEW), str(OLD), "-o", str(tmp_path / "c.docx"))
    assert code == 0
    said = " ".join(err.split())
    assert "sembra più recente della proposta" in said and "(VECCHIO, «rod-nuovo.txt», 2023)" in said
    assert "prima il testo in vigore, poi la proposta" in said


def test_files_in_the_right_order_give_no_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "confronto", str(OLD), str(NEW), "-o", str(tmp_path / "c.docx"))
    assert code == 0 and "più recente" not in err


def test_the_session_notice_says_it() -> None:
    swapped = Revisione.from_files(NEW, OLD)
    assert swapped.notice is not None and "sembra più recente" in swapped.notice
    assert Revisione.from_files(OLD, NEW).notice is None


@pytest.mark.parametrize(
    ("old", "new", "warns"),
    [
        (_document(date="2019-01-01"), _document(date="2006-01-01"), True),  # dates win
        (_document(version="ROD 2006 (revisioni fino al 2016)", date="2006-01-01"), _document(date="2019-01-01"), False),
        (_document(version="Nuovo ROD (2023)"), _document(version="ROD in vigore (1991)"), True),
        (_document(front=("Regolamento del 3 aprile 2010",)), _document(front=("Regolamento del 1° maggio 1998",)), True),
        (_document(version="MM No. 29/2023"), _document(version="Proposta del MM No. 29/2023", date="2023-09-04"), False),
        (_document(), _document(version="2023"), False),  # nothing to compare with: silent
        (_document(version="CHF 17'600"), _document(version="1991"), False),  # not a year
    ],
)
def test_which_version_is_more_recent(old: Document, new: Document, warns: bool) -> None:
    assert (swapped_versions(old, new) is not None) is warns


def test_dates_are_said_in_italian() -> None:
    message = swapped_versions(_document(date="2019-01-01"), _document(date="2006-01-01"))
    assert message is not None and "1° gennaio 2019" in message and "1° gennaio 2006" in message


def test_front_matter_years_of_parsed_texts() -> None:
    document = parse_text("REGOLAMENTO ORGANICO DEI DIPENDENTI DEL 25 MARZO 1991\n\n" + BODY)
    assert version_time(document).year == 1991
