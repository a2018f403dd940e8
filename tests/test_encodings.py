"""Bytes in every encoding a scraped page arrives in, down to broken ones.

Each article below is written for these tests. Decoding must recover the
exact headline and body, so the checks compare the decoded text with the
original rather than only asserting that nothing raised.
"""

from __future__ import annotations

import codecs
import gzip
import random
import warnings

import pytest

import textclean
from textclean.readers import drop_controls, read, repair, sanitise
from textclean.readers.decode import declared_encoding, decode_bytes, fix_mojibake

FRENCH = (
    "Le maire de Lyon présente un plan vélo à 40 millions d’euros",
    [
        "La municipalité a dévoilé mardi un programme d’aménagements cyclables qui doit "
        "transformer les grands axes de la ville d’ici à la fin de la décennie, selon "
        "l’adjoint chargé des mobilités.",
        "« Nous voulons que chaque quartier soit à moins de dix minutes d’une piste "
        "sécurisée », a déclaré l’élu, qui estime le coût total à 40 millions d’euros — "
        "soit environ 30 € par habitant et par an.",
        "Les commerçants du centre, réunis en association, ont demandé une concertation "
        "sur les places de livraison avant le début des travaux prévu à l’été.",
    ],
)
GERMAN = (
    "Stadtrat beschließt neue Regeln für Gärten und Höfe",
    [
        "Der Stadtrat von Kassel hat am Donnerstag mit großer Mehrheit eine Satzung "
        "beschlossen, die das Versiegeln von Vorgärten künftig weitgehend verbietet.",
        "Eigentümer, die ihre Flächen bereits gepflastert haben, müssen nach Angaben der "
        "Verwaltung nicht sofort handeln; für Neubauten gelten die Vorschriften ab März.",
        "Kritik kam von der Opposition, die über die Kontrolle der Regeln sprach und eine "
        "Überprüfung nach zwei Jahren forderte.",
    ],
)
JAPANESE = (
    "市議会、新しい図書館の建設計画を承認",
    [
        "市議会は十日の本会議で、駅前に新しい中央図書館を建設する計画を賛成多数で可決した。"
        "開館は三年後を予定しており、蔵書数は現在の約二倍になる見込みだという。",
        "市長は記者会見で「子どもから高齢者まで、誰もが集まれる場所にしたい」と述べ、"
        "学習スペースや子育て世代向けの施設も設ける考えを示した。",
        "一方で、建設費の増加を懸念する声もあり、一部の議員は計画の見直しを求めている。",
    ],
)
CHINESE = (
    "城市公交系统将于下月全面更新线路",
    [
        "市交通局周二宣布，从下个月起将对全市公交线路进行全面调整，"
        "新增十二条连接新城区和老城区的线路，并取消部分客流较少的线路。",
        "交通局负责人在新闻发布会上表示，调整方案是在收集了两万多份市民意见之后制定的，"
        "目的是缩短乘客的平均出行时间。",
        "部分市民担心取消线路会给老年人出行带来不便，交通局表示将保留社区接驳服务。",
    ],
)


def as_text(article: tuple[str, list[str]]) -> str:
    headline, body = article
    return headline + "\n\n" + "\n\n".join(body) + "\n"


def as_html(article: tuple[str, list[str]], charset: str | None) -> str:
    headline, body = article
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body)
    return (f"<!DOCTYPE html>\n<html><head>{meta}<title>{headline}</title></head>\n"
            f"<body><article><h1>{headline}</h1>\n{paragraphs}</article></body></html>")


CASES = [
    pytest.param(FRENCH, "utf-8", id="utf-8"),
    pytest.param(FRENCH, "utf-8-sig", id="utf-8-bom"),
    pytest.param(FRENCH, "utf-16", id="utf-16-bom"),
    pytest.param(JAPANESE, "utf-16-be", id="utf-16-be-bom"),
    pytest.param(FRENCH, "cp1252", id="windows-1252"),
    pytest.param(GERMAN, "latin-1", id="latin-1"),
    pytest.param(JAPANESE, "shift_jis", id="shift-jis"),
    pytest.param(CHINESE, "gb18030", id="gb18030"),
]


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be":  # with its BOM, as a file saved by an editor would be
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


@pytest.mark.parametrize(("article", "encoding"), CASES)
def test_text_bytes_decode_to_the_exact_article(article: tuple[str, list[str]],
                                                encoding: str) -> None:
    text = as_text(article)
    assert decode_bytes(_encode(text, encoding)).removeprefix("\ufeff") == text


CLEAN_CASES = CASES


@pytest.mark.parametrize(("article", "encoding"), CLEAN_CASES)
def test_clean_text_bytes_recovers_headline_and_body(article: tuple[str, list[str]],
                                                     encoding: str) -> None:
    result = textclean.clean(_encode(as_text(article), encoding), input="text")
    headline, body = article
    assert result.headline == headline
    assert [p.text for p in result.paragraphs] == body


