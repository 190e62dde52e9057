"""The registry of generators: every kind of output the site has, each declared once.

A generator is a function in its own module under ``signpost/generators/``
that makes one kind of output from the shared render context
(:class:`signpost.render.site.SiteRenderer`: the public content, the lists,
the templates). It registers itself with a decorator that says where it
comes in the output order and, in a few words, what it makes:

* :func:`generator` for outputs of the whole site (the home page, the
  calendars of every event, the sitemap...);
* :func:`record_generator` for outputs made from one record (an activity's
  page, its card, its calendar). The full build and the live preview both
  ask :func:`record_outputs` for them, so the two can never drift apart.

Generators never import each other or the run loop
(:mod:`signpost.build.outputs`), which runs them in order. Adding an output
is adding one module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from signpost.core.content import Record
from signpost.core.outputs import Output

if TYPE_CHECKING:
    from signpost.render.site import SiteRenderer

SiteOutputs = Callable[["SiteRenderer"], Iterable[Output]]
RecordOutputs = Callable[["SiteRenderer", Record], Iterable[Output]]


@dataclass(frozen=True)
class Generator:
    """One kind of output of the whole site, and its place in the output order."""

    name: str
    order: int
    makes: str
    outputs: SiteOutputs


@dataclass(frozen=True)
class RecordGenerator:
    """One kind of output made from one record of one kind, and its place among that record's outputs."""

    name: str
    kind: str
    order: int
    makes: str
    outputs: RecordOutputs


_SITE: dict[str, Generator] = {}
_RECORD: dict[str, RecordGenerator] = {}


def _name(function: Callable[..., Any]) -> str:
    return f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"


def generator(order: int, makes: str) -> Callable[[SiteOutputs], SiteOutputs]:
    """Register a function that makes outputs of the whole site; lower ``order`` comes first."""

    def register(function: SiteOutputs) -> SiteOutputs:
        entry = Generator(_name(function), order, makes, function)
        _SITE[entry.name] = entry
        return function

    return register


def record_generator(kind: str, order: int, makes: str) -> Callable[[RecordOutputs], RecordOutputs]:
    """Register a function that makes outputs from one published record of ``kind``."""

    def register(function: RecordOutputs) -> RecordOutputs:
        entry = RecordGenerator(_name(function), kind, order, makes, function)
        _RECORD[entry.name] = entry
        return function

    return register


def unregister(name: str) -> None:
    """Take a generator out of the registry (a test's own generator, once it is done)."""
    _SITE.pop(name, None)
    _RECORD.pop(name, None)


def site_generators() -> list[Generator]:
    """Every whole-site generator, in output order."""
    return sorted(_SITE.values(), key=lambda entry: (entry.order, entry.name))


def record_generators(kind: str | None = None) -> list[RecordGenerator]:
    """The generators of one kind's records (or of every kind), in output order."""
    chosen = [entry for entry in _RECORD.values() if kind is None or entry.kind == kind]
    return sorted(chosen, key=lambda entry: (entry.kind, entry.order, entry.name))


def record_outputs(renderer: SiteRenderer, kind: str, record: Record) -> Iterator[Output]:
    """Every output made from one published record: its page first, then the files made from it alone."""
    for entry in record_generators(kind):
        yield from entry.outputs(renderer, record)
