"""parse_feed over fixture feeds in tests/feeds/feeds/ and hostile inputs built on the fly."""

from __future__ import annotations

import gzip
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.errors import FeedError
from feeds.feedparse import (
    FeedEntry,
    ParsedFeed,
    decode_xml_bytes,
    has_entity_declarations,
    parse_date,
    parse_feed,
    strip_html,
)

FEEDS = Path(__file__).parent / "feeds"
FEED_URL = "https://feeds.example.com/path/feed.xml"
SECRET = "NEWSMON-SECRET-7f3a9c"


def parse(name: str, content_type: str | None = None, url: str = FEED_URL) -> ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), url, content_type)


def everything(feed: ParsedFeed) -> str:
    return repr(feed)


# -- formats -------------------------------------------------------------------------------


def test_rss20_fields():
    feed = parse("rss20.xml", "application/rss+xml")
    assert (feed.kind, feed.title, feed.language) == ("rss", "Example Tech News", "en")
    assert feed.site_url == "https://news.example.com/"
    first, second = feed.entries
    assert first == FeedEntry(
        url="https://news.example.com/2024/05/acme-raises?utm_source=rss",
        guid="acme-1",
        title="Acme raises $20M Series A",
        published=datetime(2024, 5, 14, 7, 30, 15, tzinfo=UTC),
        summary="Acme, an AI startup, raised & grew. Second paragraph.",
        content="<p>Full <em>article</em> body.</p>",
        authors=("Jane Doe",),
        language="en",
    )
    # a relative link is resolved against the feed URL; ISO dates in pubDate are accepted
    assert second.url == "https://feeds.example.com/2024/05/beta-gamma"
    assert second.published == datetime(2024, 5, 13, 23, 59, 59, tzinfo=UTC)
    assert second.content is None and second.summary == "Plain text summary."
    assert feed.warnings == ()


def test_rss10_rdf():
    feed = parse("rdf.xml")
    assert feed.kind == "rdf" and feed.language == "de"
    (entry,) = feed.entries
    assert entry.url == "https://rdf.example.org/story/1"
    assert entry.published == datetime(2023, 11, 2, 7, 15, tzinfo=UTC)
    assert entry.authors == ("Max Mustermann",)
    assert entry.summary == "Kurzfassung der Meldung."


def test_atom_xml_base_and_relative_links():
    feed = parse("atom_xmlbase.xml", "application/atom+xml")
    assert feed.kind == "atom" and feed.site_url == "https://blog.example.net/"
    first, second = feed.entries
    assert first.url == "https://blog.example.net/posts/one.html"
    assert second.url == "https://other.example.org/two"
    # published wins over updated, and the time of day survives the UTC conversion
    assert first.published == datetime(2024, 2, 28, 15, 11, 12, tzinfo=UTC)
    assert second.published == datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    assert first.summary == "Summary & more"
    assert first.content == '<p>Full content with <a href="/x">link</a></p>'
    assert first.authors == ("Alice", "Bob")
    assert second.authors == ("Feed Author",)  # Atom entries inherit the feed's author
    assert first.guid == "tag:blog.example.net,2024:1" and first.language == "en"


@pytest.mark.parametrize("content_type", ["application/feed+json", "application/json", None])
def test_json_feed(content_type):
    feed = parse("jsonfeed.json", content_type)
    assert (feed.kind, feed.title, feed.language) == ("jsonfeed", "JSON Example", "fr")
    assert feed.site_url == "https://json.example.com/"
    first, second, third = feed.entries
    assert first.published == datetime(2024, 6, 1, 12, 30, 45, tzinfo=UTC)
    assert first.summary == "Résumé court" and first.content == "<p>Contenu complet</p>"
    assert first.authors == ("Claire",)
    assert second.url == "https://feeds.example.com/articles/2" and second.guid == "2"
    assert second.published is None and second.authors == ("Rédaction",)
    assert third.url == "https://elsewhere.example.org/story" and third.language == "en"
    assert third.published == datetime(2024, 6, 2, tzinfo=UTC)  # date_modified fallback
    assert "1 entries without link skipped" in feed.warnings


def test_json_feed_errors():
    with pytest.raises(FeedError, match="malformed JSON"):
        parse_feed(b'{"items": [', FEED_URL, "application/feed+json")
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(b'{"hello": "world"}', FEED_URL, "application/json")


