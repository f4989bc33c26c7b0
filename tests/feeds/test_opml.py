"""OPML import/export: reader exports with folders, round trips, garbage and entity attacks."""

from __future__ import annotations

import pytest

from feeds.errors import OPMLError
from feeds.opml import read_opml, write_opml
from feeds.seeds import DEFAULT_FEEDS_PATH, FeedSpec, load_feeds_toml

READER_EXPORT = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- exported by a feed reader -->
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Tech">
      <outline text="IA">
        <outline type="rss" text="ActuIA" title="ActuIA" xmlUrl="https://www.actuia.com/feed/"
                 htmlUrl="https://www.actuia.com/" language="fr-FR"/>
      </outline>
      <outline type="rss" text="Ars" xmlUrl="https://feeds.arstechnica.com/arstechnica/index"
               category="/news/tech,daily"/>
    </outline>
    <outline text="Soci\xe9t\xe9 g\xe9n\xe9rale" xmlUrl="https://societe.example.fr/rss"
             language="Fran\xe7ais"/>
    <outline text="ActuIA again" xmlUrl="https://www.actuia.com/feed/" category="ai"/>
    <outline text="empty folder"/>
  </body>
</opml>
"""


def test_reads_nested_reader_export():
    specs = read_opml(READER_EXPORT)
    assert specs == [
        FeedSpec("ActuIA", "https://www.actuia.com/feed/", "fr", 3600, True, ("Tech", "IA", "ai")),
        FeedSpec("Ars", "https://feeds.arstechnica.com/arstechnica/index", "und", 3600, True,
                 ("Tech", "news/tech", "daily")),
        FeedSpec("Société générale", "https://societe.example.fr/rss", "und", 3600),
    ]  # fmt: skip


def test_write_then_read_round_trips_shipped_seeds():
    specs = load_feeds_toml(DEFAULT_FEEDS_PATH)
    specs[0] = FeedSpec(specs[0].name, specs[0].url, specs[0].language, 300, False, ("a", "b"))
    text = write_opml(specs, title="Veille & <IA>")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert '<opml version="2.0"' in text and "Veille &amp; &lt;IA&gt;" in text
    assert 'newsmon:intervalMinutes="5"' in text and 'newsmon:active="false"' in text
    assert read_opml(text.encode("utf-8")) == specs


def test_quotes_and_ampersands_survive():
    specs = [FeedSpec('Les "Echos" & co', "https://a.example.fr/rss?a=1&b=2", "fr", 1800)]
    assert read_opml(write_opml(specs).encode()) == specs


def test_control_characters_in_stored_names_still_give_valid_xml():
    """A feed's own <title> may carry control characters; the export stays readable."""
    name = "Tech\x1b[31m news\x07 \u202eright\u202c\ttab"
    specs = [FeedSpec(name, "https://a.example/rss", "en", 1800)]
    back = read_opml(write_opml(specs, title="feeds\x00").encode())
    assert back[0].name == "Tech[31m news \u202eright\u202c\ttab"
    assert back[0].url == specs[0].url


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty document"),
        (b"this is not xml", "not XML"),
        (b"<opml><body><outline", "not XML"),
        (b"<html><body/></html>", "expected <opml>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (b"<opml><body><outline text='x' xmlUrl='ftp://x.example.com/f'/></body></opml>",
         "bad url"),
        (b"<opml xmlns:n='https://github.com/newsmon/newsmon/opml'><body><outline text='x' "
         b"xmlUrl='https://x.example.com/f' n:intervalMinutes='1'/></body></opml>", "outside"),
        (b"<opml><body><outline text='A' xmlUrl='https://a.example.com/1'/>"
         b"<outline text='a' xmlUrl='https://a.example.com/2'/></body></opml>", "duplicate name"),
    ],
)  # fmt: skip
def test_garbage_raises_opml_error(data, reason):
    with pytest.raises(OPMLError, match=reason):
        read_opml(data)


def test_entity_attacks_are_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("NEWSMON-OPML-SECRET")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<opml><body><outline text="&x;" xmlUrl="https://a.example.com/"/></body></opml>'
    ).encode()
    laughs = (
        b'<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<opml><body><outline text="&b;" xmlUrl="https://a.example.com/"/></body></opml>'
    )
    for data in (xxe, laughs):
        with pytest.raises(OPMLError, match="entity declarations are not allowed") as info:
            read_opml(data)
        assert "NEWSMON-OPML-SECRET" not in str(info.value)


def test_external_dtd_is_not_loaded(tmp_path):
    dtd = tmp_path / "secret.dtd"
    dtd.write_text('<!ENTITY leak "NEWSMON-OPML-SECRET">')
    data = (
        f'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "file://{dtd}">'
        '<opml><body><outline text="a &leak;" xmlUrl="https://a.example.com/"/></body></opml>'
    ).encode()
    try:
        specs = read_opml(data)
    except OPMLError as exc:
        assert "NEWSMON-OPML-SECRET" not in str(exc)
    else:
        assert "NEWSMON-OPML-SECRET" not in repr(specs)
