"""Turn a fetched feed body (RSS, Atom, RDF, JSON Feed, news sitemap) into a ``ParsedFeed``.

Feed bodies are hostile input: documents declaring XML entities are refused before any XML
parser sees them (billion laughs, XXE), nothing is ever fetched or read from disk, and the
body is decoded by us (HTTP charset, XML declaration, then utf-8, then cp1252) so that
mislabelled French feeds keep their accents.
"""

from __future__ import annotations

import calendar
import io
import json
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

import feedparser
from lxml import etree

from crawler.exceptions import FeedError
from crawler.urls import canonicalize_url
from enrich.language import normalize_lang_tag

#: A gzip-compressed body (``sitemap.xml.gz``) may not inflate past this many bytes.
MAX_INFLATED_BYTES = 64 * 1024 * 1024

_JSON_TYPES = ("application/feed+json", "application/json")
_FEEDPARSER_KINDS = {"rss090": "rdf", "rss10": "rdf"}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_XML_DECL_ENCODING = re.compile(
    rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.I
)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
_CDATA_OR_COMMENT = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.S)
_PROLOG_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S | re.I)
_ROOT_TAG = re.compile(r"\s*<([A-Za-z_][\w.:-]*)")
_HTML_ROOTS = frozenset({"html", "head", "body"})
_LATIN1_ALIASES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}
_WHITESPACE = re.compile(r"\s+")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
_ABSOLUTE_HTTP = re.compile(r"https?://[A-Za-z0-9._~-]+(?::[0-9]{1,5})?(?:[/?#]|$)")


@dataclass(frozen=True)
class FeedEntry:
    """One article announced by a feed; ``url`` is absolute, ``published`` aware UTC."""

    url: str
    guid: str | None
    title: str | None
    published: datetime | None
    summary: str | None
    content: str | None
    authors: tuple[str, ...]
    language: str | None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's metadata, its usable entries and what was skipped or repaired on the way."""

    kind: str
    title: str | None
    language: str | None
    site_url: str | None
    entries: tuple[FeedEntry, ...]
    warnings: tuple[str, ...]


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed body fetched from ``url``; raise ``FeedError`` saying why it is unusable."""
    body = _inflate(body or b"", url)
    if not body.strip():
        raise FeedError("empty response", url)
    mime, charset = split_content_type(content_type)
    if _is_json(body, mime):
        return _parse_json_feed(body, url)
    text = decode_xml_bytes(body, charset)
    if has_entity_declarations(text):
        raise FeedError("XML entity declarations are not allowed", url)
    root = root_element_name(text)
    if root is None or root.lower() in _HTML_ROOTS or _is_html_doctype(text):
        if root is None and not re.search(r"<html", text[:4096], re.I):
            raise FeedError("not a feed: no XML element found", url)
        raise FeedError("not a feed: got an HTML page", url)
    if root == "sitemapindex":
        raise FeedError("sitemap index: not supported, add the child sitemaps", url)
    if root == "urlset":
        return _parse_sitemap(text, url)
    return _parse_with_feedparser(text, url)


# -- decoding and XML safety (shared with crawler.opml) ------------------------------------


def split_content_type(content_type: str | None) -> tuple[str | None, str | None]:
    """``"text/xml; charset=ISO-8859-1"`` -> ``("text/xml", "iso-8859-1")``."""
    if not content_type:
        return None, None
    mime, _, params = content_type.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", params, re.I)
    return mime.strip().lower() or None, match.group(1).lower() if match else None


def decode_xml_bytes(body: bytes, charset: str | None = None) -> str:
    """Decode an XML body: BOM, then valid utf-8, then the declared charsets, then cp1252.

    Valid utf-8 wins over a declared 8-bit charset because legacy-encoded accented text is
    practically never valid utf-8, while "ISO-8859-1" labels on utf-8 bodies are common.
    ISO-8859-1 is read as cp1252 (as browsers do) so that ’, € and « » survive.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    declared = _XML_DECL_ENCODING.search(body[:512])
    labels = [charset, declared.group(1).decode("ascii").lower() if declared else None]
    if not any(label and label.startswith("utf-16") for label in labels):
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for label in labels:
        if not label or label.replace("_", "-") in ("utf-8", "utf8"):
            continue
        encoding = "cp1252" if label in _LATIN1_ALIASES else label
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def has_entity_declarations(text: str) -> bool:
    """True if the document declares entities (``<!ENTITY`` outside CDATA and comments)."""
    if not _ENTITY_DECL.search(text):
        return False
    return bool(_ENTITY_DECL.search(_CDATA_OR_COMMENT.sub("", text)))


