"""``newsmon crawl`` and ``newsmon demo``."""

from __future__ import annotations

import click
from rich.console import Console

from newsmon.cliutil import UserError, database_url, friendly, open_db
from newsmon.runner import CrawlSummary


def parse_settings(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"invalid setting {pair!r}: use NAME=VALUE")
        out[name.strip()] = value
    return out


def print_summary(summary: CrawlSummary, console: Console | None = None) -> None:
    console = console or Console()
    console.print(
        f"[bold]crawl finished[/bold] ({summary.finish_reason or 'unknown'}): "
        f"feeds {summary.feeds_total} — fetched {summary.feeds_fetched}, "
        f"unchanged (304) {summary.feeds_not_modified}, failed {summary.feeds_failed}"
    )
    skipped = ", ".join(f"{k} {v}" for k, v in sorted(summary.skipped.items())) or "none"
    console.print(
        f"articles: new {summary.articles_new}, already stored {summary.already_stored}, "
        f"duplicates {summary.duplicates}; skipped: {skipped}"
    )
    for note in summary.leased:
        console.print(note, markup=False, highlight=False)
    for failure in summary.failures:
        console.print(f"  [red]failed[/red] {failure['url']}: {failure['error']}")
    if summary.storage_errors:
        console.print(f"[red]{summary.storage_errors} item(s) could not be stored[/red]")


def seed_feed_urls(ctx) -> list[str]:
    """Register every feed of seeds/feeds.toml; return their URLs."""
    from feeds.seeds import DEFAULT_FEEDS_PATH, load_feeds_toml
    from storage.db import transaction
    from storage.repo import upsert_feed

    specs = load_feeds_toml(DEFAULT_FEEDS_PATH)
    _, factory = open_db(ctx)
    from datetime import UTC, datetime

    with transaction(factory) as session:
        for spec in specs:
            upsert_feed(session, url=spec.url, name=spec.name, language=spec.language,
                        interval_seconds=spec.interval, active=spec.active,
                        now=datetime.now(UTC), update_existing=False)
    return [s.url for s in specs if s.active]


def feed_urls_for(ctx, keys: tuple[str, ...]) -> list[str]:
    """Feed URLs for names/ids/URLs; unknown URLs pass through (registered by the crawl)."""
    from storage.db import transaction
    from storage.errors import UnknownFeed
    from storage.repo import find_feed

    _, factory = open_db(ctx)
    urls = []
    with transaction(factory) as session:
        for key in keys:
            try:
                urls.append(find_feed(session, key).url)
            except UnknownFeed:
                if "://" not in key:
                    raise
                urls.append(key)
    return urls


@click.command()
@click.option("--feed", "feeds", multiple=True, metavar="URL_OR_NAME",
              help="Crawl this feed (repeatable); a new URL is registered as a feed.")
@click.option("--seeds", is_flag=True, help="Register seeds/feeds.toml and crawl all of it.")
@click.option("--all", "everything", is_flag=True, help="Every active feed, due or not.")
@click.option("--db", "db", metavar="URL", help="Database URL (overrides the global --db).")
@click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, as scrapy crawl -s.")
@click.option("--distributed", is_flag=True,
              help="Only enqueue due feeds for workers (needs NEWSMON_REDIS_URL).")
@click.pass_context
@friendly
def crawl(ctx, feeds, seeds, everything, db, pairs, distributed):
    """Crawl due feeds once (or the given ones) and print a summary.

    Example: newsmon crawl --feed https://techcrunch.com/feed/ -s DOWNLOAD_DELAY=1
    """
    if db:
        ctx.find_root().obj["db"] = db
    overrides = parse_settings(pairs)
    if distributed:
        from newsmon.enqueue import enqueue_due

        count = enqueue_due(database_url(ctx), overrides)
        click.echo(f"enqueued {count} feed(s) for workers")
        return
    urls = seed_feed_urls(ctx) if seeds else []
    urls += feed_urls_for(ctx, feeds) if feeds else []
    from newsmon.runner import run_crawl

    summary = run_crawl(database_url(ctx), urls=urls or None, everything=everything,
                        overrides=overrides)
    print_summary(summary)
    if summary.storage_errors or summary.finish_reason not in ("finished", ""):
        raise SystemExit(1)


@click.command()
@click.option("--db", "db", metavar="URL", help="Database (default: a fresh newsmon-demo.db).")
@click.option("--keep", is_flag=True, help="Keep the demo database from an earlier run.")
@click.pass_context
@friendly
def demo(ctx, db, keep):
    """Serve the bundled demo site on 127.0.0.1, crawl it into a fresh database, show results.

    Example: newsmon demo
    """
    from newsmon.demo import run_demo

    run_demo(db or "sqlite:///newsmon-demo.db", fresh=not keep and not db)
