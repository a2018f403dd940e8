"""Body finding on plain-text input in languages and shapes without a stop-word list."""

from __future__ import annotations

import textclean

_KOREAN_PARAGRAPHS = [
    "오늘 아침 시청 앞 광장에서는 지역 주민들이 모여 새로운 공원 조성 계획에 대한 의견을 "
    "나누었다. 이번 계획은 지난해부터 논의되어 온 것으로 주민들은 대체로 환영하는 분위기였다. "
    "하지만, 일부 상인들은 공사 기간 동안 영업에 어려움이 생길 수 있다며 우려를 표했다.",
    "시청 관계자는 공사 기간을 최대한 줄이고 상인들의 피해를 줄이기 위한 방안을 마련하겠다고 "
    "밝혔다. 또한 공원이 완성되면 주변 상권에도 도움이 될 것이라고 덧붙였다. 주민들은 다음 달에 "
    "열리는 설명회에서 더 자세한 내용을 들을 수 있을 것으로 기대하고 있다.",
    "한편 이번 공원 조성 사업에는 약 삼십억 원의 예산이 들어갈 예정이며, 내년 봄에 착공해 "
    "이듬해 가을에 문을 열 계획이다. 시는 공원 안에 산책로와 어린이 놀이터 그리고 작은 "
    "도서관을 함께 만들 예정이라고 설명했다.",
]


def _korean_page() -> str:
    menu = ["뉴스", "정치", "경제", "사회", "문화"]
    imprint = ("[ 발행인 : 김하늘 ] [ 편집인 : 이바다 ] [ 등록번호 : 서울, 아00000 ] "
               "[ 주소 : 서울시 어느구 어느동 1-2, 3층 ] [ 전화 : 02-000-0000 ]")
    footer = ["회사소개", "광고문의", "개인정보처리방침", "이용약관", "고객센터"]
    return "\n\n".join(["\n".join(menu), *_KOREAN_PARAGRAPHS, "\n".join(footer), imprint])


def test_long_paragraphs_of_a_language_without_stopwords_are_the_body() -> None:
    # Korean prose has few punctuation marks per word; one heavily punctuated
    # imprint line must not outrank three long paragraphs of it.
    body = textclean.clean(_korean_page(), input="text").body
    for paragraph in _KOREAN_PARAGRAPHS:
        assert paragraph in body
    assert "발행인" not in body


_CHINESE_PARAGRAPHS = [
    "市政府周一宣布，将在明年春天开始建设一座新的城市公园。公园将包括步行道、儿童游乐场和一个小型图书馆，"
    "预计总投资约为三亿元，工程计划在后年秋天完成。",
    "许多居民表示欢迎这一计划，认为新公园将改善社区环境，也会给孩子们带来更多活动空间。不过，一些商户担心"
    "施工期间会影响生意，希望政府能够尽量缩短工期。",
    "市政府官员表示，将在下个月举行公开说明会，向居民详细介绍项目内容，并听取各方意见，然后再确定最终方案。",
]
_ENGLISH_FOOTER = [
    "All of the content on this site is provided for general information only and it is not "
    "a substitute for the advice of a professional who knows your situation.",
    "We use cookies and similar tools to improve your experience on our site, and you can "
    "change the settings at any time from the link at the bottom of this page.",
    "The views expressed in the comments are those of their authors and not of the publisher, "
    "who is not responsible for them or for any of the sites that they link to.",
    "This page was last updated by the editors of the site, and all of the rights in the text "
    "and the images are reserved by their owners unless it is stated otherwise.",
]


def test_chinese_paragraphs_are_judged_by_punctuation_on_a_page_with_english_lines() -> None:
    # The English lines make stop words look usable on the page; the Chinese
    # paragraphs have none and must still be read as prose.
    menu = "\n".join(["首页", "新闻", "财经", "体育", "娱乐"])
    page = "\n\n".join([menu, *_CHINESE_PARAGRAPHS, menu, *_ENGLISH_FOOTER])
    body = textclean.clean(page, input="text").body
    for paragraph in _CHINESE_PARAGRAPHS:
        assert paragraph in body
    assert "cookies" not in body


def test_a_chinese_opening_sentence_without_a_comma_is_kept() -> None:
    # Chinese runs long clauses without a comma; one full stop at the end of
    # sixty characters is a sentence, and the article starts there.
    opening = "市政府在今年年初收购的一家本地建筑公司已经开始为新的城市公园设计一套能够自动收集雨水并用于浇灌草地的系统。"
    menu = "\n".join(["首页", "新闻", "财经", "体育", "娱乐"])
    page = "\n\n".join([menu, opening, *_CHINESE_PARAGRAPHS, menu])
    body = textclean.clean(page, input="text").body
    assert body.startswith(opening)


