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
from storage.restore import restore_analyses

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
                      ) -> ReenrichResult:
    """Oldest first, one batch per transaction; each batch's reports replace its articles'
    at once (:func:`storage.restore.restore_analyses`), so deals keep their ids and events.

    ``since`` is the publication date, ``fetched_since`` the fetch date. The known
    organizations are read once, before the first batch. ``analyze(article, known)`` is the
    enrichment to run (the pages pipeline's).
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
    mentions = removed = 0
    deal_ids: set[int] = set()
    for start in range(0, len(ids), BATCH):
        with transaction(factory) as session:
            articles = session.scalars(select(Article).where(
                Article.id.in_(ids[start : start + BATCH])).order_by(Article.id)).all()
            done = restore_analyses(session, [(a.id, a, analyze(a, known)) for a in articles])
            mentions += sum(len(found) for found in done.deal_ids)
            deal_ids.update(d for found in done.deal_ids for d in found)
            removed += done.removed
    return ReenrichResult(len(ids), mentions, len(deal_ids), removed)
