"""The daemon's daily maintenance: stale crawl runs, old skips and old alert history, statistics.

Every function takes the caller's session first and never commits or closes it; the
dialect-specific upkeep (SQLite's ``PRAGMA optimize`` and WAL checkpoint, Postgres ``ANALYZE``)
runs on a connection of its own because it cannot run inside a transaction on every backend.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, func, inspect, select, text, update
from sqlalchemy.orm import Session

from storage.models import CrawlRun, DealEvent, EventDelivery, SkippedUrl

#: Delivery states that will never change again.
FINAL_DELIVERIES = ("delivered", "skipped", "failed", "uncertain")


def interrupt_stale_runs(session: Session, started_before: datetime, now: datetime) -> int:
    """Crawl runs still ``running`` that started before ``started_before``: interrupted."""
    return session.execute(
        update(CrawlRun)
        .where(CrawlRun.status == "running", CrawlRun.started_at < started_before)
        .values(status="interrupted", finish_reason="stale", finished_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount or 0


def prune_skips(session: Session, before: datetime) -> int:
    return session.execute(
        delete(SkippedUrl).where(SkippedUrl.recorded_at < before)
        .execution_options(synchronize_session=False)
    ).rowcount or 0


def prune_events(session: Session, before: datetime) -> tuple[int, int]:
    """Deliveries in a final state older than ``before``, then events older than ``before``
    with no delivery left; ``(deliveries, events)`` deleted.

    The newest event is always kept: SQLite may reuse the highest id once deleted, and an id
    below a webhook's baseline would never be sent.
    """
    deliveries = session.execute(
        delete(EventDelivery)
        .where(EventDelivery.status.in_(FINAL_DELIVERIES),
               EventDelivery.event_id.in_(select(DealEvent.id)
                                          .where(DealEvent.created_at < before)))
        .execution_options(synchronize_session=False)
    ).rowcount or 0
    newest = session.scalar(select(func.max(DealEvent.id))) or 0
    pending = select(EventDelivery.event_id)
    events = session.execute(
        delete(DealEvent)
        .where(DealEvent.created_at < before, DealEvent.id < newest,
               DealEvent.id.not_in(pending))
        .execution_options(synchronize_session=False)
    ).rowcount or 0
    return deliveries, events


def optimize(engine: Engine) -> str:
    """SQLite: ``PRAGMA optimize`` and a WAL checkpoint; Postgres: ``ANALYZE`` the deal tables."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA optimize")
            busy, log, done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            conn.commit()
        return f"PRAGMA optimize; wal_checkpoint: {done}/{log} frames" + (" (busy)" if busy else "")
    tables = [t for t in inspect(engine).get_table_names()
              if t.startswith("deal") or t == "organizations"]
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in sorted(tables):
            conn.execute(text(f'ANALYZE "{table}"'))
    return "ANALYZE " + ", ".join(sorted(tables))
