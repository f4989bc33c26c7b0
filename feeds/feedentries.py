"""What every feed format is parsed into, and the helpers the format parsers share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from feeds import dates
from feeds.urls import canonicalize_url

_WHITESPACE = re.compile(r"\s+")
#: C0 and C1 control characters other than white space: never text (XML forbids most, a
#: database refuses NUL), though a lenient parser lets them through.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)
_OPEN_TAG = re.compile(r"<([a-z][a-z0-9]{0,9})(?:\s[^<>]*)?>", re.I)
_EMPTY_TAG = re.compile(r"<(?:br|hr|img|wbr)\b[^<>]*/?>", re.I)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
#: Tabs and line breaks inside a URL are dropped, as browsers do (WHATWG URL standard): a long
#: link wrapped over two lines is one URL.
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
#: Schemes are case-insensitive (RFC 3986 section 3.1): ``HTTP://`` is an http URL too.
_ABSOLUTE_HTTP = re.compile(r"(https?)(://[A-Za-z0-9._~-]+(?::[0-9]{1,5})?(?:[/?#]|$))", re.I)


#: Entries with this many different links sharing one guid show it is not an identifier.
_GUID_SHARED_BY = 3


@dataclass(frozen=True)
class FeedEntry:
    """One article announced by a feed; ``url`` is absolute, ``published`` aware, in the zone
    the feed wrote it (its ``date()`` is the publisher's day; see ``entry_date``)."""

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


def parse_date(value: str | None) -> datetime | None:
    """A feed's date -> aware UTC datetime (see ``feeds.dates``; naive values are UTC)."""
    return dates.parse_date(value)


def entry_date(value: str | None, order: str | None = None) -> datetime | None:
    """An entry's date, aware, in the zone the feed wrote it: ``2025-10-14T21:10:00-04:00``
    stays on the 14th though it is the 15th in UTC (naive values are UTC). ``None`` when it
    cannot be read, or has no UTC instant (year 1 with an offset east of UTC). ``order``: how
    the feed writes numeric dates (``feeds.dates.numeric_order``)."""
    written = dates.parse_written(value, order)
    if written is None:
        return None
    try:
        written.astimezone(UTC)
    except OverflowError:
        return None
    return written


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
        extractor.feed(_without_unclosed_comment(value))
        extractor.close()
        value = "".join(extractor.parts)
    return clean_text(value)


def _without_unclosed_comment(value: str) -> str:
    """An HTML comment left open runs to the end (as in browsers), rather than being text."""
    position = 0
    while (start := value.find("<!--", position)) >= 0:
        end = value.find("-->", start + 4)
        if end < 0:
            return value[:start]
        position = end + 3
    return value


def text_title(value: str | None, html: bool = False) -> str | None:
    """A title as text: HTML (declared, or detected by entities or paired tags) is decoded
    and its tags dropped; literal ``<i>`` in a plain title stays."""
    if not value:
        return None
    if html or looks_like_html(value):
        return strip_html(value)
    return clean_text(value)


def looks_like_html(value: str) -> bool:
    """Character references (``&amp;``, ``&#8217;``) or a tag closed again (``<b>..</b>``)."""
    if _ENTITY.search(value):
        return True
    return any(f"</{m.group(1).lower()}" in value.lower() for m in _OPEN_TAG.finditer(value)) or (
        _EMPTY_TAG.search(value) is not None)


def clean_text(value: str | None) -> str | None:
    """Text on one line: control characters dropped, white space collapsed; None if empty."""
    return _WHITESPACE.sub(" ", without_controls(value)).strip() or None if value else None


def without_controls(value: str) -> str:
    """``value`` without control characters (tabs and line breaks stay)."""
    return _CONTROL.sub("", value)


def absolute(link: str | None, base: str) -> str | None:
    """``link`` resolved against ``base`` if it gives an http(s) URL with a host, else None."""
    link = _TAB_OR_NEWLINE.sub("", (link or "").strip())
    link = _CONTROL_OR_SPACE.sub(_percent_encode, link)
    if _ABSOLUTE_HTTP.match(link):  # the common case: feedparser already resolved it
        return _lower_scheme(link)
    if not link:
        return None
    try:
        resolved = urljoin(base, link)
        parts = urlsplit(resolved)
    except ValueError:
        return None
    return resolved if parts.scheme in ("http", "https") and parts.hostname else None


def absolute_http(link: str | None) -> str | None:
    """``link`` if it is already an absolute http(s) URL with a host (nothing resolved)."""
    link = (link or "").strip()
    return _lower_scheme(link) if _ABSOLUTE_HTTP.match(link) else None


def _lower_scheme(link: str) -> str:
    scheme, _, rest = link.partition(":")
    return f"{scheme.lower()}:{rest}"


def _percent_encode(match: re.Match[str]) -> str:
    """NUL, control characters and spaces inside a link, encoded as a browser would."""
    return f"%{ord(match.group()):02X}"


def dedupe(candidates: list[FeedEntry | None]) -> tuple[tuple[FeedEntry, ...], list[str]]:
    """The entries that are distinct articles, and warnings counting the others.

    One article: the same canonical URL, or the same guid. A guid written on entries with
    three or more different links is no identifier (some generators put one guid, the site's
    URL or ``0``, into every item): those entries are told apart by their links alone.
    """
    keyed = [(entry, _url_key(entry.url)) for entry in candidates if entry is not None]
    links_by_guid: dict[str, set[str]] = {}
    for entry, url in keyed:
        if entry.guid:
            links_by_guid.setdefault(entry.guid, set()).add(url)
    seen: set[str] = set()
    entries, duplicates = [], 0
    for entry, url in keyed:
        keys = {url}
        if entry.guid and len(links_by_guid[entry.guid]) < _GUID_SHARED_BY:
            keys.add(f"guid:{entry.guid}")
        if keys & seen:
            duplicates += 1
            continue
        seen |= keys
        entries.append(entry)
    missing = len(candidates) - len(keyed)
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


def unique(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
