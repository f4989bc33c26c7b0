"""Which feeds go into the daemon's next crawl run.

Pure functions of (feeds, now): no clock, no database, no randomness, so they are tested by
moving time. When each feed is due (phase, backoff, start-up spread, minimum interval,
coalescing) is ``storage.due.due_at``, the one rule ``newsmon crawl`` and ``newsmon status`` use
too; this module adds the batching:

- **Batching**: when a feed is due, every feed due within ``batch_window`` joins its run (up to
  ``max_batch``, most overdue first), so Scrapy's per-domain politeness applies across them.
- Feeds in a running crawl are never planned again until it ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.due import (  # noqa: F401  (the daemon's schedule API)
    CRAWL_POLICY,
    FeedClock,
    Policy,
    backoff_seconds,
    due_at,
    effective_interval,
    feed_fraction,
    snap_to_phase,
)

#: The daemon's defaults (``newsmon status`` shows due times by them).
DAEMON_POLICY = Policy()


@dataclass(frozen=True)
class Plan:
    """Feeds to crawl now (ids, most overdue first) and when to look again."""

    batch: tuple[int, ...]
    next_due_at: datetime | None


def plan(
    feeds: Iterable[FeedClock],
    now: datetime,
    policy: Policy = DAEMON_POLICY,
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
