"""Turn a fetched feed body (RSS, Atom, RDF, JSON Feed, news sitemap) into a ``ParsedFeed``.

Feed bodies are hostile input: documents declaring XML entities are refused before any XML
parser sees them (billion laughs, XXE), nothing is ever fetched or read from disk, and the
body is decoded by us (HTTP charset, XML declaration, then utf-8, then cp1252) so that
mislabelled French feeds keep their accents. Formats live in feeds.jsonfeed and
feeds.sitemaps, XML safety in feeds.xmlsafe, the shared types in feeds.feedentries.
"""

from __future__ import annotations

import calendar
import html
import io
import re
import zlib
from datetime import UTC, datetime
from typing import Any
from xml.sax import SAXParseException

import feedparser
from lxml import etree

from enrich.language import normalize_lang_tag
from feeds.atomdirect import read_plain_atom
from feeds.dates import agrees_with_text, visible_day
from feeds.dayorder import numeric_order
from feeds.errors import Declined, FeedError
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
    without_controls,
)
from feeds.jsonfeed import json_start, parse_json_feed
from feeds.rssdirect import read_plain_rss
from feeds.sitemaps import is_text_sitemap, parse_sitemap, parse_text_sitemap
from feeds.xmlsafe import (
    MAX_ATTRIBUTES,
    decode_xml_bytes,
    has_attribute_flood,
    has_entity_declarations,
    root_element_name,
    safe_xml_parser,
    split_content_type,
    utf8_xml_bytes,
    without_doctype,
)

__all__ = [
    "FeedEntry", "ParsedFeed", "decode_xml_bytes", "document_root", "has_entity_declarations",
    "parse_date", "parse_feed", "root_element_name", "safe_xml_parser", "split_content_type",
    "strip_html", "utf8_xml_bytes",
]  # fmt: skip

#: A gzip-compressed body (``sitemap.xml.gz``) may not inflate past this many bytes.
MAX_INFLATED_BYTES = 64 * 1024 * 1024

#: feedparser's keys for an entry's dates, in the order they are tried.
_DATE_KEYS = ("published", "updated", "created")
_JSON_TYPES = ("application/feed+json", "application/json")
_FEEDPARSER_KINDS = {"rss090": "rdf", "rss10": "rdf"}
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
_HTML_ROOTS = frozenset({"html", "head", "body"})
#: Roots that make a document a feed whatever DOCTYPE precedes them (some RSS carries XHTML's).
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel", "urlset", "sitemapindex"})
#: Where a feed starts when text precedes it.
_FEED_START = re.compile(r"<\?xml\b|<(?:[\w.-]+:)?(?:rss|feed|RDF|urlset)\b")
#: The text of a ``<guid>`` or ``<id>`` as written (feedparser resolves it against xml:base).
_RAW_ID = re.compile(r"<(?:[\w.-]+:)?(?:guid|id)\b[^<>]*>\s*(?:<!\[CDATA\[)?\s*([^<\s\]]+)", re.I)
#: A ``<guid>`` its publisher marks as a URL in so many words, and the text written in it.
_PERMALINK_GUID = re.compile(
    r"<guid\b[^<>]*\bisPermaLink\s*=\s*[\"']\s*true\s*[\"'][^<>]*>\s*(?:<!\[CDATA\[)?\s*([^<\s\]]+)",
    re.I,
)
#: The URI an RSS 1.0 item names itself by (its link, when it has no ``<link>``).
_RDF_ABOUT = re.compile(r"<(?:[\w.-]+:)?item\b[^<>]*?\brdf:about\s*=\s*[\"']([^\"'<>]+)", re.I)
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_RELATIVE_BASE = re.compile(r"xml:base\s*=\s*[\"'](?![A-Za-z][A-Za-z0-9+.-]*:)")


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
    if has_attribute_flood(text):
        raise FeedError(f"an element with more than {MAX_ATTRIBUTES} attributes", url)
    root, text = document_root(text)
    if root is None and is_text_sitemap(text):
        return parse_text_sitemap(text, url)
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
    return _parse_xml_feed(text, url, root)


def document_root(text: str) -> tuple[str | None, str]:
    """The root element's local name and the document from its start: text printed before
    a feed (a PHP notice before ``<?xml``) in the first 4 KB is skipped."""
    root = root_element_name(text)
    if root is None and (start := _FEED_START.search(text, 0, 4096)):
        text = text[start.start() :]
        root = root_element_name(text)
    return root, text


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
    start = json_start(body)
    array = re.match(r"\[\s*[{\]]", start) is not None
    return start.startswith("{") or array or (mime in _JSON_TYPES and not start.startswith("<"))


