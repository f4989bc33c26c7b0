"""Plain RSS 2.0 and Atom 1.0 are read without feedparser (``feeds.rssdirect``,
``feeds.atomdirect``), giving what feedparser gave.

The "without feedparser" tests fail before them: feedparser read every RSS and Atom document,
four to six times slower. The rest compare the direct reading with feedparser's on the shapes where
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


@pytest.mark.parametrize(
    "body",
    [
        b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        b"xmlns='http://purl.org/rss/1.0/'><channel><title>T</title></channel><item>"
        b"<title>a</title><link>http://f.example/a</link></item></rdf:RDF>",
        b"<feed xmlns='http://purl.org/atom/ns#' version='0.3'><title>T</title><entry><title>a"
        b"</title><link rel='alternate' type='text/html' href='http://f.example/a'/></entry></feed>",
    ],
)
def test_rss_1_and_atom_0_3_still_go_through_feedparser(body):
    with mock.patch.object(feedparser, "parse", wraps=feedparser.parse) as through:
        assert [e.url for e in parse_feed(body, URL).entries] == ["http://f.example/a"]
    assert through.called


# Atom 1.0 (feeds.atomdirect) ----------------------------------------------------------------


def atom(
    entries: str, head: str = "<title>T</title><link href='http://feeds.example/'/>", lang: str = ""
) -> bytes:
    return (f"<feed xmlns='http://www.w3.org/2005/Atom' {lang}>{head}{entries}</feed>").encode()


def test_a_plain_atom_feed_is_read_without_feedparser():
    entries = "".join(
        f"<entry><id>urn:uuid:{n}</id><title type='html'>A &amp;amp; B {n}</title>"
        f"<link rel='alternate' type='text/html' href='http://feeds.example/{n}'/>"
        f"<link rel='enclosure' href='http://feeds.example/{n}.mp3'/>"
        f"<published>2024-06-0{n + 1}T10:00:00+02:00</published><updated>2024-06-09T10:00:00Z"
        f"</updated><summary>s</summary><content type='html'>&lt;p&gt;c&lt;/p&gt;</content>"
        f"<author><name>Ann</name><email>ann@feeds.example</email></author></entry>"
        for n in range(3)
    )
    old, new = both_ways(atom(entries, lang="xml:lang='de-DE'"))
    assert old == new
    assert [(e.url, e.title, e.authors, e.language) for e in new.entries][0] == (
        "http://feeds.example/0",
        "A & B 0",
        ("Ann",),
        "de",
    )


@pytest.mark.parametrize(
    "entries",
    [
        # an id before and after the link; an id as the only link; a self link only
        "<entry><id>http://feeds.example/i1</id><link href='http://feeds.example/l1'/></entry>"
        "<entry><link href='http://feeds.example/l2'/><id>http://feeds.example/i2</id></entry>"
        "<entry><id>http://feeds.example/i3</id><title>only id</title></entry>"
        "<entry><id>urn:x</id><link rel='self' href='http://feeds.example/s'/></entry>",
        # links of other types; a relative link; text titles that look like HTML
        "<entry><link type='application/pdf' href='http://feeds.example/p.pdf'/><link "
        "href='/rel'/><title>a &lt;b&gt;bold&lt;/b&gt; claim</title></entry>"
        "<entry><link href='http://feeds.example/t'/><title type='text'>A &amp;amp; B</title>"
        "</entry>",
        # content of type text; summary after content; no author (the feed's)
        "<entry><link href='http://feeds.example/c'/><content>plain</content><summary>sum"
        "</summary></entry><entry><link href='http://feeds.example/d'/><content type='text/html'"
        ">&lt;i&gt;x&lt;/i&gt;</content></entry>",
        # dates: updated only, issued and modified (Atom 0.3 names), none
        "<entry><link href='http://feeds.example/u'/><updated>2024-06-07T10:00:00Z</updated>"
        "</entry><entry><link href='http://feeds.example/v'/><modified>2024-06-07T10:00:00Z"
        "</modified><issued>2024-06-08T10:00:00Z</issued></entry>",
    ],
)
def test_the_direct_atom_reading_agrees_with_feedparser(entries):
    head = "<title>T</title><author><name>Feed Author</name></author>"
    old, new = both_ways(atom(entries, head))
    assert old == new


@pytest.mark.parametrize(
    "entries",
    [
        # feedparser reads a media:description inside media:content as the summary
        "<entry><link href='http://f.example/a'/><media:content url='http://f.example/v'>"
        "<media:description>d</media:description></media:content><content>c</content></entry>",
        "<entry><title type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>x</div></title>"
        "<link href='http://f.example/a'/></entry>",
        "<entry xml:base='http://other.example/'><link href='a'/></entry>",
        "<entry><link href='http://f.example/a'/><content src='http://f.example/c'/></entry>",
        "<entry><link href='http://f.example/a'/><source><title>s</title></source></entry>",
        "<entry><link href='http://f.example/a'/><title xml:lang='fr'>t</title></entry>",
    ],
)
def test_what_is_not_plain_atom_goes_through_feedparser(entries):
    body = atom(entries)
    with mock.patch.object(feedparser, "parse", wraps=feedparser.parse) as through:
        new = parse_feed(body, URL)
    assert through.called
    with feedparser_only():
        assert parse_feed(body, URL) == new


def test_an_atom_feed_id_is_its_link_until_an_alternate_link_comes():
    for head in (
        "<id>http://feeds.example/home</id>",
        "<id>http://feeds.example/home</id><link href='http://feeds.example/alt'/>",
        "<id>site</id><title>T</title>",
    ):
        old, new = both_ways(atom("<entry><link href='http://feeds.example/a'/></entry>", head))
        assert old == new
    assert new.site_url == "http://feeds.example/site"


def test_media_elements_holding_a_description_go_through_feedparser():
    item = (
        "<item><link>http://f.example/a</link><description>d</description>"
        "<media:content url='http://f.example/v'><media:description>m</media:description>"
        "</media:content></item>"
    )
    body = rss(item, namespaces=MEDIA)
    with mock.patch.object(feedparser, "parse", wraps=feedparser.parse) as through:
        new = parse_feed(body, URL)
    assert through.called
    with feedparser_only():
        assert parse_feed(body, URL) == new
