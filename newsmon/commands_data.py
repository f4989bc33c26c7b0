"""``newsmon feeds ...`` and ``newsmon db ...``."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from newsmon import defaults, terminal
from newsmon.cliutil import (
    UserError,
    checked_location,
    database_url,
    friendly,
    open_db,
)
from newsmon.export import FEED_COLUMNS as FEED_EXPORT_COLUMNS
from newsmon.export import FILE_FORMATS, write_rows
from newsmon.output import FORMATS, Column, render
from newsmon.params import LANGUAGE
from storage import repo
from storage.db import transaction

INTERVAL = click.IntRange(defaults.MIN_FEED_INTERVAL_MINUTES, defaults.MAX_FEED_INTERVAL_MINUTES)
FEED_COLUMNS = [
    Column("id", priority=1),
    Column("name", priority=1, wrap=True, min_width=12),
    Column("url", priority=1, max_width=60),
    Column("health", priority=1),
    Column("missing", priority=2),
    Column("language", "lang", priority=3),
    Column("interval_min", "every (min)", priority=4),
    Column("last_status", "status", priority=2),
    Column("failures", priority=3),
    Column("last_fetched_at", "last fetched", priority=4),
    Column("last_error", "last error", priority=2, wrap=True, min_width=16),
]


def checked_feed_url(value: str) -> str:
    """``value`` if it is an absolute http(s) URL; a usage error (exit 2) otherwise."""
    from feeds.urls import canonicalize_url

    if not value.lower().startswith(("http://", "https://")):
        raise click.BadParameter(f"{value!r} is not an http(s) URL")
    try:
        canonicalize_url(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a feed URL: {exc}") from None
    return value


def feed_url(ctx, param, value: str | None) -> str | None:
    """Click callback: the URL argument checked by :func:`checked_feed_url`."""
    return None if value is None else checked_feed_url(value)


@click.group()
def feeds():
    """Manage the watched feeds.

    Example: newsmon feeds add https://www.example.com/ --interval 30
    """


@feeds.command("list")
@click.option("--format", "fmt", type=click.Choice(("table", *FILE_FORMATS)), default="table")
@click.pass_context
@friendly
def feeds_list(ctx, fmt):
    """List feeds with their URL and health.

    Example: newsmon feeds list --format csv
    """
    from newsmon.health import feed_health_rows

    _, factory = open_db(ctx)
    with transaction(factory) as session:
        rows = feed_health_rows(session, datetime.now(UTC))
    if fmt in FILE_FORMATS:
        write_rows(fmt, rows, FEED_EXPORT_COLUMNS, sys.stdout)
        return
    render(rows, FEED_COLUMNS, fmt, title="feeds")


def _settings(name, language, interval, active=None) -> dict:
    return {"name": name, "language": language,
            "interval_seconds": interval * 60 if interval else None, "active": active}


def _report(url: str, changed: list[str]) -> str:
    url = terminal.clean(url)
    if not changed:
        return f"already watched, unchanged: {url}"
    return f"updated {url}: {', '.join(c.replace('_seconds', '') for c in changed)}"


@feeds.command("add")
@click.argument("url", callback=feed_url)
@click.option("--name", help="Display name (default: the feed's own title).")
@click.option("--language", type=LANGUAGE, help="ISO 639-1 code, e.g. en, fr.")
@click.option("--interval", type=INTERVAL,
              help=f"Refresh interval in minutes (default {defaults.FEED_INTERVAL_MINUTES}).")
@click.option("--no-check", is_flag=True, help="Register without fetching (no discovery).")
@click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting for the fetch, as crawl -s.")
@click.pass_context
@friendly
def feeds_add(ctx, url, name, language, interval, no_check, pairs):
    """Add a feed URL, or a site's homepage (its <link rel=alternate> feeds are discovered).

    A feed that is already watched keeps its settings unless options are given.

    Example: newsmon feeds add https://techcrunch.com/ --language en
    """
    from newsmon.commands_crawl import parse_settings
    from newsmon.feedadd import FoundFeed, feed_names, find_feeds
    from newsmon.feedtools import policy_from_project

    found = [FoundFeed(url)] if no_check else find_feeds(
        url, policy_from_project(parse_settings(pairs)))
    names = feed_names(found)
    _, factory = open_db(ctx, create=True)
    with transaction(factory) as session:
        for feed, title in zip(found, names, strict=True):
            click.echo(_add_one(session, feed, name if len(found) == 1 else None, title,
                                language, interval))


def _add_one(session, feed, name, title, language, interval) -> str:
    from newsmon.languages import LanguageError, language_code

    try:
        feed_language = language_code(feed.language) if feed.language else None
    except LanguageError:
        feed_language = None
    feed_id, created = repo.upsert_feed(
        session, url=feed.url, name=name or title, language=language or feed_language,
        interval_seconds=(interval or defaults.FEED_INTERVAL_MINUTES) * 60, active=True,
        now=datetime.now(UTC), update_existing=False,
    )
    if created:
        return f"added {terminal.clean(feed.url)} as {terminal.clean(name or title)!r}"
    stored = repo.find_feed(session, str(feed_id))
    return _report(feed.url, repo.edit_feed(session, stored, **_settings(name, language,
                                                                          interval)))


@feeds.command("edit")
@click.argument("key", metavar="URL_OR_NAME")
@click.option("--name", help="New display name.")
@click.option("--language", type=LANGUAGE, help="ISO 639-1 code, e.g. en, fr.")
@click.option("--interval", type=INTERVAL, help="Refresh interval in minutes.")
@click.option("--active/--inactive", default=None, help="Crawl this feed, or stop crawling it.")
@click.pass_context
@friendly
def feeds_edit(ctx, key, name, language, interval, active):
    """Change a feed's name, language, interval or whether it is crawled.

    Example: newsmon feeds edit https://techcrunch.com/feed/ --interval 30 --language en
    """
    if name is None and language is None and interval is None and active is None:
        raise click.UsageError("nothing to change: give --name, --language, --interval, "
                               "--active or --inactive", ctx=ctx)
    _, factory = open_db(ctx)
    with transaction(factory) as session:
        feed = repo.find_feed(session, key)
        changed = repo.edit_feed(session, feed, **_settings(name, language, interval, active))
        click.echo(_report(feed.url, changed))


@feeds.command("remove")
@click.argument("keys", nargs=-1, required=True)
@click.pass_context
@friendly
def feeds_remove(ctx, keys):
    """Remove feeds by URL, name or id (their articles stay).

    Example: newsmon feeds remove "TechCrunch"
    """
    _, factory = open_db(ctx)
    with transaction(factory) as session:
        for key in keys:
            feed = repo.remove_feed(session, key)
            click.echo(f"removed {terminal.clean(feed.url)}")


@feeds.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.pass_context
@friendly
def feeds_import(ctx, path):
    """Import feeds from OPML (.opml/.xml) or our TOML format (.toml).

    Example: newsmon feeds import subscriptions.opml
    """
    from feeds.opml import read_opml
    from feeds.seeds import load_feeds_toml

    if path.endswith(".toml"):
        specs = load_feeds_toml(path)
    else:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        specs = read_opml(data)
    _, factory = open_db(ctx, create=True)
    added = 0
    with transaction(factory) as session:
        for spec in specs:
            _, created = repo.upsert_feed(
                session, url=spec.url, name=spec.name,
                language=None if spec.language == "und" else spec.language,
                interval_seconds=spec.interval, active=spec.active, now=datetime.now(UTC),
            )
            added += created
    click.echo(f"imported {len(specs)} feed(s), {added} new")


@feeds.command("export")
@click.option("--format", "fmt", type=click.Choice(["opml", "toml"]), default="opml")
@click.pass_context
@friendly
def feeds_export(ctx, fmt):
    """Export feeds as OPML or TOML to stdout.

    Example: newsmon feeds export --format toml > feeds.toml
    """
    from feeds.opml import write_opml
    from feeds.seeds import FeedSpec, dump_feeds_toml

    _, factory = open_db(ctx)
    with transaction(factory) as session:
        specs = [
            FeedSpec(name=f.name, url=f.url, language=f.language or "und",
                     interval=f.interval_seconds, active=f.active)
            for f in repo.list_feeds(session)
        ]
    click.echo(write_opml(specs) if fmt == "opml" else dump_feeds_toml(specs), nl=False)


def check_targets(ctx, keys: tuple[str, ...]) -> list[str]:
    """URLs to check: registered feeds by URL, name or id; unregistered URLs as they are;
    every active feed when no key is given."""
    from storage.errors import UnknownFeed

    if keys and all("://" in k for k in keys):
        return [checked_feed_url(k) for k in keys]
    _, factory = open_db(ctx)
    urls = []
    with transaction(factory) as session:
        if not keys:
            return [f.url for f in repo.list_feeds(session, active_only=True)]
        for key in keys:
            try:
                urls.append(repo.find_feed(session, key).url)
            except UnknownFeed:
                if "://" not in key:
                    raise
                urls.append(checked_feed_url(key))
    return urls


@feeds.command("check")
@click.argument("keys", nargs=-1, metavar="[URL_OR_NAME]...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting for the fetch, as crawl -s.")
@click.pass_context
@friendly
def feeds_check(ctx, keys, fmt, pairs):
    """Fetch feeds once (registered or not) and report HTTP status, entries, newest, error.

    Example: newsmon feeds check https://techcrunch.com/feed/
    """
    from newsmon.commands_crawl import parse_settings
    from newsmon.feedtools import check_feeds, policy_from_project

    results = check_feeds(check_targets(ctx, keys), policy_from_project(parse_settings(pairs)))
    rows = [{"url": r.url, "status": r.status, "entries": r.entries, "newest": r.newest,
             "error": r.error} for r in results]
    render(rows, [Column("url", priority=1, max_width=60), Column("status", priority=1),
                  Column("entries", priority=2), Column("newest", priority=3),
                  Column("error", priority=1, wrap=True, min_width=16)], fmt,
           title="feed check")
    if any(not r.ok for r in results):
        raise SystemExit(1)


@click.group()
def db():
    """Database schema management.

    Example: newsmon db upgrade
    """


@db.command("upgrade")
@click.argument("revision", default="head")
@click.pass_context
@friendly
def db_upgrade(ctx, revision):
    """Apply Alembic migrations (every command also does this by itself).

    Example: newsmon --db postgresql+psycopg://postgres@127.0.0.1/newsmon db upgrade
    """
    from alembic.util import CommandError

    from storage.db import safe_url, upgrade

    try:
        upgrade(checked_location(ctx, create=True), revision)
    except CommandError as exc:
        raise UserError(f"cannot upgrade to {revision!r}: {exc}") from None
    click.echo(f"{safe_url(database_url(ctx))} is at {revision}")
