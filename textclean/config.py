"""Settings for one cleaning run, with defaults overridable by keyword.

Like ftfy's TextFixerConfig: a frozen object so a configured pipeline can be
shared between threads and processes, and `clean(text, disable=[...])` works
without building one by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

InputKind = Literal["auto", "text", "html"]


@dataclass(frozen=True)
class Config:
    """How textclean reads and cleans a page.

    `steps` is the ordered list of step names (None: the default pipeline);
    `disable` drops steps by name and `enable` appends optional ones, so the
    common changes need no list of their own. `options` gives each step its
    keyword settings by name.
    """

    input: InputKind = "auto"
    steps: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    language: str | None = None
    reference_date: dt.datetime | None = None
    # Larger inputs are cut at this many characters: no news article is
    # anywhere near it, and it bounds time and memory on hostile pages.
    max_input_chars: int = 20_000_000
    # Longer lines are cut for matching: a 50 MB single line is not prose.
    max_line_chars: int = 200_000
    timeout: float | None = None

    def with_changes(self, **changes: Any) -> Config:
        for key in ("steps", "disable", "enable"):
            if key in changes and changes[key] is not None:
                value = changes[key]
                changes[key] = (value,) if isinstance(value, str) else tuple(value)
        return replace(self, **changes)


DEFAULT_CONFIG = Config()
