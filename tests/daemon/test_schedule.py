"""Schedule logic as arithmetic: time is moved, never slept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmon.schedule import FeedClock, Policy, due_at, feed_fraction, plan, snap_to_phase

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
POLICY = Policy(min_interval=60, jitter_fraction=0.1, initial_spread=300, batch_window=30,
                max_batch=200)


def s(seconds: float) -> timedelta:
    return timedelta(seconds=seconds)


def fetched(feed_id: int, url: str, interval: int, at: datetime, failures: int = 0,
            next_due: datetime | None = None) -> FeedClock:
    return FeedClock(id=feed_id, url=url, interval_seconds=interval, last_fetched_at=at,
                     next_due_at=next_due or at + s(interval), consecutive_failures=failures,
                     created_at=T0 - s(86400))


def test_fraction_is_stable_and_spread():
    assert feed_fraction("https://a.example/feed") == feed_fraction("https://a.example/feed")
    values = [feed_fraction(f"https://site.example/feed/{i}") for i in range(200)]
    assert all(0 <= v < 1 for v in values)
    assert min(values) < 0.05 and max(values) > 0.95  # not all in one corner
    assert len({round(v, 6) for v in values}) == 200


def test_feeds_of_one_site_fetched_together_are_not_due_together():
    feeds = [fetched(i, f"https://news.example/feeds/{i}.xml", 3600, T0) for i in range(10)]
    times = sorted(due_at(f, POLICY) for f in feeds)
    assert times[-1] - times[0] > s(300)  # spread over the ±10 % window, not one instant
    assert all(T0 + s(3240) <= t <= T0 + s(3960) for t in times)


def test_phase_converges_and_period_stays_the_interval():
    """Run a feed for a day of moved time: each period within 10 %, then exactly the grid."""
    feed = fetched(1, "https://news.example/feed", 900, T0)
    now, times = T0, []
    for _ in range(96):
        when = due_at(feed, POLICY)
        assert s(810) <= when - now <= s(990)
        now = when + s(2)  # the crawl takes two seconds
        times.append(when)
        feed = fetched(1, feed.url, 900, now)
    steady = [b - a for a, b in zip(times[-10:], times[-9:], strict=False)]
    assert all(gap == s(900) for gap in steady)
    phase = feed_fraction(feed.url) * 900
    assert (times[-1].timestamp() - phase) % 900 == pytest.approx(0, abs=1e-3)


def test_coalescing_a_long_outage_gives_one_run_now():
    feed = fetched(1, "https://news.example/feed", 600, T0 - s(86400))
    now = T0
    first = plan([feed], now, POLICY)
    assert first.batch == (1,)
    after = fetched(1, feed.url, 600, now + s(3))
    second = plan([after], now + s(5), POLICY)
    assert second.batch == () and second.next_due_at > now + s(500)


def test_future_feeds_wait_and_the_plan_says_until_when():
    soon = fetched(1, "https://a.example/feed", 600, T0)
    later = fetched(2, "https://b.example/feed", 3600, T0)
    result = plan([soon, later], T0 + s(100), POLICY)
    assert result.batch == ()
    assert result.next_due_at == due_at(soon, POLICY)


def test_never_fetched_feeds_are_spread_after_start_not_burst():
    started = T0
    feeds = [FeedClock(id=i, url=f"https://x{i}.example/feed", interval_seconds=3600,
                       created_at=T0 - s(86400 * 30)) for i in range(50)]
    times = [due_at(f, POLICY, started_at=started) for f in feeds]
    assert all(started <= t < started + s(300) for t in times)
    assert len(plan(feeds, started, POLICY, started_at=started).batch) < 10
    assert len(plan(feeds, started + s(300), POLICY, started_at=started).batch) == 50


def test_a_feed_added_while_running_starts_within_the_spread():
    added = T0 + s(1000)
    feed = FeedClock(id=1, url="https://new.example/feed", interval_seconds=120, created_at=added)
    when = due_at(feed, POLICY, started_at=T0)
    assert added <= when < added + s(120)


def test_batching_takes_feeds_due_within_the_window_most_overdue_first():
    a = fetched(1, "https://a.example/feed", 600, T0 - s(700))  # due around T0 - 100 s
    b = fetched(2, "https://b.example/feed", 600, T0 - s(500))  # due around T0 + 100 s
    c = fetched(3, "https://c.example/feed", 600, T0 - s(100))  # due around T0 + 500 s
    due_a, due_b, due_c = (due_at(f, POLICY) for f in (a, b, c))
    assert due_a < due_b < due_c
    window = Policy(batch_window=(due_b - due_a).total_seconds() + 1)
    result = plan([c, b, a], due_a, window)
    assert result.batch == (1, 2)
    assert result.next_due_at == due_c
    narrow = plan([c, b, a], due_a, Policy(batch_window=0))
    assert narrow.batch == (1,) and narrow.next_due_at == due_b
    assert plan([c, b, a], due_b + s(1), Policy(max_batch=1)).batch == (1,)


def test_running_feeds_are_never_planned_twice():
    a = fetched(1, "https://a.example/feed", 600, T0 - s(7200))
    b = fetched(2, "https://b.example/feed", 600, T0 - s(7200))
    assert plan([a, b], T0, POLICY, running={1}).batch == (2,)
    assert plan([a, b], T0, POLICY, running={1, 2}) == plan([], T0, POLICY)


def test_inactive_feeds_are_skipped():
    feed = fetched(1, "https://a.example/feed", 600, T0 - s(7200))
    inactive = FeedClock(**{**feed.__dict__, "active": False})
    assert plan([inactive], T0, POLICY).batch == ()


def test_failing_feed_keeps_its_backoff_time_exactly():
    backoff_until = T0 + s(7200)
    feed = fetched(1, "https://a.example/feed", 3600, T0, failures=1, next_due=backoff_until)
    assert due_at(feed, POLICY) == backoff_until


def test_minimum_interval_is_enforced_for_short_intervals():
    feed = fetched(1, "https://a.example/feed", 5, T0)
    assert due_at(feed, POLICY) >= T0 + s(60)
    fast = Policy(min_interval=1, jitter_fraction=0.1)
    assert T0 + s(4) <= due_at(feed, fast) <= T0 + s(6)


@given(
    interval=st.integers(min_value=60, max_value=7 * 86400),
    offset=st.floats(min_value=-1e7, max_value=1e7, allow_nan=False),
    url=st.text(min_size=1, max_size=40),
)
def test_snap_moves_at_most_the_jitter_fraction(interval, offset, url):
    feed = FeedClock(id=1, url=url, interval_seconds=interval)
    when = T0 + s(offset)
    snapped = snap_to_phase(when, feed, POLICY)
    assert abs((snapped - when).total_seconds()) <= 0.1 * interval + 1e-6
