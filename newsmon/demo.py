"""``newsmon demo``: the bundled demo site, served on 127.0.0.1 and crawled, fully offline.

Each run starts from nothing: a SQLite demo file is replaced (refused if it holds feeds other
than the demo's), and on Postgres the demo lives in its own schema, ``newsmon_demo``, dropped
and made again. The closing hint says how to query the result with that backend's own tool.
"""

from __future__ import annotations

import shlex
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console

from newsmon import terminal
from newsmon.errors import NotADemoDatabase
from newsmon.staticsrv import StaticServer
from seeds import seed_path
from storage.db import make_url_path, safe_url

DEMO_ROOT = seed_path("demo")
DEMO_FEEDS = ("/feeds/rss.xml", "/feeds/atom.xml")
#: The Postgres schema the demo owns (dropped and made again each run).
DEMO_SCHEMA = "newsmon_demo"
#: Loopback is not a shared server: no delay between requests, no throttling.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
}


def fresh_database(database_url: str) -> str:
    """Empty the demo's database; return the URL the demo then uses."""
    from storage.db import recreate_schema, with_search_path

    path = make_url_path(database_url)
    if path is None:  # Postgres: a schema of its own
        url = with_search_path(database_url, DEMO_SCHEMA)
        recreate_schema(url, DEMO_SCHEMA)
        return url
    if Path(path).exists() and not _only_demo_feeds(database_url):
        raise NotADemoDatabase(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return database_url


def _only_demo_feeds(database_url: str) -> bool:
    from storage import repo
    from storage.db import open_database, session_factory, transaction

    engine = open_database(database_url)
    try:
        with transaction(session_factory(engine)) as session:
            hosts = {urlsplit(f.url).hostname for f in repo.list_feeds(session)}
    finally:
        engine.dispose()
    return hosts <= {"127.0.0.1"}


def register_feeds(database_url: str, urls: list[str]) -> list[int]:
    from storage import repo
    from storage.db import open_database, session_factory, transaction

    engine = open_database(database_url)
    try:
        with transaction(session_factory(engine)) as session:
            return [repo.upsert_feed(session, url=u, name=f"Demo {u.rsplit('/', 1)[-1]}",
                                     language=None, interval_seconds=3600, active=True,
                                     now=datetime.now(UTC), update_existing=False)[0]
                    for u in urls]
    finally:
        engine.dispose()


def query_hint(database_url: str) -> str:
    """How to look at the demo's deals, with this backend's own tool."""
    path = make_url_path(database_url)
    shown = safe_url(database_url)
    newsmon = f"newsmon --db {shlex.quote(shown)} deals"
    if path is not None:
        return f"{newsmon}   or   sqlite3 {shlex.quote(str(Path(path).resolve()))} " \
               "'SELECT * FROM deal_summary'"
    libpq = shown.replace("postgresql+psycopg://", "postgresql://", 1)
    return f"{newsmon}   or   psql {shlex.quote(libpq)} -c 'SELECT * FROM deal_summary'"


def run_demo(database_url: str, fresh: bool = True, console: Console | None = None) -> None:
    from newsmon.crawlreport import print_summary
    from newsmon.report import print_results
    from newsmon.runner import run_crawl
    from storage.db import with_search_path

    console = console or Console(highlight=False)
    if fresh:
        database_url = fresh_database(database_url)
    elif make_url_path(database_url) is None:
        database_url = with_search_path(database_url, DEMO_SCHEMA)
    started = time.monotonic()
    with StaticServer(DEMO_ROOT) as site:
        console.print(terminal.text(f"demo site on {site.base_url} (seeds/demo), "
                                    f"database {safe_url(database_url)}"), soft_wrap=True)
        ids = register_feeds(database_url, [site.url(p) for p in DEMO_FEEDS])
        summary = run_crawl(database_url, feed_ids=ids, overrides=DEMO_SETTINGS)
    print_summary(summary, console)
    print_results(database_url, console)
    console.print(terminal.text(f"done in {time.monotonic() - started:.1f}s. Try: "
                                f"{query_hint(database_url)}"), soft_wrap=True)
