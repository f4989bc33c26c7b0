"""Find the feeds a web page advertises, and tell a feed body from anything else."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from feeds.feedparse import decode_xml_bytes, document_root, split_content_type
from feeds.jsonfeed import json_start
from feeds.urls import canonicalize_url

FEED_LINK_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)
FEED_ROOTS = frozenset({"rss", "feed", "RDF", "urlset"})
#: Bytes of a body inspected by ``looks_like_feed``.
SNIFF_BYTES = 8192
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)


def discover_feeds(html: bytes | str, base_url: str) -> list[str]:
    """Absolute URLs of ``<link rel="alternate">`` feeds in document order, without duplicates.

    WordPress' ``application/json`` links to its REST API (``/wp-json/``) are not feeds and
    are left out.
    """
    finder = _FeedLinkFinder()
    finder.feed(_html_text(html))
    finder.close()
    base = urljoin(base_url, finder.base_href) if finder.base_href else base_url
    found, seen = [], set()
    for href in finder.links:
        url = urljoin(base, href.strip())
        key = _key(url)
        if key is not None and key not in seen:
            seen.add(key)
            found.append(url)
    return found


def looks_like_feed(body: bytes, content_type: str | None) -> bool:
    """True if ``body`` is an RSS/Atom/RDF document, a news sitemap or a JSON Feed.

    The body decides; ``content_type`` only confirms a JSON object that does not announce
    itself in its first bytes.
    """
    head = json_start(body, SNIFF_BYTES)  # UTF-16 and 32 JSON too
    if head.startswith("{"):
        mime, _ = split_content_type(content_type)
        return "jsonfeed.org/version" in head or mime == "application/feed+json"
    root, _ = document_root(decode_xml_bytes(body[:SNIFF_BYTES]))  # UTF-16 and 32 too
    return root in FEED_ROOTS


class _FeedLinkFinder(HTMLParser):
    """Collects feed ``<link>`` hrefs and the first ``<base href>`` (which applies to all)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base_href: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and values.get("href", "").strip() and self.base_href is None:
            self.base_href = values["href"].strip()
        elif tag == "link" and _is_feed_link(values):
            self.links.append(values["href"])

    handle_startendtag = handle_starttag


def _is_feed_link(attrs: dict[str, str]) -> bool:
    rel = attrs.get("rel", "").lower().split()
    mime = attrs.get("type", "").split(";")[0].strip().lower()
    href = attrs.get("href", "").strip()
    if "alternate" not in rel or mime not in FEED_LINK_TYPES or not href:
        return False
    return not (mime == "application/json" and "/wp-json/" in href)


def _html_text(html: bytes | str) -> str:
    if isinstance(html, str):
        return html
    match = _META_CHARSET.search(html[:4096])
    if match:
        try:
            return html.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        return html.decode("cp1252", errors="replace")


def _key(url: str) -> str | None:
    try:
        return canonicalize_url(url) if urlsplit(url).scheme in ("http", "https") else None
    except ValueError:
        return None