def test_short_article_above_a_long_comment_thread_is_the_body() -> None:
    article = ("The harbour council voted on Monday to close the old ferry pier for repairs "
               "over the summer, and the ferries will use the north landing until the work "
               "is finished in the autumn, a spokesman for the council said.")
    reply = ("I think that the council is right about this, but they should have told all "
             "of the people who use the ferry every day a lot sooner than they did, because "
             "many of us have to change the way that we get to work now and it is not easy.")
    thread = []
    for n in range(6):
        thread += [f"Re: Ferry pier (Score:{n % 5})", f"by reader{n} ({1000 + n})",
                   reply.replace("I think", f"Reader {n} thinks"), reply, "Reply to This"]
    page = "\n\n".join(["Home\nNews\nSport", "Ferry pier to close for repairs", article,
                        "Comments", *thread])
    body = textclean.clean(page, input="text").body
    assert article in body
    assert "Reader 3 thinks" not in body


_CZECH_PARAGRAPHS = [
    "Když jsme ráno přišli na náměstí, bylo už plno lidí. Starosta města při té příležitosti "
    "řekl, že nový park bude hotový ještě před zimou, pokud to počasí dovolí, a pak si prohlédl "
    "plány stavby. Lidé se ho ptali, kdy budou moci park poprvé navštívit.",
    "Obyvatelé mají z nového parku radost, ale někteří z nich se bojí hluku při stavbě. Podle "
    "nich by město mělo práce omezit jen na dopolední hodiny, aby si lidé mohli po obědě "
    "odpočinout. Město jim slíbilo, že o tom ještě jednou povede debatu.",
    "Stavba má stát asi třicet milionů korun a zaplatí ji město spolu s krajem. Radní už teď "
    "jednají o tom, kdy začnou první práce a kdo za ně bude odpovídat, až bude park otevřen. "
    "Podle plánu by to mělo být už na jaře.",
]


def test_czech_paragraphs_outrank_the_site_footer() -> None:
    # With too short a stop-word list every Czech paragraph was only
    # near-good, and the footer's copyright notice came along with them.
    menu = "\n".join(["Zprávy", "Domácí", "Zahraničí", "Sport", "Kultura"])
    related = "\n".join(["Nový most v centru", "Kraj chystá opravy silnic", "Počasí na víkend"])
    footer = ("Veškerý obsah tohoto webu je chráněn autorským právem a je zakázáno ho jakkoli "
              "šířit bez souhlasu vydavatele, který za obsah odpovídá a na který se můžete "
              "obrátit v případě dotazů.")
    page = "\n\n".join([menu, *_CZECH_PARAGRAPHS, related, menu, footer])
    body = textclean.clean(page, input="text").body
    for paragraph in _CZECH_PARAGRAPHS:
        assert paragraph in body
    assert "autorským právem" not in body


def test_one_paragraph_article_above_a_long_run_of_replies_is_the_body() -> None:
    article = ("The harbour council voted on Monday to close the old ferry pier for repairs over "
               "the summer, and the ferries will use the north landing until the work is done, "
               "a spokesman for the council said after the meeting.")
    long_reply = [f"Part {n} of a long reply: I have used this ferry for all of my life and I do "
                  "not think that the council has been honest with the people who depend on it "
                  "every day, because the pier was in a bad state for years before this." for n
                  in range(8)]
    page = "\n\n".join(["Home\nNews\nSport", "Ferry pier to close", article,
                         "Re: Ferry pier (Score:5)", "by reader1 (1001)", *long_reply,
                         "Reply to This", "Re: Ferry pier (Score:2)", "by reader2 (1002)",
                         "Me too.", "Reply to This"])
    body = textclean.clean(page, input="text").body
    assert article in body
    assert "Part 3 of a long reply" not in body


_HINDI_PARAGRAPHS = [
    "शहर की नगर परिषद ने मंगलवार को नई नौका समय सारणी को मंजूरी दे दी, जिससे दोनों द्वीपों के "
    "निवासियों और संचालकों के बीच साल भर से चल रहा विवाद खत्म हो गया। परिषद के अध्यक्ष ने कहा कि यह "
    "फैसला सभी पक्षों से बातचीत के बाद लिया गया है और इससे यात्रियों को बड़ी राहत मिलेगी।",
    "नई योजना के तहत पहली नौका सुबह छह बजे चलेगी और आखिरी नौका रात साढ़े दस बजे रवाना होगी। "
    "स्थानीय व्यापारी लंबे समय से इस बदलाव की मांग कर रहे थे क्योंकि शाम की पाली में काम करने वाले "
    "लोग घर नहीं लौट पाते थे।",
    "संचालकों ने बताया कि गर्मियों के मौसम में हर नौका पर दो और कर्मचारियों की जरूरत होगी और भर्ती "
    "अगले महीने से शुरू की जाएगी। परिषद एक साल बाद इस समय सारणी की समीक्षा करेगी।",
]


