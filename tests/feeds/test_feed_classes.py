"""The eight classes of real-world feed failures found against public parser suites, one test
each: HTML titles, dates, link choice, UTF-16/32 detection, a stray byte in UTF-8, an XHTML
DOCTYPE before an RSS root, parse errors as feed errors, non-English dates."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest

from feeds.dates import parse_date
from feeds.errors import FeedError
from feeds.feedparse import parse_feed

URL = "http://feeds.example/feed.xml"


def rss(items: str, head: str = "<?xml version='1.0' encoding='utf-8'?>") -> str:
    return (f"{head}<rss version='2.0'><channel><title>Example</title>"
            f"<link>http://feeds.example/</link>{items}</channel></rss>")


def item(title: str = "Story", link: str = "http://feeds.example/a", extra: str = "") -> str:
    return f"<item><title>{title}</title><link>{link}</link>{extra}</item>"


def atom(entries: str) -> str:
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Example</title><id>urn:feed</id>{entries}</feed>")


def titles(body: str | bytes, content_type: str | None = None) -> list[str | None]:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return [e.title for e in parse_feed(data, URL, content_type).entries]


# 1. titles are text -------------------------------------------------------------------------


def test_html_titles_become_text_and_plain_titles_keep_their_characters():
    html_atom = atom("<entry><title type='html'><![CDATA[That&#8217;s Not What <b>I</b> "
                     "Said]]></title><link href='http://feeds.example/a'/><id>urn:a</id></entry>")
    assert titles(html_atom) == ["That\u2019s Not What I Said"]
    cdata = rss(item("<![CDATA[Flat (oakland) &#x0024;4300 1bd 560ft<sup>2</sup>]]>")
                + item("<![CDATA[<span class='webrupee'>\u20b9</span> 500 crore]]>",
                       "http://feeds.example/b"))
    assert titles(cdata) == ["Flat (oakland) $4300 1bd 560ft2", "\u20b9 500 crore"]
    plain = rss(item("Die R\u00fcckkehr von &lt;i&gt; und &lt;b&gt;"))
    assert titles(plain) == ["Die R\u00fcckkehr von <i> und <b>"]
    json_feed = ('{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": '
                 '[{"id": "1", "url": "http://feeds.example/j", "title": "Data &amp; Metrics"}]}')
    assert titles(json_feed, "application/feed+json") == ["Data & Metrics"]


# 2. dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "expected"), [
    ("2020/1/10 14:16:00", datetime(2020, 1, 10, 14, 16, tzinfo=UTC)),
    ("Sat, Dec 16 2023 02:02:33 PM", datetime(2023, 12, 16, 14, 2, 33, tzinfo=UTC)),
    ("Fri, 13 Mar 2020 12:30 AM EST", datetime(2020, 3, 13, 5, 30, tzinfo=UTC)),
    ("Mon, 06 Jul 2020 10:00:00 BST", datetime(2020, 7, 6, 9, 0, tzinfo=UTC)),
    ("Mon, 06 Jul 2020 10:00:00 CEST", datetime(2020, 7, 6, 8, 0, tzinfo=UTC)),
    ("Mon, 06 Jan 2020 10:00:00 CET", datetime(2020, 1, 6, 9, 0, tzinfo=UTC)),
    ("Mon, 06 Jul 2020 10:00:00 PDT", datetime(2020, 7, 6, 17, 0, tzinfo=UTC)),
    ("Mon, 06 Jul 2020 10:00:00 IST", datetime(2020, 7, 6, 4, 30, tzinfo=UTC)),
    ("Mon, 06 Jul 2020 10:00:00 JST", datetime(2020, 7, 6, 1, 0, tzinfo=UTC)),
    ("Mon, 06 Jul 2020 10:00:00 +0000 (UTC)", datetime(2020, 7, 6, 10, 0, tzinfo=UTC)),
])
def test_dates_with_12_hour_clocks_and_zone_abbreviations(written, expected):
    body = rss(item(extra=f"<pubDate>{written}</pubDate>"))
    assert [e.published for e in parse_feed(body.encode(), URL).entries] == [expected]


@pytest.mark.parametrize("written", [
    "Mon, 06 Jul 2020 10:00:00 XYZ",  # a zone nobody knows: not read as UTC
    "2017-06-13T03:18:00+00:0",  # a broken offset
    "01/02/2020 10:00",  # 1 February or 2 January
    "Sometime in 2020/13/45",  # a fallback parser would invent a day
])
def test_dates_not_understood_are_refused_not_guessed(written):
    body = rss(item(extra=f"<pubDate>{written}</pubDate>"))
    assert [e.published for e in parse_feed(body.encode(), URL).entries] == [None]
    assert parse_date(written) is None


# 3. link choice -----------------------------------------------------------------------------


def test_link_is_the_html_alternate_never_an_enclosure_the_feed_or_an_invented_url():
    entries = atom(
        "<entry><title>Photo first</title><id>urn:1</id>"
        "<link rel='enclosure' type='image/jpeg' href='http://cdn.example/p.jpg'/>"
        "<link rel='alternate' type='image/jpeg' href='http://cdn.example/p2.jpg'/>"
        "<link rel='alternate' type='text/html' href='http://feeds.example/story'/></entry>"
        "<entry><title>Empty href</title><id>urn:2</id><link href=''/></entry>"
        f"<entry><title>Self</title><id>urn:3</id><link rel='alternate' href='{URL}'/></entry>"
    )
    parsed = parse_feed(entries.encode(), URL)
    assert [e.url for e in parsed.entries] == ["http://feeds.example/story"]
    guids = rss("<item><title>Opaque guid</title><guid>c41042ae-5460-11ee-8c99</guid></item>"
                "<item><title>URL guid</title><guid>https://feeds.example/g</guid></item>")
    assert [e.url for e in parse_feed(guids.encode(), URL).entries] == ["https://feeds.example/g"]


# 4. UTF-16 and UTF-32 -----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be",
                                      "utf-16", "utf-32"])
@pytest.mark.parametrize("declared", [True, False])
def test_utf16_and_utf32_detected_from_the_first_bytes(encoding, declared):
    label = encoding[:6]
    head = f"<?xml version='1.0' encoding='{label}'?>" if declared else ""
    body = rss(item("Gr\u00fc\u00dfe aus K\u00f6ln \u2014 \u20ac"), head=head).encode(encoding)
    assert titles(body) == ["Gr\u00fc\u00dfe aus K\u00f6ln \u2014 \u20ac"]


def test_utf32_bom_is_not_taken_for_utf16():
    body = codecs.BOM_UTF32_LE + rss(item("\u00c9t\u00e9"), head="").encode("utf-32-le")
    assert titles(body) == ["\u00c9t\u00e9"]


# 5. one stray byte in UTF-8 -----------------------------------------------------------------


def test_one_stray_byte_does_not_turn_a_utf8_feed_into_mojibake():
    good = "".join(item(f"Gr\u00fc\u00dfe {n} \u00e0 Montr\u00e9al", f"http://feeds.example/{n}")
                   for n in range(5))
    body = rss(good).encode("utf-8").replace(b"Montr\xc3\xa9al</title>", b"Montr\xe9al</title>", 1)
    got = titles(body, "application/rss+xml; charset=utf-8")
    assert got[0] == "Gr\u00fc\u00dfe 0 \u00e0 Montr\ufffdal"
    assert got[1:] == [f"Gr\u00fc\u00dfe {n} \u00e0 Montr\u00e9al" for n in range(1, 5)]


def test_a_legacy_body_without_utf8_sequences_is_still_read_as_cp1252():
    body = rss(item("Caf\u00e9 cr\u00e8me \u2019"), head="").encode("cp1252")
    assert titles(body, "application/rss+xml; charset=utf-8") == ["Caf\u00e9 cr\u00e8me \u2019"]


# 6. XHTML DOCTYPE before an RSS root --------------------------------------------------------


def test_rss_after_an_xhtml_doctype_is_a_feed():
    head = ("<?xml version='1.0' encoding='utf-8'?><!DOCTYPE html PUBLIC "
            "'-//W3C//DTD XHTML 1.0 Strict//EN' "
            "'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'>")
    assert titles(rss(item(), head=head)) == ["Story"]
    page = "<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>"
    with pytest.raises(FeedError, match="got an HTML page"):
        parse_feed(page.encode(), URL)


# 7. every parse error is a feed error -------------------------------------------------------


def test_sitemap_with_an_undeclared_prefix_is_read_not_a_crash():
    body = ("<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url>"
            "<loc>http://feeds.example/s</loc><image:image>x</image:image>"
            "<news:news><news:title>Undeclared</news:title></news:news></url></urlset>")
    parsed = parse_feed(body.encode(), URL)
    assert [(e.url, e.title) for e in parsed.entries] == [("http://feeds.example/s", "Undeclared")]


# 8. dates in other languages ----------------------------------------------------------------


@pytest.mark.parametrize(("written", "expected"), [
    ("Seg, 24 Set 2018 10:00:00 -0300", datetime(2018, 9, 24, 13, 0, tzinfo=UTC)),
    ("22.11.2022 12:16:00", datetime(2022, 11, 22, 12, 16, tzinfo=UTC)),
    ("Do, 3. M\u00e4rz 2022 14:05:00 +0100", datetime(2022, 3, 3, 13, 5, tzinfo=UTC)),
    ("mar., 16 d\u00e9c. 2021 09:12:00 +0100", datetime(2021, 12, 16, 8, 12, tzinfo=UTC)),
    ("lun, 03 ene 2022 08:00:00 +0100", datetime(2022, 1, 3, 7, 0, tzinfo=UTC)),
    ("gio, 12 mag 2022 18:30:00 +0200", datetime(2022, 5, 12, 16, 30, tzinfo=UTC)),
    ("di, 14 mrt 2023 07:45:00 +0100", datetime(2023, 3, 14, 6, 45, tzinfo=UTC)),
])
def test_non_english_dates(written, expected):
    body = rss(item(extra=f"<pubDate>{written}</pubDate>"))
    assert [e.published for e in parse_feed(body.encode(), URL).entries] == [expected]
