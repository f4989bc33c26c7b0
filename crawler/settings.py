"""Scrapy settings for newsmon. Configuration is read here, once, and passed down."""

import os

from scrapy.settings import default_settings as _scrapy_defaults

from newsmon import defaults

BOT_NAME = "newsmon"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
#: ``scrapy crawl feeds`` checks its -a arguments before anything is written.
COMMANDS_MODULE = "crawler.commands"

#: Where articles go; ``-s DATABASE_URL=...`` or ``newsmon --db`` override it.
DATABASE_URL = os.environ.get("NEWSMON_DATABASE_URL", defaults.DATABASE_URL)
#: With a Redis URL, crawls share a scrapy-redis queue and dupefilter (distributed mode).
REDIS_URL = os.environ.get("NEWSMON_REDIS_URL") or None
#: Prefix of every Redis key (queue, dupefilter, feed queue), so deployments can share a server.
REDIS_PREFIX = os.environ.get("NEWSMON_REDIS_PREFIX", defaults.REDIS_PREFIX)
#: Seconds a fingerprint keeps other workers from fetching an article (deleted once settled);
#: only a safety net: a request held by a dead worker is handed out again after REQUEST_LEASE.
REDIS_DUPEFILTER_TTL = defaults.REDIS_DUPEFILTER_TTL
#: Seconds a worker holds a request (or a feed) from the shared queue without renewing its
#: lease (it renews every REQUEST_LEASE / 4 s); a killed worker's work goes to others then.
REQUEST_LEASE = defaults.REQUEST_LEASE
#: A worker polls the feed queue this often (seconds) and takes up to FEED_POLL_BATCH feeds;
#: WORKER_MAX_IDLE > 0 stops it when idle that long.
FEED_POLL_INTERVAL = defaults.FEED_POLL_INTERVAL
FEED_POLL_BATCH = defaults.FEED_POLL_BATCH
WORKER_MAX_IDLE = defaults.WORKER_MAX_IDLE

NEWSMON_VERSION = defaults.VERSION
USER_AGENT = os.environ.get("NEWSMON_USER_AGENT", defaults.USER_AGENT)

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DNS_TIMEOUT = 15
#: Scrapy's caching resolver, refusing private answers at connection time when
#: BLOCK_PRIVATE_ADDRESSES is on (DNS rebinding). Scrapy renamed the setting
#: (DNS_RESOLVER -> TWISTED_DNS_RESOLVER); the name the installed Scrapy reads is set.
if hasattr(_scrapy_defaults, "TWISTED_DNS_RESOLVER"):
    TWISTED_DNS_RESOLVER = "crawler.resolver.GuardedResolver"
else:  # pragma: no cover - Scrapy before the rename
    DNS_RESOLVER = "crawler.resolver.GuardedResolver"
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
#: Longest Retry-After we wait for within a run; longer ones defer the feed to a later run.
RETRY_AFTER_MAX = defaults.RETRY_AFTER_MAX
#: Base of the exponential backoff between retries, in seconds.
RETRY_BACKOFF_BASE = defaults.RETRY_BACKOFF_BASE
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
#: Scrapy's remote-control server runs code sent to it: never started by newsmon.
REMOTE_CONTROL_ENABLED = False
HTTPCACHE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
#: Off by default: refuse feeds and pages on private, loopback and link-local addresses.
BLOCK_PRIVATE_ADDRESSES = False
#: Host names let through although BLOCK_PRIVATE_ADDRESSES is on (e.g. an intranet feed server).
PRIVATE_HOSTS_ALLOWED: list[str] = []
#: New entries fetched per feed per run, newest first; the rest wait for the next runs.
MAX_ENTRIES_PER_FEED = defaults.MAX_ENTRIES_PER_FEED

# Extraction and enrichment leave the reactor thread: a pool of worker processes.
#: Worker processes for extraction (0 = in the reactor thread, for debugging).
EXTRACT_WORKERS = min(os.cpu_count() or 1, defaults.EXTRACT_WORKERS_MAX)

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.PrivateAddressGuard": 50,
    "crawler.middlewares.RetryAfterMiddleware": 540,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.SafeRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
}
SPIDER_MIDDLEWARES = {
    "crawler.ledger.FeedFetchTagger": 900,
}
#: With REDIS_URL set, this add-on switches to the scrapy-redis scheduler (crawler.distributed).
ADDONS = {
    "crawler.distributed.DistributedAddon": 0,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 100,
    "crawler.pipelines.StoragePipeline": 300,
}
EXTENSIONS = {
    "crawler.extensions.CrawlRunRecorder": 100,
    "crawler.extensions.FeedLeaseKeeper": 110,
}
#: A crawl holds the feeds it fetches for this long, renewed every third of it while it runs;
#: another crawl skips them meanwhile (a killed crawl's feeds are free again after it).
FEED_LEASE_SECONDS = defaults.FEED_LEASE_SECONDS

LOG_LEVEL = os.environ.get("NEWSMON_LOG_LEVEL", defaults.LOG_LEVEL)
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
FEED_EXPORT_ENCODING = "utf-8"
LOG_FORMATTER = "crawler.logformatter.BriefLogFormatter"