def test_hindi_article_is_found_whole_under_its_headline() -> None:
    # Sentences end in a danda (।) and words carry combining vowel signs:
    # before, every paragraph looked like a line of junk and the body was empty.
    menu = "\n".join(["होम", "देश", "दुनिया", "खेल", "मनोरंजन", "व्यापार", "तकनीक", "लॉग इन करें"])
    page = "\n\n".join([menu, "नौका की नई समय सारणी को मंजूरी", *_HINDI_PARAGRAPHS,
                        "कॉपीराइट © 2024 समाचार"])
    article = textclean.clean(page, input="text")
    assert article.headline == "नौका की नई समय सारणी को मंजूरी"
    assert article.body == "\n\n".join(_HINDI_PARAGRAPHS)


_LINKED_PARAGRAPHS = [
    ("The <a href='/c'>harbour council</a> voted on Monday to close the old ferry pier for "
     "repairs over the summer, and the ferries will use the <b>north landing</b> until the work "
     "is done, a spokesman for the <a href='/p'>port authority</a>, said."),
    ("Repairs were first proposed <a href='/y'>two years ago</a>, when divers found that several "
     "of the <em>oak piles</em> under the pier had rotted through, and the council set aside "
     "money for the work in its spring budget."),
    ("Residents said they were glad the pier would be saved, though <a href='/r'>some "
     "worried</a> about the longer walk to the north landing during July and August."),
]


def test_text_taken_node_by_node_from_the_dom_gives_whole_paragraphs() -> None:
    # BeautifulSoup's get_text("\n") breaks the line before and after every
    # link or emphasis; the article must still come out as whole sentences.
    from bs4 import BeautifulSoup

    html = ("<ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul>"
            "<h1>Harbour council closes the old ferry pier</h1>"
            + "".join(f"<p>{p}</p>" for p in _LINKED_PARAGRAPHS)
            + "<p>Copyright 2024 Harbour News</p>")
    page = BeautifulSoup(html, "lxml").get_text("\n", strip=True)
    assert "\nharbour council\n" in page
    article = textclean.clean(page, input="text")
    expected = [BeautifulSoup(p, "lxml").get_text() for p in _LINKED_PARAGRAPHS]
    assert article.headline == "Harbour council closes the old ferry pier"
    assert article.body == "\n\n".join(expected)


_BLOG_PARAGRAPHS = [
    "週末一早就出發前往山上的營地 沿路的楓樹已經開始轉紅 車子開得很慢就是想多看幾眼",
    "到了營地才發現昨晚下過雨 地上到處都是落葉和水窪 只好選擇比較高的位置搭帳篷",
    "傍晚時分雲霧慢慢散開 對面的山頭被夕陽染成一片金黃 大家都忍不住拿起相機拍個不停",
    "晚餐是朋友準備的火鍋和烤肉 在寒冷的山上吃起來特別溫暖 聊天聊到很晚才回帳篷休息",
]


def test_chinese_blog_paragraphs_that_pause_with_spaces_are_prose() -> None:
    # Informal Chinese writing puts a space where a comma would go: without
    # a punctuation mark the paragraphs used to read as menus.
    menu = "\n".join(["首頁 相簿 留言板 關於我", "旅遊 露營 美食 攝影"])
    page = "\n\n".join([menu, *_BLOG_PARAGRAPHS, menu, *_ENGLISH_FOOTER])
    body = textclean.clean(page, input="text").body
    for paragraph in _BLOG_PARAGRAPHS:
        assert paragraph in body
    assert "首頁 相簿" not in body and "cookies" not in body


def test_a_sentence_that_starts_with_video_or_watch_is_not_a_photo_credit() -> None:
    story = [
        "The council met on Tuesday evening to discuss the plan for the new library, and most "
        "of the members said that they would support it if the costs were shared.",
        "Video recordings of the meeting show that the vote was close, and that two members "
        "changed their minds.",
        "The board will meet again in May to decide how the work should be paid for, a "
        "spokesman for the council said on Wednesday.",
        "Watch out for the notice of the next meeting in the town hall!",
        "Photo: Jane Doe",
        "The library has been closed since a fire damaged its roof two years ago, and its books "
        "have been kept in a school hall on the other side of the river since then.",
    ]
    body = textclean.clean("\n\n".join(story), input="text").body
    assert "Video recordings of the meeting" in body
    assert "Watch out for the notice" in body
    assert "Jane Doe" not in body


