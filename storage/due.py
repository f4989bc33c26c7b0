"""When a feed is due, and how long anything that failed waits: the one home of both rules.

Pure arithmetic on a feed's stored fields (no clock, no database, no randomness): ``newsmon
crawl`` (through ``repo.due_feeds``), the daemon's planner (``newsmon.schedule.plan``) and
``newsmon status`` all call :func:`due_at`; the crawl's feed backoff (``repo.record_feed_result``),
webhook and digest retries, the daemon's database retries and the crawl's request and storage
retries all call :func:`backoff_seconds`. It lives in ``storage`` because everything that needs it
may import ``storage`` (``crawler``, ``newsmon``) and ``storage`` itself needs it.

- **Phase (jitter)**: a healthy feed is due on its own grid ``phase + k * interval`` where
  ``phase`` comes from a hash of its URL, so feeds of one site with the same interval keep apart
  for ever instead of firing together. A due time moves to the nearest grid point by at most
  ``jitter_fraction * interval``, so the grid is reached within a few cycles and the period stays
  within that fraction of the interval.
- **Failing feeds** keep the backoff time the crawl stored (it may honour a ``Retry-After``).
- **Never fetched** feeds are spread over ``min(interval, initial_spread)`` after they were added,
  or after the daemon started, whichever is later (the daemon: no burst at start-up; a crawl run
  by hand uses ``CRAWL_POLICY``, with no spread: a feed just added is due at once).
- **Coalescing**: a feed due long ago is due once, now.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsmon import defaults

FEED_BACKOFF_CAP = defaults.FEED_BACKOFF_CAP


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
    #: New entries a stopped crawl left unsettled: the feed is due again at once.
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


#: ``newsmon crawl``: the daemon's rules, without the start-up spread of never-fetched feeds.
CRAWL_POLICY = Policy(initial_spread=0)


def backoff_seconds(base: float, exponent: int, cap: float) -> float:
    """The one backoff rule: ``base * 2 ** exponent``, capped (exponent clamped to [0, 32])."""
    return min(cap, base * 2 ** max(0, min(exponent, 32)))


def feed_backoff(interval_seconds: int, failures: int, retry_after: float | None = None,
                 cap: int = FEED_BACKOFF_CAP) -> int:
    """Seconds a feed waits after its ``failures``-th failure in a row: ``interval * 2^failures``
    capped at ``cap``, or the server's ``Retry-After`` when that is longer."""
    delay = int(backoff_seconds(interval_seconds, failures, cap))
    return max(delay, int(retry_after)) if retry_after else delay


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
    if feed.missing_entries:  # a stopped crawl left entries unsettled: due again at once
        return feed.next_due_at or feed.last_fetched_at
    if feed.consecutive_failures:
        return max(feed.next_due_at or floor, floor)
    nominal = feed.next_due_at or feed.last_fetched_at + timedelta(seconds=interval)
    return max(snap_to_phase(max(nominal, floor), feed, policy), floor)


def is_due(feed: FeedClock, now: datetime, policy: Policy = CRAWL_POLICY,
           started_at: datetime | None = None) -> bool:
    return feed.active and due_at(feed, policy, started_at) <= now
