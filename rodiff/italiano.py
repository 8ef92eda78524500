"""Swiss Italian for what users read: dates, amounts, lists, and the names of the alignment statuses.

>>> import datetime as dt
>>> italian_date(dt.date(2023, 9, 4)), italian_date(dt.date(2024, 1, 1))
('4 settembre 2023', '1° gennaio 2024')
>>> swiss_amount(5000)
"CHF 5'000.00"
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

MONTHS = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)

_DATE_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_WORDS = re.compile(r"^(\d{1,2})(?:°|º)?\s+([a-zà-ù]+)\s+(\d{4})$", re.IGNORECASE)


def italian_date(day: dt.date) -> str:
    """ "4 settembre 2023"; the first of the month "1° gennaio 2019", as Ticino writes it."""
    number = "1°" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def parse_italian_date(text: str) -> dt.date | None:
    """ "2023-09-04", "4.9.2023", "04.09.2023", "4 settembre 2023", "1° gennaio 2024"."""
    text = " ".join(text.split())
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        dots = _DATE_DOTS.match(text)
        if dots:
            return dt.date(int(dots.group(3)), int(dots.group(2)), int(dots.group(1)))
        words = _DATE_WORDS.match(text)
        if words and words.group(2).lower() in MONTHS:
            return dt.date(int(words.group(3)), MONTHS.index(words.group(2).lower()) + 1, int(words.group(1)))
    except ValueError:
        return None
    return None


def swiss_amount(amount: object, currency: str = "CHF") -> str:
    """ "CHF 5'000.00": apostrophe for thousands, point for decimals, two decimals."""
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation  # amounts are the messaggio's: not every command's

    try:
        value = Decimal(str(amount).replace("'", "").replace("’", "").replace(" ", ""))
    except InvalidOperation as error:
        raise ValueError(f"importo non valido: {amount!r}") from error
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    number = sign + "'".join(groups) + "." + cents
    return f"{currency} {number}" if currency else number


# ------------------------------------------------------------------------- lists


def join_it(items: Iterable[str]) -> str:
    """ "a", "a e b", "a, b e c": the Italian list, "e" before the last item.

    >>> join_it(["1", "2", "3"])
    '1, 2 e 3'
    """
    values = list(items)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " e " + values[-1]


# --------------------------------------------------------------- alignment statuses

IDENTICAL_SENTENCE = "Le due versioni sono identiche: nessuna modifica."


STATUS_NAMES = {
    "unchanged": "invariati",
    "modified": "modificati",
    "renumbered": "rinumerati senza modifiche",
    "renumbered_modified": "rinumerati e modificati",
    "new": "nuovi",
    "repealed": "abrogati",
    "moved": "spostati",
    "split": "suddivisi",
    "merged": "uniti",
}


STATUS_LABELS = {
    "unchanged": "invariato",
    "modified": "modificato",
    "renumbered": "rinumerato",
    "renumbered_modified": "rinumerato e modificato",
    "new": "nuovo",
    "repealed": "abrogato",
    "moved": "spostato",
    "split": "suddiviso",
    "merged": "unito ad altri",
}


def summary_sentence(summary: Mapping[str, int]) -> str:
    parts = [
        f"{count} {STATUS_NAMES[status] if count > 1 else STATUS_LABELS[status]}" for status, count in summary.items() if count
    ]
    total = sum(summary.values())
    return f"Articoli: {total} in tutto; " + ", ".join(parts) + "."
