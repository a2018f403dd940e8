"""Relative dates (`2 hours ago`, `gestern`, `il y a 3 jours`).

They mean nothing without the moment the page was fetched, so they are only
ever resolved against a reference date the caller supplies. Months and years
ago are too coarse to give a day and are left unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "ein": 1, "eine": 1, "einer": 1, "einem": 1,
                 "un": 1, "une": 1, "una": 1, "uno": 1, "um": 1, "uma": 1, "een": 1}
_UNITS: dict[str, str] = {}
for _unit, _spellings in {
    "minutes": "second seconds sec secs minute minutes min mins sekunde sekunden minute "
               "minuten seconde secondes segundo segundos secondi minuti minuto seconden "
               "minuut",
    "hours": "hour hours hr hrs h std stunde stunden heure heures hora horas ora ore uur",
    "days": "day days tag tage tagen jour jours día días dia dias giorno giorni dag dagen",
    "weeks": "week weeks woche wochen semaine semaines semana semanas settimana "
             "settimane weken",
}.items():
    for _s in _spellings.split():
        _UNITS[_s] = _unit

_N = r"(?P<n>\d{1,3}|an?|one|eine[rm]?|ein|une?|una?|uno|uma?|een)"
_U = r"(?P<u>[^\W\d_]{1,10}\.?)"
_AGO = (
    re.compile(rf"(?<![^\W\d_]){_N}\s{{1,2}}{_U}\s{{1,2}}(?:ago|fa|geleden)(?![^\W\d_])",
               re.IGNORECASE),
    re.compile(rf"(?<![^\W\d_])(?:vor|il y a|hace|há|ha)\s{{1,2}}{_N}\s{{1,2}}{_U}"
               r"(?![^\W\d_])", re.IGNORECASE),
)
_DAY_WORDS: dict[str, dict[str, int]] = {
    "en": {"today": 0, "yesterday": -1},
    "de": {"heute": 0, "gestern": -1},
    "fr": {"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1},
    "es": {"hoy": 0, "ayer": -1},
    "it": {"oggi": 0, "ieri": -1},
    "pt": {"hoje": 0, "ontem": -1},
    "nl": {"vandaag": 0, "gisteren": -1},
    "pl": {"dzisiaj": 0, "dziś": 0, "wczoraj": -1},
    "ru": {"сегодня": 0, "вчера": -1},
}
_DAY_WORD = re.compile(
    r"(?<![^\W\d_])(today|yesterday|heute|gestern|aujourd['’]hui|hier|hoy|ayer|oggi|ieri"
    r"|hoje|ontem|vandaag|gisteren|dzisiaj|dziś|wczoraj|сегодня|вчера)(?![^\W\d_])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RelativeMatch:
    start: int
    end: int
    offset: dt.timedelta

    def resolve(self, reference: dt.datetime) -> dt.date:
        return (reference + self.offset).date()


def _ago(m: re.Match[str]) -> RelativeMatch | None:
    n_text, unit_text = m.group("n"), m.group("u").lower().rstrip(".")
    unit = _UNITS.get(unit_text)
    if unit is None:
        return None
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text.lower(), 0)
    if n <= 0:
        return None
    return RelativeMatch(m.start(), m.end(), -dt.timedelta(**{unit: n}))


def find_relative(line: str, language: str = "en") -> list[RelativeMatch]:
    """Relative dates in a line; day words only in the page's own language
    (French `hier` is yesterday, German `hier` is here)."""
    text = line[:300]
    found = [r for p in _AGO for r in map(_ago, p.finditer(text)) if r is not None]
    words = _DAY_WORDS.get(language, {})
    for m in _DAY_WORD.finditer(text):
        key = m.group(1).lower()
        if key in words:
            found.append(RelativeMatch(m.start(), m.end(), dt.timedelta(days=words[key])))
    return sorted(found, key=lambda r: r.start)
