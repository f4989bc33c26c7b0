"""JSON Feed (https://jsonfeed.org) bodies into ``ParsedFeed``."""

from __future__ import annotations

import json
from typing import Any

from enrich.language import normalize_lang_tag
from feeds.errors import FeedError
from feeds.feedentries import (
    FeedEntry,
    ParsedFeed,
    absolute,
    clean_text,
    dedupe,
    entry_date,
    strip_html,
    text_title,
    unique,
    without_controls,
)


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
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
    item: dict[str, Any], url: str, feed_language: str | None, feed_authors: tuple[str, ...]
) -> FeedEntry | None:
    link = absolute(_str(item.get("url")) or _str(item.get("external_url")), url)
    if link is None:
        return None
    published = entry_date(_str(item.get("date_published")))
    guid = item.get("id")
    return FeedEntry(
        url=link,
        guid=clean_text(str(guid)) if isinstance(guid, str | int) else None,
        title=text_title(_str(item.get("title"))),
        published=published or entry_date(_str(item.get("date_modified"))),
        summary=strip_html(_str(item.get("summary"))),
        content=_content(item),
        authors=_json_authors(item) or feed_authors,
        language=normalize_lang_tag(_str(item.get("language"))) or feed_language,
    )


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
