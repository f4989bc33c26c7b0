"""Feed health as users see it: ok, incomplete (the last crawl stopped before all its new
entries were settled; due again at once), failing, dead (failing for DEAD_AFTER), new."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage import repo

#: A feed failing this long is flagged dead in ``feeds list`` and ``status``.
DEAD_AFTER = timedelta(days=3)


def feed_health(feed, now: datetime) -> str:
    if not feed.active:
        return "inactive"
    if feed.last_fetched_at is None:
        return "new"
    if not feed.consecutive_failures:
        return "incomplete" if getattr(feed, "missing_entries", 0) else "ok"
    since = feed.last_success_at or feed.created_at
    return "dead" if since is not None and now - since >= DEAD_AFTER else "failing"


def feed_row(feed) -> dict:
    return {
        "id": feed.id, "name": feed.name, "url": feed.url, "language": feed.language,
        "interval_min": feed.interval_seconds // 60, "active": feed.active,
        "last_fetched_at": feed.last_fetched_at, "last_status": feed.last_status,
        "failures": feed.consecutive_failures, "missing": feed.missing_entries or 0,
        "last_error": feed.last_error, "next_due_at": feed.next_due_at,
    }


def feed_health_rows(session, now: datetime) -> list[dict]:
    return [dict(feed_row(f), health=feed_health(f, now)) for f in repo.list_feeds(session)]
