"""Messages for the user on stderr: steps, page counters, reading warnings, what was written.

On a terminal each step's line shows the seconds it has taken so far ("[3/4] Allineamento
degli articoli… 12 s"), rewritten once a second by a background thread while the work goes
on: long work (a text of thousands of articles, a large Word file, the alignment, the
writing of the table) is seen to progress, at no cost to the work itself. Not on a pipe or
in tests, where the output stays as it was.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

import click

from ..model import Document

TICK_SECONDS = 1.0
SHOW_AFTER_SECONDS = 2  # a step that ends sooner shows no seconds


class _Ticker:
    """The line of the step under way on the terminal, left open (no newline) and rewritten with
    its elapsed seconds until the next message ends it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._line = ""
        self._started = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def begin(self, line: str) -> None:
        self.end()
        with self._lock:
            self._line, self._started = line, time.monotonic()
            click.echo(line, err=True, nl=False)
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="rodiff-progress", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            with self._lock:
                seconds = int(time.monotonic() - self._started)
                if self._line and seconds >= SHOW_AFTER_SECONDS:
                    click.echo(f"\r{self._line} {seconds} s", err=True, nl=False)

    def end(self) -> None:
        """Stop rewriting and end the line, so that what follows starts on a line of its own."""
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None
        with self._lock:
            if self._line:
                click.echo("", err=True)
                self._line = ""


_TICKER = _Ticker()


def end_progress() -> None:
    """End the progress line on the terminal, if one is open (before an error message, at exit)."""
    _TICKER.end()


class Reporter:
    """Messages for the user on stderr (stdout stays clean for results such as JSON).

    It is also the ``Progress`` of a revision session: steps are numbered out of ``steps``.
    """

    def __init__(self, silent: bool, steps: int = 0) -> None:
        self.silent = silent
        self.interactive = sys.stderr.isatty() and not silent
        self.steps = steps
        self.done = 0

    def say(self, message: str) -> None:
        _TICKER.end()
        if not self.silent:
            click.echo(message, err=True)

    def step(self, label: str) -> None:
        """The next step on the terminal ("[3/4] Allineamento degli articoli…"), its seconds counted."""
        self.done += 1
        if self.interactive:
            _TICKER.begin(f"[{self.done}/{self.steps}] {label}…" if self.steps else f"{label}…")

    def output(self, text: str) -> str:
        """``text``, about to be printed on stdout: the progress line ends first."""
        _TICKER.end()
        return text

    def pages(self, label: str) -> Callable[[int, int], None] | None:
        """A counter on the terminal ("Lettura: pagina 3 di 12"), off when not a terminal."""
        if not self.interactive:
            return None

        def update(done: int, total: int) -> None:
            _TICKER.end()  # the page counter says more than the seconds
            click.echo(f"\r{label}: pagina {done} di {total}", err=True, nl=False)
            if done >= total:
                click.echo("", err=True)

        return update

    def read(self, document: Document) -> None:
        """The reading warnings of a document (the work goes on)."""
        _TICKER.end()
        shown = [d for d in document.diagnostics if d.severity != "info"]
        if not shown:
            return
        shown.sort(key=lambda d: d.position is not None)  # first what concerns the whole text (text left out)
        self.say(f"Avvisi nella lettura di «{document.source_name}» ({len(shown)}), il lavoro continua:")
        for diagnostic in shown[:3]:
            where = f"riga {diagnostic.position}: " if diagnostic.position and document.source_kind != "docx" else ""
            self.say(f"  - {where}{diagnostic.message}")
        if len(shown) > 3:
            self.say(f"  … e altri {len(shown) - 3} (li mostra «rodiff analizza {document.source_name}»).")