@pytest.mark.parametrize(("article", "encoding"), CASES)
def test_html_bytes_with_meta_charset_decode_exactly(article: tuple[str, list[str]],
                                                     encoding: str) -> None:
    label = {"utf-8-sig": "utf-8", "utf-16-be": "utf-16"}.get(encoding, encoding)
    page = as_html(article, label)
    assert decode_bytes(_encode(page, encoding)).removeprefix("\ufeff") == page


@pytest.mark.parametrize(("article", "encoding"), CLEAN_CASES)
def test_clean_html_bytes_recovers_body(article: tuple[str, list[str]], encoding: str) -> None:
    result = textclean.clean(_encode(as_html(article, None), encoding))
    headline, body = article
    assert result.headline == headline
    assert [p.text for p in result.paragraphs] == body


@pytest.mark.parametrize(("label", "encoding", "article"), [
    ("iso-8859-1", "cp1252", FRENCH),  # browsers read latin-1 as windows-1252
    ("windows-1252", "cp1252", FRENCH),
    ("Shift_JIS", "cp932", JAPANESE),
    ("gb2312", "gb18030", CHINESE),
])
def test_meta_charset_is_honoured_over_guessing(label: str, encoding: str,
                                                article: tuple[str, list[str]]) -> None:
    page = as_html(article, label)
    data = page.encode(encoding)
    assert declared_encoding(data[:4096]) == encoding
    assert decode_bytes(data) == page


