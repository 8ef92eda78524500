"""The proposal read by a forked child while the session reads the text in force."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from rodiff import session
from rodiff.errors import InputError
from rodiff.parse import parse_file
from rodiff.session import Quiet, read_texts
from rodiff.session.parallel import Forked, can_fork

from .conftest import CORPUS

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")

OLD = CORPUS / "vacallo" / "rod-1991.txt"
NEW = CORPUS / "vacallo" / "rod-nuovo.txt"


def _died() -> int:
    """Ends a child process without an answer; in the parent, gives its process id."""
    if os.getpid() != PARENT:
        os._exit(3)
    return os.getpid()


PARENT = os.getpid()


def test_the_work_is_done_by_another_process() -> None:
    child = Forked(os.getpid)
    assert child.result() not in (os.getpid(), 0)


def test_the_childs_document_is_the_document_read_here() -> None:
    assert Forked(lambda: parse_file(NEW)).result() == parse_file(NEW)


def test_the_childs_error_is_raised_with_its_message(tmp_path: Path) -> None:
    empty = tmp_path / "vuoto.txt"
    empty.write_text("")
    with pytest.raises(InputError, match="è vuoto") as raised:
        Forked(lambda: parse_file(empty)).result()
    assert "vuoto.txt" in raised.value.message


def test_a_child_that_dies_leaves_the_work_to_the_parent() -> None:
    assert Forked(_died).result() == os.getpid()


def test_a_child_no_longer_wanted_is_stopped_and_reaped() -> None:
    child = Forked(lambda: threading.Event().wait(60))
    pid = child._pid
    child.close()
    with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
        os.waitpid(pid, os.WNOHANG)


def test_no_fork_while_another_thread_runs() -> None:
    assert can_fork()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        other.join()


def test_both_texts_are_read_as_one_after_the_other(monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[Forked[object]] = []

    def counted(work: object) -> Forked[object]:
        children.append(Forked(work))  # type: ignore[arg-type]
        return children[-1]

    monkeypatch.setattr(session, "Forked", counted)
    together = read_texts(OLD, NEW, Quiet())
    assert len(children) == 1  # the proposal was read aside
    monkeypatch.setattr(session, "can_fork", lambda: False)
    assert together == read_texts(OLD, NEW, Quiet())
    assert len(children) == 1


def test_the_first_texts_error_comes_first(tmp_path: Path) -> None:
    broken, empty = tmp_path / "rotto.docx", tmp_path / "vuoto.txt"
    broken.write_bytes(b"PK\x03\x04 non un documento")
    empty.write_text("")
    with pytest.raises(InputError, match=r"rotto\.docx"):
        read_texts(broken, empty, Quiet())
    with pytest.raises(InputError, match=r"rotto\.docx"):
        read_texts(broken, NEW, Quiet())
    with pytest.raises(InputError, match=r"vuoto\.txt"):
        read_texts(OLD, empty, Quiet())
