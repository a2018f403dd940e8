"""Boilerplate filters, one module per family. Importing registers them."""

from textclean.filters import (  # noqa: F401
    archive,
    bylines,
    captions,
    code,
    comments,
    dom,
    legal,
    navigation,
    notices,
    promo,
    pullquotes,
    widgets,
)