@pytest.mark.parametrize(("text", "encoding"), [
    ("Městská rada schválila nový rozpočet. Příští rok se budou opravovat silnice a mosty, "
     "řekl starosta.", "cp1250"),
    ("Prezydent miasta zapowiedział budowę nowej linii tramwajowej. Mieszkańcy są zadowoleni, "
     "że w końcu będzie łatwiej dojechać.", "cp1250"),
    ("Belediye meclisi yeni bütçeyi onayladı. Başkan, şehirdeki yolların gelecek yıl "
     "yenileneceğini söyledi; çalışmalar ilkbaharda başlayacak.", "cp1254"),
    ("Ο δήμαρχος παρουσίασε τον νέο προϋπολογισμό της πόλης για το επόμενο έτος.", "cp1253"),
    ("Городской совет утвердил новый бюджет на следующий год, сообщил мэр.", "cp1251"),
    ("Городской совет утвердил новый бюджет на следующий год, сообщил мэр.", "koi8-r"),
])
def test_undeclared_legacy_code_pages_are_guessed(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


def test_http_equiv_and_xml_declarations() -> None:
    head = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    assert declared_encoding(head) == "cp1251"
    assert declared_encoding(b'<?xml version="1.0" encoding="ISO-8859-2"?><html>') == "iso8859-2"
    page = head + "<p>Городской совет утвердил новый бюджет на следующий год.</p>".encode("cp1251")
    assert "Городской совет утвердил" in decode_bytes(page)


@pytest.mark.parametrize("label", ["rot13", "idna", "unicode_escape", "undefined", "base64",
                                   "no-such-charset", "utf-7"])
def test_special_python_codecs_cannot_be_declared(label: str) -> None:
    data = f'<meta charset="{label}"><p>caf\xe9 cr\xe8me</p>'.encode("cp1252")
    assert declared_encoding(data) is None
    assert "café crème" in decode_bytes(data)


def test_utf8_with_stray_windows_1252_bytes_keeps_both() -> None:
    data = "Zürich – the “mixed” page".encode() + " and caf\xe9 na\xefve".encode("cp1252")
    assert decode_bytes(data) == "Zürich – the “mixed” page and café naïve"


def test_windows_1252_with_a_utf8_template_keeps_both() -> None:
    template = "Accueil › Régions".encode()
    article = FRENCH[1][0].encode("cp1252")
    doc = read(template + b"\n\n" + article, textclean.Config(input="text"))
    assert [b.text for b in doc.blocks] == ["Accueil › Régions", FRENCH[1][0]]


def test_utf8_cut_inside_a_character_is_still_utf8() -> None:
    data = "Über den Fluß führt eine Brücke — 東京".encode()
    assert decode_bytes(data[:-1]) == "Über den Fluß führt eine Brücke — 東"


def test_double_encoded_mojibake_is_repaired() -> None:
    headline, body = FRENCH
    text = as_text(FRENCH)
    garbled = text.encode("utf-8").decode("cp1252", errors="strict")
    assert "dÃ©voilÃ©" in garbled
    result = textclean.clean(garbled.encode("utf-8"), input="text")
    assert result.headline == headline
    assert [p.text for p in result.paragraphs] == body


def test_mojibake_read_as_latin1_is_repaired() -> None:
    text = "Les élèves l’ont dit: “Ça va”. Á bientôt."
    assert sanitise(text.encode("utf-8").decode("latin-1")) == text


@pytest.mark.parametrize("text", [
    "là\xa0» dit-il",            # French spacing: would decode to a Samaritan letter
    "ÂGE: 40 ans; Ãbidos",      # capitals followed by plain letters
    "Ça coûte 5 € à Zürich",
    "Ã",
])
def test_correct_text_is_not_taken_for_mojibake(text: str) -> None:
    assert fix_mojibake(text) == text


@pytest.mark.parametrize("data", [
    b"\xff\xfe\x00",                       # UTF-16 BOM with an odd byte
    b"\xef\xbb\xbf\xff\xfe",               # UTF-8 BOM then invalid bytes
    b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc",  # invalid UTF-8 sequences
    b"\xed\xa0\x80\xed\xbf\xbf",           # UTF-8-encoded surrogates
    b"\xf4\x90\x80\x80",                   # above U+10FFFF
    b"\x00" * 100,
    bytes(range(256)) * 4,
    b'<meta charset="utf-16"><p>\x00h\x00i</p>',
    b'<?xml encoding="utf-32"?>\x00\x00\x00',
])
def test_invalid_bytes_never_crash(data: bytes) -> None:
    text = decode_bytes(data)
    assert isinstance(text, str)
    article = textclean.clean(data)
    article.body.encode("utf-8")  # the output is always encodable


def test_xml_looking_input_reads_without_library_warnings() -> None:
    # The fallback parser's "looks like XML" advice would reach the user's
    # stderr on every such page; textclean chose HTML parsing on purpose.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        textclean.clean(b'<?xml encoding="utf-32"?>\x00\x00\x00')
        textclean.clean('<?xml version="1.0"?><rss><channel><item><title>A story</title>'
                        '</item></channel></rss>', input="html")


def test_nul_bytes_and_surrogates_are_removed() -> None:
    doc = read("Hello\x00 world\ud800 and \udfff more\x07", textclean.Config())
    assert [b.text for b in doc.blocks] == ["Hello world and more"]


def test_c1_controls_are_read_as_windows_1252() -> None:
    assert sanitise("\x93quoted\x94 \x85") == "“quoted” …"


def test_html_read_as_latin1_is_repaired_like_text() -> None:
    # U+0085 is whitespace to the HTML rendering: read as Windows-1252 first,
    # the "Å" whose second UTF-8 byte it was comes back instead of "Ã ".
    sentence = "Åsa said \u201cyes\u201d to the council, and the mayor said the plan would stay."
    garbled = sentence.encode("utf-8").decode("latin-1")
    article = textclean.clean(f"<html><body><p>{garbled}</p></body></html>", input="html")
    assert article.body == sentence


def test_bom_in_str_input_is_dropped() -> None:
    assert sanitise("\ufeffHeadline") == "Headline"


BRIDGE = ("Bridge opens after ten years\n\nThe city council voted on Monday to approve "
          "the new bridge across the river, ending a decade of debate about its cost.\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_read(encoding: str) -> None:
    article = textclean.clean(BRIDGE.encode(encoding))
    assert article.headline == "Bridge opens after ten years"
    assert article.body.startswith("The city council voted on Monday")


def test_binary_data_reads_as_an_empty_page() -> None:
    # Random bytes and compressed data decode to a long run of symbols that
    # no filter would remove; they must come out empty, not as a "body".
    noise = random.Random(7).randbytes(200_000)
    packed = gzip.compress("".join(f"{i}. {BRIDGE}" for i in range(2000)).encode())
    for data in (noise, packed, noise.decode("latin-1")):
        article = textclean.clean(data)
        assert article.body == "" and article.headline == ""


def test_a_few_control_characters_do_not_make_a_page_binary() -> None:
    article = textclean.clean(BRIDGE.replace("ten", "ten\x00\x07").encode())
    assert article.headline == "Bridge opens after ten years"


@pytest.mark.parametrize("size", [100, 50_000])
@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x7f", "\x0b"])
def test_control_characters_leave_small_and_large_pages_alike(size: int, control: str) -> None:
    # Large pages look for the controls before dropping them: same result.
    page = ("x" * size) + f"a{control}b \u00e9\t\n"
    assert drop_controls(page) == ("x" * size) + "ab \u00e9\t\n"
    assert drop_controls("x" * size) == "x" * size


@pytest.mark.parametrize("text", [
    "caf\u00e9 \u0093quoted\u0094", "\u00c3\u00a9t\u00c3\u00a9 \u00e2\u20ac\u2122", "plain \u2019",
    "\u0081\u008d \u00c3\u0081", "\u00c2\u0085 next"])
def test_repair_reads_c1_controls_alike_from_the_text_or_its_utf8(text: str) -> None:
    assert repair(text, text.encode("utf-8")) == repair(text)
