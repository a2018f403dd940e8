"""The last stage: an Article (and explain's decisions) from the marked blocks."""

from __future__ import annotations

from textclean.model import Article, Decision, Document, Paragraph


def assemble(doc: Document) -> Article:
    headline = ""
    if doc.headline_index is not None:
        headline = doc.headline_text or doc.blocks[doc.headline_index].text
    paragraphs = tuple(
        Paragraph(b.text, "heading" if b.role == "heading" else "paragraph")
        for b in doc.blocks if b.removed_by is None
    )
    meta = doc.meta
    return Article(
        headline=headline,
        dateline=doc.dateline,
        paragraphs=paragraphs,
        url=meta.url,
        site_name=meta.site_name,
        language=meta.language or doc.language,
        authors=tuple(meta.authors),
    )


def decisions(doc: Document) -> list[Decision]:
    return [
        Decision(line_no=b.line_no, text=b.text, kept=not b.removed, role=b.role or
                 ("body" if not b.removed else ""), removed_by=b.removed_by,
                 reason=b.reason, initial_label=b.initial_label, label=b.label)
        for b in doc.blocks
    ]