def test_news_sitemap():
    feed = parse("news_sitemap.xml", "application/xml")
    assert (feed.kind, feed.title, feed.language) == ("sitemap", "Le Site", "fr")
    first, second = feed.entries
    assert first.url == "https://www.lesite.example.fr/tech/article-1.html"
    assert first.title == "La start-up lève 10 millions d’euros"
    assert first.published == datetime(2024, 4, 10, 5, 45, 30, tzinfo=UTC)
    assert second.published == datetime(2024, 4, 9, tzinfo=UTC)  # lastmod fallback
    assert "1 entries without link skipped" in feed.warnings


def test_gzipped_sitemap():
    body = gzip.compress((FEEDS / "news_sitemap.xml").read_bytes())
    assert len(parse_feed(body, "https://x.example.fr/sitemap.xml.gz").entries) == 2


def test_sitemap_index_is_refused():
    with pytest.raises(FeedError) as info:
        parse("sitemap_index.xml")
    assert info.value.reason == "sitemap index: not supported, add the child sitemaps"


# -- encodings -----------------------------------------------------------------------------

FRENCH_TITLE = "L’IA française lève 15 M€ : « une étape » pour la société"
FRENCH_SUMMARY = "Déjà très attendue, la levée sera consacrée à la R&D, à Besançon et à l’été."


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("cp1252_french_nodecl.xml", "text/html; charset=utf-8"),  # wrong type and charset
        ("cp1252_french_nodecl.xml", "application/octet-stream"),
        ("cp1252_french_nodecl.xml", None),
        ("latin1_declared.xml", "text/xml; charset=ISO-8859-1"),
        ("latin1_declared.xml", "application/rss+xml"),
    ],
)
def test_legacy_encoded_french_feed_keeps_accents(name, content_type):
    (entry,) = parse(name, content_type).entries
    assert entry.title == FRENCH_TITLE
    assert entry.summary == FRENCH_SUMMARY


def test_utf8_body_labelled_latin1_is_read_as_utf8():
    body = (FEEDS / "cp1252_french_nodecl.xml").read_bytes().decode("cp1252").encode("utf-8")
    (entry,) = parse_feed(body, FEED_URL, "text/xml; charset=iso-8859-1").entries
    assert entry.title == FRENCH_TITLE


def test_decode_xml_bytes_boms_and_declarations():
    assert decode_xml_bytes("<a>é</a>".encode("utf-16")) == "<a>é</a>"
    assert decode_xml_bytes(b"\xef\xbb\xbf<a>\xc3\xa9</a>") == "<a>é</a>"
    koi8 = '<?xml version="1.0" encoding="koi8-r"?><a>Привет</a>'
    assert "Привет" in decode_xml_bytes(koi8.encode("koi8-r"))


# -- broken and non-feeds ------------------------------------------------------------------


@pytest.mark.parametrize("body", [b"", b"   \n\t ", None])
def test_empty_response(body):
    with pytest.raises(FeedError) as info:
        parse_feed(body, FEED_URL)
    assert info.value.reason == "empty response" and info.value.url == FEED_URL


def test_empty_fixture():
    with pytest.raises(FeedError, match="empty response"):
        parse("empty.xml")


@pytest.mark.parametrize(
    "body",
    [
        (FEEDS / "page.html").read_bytes(),
        b"<html><body>Moved</body></html>",
        b"\n<?xml version='1.0'?>\n<!-- hi -->\n<HTML><head></head></HTML>",
    ],
)
def test_html_page(body):
    with pytest.raises(FeedError) as info:
        parse_feed(body, FEED_URL, "application/rss+xml")
    assert info.value.reason == "not a feed: got an HTML page"


def test_truncated_xml_without_entries():
    with pytest.raises(FeedError) as info:
        parse("truncated.xml")
    assert info.value.reason.startswith("malformed XML: ")
    assert "line" in info.value.reason


def test_truncated_xml_with_entries_is_accepted_with_warning():
    feed = parse("truncated_with_entries.xml")
    assert [e.title for e in feed.entries] == ["First", "Second"]
    assert any(w.startswith("bozo: ") and "line" in w for w in feed.warnings)


def test_unknown_xml_is_not_a_feed():
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(b"<?xml version='1.0'?><catalog><book/></catalog>", FEED_URL)


