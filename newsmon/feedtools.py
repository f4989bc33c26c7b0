"""One-off feed fetches for ``feeds add`` (discovery) and ``feeds check`` (health)."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from feeds.discovery import discover_feeds, looks_like_feed
from feeds.errors import FeedError
from feeds.feedparse import parse_feed

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int | None
    content_type: str | None
    body: bytes
    error: str | None = None


@dataclass(frozen=True)
class FeedHealth:
    url: str
    status: int | None
    entries: int | None
    newest: datetime | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


def fetch(url: str, user_agent: str, timeout: float = 20.0) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                return Fetched(response.url, response.status, None, b"", "response too large")
            return Fetched(response.url, response.status,
                           response.headers.get("Content-Type"), body)
    except urllib.error.HTTPError as exc:
        return Fetched(url, exc.code, None, b"", f"HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Fetched(url, None, None, b"", f"cannot fetch: {reason}")


def resolve_feed_urls(url: str, user_agent: str) -> list[str]:
    """``url`` itself if it is a feed, else the feeds its page announces; raises FeedError."""
    got = fetch(url, user_agent)
    if got.error:
        raise FeedError(got.error, url)
    if looks_like_feed(got.body, got.content_type):
        return [got.url]
    found = discover_feeds(got.body, got.url)
    if not found:
        raise FeedError(
            "no feed found: not a feed and no <link rel=alternate> feed on the page", url)
    return found


def check_feed(url: str, user_agent: str) -> FeedHealth:
    got = fetch(url, user_agent)
    if got.error:
        return FeedHealth(url, got.status, None, None, got.error)
    try:
        parsed = parse_feed(got.body, got.url, got.content_type)
    except FeedError as exc:
        return FeedHealth(url, got.status, None, None, exc.reason)
    dates = [e.published for e in parsed.entries if e.published]
    return FeedHealth(url, got.status, len(parsed.entries), max(dates) if dates else None, None)


def check_feeds(urls: list[str], user_agent: str, workers: int = 8) -> list[FeedHealth]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda u: check_feed(u, user_agent), urls))
