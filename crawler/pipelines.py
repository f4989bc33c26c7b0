"""Item pipelines: extraction off the reactor thread, then one transaction per item."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy import signals
from sqlalchemy.exc import DBAPIError, OperationalError

from crawler import known
from crawler.database import Database
from crawler.items import FeedFetchItem, LinkItem, PageItem, SkipItem
from crawler.ledger import TOKEN, LocalLedger
from crawler.lifeline import die_with_parent
from pages.process import process_page
from storage import repo
from storage.deals import store_analysis
from storage.due import backoff_seconds

logger = logging.getLogger(__name__)

#: Times a page is resubmitted after its worker process died.
POOL_RETRIES = 2
DB_RETRIES = 3


def init_worker(crawl_pid: int | None = None, known_organizations: tuple = ()) -> None:
    """Worker processes leave Ctrl-C to the crawler, which shuts down gracefully, die with it
    after a ``kill -9`` (``crawler.lifeline``), and get the crawl's known organizations once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if crawl_pid is not None:
        die_with_parent(crawl_pid)
    known.init_worker(known_organizations)


def process_in_worker(args: tuple, crash: tuple[str, str] | None = None, found: tuple = ()):
    """``process_page`` in a worker. ``crash`` = (marker, flag file) is a test hook: the worker
    dies (once: the flag file is created) on a page containing the marker."""
    if crash and crash[0].encode() in args[0]:
        try:
            os.close(os.open(crash[1], os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            pass
        else:
            os._exit(70)
    body, url, canonical_url, entry, fetched_at = args
    return process_page(body, url, canonical_url, entry, fetched_at,
                        known_organizations=known.in_worker(found))


class ExtractPipeline:
    """Extract + detect language + enrich each page in a pool of worker processes.

    The reactor thread only ships bytes in and plain dicts out, so both cores work. A worker
    that dies (segfault, OOM kill) breaks the pool: it is rebuilt and the page resubmitted.
    """

    def __init__(self, crawler, workers: int):
        self.crawler = crawler
        self.workers = workers
        self.pool: Executor | None = None
        marker = crawler.settings.get("EXTRACT_CRASH_MARKER")
        self.crash = (marker, crawler.settings.get("EXTRACT_CRASH_FLAG")) if marker else None
        self.known = known.Growing()
        self.shipped = 0

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getint("EXTRACT_WORKERS"))

    def open_spider(self, spider=None) -> None:
        """The pool starts with the first page: a crawl of unchanged feeds never pays for it.
        Known organizations are read once per crawl."""
        self.known = known.Growing(known.load(self.crawler))

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["crawler.preload"])
        self.shipped = len(self.known.found)  # the rest goes with each page
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=init_worker,
                                   initargs=(os.getpid(), self.known.everything))

    def close_spider(self, spider=None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=False)
            self.pool = None

    async def process_item(self, item, spider=None):
        if not isinstance(item, PageItem):
            return item
        args = (item.body, item.url, item.canonical_url, item.entry, item.fetched_at)
        try:
            item.article, item.analysis = await self._run(args)
            self.known.learn(item.analysis)
        except Exception as exc:  # a hostile page must not stop the crawl
            item.error = f"{exc.__class__.__name__}: {exc}"
            self.crawler.stats.inc_value("newsmon/extract_failed")
            logger.warning("extraction failed for %s: %s", item.url, item.error)
        item.body = b""
        return item

    async def _run(self, args):
        if self.workers <= 0:
            return process_page(*args, known_organizations=self.known.everything)
        if self.pool is None:
            self.pool = self._new_pool()
        for attempt in range(POOL_RETRIES + 1):
            pool = self.pool
            try:
                found = self.known.found[self.shipped :]
                return await asyncio.wrap_future(
                    pool.submit(process_in_worker, args, self.crash, found))
            except BrokenProcessPool:
                self.crawler.stats.inc_value("newsmon/worker_crashes")
                logger.error("an extraction worker died; restarting the pool (%s)", args[1])
                if self.pool is pool:
                    pool.shutdown(wait=False, cancel_futures=False)
                    self.pool = self._new_pool()
                if attempt == POOL_RETRIES:
                    raise
        raise AssertionError("unreachable")