def root_element_name(text: str) -> str | None:
    """Local name of the first element after the prolog (``rss``, ``feed``, ``RDF``...)."""
    pos = 1 if text.startswith("\ufeff") else 0
    while match := _PROLOG_SKIP.match(text, pos):
        if match.end() == pos:
            break
        pos = match.end()
    match = _ROOT_TAG.match(text, pos)
    return match.group(1).rpartition(":")[2] if match else None


def utf8_xml_bytes(text: str) -> bytes:
    """Re-encode decoded XML as utf-8; a declaration, if any, is rewritten to say so.

    Nothing is added to a document without a declaration (XML defaults to utf-8), so line and
    column numbers in parser errors still point into the original body.
    """
    text = _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text.lstrip("\ufeff"), count=1)
    return text.encode("utf-8", errors="replace")


def safe_xml_parser(recover: bool = False) -> etree.XMLParser:
    """An lxml parser that never expands entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
    )


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
            response_headers={
                "content-type": "application/xml; charset=utf-8",
                "content-location": url,
            },
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
    site_url = _absolute(feed.get("link"), url)
    candidates = [_feedparser_entry(e, url, language, feed_authors) for e in result.entries]
    entries, skipped = _dedupe(candidates)
    return ParsedFeed(
        kind=kind,
        title=_clean_text(feed.get("title")),
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
    link = _absolute(entry.get("link"), url)
    if link is None:
        return None
    return FeedEntry(
        url=link,
        guid=(entry.get("id") or "").strip() or None,
        title=_clean_text(entry.get("title")),
        published=_entry_date(entry),
        summary=strip_html(entry.get("summary")),
        content=_feedparser_content(entry),
        authors=_author_names(entry) or feed_authors,
        language=_entry_language(entry) or feed_language,
    )


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
        parsed = parse_date(dict.get(entry, key))
        struct = dict.get(entry, f"{key}_parsed")
        if parsed is None and struct:
            try:
                parsed = datetime.fromtimestamp(calendar.timegm(struct), UTC)
            except (OverflowError, OSError, ValueError):
                parsed = None
        if parsed is not None:
            return parsed
    return None


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
    return _unique(n.strip() for n in names if n and n.strip())


# -- JSON Feed -----------------------------------------------------------------------------


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise FeedError(f"malformed JSON: {exc}", url) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not a feed: JSON without an items list", url)
    language = normalize_lang_tag(_str(data.get("language")))
    feed_authors = _json_authors(data)
    candidates = [
        _json_entry(item, url, language, feed_authors) if isinstance(item, dict) else None
        for item in data["items"]
    ]
    entries, skipped = _dedupe(candidates)
    return ParsedFeed(
        kind="jsonfeed",
        title=_clean_text(_str(data.get("title"))),
        language=language,
        site_url=_absolute(_str(data.get("home_page_url")), url),
        entries=entries,
        warnings=tuple(skipped),
    )


def _json_entry(
    item: dict[str, Any], url: str, feed_language: str | None, feed_authors: tuple[str, ...]
) -> FeedEntry | None:
    link = _absolute(_str(item.get("url")) or _str(item.get("external_url")), url)
    if link is None:
        return None
    published = parse_date(_str(item.get("date_published")))
    guid = item.get("id")
    return FeedEntry(
        url=link,
        guid=str(guid).strip() or None if isinstance(guid, str | int) else None,
        title=_clean_text(_str(item.get("title"))),
        published=published or parse_date(_str(item.get("date_modified"))),
        summary=strip_html(_str(item.get("summary"))),
        content=_str(item.get("content_html")) or _str(item.get("content_text")),
        authors=_json_authors(item) or feed_authors,
        language=normalize_lang_tag(_str(item.get("language"))) or feed_language,
    )


def _json_authors(node: dict[str, Any]) -> tuple[str, ...]:
    authors = node.get("authors")
    if not isinstance(authors, list):
        authors = [node.get("author")]
    names = [_str(a.get("name")) for a in authors if isinstance(a, dict)]
    return _unique(n.strip() for n in names if n and n.strip())


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# -- news sitemaps -------------------------------------------------------------------------


def _parse_sitemap(text: str, url: str) -> ParsedFeed:
    data, warnings = utf8_xml_bytes(text), []
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        root = _recover(data)
        warnings.append(f"bozo: {exc}")
        if root is None or not _children(root, "url"):
            raise FeedError(f"malformed XML: {exc}", url) from None
    candidates, publication = [], None
    for node in _children(root, "url"):
        news = _child(node, "news")
        pub = _child(news, "publication")
        publication = publication or _text(_child(pub, "name"))
        candidates.append(_sitemap_entry(node, news, pub, url))
    entries, skipped = _dedupe(candidates)
    languages = {e.language for e in entries}
    return ParsedFeed(
        kind="sitemap",
        title=publication,
        language=languages.pop() if len(languages) == 1 else None,
        site_url=None,
        entries=entries,
        warnings=tuple(warnings + skipped),
    )


def _recover(data: bytes) -> Any:
    try:
        return etree.fromstring(data, safe_xml_parser(recover=True))
    except etree.XMLSyntaxError:
        return None


def _sitemap_entry(node: Any, news: Any, pub: Any, url: str) -> FeedEntry | None:
    link = _absolute(_text(_child(node, "loc")), url)
    if link is None:
        return None
    published = parse_date(_text(_child(news, "publication_date")))
    return FeedEntry(
        url=link,
        guid=None,
        title=_clean_text(_text(_child(news, "title"))),
        published=published or parse_date(_text(_child(node, "lastmod"))),
        summary=None,
        content=None,
        authors=(),
        language=normalize_lang_tag(_text(_child(pub, "language"))),
    )


def _children(node: Any, name: str) -> list[Any]:
    return [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _child(node: Any, name: str) -> Any:
    if node is None:
        return None
    found = _children(node, name)
    return found[0] if found else None


def _text(node: Any) -> str | None:
    return (node.text or "").strip() or None if node is not None else None


# -- shared helpers ------------------------------------------------------------------------


def parse_date(value: str | None) -> datetime | None:
    """RFC 822 or ISO 8601 date -> aware UTC datetime (naive values are taken as UTC)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        return None


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset("p br div li ul ol h1 h2 h3 h4 h5 h6 tr td blockquote pre".split())
    _SKIP = frozenset(("script", "style"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.skipping += tag in self._SKIP
        if tag in self._BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def strip_html(value: str | None) -> str | None:
    """Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    if not value:
        return None
    if "<" in value or "&" in value:
        extractor = _TextExtractor()
        extractor.feed(value)
        extractor.close()
        value = "".join(extractor.parts)
    return _clean_text(value)


def _clean_text(value: str | None) -> str | None:
    return _WHITESPACE.sub(" ", value).strip() or None if value else None


def _absolute(link: str | None, base: str) -> str | None:
    """``link`` resolved against ``base`` if it gives an http(s) URL with a host, else None."""
    link = _CONTROL_OR_SPACE.sub(_percent_encode, (link or "").strip())
    if _ABSOLUTE_HTTP.match(link):  # the common case: feedparser already resolved it
        return link
    if not link:
        return None
    try:
        resolved = urljoin(base, link)
        parts = urlsplit(resolved)
    except ValueError:
        return None
    return resolved if parts.scheme in ("http", "https") and parts.hostname else None


def _percent_encode(match: re.Match[str]) -> str:
    """NUL, control characters and spaces inside a link, encoded as a browser would."""
    return f"%{ord(match.group()):02X}"


def _dedupe(candidates: list[FeedEntry | None]) -> tuple[tuple[FeedEntry, ...], list[str]]:
    seen: set[str] = set()
    entries, missing, duplicates = [], 0, 0
    for entry in candidates:
        if entry is None:
            missing += 1
            continue
        keys = {_url_key(entry.url)} | ({f"guid:{entry.guid}"} if entry.guid else set())
        if keys & seen:
            duplicates += 1
            continue
        seen |= keys
        entries.append(entry)
    warnings = []
    if missing:
        warnings.append(f"{missing} entries without link skipped")
    if duplicates:
        warnings.append(f"{duplicates} duplicate entries skipped")
    return tuple(entries), warnings


def _url_key(url: str) -> str:
    try:
        return canonicalize_url(url)
    except ValueError:
        return url


def _unique(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
