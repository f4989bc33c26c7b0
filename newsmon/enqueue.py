"""Distributed mode, CLI side: enqueue due feeds for workers; run a worker."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmon.errors import RedisNotConfigured
from newsmon.runner import CrawlSummary, crawl_settings, run_crawl


def _settings(database_url: str, overrides: dict[str, str] | None):
    settings = crawl_settings(database_url, overrides)
    if not settings.get("REDIS_URL"):
        raise RedisNotConfigured()
    return settings


def enqueue_due(database_url: str, overrides: dict[str, str] | None = None) -> int:
    """Queue every due feed for the workers; return how many were newly queued.

    A feed already waiting in the queue is not queued twice. A feed stays due until a worker
    has settled all its new articles, so feeds lost with a killed worker are queued again.
    """
    from crawler.distributed import FeedQueue
    from storage import repo
    from storage.db import open_database, session_factory, transaction

    settings = _settings(database_url, overrides)
    engine = open_database(database_url)
    try:
        with transaction(session_factory(engine)) as session:
            urls = [f.url for f in repo.due_feeds(session, datetime.now(UTC))]
    finally:
        engine.dispose()
    return FeedQueue.from_settings(settings).push(urls)


def run_worker(
    database_url: str,
    overrides: dict[str, str] | None = None,
    max_idle: float | None = None,
    report=None,
) -> CrawlSummary:
    """Crawl feeds from the shared queue until stopped (or idle for ``max_idle`` seconds).

    A worker is a service: unless told otherwise it logs at INFO, like the daemon."""
    from newsmon.crawlreport import CrawlReport, ReportOptions

    report = report or CrawlReport(ReportOptions(log_level="INFO"))
    overrides = dict(overrides or {})
    _settings(database_url, overrides)
    if max_idle:
        overrides["WORKER_MAX_IDLE"] = str(max_idle)
    return run_crawl(database_url, overrides=overrides, report=report)
