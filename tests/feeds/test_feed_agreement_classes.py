"""Classes found by comparing newsmon's feed parser with feedparser on feedparser's own test
suites and on hostile feeds of our own (``python -m bench.feed_agreement``): one small
hand-written feed per class, each failing before its fix."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest

from feeds.dates import parse_date
from feeds.discovery import looks_like_feed
from feeds.errors import FeedError
from feeds.feedparse import parse_feed

URL = "http://feeds.example/feed.xml"


def rss(items: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>"
        f"<link>http://feeds.example/</link>{items}</channel></rss>"
    ).encode()


def dated(written: str) -> bytes:
    return rss(
        f"<item><title>a</title><link>http://feeds.example/a</link>"
        f"<pubDate>{written}</pubDate></item>"
    )


# Links: URL schemes are case-insensitive ---------------------------------------------------


def test_an_id_or_link_with_an_upper_case_scheme_is_an_http_url():
    atom = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title><id>urn:f</id>"
        "<entry><title>a</title><id>HTTP://www.example.org/thing</id></entry>"
        "<entry><title>b</title><id>urn:b</id><link href='Https://www.example.org/b'/></entry>"
        "</feed>"
    )
    entries = parse_feed(atom.encode(), URL).entries
    assert [e.url for e in entries] == ["http://www.example.org/thing", "https://www.example.org/b"]


# Dates: zones feedparser understands that we refused -------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Thu, 30 Apr 2015 08:57:00 MET", datetime(2015, 4, 30, 7, 57, tzinfo=UTC)),
        ("Thu, 30 Apr 2015 08:57:00 MEST", datetime(2015, 4, 30, 6, 57, tzinfo=UTC)),
        ("Wed, 19 Aug 2009 18:28:00 Etc/GMT", datetime(2009, 8, 19, 18, 28, tzinfo=UTC)),
        ("Mon, 06 Jul 2020 10:00:00 Europe/Berlin", datetime(2020, 7, 6, 8, 0, tzinfo=UTC)),
        ("Mon, 06 Jan 2020 10:00:00 Europe/Berlin", datetime(2020, 1, 6, 9, 0, tzinfo=UTC)),
        # US zones written without summer or winter: the date decides
        ("Mon, 26 January 2004 16:31:00 ET", datetime(2004, 1, 26, 21, 31, tzinfo=UTC)),
        ("Mon, 05 July 2004 16:31:00 ET", datetime(2004, 7, 5, 20, 31, tzinfo=UTC)),
        ("Mon, 26 January 2004 16:31:00 PT", datetime(2004, 1, 27, 0, 31, tzinfo=UTC)),
    ],
)
def test_named_and_regional_zones_are_read(written, expected):
    assert parse_date(written) == expected
    assert [e.published for e in parse_feed(dated(written), URL).entries] == [expected]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Monday, July 6, 2020 - 10:00", datetime(2020, 7, 6, 10, 0, tzinfo=UTC)),  # Drupal
        ("6. Juli 2020 | 10:00", datetime(2020, 7, 6, 10, 0, tzinfo=UTC)),
        ("July 6, 2020 @ 10:00 pm", datetime(2020, 7, 6, 22, 0, tzinfo=UTC)),
    ],
)
def test_a_dash_bar_or_at_between_day_and_time(written, expected):
    assert [e.published for e in parse_feed(dated(written), URL).entries] == [expected]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2006-01-02T24:00:00Z", datetime(2006, 1, 3, tzinfo=UTC)),
        ("Sun, 31 Dec 2006 24:00:00 GMT", datetime(2007, 1, 1, tzinfo=UTC)),
    ],
)
def test_24_00_is_the_end_of_the_day(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    "written",
    [
        "Mon, 02 Jan 0000 15:04:05 GMT",  # a four-digit year 0000 is not 2000
        "Sun, 31 Dec 2006 24:04:05 GMT",  # past the end of the day
        "Fri, 31 Dec 9999 24:00:00 GMT",  # past year 9999
        "2013-01-27-01",  # too many parts: not 01:00 (datetime.fromisoformat takes any separator)
        "2013-01-27x10:00:00",
        "22.11.2022 -0300",  # an offset without a time of day
        "Mon, 06 Jul 2020 10:00:00 Mars/Olympus",  # not an IANA zone
    ],
)
def test_dates_with_a_broken_shape_are_refused(written):
    assert parse_date(written) is None


@pytest.mark.parametrize(
    "written",
    [
        "2004년 05월 28일  01:31:15",  # feedparser's fallback reads 2004-12-01
        "2004-j\u00falius-13T9:15-05:00",  # idem
        "2013-xx-27",  # idem: 2013-12-01
    ],
)
def test_a_fallback_reading_must_show_the_written_day_and_month(written):
    assert [e.published for e in parse_feed(dated(written), URL).entries] == [None]


def test_a_fallback_reading_is_kept_when_the_text_bears_it_out():
    greek = "\u039a\u03c5\u03c1, 11 \u0399\u03bf\u03cd\u03bb 2004 12:00:00 EST"  # 11 July
    assert [e.published for e in parse_feed(dated(greek), URL).entries] == [
        datetime(2004, 7, 11, 17, 0, tzinfo=UTC)
    ]


# Hostile feeds: no hang, no control characters ---------------------------------------------


def test_an_element_with_thousands_of_attributes_is_refused_quickly():
    attributes = " ".join(f"a{i}='v'" for i in range(5000))
    body = rss(f"<item {attributes}><title>a</title><link>http://feeds.example/a</link></item>")
    started = time.perf_counter()
    with pytest.raises(FeedError, match="attributes"):
        parse_feed(body, URL)
    assert time.perf_counter() - started < 1.0


def test_many_namespace_declarations_are_not_an_attribute_flood():
    declarations = " ".join(f"xmlns:n{i}='http://ns{i}.example/'" for i in range(1000))
    body = (
        f"<rss version='2.0' {declarations}><channel><title>T</title><item><title>a</title>"
        "<link>http://feeds.example/a</link></item></channel></rss>"
    ).encode()
    assert [e.url for e in parse_feed(body, URL).entries] == ["http://feeds.example/a"]


def test_control_characters_are_dropped_from_entry_text():
    body = rss(
        "<item><title>Ca\x00fe\x07 news</title><link>http://feeds.example/a</link>"
        "<guid isPermaLink='false'>g\x00 1</guid><author>x@example.org (An\x1bn)</author>"
        "<description>Sum\x00mary</description></item>"
    )
    entry = parse_feed(body, URL).entries[0]
    assert (entry.title, entry.guid, entry.summary) == ("Cafe news", "g 1", "Summary")
    item = {
        "id": "j\u0000",
        "url": "http://feeds.example/j",
        "title": "Jay\u0000son",
        "content_html": "<p>b\u0000ody</p>",
        "authors": [{"name": "A\u0000B"}],
    }
    data = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [item]})
    entry = parse_feed(data.encode(), URL, "application/feed+json").entries[0]
    assert (entry.title, entry.guid, entry.content, entry.authors) == (
        "Jayson",
        "j",
        "<p>body</p>",
        ("AB",),
    )


# Titles: the feed's own title is text too; an open comment is not text ---------------------


def test_the_feed_title_is_text_like_entry_titles():
    atom = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title type='html'>Example &lt;b&gt;Atom"
        "&lt;/b&gt; &amp;amp; co</title><id>urn:f</id><entry><title>a</title><id>urn:a</id>"
        "<link href='http://feeds.example/a'/></entry></feed>"
    )
    assert parse_feed(atom.encode(), URL).title == "Example Atom & co"
    xhtml = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title type='xhtml'><div "
        "xmlns='http://www.w3.org/1999/xhtml'>History of the &lt;blink&gt; tag</div></title>"
        "<id>urn:f</id><entry><title>a</title><id>urn:a</id>"
        "<link href='http://feeds.example/a'/></entry></feed>"
    )
    assert parse_feed(xhtml.encode(), URL).title == "History of the <blink> tag"
    data = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Data &amp; more",
            "items": [{"id": "1", "url": "http://feeds.example/j"}],
        }
    )
    assert parse_feed(data.encode(), URL, "application/feed+json").title == "Data & more"


def test_an_html_comment_left_open_is_dropped_from_a_title():
    atom = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title><id>urn:f</id><entry>"
        "<title type='html'>safe&lt;!-- &lt;script&gt;alert(1)&lt;/script&gt;</title>"
        "<id>urn:a</id><link href='http://feeds.example/a'/></entry></feed>"
    )
    assert [e.title for e in parse_feed(atom.encode(), URL).entries] == ["safe"]


# Encodings: a UTF-16 label on a body without zero bytes -------------------------------------


def test_a_utf16_label_on_a_utf8_body_is_ignored():
    body = rss(
        "<item><title>Caf\u00e9 \u00fcber \u00df</title><link>http://feeds.example/a</link></item>"
    )
    declared = body.replace(b"encoding='utf-8'", b"encoding='utf-16'")
    assert [e.title for e in parse_feed(declared, URL).entries] == ["Caf\u00e9 \u00fcber \u00df"]
    served = parse_feed(body, URL, "application/rss+xml; charset=UTF-16")
    assert [e.title for e in served.entries] == ["Caf\u00e9 \u00fcber \u00df"]


# Links: tabs and line breaks inside a URL ---------------------------------------------------


def test_a_link_wrapped_over_lines_is_one_url():
    body = rss(
        "<item><title>a</title><link>\n  http://feeds.example/2024/a-long-\nheadline"
        "\t-slug?x=1&#13;&amp;y=2\n</link></item>"
    )
    assert [e.url for e in parse_feed(body, URL).entries] == [
        "http://feeds.example/2024/a-long-headline-slug?x=1&y=2"
    ]


# Links: relative xml:base, and guids under an xml:base -------------------------------------


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("#top", ["http://feeds.example/news/story", "http://feeds.example/news/deeper/story"]),
        (
            "sub/",
            ["http://feeds.example/news/sub/story", "http://feeds.example/news/sub/deeper/story"],
        ),
        ("../x/", ["http://feeds.example/x/story", "http://feeds.example/x/deeper/story"]),
    ],
)
def test_relative_xml_base_chains_resolve_against_the_feed_url(base, expected):
    atom = (
        f"<feed xmlns='http://www.w3.org/2005/Atom' xml:base='{base}'><title>T</title>"
        "<entry><title>a</title><id>urn:a</id><link href='story'/></entry>"
        "<entry xml:base='deeper/'><title>b</title><id>urn:b</id><link href='story'/></entry>"
        "</feed>"
    )
    entries = parse_feed(atom.encode(), "http://feeds.example/news/feed.xml").entries
    assert [e.url for e in entries] == expected


@pytest.mark.parametrize("base", ["http://cdn.example/dir/", "dir/"])
def test_an_opaque_guid_under_an_xml_base_is_not_a_link(base):
    body = (
        f"<rss version='2.0' xml:base='{base}'><channel><title>T</title>"
        "<item><title>a</title><guid>c41042ae-5460-11ee-8c99</guid></item>"
        "<item><title>b</title><guid>https://feeds.example/b</guid></item></channel></rss>"
    )
    assert [e.url for e in parse_feed(body.encode(), URL).entries] == ["https://feeds.example/b"]


def test_a_warning_printed_before_the_feed_is_skipped():
    body = b"Deprecated: Function create_function() is deprecated in /var/www/x.php\n" + rss(
        "<item><title>a</title><link>http://feeds.example/a</link></item>"
    )
    assert [e.url for e in parse_feed(body, URL).entries] == ["http://feeds.example/a"]
    with pytest.raises(FeedError, match="no XML element"):
        parse_feed(b"Deprecated: nothing else here", URL)


def test_feeds_add_recognises_utf16_feeds_and_feeds_after_a_warning():
    body = rss("<item><title>a</title><link>http://feeds.example/a</link></item>")
    utf16 = body.decode().replace("utf-8", "utf-16").encode("utf-16")
    assert looks_like_feed(utf16, "application/rss+xml")
    assert looks_like_feed(b"Notice: Undefined index: q in /var/www/feed.php\n" + body, None)
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>rss</body></html>", "text/html")


# Classes found on other parsers' suites (``python -m bench.feed_suites``) -----------------

NETSCAPE_DOCTYPE = (
    "<!DOCTYPE rss PUBLIC '-//Netscape Communications//DTD RSS 0.91//EN'\n"
    " 'http://my.netscape.com/publish/formats/rss-0.91.dtd'>"
)


@pytest.mark.parametrize(
    "doctype", [NETSCAPE_DOCTYPE, "<!-- made by hand -->\n<!DOCTYPE rss SYSTEM 'http://feeds.example/rss.dtd'>"]
)
def test_html_entities_survive_a_doctype_naming_an_external_dtd(doctype):
    body = (
        f"<?xml version='1.0'?>{doctype}<rss version='0.91'><channel><title>Le caf&eacute;</title>"
        "<link>http://feeds.example/</link><item><title>Caf&eacute; &amp; th&eacute;&rsquo;s"
        "</title><link>http://feeds.example/a</link></item></channel></rss>"
    ).encode()
    parsed = parse_feed(body, URL)
    assert parsed.title == "Le café"
    assert [e.title for e in parsed.entries] == ["Café & thé’s"]


def news_sitemap(loc: str, title: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?>"
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
        f"<url><loc>{loc}</loc><news:news><news:publication><news:name>P</news:name>"
        "<news:language>fr</news:language></news:publication>"
        "<news:publication_date>2024-01-02T10:00:00+01:00</news:publication_date>"
        f"<news:title>{title}</news:title></news:news></url>"
        "<url><loc>http://feeds.example/b</loc></url></urlset>"
    ).encode()


def test_a_bare_ampersand_in_a_sitemap_url_is_kept():
    body = news_sitemap("http://feeds.example/a?id=1&page=2&amp;lang=fr", "Un &amp; deux")
    entries = parse_feed(body, URL).entries
    assert [e.url for e in entries] == [
        "http://feeds.example/a?id=1&page=2&lang=fr", "http://feeds.example/b"]
    assert entries[0].title == "Un & deux"


def test_html_entities_in_a_sitemap_title_are_decoded_and_cdata_kept_as_written():
    body = news_sitemap("http://feeds.example/a", "Caf&eacute;&nbsp;noir <![CDATA[& cr&eme]]>")
    entries = parse_feed(body, URL).entries
    assert entries[0].title == "Café noir & cr&eme"
    assert entries[0].published == datetime(2024, 1, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("inside", "title", "warning"),
    [
        ("<itunes:author>Someone</itunes:author>", "Pod", "unbound prefix"),
        ("", "Pod &hellip; cast", "undefined entity"),
    ],
)
def test_a_feed_without_items_and_a_harmless_error_is_empty_not_refused(inside, title, warning):
    body = (
        f"<rss version='2.0'><channel><title>{title}</title><link>http://feeds.example/</link>"
        f"{inside}</channel></rss>"
    ).encode()
    parsed = parse_feed(body, URL)
    assert (parsed.title, parsed.entries) == (title.replace("&hellip;", "…"), ())
    assert parsed.warnings and warning in parsed.warnings[0]


def test_a_truncated_feed_without_items_is_still_refused():
    with pytest.raises(FeedError, match="malformed XML"):
        parse_feed(b"<rss version='2.0'><channel><title>Pod</title><link>http://feeds.ex", URL)


@pytest.mark.parametrize(
    ("base", "guid", "expected"),
    [
        ("", "/2024/05/a.html", "http://feeds.example/2024/05/a.html"),
        (" xml:base='http://cdn.example/show/'", "episode/7/", "http://cdn.example/show/episode/7/"),
    ],
)
def test_a_relative_guid_marked_as_a_permalink_is_the_link(base, guid, expected):
    body = rss(
        f"<item><title>a</title><guid isPermaLink='true'>{guid}</guid></item>"
        "<item><title>b</title><guid isPermaLink='true'>c41042ae-5460-4b1b</guid></item>"
        "<item><title>c</title><guid>episode/8/</guid></item>"
    ).replace(b"<channel>", f"<channel{base}>".encode())
    assert [e.url for e in parse_feed(body, URL).entries] == [expected]


def test_a_json_array_is_refused_as_json_not_as_missing_xml():
    with pytest.raises(FeedError, match="JSON without an items list"):
        parse_feed(b' [{"url": "http://feeds.example/a"}]', URL)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sat Mar  9 08:49:37 2024", datetime(2024, 3, 9, 8, 49, 37, tzinfo=UTC)),
        ("Sat Mar 9 08:49:37 CET 2024", datetime(2024, 3, 9, 7, 49, 37, tzinfo=UTC)),
        ("Sat Mar 09 08:49:37 -0500 2024", datetime(2024, 3, 9, 13, 49, 37, tzinfo=UTC)),
    ],
)
def test_a_year_written_after_the_time_is_read(written, expected):
    assert parse_date(written) == expected
    assert parse_feed(dated(written), URL).entries[0].published == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sat, 09 Mar 2024 08:49:37 +0000 GMT", datetime(2024, 3, 9, 8, 49, 37, tzinfo=UTC)),
        ("Sat, 09 Mar 2024 08:49:37 -0500 EST", datetime(2024, 3, 9, 13, 49, 37, tzinfo=UTC)),
        ("2024-06-09 08:49 +02:00 CEST", datetime(2024, 6, 9, 6, 49, tzinfo=UTC)),
        ("Sat, 09 Mar 2024 08:49:37 +0100 GMT", datetime(2024, 3, 9, 7, 49, 37, tzinfo=UTC)),
        ("Sat, 09 Mar 2024 08:49:37 +0100 EST", None),
    ],
)
def test_an_offset_followed_by_its_zone_name_is_read_when_they_agree(written, expected):
    assert parse_date(written) == expected


def test_feedburner_orig_link_is_the_article_not_the_redirect():
    body = (
        b"<rss version='2.0' xmlns:feedburner='http://rssnamespace.org/feedburner/ext/1.0'>"
        b"<channel><title>T</title><item><title>a</title>"
        b"<link>http://feeds.feedburner.com/~r/site/~3/Xy12/</link>"
        b"<guid isPermaLink='false'>http://feeds.example/?p=1</guid>"
        b"<feedburner:origLink>http://feeds.example/2024/a</feedburner:origLink></item>"
        b"<item><title>b</title><link>http://feeds.example/b</link></item></channel></rss>"
    )
    assert [e.url for e in parse_feed(body, URL).entries] == [
        "http://feeds.example/2024/a", "http://feeds.example/b"]


def test_an_rss_1_item_without_link_is_named_by_its_rdf_about():
    body = (
        b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        b"xmlns='http://purl.org/rss/1.0/'><channel rdf:about='http://feeds.example/'>"
        b"<title>T</title><link>http://feeds.example/</link></channel>"
        b"<item rdf:about='http://feeds.example/a'><title>a</title></item>"
        b"<item rdf:about='urn:x:b'><title>b</title></item>"
        b"<item rdf:about='http://feeds.example/c'><title>c</title>"
        b"<link>http://feeds.example/c.html</link></item></rdf:RDF>"
    )
    assert [e.url for e in parse_feed(body, URL).entries] == [
        "http://feeds.example/a", "http://feeds.example/c.html"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-06-09T08:49:37+02:00[Europe/Berlin]", datetime(2024, 6, 9, 6, 49, 37, tzinfo=UTC)),
        ("2024-06-09T08:49:37.5Z[UTC]", datetime(2024, 6, 9, 8, 49, 37, 500000, tzinfo=UTC)),
        ("2024-01-09T08:49:37[Europe/Berlin]", datetime(2024, 1, 9, 7, 49, 37, tzinfo=UTC)),
        ("2024-06-09T08:49:37+02:00[u-ca=hebrew]", None),
    ],
)
def test_a_zone_name_in_brackets_after_an_iso_time_is_read(written, expected):
    assert parse_date(written) == expected


def test_a_guid_written_on_every_item_does_not_make_them_one_article():
    items = "".join(
        f"<item><title>Story {i}</title><link>http://feeds.example/{i}</link>"
        "<guid isPermaLink='false'>http://feeds.example/</guid></item>" for i in range(4)
    )
    same = (
        "<item><title>Moved</title><link>http://feeds.example/old</link><guid>m1</guid></item>"
        "<item><title>Moved</title><link>http://feeds.example/new</link><guid>m1</guid></item>"
    )
    parsed = parse_feed(rss(items + same), URL)
    assert [e.url for e in parsed.entries] == [f"http://feeds.example/{i}" for i in range(4)] + [
        "http://feeds.example/old"]
    assert "1 duplicate entries skipped" in parsed.warnings
