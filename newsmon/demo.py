"""``newsmon demo``: the bundled demo site, served on 127.0.0.1 and crawled, fully offline."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console

from newsmon.staticsrv import StaticServer
from seeds import seed_path
from storage.db import make_url_path

DEMO_ROOT = seed_path("demo")
DEMO_FEEDS = ("/feeds/rss.xml", "/feeds/atom.xml")
#: Loopback is not a shared server: no delay between requests, no throttling.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
}


def run_demo(database_url: str, fresh: bool = True, console: Console | None = None) -> None:
    from newsmon.commands_crawl import print_summary
    from newsmon.report import print_results
    from newsmon.runner import run_crawl

    console = console or Console()
    path = make_url_path(database_url)
    if fresh and path is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    with StaticServer(DEMO_ROOT) as site:
        console.print(f"demo site on {site.base_url} (seeds/demo), database {database_url}")
        summary = run_crawl(
            database_url, urls=[site.url(p) for p in DEMO_FEEDS], overrides=DEMO_SETTINGS,
        )
    print_summary(summary, console)
    print_results(database_url, console)
    console.print(f"done in {time.monotonic() - started:.1f}s. Try: "
                  f"newsmon --db {database_url} deals   or   sqlite3 {path} "
                  "'SELECT * FROM deal_summary'")
