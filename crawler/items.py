"""Items the feeds spider yields. Pipelines do the work; spiders never write to the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from enrich.model import Analysis
from pages.article import EntryInfo, ExtractedArticle


@dataclass
class EntryFeeds:
    """The feeds through which one canonical URL was offered during a run."""

    feed_ids: set[int]
    stored: bool = False


@dataclass
class FeedFetchItem:
    """The outcome of fetching one feed."""

    feed_id: int
    url: str
    outcome: str  # "ok" | "not_modified" | "failed"
    fetched_at: datetime
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    entry_count: int | None = None
    new_entries: int = 0
    error: str | None = None
    retry_after: float | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class PageItem:
    """A fetched article page on its way to extraction, then storage."""

    url: str
    canonical_url: str
    entry_url: str
    feeds: EntryFeeds
    body: bytes
    encoding: str | None
    entry: EntryInfo
    fetched_at: datetime
    article: ExtractedArticle | None = None
    analysis: Analysis | None = None
    error: str | None = None


@dataclass
class LinkItem:
    """An article already stored, offered again by a feed: only the feed link is new."""

    canonical_url: str
    feed_ids: tuple[int, ...]
    entry_url: str
    fetched_at: datetime


@dataclass
class SkipItem:
    """An entry not stored, and why (robots, not_html, too_large, http_error, ...)."""

    canonical_url: str
    feed_id: int | None
    reason: str
    detail: str | None
    fetched_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
