"""Evaluation suite: textclean against peer extractors on the shared eval data."""
