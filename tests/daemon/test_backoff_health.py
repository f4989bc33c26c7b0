"""Failing feeds back off exponentially (capped at 24 h), recover by themselves, turn dead."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from newsmon.health import DEAD_AFTER, feed_health, feed_health_rows
from newsmon.schedule import FeedClock, Policy, due_at
from storage import repo
from storage.db import transaction
from storage.models import Feed

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def add_feed(factory, url="https://a.example/feed", interval=3600) -> int:
    with transaction(factory) as session:
        feed_id, _ = repo.upsert_feed(session, url=url, name=url, language="en",
                                      interval_seconds=interval, active=True,
                                      now=T0 - timedelta(days=10))
    return feed_id


def record(factory, feed_id, at, outcome, **kw) -> Feed:
    with transaction(factory) as session:
        repo.record_feed_result(session, repo.FeedResult(feed_id, at, outcome, **kw))
    with transaction(factory) as session:
        return session.get(Feed, feed_id)


def test_backoff_doubles_is_capped_at_a_day_and_resets_on_success(factory):
    feed_id = add_feed(factory)
    now = T0
    record(factory, feed_id, now, "ok", status=200, etag='"v1"')
    delays = []
    for _ in range(8):
        feed = record(factory, feed_id, now, "failed", status=500, error="HTTP 500")
        delays.append((feed.next_due_at - now).total_seconds() / 3600)
        now = feed.next_due_at  # the daemon fetches it when due
    assert delays == [2, 4, 8, 16, 24, 24, 24, 24]
    assert feed.consecutive_failures == 8 and feed.last_error == "HTTP 500"
    assert feed.etag == '"v1"'  # validators survive failures
    # The schedule keeps the backoff time exactly (no phase shift for failing feeds).
    assert due_at(FeedClock.from_feed(feed), Policy()) == feed.next_due_at
    back = record(factory, feed_id, now, "not_modified", status=304)
    assert back.consecutive_failures == 0 and back.last_error is None
    assert back.last_success_at == now and back.next_due_at == now + timedelta(hours=1)


def test_retry_after_longer_than_the_backoff_wins(factory):
    feed_id = add_feed(factory, interval=600)
    feed = record(factory, feed_id, T0, "failed", status=429, error="HTTP 429",
                  retry_after=5 * 3600)
    assert feed.next_due_at == T0 + timedelta(hours=5)


def test_a_feed_failing_for_days_is_dead_then_ok_again(factory):
    feed_id = add_feed(factory)
    record(factory, feed_id, T0, "ok", status=200)
    feed = record(factory, feed_id, T0 + timedelta(hours=1), "failed", error="HTTP 503")
    assert feed_health(feed, T0 + timedelta(hours=2)) == "failing"
    assert feed_health(feed, T0 + DEAD_AFTER + timedelta(minutes=1)) == "dead"
    with transaction(factory) as session:
        rows = feed_health_rows(session, T0 + DEAD_AFTER + timedelta(minutes=1))
    assert [r["health"] for r in rows] == ["dead"]
    feed = record(factory, feed_id, T0 + DEAD_AFTER + timedelta(hours=2), "ok", status=200)
    assert feed_health(feed, T0 + DEAD_AFTER + timedelta(hours=3)) == "ok"


def test_status_and_feeds_list_flag_dead_feeds(cli, db_url):
    from storage.db import open_database, session_factory

    engine = open_database(db_url)
    try:
        factory = session_factory(engine)
        feed_id = add_feed(factory, "https://dead.example/feed")
        long_ago = datetime.now(UTC) - DEAD_AFTER - timedelta(days=1)
        record(factory, feed_id, long_ago, "ok", status=200)
        record(factory, feed_id, datetime.now(UTC), "failed", error="DNS lookup failed")
    finally:
        engine.dispose()
    listing = json.loads(cli("feeds", "list", "--format", "json", db=db_url).stdout)
    assert listing[0]["health"] == "dead"
    status = json.loads(cli("status", "--format", "json", db=db_url).stdout)
    assert status["feed_health"] == {"dead": 1}
    assert status["feeds"][0]["last_error"] == "DNS lookup failed"
    assert status["daemon"]["status"] == "never"
    text = cli("status", db=db_url).stdout
    assert "1 dead" in text and "never started" in text
