"""The pipeline: a plain ordered list of named steps over one Document.

    input -> readers (blocks) -> filters (mark removed) -> finders -> Article

The default list below is the whole algorithm at a glance. Filters only ever
mark blocks; the finders choose the body region, headline and dateline; the
Article is assembled from the marks at the end, so `explain` can always say
who removed what.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from textclean import filters as _filters  # noqa: F401  (registers the filters)
from textclean import finders as _finders  # noqa: F401  (registers the finders)
from textclean.assemble import assemble, decisions
from textclean.config import DEFAULT_CONFIG, Config
from textclean.model import Article, Decision, Document
from textclean.readers import read
from textclean.registry import Step, create

DEFAULT_STEPS: tuple[str, ...] = (
    "dom",  # DOM hints: nav/footer/aside containers, link density
    "archive",       # a web archive's replay toolbar at the top
    "code",          # script and style text leaked into the page
    "notices",       # browser-upgrade, enable-JavaScript, cookie notices
    "legal",         # copyright and "not responsible for external sites"
    "widgets",       # share, print, sign-in, subscribe
    "navigation",    # menus and breadcrumb runs of short links
    "promo",         # related, most-read and promo link lists
    "comments",      # comment sections and their forms
    "body",          # classify blocks, keep the main article region
    "headline",      # the title line just above the body
    "dateline",      # the publication line near the headline
    "pullquotes",    # quotes that repeat a body sentence
    "captions",      # image and video captions, photo credits
    "bylines",       # author lines at the edges of the body
)


class PageTimeout(TimeoutError):
    """A page took longer than the configured `timeout`."""


class Pipeline:
    """An ordered list of steps, built from names or step objects."""

    def __init__(self, steps: Sequence[str | Step] | None = None,
                 config: Config = DEFAULT_CONFIG) -> None:
        self.config = config
        names: list[str | Step] = list(steps if steps is not None
                                       else config.steps or DEFAULT_STEPS)
        names = [s for s in names if _step_name(s) not in config.disable]
        names += [n for n in config.enable if n not in {_step_name(s) for s in names}]
        self.steps: list[Step] = [
            create(s, **dict(config.options.get(s, {}))) if isinstance(s, str) else s
            for s in names
        ]

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def run(self, page: str | bytes) -> Document:
        """Read the page and run every step over it."""
        # The clock starts before reading: decoding and parsing a huge page
        # count against the limit too. None or 0 means no limit.
        deadline = time.monotonic() + self.config.timeout if self.config.timeout else None
        doc = read(page, self.config)
        for step in self.steps:
            step(doc)
            if deadline is not None and time.monotonic() > deadline:
                raise PageTimeout(f"page took longer than {self.config.timeout}s "
                                  f"(stopped after step {step.name!r})")
        return doc

    def clean(self, page: str | bytes) -> Article:
        return assemble(self.run(page))

    def explain(self, page: str | bytes) -> tuple[Article, list[Decision]]:
        doc = self.run(page)
        return assemble(doc), decisions(doc)

    def __repr__(self) -> str:
        return f"Pipeline({self.names!r})"


def _step_name(step: str | Step) -> str:
    return step if isinstance(step, str) else step.name
