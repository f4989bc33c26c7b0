"""Deal events and amount reports for the Atom feed, filtered like ``newsmon deals``.

Every function takes the caller's session and never commits or closes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.deals import deal_filters
from storage.models import Article, Deal, DealEvent, StoredMention


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
            .where(*deal_filters(min_usd, types, statuses, company, ai_only))
            .order_by(DealEvent.created_at.desc(), DealEvent.id.desc()))
    if since is not None:
        stmt = stmt.where(DealEvent.created_at >= since)
    if limit:
        stmt = stmt.limit(limit)
    return [(e, d) for e, d in session.execute(stmt).all()]


def amount_reports(
    session: Session,
    *,
    min_usd: float | None = None,
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    company: str | None = None,
    ai_only: bool = False,
    **_ignored,
) -> list[tuple[Deal, list[tuple]]]:
    """Deals reported by two articles about them or more, each with the reports
    ``(amount, currency, amount_usd, fetched_at)`` of those articles in publication order."""
    several = (select(StoredMention.deal_id).where(StoredMention.is_primary.is_(True))
               .group_by(StoredMention.deal_id).having(func.count() >= 2))
    deals = session.scalars(
        select(Deal).where(Deal.id.in_(several),
                           *deal_filters(min_usd, types, statuses, company, ai_only))
    ).all()
    reports: dict[int, list[tuple]] = {d.id: [] for d in deals}
    ids = list(reports)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(StoredMention.deal_id, StoredMention.amount, StoredMention.currency,
                   StoredMention.amount_usd, Article.fetched_at)
            .join(Article, Article.id == StoredMention.article_id)
            .where(StoredMention.deal_id.in_(ids[start:start + 500]),
                   StoredMention.is_primary.is_(True))
            .order_by(StoredMention.deal_id, StoredMention.seen_at, StoredMention.id)
        ).all()
        for deal_id, *report in rows:
            reports[deal_id].append(tuple(report))
    return [(d, reports[d.id]) for d in deals]
