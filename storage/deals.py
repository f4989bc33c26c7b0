"""Deal mentions and their grouping into deals.

Storing a mention groups every stored report that could be the same deal with it again
(:mod:`storage.grouping`): each group keeps the deal most of its reports were in, else the
one holding the key it computes (the key follows from the earliest report, so it survives
re-enrichment). Re-enrichment replaces articles' reports and regroups each target once
(:mod:`storage.restore`). A deal's fields are always recomputed from its mentions
(:mod:`storage.dealfields`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, func, or_, select
from sqlalchemy.orm import Session

from enrich import samedeal
from enrich.model import Analysis, DealMention
from storage import organizations
from storage.dealfields import names, party_roles
from storage.grouping import (
    Report,
    lock_targets,
    lookup_keys,
    neighbourhood,
    refresh_deal,
    regroup,
)
from storage.models import Article, Deal, DealEvent, DealParty, StoredMention
from storage.repo import like_pattern


def store_analysis(
    session: Session, article_id: int, article, analysis: Analysis, events: bool = True
) -> list[int]:
    """Record an article's enrichment and its deal mentions; return the affected deal ids.

    ``article`` gives ``published_at``/``fetched_at`` (a mapping or a record);
    ``events=False`` (re-enrichment) records no new-deal or status-change events.
    """
    seen_at = record_enrichment(session, article_id, article, analysis)
    # every lock this article needs, in one order, so two writers never wait on each other
    rows = [new_mention(article_id, i, m, seen_at) for i, m in enumerate(analysis.deals)]
    lock_targets(session, [key for row in rows for key in lookup_keys(row)])
    return [
        add_mention(session, article_id, index, mention, seen_at, analysis.ai_related, events)
        for index, mention in enumerate(analysis.deals)
    ]


def record_enrichment(session: Session, article_id: int, article, analysis: Analysis) -> datetime:
    """Write the analysis' flags and tags on the article; return when its reports were seen
    (its publication, else its fetch, else now)."""
    now = datetime.now(UTC)
    row = session.get(Article, article_id)
    if row is not None:
        row.ai_related = bool(analysis.ai_related)
        row.deal_story = bool(analysis.deal_story)
        row.tags = ",".join(analysis.tags) or None
        row.enriched_at = now
    return _field(article, "published_at") or _field(article, "fetched_at") or now


def _field(record, name: str):
    if isinstance(record, dict):
        return record.get(name)
    return getattr(record, name, None)


def new_mention(
    article_id: int, index: int, mention: DealMention, seen_at: datetime
) -> StoredMention:
    """The row for one analysed mention (not yet attached to a deal)."""
    leads = tuple(getattr(mention, "lead_investors", ()) or ())
    return StoredMention(
        article_id=article_id, mention_index=index, buyers="; ".join(mention.buyers),
        lead_investors="; ".join(leads) or None, seller=getattr(mention, "seller", None),
        target=mention.target,
        target_key=samedeal.org_key(mention.target), deal_type=mention.deal_type,
        round_stage=getattr(mention, "round_stage", None), amount=mention.amount,
        currency=mention.currency, amount_usd=mention.amount_usd,
        stake_percent=mention.stake_percent, valuation=mention.valuation,
        valuation_currency=mention.valuation_currency, status=mention.status,
        is_primary=bool(mention.is_primary), cited_on=getattr(mention, "cited_on", None),
        confidence=float(mention.confidence or 0.0), evidence=mention.evidence or "",
        rule=mention.rule, seen_at=seen_at,
    )


def add_mention(
    session: Session, article_id: int, index: int, mention: DealMention, seen_at: datetime,
    ai_related: bool = True, events: bool = True,
) -> int:
    """Insert one mention, grouping it with the reports of its deal; return the deal id."""
    row = new_mention(article_id, index, mention, seen_at)
    keys = lookup_keys(row)
    lock_targets(session, keys)
    arriving = report_of(session, row, ai_related)
    stored, known = neighbourhood(session, keys, row.deal_type)
    old_status = {d.id: d.status for d in known}
    count_parties(session, row, seen_at)
    done = regroup(session, [*stored, arriving], [arriving], known)
    prune_deals(session, done.leftovers)
    deal = done.deal_of[id(arriving)]
    if events:
        _record_event(session, deal, old_status.get(deal.id), row.is_primary)
    return deal.id


def report_of(session: Session, row: StoredMention, ai_related: bool | None) -> Report:
    """A new mention row as a report, with what it carries of its article."""
    article = session.get(Article, row.article_id)
    if article is None:
        return Report(row, str(row.article_id), None, ai_related, None)
    return Report(row, article.canonical_url, article.language, ai_related, article.published_on)


def count_parties(session: Session, row: StoredMention, seen_at: datetime) -> None:
    for name, role in party_roles([row]):
        organizations.count_mention(session, name, seen_at, role)


_ANY_EVENT = select(DealEvent.id).where(DealEvent.deal_id == bindparam("deal_id")).limit(1)


def _record_event(session: Session, deal: Deal, old_status: str | None, primary: bool) -> None:
    """A "new" event the first time a story is about the deal, then its status changes.

    Deals only cited in passing (non-primary mentions: "Microsoft, which put $13B into
    OpenAI, ...") raise no alert until an article is about them.
    """
    announced = session.scalar(_ANY_EVENT, {"deal_id": deal.id})
    if announced is None:
        if not primary:
            return
        session.add(DealEvent(deal_id=deal.id, kind="new", new_status=deal.status,
                              created_at=datetime.now(UTC)))
    elif old_status is not None and old_status != deal.status:
        session.add(DealEvent(deal_id=deal.id, kind="status", old_status=old_status,
                              new_status=deal.status, created_at=datetime.now(UTC)))


def clear_article_mentions(session: Session, article_ids: Sequence[int]) -> set[int]:
    """Remove these articles' mentions; return the ids of the deals they touched."""
    touched: set[int] = set()
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        rows = session.scalars(
            select(StoredMention).where(StoredMention.article_id.in_(chunk))
        ).all()
        for row in rows:
            touched.add(row.deal_id)
            organizations.forget_mentions(session, [n for n, _ in party_roles([row])])
        session.execute(delete(StoredMention).where(StoredMention.article_id.in_(chunk)))
    return touched


def prune_deals(session: Session, deal_ids: set[int]) -> set[int]:
    """Delete touched deals left without mentions, refresh the others; return the deleted."""
    removed = set()
    for deal_id in sorted(deal_ids):
        count = session.scalar(select(func.count()).where(StoredMention.deal_id == deal_id))
        deal = session.get(Deal, deal_id)
        if deal is None:
            continue
        if not count:
            session.delete(deal)
            removed.add(deal_id)
        else:
            refresh_deal(session, deal)
    session.flush()
    return removed


def find_deal(session: Session, key_or_id: str | int) -> Deal | None:
    """A deal by numeric id or by its stable ``deal_key``."""
    text_key = str(key_or_id).strip()
    if text_key.isdigit():
        found = session.get(Deal, int(text_key))
        if found is not None:
            return found
    return session.scalars(select(Deal).where(Deal.deal_key == text_key)).first()


def deal_to_dict(deal: Deal) -> dict:
    return {
        "id": deal.id, "deal_key": deal.deal_key, "buyers": names(deal.buyers),
        "target": deal.target, "deal_type": deal.deal_type, "round_stage": deal.round_stage,
        "amount": deal.amount, "currency": deal.currency, "amount_usd": deal.amount_usd,
        "stake_percent": deal.stake_percent, "valuation": deal.valuation,
        "valuation_currency": deal.valuation_currency, "status": deal.status,
        "lead_investors": names(deal.lead_investors), "investors": names(deal.investors),
        "seller": deal.seller,
        "announced_on": deal.announced_on.isoformat() if deal.announced_on else None,
        "announced_precision": deal.announced_precision,
        "is_context_only": bool(deal.is_context_only),
        "first_seen_at": deal.first_seen_at.isoformat(),
        "last_seen_at": deal.last_seen_at.isoformat(),
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
    """Deals, most recently announced first, filtered as the CLI's ``deals`` command offers.

    ``since`` keeps deals announced since then: deals only cited in passing count at the
    date their citation gives, never at the citing article's date.
    """
    stmt = select(Deal).order_by(
        Deal.announced_on.desc().nulls_last(), Deal.last_seen_at.desc(), Deal.id.desc()
    )
    if since is not None:
        stmt = stmt.where(Deal.announced_on >= since.date())
    stmt = stmt.where(*deal_filters(min_usd, types, statuses, company, ai_only))
    if limit:
        stmt = stmt.limit(limit)
    return session.scalars(stmt).all()


def deal_filters(min_usd: float | None, types: Sequence[str], statuses: Sequence[str],
                 company: str | None, ai_only: bool) -> list:
    """The conditions of ``newsmon deals``' filters, shared by every query that offers them."""
    conditions = []
    if min_usd is not None:
        conditions.append(Deal.amount_usd >= min_usd)
    if types:
        conditions.append(Deal.deal_type.in_(list(types)))
    if statuses:
        conditions.append(Deal.status.in_(list(statuses)))
    if ai_only:
        conditions.append(Deal.ai_related.is_(True))
    if company:  # any party, by name or alias
        conditions.append(_names_company(company))
    return conditions


def _names_company(company: str):
    """Deals where an organization named like ``company`` (name or alias) is a party."""
    from storage.models import Organization

    pattern = like_pattern(company.lower())
    orgs = select(Organization.id).where(or_(
        func.lower(Organization.name).like(pattern, escape="\\"),
        func.lower(Organization.aliases).like(pattern, escape="\\"),
    ))
    return Deal.id.in_(select(DealParty.deal_id).where(DealParty.organization_id.in_(orgs)))


def deal_mentions(session: Session, deal_id: int) -> list[tuple[StoredMention, Article]]:
    rows = session.execute(
        select(StoredMention, Article)
        .join(Article, Article.id == StoredMention.article_id)
        .where(StoredMention.deal_id == deal_id)
        .order_by(StoredMention.seen_at, StoredMention.id)
    ).all()
    return [(m, a) for m, a in rows]


def deal_parties(session: Session, deal_id: int) -> list[tuple[str, str, str]]:
    """(organization, kind, role) of one deal."""
    from storage.models import Organization

    rows = session.execute(
        select(Organization.name, Organization.kind, DealParty.role)
        .join(DealParty, DealParty.organization_id == Organization.id)
        .where(DealParty.deal_id == deal_id).order_by(DealParty.role, Organization.name)
    ).all()
    return [(name, kind, role) for name, kind, role in rows]
