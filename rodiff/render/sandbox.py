"""The one Jinja2 sandbox: every template rodiff renders (the confronto page, the messaggio in
HTML, Markdown and Word through docxtpl, the web page) runs in an environment made by
``sandbox()``.

Templates are shared between communes and uploaded to the web page, so a template may be
hostile. The environment is an ``ImmutableSandboxedEnvironment`` (no walk to Python's
internals, no change to rodiff's data) with ``StrictUndefined`` and these limits, each
refused with a ``SecurityError`` whose text is Italian (``messaggio.templates.template_error``
puts it in the user's message):

- the text a template produces: at most ``MAX_OUTPUT_CHARS``, counted while it is produced
  (``Template.generate``), so ``{% for %}`` loops that print cannot fill the memory;
- the work a template does: every step of a ``{% for %}`` loop, every item of ``range()``
  and every character a ``*`` makes is counted against ``MAX_STEPS`` per rendering, so
  nested loops that print nothing cannot hang either;
- one value: ``range()`` of at most ``MAX_RANGE`` items, ``*`` making at most
  ``MAX_TEMPLATE_VALUE`` characters or items, ``**`` with a small exponent, no padding
  wider than ``MAX_TEMPLATE_VALUE`` (``center``, ``'%9999999d'``, ``'{:>9999999}'``...);
- a template that calls itself without end (a recursive macro or include).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from functools import wraps
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, Template, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT_CHARS = 20 * 1024 * 1024  # a messaggio with its allegato is well under 2 MB of text
MAX_STEPS = 5_000_000  # loop steps, range items and repeated characters of one rendering
REPEAT_CHARS_PER_STEP = 100  # a character made by "*" costs far less than a loop step
MAX_RANGE = 100_000  # items of one range()
MAX_TEMPLATE_VALUE = 1_000_000  # characters or items one operation of a template may make
MAX_EXPONENT = 64

# A %-format or str.format() padding of seven digits or more, or a width taken from the
# arguments: "%9999999d", "%-12345678s", "%*d", "{:>9999999}", "{0:09999999}".
WIDE_FORMAT = re.compile(r"%[-+ #0]*(?:\d{7}|\*)|%[-+ #0]*\d*\.(?:\d{7}|\*)|\{[^{}]*:[^{}]*\d{7}")
# Filters whose arguments after the value are sizes: center(width), indent(width), batch(count)...
_SIZE_FILTERS = ("batch", "center", "indent", "slice", "truncate", "wordwrap", "format")
# str methods whose argument is a size of the result
_SIZE_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
# The filter wrapped around the iterable of every {% for %}: it counts the steps
STEP_FILTER = "_rodiff_passi"


class _Budget:
    """The work left to one rendering."""

    def __init__(self) -> None:
        self.left = MAX_STEPS

    def spend(self, amount: int) -> None:
        self.left -= amount
        if self.left < 0:
            raise SecurityError(
                f"il modello fa troppo lavoro: più di {MAX_STEPS:,} passi di cicli {{% for %}} e di range(); ".replace(",", "'")
                + "controlli i cicli annidati"
            )


_BUDGET: ContextVar[_Budget | None] = ContextVar("rodiff_template_budget", default=None)


def _budget() -> _Budget:
    """The budget of the rendering under way (a template's macros used outside a rendering get their own)."""
    return _BUDGET.get() or _Budget()


class LimitedTemplate(Template):
    """A template whose ``render`` streams the output and stops at ``MAX_OUTPUT_CHARS``."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _BUDGET.set(_Budget())
        try:
            return "".join(_capped(self.generate(*args, **kwargs)))
        except RecursionError as error:
            raise SecurityError("il modello richiama sé stesso senza fine (una macro o un include ricorsivo)") from error
        finally:
            _BUDGET.reset(token)


def _capped(chunks: Iterable[str]) -> Iterator[str]:
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise SecurityError(
                f"il modello produce troppo testo: più di {MAX_OUTPUT_CHARS // 1024 // 1024} MB; "
                "controlli i cicli {% for %}: un messaggio ne occupa poche centinaia di KB"
            )
        yield chunk


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with the limits of the module docstring."""

    template_class = LimitedTemplate
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = limited_range
        self.globals.pop("lipsum", None)  # lorem ipsum of any length: no template of rodiff's needs it
        for name in _SIZE_FILTERS:
            self.filters[name] = _sized(name, self.filters[name])
        self.filters[STEP_FILTER] = counted

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Every ``{% for x in items %}`` becomes ``{% for x in items|_rodiff_passi %}``: each step is counted.

        (Jinja2 has no public hook between parsing and compiling; ``_parse`` is the one every
        compilation goes through.)"""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, STEP_FILTER, [], [], None, None, lineno=loop.iter.lineno)
        tree.set_environment(self)
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and isinstance(left, int) and abs(left) > 1 and right > MAX_EXPONENT:
            raise SecurityError(f"potenza troppo grande ({left}**{right})")
        if operator == "*":
            for value, times in ((left, right), (right, left)):
                size = len(value) if isinstance(value, str | list | tuple) else 0
                if isinstance(times, int) and size * times > MAX_TEMPLATE_VALUE:
                    raise SecurityError(f"ripetizione troppo lunga ({size} x {times})")
                if size and isinstance(times, int):
                    _budget().spend(size * max(times, 0) // REPEAT_CHARS_PER_STEP)
        if operator == "%" and isinstance(left, str):
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if isinstance(getattr(obj, "__self__", None), str) and obj.__name__ in _SIZE_METHODS:
            _check_sizes(obj.__name__, args, kwargs)
        return super().call(context, obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """A data field of rodiff's own dataclasses (a run's text, a row's cells) is read
        directly: it holds plain data, and the full check costs a tenth of a second per
        thousand rows. Everything else goes through the sandbox's checks."""
        if attribute in _data_fields(type(obj)):
            value = getattr(obj, attribute)
            if not callable(value):
                return value
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``'{:>9999999}'.format(...)``: the format is checked when the template reaches the method."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format(value.__self__)
        return wrapped


_DATA_FIELDS: dict[type, frozenset[str]] = {}  # filled as templates meet the types


def _data_fields(kind: type) -> frozenset[str]:
    """The public fields of a dataclass defined by rodiff (``compare.table.Run``...), else none."""
    fields = _DATA_FIELDS.get(kind)
    if fields is None:
        own = dataclasses.is_dataclass(kind) and kind.__module__.startswith("rodiff.")
        names = (field.name for field in dataclasses.fields(kind)) if own else ()
        fields = _DATA_FIELDS[kind] = frozenset(name for name in names if not name.startswith("_"))
    return fields


def sandbox(loader: BaseLoader, *, autoescape: bool, keep_trailing_newline: bool = False) -> LimitedSandbox:
    """The sandboxed environment for the templates ``loader`` finds (the one factory of rodiff)."""
    return LimitedSandbox(
        loader=loader,
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )


def limited_range(*args: int) -> range:
    """``range()`` for templates: at most ``MAX_RANGE`` items, each counted in the budget."""
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise SecurityError(f"range() troppo grande ({len(items):,} elementi; al massimo {MAX_RANGE:,})".replace(",", "'"))
    _budget().spend(len(items))
    return items


def counted(items: Any) -> Iterator[Any]:
    """The items of a ``{% for %}``, each step spent from the rendering's budget."""
    budget = _budget()
    for item in items:
        budget.spend(1)
        yield item


def _sized(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter whose size arguments (after the value) are checked first."""

    @wraps(function)  # keeps Jinja2's pass_context / pass_environment marks
    def checked(*args: Any, **kwargs: Any) -> Any:
        if name == "format":
            values = [arg for arg in args if isinstance(arg, str)]
            if values:
                _check_format(values[0])
        else:
            _check_sizes(name, args[1:], kwargs)
        return function(*args, **kwargs)

    return checked


def _check_sizes(name: str, args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_TEMPLATE_VALUE:
            raise SecurityError(
                f"«{name}» con una misura troppo grande ({value}; al massimo {MAX_TEMPLATE_VALUE:,})".replace(",", "'")
            )


def _check_format(text: str) -> None:
    if WIDE_FORMAT.search(text):
        raise SecurityError(f"formato con una larghezza troppo grande («{text[:40]}»)")