def test_duplicates_missing_links_and_odd_dates():
    feed = parse("duplicates_nolinks_dates.xml")
    by_title = {e.title: e for e in feed.entries}
    assert list(by_title) == ["One", "Future", "Undated", "Bad date"]
    assert by_title["One"].published == datetime(1970, 1, 1, tzinfo=UTC)
    assert by_title["Future"].published == datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert by_title["Undated"].published is None
    assert by_title["Bad date"].published is None
    assert "2 entries without link skipped" in feed.warnings
    assert "2 duplicate entries skipped" in feed.warnings


def test_parse_date():
    assert parse_date("Tue, 14 May 2024 09:30:15 +0200") == datetime(
        2024, 5, 14, 7, 30, 15, tzinfo=UTC
    )
    assert parse_date("2024-05-14T09:30:15.250+02:00") == datetime(
        2024, 5, 14, 7, 30, 15, 250000, tzinfo=UTC
    )
    assert parse_date("2024-05-14") == datetime(2024, 5, 14, tzinfo=UTC)
    assert parse_date("Tue, 14 May 2024 09:30:15 GMT").tzinfo is UTC
    assert parse_date("yesterday") is None and parse_date("") is None


def test_strip_html():
    assert strip_html("<p>a</p><p>b&nbsp;&amp; c</p><script>x()</script>") == "a b\xa0& c".replace(
        "\xa0", " "
    )
    assert strip_html("plain") == "plain" and strip_html("") is None


# -- hostile input -------------------------------------------------------------------------


@pytest.fixture
def secret_file(tmp_path):
    """A local file holding SECRET; it is also a DTD defining ``&leak;`` as the secret."""
    path = tmp_path / "secret.txt"
    path.write_text(f'<!ENTITY leak "{SECRET}">')
    return path


@pytest.fixture
def watch_opens(secret_file):
    """Fail if Python code opens the secret file (feedparser treats str bodies as paths)."""
    opened = []

    def hook(event, args):
        if event == "open" and args and str(args[0]).endswith(secret_file.name):
            opened.append(args[0])

    sys.addaudithook(hook)  # hooks cannot be removed; this one only records
    yield opened
    assert not opened, f"secret file was opened: {opened}"


def test_xxe_is_refused_and_file_never_read(secret_file, watch_opens):
    body = (FEEDS / "xxe.xml").read_text().replace("@SECRET_PATH@", str(secret_file))
    with pytest.raises(FeedError) as info:
        parse_feed(body.encode(), FEED_URL)
    assert info.value.reason == "XML entity declarations are not allowed"
    assert SECRET not in str(info.value)


@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{path}"> %p;]><rss version="2.0"/>',
        '<!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{path}">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.fr/&x;</loc></url></urlset>',
        '<!doctype feed [<!entity x SYSTEM "file://{path}">]><feed xmlns="http://www.w3.org/2005/Atom"/>',
    ],
)
def test_entity_variants_are_refused(secret_file, watch_opens, template):
    with pytest.raises(FeedError, match="entity declarations are not allowed"):
        parse_feed(template.format(path=secret_file).encode(), FEED_URL)


@pytest.mark.parametrize("root", ["rss", "urlset"])
def test_external_dtd_is_never_loaded(secret_file, watch_opens, root):
    # No inline declaration, but the external DTD would define &leak; if anything loaded it.
    items = {
        "rss": '<rss version="2.0"><channel><title>t &leak;</title><item><title>a &leak;</title>'
        "<link>https://a.example.com/1</link></item></channel></rss>",
        "urlset": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://a.example.com/1</loc><lastmod>2024-01-01</lastmod></url></urlset>",
    }[root]
    body = f'<?xml version="1.0"?>\n<!DOCTYPE {root} SYSTEM "file://{secret_file}">\n{items}'
    try:
        feed = parse_feed(body.encode(), FEED_URL)
    except FeedError as exc:
        assert SECRET not in str(exc)
    else:
        assert SECRET not in everything(feed)


def test_billion_laughs_is_refused_quickly():
    start = time.perf_counter()
    with pytest.raises(FeedError, match="entity declarations are not allowed"):
        parse("billion_laughs.xml")
    assert time.perf_counter() - start < 1


def test_body_that_is_a_file_path_is_not_opened(secret_file, watch_opens):
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(str(secret_file).encode(), FEED_URL)


