"""The daemon's lease and heartbeat, deal events and their per-webhook deliveries.

Every function takes the caller's session first and never commits or closes it.
Delivery is at most once per (event, webhook): a ``event_deliveries`` row is claimed (inserted,
or moved from ``retry`` to ``sending`` by a conditional update) and committed before sending.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import (
    Article,
    CrawlRun,
    DaemonState,
    Deal,
    DealEvent,
    EventDelivery,
    Webhook,
)
from storage.upsert import insert_for, rowcount

#: The name of the single daemon that may schedule crawls of one database.
DAEMON = "default"

# --- daemon lease and heartbeat ----------------------------------------------------------------


def daemon_state(session: Session, name: str = DAEMON) -> DaemonState | None:
    return session.get(DaemonState, name)


def acquire_lease(
    session: Session,
    *,
    owner: str,
    host: str,
    pid: int,
    now: datetime,
    stale_before: datetime,
    takeover_from: str | None = None,
    name: str = DAEMON,
) -> bool:
    """Become the running daemon unless another one holds a fresh lease; True on success.

    The lease is free when the last holder stopped, its heartbeat is older than
    ``stale_before``, or it is ``takeover_from`` (a holder known to be dead).
    """
    session.execute(
        insert_for(session, DaemonState)
        .values(name=name, state="stopped", stopped_at=now, cycles=0, current_feeds=0)
        .on_conflict_do_nothing(index_elements=["name"])
    )
    free = [DaemonState.stopped_at.is_not(None), DaemonState.heartbeat_at.is_(None),
            DaemonState.heartbeat_at < stale_before, DaemonState.owner == owner]
    if takeover_from:
        free.append(DaemonState.owner == takeover_from)
    result = session.execute(
        update(DaemonState)
        .where(DaemonState.name == name, or_(*free))
        .values(owner=owner, host=host, pid=pid, state="idle", started_at=now, heartbeat_at=now,
                stopped_at=None, next_run_at=None, current_feeds=0)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


def heartbeat(session: Session, owner: str, now: datetime, name: str = DAEMON, **values) -> bool:
    """Refresh the lease (and any of state, next_run_at, cycles, ...); False if it was lost."""
    result = session.execute(
        update(DaemonState)
        .where(DaemonState.name == name, DaemonState.owner == owner,
               DaemonState.stopped_at.is_(None))
        .values(heartbeat_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


def release_lease(session: Session, owner: str, now: datetime, name: str = DAEMON) -> None:
    session.execute(
        update(DaemonState)
        .where(DaemonState.name == name, DaemonState.owner == owner)
        .values(state="stopped", stopped_at=now, heartbeat_at=now, current_feeds=0,
                next_run_at=None)
        .execution_options(synchronize_session=False)
    )


def interrupt_runs(session: Session, started_since: datetime, now: datetime) -> int:
    """Crawl runs left ``running`` by a crawl process that was killed: mark them interrupted."""
    result = session.execute(
        update(CrawlRun)
        .where(CrawlRun.status == "running", CrawlRun.started_at >= started_since)
        .values(status="interrupted", finish_reason="killed", finished_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


# --- deal events ---------------------------------------------------------------------------


def max_event_id(session: Session) -> int:
    return session.scalar(select(func.max(DealEvent.id))) or 0


def events_after(session: Session, after_id: int, limit: int = 100) -> list[tuple[DealEvent, Deal]]:
    """Events newer than ``after_id`` with their deals, oldest first."""
    rows = session.execute(
        select(DealEvent, Deal)
        .join(Deal, Deal.id == DealEvent.deal_id)
        .where(DealEvent.id > after_id)
        .order_by(DealEvent.id)
        .limit(limit)
    ).all()
    return [(e, d) for e, d in rows]


def activity_since(session: Session, since: datetime) -> dict[str, int]:
    """Articles fetched, deals seen and deal events since ``since``."""
    def count(stmt) -> int:
        return int(session.scalar(stmt) or 0)

    return {
        "articles": count(select(func.count()).where(Article.fetched_at >= since)),
        "deals_seen": count(select(func.count()).where(Deal.updated_at >= since)),
        "new_deals": count(select(func.count()).where(DealEvent.created_at >= since,
                                                      DealEvent.kind == "new")),
        "status_changes": count(select(func.count()).where(DealEvent.created_at >= since,
                                                           DealEvent.kind == "status")),
    }


# --- webhooks and deliveries ------------------------------------------------------------------


def register_webhook(session: Session, url: str, now: datetime) -> Webhook:
    """The webhook for ``url``; a new one starts after the newest event that exists now."""
    session.execute(
        insert_for(session, Webhook)
        .values(url=url, registered_at=now, baseline_event_id=max_event_id(session))
        .on_conflict_do_nothing(index_elements=["url"])
    )
    return session.scalars(select(Webhook).where(Webhook.url == url)).one()


def list_webhooks(session: Session) -> Sequence[Webhook]:
    return session.scalars(select(Webhook).order_by(Webhook.id)).all()


def unclaimed_events(
    session: Session, webhook: Webhook, limit: int = 50
) -> list[tuple[DealEvent, Deal]]:
    """Events after the webhook's baseline that no delivery row claims yet, oldest first."""
    claimed = exists().where(
        and_(EventDelivery.event_id == DealEvent.id, EventDelivery.webhook == webhook.url)
    )
    rows = session.execute(
        select(DealEvent, Deal)
        .join(Deal, Deal.id == DealEvent.deal_id)
        .where(DealEvent.id > webhook.baseline_event_id, ~claimed)
        .order_by(DealEvent.id)
        .limit(limit)
    ).all()
    return [(e, d) for e, d in rows]


