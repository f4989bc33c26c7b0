"""JSON Feed (https://jsonfeed.org) bodies into ``ParsedFeed``.

The spec asks for UTF-8; a body in UTF-16 or UTF-32 is read all the same, its encoding told by
a byte order mark or by the zero bytes of its first characters (JSON text starts with two ASCII
characters: RFC 4627 section 3, as ``json.loads`` reads bytes).
"""

from __future__ import annotations

import json
from typing import Any

from enrich.language import normalize_lang_tag
from feeds.dayorder import numeric_order
from feeds.errors import FeedError
from feeds.feedentries import (
    FeedEntry,
    ParsedFeed,
    absolute,
    absolute_http,
    clean_text,
    dedupe,
    entry_date,
    strip_html,
    text_title,
    unique,
    without_controls,
)


def json_start(body: bytes, size: int = 256) -> str:
    """The first ``size`` bytes of a body read as JSON text would be (UTF-8, -16 or -32, told
    by its BOM or zero bytes), leading white space and BOM dropped; XML starts with ``<``."""
    encoding = json.detect_encoding(body[:4])
    return body[:size].decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise FeedError(f"malformed JSON: {exc}", url) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not a feed: JSON without an items list", url)
    language = normalize_lang_tag(_str(data.get("language")))
    feed_authors = _json_authors(data)
    items = [item for item in data["items"] if isinstance(item, dict)]
    written = (_str(item.get(key)) for item in items for key in _DATE_KEYS)
    order = numeric_order(written, _str(data.get("language")), url)
    candidates = [_json_entry(item, url, language, feed_authors, order) for item in items]
    candidates += [None] * (len(data["items"]) - len(items))
    entries, skipped = dedupe(candidates)
    return ParsedFeed(
        kind="jsonfeed",
        title=text_title(_str(data.get("title"))),
        language=language,
        site_url=absolute(_str(data.get("home_page_url")), url),
        entries=entries,
        warnings=tuple(skipped),
    )


def _json_entry(
    item: dict[str, Any], url: str, feed_language: str | None, feed_authors: tuple[str, ...],
    order: str | None,
) -> FeedEntry | None:
    """An item: its link is ``url``, else ``external_url``, else an ``id`` that is written as
    an absolute http(s) URL (the spec lets an id be the item's URL)."""
    guid = item.get("id")
    link = absolute(_str(item.get("url")) or _str(item.get("external_url")), url) or (
        absolute_http(_str(guid)))
    if link is None:
        return None
    published = entry_date(_str(item.get("date_published")), order)
    return FeedEntry(
        url=link,
        guid=clean_text(str(guid)) if isinstance(guid, str | int) else None,
        title=text_title(_str(item.get("title"))),
        published=published or entry_date(_str(item.get("date_modified")), order),
        summary=strip_html(_str(item.get("summary"))),
        content=_content(item),
        authors=_json_authors(item) or feed_authors,
        language=normalize_lang_tag(_str(item.get("language"))) or feed_language,
    )


_DATE_KEYS = ("date_published", "date_modified")


def _json_authors(node: dict[str, Any]) -> tuple[str, ...]:
    authors = node.get("authors")
    if not isinstance(authors, list):
        authors = [node.get("author")]
    names = [_str(a.get("name")) for a in authors if isinstance(a, dict)]
    return unique(filter(None, map(clean_text, names)))


def _content(item: dict[str, Any]) -> str | None:
    content = _str(item.get("content_html")) or _str(item.get("content_text"))
    return without_controls(content) if content else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
