"""Deal mentions and their grouping into deals.

Whenever a mention arrives, every stored report that could be the same deal (same resolved
target, same type family) is grouped again with :func:`enrich.samedeal.cluster`, the one
"same deal" decision; the result depends on the set of reports only, not on their order.
Each group keeps the deal whose ``deal_key`` it computes (the key follows from the earliest
report, so it survives re-enrichment), else the deal most of its reports were in.
A deal's fields are always recomputed from its mentions (:mod:`storage.dealfields`).
On Postgres a transaction-scoped advisory lock per target key serialises concurrent writers.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import bindparam, delete, func, insert, or_, select, text
from sqlalchemy.orm import Session

from enrich import samedeal
from enrich.model import Analysis, DealMention
from enrich.samedeal import DealFacts
from storage import organizations
from storage.dealfields import (
    deal_key,
    deal_party_roles,
    deal_seller,
    mention_facts,
    party_roles,
    summarize,
)
from storage.models import Article, Deal, DealEvent, DealParty, StoredMention
from storage.repo import like_pattern


@dataclass(frozen=True)
class _Report:
    """A stored (or arriving) mention with what grouping and summaries read."""

    mention: StoredMention
    canonical_url: str
    language: str | None
    ai_related: bool | None
    #: The article's publication day as its publisher wrote it (``storage.dealfields.report_day``).
    published_on: date | None = None
    #: What the same-deal decision reads of it, worked out once (grouping, the key and the
    #: summary all read them; nothing they depend on changes while the report is grouped).
    facts: DealFacts = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", mention_facts(self))

    def __getattr__(self, name):
        return getattr(self.mention, name)


#: What a report carries of its article.
_ARTICLE_FIELDS = (Article.canonical_url, Article.language, Article.ai_related,
                   Article.published_on)


def store_analysis(
    session: Session, article_id: int, article, analysis: Analysis, events: bool = True
) -> list[int]:
    """Record an article's enrichment and its deal mentions; return the affected deal ids.

    ``article`` gives ``published_at``/``fetched_at`` (a mapping or a record);
    ``events=False`` (re-enrichment) records no new-deal or status-change events.
    """
    now = datetime.now(UTC)
    row = session.get(Article, article_id)
    if row is not None:
        row.ai_related = bool(analysis.ai_related)
        row.deal_story = bool(analysis.deal_story)
        row.tags = ",".join(analysis.tags) or None
        row.enriched_at = now
    seen_at = _field(article, "published_at") or _field(article, "fetched_at") or now
    # every lock this article needs, in one order, so two writers never wait on each other
    rows = [new_mention(article_id, i, m, seen_at) for i, m in enumerate(analysis.deals)]
    _lock_targets(session, [key for row in rows for key in _lookup_keys(row)])
    return [
        add_mention(session, article_id, index, mention, seen_at, analysis.ai_related, events)
        for index, mention in enumerate(analysis.deals)
    ]


def _field(record, name: str):
    if isinstance(record, dict):
        return record.get(name)
    return getattr(record, name, None)


def _lock_targets(session: Session, keys: Sequence[str]) -> None:
    if session.get_bind().dialect.name == "postgresql":
        for key in sorted(set(keys)):
            lock_id = zlib.crc32(key.encode()) - 2**31
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_id})


def _lookup_keys(mention: StoredMention) -> list[str]:
    """Target keys under which another report of this deal may be stored."""
    if samedeal.family(mention.deal_type) == "capital":
        return [mention.target_key or ""]
    buyers = (samedeal.org_key(b) for b in _names(mention.buyers))
    return sorted({mention.target_key or "", *buyers})


def _names(joined: str | None) -> list[str]:
    return [n for n in (joined or "").split("; ") if n]


#: Every stored report, with its deal, of every deal that has a report of one of ``types``
#: under one of ``keys`` (built once: building a statement costs as much as running it).
_NEIGHBOURHOOD = (
    select(StoredMention, *_ARTICLE_FIELDS, Deal)
    .join(Article, Article.id == StoredMention.article_id)
    .join(Deal, Deal.id == StoredMention.deal_id)
    .where(StoredMention.deal_id.in_(
        select(StoredMention.deal_id).where(
            StoredMention.target_key.in_(bindparam("keys", expanding=True)),
            StoredMention.deal_type.in_(bindparam("types", expanding=True)))))
)


def _neighbourhood(session: Session, keys: Sequence[str],
                   deal_type: str) -> tuple[list[_Report], list[Deal]]:
    """Every stored report of every deal that has a report of this family under ``keys``,
    and those deals (loaded by the same query, so in the identity map)."""
    fam = samedeal.family(deal_type)
    types = [t for t, f in samedeal.FAMILIES.items() if f == fam] or [deal_type]
    rows = session.execute(_NEIGHBOURHOOD, {"keys": list(keys), "types": types}).all()
    deals = {id(r[-1]): r[-1] for r in rows}
    return [_Report(*r[:-1]) for r in rows], sorted(deals.values(), key=lambda d: d.id)


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
    keys = _lookup_keys(row)
    _lock_targets(session, keys)
    article = session.get(Article, article_id)
    arriving = _Report(row, article.canonical_url if article else str(article_id),
                       article.language if article else None, ai_related,
                       article.published_on if article else None)
    stored, known = _neighbourhood(session, keys, row.deal_type)
    reports = [*stored, arriving]
    old_status = {d.id: d.status for d in known}
    _count_parties(session, row, seen_at)
    deal = _regroup(session, reports, arriving, known)
    if events:
        _record_event(session, deal, old_status.get(deal.id), row.is_primary)
    return deal.id


def _count_parties(session: Session, row: StoredMention, seen_at: datetime) -> None:
    for name, role in party_roles([row]):
        organizations.count_mention(session, name, seen_at, role)


def _regroup(session: Session, reports: list[_Report], arriving: _Report,
             known: list[Deal]) -> Deal:
    """Group ``reports`` into deals, move mentions accordingly; return ``arriving``'s deal.

    ``known``: the deals the stored reports are in (new deals join it as they are made).
    A deal is recomputed when its reports change, reports it lost included.
    """
    groups = [[reports[i] for i in g] for g in samedeal.cluster([r.facts for r in reports])]
    before = Counter(r.deal_id for r in reports if r.deal_id is not None)
    taken: set[int] = set()
    result = None
    for group in groups:
        deal = _deal_for(session, group, taken, known)
        taken.add(deal.id)
        changed = before[deal.id] != len(group) or any(r.deal_id != deal.id for r in group)
        for r in group:
            r.mention.deal_id = deal.id
        if arriving in group:
            session.add(arriving.mention)
            result = deal
        if changed or arriving in group:
            session.flush()
            refresh_deal(session, deal, group)
    for deal_id in before.keys() - taken:
        emptied = session.get(Deal, deal_id)
        if emptied is not None:
            session.delete(emptied)
    session.flush()
    assert result is not None
    return result


_BY_KEY = select(Deal).where(Deal.deal_key == bindparam("key"))
_ANY_EVENT = select(DealEvent.id).where(DealEvent.deal_id == bindparam("deal_id")).limit(1)
_CLEAR_PARTIES = delete(DealParty).where(DealParty.deal_id == bindparam("deal_id"))
_ADD_PARTIES = insert(DealParty.metadata.tables[DealParty.__tablename__])  # Core: one executemany


def _deal_for(session: Session, group: list[_Report], taken: set[int],
              known: list[Deal]) -> Deal:
    """The deal holding this group's key, else the one most of it was in, else a new one.

    Keys are unique: a deal of ``known`` holding the key is the one the database has under
    it, so only a key no known deal holds is looked up.
    """
    key = deal_key(group)
    found = next((d for d in known if d.deal_key == key), None)
    if found is None:
        found = session.scalars(_BY_KEY, {"key": key}).first()
    if found is not None and found.id not in taken:
        return found
    votes = Counter(r.deal_id for r in group if r.deal_id is not None and r.deal_id not in taken)
    if votes:
        best = min(votes, key=lambda d: (-votes[d], d))
        return session.get_one(Deal, best)
    first = group[0]
    deal = Deal(deal_key=key, parties_key="", buyers="", target=first.target,
                deal_type=first.deal_type, status=first.status, first_seen_at=first.seen_at,
                last_seen_at=first.seen_at, updated_at=datetime.now(UTC))
    session.add(deal)
    session.flush()
    known.append(deal)
    return deal


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


def _reports_of(session: Session, deal_id: int) -> list[_Report]:
    rows = session.execute(
        select(StoredMention, *_ARTICLE_FIELDS)
        .join(Article, Article.id == StoredMention.article_id)
        .where(StoredMention.deal_id == deal_id)
    ).all()
    return [_Report(*r) for r in rows]


def refresh_deal(session: Session, deal: Deal, reports: list | None = None) -> None:
    """Recompute a deal's fields, key and parties from all its mentions."""
    reports = reports if reports is not None else _reports_of(session, deal.id)
    if not reports:
        return
    for name, value in summarize(reports).items():
        setattr(deal, name, value)
    deal.seller = deal_seller(reports)
    deal.deal_key = deal_key(reports)
    deal.updated_at = datetime.now(UTC)
    session.execute(_CLEAR_PARTIES, {"deal_id": deal.id})
    first_seen = min(r.seen_at for r in reports)
    parties = [{"deal_id": deal.id, "organization_id": organizations.id_of(
        session, name, first_seen, role), "role": role} for name, role in deal_party_roles(reports)]
    if parties:
        session.execute(_ADD_PARTIES, parties)
    session.flush()


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
        "id": deal.id, "deal_key": deal.deal_key, "buyers": _names(deal.buyers),
        "target": deal.target, "deal_type": deal.deal_type, "round_stage": deal.round_stage,
        "amount": deal.amount, "currency": deal.currency, "amount_usd": deal.amount_usd,
        "stake_percent": deal.stake_percent, "valuation": deal.valuation,
        "valuation_currency": deal.valuation_currency, "status": deal.status,
        "lead_investors": _names(deal.lead_investors), "investors": _names(deal.investors),
        "seller": deal.seller,
        "announced_on": deal.announced_on.isoformat() if deal.announced_on else None,
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