def claim_event(
    session: Session, event_id: int, webhook: str, status: str, now: datetime
) -> int | None:
    """Insert the delivery row for (event, webhook); its id, or None if it was claimed already."""
    stmt = (
        insert_for(session, EventDelivery)
        .values(event_id=event_id, webhook=webhook, status=status, attempts=0,
                next_attempt_at=None, delivered_at=now if status == "skipped" else None)
        .on_conflict_do_nothing(index_elements=["event_id", "webhook"])
        .returning(EventDelivery.id)
    )
    return session.execute(stmt).scalar()


def retries_due(
    session: Session, webhook: str, now: datetime, limit: int = 50
) -> list[tuple[EventDelivery, DealEvent, Deal]]:
    rows = session.execute(
        select(EventDelivery, DealEvent, Deal)
        .join(DealEvent, DealEvent.id == EventDelivery.event_id)
        .join(Deal, Deal.id == DealEvent.deal_id)
        .where(EventDelivery.webhook == webhook, EventDelivery.status == "retry",
               EventDelivery.next_attempt_at <= now)
        .order_by(EventDelivery.next_attempt_at, EventDelivery.id)
        .limit(limit)
    ).all()
    return [(d, e, deal) for d, e, deal in rows]


def reclaim_retry(session: Session, delivery_id: int) -> bool:
    """Move a ``retry`` row to ``sending``; False if another sender got it first."""
    result = session.execute(
        update(EventDelivery)
        .where(EventDelivery.id == delivery_id, EventDelivery.status == "retry")
        .values(status="sending")
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


def finish_delivery(
    session: Session,
    delivery_id: int,
    status: str,
    now: datetime,
    error: str | None = None,
    retry_in: timedelta | None = None,
) -> None:
    """Record an attempt: ``delivered``, ``retry`` (after ``retry_in``), ``failed`` or
    ``uncertain``."""
    session.execute(
        update(EventDelivery)
        .where(EventDelivery.id == delivery_id)
        .values(
            status=status,
            attempts=EventDelivery.attempts + 1,
            last_error=error,
            next_attempt_at=now + retry_in if retry_in is not None else None,
            delivered_at=now if status == "delivered" else None,
        )
        .execution_options(synchronize_session=False)
    )


def abandon_in_flight(session: Session, webhook: str) -> int:
    """Deliveries left ``sending`` by a stopped daemon may have arrived: never resend them."""
    result = session.execute(
        update(EventDelivery)
        .where(EventDelivery.webhook == webhook, EventDelivery.status == "sending")
        .values(status="uncertain", last_error="interrupted while sending")
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


def delivery_counts(session: Session) -> dict[tuple[str, str], int]:
    """``{(webhook, status): count}``."""
    rows = session.execute(
        select(EventDelivery.webhook, EventDelivery.status, func.count())
        .group_by(EventDelivery.webhook, EventDelivery.status)
    ).all()
    return {(w, s): int(n) for w, s, n in rows}
