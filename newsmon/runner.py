"""Run the feeds spider in this process and summarise what happened."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")

from scrapy import signals  # noqa: E402
from scrapy.crawler import CrawlerProcess  # noqa: E402
from scrapy.utils.project import get_project_settings  # noqa: E402

from crawler.items import FeedFetchItem, PageItem  # noqa: E402
from crawler.lifeline import job_files_dir, remove_stale_job_files  # noqa: E402

if TYPE_CHECKING:
    from rich.live import Live


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


class Progress:
    """Live counters on a terminal: feeds done/total, articles stored, errors."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.feeds_done = self.articles = self.errors = 0
        self.total = 0
        self._live: Live | None = None

    def attach(self, crawler) -> None:
        if not self.enabled:
            return
        from rich.console import Console
        from rich.live import Live

        self._live = Live(console=Console(stderr=True), refresh_per_second=4, transient=True)
        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._scraped, signal=signals.item_scraped)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)
        self._crawler = crawler

    def _render(self) -> str:
        stats = self._crawler.stats
        self.total = stats.get_value("newsmon/feeds_total") or self.total
        self.articles = stats.get_value("newsmon/articles_new") or 0
        return (f"feeds {self.feeds_done}/{self.total}   articles stored {self.articles}   "
                f"errors {self.errors}")

    def _opened(self, spider):
        self._live.start()
        self._live.update(self._render())

    def _scraped(self, item, response, spider):
        if isinstance(item, FeedFetchItem):
            self.feeds_done += 1
            self.errors += item.outcome == "failed"
        elif isinstance(item, PageItem):
            self.errors += item.article is None
        self._live.update(self._render())

    def _closed(self, spider, reason):
        self._live.stop()


def run_crawl(
    database_url: str,
    urls: list[str] | None = None,
    everything: bool = False,
    overrides: dict[str, str] | None = None,
    progress: bool | None = None,
) -> CrawlSummary:
    """Crawl the given feed URLs (or every due feed) once, in this process."""
    if progress is None:
        progress = sys.stderr.isatty()
    settings = crawl_settings(database_url, overrides, quiet=progress)
    remove_stale_job_files(job_files_dir(settings))
    process = CrawlerProcess(settings)
    from crawler.spiders.feeds import FeedsSpider

    crawler = process.create_crawler(FeedsSpider)
    live = Progress(progress)
    live.attach(crawler)
    kwargs = {}
    if urls:
        kwargs["urls"] = ",".join(urls)
    if everything:
        kwargs["all"] = "1"
    process.crawl(crawler, **kwargs)
    process.start()
    return CrawlSummary.from_stats(crawler.stats.get_stats())
