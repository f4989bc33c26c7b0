"""Extensions: the crawl-run record, garbage-collector tuning for long crawls, feed leases."""

from __future__ import annotations

import gc
import json
import logging
from datetime import UTC, datetime, timedelta

from scrapy import signals
from sqlalchemy.exc import DBAPIError

from crawler.database import Database
from storage import repo

logger = logging.getLogger(__name__)

#: Scrapy stat -> crawl_runs column.
RUN_COUNTS = {
    "newsmon/feeds_total": "feeds_total",
    "newsmon/feeds_fetched": "feeds_fetched",
    "newsmon/feeds_not_modified": "feeds_not_modified",
    "newsmon/feeds_failed": "feeds_failed",
    "newsmon/articles_new": "articles_new",
    "newsmon/articles_duplicate": "articles_duplicate",
    "newsmon/skipped_robots": "skipped_robots",
    "newsmon/storage_errors": "errors",
}


def run_counts(stats: dict) -> dict:
    counts = {column: int(stats.get(key) or 0) for key, column in RUN_COUNTS.items()}
    counts["articles_skipped"] = sum(
        int(v) for k, v in stats.items() if k.startswith("newsmon/skipped/")
    )
    return counts


class CrawlRunRecorder:
    """Writes a ``crawl_runs`` row when the spider opens and completes it when it closes."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.run_id: int | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        gc.collect()
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)
        db = Database.from_crawler(self.crawler)
        try:
            with db.session() as session:
                self.run_id = repo.start_run(session, datetime.now(UTC), 0)
        except DBAPIError as exc:  # read-only, full or gone: the spider stops on its own write
            logger.error("could not record the crawl run in %s: %s", db.safe_url,
                         str(exc.orig or exc).strip().splitlines()[0])
            return
        self.crawler.stats.set_value("newsmon/run_id", self.run_id)

    def spider_closed(self, spider, reason):
        if self.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        plain = json.loads(json.dumps(stats, default=str))
        db = Database.from_crawler(self.crawler)
        try:
            with db.session() as session:
                repo.finish_run(session, self.run_id, datetime.now(UTC), reason,
                                run_counts(stats), plain)
        except Exception as exc:  # the database may be the reason the crawl stopped
            logger.error("could not record crawl run %s in %s: %s", self.run_id, db.safe_url, exc)
        finally:
            gc.unfreeze()


class FeedLeaseKeeper:
    """Renews this crawl's feed leases while it runs and releases them when it closes, so a
    crawl longer than ``FEED_LEASE_SECONDS`` keeps its feeds and a killed one frees them at
    expiry."""

    def __init__(self, crawler, ttl: float):
        self.crawler = crawler
        self.ttl = timedelta(seconds=ttl)
        self.loop = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getfloat("FEED_LEASE_SECONDS"))

    def spider_opened(self, spider):
        from twisted.internet import task

        self.loop = task.LoopingCall(self.renew)
        self.loop.start(self.ttl.total_seconds() / 3, now=False)

    def renew(self) -> None:
        try:
            Database.from_crawler(self.crawler).renew_leases(self.ttl)
        except DBAPIError as exc:
            logger.warning("could not renew the feed leases: %s", exc)

    def spider_closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        try:
            Database.from_crawler(self.crawler).release_leases()
        except Exception as exc:  # they expire by themselves
            logger.warning("could not release the feed leases: %s", exc)
