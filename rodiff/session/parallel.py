"""One piece of work done in a forked child process while this process does another.

The two texts of a revision are independent until they are aligned, and a computer has two
cores or more: while this process reads the text in force, a child reads the proposal and
sends back the parsed ``Document`` (pickled through a pipe). At 500 articles that is about a
third of the reading time saved; the bench (``bench/vs_libreoffice.py``) shows the figures.

Only where it is safe: on a system with ``fork`` (not Windows) and in a process with one
thread (the command line; the web server reads in worker threads, so it reads one text after
the other, as everywhere else). The child writes nothing on the terminal and leaves with
``os._exit``: no buffer flushed twice, no clean-up of the parent's run.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """A child can be forked safely: the system has fork and this process runs one thread."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Forked(Generic[T]):
    """``work()`` running in a child process from construction; ``result()`` waits for it.

    The child's exception, if any, is raised by ``result()`` as the same exception (an
    ``InputError`` keeps its Italian message); a child that dies without answering (killed,
    out of memory) leaves the work to this process. ``close()`` stops a child whose result is
    no longer wanted (the parent's own work failed).
    """

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        read_end, write_end = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child
            os.close(read_end)
            _run_child(work, write_end)
        os.close(write_end)
        self._pipe = os.fdopen(read_end, "rb")

    def result(self) -> T:
        """The child's value, or its exception raised here."""
        try:
            failed, value = pickle.load(self._pipe)
        except (EOFError, pickle.UnpicklingError):  # the child died without a whole answer
            return self._work()
        finally:
            self.close()
        if failed:
            raise value
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop waiting: the child is ended if still running, and reaped."""
        if self._pid:
            self._pipe.close()
            with contextlib.suppress(ProcessLookupError):  # already gone
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = 0


def _run_child(work: Callable[[], T], write_end: int) -> None:
    """Do the work, send (failed, value or exception) to the parent, and leave at once."""
    code = 0
    try:
        try:
            message = pickle.dumps((False, work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # every failure goes to the parent, which raises it
            message = _pickled_error(error)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(message)
    except BaseException:  # the parent sees the pipe closed early
        code = 1
    finally:
        os._exit(code)


def _pickled_error(error: BaseException) -> bytes:
    """The exception itself when it can travel; otherwise a plain one with its text."""
    try:
        return pickle.dumps((True, error), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception holding something unpicklable
        return pickle.dumps((True, RuntimeError(f"{type(error).__name__}: {error}")))
