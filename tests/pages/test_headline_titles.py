"""Titles as sites write them in many languages: separators without spaces and og:titles
cut short with an ellipsis."""

from __future__ import annotations

import trafilatura

from pages.headline import choose_headline, strip_site_name


def headline(head: str, url: str) -> str | None:
    story = "<p>" + "Words of the story. " * 30 + "</p>"
    return choose_headline(trafilatura.utils.load_html(f"<html><head>{head}</head><body>"
                                                       f"{story}</body></html>"), url)


def test_a_site_name_after_a_separator_written_without_spaces_is_stripped():
    head = ("<meta property='og:site_name' content='新浪新闻'>"
            "<title>央行宣布降准0.5个百分点_新浪新闻</title>")
    assert headline(head, "https://news.sina.com.cn/c/x.shtml") == "央行宣布降准0.5个百分点"
    head = ("<meta property='og:site_name' content='日本経済新聞'>"
            "<title>日銀が利上げを決定｜日本経済新聞</title>")
    assert headline(head, "https://www.nikkei.com/article/x/") == "日銀が利上げを決定"
    # Without a site name at the edge such a character is the headline's own.
    assert strip_site_name("Rückblick 2020–2021", {"golemde"}) == "Rückblick 2020–2021"


def test_an_og_title_cut_short_with_an_ellipsis_gives_way_to_the_whole_title():
    head = ("<meta property='og:title' content='Senate votes on the long-awaited climate…'>"
            "<title>Senate votes on the long-awaited climate bill after a night of talks</title>")
    assert headline(head, "https://news.example/a") == (
        "Senate votes on the long-awaited climate bill after a night of talks")


def test_json_ld_headlines_in_wrappers_with_raw_newlines_or_under_main_entity_are_read():
    title = "<title>Startseite | Bereich Politik</title>"
    wrapped = ('<script type="application/ld+json">//<![CDATA[\n{"@type": "NewsArticle", '
               '"headline": "Der Rat beschließt\nden Haushalt"}\n//]]></script>')
    assert headline(wrapped + title, "https://news.example/a") == "Der Rat beschließt den Haushalt"
    nested = ('<script type="application/ld+json">{"@type": "WebPage", "mainEntity": '
              '{"@type": "NewsArticle", "headline": "Der Rat beschließt den Haushalt"}}</script>')
    assert headline(nested + title, "https://news.example/a") == "Der Rat beschließt den Haushalt"


def test_a_site_name_in_the_middle_leaves_the_longer_side():
    head = ("<meta property='og:site_name' content='Journelles'>"
            "<title>Mein Gift Guide für den Winter | Journelles | Jetzt entdecken!</title>")
    assert headline(head, "https://www.journelles.de/x/") == "Mein Gift Guide für den Winter"


def test_an_authors_name_after_the_headline_is_dropped():
    head = ("<meta name='author' content='Jane Doe'>"
            "<title>Ottawa raises the rate - Jane Doe - The Daily Example</title>"
            "<meta property='og:site_name' content='The Daily Example'>")
    assert headline(head, "https://daily.example/x") == "Ottawa raises the rate"


def test_a_date_with_its_time_of_day_after_the_headline_is_dropped():
    head = "<title>Stadtrat beschließt Haushalt – 28.04.2023, 14:35 Uhr</title>"
    assert headline(head, "https://news.example/x") == "Stadtrat beschließt Haushalt"
