"""When each feed is due and which feeds go into the next crawl run.

Pure functions of (feeds, now): no clock, no database, no randomness, so they are tested by
moving time. The database keeps ``next_due_at`` (written by the crawl: interval after a success,
capped exponential backoff after a failure); this module only adds the per-feed phase, the
start-up spread for feeds never fetched, the minimum interval and the batching.

- **Phase (jitter)**: a healthy feed is due on its own grid ``phase + k * interval`` where
  ``phase`` comes from a hash of its URL, so feeds of one site with the same interval keep apart
  for ever instead of firing together. A due time moves to the nearest grid point by at most
  ``jitter_fraction * interval``, so the grid is reached within a few cycles and the period stays
  within that fraction of the interval.
- **Failing feeds** keep the backoff time the crawl stored (it may honour a ``Retry-After``);
  so do **incomplete** ones (the crawl stopped before all their new entries were settled):
  they are due at once, after the minimum interval.
- **Never fetched** feeds are spread over ``min(interval, initial_spread)`` after they were added,
  or after the daemon started, whichever is later: no burst at start-up.
- **Coalescing**: a feed due long ago (the daemon was stopped) is due once, now.
- **Batching**: when a feed is due, every feed due within ``batch_window`` joins its run (up to
  ``max_batch``, most overdue first), so Scrapy's per-domain politeness applies across them.
- Feeds in a running crawl are never planned again until it ends.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class FeedClock:
    """What scheduling needs to know about one feed, copied out of its database row."""

    id: int
    url: str
    interval_seconds: int
    next_due_at: datetime | None = None
    last_fetched_at: datetime | None = None
    consecutive_failures: int = 0
    created_at: datetime | None = None
    active: bool = True
    missing_entries: int = 0

    @classmethod
    def from_feed(cls, feed) -> FeedClock:
        return cls(
            id=feed.id, url=feed.url, interval_seconds=feed.interval_seconds,
            next_due_at=feed.next_due_at, last_fetched_at=feed.last_fetched_at,
            consecutive_failures=feed.consecutive_failures or 0, created_at=feed.created_at,
            active=bool(feed.active), missing_entries=getattr(feed, "missing_entries", 0) or 0,
        )


@dataclass(frozen=True)
class Policy:
    """The daemon's scheduling knobs (seconds)."""

    min_interval: int = 60
    jitter_fraction: float = 0.1
    initial_spread: int = 300
    batch_window: float = 30.0
    max_batch: int = 200


@dataclass(frozen=True)
class Plan:
    """Feeds to crawl now (ids, most overdue first) and when to look again."""

    batch: tuple[int, ...]
    next_due_at: datetime | None


def feed_fraction(url: str) -> float:
    """A stable number in [0, 1) for a feed, the same in every process and on every run."""
    digest = hashlib.sha256(url.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def effective_interval(feed: FeedClock, policy: Policy) -> int:
    return max(int(feed.interval_seconds or 0), policy.min_interval, 1)


def snap_to_phase(when: datetime, feed: FeedClock, policy: Policy) -> datetime:
    """``when`` moved towards the feed's nearest grid point, by at most the jitter fraction."""
    interval = effective_interval(feed, policy)
    phase = feed_fraction(feed.url) * interval
    offset = (when.timestamp() - phase) % interval  # seconds since the last grid point
    shift = -offset if offset <= interval / 2 else interval - offset
    limit = policy.jitter_fraction * interval
    return when + timedelta(seconds=max(-limit, min(limit, shift)))


def due_at(feed: FeedClock, policy: Policy, started_at: datetime | None = None) -> datetime:
    """When ``feed`` should next be crawled (may be in the past: then it is due now)."""
    interval = effective_interval(feed, policy)
    if feed.last_fetched_at is None:
        anchor = feed.next_due_at or feed.created_at or started_at
        if anchor is None:
            raise ValueError(f"feed {feed.id} has no creation or due time")
        if started_at is not None and anchor < started_at:
            anchor = started_at
        spread = min(interval, policy.initial_spread)
        return anchor + timedelta(seconds=feed_fraction(feed.url) * spread)
    floor = feed.last_fetched_at + timedelta(seconds=policy.min_interval)
    if feed.consecutive_failures or feed.missing_entries:
        return max(feed.next_due_at or floor, floor)
    nominal = feed.next_due_at or feed.last_fetched_at + timedelta(seconds=interval)
    return max(snap_to_phase(max(nominal, floor), feed, policy), floor)


def plan(
    feeds: Iterable[FeedClock],
    now: datetime,
    policy: Policy = Policy(),
    running: Set[int] = frozenset(),
    started_at: datetime | None = None,
) -> Plan:
    """The next crawl run: due feeds plus those due within the batch window."""
    timed = sorted(
        (due_at(f, policy, started_at), f.id)
        for f in feeds
        if f.active and f.id not in running
    )
    if not timed or timed[0][0] > now:
        return Plan((), timed[0][0] if timed else None)
    horizon = now + timedelta(seconds=policy.batch_window)
    batch = [feed_id for when, feed_id in timed if when <= horizon][: policy.max_batch]
    chosen = set(batch)
    rest = [when for when, feed_id in timed if feed_id not in chosen]
    return Plan(tuple(batch), rest[0] if rest else None)
