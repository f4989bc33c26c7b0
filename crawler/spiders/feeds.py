"""The feeds spider: fetch feeds conditionally, then every entry not already stored."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadTimeoutError,
    IgnoreRequest,
    UsageError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from sqlalchemy.exc import DBAPIError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from crawler.database import Database, FeedTarget
from crawler.items import EntryFeeds, FeedFetchItem, LinkItem, PageItem, SkipItem
from crawler.middlewares import parse_retry_after
from feeds.errors import FeedError
from feeds.feedparse import FeedEntry, parse_feed
from feeds.urls import canonicalize_url
from newsmon import defaults
from pages.article import EntryInfo

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _now() -> datetime:
    return datetime.now(UTC)


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def feed_url_list(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """``-a urls=U1,U2`` (or a list) as absolute http(s) URLs; raises UsageError naming each
    value that is not one, before anything is written."""
    items = value.split(",") if isinstance(value, str) else list(value or ())
    urls = [u.strip() for u in items if u and u.strip()]
    bad = [u for u in urls if not _is_feed_url(u)]
    if bad:
        raise UsageError(
            f"-a urls: not an absolute http(s) URL: {', '.join(repr(u) for u in bad)} "
            "(give comma-separated feed URLs; nothing was registered or crawled)"
        )
    return urls


def _is_feed_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        canonicalize_url(url)
    except ValueError:
        return False
    return True


def flag(name: str, value: str | None) -> bool:
    """``-a all=1``: 1/true/yes/on or 0/false/no/off; raises UsageError otherwise."""
    text = (value or "").strip().lower()
    if text not in _TRUE + _FALSE:
        raise UsageError(f"-a {name}: expected 1 or 0, got {value!r}")
    return text in _TRUE


def describe_failure(failure) -> tuple[str, str, int | None, float | None]:
    """``(reason, detail, status, retry_after)`` for a failed request, in plain words."""
    exc = failure.value
    if isinstance(exc, HttpError):
        response = exc.response
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        return "http_error", f"HTTP {response.status}", response.status, retry_after
    text = str(exc) or exc.__class__.__name__
    lowered = text.lower()
    if "max size" in lowered or "maxsize" in lowered:
        return "too_large", text, None, None  # also gzip bombs (an IgnoreRequest)
    if isinstance(exc, IgnoreRequest):
        if lowered.startswith("blocked"):
            return "blocked", text, None, None
        if "robots" in lowered:
            return "robots", text, None, None
        if "max redirections" in lowered:
            return "redirect_loop", f"{text} (REDIRECT_MAX_TIMES)", None, None
        if "redirect loop" in lowered:
            return "redirect_loop", text, None, None
        return "blocked", text, None, None
    if isinstance(exc, (DNSLookupError, CannotResolveHostError)) or "dns lookup failed" in lowered:
        detail = text if "dns lookup failed" in lowered else f"DNS lookup failed: {text}"
        return "network_error", detail, None, None
    if isinstance(exc, (TimeoutError, TCPTimedOutError, DownloadTimeoutError)):
        return "network_error", f"timed out: {text}", None, None
    return "network_error", f"{exc.__class__.__name__}: {text}", None, None


class FeedsSpider(scrapy.Spider):
    """``scrapy crawl feeds`` (every due feed), ``-a urls=U1,U2`` or ``-a all=1``."""

    name = "feeds"
    db: Database
    max_entries: int

    def __init__(self, urls: str | list[str] | None = None, all: str | None = None,
                 feed_ids: list[int] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.adhoc_urls = feed_url_list(urls)
        self.everything = flag("all", all)
        #: Feeds registered by the caller (``newsmon crawl``): read, never written, here.
        self.feed_ids = [int(i) for i in feed_ids or ()]
        self.pending: dict[str, EntryFeeds] = {}
        #: Feeds with new entries left for a later run by MAX_ENTRIES_PER_FEED.
        self.capped_feeds: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.db = Database.from_crawler(crawler)
        spider.max_entries = crawler.settings.getint(
            "MAX_ENTRIES_PER_FEED", defaults.MAX_ENTRIES_PER_FEED
        )
        return spider

    async def start(self):
        if self.settings.get("REDIS_URL"):
            return  # distributed: crawler.distributed.FeedSource hands out queued feeds
        try:
            targets = self.claim_leases(
                self.db.feed_targets(self.adhoc_urls, self.everything, self.feed_ids)
            )
        except DBAPIError as exc:  # read-only, full, locked past the busy timeout, or gone
            reason = str(exc.orig or exc).strip().splitlines()[0]
            self.logger.error("database %s is unavailable: %s", self.db.safe_url, reason)
            self.crawler.engine.close_spider(self, "database_unavailable")
            return
        self.crawler.stats.set_value("newsmon/feeds_total", len(targets))
        self.logger.info("crawling %d feed(s) into %s", len(targets), self.db.safe_url)
        for target in targets:
            yield self.feed_request(target)

    def claim_leases(self, targets: list[FeedTarget]) -> list[FeedTarget]:
        """Feeds another crawl holds (the daemon's, say) are skipped with a one-line note."""
        ttl = timedelta(seconds=self.settings.getfloat("FEED_LEASE_SECONDS"))
        claimed, refused = self.db.claim_feeds(targets, ttl)
        for target, lease in refused:
            note = (f"skipped feed {target.name or target.url}: another crawl holds it "
                    f"(pid {lease.pid} on {lease.host}, lease until "
                    f"{lease.expires_at:%Y-%m-%d %H:%M:%S} UTC)")
            self.logger.warning(note)
            notes = self.crawler.stats.get_value("newsmon/feeds_leased") or []
            self.crawler.stats.set_value("newsmon/feeds_leased", [*notes, note])
        return claimed

    def feed_request(self, target: FeedTarget) -> scrapy.Request:
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                             "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"}
        if target.etag:
            headers["If-None-Match"] = target.etag
        if target.last_modified:
            headers["If-Modified-Since"] = target.last_modified
        return scrapy.Request(
            target.url,
            callback=self.parse_feed,
            errback=self.feed_failed,
            headers=headers,
            dont_filter=True,
            priority=10,
            meta={"feed": target, "handle_httpstatus_list": [304]},
        )

    def parse_feed(self, response):
        target: FeedTarget = response.meta["feed"]
        fetched_at = _now()
        if response.status == 304:
            yield FeedFetchItem(target.id, target.url, "not_modified", fetched_at, status=304)
            return
        headers = response.headers
        content_type = (headers.get(b"Content-Type") or b"").decode("latin-1") or None
        try:
            parsed = parse_feed(response.body, response.url, content_type)
        except FeedError as exc:
            self.logger.warning("feed %s failed: %s", target.url, exc.reason,
                                extra={"feed_result": True})
            yield FeedFetchItem(
                target.id, target.url, "failed", fetched_at, status=response.status,
                error=exc.reason,
            )
            return
        for warning in parsed.warnings:
            self.logger.info("feed %s: %s", target.url, warning)
        requests = list(self.entry_requests(target, parsed.entries, parsed.language, fetched_at,
                                             feed_title=parsed.title))
        # A capped feed keeps no validators: the next run reads it in full for the rest.
        capped = target.id in self.capped_feeds
        yield FeedFetchItem(
            target.id,
            target.url,
            "ok",
            fetched_at,
            status=response.status,
            etag=None if capped else _header(headers, b"ETag"),
            last_modified=None if capped else _header(headers, b"Last-Modified"),
            entry_count=len(parsed.entries),
            new_entries=sum(isinstance(r, scrapy.Request) for r in requests),
            warnings=parsed.warnings,
        )
        yield from requests

    def entry_requests(self, target: FeedTarget, entries, feed_language, fetched_at,
                       feed_title=None):
        """Requests for new entries, links for stored ones; nothing for repeats in this run."""
        by_url: dict[str, FeedEntry] = {}
        for entry in entries:
            try:
                by_url.setdefault(canonicalize_url(entry.url), entry)
            except ValueError:
                self.crawler.stats.inc_value("newsmon/entries_bad_url")
        known = self.db.known([u for u in by_url if u not in self.pending])
        budget, deferred = self.max_entries, 0
        for canonical, entry in _newest_first(by_url):
            seen = self.pending.get(canonical)
            if seen is not None:
                if seen.stored:
                    yield LinkItem(canonical, (target.id,), entry.url, fetched_at)
                else:
                    seen.feed_ids.add(target.id)
                self.crawler.stats.inc_value("newsmon/articles_duplicate")
                continue
            if canonical in known:
                self.crawler.stats.inc_value("newsmon/articles_already_stored")
                yield LinkItem(canonical, (target.id,), entry.url, fetched_at)
                continue
            if budget <= 0:
                deferred += 1
                continue
            budget -= 1
            feeds = self.pending[canonical] = EntryFeeds({target.id})
            info = EntryInfo(
                title=entry.title,
                published=entry.published,
                summary=entry.summary,
                content=entry.content,
                authors=entry.authors,
                language=entry.language or feed_language or target.language,
                feed_title=feed_title,
            )
            yield scrapy.Request(
                canonical,
                callback=self.parse_article,
                errback=self.article_failed,
                meta={"canonical": canonical, "entry": info, "entry_url": entry.url,
                      "feeds": feeds, "feed_id": target.id},
            )
        if deferred:
            self.capped_feeds.add(target.id)
            self.crawler.stats.inc_value("newsmon/entries_deferred", deferred)
            self.logger.warning(
                "feed %s: %d new entries; fetching the newest %d now, %d in later runs "
                "(MAX_ENTRIES_PER_FEED)", target.url, self.max_entries + deferred,
                self.max_entries, deferred,
            )

    def parse_article(self, response):
        meta = response.meta
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if content_type and content_type.split(";")[0].strip() not in HTML_TYPES:
            yield SkipItem(meta["canonical"], meta["feed_id"], "not_html", content_type, _now())
            return
        yield PageItem(
            url=response.url,
            canonical_url=meta["canonical"],
            entry_url=meta["entry_url"],
            feeds=meta["feeds"],
            body=response.body,
            encoding=getattr(response, "encoding", None),
            entry=meta["entry"],
            fetched_at=_now(),
        )

    def feed_failed(self, failure):
        target: FeedTarget = failure.request.meta["feed"]
        reason, detail, status, retry_after = describe_failure(failure)
        self.logger.warning("feed %s failed: %s", target.url, detail,
                            extra={"feed_result": True})
        yield FeedFetchItem(
            target.id, target.url, "failed", _now(), status=status, error=detail,
            retry_after=retry_after,
        )

    def article_failed(self, failure):
        meta = failure.request.meta
        reason, detail, _status, _retry = describe_failure(failure)
        if reason == "robots":
            self.crawler.stats.inc_value("newsmon/skipped_robots")
        else:
            self.logger.warning("article %s skipped (%s): %s", meta["canonical"], reason, detail)
        yield SkipItem(meta["canonical"], meta["feed_id"], reason, detail, _now())


def _newest_first(by_url: dict[str, FeedEntry]) -> list[tuple[str, FeedEntry]]:
    """Dated entries newest first, then undated ones in feed order."""
    return sorted(
        by_url.items(),
        key=lambda item: (item[1].published is None,
                          -item[1].published.timestamp() if item[1].published else 0),
    )


def _header(headers, name: bytes) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None
