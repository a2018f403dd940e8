"""Streaming reader for the evaluation JSON Lines files.

Each worker process reads the data itself, one page at a time, so no process
ever holds the whole dev set (about 600 MB of HTML once decompressed) and the
parent never has to pickle pages across process boundaries.
"""

from __future__ import annotations

import glob
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

DEFAULT_DATA = "../shared/data/eval/dev/*.jsonl.gz"


@dataclass(frozen=True, slots=True)
class Gold:
    headline: str | None = None
    date: str | None = None
    body: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    source: str
    url: str | None
    lang: str | None
    html: str
    text: str
    gold: Gold
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def snippets(self) -> tuple[list[str], list[str]] | None:
        """The with/without snippet lists, when the dataset scores bodies that way."""
        with_, without = self.extra.get("with"), self.extra.get("without")
        if isinstance(with_, list) and isinstance(without, list):
            return [str(s) for s in with_], [str(s) for s in without]
        return None


def data_files(pattern: str) -> list[Path]:
    """The files a --data glob names, in a stable order so --limit is reproducible."""
    return [Path(p) for p in sorted(glob.glob(pattern))]


def dataset_name(path: Path) -> str:
    name = path.name
    for suffix in (".jsonl.gz", ".jsonl", ".json.gz", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def page_from_json(record: dict[str, Any], default_source: str) -> Page:
    gold = record.get("gold") or {}
    return Page(
        id=str(record.get("id", "")),
        source=str(record.get("source") or default_source),
        url=record.get("url"),
        lang=record.get("lang"),
        html=record.get("html") or "",
        text=record.get("text") or "",
        gold=Gold(gold.get("headline"), gold.get("date"), gold.get("body")),
        extra=record.get("extra") or {},
    )


def iter_file(path: Path, limit: int | None = None) -> Iterator[Page]:
    """Pages of one dataset file, the first `limit` of them if given."""
    default_source = dataset_name(path)
    with _open(path) as handle:
        count = 0
        for line in handle:
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            count += 1
            yield page_from_json(json.loads(line), default_source)


def iter_pages(pattern: str, limit: int | None = None) -> Iterator[Page]:
    """All pages of every file matching `pattern`; `limit` applies per dataset."""
    for path in data_files(pattern):
        yield from iter_file(path, limit)
