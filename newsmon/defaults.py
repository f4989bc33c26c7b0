"""Every default newsmon ships with, in one place (as Scrapy keeps its ``default_settings``).

A leaf module: it imports nothing from the project, so the Scrapy settings
(``crawler/settings.py``), the CLI, Alembic's ``env.py`` and the feed library can all read it.
Environment variables and command-line options override these values at the edge, never here.
"""

from __future__ import annotations

#: The release; the wheel's version is read from here (``pyproject.toml``, dynamic version).
VERSION = "0.1.0"
#: Where articles go unless ``$NEWSMON_DATABASE_URL``, ``--db`` or ``-s DATABASE_URL=`` say.
DATABASE_URL = "sqlite:///newsmon.db"
#: How the crawler introduces itself (``$NEWSMON_USER_AGENT`` overrides it).
USER_AGENT = f"newsmon/{VERSION} (+https://github.com/newsmon/newsmon; news-monitoring crawler)"
#: Scrapy's log level (``$NEWSMON_LOG_LEVEL`` overrides it).
LOG_LEVEL = "INFO"

#: A new feed is refreshed this often (minutes), and the bounds a feed's interval must keep.
FEED_INTERVAL_MINUTES = 60
MIN_FEED_INTERVAL_MINUTES = 5
MAX_FEED_INTERVAL_MINUTES = 7 * 24 * 60
#: New entries fetched per feed per run, newest first; the rest wait for the next runs.
MAX_ENTRIES_PER_FEED = 1000

#: Longest Retry-After waited for within a run; longer ones defer the feed to a later run.
RETRY_AFTER_MAX = 60
#: Base of the exponential backoff between retries, in seconds.
RETRY_BACKOFF_BASE = 1.0

#: Extraction worker processes at most (0 = in the reactor thread, for debugging).
EXTRACT_WORKERS_MAX = 4

#: Prefix of every Redis key (queue, dupefilter, feed queue), so deployments can share a server.
REDIS_PREFIX = "newsmon"
#: Seconds a fingerprint keeps other workers from fetching an article (forgotten once settled).
REDIS_DUPEFILTER_TTL = 3600
#: Seconds a worker holds a request or feed without renewing its lease; then others take it.
REQUEST_LEASE = 20.0
#: A worker polls the feed queue this often (seconds) ...
FEED_POLL_INTERVAL = 1.0
#: ... and takes up to this many feeds from it per poll.
FEED_POLL_BATCH = 4
#: Seconds an idle worker waits before it stops (0 = never).
WORKER_MAX_IDLE = 0
