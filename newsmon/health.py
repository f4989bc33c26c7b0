"""Feed health as users see it: ok, failing, dead (failing for DEAD_AFTER), never fetched."""

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
        return "ok"
    since = feed.last_success_at or feed.created_at
    return "dead" if since is not None and now - since >= DEAD_AFTER else "failing"


def feed_health_rows(session, now: datetime) -> list[dict]:
    from newsmon.commands_data import feed_row

    return [dict(feed_row(f), health=feed_health(f, now)) for f in repo.list_feeds(session)]
