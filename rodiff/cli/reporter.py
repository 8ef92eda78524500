"""Messages for the user on stderr: steps, page counters, reading warnings, what was written."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from ..model import Document


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
        if not self.silent:
            click.echo(message, err=True)

    def step(self, label: str) -> None:
        """The next step on the terminal ("[3/4] Allineamento degli articoli…")."""
        self.done += 1
        if self.interactive:
            click.echo(f"[{self.done}/{self.steps}] {label}…", err=True)

    def pages(self, label: str) -> Callable[[int, int], None] | None:
        """A counter on the terminal ("Lettura: pagina 3 di 12"), off when not a terminal."""
        if not self.interactive:
            return None

        def update(done: int, total: int) -> None:
            click.echo(f"\r{label}: pagina {done} di {total}", err=True, nl=False)
            if done >= total:
                click.echo("", err=True)

        return update

    def read(self, document: Document) -> None:
        """The reading warnings of a document (the work goes on)."""
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
