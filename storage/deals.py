"""Deal mentions and their merging into deals.

A mention joins an existing deal when the parties match after alias resolution, the types are
compatible and it falls within the time window (``enrich.dealmerge`` decides, as pure code).
A deal's fields are always recomputed from its mentions, so re-enrichment is idempotent.
On Postgres a transaction-scoped advisory lock on the parties key serialises concurrent
writers merging the same deal.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from enrich import dealmerge
from storage.models import Article, Deal, DealEvent, StoredMention


def store_analysis(
    session: Session, article_id: int, article: dict, analysis: dict, events: bool = True
) -> list[int]:
    """Record an article's enrichment and its deal mentions; return the affected deal ids.

    ``events=False`` (re-enrichment) records no new-deal or status-change events.
    """
    now = datetime.now(UTC)
    row = session.get(Article, article_id)
    if row is not None:
        row.ai_related = bool(analysis.get("ai_related"))
        row.deal_story = bool(analysis.get("deal_story"))
        row.tags = ",".join(analysis.get("tags") or ()) or None
        row.enriched_at = now
    seen_at = article.get("published_at") or article.get("fetched_at") or now
    deal_ids = []
    for index, mention in enumerate(analysis.get("deals") or ()):
        deal_ids.append(add_mention(session, article_id, index, mention, seen_at,
                                    bool(analysis.get("ai_related")), events))
    return deal_ids


def _lock_parties(session: Session, key: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        lock_id = zlib.crc32(key.encode()) - 2**31
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_id})


def find_deal(session: Session, mention: dict, key: str, seen_at: datetime) -> Deal | None:
    window = timedelta(days=dealmerge.DEAL_WINDOW_DAYS)
    candidates = session.scalars(
        select(Deal)
        .where(Deal.parties_key == key)
        .where(Deal.last_seen_at >= seen_at - window)
        .where(Deal.first_seen_at <= seen_at + window)
        .order_by(Deal.last_seen_at.desc())
    ).all()
    for deal in candidates:
        if dealmerge.types_compatible(deal.deal_type, mention["deal_type"]):
            return deal
    return None


def add_mention(
    session: Session, article_id: int, index: int, mention: dict, seen_at: datetime,
    ai_related: bool = True,
    events: bool = True,
) -> int:
    """Insert one mention, merging it into its deal (created if new); return the deal id."""
    buyers = list(mention.get("buyers") or ())
    key = dealmerge.parties_key(buyers, mention["target"])
    _lock_parties(session, key)
    deal = find_deal(session, mention, key, seen_at)
    old_status = deal.status if deal is not None else None
    if deal is None:
        deal = Deal(
            parties_key=key, buyers="; ".join(buyers), target=mention["target"],
            deal_type=mention["deal_type"], status=mention["status"], ai_related=ai_related,
            first_seen_at=seen_at, last_seen_at=seen_at, mention_count=0, updated_at=seen_at,
        )
        session.add(deal)
        session.flush()
    session.add(
        StoredMention(
            deal_id=deal.id, article_id=article_id, mention_index=index,
            buyers="; ".join(buyers), target=mention["target"], deal_type=mention["deal_type"],
            amount=mention.get("amount"), currency=mention.get("currency"),
            amount_usd=mention.get("amount_usd"), stake_percent=mention.get("stake_percent"),
            valuation=mention.get("valuation"),
            valuation_currency=mention.get("valuation_currency"), status=mention["status"],
            is_primary=bool(mention.get("is_primary")),
            confidence=float(mention.get("confidence") or 0.0),
            evidence=mention.get("evidence") or "", rule=mention.get("rule"), seen_at=seen_at,
        )
    )
    session.flush()
    refresh_deal(session, deal)
    if events:
        _record_event(session, deal, old_status, bool(mention.get("is_primary")))
    return deal.id


def _record_event(session: Session, deal: Deal, old_status: str | None, primary: bool) -> None:
    """A "new" event the first time a story is about the deal, then its status changes.

    Deals only cited in passing (non-primary mentions: "Microsoft, which put $13B into
    OpenAI, ...") raise no alert until an article is about them.
    """
    announced = session.scalar(select(DealEvent.id).where(DealEvent.deal_id == deal.id).limit(1))
    if announced is None:
        if not primary:
            return
        session.add(DealEvent(deal_id=deal.id, kind="new", new_status=deal.status,
                              created_at=datetime.now(UTC)))
    elif old_status != deal.status:
        session.add(DealEvent(deal_id=deal.id, kind="status", old_status=old_status,
                              new_status=deal.status, created_at=datetime.now(UTC)))


def refresh_deal(session: Session, deal: Deal) -> None:
    """Recompute a deal's headline fields from all its mentions."""
    rows = session.execute(
        select(StoredMention, Article.language, Article.canonical_url)
        .join(Article, Article.id == StoredMention.article_id)
        .where(StoredMention.deal_id == deal.id)
        .order_by(StoredMention.seen_at, StoredMention.id)
    ).all()
    if not rows:
        return
    mentions = [r[0] for r in rows]
    status = mentions[0].status
    for m in mentions[1:]:
        status = dealmerge.progress_status(status, m.status)
    deal.status = status
    deal.first_seen_at = mentions[0].seen_at
    deal.last_seen_at = mentions[-1].seen_at
    deal.mention_count = len(mentions)
    deal.languages = ",".join(sorted({r[1] for r in rows if r[1]})) or None
    primary = [r for r in rows if r[0].is_primary] or rows
    deal.source_url = primary[0][2]
    _headline_figures(deal, mentions)
    deal.updated_at = datetime.now(UTC)


def _headline_figures(deal: Deal, mentions: Sequence[StoredMention]) -> None:
    """The most recent specific figures win; primary mentions over passing references."""
    ranked = sorted(mentions, key=lambda m: (m.is_primary, m.seen_at, m.id))
    for m in ranked:
        if m.amount is not None:
            deal.amount, deal.currency, deal.amount_usd = m.amount, m.currency, m.amount_usd
        if m.stake_percent is not None:
            deal.stake_percent = m.stake_percent
        if m.valuation is not None:
            deal.valuation, deal.valuation_currency = m.valuation, m.valuation_currency
        if m.is_primary:
            deal.deal_type = m.deal_type


def clear_article_mentions(session: Session, article_ids: Sequence[int]) -> set[int]:
    """Remove these articles' mentions; return the ids of the deals they touched."""
    touched: set[int] = set()
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        touched.update(session.scalars(
            select(StoredMention.deal_id).where(StoredMention.article_id.in_(chunk))
        ))
        session.execute(delete(StoredMention).where(StoredMention.article_id.in_(chunk)))
    return touched


def prune_deals(session: Session, deal_ids: set[int]) -> int:
    """Delete touched deals left without mentions, refresh the others; return deletions."""
    removed = 0
    for deal_id in sorted(deal_ids):
        count = session.scalar(select(func.count()).where(StoredMention.deal_id == deal_id))
        deal = session.get(Deal, deal_id)
        if deal is None:
            continue
        if not count:
            session.delete(deal)
            removed += 1
        else:
            refresh_deal(session, deal)
    session.flush()
    return removed


def deal_to_dict(deal: Deal) -> dict:
    return {
        "id": deal.id, "buyers": deal.buyers.split("; ") if deal.buyers else [],
        "target": deal.target, "deal_type": deal.deal_type, "amount": deal.amount,
        "currency": deal.currency, "amount_usd": deal.amount_usd,
        "stake_percent": deal.stake_percent, "valuation": deal.valuation,
        "valuation_currency": deal.valuation_currency, "status": deal.status,
        "first_seen_at": deal.first_seen_at.isoformat(), "last_seen_at": deal.last_seen_at.isoformat(),
        "mention_count": deal.mention_count, "languages": deal.languages,
        "source_url": deal.source_url,
    }



def query_deals(
    session: Session,
    *,
    since: datetime | None = None,
    min_usd: float | None = None,
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    company: str | None = None,
    ai_only: bool = False,
    limit: int | None = 100,
) -> Sequence[Deal]:
    """Deals, most recently seen first, filtered as the CLI's ``deals`` command offers."""
    stmt = select(Deal).order_by(Deal.last_seen_at.desc(), Deal.id.desc())
    if since is not None:
        stmt = stmt.where(Deal.last_seen_at >= since)
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
    return session.scalars(stmt).all()


def deal_mentions(session: Session, deal_id: int) -> list[tuple[StoredMention, Article]]:
    rows = session.execute(
        select(StoredMention, Article)
        .join(Article, Article.id == StoredMention.article_id)
        .where(StoredMention.deal_id == deal_id)
        .order_by(StoredMention.seen_at, StoredMention.id)
    ).all()
    return [(m, a) for m, a in rows]
