"""Deal events for the Atom feed, filtered like ``newsmon deals``.

Every function takes the caller's session and never commits or closes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Deal, DealEvent


def feed_events(
    session: Session,
    *,
    since: datetime | None = None,
    min_usd: float | None = None,
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    company: str | None = None,
    ai_only: bool = False,
    limit: int | None = 100,
) -> list[tuple[DealEvent, Deal]]:
    """Deal events (new deal, status change) with their deals, newest first."""
    stmt = (select(DealEvent, Deal).join(Deal, Deal.id == DealEvent.deal_id)
            .order_by(DealEvent.created_at.desc(), DealEvent.id.desc()))
    if since is not None:
        stmt = stmt.where(DealEvent.created_at >= since)
    if min_usd is not None:
        stmt = stmt.where(Deal.amount_usd >= min_usd)
    if types:
        stmt = stmt.where(Deal.deal_type.in_(list(types)))
    if statuses:
        stmt = stmt.where(Deal.status.in_(list(statuses)))
    if ai_only:
        stmt = stmt.where(Deal.ai_related.is_(True))
    if company:
        pattern = f"%{company.lower()}%"
        stmt = stmt.where(
            func.lower(Deal.target).like(pattern) | func.lower(Deal.buyers).like(pattern)
        )
    if limit:
        stmt = stmt.limit(limit)
    return [(e, d) for e, d in session.execute(stmt).all()]
