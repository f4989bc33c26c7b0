"""Run the feeds spider in this process and summarise what happened."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")

from scrapy.crawler import CrawlerProcess  # noqa: E402
from scrapy.utils.project import get_project_settings  # noqa: E402

from crawler.lifeline import job_files_dir, remove_stale_job_files  # noqa: E402
from newsmon.crawlreport import CrawlReport  # noqa: E402


@dataclass
class CrawlSummary:
    """What one crawl did, from its Scrapy stats."""

    feeds_total: int = 0
    feeds_fetched: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    articles_new: int = 0
    duplicates: int = 0
    already_stored: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)
    finish_reason: str = ""
    run_id: int | None = None
    requests: int = 0
    storage_errors: int = 0
    #: One-line notes on feeds skipped because another crawl holds them.
    leased: list[str] = field(default_factory=list)

    @classmethod
    def from_stats(cls, stats: dict) -> CrawlSummary:
        def n(key):
            return int(stats.get(key) or 0)

        return cls(
            feeds_total=n("newsmon/feeds_total"),
            feeds_fetched=n("newsmon/feeds_fetched"),
            feeds_not_modified=n("newsmon/feeds_not_modified"),
            feeds_failed=n("newsmon/feeds_failed"),
            articles_new=n("newsmon/articles_new"),
            duplicates=n("newsmon/articles_duplicate"),
            already_stored=n("newsmon/articles_already_stored"),
            skipped={k.rsplit("/", 1)[1]: int(v) for k, v in stats.items()
                     if k.startswith("newsmon/skipped/")},
            failures=list(stats.get("newsmon/feed_failures") or []),
            finish_reason=str(stats.get("finish_reason") or ""),
            run_id=stats.get("newsmon/run_id"),
            requests=n("downloader/request_count"),
            storage_errors=n("newsmon/storage_errors"),
            leased=list(stats.get("newsmon/feeds_leased") or []),
        )

    @property
    def ok(self) -> bool:
        return self.finish_reason == "finished" and not self.storage_errors


def crawl_settings(database_url: str, overrides: dict[str, str] | None = None, quiet: bool = False):
    settings = get_project_settings()
    settings.set("DATABASE_URL", database_url, priority="cmdline")
    if quiet:
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(
    database_url: str,
    urls: list[str] | None = None,
    everything: bool = False,
    overrides: dict[str, str] | None = None,
    report: CrawlReport | None = None,
    feed_ids: list[int] | None = None,
) -> CrawlSummary:
    """Crawl the given feeds (registered ids, or URLs) or every due feed once, in this process.

    ``feed_ids`` go to the spider as a Python list, so a URL with a comma in it stays one feed;
    ``urls`` is for callers that let the spider register the feeds.
    """
    report = report or CrawlReport()
    settings = crawl_settings(database_url, {**report.scrapy_settings(), **(overrides or {})})
    remove_stale_job_files(job_files_dir(settings))
    report.install_logging()
    try:
        process = CrawlerProcess(settings)
        from crawler.spiders.feeds import FeedsSpider

        crawler = process.create_crawler(FeedsSpider)
        report.attach(crawler)
        kwargs: dict = {}
        if feed_ids:
            kwargs["feed_ids"] = list(feed_ids)
        if urls:
            kwargs["urls"] = list(urls)
        if everything:
            kwargs["all"] = "1"
        process.crawl(crawler, **kwargs)
        process.start()
    finally:
        report.close()
    return CrawlSummary.from_stats(_stats(crawler))


def _stats(crawler) -> dict:
    """The crawl's stats; empty when the crawl could not start (e.g. the spider refused)."""
    try:
        return crawler.stats.get_stats()
    except RuntimeError:
        return {}
