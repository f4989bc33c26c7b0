"""Per-feed crawl leases: a feed is crawled by one process at a time.

A crawl claims its feeds before fetching them and releases them when it closes. A lease
expires (``expires_at``), and a crawl renews its leases while it runs, so a killed crawl blocks
its feeds at most until the expiry; on the same host a lease whose process is gone is free at
once. Every function takes the caller's session first and never commits or closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from storage.models import FeedLease
from storage.upsert import insert_for


def held_leases(session: Session, now: datetime) -> Sequence[FeedLease]:
    """Leases not expired at ``now``."""
    return session.scalars(select(FeedLease).where(FeedLease.expires_at > now)).all()


def claim_feeds(
    session: Session,
    feed_ids: Iterable[int],
    *,
    owner: str,
    host: str,
    pid: int,
    now: datetime,
    ttl: timedelta,
    dead: Callable[[FeedLease], bool] = lambda lease: False,
) -> tuple[list[int], list[FeedLease]]:
    """Claim each feed unless another live owner holds it; ``(claimed ids, leases held)``.

    ``dead(lease)`` tells a lease whose process is known to be gone (same host, no such pid).
    """
    claimed: list[int] = []
    refused: list[FeedLease] = []
    for feed_id in dict.fromkeys(feed_ids):
        current = _lease(session, feed_id)
        free = [FeedLease.expires_at <= now, FeedLease.owner == owner]
        if current is not None and dead(current):
            free.append(FeedLease.owner == current.owner)
        session.execute(
            insert_for(session, FeedLease)
            .values(feed_id=feed_id, owner=owner, host=host, pid=pid, acquired_at=now,
                    expires_at=now + ttl)
            .on_conflict_do_nothing(index_elements=["feed_id"])
        )
        taken = session.execute(
            update(FeedLease)
            .where(FeedLease.feed_id == feed_id, or_(*free))
            .values(owner=owner, host=host, pid=pid, acquired_at=now, expires_at=now + ttl)
            .execution_options(synchronize_session=False)
        ).rowcount
        holder = _lease(session, feed_id)
        if holder is None:  # the feed was removed meanwhile
            continue
        if taken or holder.owner == owner:
            claimed.append(feed_id)
        else:
            refused.append(holder)
    return claimed, refused


def _lease(session: Session, feed_id: int) -> FeedLease | None:
    return session.scalars(
        select(FeedLease).where(FeedLease.feed_id == feed_id)
        .execution_options(populate_existing=True)
    ).first()


def renew(session: Session, owner: str, now: datetime, ttl: timedelta) -> int:
    """Push back the expiry of every lease ``owner`` holds; how many it holds."""
    return session.execute(
        update(FeedLease).where(FeedLease.owner == owner).values(expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    ).rowcount or 0


def release(session: Session, owner: str, feed_ids: Iterable[int] | None = None) -> int:
    stmt = delete(FeedLease).where(FeedLease.owner == owner)
    if feed_ids is not None:
        stmt = stmt.where(FeedLease.feed_id.in_(list(feed_ids)))
    return session.execute(stmt.execution_options(synchronize_session=False)).rowcount or 0
