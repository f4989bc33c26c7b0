"""``newsmon worker``: one distributed worker (scrapy-redis queue shared through Redis)."""

from __future__ import annotations

import click

from newsmon.cliutil import database_url, friendly
from newsmon.commands_crawl import parse_settings, print_summary
from newsmon.params import DATABASE


@click.command()
@click.option("--db", "db", type=DATABASE, metavar="URL",
              help="Database URL (one Postgres for all workers).")
@click.option("--max-idle", type=float, default=None, metavar="SECONDS",
              help="Stop after this many seconds without work (default: wait for ever).")
@click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, as scrapy crawl -s.")
@click.pass_context
@friendly
def worker(ctx, db, max_idle, pairs):
    """Fetch feeds and articles from the shared Redis queue until stopped (Ctrl-C).

    Needs NEWSMON_REDIS_URL. Feeds are queued by `newsmon crawl --distributed` or the daemon.

    Example: NEWSMON_REDIS_URL=redis://queue:6379/0 newsmon worker --db postgresql://db/newsmon
    """
    from newsmon.enqueue import run_worker

    if db:
        ctx.find_root().obj["db"] = db
    summary = run_worker(database_url(ctx), parse_settings(pairs), max_idle=max_idle)
    print_summary(summary)
    if summary.storage_errors or summary.finish_reason not in ("finished", "shutdown", ""):
        raise SystemExit(1)
