"""Re-run enrichment over stored articles and rebuild mentions and deals idempotently."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from enrich.model import Analysis
from pages.process import analyze_article
from storage.db import transaction
from storage.models import Article
from storage.organizations import known_organizations
from storage.restore import deals_of, newest_deal_id, restore_analyses

BATCH = 200


@dataclass(frozen=True)
class ReenrichResult:
    articles: int
    mentions: int
    deals: int
    removed: int


def reenrich_articles(factory, since: datetime | None = None,
                      fetched_since: datetime | None = None,
                      analyze: Callable[[Article, tuple], Analysis] = analyze_article,
                      batch: int = BATCH) -> ReenrichResult:
    """Oldest first, one batch per transaction; each batch's reports replace its articles'
    at once (:func:`storage.restore.restore_analyses`), so deals keep their ids and events.

    ``since`` is the publication date, ``fetched_since`` the fetch date. The known
    organizations are read once, before the first batch. ``analyze(article, known)`` is the
    enrichment to run (the pages pipeline's); ``batch`` articles go in each transaction.
    """
    with transaction(factory) as session:
        stmt = select(Article.id).order_by(
            Article.published_at.nulls_first(), Article.fetched_at, Article.id
        )
        if since is not None:
            stmt = stmt.where(Article.published_at >= since)
        if fetched_since is not None:
            stmt = stmt.where(Article.fetched_at >= fetched_since)
        ids = list(session.scalars(stmt))
        known = tuple(known_organizations(session))
        newest = newest_deal_id(session)
    mentions = 0
    removed: set[int] = set()
    for start in range(0, len(ids), batch):
        with transaction(factory) as session:
            articles = session.scalars(select(Article).where(
                Article.id.in_(ids[start : start + batch])).order_by(Article.id)).all()
            done = restore_analyses(session, [(a.id, a, analyze(a, known)) for a in articles])
            mentions += sum(len(found) for found in done.deal_ids)
            removed |= done.removed
    with transaction(factory) as session:
        deals = len(deals_of(session, ids))
    # a deal made by one batch and merged back by a later one was never there before
    return ReenrichResult(len(ids), mentions, deals, len({i for i in removed if i <= newest}))
