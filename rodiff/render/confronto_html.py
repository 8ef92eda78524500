"""The tabella di confronto as one self-contained HTML page (``confronto.html.j2``).

The template walks the ``Confronto`` (rows > cells > lines > runs) and draws it: deleted
runs as ``<del>``, inserted ones as ``<ins>``, division and commento rows across the whole
table. Jinja2 autoescape is on, so text from the documents can never become markup. The
page has inline CSS only (no external resources), a sticky header row on screen and, when
printed, A4 landscape pages with the header row repeated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from typing import TypeVar

from jinja2 import Environment, FileSystemLoader

from .. import __version__
from ..compare.table import LEGEND_MORE, Confronto, Grid, Row, Run
from ..italiano import IDENTICAL_SENTENCE, italian_date, summary_sentence
from .sandbox import sandbox

TEMPLATE = "confronto.html.j2"

T = TypeVar("T")


def render_confronto_html(confronto: Confronto, today: dt.date | None = None) -> str:
    """The whole HTML page; ``today`` fixes the generation date (tests, reproducible output)."""
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            confronto=confronto,
            date=italian_date(today or dt.date.today()),
            summary=summary_sentence(confronto.summary),
            identical_sentence=IDENTICAL_SENTENCE,
            version=__version__,
            legend_more=LEGEND_MORE,
        )
    )


@cache
def _environment() -> Environment:
    environment = sandbox(FileSystemLoader(str(files("rodiff.templates"))), autoescape=True, keep_trailing_newline=True)
    add_table_helpers(environment)
    return environment


def add_table_helpers(environment: Environment) -> None:
    """The filters and tests the macros of ``_confronto_tabella.html.j2`` need."""
    environment.filters["depth"] = division_depth
    environment.filters["spaces"] = split_spaces
    environment.filters["with_previous"] = with_previous
    environment.tests["accosto"] = touching_change
    environment.tests["tabella"] = is_grid


def is_grid(value: object) -> bool:
    """True for a table inside an article (``compare.table.Grid``), drawn as a nested table."""
    return isinstance(value, Grid)


def division_depth(row: Row) -> int:
    """0 for a titolo, 1 for a capitolo inside it...: read from the division id ("tit_2__cap_1")."""
    return row.key.count("__")


def split_spaces(text: str) -> tuple[str, str, str]:
    """(leading spaces, text, trailing spaces): spaces stay outside <del>/<ins>, unmarked."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def with_previous(items: Iterable[T]) -> Iterator[tuple[T | None, T]]:
    """Each item with the one before it (None for the first): cheaper than Jinja2's ``loop.previtem``."""
    previous: T | None = None
    for item in items:
        yield previous, item
        previous = item


def touching_change(previous: Run | None, run: Run) -> bool:
    """True when an insertion follows a deletion with no space between ("11" then "12").

    The page then puts a small gap between them, as the paper tables do ("Art. 11 12").
    """
    return (
        previous is not None and previous.style == "deleted" and not previous.text[-1:].isspace() and not run.text[:1].isspace()
    )
