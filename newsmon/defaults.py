"""Every default newsmon ships with, in one place (as Scrapy keeps its ``default_settings``).

A leaf module: it imports nothing from the project, so the Scrapy settings
(``crawler/settings.py``), the CLI, Alembic's ``env.py`` and the feed library can all read it.
Environment variables and command-line options override these values at the edge, never here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

#: The release; the wheel's version is read from here (``pyproject.toml``, dynamic version).
VERSION = "0.1.0"
#: The SQLite file newsmon uses when no database is named, and its per-user directory.
DATABASE_FILE = "newsmon.db"
DATA_DIR_NAME = "newsmon"


def default_database_url(environ: Mapping[str, str], cwd: Path) -> str:
    """Where articles go unless ``$NEWSMON_DATABASE_URL``, ``--db`` or ``-s DATABASE_URL=`` say:
    ``./newsmon.db`` when the current directory has one (the README's quick start: ``make run``
    makes it), else ``$XDG_DATA_HOME/newsmon/newsmon.db`` (``~/.local/share/newsmon/...``)."""
    if (cwd / DATABASE_FILE).is_file():
        return f"sqlite:///{DATABASE_FILE}"
    data_home = environ.get("XDG_DATA_HOME") or ""
    if not os.path.isabs(data_home):  # unset, empty or relative: the XDG default
        data_home = str(Path(environ.get("HOME") or Path.home()) / ".local" / "share")
    return f"sqlite:///{Path(data_home) / DATA_DIR_NAME / DATABASE_FILE}"


#: The default database of this process (see :func:`default_database_url`).
DATABASE_URL = default_database_url(os.environ, Path.cwd())
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

#: A failing feed waits ``interval * 2^failures`` up to this many seconds (longer only when a
#: server's Retry-After asks for it).
FEED_BACKOFF_CAP = 86_400
#: Seconds a crawl holds the feeds it fetches (renewed every third of it while it runs); another
#: crawl skips them meanwhile.
FEED_LEASE_SECONDS = 600

#: ``newsmon daemon``: time zone of the digest and maintenance crontabs, and the maintenance.
DAEMON_TIMEZONE = "UTC"
MAINTENANCE_CRON = "30 4 * * *"
#: Crawl runs still "running" after this many hours are marked interrupted.
STALE_RUN_HOURS = 12.0
#: Skipped URLs, and deal events with their finished deliveries, older than this are pruned.
PRUNE_SKIPS_DAYS = 90.0
PRUNE_EVENTS_DAYS = 180.0
