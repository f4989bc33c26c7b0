"""What a crawl prints: a progress display or one line per feed, single-line warnings, a summary.

On a terminal (stderr is a TTY) a Rich progress display (feeds done/total, articles stored,
errors) stays at the bottom while failed feeds and warnings print as single lines above it.
Without a terminal each feed result is one line on stdout. Either way the run ends with a
summary that groups failed feeds by reason. Scrapy's own log is off unless a log level is asked
for (``-v``, ``--log-level``, ``$NEWSMON_LOG_LEVEL``); ``--log-file`` gets the full log.
Network errors never print a traceback: the filter below strips it where Scrapy logs one.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from newsmon import terminal

#: Scrapy's log line, for ``-v`` and ``--log-file``.
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
#: Loggers whose records only repeat a feed or article outcome the report already prints.
REPEATS_OUTCOMES = ("scrapy.downloadermiddlewares.retry",)
#: Loggers where Scrapy attaches a traceback to network errors.
TRACEBACK_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt", "scrapy.core.scraper",
                     "scrapy.core.engine")


def network_errors() -> tuple[type[BaseException], ...]:
    """Exception classes that mean "the network failed", not "the code failed"."""
    from scrapy.exceptions import CannotResolveHostError, DownloadTimeoutError
    from twisted.internet import error
    from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

    return (CannotResolveHostError, DownloadTimeoutError, error.DNSLookupError,
            error.ConnectError, error.TimeoutError, error.ConnectionLost,
            error.ConnectionDone, ResponseFailed, ResponseNeverReceived, OSError)


class NetworkTracebackFilter(logging.Filter):
    """A network error logged with its traceback becomes a one-line warning."""

    def __init__(self):
        super().__init__()
        self.classes = network_errors()

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and isinstance(exc, self.classes):
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class QuietFilter(logging.Filter):
    """Default console: drop records that repeat an outcome the feed lines already show."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "feed_result", False):
            return False
        if record.name.startswith(REPEATS_OUTCOMES):
            return False
        if record.name == "scrapy.downloadermiddlewares.robotstxt" and record.exc_info is None:
            return record.levelno > logging.WARNING
        return True


