"""discover_feeds over small HTML pages; looks_like_feed over the fixture feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.discovery import discover_feeds, looks_like_feed

FEEDS = Path(__file__).parent / "feeds"

PAGE = """<!DOCTYPE html>
<html><head>
<title>Example</title>
<link rel="stylesheet" href="/style.css">
<LINK REL="Alternate Feed" TYPE="Application/RSS+XML; charset=utf-8" href="/feed/">
<link rel="alternate" type="application/atom+xml" href="https://example.com/atom.xml">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/12">
<link rel="alternate" type="application/json" href="/feed.json?v=1">
<link rel="alternate" type="application/rss+xml" href="/feed/#again">
<link rel="alternate" type="application/rss+xml" href="">
<link rel="alternate" type="application/rss+xml" href="javascript:void(0)">
<link rel="alternate" type="application/rss+xml" href="/comments/feed/" title="Comments">
</head><body><a href="/other.rss" rel="alternate" type="application/rss+xml">x</a></body></html>
"""


def test_discovers_feed_links_in_document_order():
    assert discover_feeds(PAGE, "https://example.com/blog/post") == [
        "https://example.com/feed/",
        "https://example.com/atom.xml",
        "https://example.com/blog/feed.json",
        "https://example.com/feed.json?v=1",
        "https://example.com/comments/feed/",
    ]


def test_accepts_bytes_and_respects_base_href():
    page = (
        '<html><head><meta charset="iso-8859-1"><link rel="alternate" '
        'type="application/rss+xml" href="rss.xml" title="Actualit\xe9s">'
        '<base href="https://cdn.example.org/section/"></head></html>'
    ).encode("latin-1")
    assert discover_feeds(page, "https://example.org/") == [
        "https://cdn.example.org/section/rss.xml"
    ]


def test_no_feeds():
    assert discover_feeds(b"<html><head></head><body>hi</body></html>", "https://x.com/") == []
    assert discover_feeds("", "https://x.com/") == []


@pytest.mark.parametrize(
    "name", ["rss20.xml", "rdf.xml", "atom_xmlbase.xml", "jsonfeed.json", "news_sitemap.xml",
             "cp1252_french_nodecl.xml"],
)  # fmt: skip
def test_looks_like_feed_true(name):
    assert looks_like_feed((FEEDS / name).read_bytes(), None)


@pytest.mark.parametrize(
    "body, content_type",
    [
        ((FEEDS / "page.html").read_bytes(), "application/rss+xml"),
        (b"", "application/rss+xml"),
        (b'{"name": "not a feed"}', "application/json"),
        (b"<?xml version='1.0'?><catalog/>", "text/xml"),
        ((FEEDS / "sitemap_index.xml").read_bytes(), "application/xml"),
    ],
)
def test_looks_like_feed_false(body, content_type):
    assert not looks_like_feed(body, content_type)


def test_json_feed_recognised_by_content_type():
    assert looks_like_feed(b'{"items": []}', "application/feed+json; charset=utf-8")
