"""Plain RSS 2.0 is read without feedparser (``feeds.rssdirect``), giving what feedparser gave.

The first tests fail before ``feeds.rssdirect``: feedparser read every RSS document, about four
times slower. The rest compare the direct reading with feedparser's on the shapes where
feedparser's rules are subtle, and check that feedparser still reads what is not plain RSS.
"""

from __future__ import annotations

from unittest import mock

import feedparser
import pytest

from bench.feed_speed import feedparser_only, wordpress_feed
from feeds.feedparse import parse_feed

URL = "http://feeds.example/feed.xml"


def rss(
    items: str,
    channel: str = "<title>T</title><link>http://feeds.example/</link>",
    namespaces: str = "",
) -> bytes:
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' {namespaces}><channel>"
        f"{channel}{items}</channel></rss>"
    ).encode()


DC = "xmlns:dc='http://purl.org/dc/elements/1.1/'"
CONTENT = "xmlns:content='http://purl.org/rss/1.0/modules/content/'"
MEDIA = "xmlns:media='http://search.yahoo.com/mrss/'"
ITUNES = "xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'"


def both_ways(body: bytes) -> tuple[object, object]:
    """feedparser's reading and the direct one (which must not run feedparser)."""
    with feedparser_only():
        old = parse_feed(body, URL)
    with mock.patch.object(feedparser, "parse", side_effect=AssertionError("feedparser ran")):
        return old, parse_feed(body, URL)


def test_a_plain_rss_feed_is_read_without_feedparser():
    with mock.patch.object(feedparser, "parse", side_effect=AssertionError("feedparser ran")):
        parsed = parse_feed(wordpress_feed(50), URL)
    assert len(parsed.entries) == 50
    first = parsed.entries[0]
    assert (first.url, first.title, first.authors) == (
        "https://blog.example/0/",
        "Post 0 & more",
        ("Author 0",),
    )
    assert first.summary == "Summary of post 0 with a link"
    assert first.content == "<p>Body of post 0.</p><p>Second paragraph.</p>"
    assert (parsed.kind, parsed.language, parsed.site_url) == ("rss", "en", "https://blog.example")


def test_the_direct_reading_is_the_same_as_feedparsers_on_a_wordpress_feed():
    old, new = both_ways(wordpress_feed(30))
    assert old == new


@pytest.mark.parametrize(
    "item",
    [
        # a permalink guid and no <link>; an opaque guid; isPermaLink in another case
        "<item><guid>http://feeds.example/a</guid><title>a</title></item>"
        "<item><guid isPermaLink='false'>http://feeds.example/b</guid><title>b</title></item>"
        "<item><guid ISPERMALINK='true'>c41042ae</guid><title>c</title></item>",
        # a link after its guid; &amp; and an entity-like text in a link
        "<item><guid>http://feeds.example/g</guid><link>http://feeds.example/l?a=1&amp;b=2"
        "</link></item><item><link>http://feeds.example/x?a=1&amp;amp;b=2&amp;c;</link></item>",
        # utf-8 written as latin-1, a C1 control standing for a windows-1252 quote
        "<item><title>CafÃ© it\u0092s</title><link>http://feeds.example/m</link></item>",
        # HTML in a plain title, script in a title, an unknown entity in a title
        "<item><title>A &lt;b&gt;bold&lt;/b&gt; move &amp;amp; more</title>"
        "<link>http://feeds.example/h</link></item>"
        "<item><title>&lt;script&gt;x&lt;/script&gt;t</title><link>http://feeds.example/s"
        "</link></item><item><title>&amp;nosuch; t</title><link>http://feeds.example/e</link>"
        "</item>",
        # two authors, an empty one; an empty title; content without description
        "<item><dc:creator>Ann</dc:creator><dc:creator></dc:creator><dc:creator>Bob"
        "</dc:creator><title></title><link>http://feeds.example/p</link>"
        "<content:encoded><![CDATA[<p>only content</p>]]></content:encoded></item>",
        # dates: RFC 822, dc:date, none
        "<item><link>http://feeds.example/d1</link><pubDate>Mon, 06 Jul 2020 10:00:00 +0200"
        "</pubDate></item><item><link>http://feeds.example/d2</link><dc:date>"
        "2020-07-06T10:00:00Z</dc:date></item><item><link>http://feeds.example/d3</link></item>",
        # content before description; itunes:summary after content; itunes:summary alone
        "<item><content:encoded>c</content:encoded><description>d</description>"
        "<link>http://feeds.example/c1</link></item><item><content:encoded>c</content:encoded>"
        "<itunes:summary>s</itunes:summary><link>http://feeds.example/c2</link></item>"
        "<item><itunes:summary>s &lt;b&gt;</itunes:summary><link>http://feeds.example/c3</link>"
        "<itunes:author>Ann</itunes:author><itunes:duration>1:00</itunes:duration></item>",
        # duplicates, relative links, extra slashes
        "<item><link>/rel/1</link></item><item><link>http:///feeds.example/2</link></item>"
        "<item><link>http://feeds.example/2</link></item>",
    ],
)
def test_the_direct_reading_agrees_with_feedparser(item):
    old, new = both_ways(rss(item, namespaces=f"{DC} {CONTENT} {ITUNES}"))
    assert old == new


@pytest.mark.parametrize(
    ("item", "namespaces"),
    [
        (
            "<item><title>a</title><media:title>m</media:title><link>http://f.example/a</link>"
            "</item>",
            MEDIA,
        ),  # feedparser's title rules for media:title
        ("<item xml:lang='de'><title>a</title><link>http://f.example/a</link></item>", ""),
        ("<item><title>a<!-- c -->b</title><link>http://f.example/a</link></item>", ""),
        ("<item><author>ann@f.example (Ann)</author><link>http://f.example/a</link></item>", ""),
        ("<item><link>http://f.example/a</link><pubDate>someday</pubDate></item>", ""),
        (
            "<item><description>d</description><itunes:summary>s</itunes:summary>"
            "<link>http://f.example/a</link></item>",
            ITUNES,
        ),  # feedparser's content route
        ("<item><title>a</title><title>b</title><link>http://f.example/a</link></item>", ""),
        ("<item><title>a &eacute;</title><link>http://f.example/a</link></item>", ""),
    ],
)
def test_what_is_not_plain_rss_goes_through_feedparser(item, namespaces):
    body = rss(item, namespaces=namespaces)
    with mock.patch.object(feedparser, "parse", wraps=feedparser.parse) as through:
        new = parse_feed(body, URL)
    assert through.called
    with feedparser_only():
        assert parse_feed(body, URL) == new


def test_atom_and_rss_1_still_go_through_feedparser():
    atom = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title><entry><title>a"
        b"</title><link href='http://f.example/a'/></entry></feed>"
    )
    with mock.patch.object(feedparser, "parse", wraps=feedparser.parse) as through:
        assert [e.url for e in parse_feed(atom, URL).entries] == ["http://f.example/a"]
    assert through.called
