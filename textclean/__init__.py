"""textclean: the headline, dateline and body of a scraped news page.

    >>> import textclean
    >>> article = textclean.clean(page_text)
    >>> article.headline, article.dateline, article.body

`clean` is the one obvious entry point; `explain` returns the same article
with every line's decision, and `Pipeline` is there for anyone who wants to
drop, reorder or add steps.
"""

from __future__ import annotations

from typing import Any

from textclean.config import Config
from textclean.filters.base import BlockFilter, Filter
from textclean.model import Article, Dateline, Decision, Paragraph
from textclean.pipeline import DEFAULT_STEPS, PageTimeout, Pipeline
from textclean.registry import available, register

__all__ = [
    "Article", "BlockFilter", "Config", "DEFAULT_STEPS", "Dateline", "Decision",
    "Filter", "PageTimeout", "Paragraph", "Pipeline", "available", "clean",
    "explain", "register",
]
__version__ = "0.1.0"

_PIPELINES: dict[tuple[tuple[str, Any], ...], Pipeline] = {}
_MAX_CACHED_PIPELINES = 32


def _pipeline(config: Config | None, overrides: dict[str, Any]) -> Pipeline:
    """The pipeline for these settings, built once for plain keyword overrides.

    Building one costs more than cleaning a short page, and `clean(page,
    input="html")` in a loop is the common way to call; a `config` object
    (which may hold mutable options) gets a fresh pipeline.
    """
    if config is not None:
        return Pipeline(config=config.with_changes(**overrides))
    try:
        key = tuple(sorted(overrides.items()))
        hash(key)
    except TypeError:  # a list of steps to disable, say
        return Pipeline(config=Config().with_changes(**overrides))
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        if len(_PIPELINES) >= _MAX_CACHED_PIPELINES:
            _PIPELINES.clear()
        pipeline = _PIPELINES[key] = Pipeline(config=Config().with_changes(**overrides))
    return pipeline


def clean(page: str | bytes, config: Config | None = None, **overrides: Any) -> Article:
    """Clean one page (text or HTML, str or bytes) into an Article.

    Keyword arguments override fields of `config` (for instance
    `disable=["captions"]` or `timeout=2.0`). A page with no article gives an
    empty Article; only a wrong argument type raises (TypeError).
    """
    return _pipeline(config, overrides).clean(page)


def explain(page: str | bytes, config: Config | None = None,
            **overrides: Any) -> tuple[Article, list[Decision]]:
    """Clean a page and say, for every line, what was decided and by whom."""
    return _pipeline(config, overrides).explain(page)
