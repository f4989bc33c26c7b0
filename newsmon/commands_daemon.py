"""``newsmon daemon`` and ``newsmon status``."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from newsmon.cliutil import UserError, database_url, friendly, open_db
from newsmon.commands_crawl import parse_settings
from newsmon.output import render
from storage.db import transaction


def _configure_logging() -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


@click.command()
@click.option("--db", "db", metavar="URL", help="Database URL (overrides the global --db).")
@click.option("--notify", "webhooks", multiple=True, metavar="URL", envvar="NEWSMON_NOTIFY",
              help="POST deal alerts as JSON (Slack-compatible) to this webhook (repeatable; "
                   "or $NEWSMON_NOTIFY, space-separated).")
@click.option("--alert-min-usd", type=float, help="Only alert on deals of at least this USD.")
@click.option("--alert-ai-only", is_flag=True, help="Only alert on AI-related deals.")
@click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting for every crawl run, as scrapy crawl -s.")
@click.option("--batch-window", type=click.FloatRange(0, 3600), default=30.0, show_default=True,
              help="Feeds due within this many seconds join the same crawl run.")
@click.option("--max-batch", type=click.IntRange(1, 10000), default=200, show_default=True,
              help="Most feeds in one crawl run.")
@click.option("--stop-timeout", type=click.FloatRange(1, 600), default=25.0, show_default=True,
              help="Seconds a crawl gets to close after SIGTERM before it is killed.")
@click.option("--min-interval-seconds", type=click.IntRange(1), default=60, hidden=True)
@click.option("--poll-seconds", type=click.FloatRange(0.05), default=5.0, hidden=True)
@click.option("--heartbeat-seconds", type=click.FloatRange(0.1), default=10.0, hidden=True)
@click.option("--initial-spread", type=click.IntRange(0), default=300, hidden=True)
@click.option("--notify-poll-seconds", type=click.FloatRange(0.05), default=5.0, hidden=True)
@click.option("--retry-base-seconds", type=click.FloatRange(0.01), default=30.0, hidden=True)
@click.pass_context
@friendly
def daemon(ctx, db, webhooks, alert_min_usd, alert_ai_only, pairs, batch_window, max_batch,
           stop_timeout, min_interval_seconds, poll_seconds, heartbeat_seconds, initial_spread,
           notify_poll_seconds, retry_base_seconds):
    """Refresh every feed on its own interval until SIGTERM/SIGINT; logs go to stderr.

    Example: newsmon daemon --notify https://hooks.slack.com/services/T0/B0/XYZ --alert-min-usd 1e8
    """
    from newsmon.alerts import AlertFilter, NotifierConfig, parse_webhooks
    from newsmon.daemon import Daemon, DaemonConfig
    from newsmon.errors import DaemonError
    from newsmon.schedule import Policy

    if db:
        ctx.find_root().obj["db"] = db
    try:
        hooks = parse_webhooks(webhooks)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    from newsmon.cliutil import user_agent

    config = DaemonConfig(
        database_url=database_url(ctx),
        policy=Policy(min_interval=min_interval_seconds, initial_spread=initial_spread,
                      batch_window=batch_window, max_batch=max_batch),
        crawl_settings=parse_settings(pairs),
        notifier=NotifierConfig(
            webhooks=hooks, alert_filter=AlertFilter(alert_min_usd, alert_ai_only),
            poll_seconds=notify_poll_seconds, retry_base_seconds=retry_base_seconds,
            user_agent=user_agent(),
        ) if hooks else None,
        poll_seconds=poll_seconds,
        heartbeat_seconds=heartbeat_seconds,
        stale_after_seconds=max(60.0, 6 * heartbeat_seconds),
        stop_timeout=stop_timeout,
    )
    _configure_logging()
    try:
        code = Daemon(config).run()
    except DaemonError as exc:
        raise UserError(str(exc)) from None
    raise SystemExit(code)


# --- status -------------------------------------------------------------------------------


def collect_status(session, now: datetime, runs: int = 10) -> dict:
    """Everything ``newsmon status`` shows, as plain values."""
    from newsmon.alerts import webhook_label
    from newsmon.daemon import daemon_liveness
    from newsmon.health import feed_health
    from newsmon.schedule import FeedClock, Policy, due_at
    from storage import events, repo

    row = events.daemon_state(session)
    daemon: dict[str, object] = {"status": daemon_liveness(row, now)}
    if row is not None and row.started_at is not None:
        daemon.update(pid=row.pid, host=row.host, state=row.state, started_at=row.started_at,
                      heartbeat_at=row.heartbeat_at, stopped_at=row.stopped_at,
                      next_run_at=row.next_run_at, crawl_runs=row.cycles,
                      current_feeds=row.current_feeds, last_run_exit=row.last_run_exit)
    feeds: list[dict[str, Any]] = []
    for f in repo.list_feeds(session):
        clock = FeedClock.from_feed(f)
        feeds.append({
            "id": f.id, "name": f.name, "health": feed_health(f, now),
            "next_due_at": due_at(clock, Policy()) if f.active else None,
            "last_success_at": f.last_success_at, "last_status": f.last_status,
            "failures": f.consecutive_failures, "missing": f.missing_entries or 0,
            "last_error": f.last_error,
        })
    health: dict[str, int] = {}
    for entry in feeds:
        health[entry["health"]] = health.get(entry["health"], 0) + 1
    crawl_runs = [{
        "id": r.id, "started_at": r.started_at, "status": r.status, "feeds": r.feeds_total,
        "fetched": r.feeds_fetched, "not_modified": r.feeds_not_modified,
        "failed": r.feeds_failed, "articles_new": r.articles_new, "errors": r.errors,
    } for r in repo.recent_runs(session, runs)]
    hooks = {h.url: h for h in events.list_webhooks(session)}
    deliveries: dict[str, dict[str, int]] = {}
    for (url, status), count in events.delivery_counts(session).items():
        deliveries.setdefault(webhook_label(url), {})[status] = count
    for url in hooks:
        deliveries.setdefault(webhook_label(url), {})
    return {
        "now": now, "daemon": daemon,
        "last_24h": events.activity_since(session, now - timedelta(days=1)),
        "feed_health": health, "feeds": feeds, "crawl_runs": crawl_runs, "webhooks": deliveries,
    }


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    seconds = int((now - when).total_seconds())
    if seconds < 0:
        return f"in {-seconds} s"
    return f"{seconds} s ago" if seconds < 120 else f"{seconds // 60} min ago"


def print_status(info: dict) -> None:
    now, d = info["now"], info["daemon"]
    if d["status"] == "never":
        click.echo("daemon: never started on this database")
    else:
        click.echo(f"daemon: {d['status']} (pid {d['pid']} on {d['host']}, started "
                   f"{d['started_at']:%Y-%m-%d %H:%M:%S}, heartbeat {_ago(d['heartbeat_at'], now)})"
                   f"; {d['crawl_runs']} crawl run(s)")
        if d["status"] == "running":
            doing = (f"crawling {d['current_feeds']} feed(s)" if d["state"] == "crawling"
                     else "idle")
            nxt = f", next run {_ago(d['next_run_at'], now)}" if d["next_run_at"] else ""
            click.echo(f"  {doing}{nxt}")
    a = info["last_24h"]
    click.echo(f"last 24 h: {a['articles']} article(s), {a['new_deals']} new deal(s), "
               f"{a['status_changes']} status change(s), {a['deals_seen']} deal(s) updated")
    click.echo("feeds: " + (", ".join(f"{n} {h}" for h, n in sorted(info["feed_health"].items()))
                            or "none"))
    for url, counts in info["webhooks"].items():
        shown = ", ".join(f"{s} {n}" for s, n in sorted(counts.items())) or "nothing yet"
        click.echo(f"webhook {url}: {shown}")
    render(info["feeds"], ["id", "name", "health", "missing", "next_due_at", "last_success_at",
                           "failures", "last_error"], "table", title="feeds")
    render(info["crawl_runs"], ["id", "started_at", "status", "feeds", "fetched", "not_modified",
                                "failed", "articles_new", "errors"], "table",
           title="last crawl runs")


@click.command()
@click.option("--runs", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many recent crawl runs to show.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
@friendly
def status(ctx, runs, fmt):
    """Daemon state, next runs, feed health, last 24 h activity and recent crawl runs.

    Example: newsmon status --format json
    """
    _, factory = open_db(ctx)
    with transaction(factory) as session:
        info = collect_status(session, datetime.now(UTC), runs)
    if fmt == "json":
        click.echo(json.dumps(info, default=lambda v: v.isoformat() if isinstance(v, datetime)
                              else str(v), ensure_ascii=False, indent=2))
        return
    print_status(info)