class StoragePipeline:
    """Write each item in its own transaction: articles, feed links, skips, feed health."""

    def __init__(self, crawler, db: Database, distributed=None):
        self.crawler = crawler
        self.stats = crawler.stats
        self.db = db
        self.distributed = distributed
        self.ledger = distributed.ledger if distributed else LocalLedger()
        self.failed: set[int] = set()  # id() of items that could not be stored, for good
        self.unstored: set[int] = set()  # ... because the database was away: not settled
        for handler, signal_ in ((self.item_done, signals.item_scraped),
                                 (self.item_done, signals.item_dropped),
                                 (self.item_done, signals.item_error),
                                 (self.request_dropped, signals.request_dropped)):
            crawler.signals.connect(handler, signal=signal_)

    @classmethod
    def from_crawler(cls, crawler):
        from crawler.distributed import Distributed

        return cls(crawler, Database.from_crawler(crawler),
                   Distributed.from_settings(crawler.settings))

    # A feed's fetch is recorded once its entries are settled (crawler.ledger).

    def item_done(self, item, response, spider=None, **kwargs):
        if not isinstance(item, (PageItem, SkipItem, FeedFetchItem)):
            return
        request = getattr(response, "request", None)
        if id(item) in self.unstored:  # the database was away: the entry stays unsettled
            self.unstored.discard(id(item))
            return
        ok = id(item) not in self.failed and not (
            isinstance(item, SkipItem) and repo.retryable_skip(item.reason, item.detail)
        )
        self.failed.discard(id(item))
        if self.distributed is not None:
            for result in self.distributed.settle(request, ok):
                self._commit(result)
            return
        token = request.meta.get(TOKEN) if request is not None else None
        if token and not isinstance(item, FeedFetchItem):
            self._commit(self.ledger.settle(token, ok))

    def request_dropped(self, request, spider=None):
        token = request.meta.get(TOKEN)
        # A duplicate of a request in flight. In one process that one settles the article;
        # in distributed mode the fetch waits for the entry itself (crawler.distributed).
        if token and self.distributed is None:
            self._commit(self.ledger.settle(token, True))

    def _commit(self, result: repo.FeedResult | None) -> None:
        if result is None:
            return
        try:
            with self.db.session() as session:
                repo.record_feed_result(session, result)
        except (OperationalError, DBAPIError) as exc:  # the feed stays due: fetched again
            logger.error("could not record feed %s: %s", result.feed_id, _brief(exc))

    def close_spider(self, spider=None) -> None:
        for result in self.ledger.unsettled():
            self.stats.inc_value("newsmon/feeds_incomplete")
            logger.warning("feed %s incomplete: %d new entries not settled; due again now",
                           result.feed_id, result.missing)
            self._commit(result)

    async def process_item(self, item, spider=None):
        for attempt in range(DB_RETRIES + 1):
            try:
                self._store(item)
                return _light(item)
            except (OperationalError, DBAPIError) as exc:
                if attempt == DB_RETRIES or not _transient(exc):
                    self._give_up(item, exc)
                    return _light(item)
                logger.warning("database %s: %s; retrying", self.db.safe_url, _brief(exc))
                await asyncio.sleep(backoff_seconds(0.5, attempt, 30.0))
        return item

    def _give_up(self, item, exc) -> None:
        (self.unstored if _transient(exc) else self.failed).add(id(item))
        self.stats.inc_value("newsmon/storage_errors")
        logger.error("database %s failed, item not stored (%s): %s",
                     self.db.safe_url, type(item).__name__, _brief(exc))
        if _transient(exc):
            self._stop("database_unavailable")

    def _stop(self, reason: str) -> None:
        try:
            engine = self.crawler.engine
        except RuntimeError:  # no crawl running: the pipeline is used on its own
            return
        if engine is not None:
            engine.close_spider(self.crawler.spider, reason)

    def _store(self, item) -> None:
        if isinstance(item, PageItem):
            self._store_page(item)
        elif isinstance(item, LinkItem):
            with self.db.session() as session:
                article_id = repo.article_id_for(session, item.canonical_url)
                if article_id is not None:
                    repo.link_article_feeds(
                        session, article_id, item.feed_ids, item.entry_url, item.fetched_at
                    )
        elif isinstance(item, SkipItem):
            with self.db.session() as session:
                repo.record_skip(session, item.canonical_url, item.reason, item.detail,
                                 item.feed_id, item.fetched_at)
            self.stats.inc_value(f"newsmon/skipped/{item.reason}")
        elif isinstance(item, FeedFetchItem):
            self._store_feed(item)

    def _store_page(self, item: PageItem) -> None:
        if item.article is None:
            with self.db.session() as session:
                repo.record_skip(session, item.canonical_url, "extract_failed", item.error,
                                 min(item.feeds.feed_ids), item.fetched_at)
            self.stats.inc_value("newsmon/skipped/extract_failed")
            return
        with self.db.session() as session:
            article_id, created = repo.store_article(session, item.article)
            repo.link_article_feeds(
                session, article_id, sorted(item.feeds.feed_ids), item.entry_url, item.fetched_at
            )
            if created and item.analysis is not None:
                store_analysis(session, article_id, item.article.row(), item.analysis)
            repo.clear_skip(session, item.canonical_url)
        item.feeds.stored = True
        self.stats.inc_value("newsmon/articles_new" if created else "newsmon/articles_duplicate")

    def _store_feed(self, item: FeedFetchItem) -> None:
        result = repo.FeedResult(
            feed_id=item.feed_id, fetched_at=item.fetched_at, outcome=item.outcome,
            status=item.status, etag=item.etag, last_modified=item.last_modified,
            entry_count=item.entry_count, error=item.error, retry_after=item.retry_after,
        )
        token = getattr(item, "fetch_token", None)
        to_record: repo.FeedResult | None = result
        if item.outcome == "ok" and token and item.new_entries:
            item.fetch_token = None  # type: ignore[attr-defined]  # held once, even on a retry
            to_record = self.ledger.hold(token, result, item.new_entries)
        if to_record is not None:
            with self.db.session() as session:
                repo.record_feed_result(session, to_record)
        key = {"ok": "feeds_fetched", "not_modified": "feeds_not_modified"}.get(
            item.outcome, "feeds_failed"
        )
        self.stats.inc_value(f"newsmon/{key}")
        if item.outcome == "failed":
            failures = self.stats.get_value("newsmon/feed_failures") or []
            failures.append({"url": item.url, "error": item.error, "status": item.status})
            self.stats.set_value("newsmon/feed_failures", failures)


def _light(item):
    """What is handed on after storage: no page bodies linger in memory or logs."""
    if isinstance(item, PageItem):
        item.body = b""
    return item


def _transient(exc: Exception) -> bool:
    return isinstance(exc, OperationalError) or getattr(exc, "connection_invalidated", False)


def _brief(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0][:300]
