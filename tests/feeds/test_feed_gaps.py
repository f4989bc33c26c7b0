"""Gaps left open by earlier rounds, each failing before its fix: plain-text sitemaps, JSON Feeds
in UTF-16/32, JSON Feed items named only by a URL id, and numeric dates read per feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from feeds import dates, dayorder
from feeds.discovery import looks_like_feed
from feeds.errors import FeedError
from feeds.feedparse import parse_feed

URL = "http://feeds.example/feed.xml"


# Plain-text sitemaps (sitemaps.org: one URL a line) ---------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_plain_text_sitemap_gives_one_entry_per_url(newline):
    body = newline.join(
        ["https://news.example/a", "", "https://news.example/b  ", "https://news.example/a", ""]
    )
    parsed = parse_feed(
        ("\ufeff" + body).encode(), "https://news.example/sitemap.txt", "text/plain; charset=utf-8"
    )
    assert parsed.kind == "sitemap"
    assert [e.url for e in parsed.entries] == ["https://news.example/a", "https://news.example/b"]
    assert parsed.warnings == ("1 duplicate entries skipped",)


@pytest.mark.parametrize(
    "body",
    [
        b"hello\nhttps://news.example/a",
        b"body { color: red }",
        b"/relative/page\n",
        b"ftp://news.example/a\n",
    ],
)
def test_text_that_is_not_only_urls_is_still_no_feed(body):
    with pytest.raises(FeedError, match="no XML element found"):
        parse_feed(body, "https://news.example/sitemap.txt")


# JSON Feeds in UTF-16 and UTF-32 ------------------------------------------------------------


def json_feed(items: list[dict], **feed: str) -> str:
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "Café", **feed, "items": items},
        ensure_ascii=False,
    )


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
)
@pytest.mark.parametrize("content_type", [None, "application/feed+json"])
def test_a_json_feed_in_utf16_or_utf32_is_read(encoding, content_type):
    body = json_feed([{"id": "1", "url": "https://j.example/é", "title": "Thé"}])
    parsed = parse_feed(body.encode(encoding), URL, content_type)
    assert (parsed.kind, parsed.title) == ("jsonfeed", "Café")
    assert [(e.url, e.title) for e in parsed.entries] == [("https://j.example/é", "Thé")]


def test_feeds_add_recognises_a_utf16_json_feed():
    assert looks_like_feed(json_feed([]).encode("utf-16"), None)


# A JSON Feed item named only by its id ----------------------------------------------------


def test_a_json_feed_item_whose_only_url_is_its_id_takes_it_as_link():
    items = [
        {"id": "https://j.example/posts/1", "title": "by id"},
        {"id": "HTTP://j.example/posts/2", "title": "upper-case scheme"},
        {"id": "urn:uuid:5", "title": "not a URL"},
        {"id": "/posts/3", "title": "relative: not a URL"},
        {"id": "https://j.example/x", "url": "https://j.example/posts/4", "title": "url wins"},
    ]
    parsed = parse_feed(json_feed(items).encode(), URL)
    assert [e.url for e in parsed.entries] == [
        "https://j.example/posts/1",
        "http://j.example/posts/2",
        "https://j.example/posts/4",
    ]
    assert parsed.entries[0].guid == "https://j.example/posts/1"


# Numeric dates: day or month first, decided per feed -------------------------------------


def rss(dates: list[str], language: str | None = None, url: str = URL) -> bytes:
    items = "".join(
        f"<item><title>{n}</title><link>http://feeds.example/{n}</link>"
        f"<pubDate>{d}</pubDate></item>"
        for n, d in enumerate(dates)
    )
    lang = f"<language>{language}</language>" if language else ""
    return (f"<rss version='2.0'><channel><title>T</title>{lang}{items}</channel></rss>").encode()


def days(body: bytes, url: str = URL) -> list[tuple[int, int] | None]:
    entries = parse_feed(body, url).entries
    return [(e.published.month, e.published.day) if e.published else None for e in entries]


def test_a_second_field_past_12_makes_the_whole_feed_month_first():
    assert days(rss(["06-13-2024 10:00", "07-06-2024 10:00"])) == [(6, 13), (7, 6)]
    assert days(rss(["06/13/2024 10:00", "07/06/2024 10:00"])) == [(6, 13), (7, 6)]


def test_a_first_field_past_12_makes_the_whole_feed_day_first():
    assert days(rss(["13-06-2024 10:00", "07-06-2024 10:00"])) == [(6, 13), (6, 7)]
    assert days(rss(["13/06/2024 10:00", "07/06/2024 10:00"])) == [(6, 13), (6, 7)]


@pytest.mark.parametrize(
    ("language", "url", "expected"),
    [
        ("en-US", URL, (7, 6)),  # the language's region
        ("en-us", "http://news.example.de/feed", (7, 6)),  # region before domain
        ("en", "http://news.example.us/feed", (7, 6)),  # a month-first country's domain
        ("en", "http://news.example.co.uk/feed", (6, 7)),
        ("de", URL, (6, 7)),  # a language other than English
        ("en-GB", URL, (6, 7)),
    ],
)
def test_language_and_country_domain_break_the_tie(language, url, expected):
    assert days(rss(["07-06-2024 10:00", "07/06/2024 10:00"], language), url) == [expected] * 2


def test_without_any_sign_dashes_stay_day_first_and_slashes_unread():
    assert days(rss(["07-06-2024 10:00", "07/06/2024 11:00"], "en")) == [(6, 7), None]


def test_contradicting_dates_decide_nothing():
    assert dayorder.numeric_order(["13-06-2024", "06-13-2024"], "en-US") is None
    assert days(rss(["13-06-2024 10:00", "06-13-2024 10:00", "07-06-2024 10:00"], "en-US")) == [
        (6, 13),
        (6, 13),
        (6, 7),
    ]


def test_numeric_order_reads_the_evidence_first():
    assert (
        dayorder.numeric_order(["Mon, 06 Jul 2020 10:00:00 GMT", "14-02-2020"], "en-US")
        == dayorder.DAY_FIRST
    )
    assert dayorder.numeric_order(["2024-06-13", "02-14-2020"], "de") == dayorder.MONTH_FIRST
    # dots: always day first, no evidence
    assert dayorder.numeric_order(["22.11.2022"], None) is None


def test_a_json_feed_decides_its_order_too():
    items = [
        {"id": "1", "url": "https://j.example/1", "date_published": "06-13-2024 10:00"},
        {"id": "2", "url": "https://j.example/2", "date_published": "07-06-2024 10:00"},
    ]
    parsed = parse_feed(json_feed(items).encode(), URL)
    assert parsed.entries[1].published == datetime(2024, 7, 6, 10, tzinfo=UTC)


def test_parse_date_takes_an_order():
    assert dates.parse_date("07-06-2024", dates.MONTH_FIRST) == datetime(2024, 7, 6, tzinfo=UTC)
    assert dates.parse_date("07-06-2024") == datetime(2024, 6, 7, tzinfo=UTC)
    assert dates.parse_date("22.11.2022", dates.MONTH_FIRST) == datetime(2022, 11, 22, tzinfo=UTC)


# EBCDIC documents (feedparser's encoding suite: 21 files refused as "no XML element found") ---


@pytest.mark.parametrize("encoding", ["cp037", "cp500", "cp1140", "ibm039", "ebcdic-cp-us"])
def test_an_ebcdic_feed_is_decoded_by_its_declaration(encoding):
    body = (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>Ø</title>'
        "<item><title>Café</title><link>http://feeds.example/a</link></item></channel></rss>"
    ).encode(encoding)
    parsed = parse_feed(body, URL)
    assert (parsed.title, [(e.url, e.title) for e in parsed.entries]) == (
        "Ø",
        [("http://feeds.example/a", "Café")],
    )
    assert looks_like_feed(body, None)


def test_an_atom_feed_read_by_feedparser_decides_its_order_too():
    entries = "".join(
        f"<entry><title>{n}</title><link href='http://feeds.example/{n}'/><id>urn:{n}</id>"
        f"<updated>{d}</updated></entry>"
        for n, d in enumerate(["06-13-2024 10:00", "07-06-2024 10:00"])
    )
    atom = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>{entries}</feed>"
    assert days(atom.encode()) == [(6, 13), (7, 6)]
