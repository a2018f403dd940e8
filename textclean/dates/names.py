"""Month and weekday names in the languages news pages are written in.

One flat table per kind rather than one per language: a page's language
guess is often wrong on the short lines datelines live on, and the same
spelling almost never names two different months across languages, so a
single lookup is both simpler and more robust. The few clashes (Croatian
`listopad` is October, Polish and Czech November) are settled for the more
common language.
"""

from __future__ import annotations

import re
from typing import Any

_MONTHS: dict[int, str] = {
    1: """januára janar януари january jan janvier janv enero ene gennaio gen janeiro
        januari januar jänner jaenner stycznia styczeń styczen sty января январь янв
        ocak ledna leden tammikuuta ianuarie január ιανουαρίου січня يناير جانفي""",
    2: """februára shkurt февруари february feb febr februar feber février fevrier
        févr fevr febrero febbraio fevereiro fev februari lutego luty lut февраля
        февраль фев şubat subat února unor helmikuuta februarie február φεβρουαρίου
        лютого فبراير شباط فيفري""",
    3: """marts marca march mar märz maerz mrz mär mars marzo março marco maart mrt
        marca marzec марта март мар mart března brezna maaliskuuta martie március
        maret μαρτίου березня آذار""",
    4: """apríla prill april apr avril avr abril abr aprile aprilie kwietnia kwiecień
        kwiecien kwi апреля апрель апр nisan dubna huhtikuuta április απριλίου
        квітня أبريل ابريل إبريل نيسان أفريل""",
    5: """mája may mai mayo maggio mag maio mei maja maj мая май mayıs mayis května
        kvetna toukokuuta május μαΐου травня مايو أيار""",
    6: """júna qershor юни june jun juni juin junio giugno giu junho czerwca czerwiec
        cze июня июнь июн haziran června cervna kesäkuuta iunie június ιουνίου
        червня يونيو حزيران جوان""",
    7: """júla korrik юли july jul juli juillet juil julio luglio lug julho lipca
        lipiec lip июля июль июл temmuz července cervence heinäkuuta iulie július
        ιουλίου липня يوليو تموز جويلية""",
    8: """augusta gusht august aug août aout agosto ago augustus agustus sierpnia
        sierpień sierpien sie августа август авг ağustos agustos srpna elokuuta
        augusztus αυγούστου серпня augusti أغسطس آب أوت""",
    9: """septembra shtator септември september sep sept septembre septiembre
        setiembre settembre set setembro września wrzesień wrzesien wrz сентября
        сентябрь сен eylül eylul září zari syyskuuta septembrie szeptember
        σεπτεμβρίου вересня سبتمبر أيلول""",
    10: """októbra tetor октомври october oct oktober okt octobre octubre ottobre ott
        outubro out października październik pazdziernika paz paź октября октябрь
        окт ekim října rijna lokakuuta octombrie október οκτωβρίου жовтня أكتوبر
        اكتوبر""",
    11: """novembra nëntor ноември november nov novembre noviembre novembro listopada
        listopad lis ноября ноябрь ноя kasım kasim listopadu marraskuuta noiembrie
        νοεμβρίου листопада نوفمبر""",
    12: """decembra dhjetor декември december dec décembre decembre déc diciembre dic
        dicembre dezembro dez dezember desember grudnia grudzień grudzien gru
        декабря декабрь дек aralık aralik prosince joulukuuta decembrie δεκεμβρίου
        грудня ديسمبر""",
}

_WEEKDAYS = """monday mon tuesday tue tues wednesday wed thursday thu thur thurs
    friday fri saturday sat sunday sun montag dienstag mittwoch donnerstag
    freitag samstag sonnabend sonntag mo di mi do fr sa so lundi mardi mercredi
    jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim lunes martes
    miércoles miercoles jueves viernes sábado sabado domingo lunedì lunedi
    martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi
    domenica segunda terça terca quarta quinta sexta feira maandag dinsdag
    woensdag donderdag vrijdag zaterdag zondag poniedziałek wtorek środa
    czwartek piątek sobota niedziela понедельник вторник среда четверг
    пятница суббота воскресенье"""

MONTHS: dict[str, int] = {
    name: number for number, names in _MONTHS.items() for name in names.split()
}
WEEKDAYS: frozenset[str] = frozenset(_WEEKDAYS.split())


def month_number(name: str) -> int | None:
    """The month a printed name means, tolerant of case and a trailing dot."""
    return MONTHS.get(name.lower().rstrip("."))


def alternation(names: set[str] | frozenset[str] | list[str]) -> str:
    """A regex matching any of the literal names, factored as a trie.

    Three hundred month names as a flat alternation are tried one by one at
    every position; sharing prefixes (`jan(?:uary|vier|...)`) lets the
    engine drop most of them after the first letter. Longer names are tried
    before their prefixes, so `March` is never cut to `Mar`.
    """
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