def _is_html_doctype(text: str) -> bool:
    return re.match(r"\s*(?:<\?.*?\?>\s*)?<!DOCTYPE\s+html", text[:1024], re.I | re.S) is not None


# -- RSS / Atom / RDF: plain RSS 2.0 directly, the rest through feedparser -----------------


def _parse_xml_feed(text: str, url: str, root: str) -> ParsedFeed:
    data = utf8_xml_bytes(without_doctype(text))
    if _RELATIVE_BASE.search(text):
        data = _absolute_bases(data, url)
    direct = _read_directly(data, text, root)
    if direct is not None:  # feedparser's values, without feedparser (see feeds.rssdirect)
        version, feed, entries = direct
        try:
            return _parsed_feed(version, feed, entries, [], text, url, direct=True)
        except Declined:
            pass
    return _parse_with_feedparser(data, text, url)


def _read_directly(
    data: bytes, text: str, root: str
) -> tuple[str, dict[str, Any], list[dict[str, Any]]] | None:
    """feedparser's version, feed and entries for plain RSS 2.0 and Atom 1.0, read directly
    (``feeds.rssdirect``, ``feeds.atomdirect``); None for any other document."""
    if root == "rss" and (rss := read_plain_rss(data, text)) is not None:
        return "rss20", *rss
    if root == "feed" and (atom := read_plain_atom(data)) is not None:
        return "atom10", *atom
    return None


def _parse_with_feedparser(data: bytes, text: str, url: str) -> ParsedFeed:
    # A stream, never str/bytes: feedparser would treat those as a URL or a local file path.
    try:
        result = feedparser.parse(
            io.BytesIO(data),
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
    if not result.entries and warnings and not (version and _loses_nothing(warnings[0])):
        raise FeedError(f"malformed XML: {warnings[0].removeprefix('bozo: ')}", url)
    if not version and not result.entries:
        raise FeedError("not a feed: unknown XML format", url)
    return _parsed_feed(version, result.feed, result.entries, warnings, text, url)


def _parsed_feed(
    version: str, feed: Any, items: list[Any], warnings: list[str], text: str, url: str,
    direct: bool = False,
) -> ParsedFeed:
    """The feed from feedparser's values, or ``feeds.rssdirect``'s in the same shape
    (``direct``: then a date ours cannot read raises ``Declined``, feedparser's reading of
    it being the fallback)."""
    kind = _FEEDPARSER_KINDS.get(version, "atom" if version.startswith("atom") else "rss")
    language = normalize_lang_tag(feed.get("language"))
    feed_authors = _author_names(feed) if kind == "atom" else ()
    site_url = absolute(feed.get("link"), url)
    written_urls = _written_url_ids(text) | _permalink_paths(text)
    order = numeric_order(
        (dict.get(e, key) for e in items for key in _DATE_KEYS), feed.get("language"), url)
    candidates = [_feedparser_entry(e, url, language, feed_authors, written_urls, order, direct)
                  for e in items]
    entries, skipped = dedupe(candidates)
    return ParsedFeed(
        kind=kind,
        title=_title(feed),
        language=language,
        site_url=site_url,
        entries=entries,
        warnings=tuple(warnings + skipped),
    )


def _absolute_bases(data: bytes, url: str) -> bytes:
    """The document with every relative ``xml:base`` made absolute against its parents' and
    the feed's URL. feedparser, handed no base URL (see above), mangles relative ones:
    ``#frag`` became ``/``, a nested ``deeper/`` was dropped, ``../x/`` lost its ``..``.
    A document lxml cannot read is left as it is.
    """
    try:
        root = etree.fromstring(data, safe_xml_parser(), base_url=url)
    except etree.XMLSyntaxError:
        return data
    resolved = [(node, node.base) for node in root.iter() if node.get(_XML_BASE) is not None]
    for node, base in resolved:
        node.set(_XML_BASE, base or url)
    return bytes(etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True))


def _loses_nothing(warning: str) -> bool:
    """Errors of a complete document that feedparser reads all the same: an undeclared prefix
    (``<itunes:author>`` without its ``xmlns:itunes``) or an HTML entity (``&hellip;``). A feed
    with no items and such an error is an empty feed, as it would be a readable one with
    items; a truncated one is still refused."""
    return warning.startswith(("bozo: unbound prefix", "bozo: undefined entity"))


def _bozo_message(exc: Exception) -> str:
    if isinstance(exc, SAXParseException):
        return f"bozo: {exc.getMessage()} line {exc.getLineNumber()}"
    return f"bozo: {exc}"


