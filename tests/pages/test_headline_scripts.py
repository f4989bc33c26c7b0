"""Headlines in scripts written without spaces (Chinese, Japanese, Thai) and right to left, with
the site-name patterns their sites use: ``｜``, ``_``, ``--``, ``【Site】``, `` < Section <``."""

from __future__ import annotations

import trafilatura

from pages.headings import word_count
from pages.headline import choose_headline


def headline(head: str, url: str, body: str = "", attrs: str = "") -> str | None:
    story = "<p>" + "記事の本文です。" * 40 + "</p>"
    html = f"<html{attrs}><head>{head}</head><body>{body}{story}</body></html>"
    return choose_headline(trafilatura.utils.load_html(html), url)


def test_words_are_counted_in_scripts_without_spaces():
    assert word_count("央行宣布降准") == 3
    assert word_count("Путин провел переговоры") == 3
    assert word_count("iPhone 14 Pro") == 3


def test_a_lone_h1_in_chinese_or_japanese_is_a_headline():
    # No candidate confirms it (the title is the site's alone): one h1 of six characters.
    assert headline("<title>財経新聞</title>", "https://caijing.example.cn/a/1",
                    "<h1>央行宣布下调准备金率</h1>") == "央行宣布下调准备金率"


def test_an_h1_inside_a_title_cut_by_tight_separators():
    head = ("<title>央行宣布降准_财经频道_新闻网</title>"
            "<meta property='og:site_name' content='新闻网'>")
    assert headline(head, "https://news.example.cn/n/3", "<h1>央行宣布降准</h1>") == "央行宣布降准"
    people = "<title>央行宣布降准--财经--人民日报网</title>"
    assert headline(people, "https://people.example.cn/n/4",
                    "<h1>央行宣布降准</h1>") == "央行宣布降准"


def test_a_site_name_in_lenticular_brackets():
    site = "<meta property='og:site_name' content='毎日ニュース'>"
    url = "https://mainichi-news.example.jp/a/8"
    assert headline(f"<title>台風10号が上陸【毎日ニュース】</title>{site}", url) == "台風10号が上陸"
    assert headline(f"<title>【毎日ニュース】台風10号が上陸</title>{site}", url) == "台風10号が上陸"
    # A bracketed label that is not the site stays ("【速報】" is "breaking news").
    assert headline(f"<title>【速報】台風10号が上陸</title>{site}", url) == "【速報】台風10号が上陸"


def test_korean_titles_with_section_and_generic_trail():
    head = ("<title>국회, 예산안 통과 &lt; 정치 &lt; 기사본문 - 한국신문</title>"
            "<meta property='og:site_name' content='한국신문'>")
    nav = "<ul><li><a href='/politics'>정치</a></li><li><a href='/economy'>경제</a></li></ul>"
    assert headline(head, "https://www.hankook.example.kr/news/1", nav) == "국회, 예산안 통과"


def test_right_to_left_and_other_scripts_with_their_site_names():
    arabic = ("<title>قمة عربية في الرياض | الجزيرة نت</title>"
              "<meta property='og:site_name' content='الجزيرة نت'>")
    assert headline(arabic, "https://www.aljazeera.example/news/4",
                    attrs=" dir='rtl' lang='ar'") == "قمة عربية في الرياض"
    hebrew = "<title>הממשלה אישרה את התקציב - ynet</title>"
    assert headline(hebrew, "https://www.ynet.example.co.il/14",
                    attrs=" dir='rtl' lang='he'") == "הממשלה אישרה את התקציב"
    greek = ("<title>Νέα μέτρα για την ακρίβεια :: Η Καθημερινή</title>"
             "<meta property='og:site_name' content='Η Καθημερινή'>")
    assert headline(greek, "https://www.kathimerini.example.gr/6") == "Νέα μέτρα για την ακρίβεια"
    russian = ("<title>Путин провел переговоры - РИА Новости, 28.04.2023</title>"
               "<meta property='og:site_name' content='РИА Новости'>")
    assert headline(russian, "https://ria.example.ru/5",
                    "<h1>Путин провел переговоры</h1>") == "Путин провел переговоры"
