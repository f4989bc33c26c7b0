"""The daemon's daily maintenance job.

Marks crawl runs left ``running`` for longer than any crawl takes as interrupted, prunes skipped
URLs and finished alert history older than the configured ages, then lets the database tidy up
(SQLite: ``PRAGMA optimize`` and a WAL checkpoint; Postgres: ``ANALYZE`` of the deal tables).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError

from newsmon import defaults
from storage import maintenance
from storage.db import transaction


@dataclass(frozen=True)
class MaintenanceConfig:
    cron: str = defaults.MAINTENANCE_CRON
    stale_run_hours: float = defaults.STALE_RUN_HOURS
    prune_skips_days: float = defaults.PRUNE_SKIPS_DAYS
    prune_events_days: float = defaults.PRUNE_EVENTS_DAYS


def run_maintenance(engine, factory, config: MaintenanceConfig, now: datetime) -> str:
    """One maintenance pass; a one-line summary of what it did."""
    with transaction(factory) as session:
        stale = maintenance.interrupt_stale_runs(
            session, now - timedelta(hours=config.stale_run_hours), now)
        skips = maintenance.prune_skips(session, now - timedelta(days=config.prune_skips_days))
        deliveries, events = maintenance.prune_events(
            session, now - timedelta(days=config.prune_events_days))
    try:
        tidy = maintenance.optimize(engine)
    except SQLAlchemyError as exc:
        tidy = f"optimize failed: {type(exc).__name__}"
    return (f"{stale} stale crawl run(s) interrupted, {skips} skip(s), {deliveries} "
            f"deliver(ies) and {events} event(s) pruned; {tidy}")
