"""``newsmon crawl`` and ``newsmon demo``."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from newsmon.cliutil import database_url, db_option, friendly, open_db, set_database
from newsmon.crawlreport import ReportOptions, print_summary  # noqa: F401 - re-exported
from newsmon.params import DATABASE

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def parse_settings(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r}: use NAME=VALUE", param_hint="'-s'")
        out[name.strip()] = value
    return out


def report_options(func):
    """``-v``, ``--log-level`` and ``--log-file``: how much a crawl prints, and where."""
    func = click.option("--log-file", type=click.Path(dir_okay=False, writable=True),
                        help="Write the full Scrapy log to this file.")(func)
    func = click.option("--log-level", type=click.Choice(LOG_LEVELS, case_sensitive=False),
                        envvar="NEWSMON_LOG_LEVEL",
                        help="Show Scrapy's log at this level ($NEWSMON_LOG_LEVEL).")(func)
    return click.option("-v", "--verbose", is_flag=True,
                        help="Show Scrapy's log (same as --log-level INFO).")(func)


def make_report(verbose: bool, log_level: str | None, log_file: str | None):
    from newsmon.crawlreport import CrawlReport

    level = log_level or ("INFO" if verbose else None)
    return CrawlReport(ReportOptions(log_level=level, log_file=log_file))


def seed_feed_ids(session) -> list[int]:
    """Register every feed of seeds/feeds.toml (keeping existing ones); the active ones' ids."""
    from feeds.seeds import DEFAULT_FEEDS_PATH, load_feeds_toml
    from storage.repo import upsert_feed

    ids = []
    for spec in load_feeds_toml(DEFAULT_FEEDS_PATH):
        feed_id, _ = upsert_feed(session, url=spec.url, name=spec.name, language=spec.language,
                                 interval_seconds=spec.interval, active=spec.active,
                                 now=datetime.now(UTC), update_existing=False)
        if spec.active:
            ids.append(feed_id)
    return ids


def feed_ids_for(ctx, session, keys: tuple[str, ...]) -> list[int]:
    """Feed ids for names/ids/URLs; a new URL is checked, then registered as a feed."""
    from newsmon import defaults
    from newsmon.commands_data import checked_feed_url
    from storage.errors import UnknownFeed
    from storage.repo import find_feed, upsert_feed

    ids = []
    for key in keys:
        try:
            ids.append(find_feed(session, key).id)
        except UnknownFeed:
            if "://" not in key:
                raise
            url = checked_feed_url(key)
            feed_id, _ = upsert_feed(session, url=url, name=url, language=None,
                                     interval_seconds=defaults.FEED_INTERVAL_MINUTES * 60,
                                     active=True, now=datetime.now(UTC), update_existing=False)
            ids.append(feed_id)
    return list(dict.fromkeys(ids))


@click.command()
@click.option("--feed", "feeds", multiple=True, metavar="URL_OR_NAME",
              help="Crawl this feed (repeatable); a new URL is registered as a feed.")
@click.option("--seeds", is_flag=True, help="Register seeds/feeds.toml and crawl all of it.")
@click.option("--all", "everything", is_flag=True, help="Every active feed, due or not.")
@db_option()
@click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, as scrapy crawl -s.")
@click.option("--distributed", is_flag=True,
              help="Only enqueue due feeds for workers (needs NEWSMON_REDIS_URL).")
@report_options
@click.pass_context
@friendly
def crawl(ctx, feeds, seeds, everything, db, pairs, distributed, verbose, log_level, log_file):
    """Crawl due feeds once (or the given ones) and print a summary.

    On a terminal a progress display stays at the bottom; otherwise each feed's result is one
    line. -v shows Scrapy's log; --log-file keeps all of it.

    Example: newsmon crawl --feed https://techcrunch.com/feed/ -s DOWNLOAD_DELAY=1
    """
    from storage.db import transaction

    set_database(ctx, db)
    overrides = parse_settings(pairs)
    engine, factory = open_db(ctx, create=True)  # unreachable or read-only: one line, here
    try:
        if distributed:
            from newsmon.enqueue import enqueue_due

            count = enqueue_due(database_url(ctx), overrides)
            click.echo(f"enqueued {count} feed(s) for workers")
            return
        with transaction(factory) as session:
            ids = seed_feed_ids(session) if seeds else []
            ids += feed_ids_for(ctx, session, feeds) if feeds else []
    finally:
        engine.dispose()
    from newsmon.runner import run_crawl

    summary = run_crawl(database_url(ctx), everything=everything, overrides=overrides,
                        report=make_report(verbose, log_level, log_file),
                        feed_ids=ids or None)
    print_summary(summary)
    if summary.storage_errors or summary.finish_reason not in ("finished", ""):
        raise SystemExit(1)


@click.command()
@click.option("--db", "db", type=DATABASE, metavar="URL",
              help="SQLite file (replaced each run unless --keep) or Postgres database (the "
                   "demo uses its own schema, newsmon_demo, made afresh each run). "
                   "Default: ./newsmon-demo.db.")
@click.option("--keep", is_flag=True, help="Keep the demo data of an earlier run.")
@click.pass_context
@friendly
def demo(ctx, db, keep):
    """Serve the bundled demo site on 127.0.0.1, crawl it into a fresh database, show results.

    Example: newsmon demo
    """
    from newsmon.demo import run_demo

    run_demo(db or "sqlite:///newsmon-demo.db", fresh=not keep)
