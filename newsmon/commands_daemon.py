"""``newsmon daemon`` and ``newsmon status``."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from newsmon.cliutil import UserError, checked_location, friendly, open_db, parse_duration
from newsmon.output import render
from newsmon.params import DATABASE
from storage.db import transaction


def _configure_logging() -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # APScheduler logs every job run at INFO (the supervisor runs every second) and a run
    # skipped because the previous one still goes (max_instances=1, by design) as a warning:
    # keep the errors (a job that raised).
    logging.getLogger("apscheduler").setLevel(logging.ERROR)


@click.command()
@click.option("--config", "config_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="TOML configuration (webhooks, digests, alerts, maintenance, time zone); "
                   "flags override it. See docs/daemon.md.")
@click.option("--db", "db", type=DATABASE, metavar="URL",
              help="Database URL (overrides the global --db).")
@click.option("--notify", "webhooks", multiple=True, metavar="URL", envvar="NEWSMON_NOTIFY",
              help="POST deal alerts as JSON (Slack-compatible) to this webhook (repeatable; "
                   "or $NEWSMON_NOTIFY, space-separated).")
@click.option("--alert-min-usd", type=float, help="Only alert on deals of at least this USD.")
@click.option("--alert-ai-only", is_flag=True, help="Only alert on AI-related deals.")
@click.option("--digest", "digest_crons", multiple=True, metavar="CRON",
              help="Send a digest of the deals announced since the last one on this 5-field "
                   "cron schedule, e.g. '0 8 * * 1-5' (repeatable).")
@click.option("--digest-to", "digest_targets", multiple=True, metavar="URL|FILE",
              help="Where digests go: a webhook URL, or a file path written as .md and .html "
                   "({date} and {time} are filled in); default: the --notify webhooks.")
@click.option("--digest-empty", is_flag=True, help="Send a digest even when it has no deals.")
@click.option("--timezone", metavar="ZONE", help="Time zone of the digest and maintenance "
              "schedules (default UTC), e.g. Europe/Paris.")
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
@click.option("--cron-second", default="0", hidden=True)
@click.pass_context
@friendly
def daemon(ctx, config_path, db, **options):
    """Refresh every feed on its own interval until SIGTERM/SIGINT; logs go to stderr.

    Its jobs run on APScheduler: the feed planner, crawl supervision, the heartbeat, webhook
    alerts, digests and the daily maintenance.

    Example: newsmon daemon --config /etc/newsmon/newsmon.toml --digest '0 8 * * 1-5'
    """
    from newsmon.daemon import Daemon
    from newsmon.daemonconfig import FileConfig, load_config
    from newsmon.daemonsetup import daemon_config
    from newsmon.errors import ConfigError, DaemonError, SetupError

    if db:
        ctx.find_root().obj["db"] = db
    try:
        file_config = load_config(config_path) if config_path else FileConfig()
        config = daemon_config(checked_location(ctx, create=True), file_config, options,
                               explicit=_explicit(ctx, options))
    except (ConfigError, SetupError) as exc:
        raise UserError(str(exc)) from None
    _configure_logging()
    try:
        code = Daemon(config).run()
    except DaemonError as exc:
        raise UserError(str(exc)) from None
    raise SystemExit(code)


def _explicit(ctx: click.Context, options: dict) -> set[str]:
    """Options given on the command line or in the environment (they beat the file)."""
    given = {click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT}
    return {name for name in options if ctx.get_parameter_source(name) in given}


@click.command()
@click.option("--since", default="24h", show_default=True, metavar="DURATION",
              help="Deals announced in this last period (30m, 24h, 7d, 2w).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "json", "slack"]),
              default="markdown", show_default=True)
@click.option("--timezone", default="UTC", show_default=True, metavar="ZONE",
              help="Time zone of the dates shown.")
@click.pass_context
@friendly
def digest(ctx, since, fmt, timezone):
    """Print the digest of the deals announced in the last period, as the daemon sends it.

    Example: newsmon digest --since 7d --format html > deals.html
    """
    from newsmon import crontab
    from newsmon import digest as digests

    try:
        zone = crontab.zone(timezone)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    now = datetime.now(UTC)
    _, factory = open_db(ctx)
    with transaction(factory) as session:
        built = digests.build_digest(session, now - parse_duration(since), now, zone)
    if fmt == "json":
        click.echo(json.dumps(digests.digest_json(built), ensure_ascii=False, indent=2))
    elif fmt == "html":
        click.echo(digests.html_page(built), nl=False)
    elif fmt == "slack":
        click.echo(digests.slack_text(built))
    else:
        click.echo(digests.markdown(built), nl=False)


# --- status -------------------------------------------------------------------------------


def collect_status(session, now: datetime, runs: int = 10) -> dict:
    """Everything ``newsmon status`` shows, as plain values."""
    from newsmon.alerts import webhook_label
    from newsmon.daemon import daemon_liveness
    from newsmon.health import feed_health
    from newsmon.schedule import DAEMON_POLICY, FeedClock, due_at
    from storage import daemonjobs, events, repo

    row = events.daemon_state(session)
    daemon: dict[str, object] = {"status": daemon_liveness(row, now)}
    if row is not None and row.started_at is not None:
        daemon.update(pid=row.pid, host=row.host, state=row.state, started_at=row.started_at,
                      heartbeat_at=row.heartbeat_at, stopped_at=row.stopped_at,
                      next_run_at=row.next_run_at, crawl_runs=row.cycles,
                      current_feeds=row.current_feeds, last_run_exit=row.last_run_exit)
    running = daemon["status"] == "running"
    started = row.started_at if running else None  # the daemon spreads never-fetched feeds
    feeds: list[dict[str, Any]] = []
    for f in repo.list_feeds(session):
        clock = FeedClock.from_feed(f)
        feeds.append({
            "id": f.id, "name": f.name, "health": feed_health(f, now),
            "next_due_at": due_at(clock, DAEMON_POLICY, started) if f.active else None,
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
    jobs = [{"name": j.name, "trigger": j.trigger,
             "next_run_at": j.next_run_at if daemon["status"] == "running" else None,
             "last_run_at": j.last_run_at, "last_outcome": j.last_outcome}
            for j in daemonjobs.list_jobs(session)]
    last = daemonjobs.latest_sent_digest(session)
    last_digest = None if last is None else {
        "schedule": last.schedule, "period_start": last.period_start,
        "period_end": last.scheduled_for, "status": last.status, "deals": last.deals,
        "targets": last.targets, "sent_at": last.sent_at, "error": last.error}
    return {
        "now": now, "daemon": daemon, "jobs": jobs, "last_digest": last_digest,
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
    for job in info["jobs"]:
        nxt = f"next {job['next_run_at']:%Y-%m-%d %H:%M:%S %Z} ({_ago(job['next_run_at'], now)})" \
            if job["next_run_at"] else "not scheduled"
        last = f"; last {_ago(job['last_run_at'], now)}: {job['last_outcome']}" \
            if job["last_run_at"] else ""
        click.echo(f"  job {job['name']}: {nxt}; {job['trigger']}{last}")
    digest = info["last_digest"]
    if digest:
        click.echo(f"last digest: {digest['status']} {_ago(digest['sent_at'], now)}, "
                   f"{digest['deals']} deal(s) announced {digest['period_start']:%Y-%m-%d %H:%M}"
                   f" – {digest['period_end']:%Y-%m-%d %H:%M} UTC ({digest['schedule']})")
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
        from newsmon.output import to_json

        click.echo(to_json(info))
        return
    print_status(info)