def test_entity_text_inside_cdata_is_allowed():
    body = (
        '<rss version="2.0"><channel><title>Sec</title><item><title>XXE explained</title>'
        "<link>https://sec.example.com/xxe</link><description><![CDATA[Use <!ENTITY x SYSTEM> "
        "carefully]]></description></item></channel></rss>"
    )
    (entry,) = parse_feed(body.encode(), FEED_URL).entries
    assert entry.title == "XXE explained"
    assert has_entity_declarations("<!DOCTYPE a [<!ENTITY b 'c'>]><a/>")


def test_gzip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr("feeds.feedparse.MAX_INFLATED_BYTES", 1000)
    with pytest.raises(FeedError, match="size limit"):
        parse_feed(gzip.compress(b"<urlset>" + b" " * 10_000 + b"</urlset>"), FEED_URL)


# -- scale ---------------------------------------------------------------------------------


def _big_rss(n: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>https://big.example.com/a/{i}</link>"
        f"<guid isPermaLink='false'>g{i}</guid><pubDate>Mon, 06 Sep 2021 16:45:00 +0200</pubDate>"
        f"<description>&lt;p&gt;Hello &lt;b&gt;{i}&lt;/b&gt;&lt;/p&gt;</description></item>"
        for i in range(n)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>'
        f"<link>https://big.example.com/</link>{items}</channel></rss>"
    ).encode()


def test_twenty_thousand_entries(capsys):
    # Behaviour, not a time limit: every entry is read, and the cost grows with the feed's
    # length, not its square (ten times the entries against a run of 2,000 in the same
    # process; a quadratic step would take about a hundred times as long).
    small, body = _big_rss(2_000), _big_rss(20_000)
    start = time.perf_counter()
    assert len(parse_feed(small, FEED_URL).entries) == 2_000
    small_elapsed = time.perf_counter() - start
    start = time.perf_counter()
    feed = parse_feed(body, FEED_URL)
    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(f"\n20,000-entry RSS ({len(body) / 1e6:.1f} MB) parsed in {elapsed:.2f}s")
    assert len(feed.entries) == 20_000
    assert feed.entries[-1].summary == "Hello 19999"
    assert elapsed < 40 * small_elapsed, (elapsed, small_elapsed)


def test_twenty_thousand_entry_json_feed():
    items = [{"id": str(i), "url": f"https://j.example.com/{i}"} for i in range(20_000)]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
    assert len(parse_feed(body, FEED_URL).entries) == 20_000


# -- robustness ----------------------------------------------------------------------------


def test_truncated_sitemap_is_recovered_with_warning():
    body = (FEEDS / "news_sitemap.xml").read_bytes()
    feed = parse_feed(body[: body.index(b"<lastmod>")], FEED_URL)
    assert [e.url.rsplit("/", 1)[1] for e in feed.entries] == ["article-1.html", "article-2.html"]
    assert feed.entries[1].published is None  # cut before its lastmod
    assert any(w.startswith("bozo: ") for w in feed.warnings)


def test_utf16_feed():
    body = (FEEDS / "rss20.xml").read_text().replace("UTF-8", "UTF-16").encode("utf-16")
    assert len(parse_feed(body, FEED_URL).entries) == 2


def test_html_fragment_root():
    with pytest.raises(FeedError, match="got an HTML page"):
        parse_feed(b"<head><title>x</title></head><body></body>", FEED_URL)


FRAGMENTS = [
    b"<rss version='2.0'>",
    b"<channel>",
    b"<item>",
    b"<link>https://f.example.com/",
    b"</link>",
    b"</item>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'>",
    b"<entry>",
    b"<urlset>",
    b"<url><loc>",
    b"{",
    b'"items": [',
    b"<!DOCTYPE x [",
    b"&amp;",
    b"\xe9",
    b"<![CDATA[",
    b"]]>",
    b"<html>",
    b"<?xml version='1.0' encoding='bogus'?>",
]


@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=8)), max_size=12))
@settings(max_examples=300, deadline=None)
def test_any_body_gives_a_feed_or_a_feed_error(parts):
    try:
        feed = parse_feed(b"".join(parts), FEED_URL)
    except FeedError as exc:
        assert exc.reason and exc.url == FEED_URL
    else:
        assert all(e.url.startswith(("http://", "https://")) for e in feed.entries)
