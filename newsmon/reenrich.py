"""Re-run enrichment over stored articles and rebuild mentions and deals idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from pages.process import analyze_article
from storage.db import transaction
from storage.deals import clear_article_mentions, prune_deals, store_analysis
from storage.models import Article
from storage.organizations import known_organizations

BATCH = 200


@dataclass(frozen=True)
class ReenrichResult:
    articles: int
    mentions: int
    deals: int
    removed: int


def reenrich_articles(factory, since: datetime | None = None,
                      fetched_since: datetime | None = None) -> ReenrichResult:
    """Oldest first, so deals grow in the order they were reported; one batch per transaction.

    ``since`` is the publication date, ``fetched_since`` the fetch date. The known
    organizations are read once, before the first batch.
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
        chunk = ids[start : start + BATCH]
        with transaction(factory) as session:
            touched = clear_article_mentions(session, chunk)
            session.flush()
            for article in session.scalars(select(Article).where(Article.id.in_(chunk))
                                           .order_by(Article.published_at.nulls_first())):
                analysis = analyze_article(article, known)
                found = store_analysis(session, article.id, article, analysis, events=False)
                mentions += len(found)
                deal_ids.update(found)
            removed += prune_deals(session, touched - deal_ids)
    return ReenrichResult(len(ids), mentions, len(deal_ids), removed)
