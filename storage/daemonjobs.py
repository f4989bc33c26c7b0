"""The daemon's jobs as the scheduler reports them, digest records and the deals of a digest.

Every function takes the caller's session first and never commits or closes it. A digest period
is claimed (its row inserted, unique on schedule and scheduled time) and committed before
anything is sent, so a restart or a second daemon can never send it twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import DaemonJob, Deal, DealEvent, DigestRecord
from storage.upsert import insert_for

#: A deal first reported in a digest period but announced more than this before it is old news.
ANNOUNCED_GRACE = timedelta(days=2)

# --- jobs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobReport:
    """One job as the scheduler reports it."""

    name: str
    trigger: str
    next_run_at: datetime | None


def save_jobs(session: Session, jobs: Iterable[JobReport], now: datetime) -> None:
    """Replace the job table with the daemon's current jobs (last runs of kept jobs survive)."""
    jobs = list(jobs)
    names = [j.name for j in jobs]
    session.execute(delete(DaemonJob).where(DaemonJob.name.not_in(names)))
    for job in jobs:
        values = dict(trigger=job.trigger[:200], next_run_at=job.next_run_at, updated_at=now)
        stmt = insert_for(session, DaemonJob).values(name=job.name, **values)
        session.execute(stmt.on_conflict_do_update(index_elements=["name"], set_=values))


def record_job_run(session: Session, name: str, when: datetime, outcome: str) -> None:
    session.execute(
        update(DaemonJob).where(DaemonJob.name == name)
        .values(last_run_at=when, last_outcome=outcome[:2000])
        .execution_options(synchronize_session=False)
    )


def clear_jobs(session: Session) -> None:
    """The daemon stopped: no job has a next run."""
    session.execute(update(DaemonJob).values(next_run_at=None)
                    .execution_options(synchronize_session=False))


def list_jobs(session: Session) -> Sequence[DaemonJob]:
    return session.scalars(select(DaemonJob).order_by(DaemonJob.name)).all()


# --- digests ----------------------------------------------------------------------------------


def last_digest(session: Session, schedule: str) -> DigestRecord | None:
    """The latest period of ``schedule`` (its start marker if none was sent yet)."""
    return session.scalars(
        select(DigestRecord).where(DigestRecord.schedule == schedule)
        .order_by(DigestRecord.scheduled_for.desc()).limit(1)
    ).first()


def start_schedule(session: Session, schedule: str, now: datetime) -> DigestRecord | None:
    """Mark where a new digest schedule starts (its first digest covers deals after ``now``)."""
    session.execute(
        insert_for(session, DigestRecord)
        .values(schedule=schedule, scheduled_for=now, period_start=now, status="start", deals=0)
        .on_conflict_do_nothing(index_elements=["schedule", "scheduled_for"])
    )
    return last_digest(session, schedule)


def claim_digest(
    session: Session, schedule: str, scheduled_for: datetime, period_start: datetime,
    deals: int, targets: str,
) -> int | None:
    """Insert the digest row as ``sending``; its id, or None if that period was claimed."""
    stmt = (
        insert_for(session, DigestRecord)
        .values(schedule=schedule, scheduled_for=scheduled_for, period_start=period_start,
                status="sending", deals=deals, targets=targets)
        .on_conflict_do_nothing(index_elements=["schedule", "scheduled_for"])
        .returning(DigestRecord.id)
    )
    return session.execute(stmt).scalar()


def finish_digest(session: Session, digest_id: int, status: str, now: datetime,
                  error: str | None = None) -> None:
    """``sent``, ``empty`` (nothing to send), ``failed`` or ``partial``."""
    session.execute(
        update(DigestRecord).where(DigestRecord.id == digest_id)
        .values(status=status, sent_at=now, error=error)
        .execution_options(synchronize_session=False)
    )


def latest_sent_digest(session: Session) -> DigestRecord | None:
    """The last digest that went out (or was found empty), whatever its schedule."""
    return session.scalars(
        select(DigestRecord).where(DigestRecord.status != "start")
        .order_by(DigestRecord.sent_at.desc().nulls_last(), DigestRecord.id.desc()).limit(1)
    ).first()


def digest_deals(
    session: Session, since: datetime, until: datetime, grace: timedelta = ANNOUNCED_GRACE
) -> list[tuple[Deal, datetime]]:
    """Deals announced in ``(since, until]``, with the time each was first reported as news.

    A deal is listed once: in the period where its first "new" event falls (the first article
    *about* it was stored). Deals only cited in passing (``is_context_only``) are never listed,
    and neither are deals reported now but announced long before the period (``announced_on``
    more than ``grace`` before it: a feed added today brings last month's stories, which are
    not news).
    """
    first = (
        select(DealEvent.deal_id, func.min(DealEvent.created_at).label("at"))
        .where(DealEvent.kind == "new")
        .group_by(DealEvent.deal_id)
        .subquery()
    )
    earliest = (since - grace).date()
    rows = session.execute(
        select(Deal, first.c.at).join(first, first.c.deal_id == Deal.id)
        .where(first.c.at > since, first.c.at <= until, Deal.is_context_only.is_(False),
               or_(Deal.announced_on.is_(None), Deal.announced_on >= earliest))
        .order_by(Deal.amount_usd.desc().nulls_last(), Deal.id)
    ).all()
    return [(deal, at) for deal, at in rows]