_WIRE_PARAGRAPHS = [
    "The city's cricket chief stepped down on Monday, clearing the way for a former captain "
    "to take charge of the board.",
    "He offered his resignation in writing to the sports ministry and will leave the post at "
    "the end of the week, an official said.",
    "The former captain, now a member of parliament, led the national side to its only world "
    "title eleven years ago.",
    "He is expected to be appointed next week, sources close to the president's office have "
    "told reporters in the capital.",
]


def test_a_wire_story_of_short_paragraphs_beats_one_long_footer_paragraph() -> None:
    # No paragraph reaches the length of a "good" block on its own; four
    # sentences in a row still read as the story, not the site's blurb below.
    footer = ("The Daily Courier is the leading independent newspaper of the region, founded in "
              "1881 and read every day by more than two hundred thousand people who want local "
              "news, sport, business and weather from a team of reporters who live where they work.")
    page = "\n\n".join(["News | Sport | Business", "Cricket chief resigns", *_WIRE_PARAGRAPHS,
                        "Email story | Print | Search", "\n".join(_FOOTER_LINKS), footer])
    body = textclean.clean(page, input="text").body
    assert body.split("\n\n")[:4] == _WIRE_PARAGRAPHS


_FOOTER_LINKS = ["About us", "Advertise", "Contact us", "Careers", "Site map", "Subscribe"]


def test_node_by_node_text_joins_a_capitalised_link_cut_after_an_open_word() -> None:
    # A sentence cut after "the" or "of" or a comma goes on, even when the
    # link that comes next is a name; a menu item or a title never ends so.
    from bs4 import BeautifulSoup

    paragraph = ("Ferries will use the <a href='/n'>North Landing</a> until the work on the "
                 "pier of <a href='/h'>Harbour Street</a> is done, the <em>council</em> said, "
                 "and <a href='/b'>Bus Route 4</a> will run every twenty minutes.")
    html = ("<ul><li><a href='/'>Home</a></li><li><a href='/w'>World News</a></li></ul>"
            f"<h1>Old ferry pier closes for the summer</h1><p>{paragraph}</p>"
            + "".join(f"<p>{p}</p>" for p in _LINKED_PARAGRAPHS))
    page = BeautifulSoup(html, "lxml").get_text("\n", strip=True)
    assert "\nNorth Landing\n" in page
    article = textclean.clean(page, input="text")
    assert article.headline == "Old ferry pier closes for the summer"
    assert article.paragraphs[0].text == BeautifulSoup(paragraph, "lxml").get_text()


def test_node_by_node_text_keeps_title_apart_from_sign_in_and_byline() -> None:
    # "Sign in" ends on a particle and "by" opens a byline: neither joins the
    # headline between them.
    from bs4 import BeautifulSoup

    html = ("<div><a href='/login'>Sign in</a></div>"
            "<h1>Old ferry pier closes for the summer</h1>"
            "<div>by <a href='/a'>Jane Doe</a></div>"
            + "".join(f"<p>{p}</p>" for p in _LINKED_PARAGRAPHS))
    page = BeautifulSoup(html, "lxml").get_text("\n", strip=True)
    assert page.startswith("Sign in\nOld ferry pier closes for the summer\nby\nJane Doe\n")
    article = textclean.clean(page, input="text")
    assert article.headline == "Old ferry pier closes for the summer"


def test_node_by_node_text_joins_a_linked_name_inside_a_sentence() -> None:
    # "... the plan was welcomed by" is cut; but "... said" / "Jane Doe" /
    # ", the mayor, ..." has no open word before the name: the lower-case
    # continuation after it shows the name was inside the sentence.
    from bs4 import BeautifulSoup

    paragraph = ("The harbour council voted on Tuesday evening to keep the old ferry pier open "
                 "all year round, and its chair "
                 "<a href='/p'>Jane Doe</a>, the longest-serving member, said the work "
                 "would start in <a href='/m'>March</a> and last until the autumn.")
    html = ("<h1>Old ferry pier closes for the summer</h1>"
            f"<p>{paragraph}</p>" + "".join(f"<p>{p}</p>" for p in _LINKED_PARAGRAPHS))
    page = BeautifulSoup(html, "lxml").get_text("\n", strip=True)
    assert "\nJane Doe\n" in page
    article = textclean.clean(page, input="text")
    assert article.headline == "Old ferry pier closes for the summer"
    assert article.paragraphs[0].text == BeautifulSoup(paragraph, "lxml").get_text()