def _feedparser_entry(
    entry: Any, url: str, feed_language: str | None, feed_authors: tuple[str, ...],
    written_urls: frozenset[str], order: str | None, direct: bool,
) -> FeedEntry | None:
    link = _entry_link(entry, url, written_urls)
    if link is None:
        return None
    return FeedEntry(
        url=link,
        guid=clean_text(entry.get("id")),
        title=_title(entry),
        published=_entry_date(entry, order, direct),
        summary=strip_html(entry.get("summary")),
        content=_feedparser_content(entry),
        authors=_author_names(entry) or feed_authors,
        language=_entry_language(entry) or feed_language,
    )


def _entry_link(entry: Any, feed_url: str, written_urls: frozenset[str]) -> str | None:
    """The entry's HTML page: FeedBurner's ``origLink``, else a ``rel=alternate`` link (HTML
    types first), never an enclosure, an empty href or the feed itself; without one, a guid
    (or an RSS 1.0 item's ``rdf:about``) only when the document writes it as an absolute
    http(s) URL, or a relative guid marked ``isPermaLink="true"``.
    """
    original = absolute_http(entry.get("feedburner_origlink"))
    if original:  # FeedBurner's own link only redirects to it
        return original
    alternates = [link for link in entry.get("links") or []
                  if (link.get("rel") or "alternate") == "alternate" and link.get("href")]
    alternates.sort(key=lambda link: (link.get("type") or "text/html") not in _HTML_TYPES)
    for link in alternates:
        resolved = absolute(link["href"], feed_url)
        if resolved and resolved != feed_url:
            return resolved
    written = entry.get("id") or entry.get("link") or ""
    if not alternates and (entry.get("guidislink") or f"about:{written}" in written_urls):
        guid = absolute_http(written)
        if guid in written_urls:
            return guid
        if _path_tail(written) in written_urls:
            return absolute(written, feed_url)
    return None


def _written_url_ids(text: str) -> frozenset[str]:
    """The guids and ids written as absolute http(s) URLs in the document itself: feedparser
    resolves the others against ``xml:base``, which would make ``c41042ae-...`` a URL."""
    found = (absolute_http(html.unescape(value)) for value in _RAW_ID.findall(text))
    about = [url for value in _RDF_ABOUT.findall(text)
             if (url := absolute_http(html.unescape(value)))]
    return frozenset(url for url in found if url) | {*about, *(f"about:{url}" for url in about)}


def _permalink_paths(text: str) -> frozenset[str]:
    """Relative guids marked ``isPermaLink="true"`` that read as a path (``episode/1/``,
    ``/2024/a.html``), by their last segment: resolved (xml:base, then the feed's URL), they
    are the entry's link. An unmarked guid is never resolved (``c41042ae-...`` is no path)."""
    found = (html.unescape(value) for value in _PERMALINK_GUID.findall(text))
    return frozenset(
        _path_tail(value) for value in found
        if not absolute_http(value) and re.search(r"[/.]", value) and ":" not in value
    )


def _path_tail(value: str) -> str:
    return "permalink:" + value.rstrip("/").rpartition("/")[2]


def _title(node: Any) -> str | None:
    """An entry's or the feed's title as text (see ``text_title``)."""
    detail = node.get("title_detail") or {}
    return text_title(node.get("title"), html=detail.get("type") in _HTML_TYPES)


def _feedparser_content(entry: Any) -> str | None:
    contents = entry.get("content") or []
    for wanted in ("text/html", "application/xhtml+xml", None):
        for item in contents:
            if (wanted is None or item.get("type") == wanted) and item.get("value", "").strip():
                return without_controls(str(item["value"]))
    return None


def _entry_date(entry: Any, order: str | None, direct: bool) -> datetime | None:
    for key in _DATE_KEYS:
        # dict.get: FeedParserDict.get("updated") falls back to "published" with a warning
        written = dict.get(entry, key) or ""
        parsed = entry_date(written, order)
        if parsed is None and written and direct:
            raise Declined("a date only feedparser may read")
        parsed = parsed or _fallback_date(written, dict.get(entry, f"{key}_parsed"), order)
        if parsed is not None:
            return parsed
    return None


def _fallback_date(written: str, struct: Any, order: str | None) -> datetime | None:
    """feedparser's reading of a date ours cannot read, if the written text bears it out.

    Not when ours saw a day and refused the rest (an unknown zone is not UTC), and never
    against the year/month/day the text shows.
    """
    if not struct or visible_day(written, order) is not None:
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
    return unique(filter(None, map(clean_text, names)))
