"""Turn a fetched feed body (RSS, Atom, RDF, JSON Feed, news sitemap) into a ``ParsedFeed``.

Feed bodies are hostile input: documents declaring XML entities are refused before any XML
parser sees them (billion laughs, XXE), nothing is ever fetched or read from disk, and the
body is decoded by us (HTTP charset, XML declaration, then utf-8, then cp1252) so that
mislabelled French feeds keep their accents. Formats live in feeds.jsonfeed and
feeds.sitemaps, XML safety in feeds.xmlsafe, the shared types in feeds.feedentries.
"""

from __future__ import annotations

import calendar
import io
import re
import zlib
from datetime import UTC, datetime
from typing import Any
from xml.sax import SAXParseException

import feedparser
from lxml import etree

from enrich.language import normalize_lang_tag
from feeds.dates import agrees_with_text, visible_day
from feeds.errors import FeedError
from feeds.feedentries import (
    FeedEntry,
    ParsedFeed,
    absolute,
    absolute_http,
    clean_text,
    dedupe,
    entry_date,
    parse_date,
    strip_html,
    text_title,
    unique,
)
from feeds.jsonfeed import parse_json_feed
from feeds.sitemaps import parse_sitemap
from feeds.xmlsafe import (
    decode_xml_bytes,
    has_entity_declarations,
    root_element_name,
    safe_xml_parser,
    split_content_type,
    utf8_xml_bytes,
)

__all__ = [
    "FeedEntry", "ParsedFeed", "decode_xml_bytes", "has_entity_declarations", "parse_date",
    "parse_feed", "root_element_name", "safe_xml_parser", "split_content_type", "strip_html",
    "utf8_xml_bytes",
]  # fmt: skip

#: A gzip-compressed body (``sitemap.xml.gz``) may not inflate past this many bytes.
MAX_INFLATED_BYTES = 64 * 1024 * 1024

