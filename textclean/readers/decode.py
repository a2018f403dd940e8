"""Bytes to text, without ever raising, and repair of mojibake in text.

The order follows what is most often right on scraped pages rather than the
browser's order: a byte-order mark is certain; bytes that decode as UTF-8
almost never mean anything else (a page re-saved as UTF-8 often keeps its old
`<meta charset=iso-8859-1>`), so strict UTF-8 comes before the declaration;
the declaration comes before guessing, because charset-normalizer's guess on
a short page is unreliable; Windows-1252 is the floor, as in browsers.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A declaration must sit in the head, so only the first bytes are searched;
# 8 kB allows for long inline scripts and styles before the <meta>.
DECLARATION_WINDOW = 8192
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,1000}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(
    rb"""\A\s{0,100}<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""",
    re.IGNORECASE)
# Labels Python does not know, and labels browsers read as a superset
# (WHATWG Encoding Standard): a page labelled latin-1 is really Windows-1252.
_ALIASES = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "tis-620": "cp874",
    "iso8859-11": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "shift_jis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932", "euc_kr": "cp949",
    "big5": "big5hkscs", "x-mac-cyrillic": "mac-cyrillic", "iso-8859-8-i": "iso8859-8",
    # A <meta> saying UTF-16 in bytes that are readable ASCII is wrong by definition.
    "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8",
}
# Only encodings used on the web: a page must not be able to pick one of
# Python's special codecs (idna, unicode_escape, undefined, ...).
_WEB_ENCODINGS = frozenset({
    "utf-8", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "cp874", "cp866", "koi8-r", "koi8-u", "mac-cyrillic", "mac-roman", "cp932",
    "euc_jp", "iso2022_jp", "gb18030", "big5hkscs", "cp949",
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
})
_VALID_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
GUESS_WINDOW = 200_000
# Binary input is judged on its first 4 kB: more than 3% control characters
# (tab, line breaks and form feed aside), and at least 32 of them so that a
# short string with a stray NUL stays text, and it is not a page.
BINARY_WINDOW = 4096
BINARY_SHARE = 0.03
BINARY_MIN_CONTROLS = 32
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _byte_to_char() -> dict[int, str]:
    """Windows-1252, with its five undefined bytes read as Latin-1 (as browsers do)."""
    table = {}
    for b in range(256):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            table[b] = chr(b)
    return table


_CP1252 = _byte_to_char()
_CHAR_TO_BYTE = {c: b for b, c in _CP1252.items()}


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as Windows-1252.

    Pages stitched together from UTF-8 and Windows-1252 parts are common
    (a template in one, an article pasted in the other); this keeps both.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_CP1252[b] for b in bad), exc.end


codecs.register_error("textclean-cp1252", _cp1252_fallback)


def decode_bytes(data: bytes) -> str:
    """Decode page bytes; never raises, whatever the bytes.

    Order: byte-order mark; strict UTF-8 (a multi-byte character cut at the
    very end, as by a size limit, is dropped); the charset declared in a
    `<meta>` or XML declaration in the first `DECLARATION_WINDOW` bytes;
    mostly-UTF-8 bytes with a few stray Windows-1252 bytes; charset-normalizer's
    guess from the first `GUESS_WINDOW` bytes; Windows-1252 as the floor.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(data[:BINARY_WINDOW])
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    text = _strict_utf8(data)
    if text is not None:
        return text
    declared = declared_encoding(data[:DECLARATION_WINDOW])
    if declared == "utf-8" or (declared is None and _mostly_utf8(data)):
        return data.decode("utf-8", errors="textclean-cp1252")
    if declared is not None:
        return _decode(data, declared)
    guessed = _guess(data[:GUESS_WINDOW])
    return _decode(data, guessed or "cp1252")


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark, told by where its NULs fall.

    Latin-script UTF-16 has a NUL in every other byte, all on one side; that
    is also valid UTF-8, so without this check the page would be read as text
    with a NUL between letters.
    """
    half = len(head) // 2
    if half < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def looks_binary(text: str) -> bool:
    """True when the start of a page is not text at all: an image, a gzip stream, random bytes.

    Read as text, such bytes become a long "paragraph" of symbols that every
    filter would keep. Text pages, even broken ones, almost never have more
    than a few control characters; bytes that mean nothing have one in nine.
    """
    sample = text[:BINARY_WINDOW]
    if not sample:
        return False
    data = sample.encode("utf-8", "surrogatepass")
    controls = len(data) - len(data.translate(None, _BINARY_BYTES))
    return controls >= BINARY_MIN_CONTROLS and controls > BINARY_SHARE * len(sample)


def _strict_utf8(data: bytes) -> str | None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text: str = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    pending = decoder.getstate()[0]
    # Up to three bytes of an unfinished character at the end are a cut, not
    # a sign of another encoding.
    return text if len(pending) < 4 else None


def declared_encoding(head: bytes) -> str | None:
    """The web encoding a page declares in its head, or None."""
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    return normalise_encoding(m.group(1).decode("ascii"))


def normalise_encoding(label: str) -> str | None:
    """Python's codec for an encoding label, as browsers read it; None if unknown."""
    label = label.strip().lower()
    name = _ALIASES.get(label)
    if name is None:
        try:
            name = codecs.lookup(label).name
        except LookupError:
            return None
        name = _ALIASES.get(name, name)
    return name if name in _WEB_ENCODINGS else None


