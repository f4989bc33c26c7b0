"""Grouping a target's stored reports into deals, and recomputing deals from their reports.

Whenever reports arrive (one mention as the crawl stores it, or every re-enriched report of a
target at once), every stored report that could be the same deal (same resolved target, same
type family) is grouped again with :func:`enrich.samedeal.cluster`, the one "same deal"
decision; the result depends on the set of reports only, not on their order. Which deal each
group continues is :func:`storage.dealmatch.heirs`: the deal most of its reports were in, else
the deal holding its key. A deal's fields are always recomputed from its mentions
(:mod:`storage.dealfields`). On Postgres a transaction-scoped advisory lock per target key
serialises concurrent writers.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import bindparam, delete, insert, select, text
from sqlalchemy.orm import Session

from enrich import samedeal
from enrich.samedeal import DealFacts
from storage import organizations
from storage.dealfields import (
    deal_key,
    deal_party_roles,
    deal_seller,
    mention_facts,
    names,
    summarize,
)
from storage.dealmatch import heirs
from storage.models import Article, Deal, DealParty, StoredMention, new_deal_key


@dataclass(frozen=True)
class Report:
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
ARTICLE_FIELDS = (Article.canonical_url, Article.language, Article.ai_related,
                  Article.published_on)


def lock_targets(session: Session, keys: Sequence[str]) -> None:
    """Take the advisory lock of every target key, in one order (Postgres only)."""
    if session.get_bind().dialect.name == "postgresql":
        for key in sorted(set(keys)):
            lock_id = zlib.crc32(key.encode()) - 2**31
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_id})


def lookup_keys(mention: StoredMention) -> list[str]:
    """Target keys under which another report of this deal may be stored."""
    if samedeal.family(mention.deal_type) == "capital":
        return [mention.target_key or ""]
    buyers = (samedeal.org_key(b) for b in names(mention.buyers))
    return sorted({mention.target_key or "", *buyers})


#: Every stored report, with its deal, of every deal that has a report of one of ``types``
#: under one of ``keys`` (built once: building a statement costs as much as running it).
_NEIGHBOURHOOD = (
    select(StoredMention, *ARTICLE_FIELDS, Deal)
    .join(Article, Article.id == StoredMention.article_id)
    .join(Deal, Deal.id == StoredMention.deal_id)
    .where(StoredMention.deal_id.in_(
        select(StoredMention.deal_id).where(
            StoredMention.target_key.in_(bindparam("keys", expanding=True)),
            StoredMention.deal_type.in_(bindparam("types", expanding=True)))))
)


def neighbourhood(session: Session, keys: Sequence[str],
                  deal_type: str) -> tuple[list[Report], list[Deal]]:
    """Every stored report of every deal that has a report of this family under ``keys``,
    and those deals (loaded by the same query, so in the identity map)."""
    fam = samedeal.family(deal_type)
    types = [t for t, f in samedeal.FAMILIES.items() if f == fam] or [deal_type]
    rows = session.execute(_NEIGHBOURHOOD, {"keys": list(keys), "types": types}).all()
    deals = {id(r[-1]): r[-1] for r in rows}
    return [Report(*r[:-1]) for r in rows], sorted(deals.values(), key=lambda d: d.id)


@dataclass
class Regrouped:
    """What :func:`regroup` did: each arriving report's deal (by ``id()`` of the report) and
    the deals it left for the caller to prune (emptied, or whose key another group took)."""

    deal_of: dict[int, Deal]
    leftovers: set[int]


def regroup(session: Session, reports: list[Report], arriving: Sequence[Report],
            known: list[Deal], replacing: bool = False) -> Regrouped:
    """Group ``reports`` (the stored ones and ``arriving``) into deals and move mentions.

    ``known``: the deals the stored reports are in. A deal is recomputed when its reports
    change, reports it lost included. ``known`` deals left with no report are deleted.
    ``replacing`` (re-enrichment): an arriving report's ``deal_id`` is the deal its article's
    report was in before and counts as such, deals go to the group holding most of their
    reports (:func:`storage.dealmatch.heirs`), and emptied deals are left to the caller,
    since reports of another target may still come back to them.
    """
    groups = [[reports[i] for i in g] for g in samedeal.cluster([r.facts for r in reports])]
    keys = [deal_key(g) for g in groups]
    before = Counter(r.deal_id for r in reports if r.deal_id is not None)
    deals, holders = _assign(session, groups, keys, known, replacing)
    fresh = {id(r) for r in arriving}
    changed, deal_of = [], {}
    for group, key, deal in zip(groups, keys, deals, strict=True):
        if before[deal.id] != len(group) or any(
                r.deal_id != deal.id or id(r) in fresh for r in group):
            changed.append((deal, key, group))
        for r in group:
            r.mention.deal_id = deal.id
            if id(r) in fresh:
                session.add(r.mention)
                deal_of[id(r)] = deal
    session.flush()  # every mention is in its deal before any deal goes
    emptied = before.keys() - {d.id for d in deals}
    loaded = set() if replacing else {d.id for d in known}
    for deal_id in sorted(emptied & loaded):
        session.delete(session.get_one(Deal, deal_id))
    session.flush()
    leftovers = (emptied - loaded) | _vacate(session, changed, holders, emptied & loaded)
    for deal, _, group in changed:
        refresh_deal(session, deal, group)
    return Regrouped(deal_of, leftovers)


_BY_KEY = select(Deal).where(Deal.deal_key == bindparam("key"))


def _assign(session: Session, groups: list[list[Report]], keys: list[str], known: list[Deal],
            majority: bool) -> tuple[list[Deal], dict[str, Deal]]:
    """The deal each group continues (:func:`storage.dealmatch.heirs`), new deals made; and
    the deals holding the groups' keys now.

    Keys are unique: a deal of ``known`` holding the key is the one the database has under
    it, so only a key no known deal holds is looked up.
    """
    holders = {}
    for key in keys:
        found = next((d for d in known if d.deal_key == key), None)
        if found is None:
            found = session.scalars(_BY_KEY, {"key": key}).first()
        if found is not None:
            holders[key] = found
    votes = [Counter(r.deal_id for r in g if r.deal_id is not None) for g in groups]
    picked = heirs(votes, keys, {key: d.id for key, d in holders.items()}, majority)
    deals = []
    for group, key, deal_id in zip(groups, keys, picked, strict=True):
        if deal_id is None:
            deals.append(_new_deal(session, group, key if key not in holders else new_deal_key()))
            known.append(deals[-1])
        else:
            deals.append(session.get_one(Deal, deal_id))
    return deals, holders


def _new_deal(session: Session, group: list[Report], key: str) -> Deal:
    first = group[0]
    deal = Deal(deal_key=key, parties_key="", buyers="", target=first.target,
                deal_type=first.deal_type, status=first.status, first_seen_at=first.seen_at,
                last_seen_at=first.seen_at, updated_at=datetime.now(UTC))
    session.add(deal)
    session.flush()
    return deal


def _vacate(session: Session, changed: list[tuple[Deal, str, list[Report]]],
            holders: dict[str, Deal], deleted: set[int]) -> set[int]:
    """Give a placeholder key to every deal still holding a key another group's deal is
    about to take; return those no group recomputes."""
    recomputed = {deal.id for deal, _, _ in changed}
    moved = set()
    for deal, key, _ in changed:
        holder = holders.get(key)
        if holder is not None and holder.id != deal.id and holder.id not in deleted:
            holder.deal_key = new_deal_key()
            moved.add(holder.id)
    if moved:
        session.flush()
    return moved - recomputed


_CLEAR_PARTIES = delete(DealParty).where(DealParty.deal_id == bindparam("deal_id"))
_ADD_PARTIES = insert(DealParty.metadata.tables[DealParty.__tablename__])  # Core: one executemany


def reports_of(session: Session, deal_id: int) -> list[Report]:
    """Every stored report of one deal."""
    rows = session.execute(
        select(StoredMention, *ARTICLE_FIELDS)
        .join(Article, Article.id == StoredMention.article_id)
        .where(StoredMention.deal_id == deal_id)
    ).all()
    return [Report(*r) for r in rows]


def refresh_deal(session: Session, deal: Deal, reports: list | None = None) -> None:
    """Recompute a deal's fields, key and parties from all its mentions."""
    reports = reports if reports is not None else reports_of(session, deal.id)
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
