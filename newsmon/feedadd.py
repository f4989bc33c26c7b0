"""``feeds add``: which feeds a URL stands for, and what each is called.

A feed URL stands for itself; a homepage for the feeds its ``<link rel=alternate>`` tags
announce. Each feed is fetched once and named by its own ``<title>`` (a kind suffix keeps the
names of one site's RSS, Atom and JSON feeds apart).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from newsmon import feedtools


@dataclass(frozen=True)
class FoundFeed:
    url: str
    title: str | None = None
    kind: str | None = None
    language: str | None = None


def describe(url: str, policy: feedtools.FetchPolicy) -> FoundFeed:
    """``url`` fetched once: its final URL, title, kind and language (None when unreadable)."""
    from feeds.errors import FeedError
    from feeds.feedparse import parse_feed

    got = feedtools.fetch(url, policy)
    if got.error:
        return FoundFeed(url)
    try:
        parsed = parse_feed(got.body, got.url, got.content_type)
    except FeedError:
        return FoundFeed(got.url)
    return FoundFeed(got.url, (parsed.title or "").strip() or None, parsed.kind,
                     parsed.language)


def find_feeds(url: str, policy: feedtools.FetchPolicy) -> list[FoundFeed]:
    """The feeds ``url`` stands for, with their titles; raises FeedError if there are none.
    Every fetch follows ``policy`` (the crawl's: private addresses, sizes, robots.txt)."""
    urls = feedtools.resolve_feed_urls(url, policy)
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda u: describe(u, policy), urls))


def feed_names(found: list[FoundFeed]) -> list[str]:
    """A name per feed: its title (the first of equal titles bare, the others with their
    kind), else its URL."""
    names, seen = [], set()
    for feed in found:
        name = feed.title or feed.url
        if name in seen:
            name = f"{name} ({feed.kind or 'feed'})"
        seen.add(name)
        names.append(name)
    return names