# Single-byte code pages that share ASCII and most Latin letters with
# Windows-1252, and the languages that need one of the others.
_LATIN_CODE_PAGES = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "mac-roman", "iso8859-2", "iso8859-3", "iso8859-4",
    "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
})
_CENTRAL = {
    **dict.fromkeys(("Polish", "Czech", "Slovak", "Hungarian", "Croatian", "Slovene",
                     "Romanian", "Serbian", "Bosnian", "Albanian"), "cp1250"),
    **dict.fromkeys(("Lithuanian", "Latvian", "Estonian"), "cp1257"),
    "Turkish": "cp1254", "Maltese": "iso8859-3",
}
# Fewer non-ASCII bytes than this are too few to tell Latin code pages apart.
MIN_EVIDENCE = 8
# Share of non-ASCII bytes in valid UTF-8 sequences above which a page is
# UTF-8 with stray bytes. Legacy CJK encodings put 10-20% of their bytes in
# such sequences by chance, Windows-1252 text almost none.
MOSTLY_UTF8 = 0.6


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 sequences carry most of the non-ASCII bytes."""
    sample = data[:GUESS_WINDOW]
    valid = sum(len(m) for m in _VALID_UTF8_SEQ.findall(sample))
    return valid > 0 and valid >= MOSTLY_UTF8 * len(_HIGH_BYTE.findall(sample))


def _guess(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return None
    results = from_bytes(sample)
    best = results.best()
    if best is None or not best.encoding:
        return None
    encoding = normalise_encoding(best.encoding)
    if encoding is None:
        return "cp1252"
    if encoding in _LATIN_CODE_PAGES:
        # charset-normalizer ranks the Latin code pages level with each other
        # (it puts French in Windows-1250, "à" becoming "ŕ", and Polish in
        # Windows-1252) and guesses wildly on a few accented letters. Its
        # language guess is the better judge: the language's own code page if
        # it decodes as cleanly, Windows-1252 (the commonest) otherwise.
        preferred = _CENTRAL.get(str(best.language))
        if preferred is None or len(_HIGH_BYTE.findall(sample)) < MIN_EVIDENCE:
            return "cp1252"
        if any(normalise_encoding(m.encoding) == preferred and m.chaos <= best.chaos + 0.01
               for m in results):
            return preferred
    return encoding


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, errors="replace")
    except (LookupError, UnicodeError):  # pragma: no cover - allow-listed codecs only
        return data.decode("cp1252", errors="textclean-cp1252")


# Mojibake: UTF-8 bytes that were read as Windows-1252 (or Latin-1), such as
# "â€™" for "’". A lead character followed by exactly the right number of
# continuation characters; every repetition is bounded.
_CONTINUATION = "".join(re.escape(_CP1252[b]) for b in range(0x80, 0xC0))
# Written as one lead class then look-behinds (not three alternatives) so the
# regex engine can skip ahead to lead characters: four times faster on text
# full of accented letters.
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00f4](?:(?<=[\u00c2-\u00df])[{_CONTINUATION}]"
    f"|(?<=[\u00e0-\u00ef])[{_CONTINUATION}]{{2}}"
    f"|(?<=[\u00f0-\u00f4])[{_CONTINUATION}]{{3}})"
)
# What a repaired sequence may decode to: the scripts and symbols that news
# text uses. A match that decodes to anything else (say, Samaritan, from
# French "à" + no-break space + "»") is legitimate text and is left alone.
_PLAUSIBLE = re.compile(
    "[\u00a0-\u024f\u0370-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u1e00-\u1eff\u2000-\u215f"
    "\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u2500-\u27bf\u3000-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef\U0001f300-\U0001faff]"
)


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as Windows-1252 or Latin-1.

    Each suspicious sequence is re-encoded and decoded as UTF-8 on its own,
    and kept only if that gives one plausible character, so correct text,
    including text that mixes repaired and correct parts, is left as it is.
    """
    if text.isascii() or not _MOJIBAKE.search(text):
        return text
    return _MOJIBAKE.sub(_repair, text)


def _repair(m: re.Match[str]) -> str:
    seq = m.group(0)
    try:
        fixed = bytes(_CHAR_TO_BYTE[c] for c in seq).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return seq
    return fixed if _PLAUSIBLE.fullmatch(fixed) else seq
