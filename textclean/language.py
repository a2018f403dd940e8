"""Stop words per language, and a guess of the page's language from them.

Stop-word density is what separates prose from menus in any language
(jusText's key insight), so the lists only need the commonest function
words, not completeness. The language is guessed once per page from all of
its words, which is far more reliable than guessing per block.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import islice

_LISTS: dict[str, str] = {
    "en": """a about after all also an and any are as at be because been but by can
        could did do does for from had has have he her his how i if in into is it its
        just like may more most my no not of on one only or other our out over said
        says she so some such than that the their them then there these they this
        those to up was we were what when where which while who will with would you
        your new been being both each few many much must should since through under
        until very against between during before""",
    "de": """aber als am an auch auf aus bei bin bis bist da dann das dass dem den der
        des die dies doch dort du durch ein eine einem einen einer eines er es für hat
        hatte hier ich ihr im in ist ja jetzt kann kein mit nach nicht noch nur ob oder
        sich sie sind so um und uns von vor war was weil wenn werden wie wir wird wurde
        zu zum zur über sein seine ihre einer beim man mehr schon sehr diese dieser""",
    "fr": """a au aux avec ce ces cette dans de des du elle en est et il ils je la le
        les leur lui mais me même mes ne nous on ou par pas pour qu que qui sa se ses
        son sont sur ta te tes un une vous été être avait ont plus comme tout aussi
        dont elle entre fait leurs selon sans""",
    "es": """a al algo como con de del el ella en entre era es esta este esto fue ha
        hay la las le les lo los más me mi muy no nos o para pero por que se sin sobre
        su sus también un una y ya son han está desde todo cuando donde""",
    "it": """a al alla anche che chi ci come con da dal dalla del della delle di e è
        gli ha hanno i il in la le lo ma ne nel nella non o per più quando questo se si
        sono su sua suo tra un una uno degli dei sul stato essere""",
    "pt": """a ao aos as com como da das de do dos e é ela ele em entre era foi há
        isso mais mas na nas no nos não o os ou para pela pelo por que se sem ser seu
        sua são também um uma já está foram""",
    "nl": """aan al als bij dan dat de den der die dit door een en er had heb heeft
        het hij hoe ik in is je kan maar met naar niet nog of om ook op over te tot
        uit van voor was wat werd wij worden zal ze zich zij zijn""",
    "pl": """a aby ale bo był była było być do dla go i ich im jak jako jednak jest
        jego jej już które który na nad nie niż o od oraz po pod przez przy się są ta
        tak także tego to tym w we z za że czy może""",
    "ru": """а без был была были было в во вот все всё вы да для до его ее её если
        есть еще ещё же за и из или им их к как когда ли мы на над не него нет ни но
        о об он она они оно от по под при с со так также там то только что чтобы это
        этого я""",
    "sv": """och att det som en på är av för med till den har de inte om ett han
        men var jag sig från vi så kan man när år säger hon under också efter""",
    "da": """og i at det er en til på som de med af for ikke den har der et var
        han sig men om kan fra vi så også efter skal""",
    "no": """og i det er på til som en av for med at har ikke de den et var han
        om men seg fra vi så kan også etter skal""",
    "fi": """ja on ei se että oli hän ovat mutta myös kun tai joka sen ovat mukaan
        vain tämä niin jo""",
    "tr": """ve bir bu da de için ile olarak daha çok en gibi olan ama ancak ise
        sonra kadar her""",
    "id": """yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke
        karena oleh ada adalah bisa telah tersebut sebagai atau saat lebih sudah
        belum hanya jika kami kita mereka dia ia saya anda namun tetapi bahwa hingga
        sampai secara para pun agar bagi seperti masih lagi serta yaitu maka sangat
        setelah sebelum antara tak dapat harus sedang pula jadi apa kalau kepada
        sejak tanpa yg dgn""",
    "cs": """a se na je že v to s z do o k i jako ale by byl jsou pro jeho podle
        které který také jsem jsme jste byla bylo byli byly být bude budou jak jen už
        když kde co ten ta ty tak tam po při za před mezi od ze ve ke si mu ho jí její
        jejich jim nás což nebo ani až však protože aby kdy této tento tato toto tyto
        která kteří ještě tedy pak má mají může není u""",
    "hu": """a az és hogy nem is egy van meg el már de csak mint volt ha""",
    "ro": """și în de la cu a pe care din nu o un să este mai pentru se au""",
    "hi": """के का की को में है हैं और से ने पर यह वह ये वे एक था थी थे कि भी तो ही
        लिए साथ नहीं कर हो गया गई गए किया रहा रही रहे जो इस उस इन उन तक अपने अपनी
        बाद कहा होगा होगी करने करते जा तरह कुछ सकते""",
}

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in _LISTS.items()
}

_ANY_STOPWORD: frozenset[str] = frozenset().union(*STOPWORDS.values())
_LANGUAGES = tuple(STOPWORDS)
# Each stop word -> the positions in `_LANGUAGES` of the lists that hold it.
_LANGUAGES_OF: dict[str, tuple[int, ...]] = {
    word: tuple(k for k, lang in enumerate(_LANGUAGES) if word in STOPWORDS[lang])
    for word in _ANY_STOPWORD
}

def guess_language(words: Iterable[str]) -> str:
    """The language whose stop words cover most of `words` (lower-cased).

    Falls back to English, whose list also works tolerably on unknown
    Latin-script languages because of shared function words and names.
    """
    # Only stop words can score, so only they are counted (filtering in C
    # is far cheaper than counting every word of the page).
    seen: Counter[str] = Counter(filter(_ANY_STOPWORD.__contains__, islice(words, 3000)))
    # Each stop word seen adds its count to the languages listing it: a few
    # dozen words, where intersecting every list with them took 19 set operations.
    hits = [0] * len(_LANGUAGES)
    for word, count in seen.items():
        for k in _LANGUAGES_OF[word]:
            hits[k] += count
    best, best_hits = "en", 0
    for lang, lang_hits in zip(_LANGUAGES, hits, strict=True):
        if lang_hits > best_hits:
            best, best_hits = lang, lang_hits
    return best if best_hits >= 5 else "en"
