"""Steps registered by name, so a pipeline can be written as a list of names.

Third-party packages add steps through the `textclean.steps` entry point
group (as spaCy does for components); they are loaded on first lookup of an
unknown name, so importing textclean stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, Protocol, TypeVar, runtime_checkable

from textclean.model import Document

ENTRY_POINT_GROUP = "textclean.steps"


@runtime_checkable
class Step(Protocol):
    """Anything that reads a Document and annotates its blocks."""

    name: str

    def __call__(self, doc: Document) -> None: ...


StepFactory = Callable[..., Step]
_REGISTRY: dict[str, StepFactory] = {}
_entry_points_loaded = False

F = TypeVar("F", bound=Callable[..., Any])


def register(name: str) -> Callable[[F], F]:
    """Class decorator: make a step available under `name`."""

    def decorate(factory: F) -> F:
        _REGISTRY[name] = factory
        return factory

    return decorate


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in _REGISTRY:
            _REGISTRY[ep.name] = ep.load()


def create(name: str, **options: object) -> Step:
    """Build the step registered as `name` with its options."""
    if name not in _REGISTRY:
        _load_entry_points()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ValueError(f"unknown step {name!r}; known steps: {known}") from None
    return factory(**options)


def available() -> dict[str, StepFactory]:
    """Every registered step, built-in and third-party, by name."""
    _load_entry_points()
    return dict(sorted(_REGISTRY.items()))
