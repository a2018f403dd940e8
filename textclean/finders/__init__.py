"""Finders: the body region, the headline and the dateline. Importing registers them."""

from textclean.finders import body, dateline, headline  # noqa: F401