_JSON_TYPES = ("application/feed+json", "application/json")
_FEEDPARSER_KINDS = {"rss090": "rdf", "rss10": "rdf"}
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
_HTML_ROOTS = frozenset({"html", "head", "body"})
#: Roots that make a document a feed whatever DOCTYPE precedes them (some RSS carries XHTML's).
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel", "urlset", "sitemapindex"})


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed body fetched from ``url``; raise ``FeedError`` saying why it is unusable.

    Whatever a parser underneath raises on a hostile body becomes a ``FeedError`` too.
    """
    try:
        return _parse_feed(body, url, content_type)
    except FeedError:
        raise
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError, MemoryError,
            etree.LxmlError) as exc:
        raise FeedError(f"unreadable feed: {type(exc).__name__}: {exc}", url) from None


def _parse_feed(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    body = _inflate(body or b"", url)
    if not body.strip():
        raise FeedError("empty response", url)
    mime, charset = split_content_type(content_type)
    if _is_json(body, mime):
        return parse_json_feed(body, url)
    text = decode_xml_bytes(body, charset)
    if has_entity_declarations(text):
        raise FeedError("XML entity declarations are not allowed", url)
    root = root_element_name(text)
    if root is None or root.lower() in _HTML_ROOTS or (
        root.lower() not in _FEED_ROOTS and _is_html_doctype(text)
    ):
        if root is None and not re.search(r"<html", text[:4096], re.I):
            raise FeedError("not a feed: no XML element found", url)
        raise FeedError("not a feed: got an HTML page", url)
    if root == "sitemapindex":
        raise FeedError("sitemap index: not supported, add the child sitemaps", url)
    if root == "urlset":
        return parse_sitemap(text, url)
    return _parse_with_feedparser(text, url)


def _inflate(body: bytes, url: str) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, MAX_INFLATED_BYTES)
    except zlib.error as exc:
        raise FeedError(f"corrupt gzip body: {exc}", url) from None
    if inflater.unconsumed_tail:
        raise FeedError("gzip body inflates past the size limit", url)
    return data


def _is_json(body: bytes, mime: str | None) -> bool:
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return start == b"{" or (mime in _JSON_TYPES and start != b"<")


def _is_html_doctype(text: str) -> bool:
    return re.match(r"\s*(?:<\?.*?\?>\s*)?<!DOCTYPE\s+html", text[:1024], re.I | re.S) is not None


# -- RSS / Atom / RDF through feedparser ---------------------------------------------------


def _parse_with_feedparser(text: str, url: str) -> ParsedFeed:
    # A stream, never str/bytes: feedparser would treat those as a URL or a local file path.
    try:
        result = feedparser.parse(
            io.BytesIO(utf8_xml_bytes(text)),
            # No content-location: feedparser would resolve an opaque guid ("c41042ae-...")
            # into a URL on the feed's host; relative links are resolved by us (xml:base
            # still applies inside feedparser).
            response_headers={"content-type": "application/xml; charset=utf-8"},
            resolve_relative_uris=False,
            sanitize_html=False,
        )
    except Exception as exc:  # feedparser is lenient; anything it raises is a broken body
        raise FeedError(f"malformed XML: {exc}", url) from None
    warnings = [_bozo_message(result["bozo_exception"])] if result.get("bozo") else []
    version = result.get("version") or ""
    if not result.entries and warnings:
        raise FeedError(f"malformed XML: {warnings[0].removeprefix('bozo: ')}", url)
    if not version and not result.entries:
        raise FeedError("not a feed: unknown XML format", url)
    feed = result.feed
    kind = _FEEDPARSER_KINDS.get(version, "atom" if version.startswith("atom") else "rss")
    language = normalize_lang_tag(feed.get("language"))
    feed_authors = _author_names(feed) if kind == "atom" else ()
    site_url = absolute(feed.get("link"), url)
    candidates = [_feedparser_entry(e, url, language, feed_authors) for e in result.entries]
    entries, skipped = dedupe(candidates)
    return ParsedFeed(
        kind=kind,
        title=clean_text(feed.get("title")),
        language=language,
        site_url=site_url,
        entries=entries,
        warnings=tuple(warnings + skipped),
    )


def _bozo_message(exc: Exception) -> str:
    if isinstance(exc, SAXParseException):
        return f"bozo: {exc.getMessage()} line {exc.getLineNumber()}"
    return f"bozo: {exc}"


def _feedparser_entry(
    entry: Any, url: str, feed_language: str | None, feed_authors: tuple[str, ...]
) -> FeedEntry | None:
    link = _entry_link(entry, url)
    if link is None:
        return None
    return FeedEntry(
        url=link,
        guid=(entry.get("id") or "").strip() or None,
        title=_entry_title(entry),
        published=_entry_date(entry),
        summary=strip_html(entry.get("summary")),
        content=_feedparser_content(entry),
        authors=_author_names(entry) or feed_authors,
        language=_entry_language(entry) or feed_language,
    )


def _entry_link(entry: Any, feed_url: str) -> str | None:
    """The entry's HTML page: a ``rel=alternate`` link (HTML types first), never an enclosure,
    an empty href or the feed itself; a guid only when it is already an absolute http(s) URL.
    """
    alternates = [link for link in entry.get("links") or []
                  if (link.get("rel") or "alternate") == "alternate" and link.get("href")]
    alternates.sort(key=lambda link: (link.get("type") or "text/html") not in _HTML_TYPES)
    for link in alternates:
        resolved = absolute(link["href"], feed_url)
        if resolved and resolved != feed_url:
            return resolved
    if entry.get("guidislink") and not alternates:
        return absolute_http(entry.get("id") or entry.get("link"))
    return None


def _entry_title(entry: Any) -> str | None:
    detail = entry.get("title_detail") or {}
    return text_title(entry.get("title"), html=detail.get("type") in _HTML_TYPES)


def _feedparser_content(entry: Any) -> str | None:
    contents = entry.get("content") or []
    for wanted in ("text/html", "application/xhtml+xml", None):
        for item in contents:
            if (wanted is None or item.get("type") == wanted) and item.get("value", "").strip():
                return str(item["value"])
    return None


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        # dict.get: FeedParserDict.get("updated") falls back to "published" with a warning
        written = dict.get(entry, key) or ""
        parsed = entry_date(written) or _fallback_date(written, dict.get(entry, f"{key}_parsed"))
        if parsed is not None:
            return parsed
    return None


def _fallback_date(written: str, struct: Any) -> datetime | None:
    """feedparser's reading of a date ours cannot read, if the written text bears it out.

    Not when ours saw a day and refused the rest (an unknown zone is not UTC), and never
    against the year/month/day the text shows.
    """
    if not struct or visible_day(written) is not None:
        return None
    try:
        parsed = datetime.fromtimestamp(calendar.timegm(struct), UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return parsed if agrees_with_text(written, parsed) else None


def _entry_language(entry: Any) -> str | None:
    for key in ("title_detail", "summary_detail"):
        detail = entry.get(key) or {}
        if language := normalize_lang_tag(detail.get("language")):
            return language
    return None


def _author_names(node: Any) -> tuple[str, ...]:
    names = [a.get("name") or a.get("email") for a in node.get("authors") or [] if a]
    if not any(names) and node.get("author"):
        names = [node["author"]]
    return unique(n.strip() for n in names if n and n.strip())
