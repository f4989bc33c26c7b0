"""Sitemaps into ``ParsedFeed``: news sitemaps (``<urlset>`` with ``news:`` extensions) and
plain-text sitemaps (one absolute URL a line, which the sitemaps protocol allows)."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from enrich.language import normalize_lang_tag
from feeds.errors import FeedError
from feeds.feedentries import (
    FeedEntry,
    ParsedFeed,
    absolute,
    absolute_http,
    dedupe,
    entry_date,
    text_title,
)
from feeds.xmlsafe import safe_xml_parser, utf8_xml_bytes, with_escaped_ampersands


def parse_sitemap(text: str, url: str) -> ParsedFeed:
    data, warnings = utf8_xml_bytes(text), []
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        data = utf8_xml_bytes(with_escaped_ampersands(text))
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
    entries, skipped = dedupe(candidates)
    languages = {e.language for e in entries}
    return ParsedFeed(
        kind="sitemap",
        title=publication,
        language=languages.pop() if len(languages) == 1 else None,
        site_url=None,
        entries=entries,
        warnings=tuple(warnings + skipped),
    )


#: A line of a plain-text sitemap: one absolute http(s) URL, nothing else.
_URL_LINE = re.compile(r"https?://\S+", re.I)


def is_text_sitemap(text: str) -> bool:
    """Whether every line that is not blank is one absolute http(s) URL (and one is)."""
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    return bool(lines) and all(_URL_LINE.fullmatch(line) and absolute_http(line)
                               for line in lines)


def parse_text_sitemap(text: str, url: str) -> ParsedFeed:
    """A plain-text sitemap: entries with a link and nothing else."""
    lines = (line.strip() for line in text.lstrip("\ufeff").splitlines())
    candidates = [_link_entry(absolute_http(line)) for line in lines if line]
    entries, skipped = dedupe(candidates)
    return ParsedFeed(kind="sitemap", title=None, language=None, site_url=None,
                      entries=entries, warnings=tuple(skipped))


def _link_entry(link: str | None) -> FeedEntry | None:
    if link is None:
        return None
    return FeedEntry(url=link, guid=None, title=None, published=None, summary=None,
                     content=None, authors=(), language=None)


def _recover(data: bytes) -> Any:
    try:
        return etree.fromstring(data, safe_xml_parser(recover=True))
    except etree.XMLSyntaxError:
        return None


def _sitemap_entry(node: Any, news: Any, pub: Any, url: str) -> FeedEntry | None:
    link = absolute(_text(_child(node, "loc")), url)
    if link is None:
        return None
    published = entry_date(_text(_child(news, "publication_date")))
    return FeedEntry(
        url=link,
        guid=None,
        title=text_title(_text(_child(news, "title"))),
        published=published or entry_date(_text(_child(node, "lastmod"))),
        summary=None,
        content=None,
        authors=(),
        language=normalize_lang_tag(_text(_child(pub, "language"))),
    )


def _children(node: Any, name: str) -> list[Any]:
    return [c for c in node if isinstance(c.tag, str) and _local_name(c.tag) == name]


def _local_name(tag: str) -> str:
    """``{ns}name`` or an undeclared ``prefix:name`` (which lxml keeps as is) -> ``name``."""
    return tag.rpartition("}")[2].rpartition(":")[2]


def _child(node: Any, name: str) -> Any:
    if node is None:
        return None
    found = _children(node, name)
    return found[0] if found else None


def _text(node: Any) -> str | None:
    return (node.text or "").strip() or None if node is not None else None
