"""``newsmon feeds ...``, ``newsmon articles`` and ``newsmon db ...``."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from newsmon import defaults
from newsmon.cliutil import (
    UserError,
    database_url,
    friendly,
    open_db,
    since_option,
)
from newsmon.output import FORMATS, render
from storage import repo
from storage.db import transaction


@click.group()
def feeds():
    """Manage the watched feeds.

    Example: newsmon feeds add https://www.example.com/ --interval 30
    """


@feeds.command("list")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.pass_context
@friendly
def feeds_list(ctx, fmt):
    """List feeds with their health.

    Example: newsmon feeds list --format csv
    """
    from newsmon.health import feed_health_rows

    _, factory = open_db(ctx)
    with transaction(factory) as session:
        rows = feed_health_rows(session, datetime.now(UTC))
    render(rows, ["id", "name", "language", "interval_min", "health", "missing", "last_status",
                  "failures", "last_fetched_at", "last_error"], fmt, title="feeds")


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="Display name (default: the URL).")
@click.option("--language", help="ISO 639-1 code, e.g. en, fr.")
@click.option("--interval", type=click.IntRange(defaults.MIN_FEED_INTERVAL_MINUTES,
                                                defaults.MAX_FEED_INTERVAL_MINUTES),
              default=defaults.FEED_INTERVAL_MINUTES, show_default=True,
              help="Refresh interval in minutes.")
@click.option("--no-check", is_flag=True, help="Register without fetching (no discovery).")
@click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting for the fetch, as crawl -s.")
@click.pass_context
@friendly
def feeds_add(ctx, url, name, language, interval, no_check, pairs):
    """Add a feed URL, or a site's homepage (its <link rel=alternate> feeds are discovered).

    Example: newsmon feeds add https://techcrunch.com/ --language en
    """
    from feeds.urls import canonicalize_url
    from newsmon.commands_crawl import parse_settings
    from newsmon.feedtools import policy_from_project, resolve_feed_urls

    try:
        canonicalize_url(url)
    except ValueError as exc:
        raise UserError(f"invalid URL {url!r}: {exc}") from None
    urls = [url] if no_check else resolve_feed_urls(
        url, policy_from_project(parse_settings(pairs)))
    _, factory = open_db(ctx)
    with transaction(factory) as session:
        for feed_url in urls:
            _, created = repo.upsert_feed(
                session, url=feed_url, name=name if name and len(urls) == 1 else (name or feed_url),
                language=language, interval_seconds=interval * 60, active=True,
                now=datetime.now(UTC),
            )
            click.echo(f"{'added' if created else 'updated'} {feed_url}")


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
            click.echo(f"removed {feed.url}")


@feeds.command("import")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
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
    _, factory = open_db(ctx)
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


@feeds.command("check")
@click.argument("keys", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting for the fetch, as crawl -s.")
@click.pass_context
@friendly
def feeds_check(ctx, keys, fmt, pairs):
    """Fetch each feed once and report HTTP status, entries, newest entry, error.

    Example: newsmon feeds check
    """
    from newsmon.commands_crawl import parse_settings
    from newsmon.feedtools import check_feeds, policy_from_project

    _, factory = open_db(ctx)
    with transaction(factory) as session:
        urls = [repo.find_feed(session, k).url for k in keys] or [
            f.url for f in repo.list_feeds(session, active_only=True)
        ]
    results = check_feeds(urls, policy_from_project(parse_settings(pairs)))
    rows = [{"url": r.url, "status": r.status, "entries": r.entries, "newest": r.newest,
             "error": r.error} for r in results]
    render(rows, ["url", "status", "entries", "newest", "error"], fmt, title="feed check")
    if any(not r.ok for r in results):
        raise SystemExit(1)


def article_row(article) -> dict:
    return {
        "id": article.id, "published_at": article.published_at, "language": article.language,
        "title": article.title, "url": article.canonical_url, "authors": article.authors,
        "word_count": article.word_count, "extraction": article.extraction_method,
        "fetched_at": article.fetched_at,
    }


@click.command()
@click.option("--since", help="Only articles from this recent period, e.g. 7d, 24h.")
@click.option("--lang", help="Language code, e.g. fr.")
@click.option("--search", help="Words that must all appear in the title or text.")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.pass_context
@friendly
def articles(ctx, since, lang, search, limit, fmt):
    """List stored articles, newest first.

    Example: newsmon articles --since 7d --lang fr --search "Scale AI"
    """
    cutoff = since_option(since)
    _, factory = open_db(ctx)
    with transaction(factory) as session:
        rows = [article_row(a) for a in repo.query_articles(
            session, since=cutoff, language=lang, search=search, limit=limit)]
    render(rows, ["id", "published_at", "language", "title", "url"], fmt, title="articles")


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
    from storage.db import safe_url, upgrade

    upgrade(database_url(ctx), revision)
    click.echo(f"{safe_url(database_url(ctx))} is at {revision}")