class LineHandler(logging.Handler):
    """Writes records through the report's console, so they print above the progress display."""

    def __init__(self, report: CrawlReport, level: int, verbose: bool):
        super().__init__(level)
        self.report = report
        self.verbose = verbose
        self.setFormatter(logging.Formatter(LOG_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.verbose:
                line = terminal.clean(self.format(record), multiline=True)
            else:
                message = record.getMessage().strip().splitlines() or [""]
                line = f"{record.levelname.lower()}: {terminal.clean(message[0])}"
            self.report.echo_err(line)
        except Exception:  # noqa: BLE001 - logging must never break the crawl
            self.handleError(record)


@dataclass
class ReportOptions:
    """How the user asked the crawl to talk."""

    log_level: str | None = None  # None: Scrapy's log off (quiet)
    log_file: str | None = None
    interactive: bool | None = None  # None: stderr is a terminal


class CrawlReport:
    """Console output of one crawl: logging set-up, per-feed lines or progress, the summary."""

    def __init__(self, options: ReportOptions | None = None, out=None, err=None):
        self.options = options or ReportOptions()
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        interactive = self.options.interactive
        self.interactive = self.err.isatty() if interactive is None else interactive
        self.console = Console(file=self.err, force_terminal=self.interactive or None,
                               highlight=False)
        self.progress: Progress | None = None
        self._task: TaskID | None = None
        self._handlers: list[logging.Handler] = []
        self._filters: list[tuple[logging.Logger, logging.Filter]] = []
        self.feeds_done = self.errors = 0
        self._crawler: Any = None

    # --- logging ---------------------------------------------------------------------------

    def scrapy_settings(self) -> dict[str, str]:
        """Settings that hand Scrapy's logging to this report."""
        level = (self.options.log_level or "INFO").upper()
        return {"LOG_INSTALL_ROOT_HANDLER": "False", "LOG_LEVEL": level}

    def install_logging(self) -> None:
        """Console and file handlers on the root logger; the traceback filter on Scrapy's."""
        verbose = self.options.log_level is not None
        level = logging.getLevelName((self.options.log_level or "WARNING").upper())
        console = LineHandler(self, level, verbose)
        if not verbose:
            console.addFilter(QuietFilter())
        self._handlers.append(console)
        if self.options.log_file:
            handler: logging.Handler = logging.FileHandler(self.options.log_file,
                                                           encoding="utf-8")
            handler.setFormatter(logging.Formatter(LOG_FORMAT))
            handler.setLevel(min(level, logging.INFO))
            self._handlers.append(handler)
        for handler in self._handlers:
            logging.root.addHandler(handler)
        logging.root.setLevel(min(h.level for h in self._handlers))
        for name in TRACEBACK_LOGGERS:
            log, quiet = logging.getLogger(name), NetworkTracebackFilter()
            log.addFilter(quiet)
            self._filters.append((log, quiet))

    def close(self) -> None:
        self._stop_progress()
        for handler in self._handlers:
            logging.root.removeHandler(handler)
            handler.close()
        for log, quiet in self._filters:
            log.removeFilter(quiet)
        self._handlers, self._filters = [], []

    # --- output ----------------------------------------------------------------------------

    def echo_err(self, line: str) -> None:
        if self.interactive:
            self.console.print(terminal.text(line, multiline=True), soft_wrap=True)
        else:
            self.err.write(line + "\n")
            self.err.flush()

    def echo_out(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    # --- crawler signals -------------------------------------------------------------------

    def attach(self, crawler) -> None:
        from scrapy import signals

        self._crawler = crawler
        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._scraped, signal=signals.item_scraped)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    def _opened(self, spider) -> None:
        if not self.interactive:
            return
        self.progress = Progress(
            TextColumn("feeds"), BarColumn(bar_width=24), MofNCompleteColumn(),
            TextColumn("articles stored {task.fields[articles]}"),
            TextColumn("errors {task.fields[errors]}"), TimeElapsedColumn(),
            console=self.console, transient=True, refresh_per_second=4,
        )
        self._task = self.progress.add_task("crawl", total=None, articles=0, errors=0)
        self.progress.start()

    def _scraped(self, item, response, spider) -> None:
        from crawler.items import FeedFetchItem, PageItem

        if isinstance(item, FeedFetchItem):
            self.feeds_done += 1
            self.errors += item.outcome == "failed"
            self._feed_line(item)
        elif isinstance(item, PageItem):
            self.errors += getattr(item, "article", None) is None
        self._update()

    def _feed_line(self, item) -> None:
        line = feed_line(item)
        if not self.interactive:
            self.echo_out(line)
        elif item.outcome == "failed":
            self.echo_err(line)

    def _update(self) -> None:
        if self.progress is None or self._task is None or self._crawler is None:
            return
        stats = self._crawler.stats
        total = stats.get_value("newsmon/feeds_total")
        self.progress.update(self._task, completed=self.feeds_done, total=total or None,
                             articles=stats.get_value("newsmon/articles_new") or 0,
                             errors=self.errors)

    def _closed(self, spider, reason) -> None:
        self._stop_progress()

    def _stop_progress(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def feed_line(item) -> str:
    """One line for one feed's result."""
    url = terminal.clean(item.url)
    if item.outcome == "failed":
        return f"failed   {url}: {terminal.clean(item.error or 'unknown error')}"
    if item.outcome == "not_modified":
        return f"304      {url}: unchanged"
    return f"ok       {url}: {item.entry_count or 0} entries, {item.new_entries} new"


def failure_reason(error: str | None) -> str:
    """The reason a feed failed, without its details: "DNS lookup failed", "HTTP 404"."""
    text = (error or "unknown error").strip()
    head = text.split(":", 1)[0].strip()
    lowered = head.lower()
    if lowered.startswith("dns lookup failed"):
        return "DNS lookup failed"
    if "refused" in lowered:
        return "connection refused"
    if lowered.startswith("timed out") or "timeout" in lowered:
        return "timed out"
    return head[:60] or "unknown error"


def failure_groups(failures: list[dict]) -> list[tuple[str, int]]:
    """``(reason, count)`` for failed feeds, most frequent first."""
    counts = Counter(failure_reason(f.get("error")) for f in failures)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def summary_lines(summary) -> list[str]:
    """The end-of-crawl summary, as plain lines."""
    lines = [
        f"crawl finished ({summary.finish_reason or 'unknown'}): feeds {summary.feeds_total} — "
        f"fetched {summary.feeds_fetched}, unchanged (304) {summary.feeds_not_modified}, "
        f"failed {summary.feeds_failed}",
    ]
    skipped = ", ".join(f"{k} {v}" for k, v in sorted(summary.skipped.items())) or "none"
    lines.append(f"articles: new {summary.articles_new}, already stored "
                 f"{summary.already_stored}, duplicates {summary.duplicates}; skipped: {skipped}")
    lines += [terminal.clean(note) for note in getattr(summary, "leased", ())]
    groups = failure_groups(summary.failures)
    if groups:
        lines.append("feeds that failed, by reason (details: newsmon feeds list):")
        lines += [f"  {terminal.clean(reason)}: {count} feed{'s' if count != 1 else ''}"
                  for reason, count in groups]
    if summary.storage_errors:
        lines.append(f"{summary.storage_errors} item(s) could not be stored")
    return lines


def print_summary(summary, console: Console | None = None) -> None:
    """Print the summary on ``console`` (default: stdout)."""
    console = console or Console(highlight=False)
    for line in summary_lines(summary):
        console.print(terminal.text(line), soft_wrap=True)
