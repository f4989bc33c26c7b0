"""One rule for when a feed is due and one for backoff: crawl, daemon and status agree.

Before, ``repo.due_feeds`` (``newsmon crawl``) compared the raw ``next_due_at`` with the time,
while the daemon's planner moved it onto the feed's phase grid and applied the minimum interval,
and ``status`` showed a third answer: a feed could be due for a hand-run crawl and not for the
daemon, and the other way round.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsmon.commands_daemon import collect_status
from newsmon.schedule import DAEMON_POLICY, FeedClock, Policy, plan
from storage import due, repo
from storage.db import transaction
from storage.models import Feed

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
EVERY_DUE_FEED = Policy(batch_window=0, max_batch=10_000)


def add(factory, url, interval, fetched_at=None, failures=0, next_due=None) -> int:
    with transaction(factory) as session:
        feed_id, _ = repo.upsert_feed(session, url=url, name=url, language="en",
                                      interval_seconds=interval, active=True,
                                      now=T0 - timedelta(days=30))
        feed = session.get(Feed, feed_id)
        feed.last_fetched_at = fetched_at
        feed.consecutive_failures = failures
        feed.next_due_at = next_due or (fetched_at + timedelta(seconds=interval)
                                        if fetched_at else None)
    return feed_id


def test_a_feed_off_its_phase_is_due_at_the_same_moment_for_crawl_and_daemon(factory):
    interval = 3600
    url = next(f"https://late{i}.example/feed" for i in range(100)
               if 0.2 < due.feed_fraction(f"https://late{i}.example/feed") < 0.3)
    fetched = datetime.fromtimestamp((T0.timestamp() // interval) * interval, UTC)
    feed_id = add(factory, url, interval, fetched)  # next_due_at = on the hour, phase later
    with transaction(factory) as session:
        stored = session.get(Feed, feed_id).next_due_at
        clock = FeedClock.from_feed(session.get(Feed, feed_id))
        daemon_time = due.due_at(clock, DAEMON_POLICY)
        assert daemon_time > stored  # the phase grid moves it later (by up to 10 %)
        # At the stored time: the old crawl rule said "due", the daemon "not yet".
        assert repo.due_feeds(session, stored) == []
        assert plan([clock], stored, EVERY_DUE_FEED).batch == ()
        assert [f.id for f in repo.due_feeds(session, daemon_time)] == [feed_id]
        assert plan([clock], daemon_time, EVERY_DUE_FEED).batch == (feed_id,)
        status = collect_status(session, stored)
        assert status["feeds"][0]["next_due_at"] == daemon_time


def test_crawl_daemon_and_status_agree_at_every_moment(factory):
    ids = [
        add(factory, "https://a.example/feed", 600, T0 - timedelta(seconds=550)),
        add(factory, "https://b.example/feed", 900, T0 - timedelta(seconds=100)),
        add(factory, "https://c.example/feed", 30, T0),  # below the 60 s minimum interval
        add(factory, "https://d.example/feed", 3600, T0 - timedelta(minutes=5), failures=2,
            next_due=T0 + timedelta(hours=4)),  # backing off
        add(factory, "https://e.example/feed", 1800, T0 - timedelta(days=2)),  # long overdue
    ]
    with transaction(factory) as session:
        clocks = [FeedClock.from_feed(f) for f in repo.list_feeds(session, True)]
        shown = {f["id"]: f["next_due_at"] for f in collect_status(session, T0)["feeds"]}
        for step in range(0, 5 * 3600, 37):
            now = T0 + timedelta(seconds=step)
            crawl = {f.id for f in repo.due_feeds(session, now)}
            daemon = set(plan(clocks, now, EVERY_DUE_FEED).batch)
            status = {feed_id for feed_id, when in shown.items() if when <= now}
            assert crawl == daemon == status, (now, crawl, daemon, status)
    assert {i for i in ids} == set(shown)


def test_feed_backoff_is_one_function_used_by_the_crawl(factory):
    feed_id = add(factory, "https://f.example/feed", 600, T0)
    expected = [due.feed_backoff(600, n) for n in range(1, 9)]
    assert expected == [1200, 2400, 4800, 9600, 19200, 38400, 76800, 86400]
    assert due.feed_backoff(600, 1, retry_after=7200) == 7200
    for n in range(1, 9):
        with transaction(factory) as session:
            repo.record_feed_result(session, repo.FeedResult(feed_id, T0, "failed", error="x"))
            assert session.get(Feed, feed_id).next_due_at == T0 + timedelta(
                seconds=expected[n - 1])
    assert due.backoff_seconds(30, 0, 3600) == 30 and due.backoff_seconds(30, 99, 3600) == 3600
